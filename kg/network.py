"""Project the RDF graph onto a NetworkX MultiDiGraph of entities, built from SPARQL answers.

Nodes are entities and n-ary fact nodes (indicator values, recognitions, quantities, photos) with their
type and labels; edges are directed, keyed by predicate IRI, labelled, and carry their evidence quotes.
With ``collapse=True`` each n-ary node becomes direct edges between the entities it connects.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .ns import BJ, SDMX_DIM
from .store import MemoryStore, Store

NODES = """
SELECT ?node ?type ?zh ?en ?typeZh ?typeEn ?nary WHERE {
  ?node a ?type .
  FILTER(STRSTARTS(STR(?node), STR(bjr:)))
  FILTER(?type NOT IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition))
  OPTIONAL { ?node skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?node skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?type rdfs:label ?typeZh FILTER(lang(?typeZh) = "zh") }
  OPTIONAL { ?type rdfs:label ?typeEn FILTER(lang(?typeEn) = "en") }
  BIND(EXISTS { ?type rdfs:subClassOf* ?naryClass . VALUES ?naryClass { bj:IndicatorValue bj:Recognition bj:QuantityValue } } AS ?nary)
}"""

# Edges between two projected nodes, with the quotes of their Assertion or, for an n-ary node's own
# edges, of the node itself.
EDGES = """
SELECT ?s ?p ?o ?pZh ?pEn ?quote WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(bjr:)) && STRSTARTS(STR(?s), STR(bjr:)))
  FILTER(?p NOT IN (prov:wasDerivedFrom, qb:dataSet, rdf:subject, rdf:object, oa:hasSource))
  OPTIONAL { ?p rdfs:label ?pZh FILTER(lang(?pZh) = "zh") }
  OPTIONAL { ?p rdfs:label ?pEn FILTER(lang(?pEn) = "en") }
  OPTIONAL {
    { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom/bj:quote ?quote }
    UNION
    { ?s a/rdfs:subClassOf* ?c ; prov:wasDerivedFrom/bj:quote ?quote .
      VALUES ?c { bj:IndicatorValue bj:Recognition bj:QuantityValue bj:Photo } }
  }
}"""

NODE_QUOTES = """
SELECT ?node ?quote WHERE { ?node prov:wasDerivedFrom/bj:quote ?quote . FILTER(STRSTARTS(STR(?node), STR(bjr:))) }"""

# Display labels of indicator values, which have no name of their own: indicator · period · value.
VALUE_LABELS = """
SELECT ?obs ?indZh ?indEn ?perZh ?perEn ?value ?mult ?unitZh ?unitEn WHERE {
  ?obs bj:indicator ?ind ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit .
  ?ind skos:prefLabel ?indZh FILTER(lang(?indZh) = "zh")
  OPTIONAL { ?ind skos:prefLabel ?indEn FILTER(lang(?indEn) = "en") }
  OPTIONAL { ?obs sdmx-dimension:refPeriod/skos:prefLabel ?perZh FILTER(lang(?perZh) = "zh") }
  OPTIONAL { ?obs sdmx-dimension:refPeriod/skos:prefLabel ?perEn FILTER(lang(?perEn) = "en") }
  OPTIONAL { ?obs sdmx-attribute:unitMult ?mult }
  OPTIONAL { ?unit rdfs:label ?unitZh FILTER(lang(?unitZh) = "zh") }
  OPTIONAL { ?unit rdfs:label ?unitEn FILTER(lang(?unitEn) = "en") }
}"""

_MULT = {None: ("", ""), 4: ("万", "×10⁴ "), 8: ("亿", "×10⁸ ")}


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
    graph = nx.MultiDiGraph()
    nary = set()
    for node, type_, zh, en, type_zh, type_en, is_nary in store.query(NODES).rows:
        graph.add_node(str(node), type=str(type_), label_zh=_text(zh), label_en=_text(en),
                       type_label_zh=_text(type_zh), type_label_en=_text(type_en))
        if is_nary is not None and is_nary.toPython():
            nary.add(str(node))
    _label_values(store, graph)
    quotes = defaultdict(list)
    for node, quote in store.query(NODE_QUOTES).rows:
        quotes[str(node)].append(str(quote))
    for node, node_quotes in quotes.items():
        if node in graph:
            graph.nodes[node]["quote"] = " | ".join(sorted(node_quotes))
    edges = defaultdict(set)
    labels = {}
    for s, p, o, p_zh, p_en, quote in store.query(EDGES).rows:
        s, p, o = str(s), str(p), str(o)
        if s in graph and o in graph:
            labels[(s, o, p)] = (p, _text(p_zh), _text(p_en))
            if quote is not None:
                edges[(s, o, p)].add(str(quote))
    for key in sorted(labels):
        s, o, p = key
        _, p_zh, p_en = labels[key]
        graph.add_edge(s, o, key=p, predicate=p, label_zh=p_zh or p.rsplit("/", 1)[-1], label_en=p_en or p,
                       quotes=sorted(edges.get(key, ())))
    return _collapse(graph, nary) if collapse else graph


def _label_values(store: Store, graph: nx.MultiDiGraph) -> None:
    for obs, ind_zh, ind_en, per_zh, per_en, value, mult, unit_zh, unit_en in store.query(VALUE_LABELS).rows:
        mult_zh, mult_en = _MULT.get(mult and mult.toPython(), ("", ""))
        node = graph.nodes.get(str(obs))
        if node is not None:
            node["label_zh"] = " ".join(filter(None, [_text(ind_zh), _text(per_zh), f"{value}{mult_zh}{_text(unit_zh)}"]))
            node["label_en"] = " ".join(filter(None, [_text(ind_en) or _text(ind_zh), _text(per_en),
                                                      f"{value} {mult_en}{_text(unit_en)}".strip()]))


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
