"""The explorer's data: node, edge, class, measure and evidence records of a projection, in both languages.

A projection (`kg.graph.projection.project_graph`, or any MultiDiGraph shaped like it) becomes plain JSON-ready
records, sorted so that the page never depends on insertion order. The page reads them from its embedded
data block and writes them into the DOM as text only.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping

import networkx as nx

from kg.display.explorer.perspective import class_style
from kg.display.explorer.search import search_keys
from kg.display.explorer.segments import evidence_spans, segment_text
from kg.display.explorer.vis import short_label
from kg.labels import amount_text, as_text, local_name, pick_label

__all__ = ["collect_nodes", "collect_edges", "collect_classes", "collect_measures", "collect_evidence",
           "format_measure", "as_quotes"]

_MEASURED_BY = ("indicator", "award")  # local names of the property naming what a fact measures


def as_quotes(value: Any) -> list[str]:
    """An evidence value (None, a string or an iterable) as a list of non-empty strings.

    >>> as_quotes(None), as_quotes(" 原文 "), as_quotes(["甲", "", None, "乙"])
    ([], ['原文'], ['甲', '乙'])
    """
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    return [q for q in (as_text(v) for v in value) if q]


def _node_record(node_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The display record of one node, labels resolved for both languages."""
    fallback = local_name(node_id)
    type_iri = as_text(attrs.get("type"))
    type_fallback = local_name(type_iri) if type_iri else ""
    zh = pick_label(attrs.get("label_zh"), attrs.get("label_en"), "zh", fallback)
    en = pick_label(attrs.get("label_zh"), attrs.get("label_en"), "en", fallback)
    return {
        "id": node_id,
        "name_zh": as_text(attrs.get("label_zh")),
        "name_en": as_text(attrs.get("label_en")),
        "label_zh": zh,
        "label_en": en,
        "short_zh": short_label(zh),
        "short_en": short_label(en),
        "type": type_iri,
        "type_label_zh": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "zh", type_fallback),
        "type_label_en": pick_label(attrs.get("type_label_zh"), attrs.get("type_label_en"), "en", type_fallback),
        "quote": as_text(attrs.get("quote")),
        "search": search_keys([zh, en, *as_quotes(attrs.get("alt_labels"))]),
        "spans": [],  # filled by collect_evidence
        "measure": None,  # filled by collect_measures
    }


def _edge_record(edge_id: str, source: str, target: str, key: Any, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The display record of one edge (one fact), property names resolved for both languages."""
    predicate = as_text(attrs.get("predicate")) or as_text(key)
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
    """Node records sorted by id, so the output never depends on insertion order."""
    return sorted((_node_record(str(n), attrs) for n, attrs in graph.nodes(data=True)),
                  key=lambda r: r["id"])


def raw_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, Any, Mapping[str, Any]]]:
    """(source, target, key, attrs) of every edge, sorted by (source, target, predicate, key)."""
    if graph.is_multigraph():
        raw = [(str(u), str(v), k, a) for u, v, k, a in graph.edges(keys=True, data=True)]
    else:
        raw = [(str(u), str(v), a.get("predicate"), a) for u, v, a in graph.edges(data=True)]
    raw.sort(key=lambda t: (t[0], t[1], as_text(t[3].get("predicate")) or as_text(t[2]), as_text(t[2])))
    return raw


def collect_edges(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Edge records sorted by (source, target, predicate) with stable ids ``e0``, ``e1``…"""
    return [_edge_record(f"e{i}", u, v, k, a) for i, (u, v, k, a) in enumerate(raw_edges(graph))]


def collect_classes(nodes: Iterable[Mapping[str, Any]],
                    perspective: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One legend entry per class (sorted by class IRI): style, instance count and URL key.

    Without `perspective` every class gets the built-in palette colour and shape of its index.
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


def format_measure(measure: Mapping[str, Any], what_zh: str = "", what_en: str = "") -> dict[str, str]:
    """A measure (see `kg.graph.projection`) as display strings per language: what, value, period, rank.

    >>> m = format_measure({"value": "4.43", "multiplier": 8, "unit_zh": "美元", "unit_en": "USD", "rank": 1,
    ...                     "rank_scope_zh": "浙江省", "period_zh": "2025年一季度"}, "实际利用外资")
    >>> m["value_zh"], m["value_en"], m["rank_zh"], m["rank_en"], m["what_en"], m["period_en"]
    ('4.43亿美元', '4.43 ×10⁸ USD', '第1名（浙江省）', '#1 (浙江省)', '实际利用外资', '2025年一季度')
    """
    amount = {"maximum": measure.get("max"), "multiplier": measure.get("multiplier"),
              "comparator": measure.get("comparator")}
    rank = measure.get("rank")
    scope_zh = as_text(measure.get("rank_scope_zh"))
    scope_en = as_text(measure.get("rank_scope_en")) or scope_zh
    return {
        "what_zh": what_zh or what_en, "what_en": what_en or what_zh,
        "value_zh": amount_text(measure.get("value"), **amount, unit=measure.get("unit_zh"), lang="zh"),
        "value_en": amount_text(measure.get("value"), **amount, unit=measure.get("unit_en"), lang="en"),
        "period_zh": as_text(measure.get("period_zh")),
        "period_en": as_text(measure.get("period_en")) or as_text(measure.get("period_zh")),
        "rank_zh": "" if rank is None else f"第{rank}名" + (f"（{scope_zh}）" if scope_zh else ""),
        "rank_en": "" if rank is None else f"#{rank}" + (f" ({scope_en})" if scope_en else ""),
    }


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
            if local_name(as_text(attrs.get("predicate")) or as_text(key)) in _MEASURED_BY:
                data = graph.nodes[target]
                what_zh, what_en = as_text(data.get("label_zh")), as_text(data.get("label_en"))
                break
        rec["measure"] = format_measure(measure, what_zh, what_en)


def collect_evidence(graph: nx.MultiDiGraph, nodes: list[dict[str, Any]],
                     edges: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(documents, spans), and each node and edge record linked to its spans (in place).

    A span is one evidence passage ``{doc, start, end, quote, nodes, edges}`` (``doc`` is an index
    into documents, -1 if the text is not in the graph); the nodes and edges it supports are the
    facts the source view lists when the passage is clicked. Spans are numbered in (doc, start,
    end) order so the output is deterministic. A document is its id, its titles and its text cut
    into segments (`kg.display.explorer.segments.segment_text`).
    """
    texts = graph.graph.get("documents") or {}
    doc_ids = sorted(str(d) for d in texts)
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    edge_attrs = [attrs for *_, attrs in raw_edges(graph)]
    support: dict[tuple[str, int, int], dict[str, Any]] = {}

    def add(span: tuple[str, int, int, str], kind: str, ident: str) -> None:
        entry = support.setdefault(span[:3], {"quote": span[3], "nodes": [], "edges": []})
        if ident not in entry[kind]:
            entry[kind].append(ident)

    for rec in nodes:
        for span in evidence_spans(graph.nodes[rec["id"]]):
            add(span, "nodes", rec["id"])
    for rec, attrs in zip(edges, edge_attrs):
        for span in evidence_spans(attrs):
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
        rec["spans"] = sorted({by_key[s[:3]] for s in evidence_spans(graph.nodes[rec["id"]])})
    for rec, attrs in zip(edges, edge_attrs):
        rec["spans"] = sorted({by_key[s[:3]] for s in evidence_spans(attrs)})

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
