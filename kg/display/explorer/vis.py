"""What vis-network draws: node and edge items, their sizes and curves, canvas captions, and the options.

The items are the dicts pyvis' ``add_node``/``add_edge`` would make, built in linear time (pyvis scans Python
lists for duplicates on every call, which made rendering quadratic: minutes at 5,000 nodes). They carry ids,
colours, shapes, sizes and curves only: captions, edge labels and tooltips depend on the page's language and
are the page's to write (``assets/js/labels.mjs`` picks them from the node and edge records).
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

__all__ = ["vis_options", "vis_nodes", "vis_edges", "edge_shapes", "short_label", "node_size", "font_size",
           "darken", "stabilization_iterations", "LARGE_GRAPH"]

# Canvas labels longer than this many display columns (a CJK character counts two) are cut with
# "…"; tooltips and the side panel always show the full text. 64 keeps every Chinese indicator
# value ("指标 2025年一季度 6.2百分比") and most English names whole. Lines wrap (at spaces if any)
# beyond LABEL_WRAP_EMS times the label's font size: about 12 CJK or 24 Latin characters a line.
LABEL_MAX_COLUMNS = 64
LABEL_WRAP_EMS = 12

# Node size grows with the square root of the degree, so hubs stand out without swamping the view.
NODE_SIZE_BASE = 10
NODE_SIZE_PER_SQRT_DEGREE = 3
NODE_SIZE_MAX = 36

# Label font grows with the degree too, and small labels are not drawn when zoomed out (see
# vis_options): the overview names the hubs, zooming in names everything.
FONT_SIZE_BASE = 12
FONT_SIZE_PER_SQRT_DEGREE = 3.5
FONT_SIZE_MAX = 36

# CJK fonts first so that canvas labels (which do not inherit CSS) render Chinese, not boxes.
FONT_STACK = (
    '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", '
    '"Microsoft YaHei", "PingFang SC", sans-serif'
)

RANDOM_SEED = 20240601
STABILIZATION_ITERATIONS = 200

# Above this many nodes the page switches to its large-graph settings (see vis_options).
LARGE_GRAPH = 1000


def _columns(ch: str) -> int:
    """Display width of one character: 2 for wide/full-width (CJK) characters, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def short_label(text: str, limit: int = LABEL_MAX_COLUMNS) -> str:
    """`text` cut to at most `limit` display columns, ending in "…" when cut.

    A cut prefers the last space in the second half of the kept text, so words stay whole.

    >>> short_label("Binjiang innovation ecosystem", 16), short_label("杭州高新区滨江", 8)
    ('Binjiang…', '杭州高…')
    """
    if sum(map(_columns, text)) <= limit:
        return text
    kept, width = [], 1  # room for the ellipsis
    for ch in text:
        width += _columns(ch)
        if width > limit:
            break
        kept.append(ch)
    head = "".join(kept)
    space = head.rfind(" ")
    if space >= len(head) // 2:
        head = head[:space]
    return head.rstrip() + "…"


def node_size(degree: int) -> float:
    """The drawn size of a node with `degree` facts (in + out).

    >>> node_size(0), node_size(4), node_size(10_000)
    (10.0, 16.0, 36)
    """
    return round(min(NODE_SIZE_MAX, NODE_SIZE_BASE + NODE_SIZE_PER_SQRT_DEGREE * math.sqrt(degree)), 1)


def font_size(degree: int) -> float:
    """The label font size (canvas units) of a node with `degree` facts.

    >>> font_size(4)
    19.0
    """
    return round(min(FONT_SIZE_MAX, FONT_SIZE_BASE + FONT_SIZE_PER_SQRT_DEGREE * math.sqrt(degree)), 1)


def darken(hex_color: str, factor: float = 0.7) -> str:
    """`hex_color` (``#rrggbb``) with each channel scaled by `factor`; used for borders.

    >>> darken("#4e79a7")
    '#375575'
    """
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in rgb)


def edge_shapes(edges: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per-edge vis options that keep parallel, reverse and self-loop edges apart.

    A lone edge is drawn straight (cheapest to draw and to lay out); the n-th of several edges
    between the same pair, or an edge whose reverse also exists, is curved clockwise with growing
    roundness, so labels do not sit on top of each other. Clockwise curves of A→B and B→A bend to
    opposite sides. Self-loops get growing loop sizes.

    >>> edge_shapes([{"id": "e0", "from": "a", "to": "b"}, {"id": "e1", "from": "b", "to": "a"}])["e1"]
    {'smooth': {'enabled': True, 'type': 'curvedCW', 'roundness': 0.15}}
    """
    edges = list(edges)
    pairs = {(e["from"], e["to"]) for e in edges}
    seen: dict[tuple[str, str], int] = defaultdict(int)
    shapes: dict[str, dict[str, Any]] = {}
    for e in edges:
        pair = (e["from"], e["to"])
        n = seen[pair]
        seen[pair] += 1
        if e["from"] == e["to"]:
            shapes[e["id"]] = {"selfReference": {"size": 18 + 10 * n, "angle": 0.785}}
        elif n == 0 and (e["to"], e["from"]) not in pairs:
            shapes[e["id"]] = {"smooth": {"enabled": False}}
        else:
            shapes[e["id"]] = {"smooth": {"enabled": True, "type": "curvedCW",
                                          "roundness": round(0.15 + 0.2 * n, 2)}}
    return shapes


def stabilization_iterations(n_nodes: int) -> int:
    """The stabilisation budget: 200 iterations up to LARGE_GRAPH nodes, fewer beyond.

    One iteration costs about O(n log n), so the budget shrinks as 1/n above LARGE_GRAPH to keep the
    time to a still layout roughly constant (50 at 4,000 nodes and beyond).

    >>> stabilization_iterations(500), stabilization_iterations(2000), stabilization_iterations(9000)
    (200, 100, 50)
    """
    if n_nodes <= LARGE_GRAPH:
        return STABILIZATION_ITERATIONS
    return max(50, round(STABILIZATION_ITERATIONS * LARGE_GRAPH / n_nodes))


def vis_options(n_nodes: int = 0) -> dict[str, Any]:
    """vis-network options: bounded, seeded forceAtlas2 stabilisation, arrows, CJK fonts.

    Above LARGE_GRAPH nodes, vis-network's improvedLayout (a Kamada-Kawai pre-layout, quadratic in
    the number of nodes) is off, the iteration budget shrinks, labels need more zoom before they
    are drawn and edges are not drawn while dragging or zooming.
    """
    large = n_nodes > LARGE_GRAPH
    return {
        "autoResize": True,
        "layout": {"randomSeed": RANDOM_SEED, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            # forceAtlas2Based pulls the two big hubs (the district and its government) apart and
            # gives each its own neighbourhood; barnesHut piled them into one hairball.
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.015,
                "springLength": 70,
                "springConstant": 0.08,
                "damping": 0.4,
                "avoidOverlap": 0.6,
                # A coarser Barnes-Hut approximation on large graphs: about 1.5x faster to stable at
                # 5,000 nodes (benchmarks/explorer_layout.py), invisible at overview zoom.
                "theta": 0.9 if large else 0.5,
            },
            "adaptiveTimestep": not large,
            "stabilization": {
                "enabled": True,
                "iterations": stabilization_iterations(n_nodes),
                "updateInterval": 50,
                "fit": True,
            },
        },
        "nodes": {
            "shape": "dot",
            "size": 14,
            "borderWidth": 2,
            "font": {"face": FONT_STACK, "size": 15, "color": "#1f2933",
                     "strokeWidth": 4, "strokeColor": "#ffffff"},
            # A label is drawn once it would be at least 6px on screen (9px on large graphs):
            # the overview names the hubs, zooming in names everything.
            "scaling": {"label": {"enabled": False, "drawThreshold": 9 if large else 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "arrowStrikethrough": False,
            "color": {"color": "#9aa5b1", "highlight": "#323f4b", "hover": "#52606d"},
            "font": {"face": FONT_STACK, "size": 11, "color": "#52606d",
                     "strokeWidth": 3, "strokeColor": "#ffffff", "align": "horizontal"},
            "smooth": {"enabled": False},
            # Edge labels appear once zoomed in (11px * scale >= 9px): at overview zoom two hundred
            # property names only hide the nodes; hovering an edge still shows its tooltip.
            "scaling": {"label": {"drawThreshold": 12 if large else 9}},
            "width": 1.2,
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }


def vis_nodes(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
              classes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """vis-network node items of the node records: id, shape, colours, and sizes from the degree.

    >>> classes = [{"iri": "C", "color": "#4e79a7", "shape": "dot", "size": 1.0}]
    >>> item, = vis_nodes([{"id": "a", "type": "C"}], [], classes)
    >>> item["size"], item["mass"], item["color"]["border"]
    (10.0, 1.0, '#375575')
    """
    style_of = {c["iri"]: c for c in classes}
    degree: Counter[str] = Counter()
    for rec in edges:
        degree[rec["from"]] += 1
        degree[rec["to"]] += 1
    items = []
    for rec in nodes:
        cls = style_of[rec["type"]]
        fill, deg = cls["color"], degree[rec["id"]]
        items.append({
            "id": rec["id"],
            "shape": cls["shape"],
            "size": round(node_size(deg) * cls["size"], 1),
            "font": {"size": font_size(deg)},
            "widthConstraint": {"maximum": round(LABEL_WRAP_EMS * font_size(deg))},
            # Heavier hubs push their many neighbours further out, which untangles the centre.
            "mass": round(1 + math.sqrt(deg) / 2, 2),
            "color": {"background": fill, "border": darken(fill),
                      "highlight": {"background": fill, "border": "#1f2933"},
                      "hover": {"background": fill, "border": "#1f2933"}},
        })
    return items


def vis_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """vis-network edge items of the edge records (as pyvis' directed ``add_edge`` would make them).

    >>> vis_edges([{"id": "e0", "from": "a", "to": "a"}])
    [{'from': 'a', 'to': 'a', 'id': 'e0', 'arrows': 'to', 'selfReference': {'size': 18, 'angle': 0.785}}]
    """
    shapes = edge_shapes(edges)
    return [{"from": rec["from"], "to": rec["to"], "id": rec["id"], "arrows": "to", **shapes[rec["id"]]}
            for rec in edges]
