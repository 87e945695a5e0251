"""Project the RDF graph onto a NetworkX MultiDiGraph of entities, built from SPARQL answers.

Nodes are entities and n-ary fact nodes (indicator values, recognitions, quantities, photos) with their
type and labels; edges are directed, keyed by predicate IRI, labelled, and carry their evidence quotes.
With ``collapse=True`` each n-ary node becomes direct edges between the entities it connects.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from rdflib.namespace import PROV, QB, RDF

from .ns import BJ, OA, SDMX_DIM
from .store import MemoryStore, Store

NODES = """
SELECT ?node ?type ?zh ?en WHERE {
  ?node a ?type .
  FILTER(STRSTARTS(STR(?node), STR(bjr:)) && ?type NOT IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition, qb:ComponentSpecification))
  OPTIONAL { ?node skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?node skos:prefLabel ?en FILTER(lang(?en) = "en") }
}"""

# Labels of the ontology's classes and properties, and which classes are n-ary fact nodes.
TERMS = """
SELECT ?term ?zh ?en ?nary WHERE {
  ?term rdfs:label ?any .
  OPTIONAL { ?term rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?term rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?term rdfs:subClassOf* ?nary . FILTER(?nary IN (bj:IndicatorValue, bj:Recognition, bj:QuantityValue, bj:Photo)) }
}"""

EDGES = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(bjr:)) && STRSTARTS(STR(?s), STR(bjr:)))
}"""

# The quotes of every asserted (reified) fact, and of every node that carries its own evidence.
FACT_QUOTES = """
SELECT ?s ?p ?o ?quote WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom/bj:quote ?quote }"""

NODE_QUOTES = """
SELECT ?node ?quote WHERE { ?node prov:wasDerivedFrom/bj:quote ?quote . FILTER(STRSTARTS(STR(?node), STR(bjr:))) }"""

# Fact nodes have no name of their own; these give their display labels (indicator · period · value).
VALUE_LABELS = """
SELECT ?node ?whatZh ?whatEn ?perZh ?perEn ?value ?max ?mult ?unitZh ?unitEn ?comparator WHERE {
  { ?node bj:indicator ?what ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit . }
  UNION
  { ?node a bj:QuantityValue ; sdmx-attribute:unitMeasure ?unit . ?subject ?what ?node . FILTER(?what != rdf:object)
    OPTIONAL { ?node schema:value ?value } OPTIONAL { ?node schema:minValue ?value ; schema:maxValue ?max } }
  UNION
  { ?node a bj:Recognition ; bj:award ?what . }
  OPTIONAL { ?what skos:prefLabel|rdfs:label ?whatZh FILTER(lang(?whatZh) = "zh") }
  OPTIONAL { ?what skos:prefLabel|rdfs:label ?whatEn FILTER(lang(?whatEn) = "en") }
  OPTIONAL { ?node sdmx-dimension:refPeriod|dcterms:temporal ?period .
             ?period skos:prefLabel ?perZh FILTER(lang(?perZh) = "zh")
             ?period skos:prefLabel ?perEn FILTER(lang(?perEn) = "en") }
  OPTIONAL { ?node sdmx-attribute:unitMult ?mult }
  OPTIONAL { ?node bj:comparator/skos:notation ?comparator }
  OPTIONAL { ?unit bj:unitSymbol ?unitZh FILTER(lang(?unitZh) = "zh") }
  OPTIONAL { ?unit bj:unitSymbol ?unitEn FILTER(lang(?unitEn) = "en") }
}"""

# Structural links that are not facts about the ecosystem.
HIDDEN_PREDICATES = frozenset(str(p) for p in (PROV.wasDerivedFrom, QB.dataSet, RDF.subject, RDF.object, OA.hasSource))

_MULTIPLIER_TEXT = {None: ("", ""), 4: ("万", " ×10⁴"), 8: ("亿", " ×10⁸")}
_COMPARATOR_TEXT = {"gt": "> ", "ge": "≥ ", "approx": "≈ "}


def _text(term) -> str:
    return "" if term is None else str(term)


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
    terms, nary_classes = {}, set()
    for term, zh, en, nary in store.query(TERMS).rows:
        terms[str(term)] = (_text(zh), _text(en))
        if nary is not None:
            nary_classes.add(str(term))
    graph = nx.MultiDiGraph()
    for node, type_, zh, en in store.query(NODES).rows:
        type_zh, type_en = terms.get(str(type_), ("", ""))
        graph.add_node(str(node), type=str(type_), label_zh=_text(zh), label_en=_text(en),
                       type_label_zh=type_zh, type_label_en=type_en)
    _label_values(store, graph)
    node_quotes = defaultdict(set)
    for node, quote in store.query(NODE_QUOTES).rows:
        node_quotes[str(node)].add(str(quote))
    for node, quotes in node_quotes.items():
        if node in graph:
            graph.nodes[node]["quote"] = " | ".join(sorted(quotes))
    fact_quotes = defaultdict(set)
    for s, p, o, quote in store.query(FACT_QUOTES).rows:
        fact_quotes[(str(s), str(p), str(o))].add(str(quote))
    nary = {n for n, data in graph.nodes(data=True) if data["type"] in nary_classes}
    for s, p, o in sorted(tuple(map(str, row)) for row in store.query(EDGES).rows):
        if s not in graph or o not in graph or p in HIDDEN_PREDICATES:
            continue
        # A fact node's own links rest on the fact node's evidence.
        quotes = fact_quotes.get((s, p, o)) or (node_quotes.get(s, set()) if s in nary else set())
        p_zh, p_en = terms.get(p, ("", ""))
        graph.add_edge(s, o, key=p, predicate=p, label_zh=p_zh or p.rsplit("/", 1)[-1], label_en=p_en or p,
                       quotes=sorted(quotes))
    return _collapse(graph, nary - _photos(graph)) if collapse else graph


def _photos(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, data in graph.nodes(data=True) if data["type"] == str(BJ.Photo)}


def _label_values(store: Store, graph: nx.MultiDiGraph) -> None:
    """Label fact nodes from what they measure or award, their period and their value."""
    for node, what_zh, what_en, per_zh, per_en, value, top, mult, unit_zh, unit_en, cmp in store.query(VALUE_LABELS).rows:
        data = graph.nodes.get(str(node))
        if data is None:
            continue
        mult_zh, mult_en = _MULTIPLIER_TEXT.get(mult and mult.toPython(), ("", ""))
        number = "" if value is None else f"{value}–{top}" if top is not None else str(value)
        number = _COMPARATOR_TEXT.get(_text(cmp), "") + number if number else ""
        amount_zh = f"{number}{mult_zh}{_text(unit_zh)}" if number else ""
        amount_en = f"{number}{mult_en} {_text(unit_en)}".strip() if number else ""
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
        quotes = sorted(set(data.get("quote", "").split(" | ")) - {""})
        out.remove_node(node)
        if not ends:
            continue
        hub = _hub(graph, node, ends)
        for other in (e for e in ends if e != hub):
            out.add_edge(hub, other, key=node, predicate=data["type"], label_zh=data["label_zh"],
                         label_en=data["label_en"], quotes=quotes, via=node)
    return out
