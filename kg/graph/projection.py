"""Project the RDF graph onto a NetworkX MultiDiGraph of entities, built from SPARQL answers.

Nodes are entities and n-ary fact nodes (indicator values, recognitions, quantities, photos) with their
type and labels; edges are directed, keyed by predicate IRI, labelled, and carry their evidence.
With ``collapse=True`` each n-ary node becomes direct edges between the entities it connects.

Evidence is a list of spans, each a dict ``{"doc", "start", "end", "quote"}`` (offsets into the raw text of
the document; ``graph.graph["documents"]`` maps each document IRI to its title and text). ``quotes`` and
``quote`` repeat the quote strings for callers that need only the text. A span dict is shared by every node
and edge that rests on it: treat it as read-only. Fact nodes that hold a value carry a
``measure`` dict (value, range, multiplier, unit, comparator, period, rank).
"""
from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager

import networkx as nx

from kg.labels import amount_text, local_name
from kg.ns import BJ, SDMX_DIM
from kg.progress import progress_bar
from kg.sparql import load as load_query
from kg.stores import MemoryStore, Store


def _text(text: str | None) -> str:
    return text or ""


def _evidence(rows, spans: dict[str, dict]) -> dict:
    """Group ``(*key, span)`` rows by key into lists of span dicts, sorted by document and position."""
    grouped = defaultdict(list)
    for *key, span in rows:
        if span in spans:
            grouped[key[0] if len(key) == 1 else tuple(key)].append(spans[span])
    return {key: sorted(found, key=_position) if len(found) > 1 else found for key, found in grouped.items()}


def _position(span: dict) -> tuple:
    return span["doc"], span["start"], span["end"], span["quote"]


def _quotes(evidence: list[dict]) -> list[str]:
    if len(evidence) == 1:
        return [evidence[0]["quote"]]
    return sorted({span["quote"] for span in evidence})


def project_graph(source, *, collapse: bool = False) -> nx.MultiDiGraph:
    """Project an rdflib Graph or a Store onto a MultiDiGraph of entities and fact nodes.

    Parameters
    ----------
    source : rdflib.Graph or Store
    collapse : bool
        Replace each n-ary fact node by edges between the entities it links (default: keep it).

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> G = project_graph(KnowledgeGraph.load().store)  # doctest: +SKIP
    """
    store = source if isinstance(source, Store) else MemoryStore(source)
    with _gc_paused(), progress_bar("projecting", total=4, unit="step") as steps:
        graph, nary = _project(store, steps)
    return _collapse(graph, nary - _photos(graph)) if collapse else graph


# The queries of kg/sparql/projection_*.rq, by the name of their answer. Longest first (at 10^6 triples), so
# that side by side the engine's threads finish together.
QUERY_NAMES = ("edges", "fact_derivations", "nodes", "value_labels", "spans", "derivations", "documents", "terms")


def projection_queries(*names: str) -> dict[str, str]:
    """The projection's queries (all of `QUERY_NAMES` by default) by name, as `Store.texts_all` takes them."""
    return {name: load_query("projection_" + name) for name in names or QUERY_NAMES}


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while building: the graph's many small dicts hold no cycles, and
    its passes over them took a quarter of the projection's time at 10^6 triples."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _project(store: Store, steps) -> tuple[nx.MultiDiGraph, set[str]]:
    """The projection (without collapsing) and its n-ary fact nodes; `steps` is a progress bar over 4 steps."""
    steps.set_postfix_str("querying")
    rows = store.texts_all(projection_queries())
    steps.update()
    steps.set_postfix_str("nodes")
    terms, nary_classes = {}, set()
    for term, zh, en, nary in rows["terms"]:
        terms[term] = (_text(zh), _text(en))
        if nary is not None:
            nary_classes.add(term)
    graph = nx.MultiDiGraph()
    for node, type_, zh, en in sorted(rows["nodes"]):  # stable order
        type_zh, type_en = terms.get(type_, ("", ""))
        graph.add_node(node, type=type_, label_zh=_text(zh), label_en=_text(en),
                       type_label_zh=type_zh, type_label_en=type_en)
    _label_values(rows["value_labels"], graph)
    graph.graph["documents"] = {
        doc: {"title_zh": _text(zh), "title_en": _text(en), "text": text}
        for doc, text, zh, en in rows["documents"]
    }
    steps.update()
    steps.set_postfix_str("evidence")
    spans = {span: {"doc": doc, "start": int(start), "end": int(end), "quote": quote}
             for span, doc, start, end, quote in rows["spans"]}
    node_spans = _evidence(rows["derivations"], spans)
    for node, evidence in node_spans.items():
        if node in graph:
            graph.nodes[node]["evidence"] = evidence
            graph.nodes[node]["quote"] = " | ".join(_quotes(evidence))
    fact_spans = _evidence(rows["fact_derivations"], spans)
    nary = {n for n, data in graph.nodes(data=True) if data["type"] in nary_classes}
    steps.update()
    steps.set_postfix_str("edges")
    for s, p, o in sorted(rows["edges"]):
        if s not in graph or o not in graph:
            continue
        # A fact node's own links rest on the fact node's evidence.
        evidence = fact_spans.get((s, p, o)) or (node_spans.get(s, []) if s in nary else [])
        p_zh, p_en = terms.get(p, ("", ""))
        graph.add_edge(s, o, key=p, predicate=p, label_zh=p_zh or local_name(p), label_en=p_en or p,
                       evidence=evidence, quotes=_quotes(evidence))
    steps.update()
    return graph, nary


def _photos(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, data in graph.nodes(data=True) if data["type"] == str(BJ.Photo)}


def _label_values(rows, graph: nx.MultiDiGraph) -> None:
    """Label fact nodes from what they measure or award, their period and their value.

    `rows` answer kg/sparql/projection_value_labels.rq.
    """
    for (node, what_zh, what_en, per_zh, per_en, value, top, mult, unit_zh, unit_en, cmp, rank, scope_zh,
         scope_en) in rows:
        data = graph.nodes.get(node)
        if data is None:
            continue
        multiplier = None if mult is None else int(mult)
        if value is not None:
            data["measure"] = {
                "value": value, "max": top, "multiplier": multiplier, "comparator": cmp or None,
                "unit_zh": _text(unit_zh), "unit_en": _text(unit_en), "period_zh": _text(per_zh),
                "period_en": _text(per_en), "rank": None if rank is None else int(rank),
                "rank_scope_zh": _text(scope_zh), "rank_scope_en": _text(scope_en) or _text(scope_zh),
            }
        amount = {"maximum": top, "multiplier": multiplier, "comparator": cmp}
        amount_zh = amount_text(value, **amount, unit=unit_zh, lang="zh")
        amount_en = amount_text(value, **amount, unit=unit_en, lang="en")
        data["label_zh"] = " ".join(filter(None, [_text(what_zh), _text(per_zh), amount_zh]))
        data["label_en"] = " ".join(filter(None, [_text(what_en) or _text(what_zh), _text(per_en), amount_en]))


# The entity an n-ary node is about: its area, its recipient, else whoever points to it.
HUB_PREDICATES = (str(SDMX_DIM.refArea), str(BJ.recipient))


def _hub(graph: nx.MultiDiGraph, node: str, ends: list[str]) -> str:
    for _, v, p in graph.out_edges(node, keys=True):
        if p in HUB_PREDICATES:
            return v
    incoming = sorted(u for u, _ in graph.in_edges(node))
    return incoming[0] if incoming else ends[0]


def _collapse(graph: nx.MultiDiGraph, nary: set[str]) -> nx.MultiDiGraph:
    """Replace each n-ary node by edges from the entity it is about to each other entity it links."""
    out = graph.copy()
    for node in sorted(nary):
        data = graph.nodes[node]
        ends = sorted(({u for u, _ in graph.in_edges(node)} | {v for _, v in graph.out_edges(node)}) - nary)
        evidence = data.get("evidence", [])
        out.remove_node(node)
        if not ends:
            continue
        hub = _hub(graph, node, ends)
        for other in (e for e in ends if e != hub):
            out.add_edge(hub, other, key=node, predicate=data["type"], label_zh=data["label_zh"],
                         label_en=data["label_en"], evidence=evidence, quotes=_quotes(evidence), via=node)
    return out
