"""Render a knowledge graph as an offline, injection-safe, interactive HTML page.

We build the vis-network node/edge lists (in pyvis' format, but in linear time) and options; the page
itself comes from our own autoescaping Jinja2 template (``kg/display/explorer/assets/explorer.html.j2``), because
pyvis' template loads Bootstrap from a CDN and switches to ``innerHTML`` for tooltips (see
docs/pitfalls.md). vis-network's JavaScript and CSS are inlined from the copy that ships inside the
pyvis package, so the page opens without any network access. How classes are drawn comes from a
perspective file (``kg/perspectives/default.json``); evidence spans and document texts are cut into
highlighted segments here, so the page only assembles text nodes. Graph data travels as JSON in ``<script type="application/json">``
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

__all__ = ["render_explorer", "load_perspective", "LANGS", "PALETTE", "SHAPES", "UI_TEXT"]

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

_TEMPLATE_DIR = Path(__file__).resolve().parent / "assets"
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
    """Return one of our own static files from ``kg/display/explorer/assets`` (read raw, not Jinja-rendered)."""
    return (_TEMPLATE_DIR / filename).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """Return the autoescaping Jinja2 environment for ``kg/display/explorer/assets``."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


# --------------------------------------------------------------------------------------------
# Interface text (one source for the template's first paint and the page's language toggle)
# --------------------------------------------------------------------------------------------

UI_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "htmlLang": "zh-CN", "nodes": "节点", "edges": "关系", "legend": "图例",
        "legendHint": "点击类别可隐藏或显示", "hint": "点击节点查看详情", "iri": "IRI",
        "nameZh": "中文名", "nameEn": "英文名", "type": "类型", "evidence": "证据",
        "outgoing": "出边", "incoming": "入边", "none": "无", "close": "关闭", "property": "属性",
        "from": "起点", "to": "终点", "search": "搜索", "searchPlaceholder": "中文、英文或拼音（按 / 键）",
        "noMatch": "没有匹配的实体", "source": "原文", "sourceTitle": "原文与证据",
        "sourceHint": "高亮部分是证据；点击查看它支持的事实。", "showInSource": "在原文中查看",
        "measures": "指标数值", "indicator": "指标", "value": "数值", "period": "时期", "rank": "排名",
        "supports": "该片段支持的事实", "hidden": "已隐藏", "graph": "图谱", "language": "语言",
        "closeSource": "关闭原文",
    },
    "en": {
        "htmlLang": "en", "nodes": "nodes", "edges": "edges", "legend": "Legend",
        "legendHint": "Click a class to hide or show it", "hint": "Click a node to see its details",
        "iri": "IRI", "nameZh": "Chinese name", "nameEn": "English name", "type": "Type",
        "evidence": "Evidence", "outgoing": "Outgoing", "incoming": "Incoming", "none": "none",
        "close": "Close", "property": "Property", "from": "From", "to": "To", "search": "Search",
        "searchPlaceholder": "Chinese, English or pinyin (press /)", "noMatch": "No matching entity",
        "source": "Source", "sourceTitle": "Source text and evidence",
        "sourceHint": "Highlights are evidence; click one to see the facts it supports.",
        "showInSource": "Show in source", "measures": "Indicator values", "indicator": "Indicator",
        "value": "Value", "period": "Period", "rank": "Rank", "supports": "Facts this passage supports",
        "hidden": "hidden", "graph": "Graph", "language": "Language", "closeSource": "Close source",
    },
}


# --------------------------------------------------------------------------------------------
# Perspectives: how each class is drawn (kg/perspectives/default.json documents the format)
# --------------------------------------------------------------------------------------------

DEFAULT_PERSPECTIVE = Path(__file__).resolve().parent / "perspectives" / "default.json"
PERSPECTIVE_SHAPES = ("dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon")
CAPTIONS = ("label", "type", "none")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _check_style(style: Any, where: str, source: str) -> dict[str, Any]:
    """Return a validated style dict (colour, shape, size, caption; any may be missing).

    ``color`` is accepted as a spelling of ``colour``. Raises ValueError naming ``source`` and the
    offending key, so a typo in a hand-edited file is found at once.
    """
    def fail(key: str, why: str) -> ValueError:
        return ValueError(f"perspective {source}: {where}.{key}: {why}")

    if not isinstance(style, Mapping):
        raise ValueError(f"perspective {source}: {where}: expected an object, got {type(style).__name__}")
    out: dict[str, Any] = {}
    for key, value in style.items():
        if key.startswith("_"):
            continue  # comments
        if key in ("colour", "color"):
            if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value):
                raise fail(key, f"expected a colour like '#4e79a7', got {value!r}")
            out["colour"] = value.lower()
        elif key == "shape":
            if value not in PERSPECTIVE_SHAPES:
                raise fail(key, f"expected one of {', '.join(PERSPECTIVE_SHAPES)}, got {value!r}")
            out["shape"] = value
        elif key == "size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.1 <= value <= 5:
                raise fail(key, f"expected a number between 0.1 and 5 (a factor), got {value!r}")
            out["size"] = float(value)
        elif key == "caption":
            if value not in CAPTIONS:
                raise fail(key, f"expected one of {', '.join(CAPTIONS)}, got {value!r}")
            out["caption"] = value
        else:
            raise fail(key, "unknown key (known: colour, shape, size, caption)")
    return out


def load_perspective(perspective: "str | Path | Mapping[str, Any] | None" = None) -> dict[str, Any]:
    """Return a validated perspective ``{"default": style, "classes": {key: style}}``.

    ``perspective`` is a path to a JSON file, an already-parsed dict, or None for
    ``kg/perspectives/default.json``. Class keys are class local names or full IRIs.
    """
    if perspective is None:
        perspective = DEFAULT_PERSPECTIVE
    if isinstance(perspective, Mapping):
        source, data = "<dict>", perspective
    else:
        source = str(perspective)
        try:
            data = json.loads(Path(perspective).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"perspective {source}: cannot read: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"perspective {source}: not valid JSON: {exc}") from exc
    if not isinstance(data, Mapping):
        raise ValueError(f"perspective {source}: expected a JSON object at the top level")
    for key in data:
        if key not in ("default", "classes") and not key.startswith("_"):
            raise ValueError(f"perspective {source}: {key}: unknown key (known: default, classes)")
    classes = data.get("classes", {})
    if not isinstance(classes, Mapping):
        raise ValueError(f"perspective {source}: classes: expected an object")
    return {
        "default": _check_style(data.get("default", {}), "default", source),
        "classes": {str(k): _check_style(v, f"classes.{k}", source) for k, v in classes.items()},
    }


def class_style(iri: str, index: int, perspective: Mapping[str, Any]) -> dict[str, Any]:
    """Return colour, shape, size factor and caption of the class at ``index`` (sorted IRIs).

    The class's own entry (by IRI, else by local name) wins over the perspective's default, which
    wins over the built-in palette colour and shape of ``index``.
    """
    own = perspective["classes"].get(iri) or perspective["classes"].get(local_name(iri)) or {}
    style = {"colour": class_color(index), "shape": class_shape(index), "size": 1.0, "caption": "label"}
    style.update(perspective["default"])
    style.update(own)
    return style


# --------------------------------------------------------------------------------------------
# Search keys (pinyin computed here, so the page needs no dictionary)
# --------------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_KEY = re.compile(r"[^0-9a-z]+")
_PLAIN = "\x00"  # marks a chunk pypinyin passed through unchanged (not Chinese)


def pinyin_keys(text: str) -> list[str]:
    """Return the pinyin of ``text`` as full syllables ("yushukeji") and initials ("yskj").

    Non-Chinese runs are kept whole in both ("GDP 2024年" -> "gdp2024nian", "gdp2024n"). Empty when
    ``text`` has no Chinese character.
    """
    if not _HAN.search(text):
        return []
    from pypinyin import lazy_pinyin  # imported lazily: it loads a large dictionary

    syllables = lazy_pinyin(text, errors=lambda chunk: [_PLAIN + chunk])
    full = "".join(s.lstrip(_PLAIN) for s in syllables)
    initials = "".join(s[1:] if s.startswith(_PLAIN) else s[:1] for s in syllables)
    return [k for k in dict.fromkeys(_NOT_KEY.sub("", x.lower()) for x in (full, initials)) if k]


def search_keys(labels: Iterable[str]) -> list[str]:
    """Return the lower-case strings the page's search matches against: labels, then their pinyin."""
    labels = [_text(x) for x in labels if _text(x)]
    keys = [x.lower() for x in labels]
    for label in labels:
        keys.extend(pinyin_keys(label))
    return list(dict.fromkeys(keys))


# --------------------------------------------------------------------------------------------
# Indicator values
# --------------------------------------------------------------------------------------------

_MULTIPLIER = {4: ("万", " ×10⁴"), 8: ("亿", " ×10⁸")}
_COMPARATOR = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ "}
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_MEASURED_BY = ("indicator", "award")  # local names of the property naming what a fact measures


def format_measure(measure: Mapping[str, Any], what_zh: str = "", what_en: str = "") -> dict[str, str]:
    """Return a measure (see kg.graph.projection) as display strings per language: what, value, period, rank."""
    number = _text(measure.get("value"))
    if _text(measure.get("max")):
        number += "–" + _text(measure.get("max"))
    number = _COMPARATOR.get(_text(measure.get("comparator")), "") + number
    mult = measure.get("multiplier")
    if mult in _MULTIPLIER:
        mult_zh, mult_en = _MULTIPLIER[mult]
    elif mult:
        mult_zh = mult_en = " ×10" + str(mult).translate(_SUPERSCRIPT)
    else:
        mult_zh = mult_en = ""
    rank = measure.get("rank")
    scope_zh = _text(measure.get("rank_scope_zh"))
    scope_en = _text(measure.get("rank_scope_en")) or scope_zh
    return {
        "what_zh": what_zh or what_en, "what_en": what_en or what_zh,
        "value_zh": f"{number}{mult_zh}{_text(measure.get('unit_zh'))}",
        "value_en": f"{number}{mult_en} {_text(measure.get('unit_en'))}".strip(),
        "period_zh": _text(measure.get("period_zh")),
        "period_en": _text(measure.get("period_en")) or _text(measure.get("period_zh")),
        "rank_zh": "" if rank is None else f"第{rank}名" + (f"（{scope_zh}）" if scope_zh else ""),
        "rank_en": "" if rank is None else f"#{rank}" + (f" ({scope_en})" if scope_en else ""),
    }


# --------------------------------------------------------------------------------------------
# Graph → data
# --------------------------------------------------------------------------------------------

def _node_record(node_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Return the display record of one node, labels resolved for both languages."""
    fallback = local_name(node_id)
    type_iri = _text(attrs.get("type"))
    type_fallback = local_name(type_iri) if type_iri else ""
    zh = pick_label(attrs.get("label_zh"), attrs.get("label_en"), "zh", fallback)
    en = pick_label(attrs.get("label_zh"), attrs.get("label_en"), "en", fallback)
    return {
        "id": node_id,
        "name_zh": _text(attrs.get("label_zh")),
        "name_en": _text(attrs.get("label_en")),
        "label_zh": zh,
        "label_en": en,
        "short_zh": short_label(zh),
        "short_en": short_label(en),
        "type": type_iri,
        "type_label_zh": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "zh", type_fallback),
        "type_label_en": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "en", type_fallback),
        "quote": _text(attrs.get("quote")),
        "search": search_keys([zh, en, *as_quotes(attrs.get("alt_labels"))]),
        "spans": [],  # filled by collect_evidence
        "measure": None,  # filled by collect_measures
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
        "spans": [],  # filled by collect_evidence
    }


def collect_nodes(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return node records sorted by id, so the output never depends on insertion order."""
    return sorted((_node_record(str(n), attrs) for n, attrs in graph.nodes(data=True)),
                  key=lambda r: r["id"])


def _raw_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, Any, Mapping[str, Any]]]:
    """Return (source, target, key, attrs) of every edge, sorted by (source, target, predicate, key)."""
    if graph.is_multigraph():
        raw = [(str(u), str(v), k, a) for u, v, k, a in graph.edges(keys=True, data=True)]
    else:
        raw = [(str(u), str(v), a.get("predicate"), a) for u, v, a in graph.edges(data=True)]
    raw.sort(key=lambda t: (t[0], t[1], _text(t[3].get("predicate")) or _text(t[2]), _text(t[2])))
    return raw


def collect_edges(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return edge records sorted by (source, target, predicate) with stable ids ``e0``, ``e1``…"""
    return [_edge_record(f"e{i}", u, v, k, a) for i, (u, v, k, a) in enumerate(_raw_edges(graph))]


def collect_classes(nodes: Iterable[Mapping[str, Any]],
                    perspective: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Return one legend entry per class (sorted by class IRI): style, instance count and URL key.

    Without ``perspective`` every class gets the built-in palette colour and shape of its index.
    ``key`` names the class in the page's URL fragment: its local name, or its IRI when two
    classes share a local name.
    """
    perspective = perspective or {"default": {}, "classes": {}}
    counts: Counter[str] = Counter()
    labels: dict[str, tuple[str, str]] = {}
    for rec in nodes:
        counts[rec["type"]] += 1
        # First non-empty label wins; nodes arrive sorted, so this is deterministic.
        if rec["type"] not in labels or not any(labels[rec["type"]]):
            labels[rec["type"]] = (rec["type_label_zh"], rec["type_label_en"])
    names = Counter(local_name(iri) for iri in counts)
    classes = []
    for index, iri in enumerate(sorted(counts)):
        zh, en = labels[iri]
        style = class_style(iri, index, perspective)
        name = local_name(iri) or "-"
        classes.append({
            "iri": iri,
            "key": name if names[local_name(iri)] == 1 else iri,
            "label_zh": zh or "（无类型）",
            "label_en": en or "(untyped)",
            "color": style["colour"],
            "shape": style["shape"],
            "size": style["size"],
            "caption": style["caption"],
            "count": counts[iri],
        })
    return classes


def collect_measures(graph: nx.MultiDiGraph, nodes: list[dict[str, Any]]) -> None:
    """Attach the formatted ``measure`` of each fact node that holds a value (in place).

    What it measures is the label of its ``indicator`` (or ``award``) link, so the panel's table
    can say "实际利用外资 | 4.43亿美元 | 2025年一季度 | 第1名（浙江省）".
    """
    for rec in nodes:
        measure = graph.nodes[rec["id"]].get("measure") if rec["id"] in graph else None
        if not isinstance(measure, Mapping):
            continue
        what_zh = what_en = ""
        for _, target, key, attrs in sorted(graph.out_edges(rec["id"], keys=True, data=True),
                                            key=lambda t: (str(t[1]), str(t[2]))):
            if local_name(_text(attrs.get("predicate")) or _text(key)) in _MEASURED_BY:
                data = graph.nodes[target]
                what_zh, what_en = _text(data.get("label_zh")), _text(data.get("label_en"))
                break
        rec["measure"] = format_measure(measure, what_zh, what_en)


def _evidence_of(attrs: Mapping[str, Any]) -> list[tuple[str, int, int, str]]:
    """Return the well-formed evidence spans of a node or edge as (doc, start, end, quote)."""
    spans = []
    for ev in attrs.get("evidence") or []:
        if not isinstance(ev, Mapping):
            continue
        try:
            start, end = int(ev.get("start")), int(ev.get("end"))
        except (TypeError, ValueError):
            continue
        if 0 <= start < end:
            spans.append((_text(ev.get("doc")), start, end, _text(ev.get("quote"))))
    return spans


def collect_evidence(graph: nx.MultiDiGraph, nodes: list[dict[str, Any]],
                     edges: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (documents, spans) and link each node and edge record to its spans (in place).

    A span is one evidence passage ``{doc, start, end, quote, nodes, edges}`` (``doc`` is an index
    into documents, -1 if the text is not in the graph); the nodes and edges it supports are the
    facts the source view lists when the passage is clicked. Spans are numbered in (doc, start,
    end) order so the output is deterministic.
    """
    texts = graph.graph.get("documents") or {}
    doc_ids = sorted(str(d) for d in texts)
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    raw_edges = _raw_edges(graph)
    support: dict[tuple[str, int, int], dict[str, Any]] = {}

    def add(span: tuple[str, int, int, str], kind: str, ident: str) -> None:
        entry = support.setdefault(span[:3], {"quote": span[3], "nodes": [], "edges": []})
        if ident not in entry[kind]:
            entry[kind].append(ident)

    for rec in nodes:
        for span in _evidence_of(graph.nodes[rec["id"]]):
            add(span, "nodes", rec["id"])
    for rec, (_, _, _, attrs) in zip(edges, raw_edges):
        for span in _evidence_of(attrs):
            add(span, "edges", rec["id"])

    spans: list[dict[str, Any]] = []
    by_key: dict[tuple[str, int, int], int] = {}
    for key in sorted(support, key=lambda k: (doc_index.get(k[0], len(doc_ids)), k[0], k[1], k[2])):
        doc, start, end = key
        text = str(texts[doc].get("text") or "") if doc in texts else ""
        if doc in doc_index and end > len(text):
            start, end = min(start, len(text)), len(text)
        by_key[key] = len(spans)
        spans.append({"doc": doc_index.get(doc, -1) if start < end else -1, "start": start, "end": end,
                      "quote": support[key]["quote"], "nodes": support[key]["nodes"],
                      "edges": support[key]["edges"]})
    for rec in nodes:
        rec["spans"] = sorted({by_key[s[:3]] for s in _evidence_of(graph.nodes[rec["id"]])})
    for rec, (_, _, _, attrs) in zip(edges, raw_edges):
        rec["spans"] = sorted({by_key[s[:3]] for s in _evidence_of(attrs)})

    documents = []
    for i, doc in enumerate(doc_ids):
        info = texts[doc] if isinstance(texts[doc], Mapping) else {}
        text = str(info.get("text") or "")  # unstripped: offsets count from its first character
        mine = [(s["start"], s["end"], n) for n, s in enumerate(spans) if s["doc"] == i]
        documents.append({
            "id": doc,
            "title_zh": pick_label(info.get("title_zh"), info.get("title_en"), "zh", local_name(doc)),
            "title_en": pick_label(info.get("title_zh"), info.get("title_en"), "en", local_name(doc)),
            "segments": segment_text(text, mine),
        })
    return documents, spans


def segment_text(text: str, spans: list[tuple[int, int, int]]) -> list[list[Any]]:
    """Cut ``text`` at every span boundary; return ``[[piece, [span ids covering it]], ...]``.

    Overlapping and nested spans become consecutive segments, each listing every span that covers
    it, so the page can draw them as plain ``<mark>`` runs without nesting markup. Cutting here
    (not in the browser) also keeps offsets in Python code points, which JavaScript's UTF-16
    strings would count differently for characters outside the BMP.
    """
    cuts = sorted({0, len(text)} | {min(max(p, 0), len(text)) for s, e, _ in spans for p in (s, e)})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for start, end, ident in spans:
        starts[start].append((end, ident))
    active: list[tuple[int, int]] = []
    segments: list[list[Any]] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [x for x in active if x[0] > a] + starts.get(a, [])
        segments.append([text[a:b], sorted(ident for _, ident in active)])
    return segments


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


# Above this many nodes the page switches to its large-graph settings (see vis_options).
LARGE_GRAPH = 1000


def stabilization_iterations(n_nodes: int) -> int:
    """Return the stabilisation budget: 200 iterations up to LARGE_GRAPH nodes, fewer beyond.

    One iteration costs about O(n log n), so the budget shrinks as 1/n above LARGE_GRAPH to keep the
    time to a still layout roughly constant (50 at 4,000 nodes and beyond).
    """
    if n_nodes <= LARGE_GRAPH:
        return STABILIZATION_ITERATIONS
    return max(50, round(STABILIZATION_ITERATIONS * LARGE_GRAPH / n_nodes))


def vis_options(n_nodes: int = 0) -> dict[str, Any]:
    """Return vis-network options: bounded, seeded forceAtlas2 stabilisation, arrows, CJK fonts.

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
              classes: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Return vis-network node items (the dicts pyvis' ``add_node`` would make), in linear time.

    pyvis' ``add_node``/``add_edge`` scan Python lists for duplicates on every call, which made
    rendering quadratic (minutes at 5,000 nodes); building the same dicts here is linear. Only ids,
    captions, colours, shapes and sizes go in; tooltips are DOM Elements built by the page.
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
            "label": caption(rec, cls, lang),
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


def caption(rec: Mapping[str, Any], cls: Mapping[str, Any], lang: str) -> str:
    """Return the canvas caption of a node as its class's perspective asks: label, type or none."""
    if cls["caption"] == "none":
        return ""
    if cls["caption"] == "type":
        return cls[f"label_{lang}"]
    return rec[f"short_{lang}"]


def vis_edges(edges: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Return vis-network edge items (as pyvis' directed ``add_edge`` would make them)."""
    shapes = edge_shapes(edges)
    return [{"from": rec["from"], "to": rec["to"], "id": rec["id"], "label": rec[f"label_{lang}"],
             "arrows": "to", **shapes[rec["id"]]} for rec in edges]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def render_explorer(graph: "nx.MultiDiGraph", *, title: str, lang: str = "zh",
                    perspective: "str | Path | Mapping[str, Any] | None" = None) -> str:
    """Return a self-contained HTML page (str) drawing `graph`.

    The page needs no network access, is byte-identical for identical input, and writes every
    piece of graph data into the DOM as text. ``lang`` (``"zh"`` or ``"en"``) is the initial
    label language; the page has a toggle for the other one. ``perspective`` (a JSON file path or
    a dict; default ``kg/perspectives/default.json``) sets colour, shape, size and caption per
    class; an invalid one raises ValueError naming the file and the key.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    style = load_perspective(perspective)
    nodes = collect_nodes(graph)
    edges = collect_edges(graph)
    classes = collect_classes(nodes, style)
    collect_measures(graph, nodes)
    documents, spans = collect_evidence(graph, nodes, edges)
    payload = {"nodes": vis_nodes(nodes, edges, classes, lang), "edges": vis_edges(edges, lang),
               "options": vis_options(len(nodes))}

    vis_js = _assert_inlinable("vis-network.min.js", _vis_asset("vis-network.min.js"), "</script")
    vis_css = _assert_inlinable("vis-network.css", _vis_asset("vis-network.css"), "</style")
    app_js = _assert_inlinable("explorer.js", _own_asset("explorer.js"), "</script")
    app_css = _assert_inlinable("explorer.css", _own_asset("explorer.css"), "</style")

    meta = {"lang": lang, "ui": UI_TEXT, "classes": classes, "nodes": nodes, "edges": edges,
            "documents": documents, "spans": spans}
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
        ui=UI_TEXT[lang],
        n_nodes=len(nodes),
        n_edges=len(edges),
        csp=csp,
        vis_css=Markup(vis_css),
        app_css=Markup(app_css),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        vis_json=script_json(payload),
        meta_json=script_json(meta),
    )
