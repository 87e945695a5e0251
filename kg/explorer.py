"""Render a knowledge graph as an offline, injection-safe, interactive HTML page.

pyvis builds the vis-network node/edge lists and options; the page itself comes from our own
autoescaping Jinja2 template (``kg/templates/explorer.html.j2``), because pyvis' template loads
Bootstrap from a CDN and switches to ``innerHTML`` for tooltips (see docs/pitfalls.md). vis-network's
JavaScript and CSS are inlined from the copy that ships inside the pyvis package, so the page opens
without any network access. Graph data travels as JSON in ``<script type="application/json">``
blocks and reaches the DOM only through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

__all__ = ["render_explorer", "LANGS", "PALETTE", "SHAPES"]

LANGS = ("zh", "en")

# Colour-blind-friendly-ish categorical palette (Tableau 10 + 2); a class gets the colour at the
# index of its IRI in the sorted class list, so colours never depend on dict or graph order.
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#8c564b",
)

# Node shapes, so that more classes than colours stay distinguishable: classes 0-11 are dots in the
# palette's colours, 12-23 squares, 24-35 diamonds, 36-47 triangles (then it wraps around).
# The legend draws the same shapes in CSS (``.kg-shape-*`` in explorer.css).
SHAPES = ("dot", "square", "diamond", "triangle")

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

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_VIS_DIR = "templates/lib/vis-9.1.2"


# --------------------------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------------------------

def _text(value: Any) -> str:
    """Return ``value`` as a stripped string; ``None`` becomes ``""``."""
    return "" if value is None else str(value).strip()


def local_name(iri: Any) -> str:
    """Return the last segment of an IRI (after ``#``, ``/`` or ``:``), or the IRI itself."""
    s = _text(iri)
    tail = s.rstrip("/#")
    for sep in ("#", "/", ":"):
        if sep in tail:
            tail = tail.rsplit(sep, 1)[1]
    return tail or s


def pick_label(zh: Any, en: Any, lang: str, fallback: str) -> str:
    """Return the label in ``lang``, else the other language's, else ``fallback``."""
    first, second = (zh, en) if lang == "zh" else (en, zh)
    return _text(first) or _text(second) or fallback


def as_quotes(value: Any) -> list[str]:
    """Normalise an evidence value (``None``, a string or an iterable) to a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    return [q for q in (_text(v) for v in value) if q]


def class_color(index: int) -> str:
    """Return the palette colour for the class at ``index`` in the sorted class list."""
    return PALETTE[index % len(PALETTE)]


def class_shape(index: int) -> str:
    """Return the node shape for the class at ``index``: a new shape each time the palette wraps."""
    return SHAPES[(index // len(PALETTE)) % len(SHAPES)]


def _columns(ch: str) -> int:
    """Display width of one character: 2 for wide/full-width (CJK) characters, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def short_label(text: str, limit: int = LABEL_MAX_COLUMNS) -> str:
    """Return ``text`` cut to at most ``limit`` display columns, ending in "…" when cut.

    A cut prefers the last space in the second half of the kept text, so words stay whole.
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
    """Return the drawn size of a node with ``degree`` facts (in + out)."""
    return round(min(NODE_SIZE_MAX, NODE_SIZE_BASE + NODE_SIZE_PER_SQRT_DEGREE * math.sqrt(degree)), 1)


def font_size(degree: int) -> float:
    """Return the label font size (canvas units) of a node with ``degree`` facts."""
    return round(min(FONT_SIZE_MAX, FONT_SIZE_BASE + FONT_SIZE_PER_SQRT_DEGREE * math.sqrt(degree)), 1)


def darken(hex_color: str, factor: float = 0.7) -> str:
    """Return ``hex_color`` (``#rrggbb``) with each channel scaled by ``factor``; used for borders."""
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in rgb)


def script_json(obj: Any) -> Markup:
    """Serialise ``obj`` for a ``<script type="application/json">`` block that data cannot leave.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, so escaping them as ``\\u003c`` etc.
    keeps ``</script>`` and ``<!--`` out of the markup while ``JSON.parse`` restores them exactly.
    U+2028/2029 are escaped too so the text stays valid if someone ever pastes it into JS source.
    """
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(raw, esc)
    return Markup(s)


def csp_hash(source: str) -> str:
    """Return the CSP ``'sha256-…'`` source expression that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _assert_inlinable(name: str, source: str, closing: str) -> str:
    """Return ``source`` unchanged after checking it cannot close its own ``<script>``/``<style>``."""
    lowered = source.lower()
    if closing in lowered or "<!--" in lowered:
        raise ValueError(f"{name} contains {closing!r} or '<!--' and cannot be inlined safely")
    return source


# --------------------------------------------------------------------------------------------
# Static assets
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _vis_asset(filename: str) -> str:
    """Return a file of the vis-network 9.1.2 copy that ships inside the pyvis package.

    The ``sourceMappingURL`` comment is dropped: the map is not shipped, and developer tools
    would otherwise try to fetch it next to the page.
    """
    text = (resources.files("pyvis") / _VIS_DIR / filename).read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)


@lru_cache(maxsize=None)
def _own_asset(filename: str) -> str:
    """Return one of our own static files from ``kg/templates`` (read raw, not Jinja-rendered)."""
    return (_TEMPLATE_DIR / filename).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """Return the autoescaping Jinja2 environment for ``kg/templates``."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


# --------------------------------------------------------------------------------------------
# Graph → data
# --------------------------------------------------------------------------------------------

def _node_record(node_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Return the display record of one node, labels resolved for both languages."""
    fallback = local_name(node_id)
    type_iri = _text(attrs.get("type"))
    type_fallback = local_name(type_iri) if type_iri else ""
    return {
        "id": node_id,
        "name_zh": _text(attrs.get("label_zh")),
        "name_en": _text(attrs.get("label_en")),
        "label_zh": pick_label(attrs.get("label_zh"), attrs.get("label_en"), "zh", fallback),
        "label_en": pick_label(attrs.get("label_zh"), attrs.get("label_en"), "en", fallback),
        "short_zh": short_label(pick_label(attrs.get("label_zh"), attrs.get("label_en"), "zh", fallback)),
        "short_en": short_label(pick_label(attrs.get("label_zh"), attrs.get("label_en"), "en", fallback)),
        "type": type_iri,
        "type_label_zh": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "zh", type_fallback),
        "type_label_en": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "en", type_fallback),
        "quote": _text(attrs.get("quote")),
    }


def _edge_record(edge_id: str, source: str, target: str, key: Any, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Return the display record of one edge (one fact), property names resolved for both languages."""
    predicate = _text(attrs.get("predicate")) or _text(key)
    fallback = local_name(predicate) or "?"
    return {
        "id": edge_id,
        "from": source,
        "to": target,
        "predicate": predicate,
        "label_zh": pick_label(attrs.get("label_zh"), attrs.get("label_en"), "zh", fallback),
        "label_en": pick_label(attrs.get("label_zh"), attrs.get("label_en"), "en", fallback),
        "quotes": as_quotes(attrs.get("quotes")),
    }


def collect_nodes(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return node records sorted by id, so the output never depends on insertion order."""
    return sorted((_node_record(str(n), attrs) for n, attrs in graph.nodes(data=True)),
                  key=lambda r: r["id"])


def collect_edges(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return edge records sorted by (source, target, predicate) with stable ids ``e0``, ``e1``…"""
    if graph.is_multigraph():
        raw = [(str(u), str(v), k, a) for u, v, k, a in graph.edges(keys=True, data=True)]
    else:
        raw = [(str(u), str(v), a.get("predicate"), a) for u, v, a in graph.edges(data=True)]
    raw.sort(key=lambda t: (t[0], t[1], _text(t[3].get("predicate")) or _text(t[2]), _text(t[2])))
    return [_edge_record(f"e{i}", u, v, k, a) for i, (u, v, k, a) in enumerate(raw)]


def collect_classes(nodes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return one legend entry per class (sorted by class IRI) with colour and instance count."""
    counts: Counter[str] = Counter()
    labels: dict[str, tuple[str, str]] = {}
    for rec in nodes:
        counts[rec["type"]] += 1
        # First non-empty label wins; nodes arrive sorted, so this is deterministic.
        if rec["type"] not in labels or not any(labels[rec["type"]]):
            labels[rec["type"]] = (rec["type_label_zh"], rec["type_label_en"])
    classes = []
    for index, iri in enumerate(sorted(counts)):
        zh, en = labels[iri]
        classes.append({
            "iri": iri,
            "label_zh": zh or "（无类型）",
            "label_en": en or "(untyped)",
            "color": class_color(index),
            "shape": class_shape(index),
            "count": counts[iri],
        })
    return classes


def edge_shapes(edges: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return per-edge vis options that keep parallel, reverse and self-loop edges apart.

    A lone edge is drawn straight (cheapest to draw and to lay out); the n-th of several edges
    between the same pair, or an edge whose reverse also exists, is curved clockwise with growing
    roundness, so labels do not sit on top of each other. Clockwise curves of A→B and B→A bend to
    opposite sides. Self-loops get growing loop sizes.
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


def vis_options() -> dict[str, Any]:
    """Return vis-network options: bounded, seeded forceAtlas2 stabilisation, arrows, CJK fonts."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": RANDOM_SEED, "improvedLayout": True},
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
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_ITERATIONS,
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
            # A label is drawn once it would be at least 5px on screen (fading in up to 6px).
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
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
            "scaling": {"label": {"drawThreshold": 9}},
            "width": 1.2,
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }


def build_network(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                  classes: list[dict[str, Any]], lang: str) -> Network:
    """Return a directed pyvis Network holding the graph's vis-network nodes, edges and options.

    Only ids, labels in ``lang``, colours and shapes go into pyvis; tooltips are DOM Elements that
    the page builds itself with ``textContent``, so no HTML string title ever exists.
    """
    net = Network(directed=True, height="100%", width="100%")
    style_of = {c["iri"]: (c["color"], c["shape"]) for c in classes}
    degree: Counter[str] = Counter()
    for rec in edges:
        degree[rec["from"]] += 1
        degree[rec["to"]] += 1
    for rec in nodes:
        fill, shape = style_of[rec["type"]]
        net.add_node(
            rec["id"],
            label=rec[f"short_{lang}"],
            shape=shape,
            size=node_size(degree[rec["id"]]),
            font={"size": font_size(degree[rec["id"]])},
            widthConstraint={"maximum": round(LABEL_WRAP_EMS * font_size(degree[rec["id"]]))},
            # Heavier hubs push their many neighbours further out, which untangles the centre.
            mass=round(1 + math.sqrt(degree[rec["id"]]) / 2, 2),
            color={"background": fill, "border": darken(fill),
                   "highlight": {"background": fill, "border": "#1f2933"},
                   "hover": {"background": fill, "border": "#1f2933"}},
        )
    shapes = edge_shapes(edges)
    for rec in edges:
        net.add_edge(rec["from"], rec["to"], id=rec["id"], label=rec[f"label_{lang}"],
                     **shapes[rec["id"]])
    net.options = vis_options()  # a plain dict is honoured by get_network_data()
    return net


def network_payload(net: Network) -> dict[str, Any]:
    """Return pyvis' node list, edge list and options as one JSON-ready dict."""
    vis_nodes, vis_edges, _heading, _height, _width, options_json = net.get_network_data()
    return {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json)}


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def render_explorer(graph: "nx.MultiDiGraph", *, title: str, lang: str = "zh") -> str:
    """Return a self-contained HTML page (str) drawing `graph`.

    The page needs no network access, is byte-identical for identical input, and writes every
    piece of graph data into the DOM as text. ``lang`` (``"zh"`` or ``"en"``) is the initial
    label language; the page has a toggle for the other one.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    nodes = collect_nodes(graph)
    edges = collect_edges(graph)
    classes = collect_classes(nodes)
    net = build_network(nodes, edges, classes, lang)

    vis_js = _assert_inlinable("vis-network.min.js", _vis_asset("vis-network.min.js"), "</script")
    vis_css = _assert_inlinable("vis-network.css", _vis_asset("vis-network.css"), "</style")
    app_js = _assert_inlinable("explorer.js", _own_asset("explorer.js"), "</script")
    app_css = _assert_inlinable("explorer.css", _own_asset("explorer.css"), "</style")

    meta = {"lang": lang, "classes": classes, "nodes": nodes, "edges": edges}
    # Only our two inline scripts may run: an injected <script> or on* handler would be refused
    # even if escaping ever failed (defence in depth; JSON blocks are data, not scripts).
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {csp_hash(vis_js)} {csp_hash(app_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    template = _environment().get_template("explorer.html.j2")
    return template.render(
        title=_text(title),
        lang=lang,
        html_lang="zh-CN" if lang == "zh" else "en",
        n_nodes=len(nodes),
        n_edges=len(edges),
        csp=csp,
        vis_css=Markup(vis_css),
        app_css=Markup(app_css),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        vis_json=script_json(network_payload(net)),
        meta_json=script_json(meta),
    )
