"""Focused views of the entity graph for the explorer: an ego network, a query's answer, the schema.

Each function returns a NetworkX MultiDiGraph shaped like `kg.graph.projection.project_graph`'s (nodes with ``type``,
``label_zh``/``label_en``, ``type_label_zh``/``type_label_en``; edges keyed by predicate IRI with
``predicate``, ``label_zh``/``label_en`` and ``quotes``), so `kg.display.explorer.page.render_explorer` draws any of them.
The store is read through SPARQL with bindings only; no query text is ever assembled from values.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.errors import KGError, Location
from kg.labels import local_name

# The labels of one ontology term (class or property); ?term is bound, never spliced.
TERM_LABELS = """
SELECT ?zh ?en WHERE {
  OPTIONAL { ?term rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?term rdfs:label ?en FILTER(lang(?en) = "en") }
} ORDER BY ?zh ?en"""

# Instances per class, and how many of them carry their own evidence. The provenance plumbing (spans,
# reified assertions, data-cube structure) is not part of the domain, so its classes are left out.
SCHEMA_CLASSES = """
SELECT ?class ?n ?evidenced ?zh ?en WHERE {
  { SELECT ?class (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?ev) AS ?evidenced) WHERE {
      ?s a ?class .
      FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(bjr:)))
      FILTER(?class NOT IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition, qb:ComponentSpecification))
      OPTIONAL { ?s prov:wasDerivedFrom ?span . BIND(?s AS ?ev) }
    } GROUP BY ?class }
  OPTIONAL { ?class rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?class rdfs:label ?en FILTER(lang(?en) = "en") }
} ORDER BY ?class ?zh ?en"""

# Links between typed instances, counted per (property, class of subject, class of object). The links are
# picked first, in their own group: rdflib then binds ?s and ?o before it looks up their types (written as
# one pattern, it would pair every typed subject with every typed object first).
SCHEMA_LINKS = """
SELECT ?p ?subjectClass ?objectClass ?n ?zh ?en WHERE {
  { SELECT ?p ?subjectClass ?objectClass (COUNT(*) AS ?n) WHERE {
      { ?s ?p ?o .
        FILTER(isIRI(?o) && ?p NOT IN (rdf:type, rdf:subject, rdf:object, prov:wasDerivedFrom, oa:hasSource))
        FILTER(STRSTARTS(STR(?s), STR(bjr:)) && STRSTARTS(STR(?o), STR(bjr:))) }
      ?s a ?subjectClass .
      ?o a ?objectClass .
      FILTER(?subjectClass NOT IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition, qb:ComponentSpecification))
      FILTER(?objectClass NOT IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition, qb:ComponentSpecification))
    } GROUP BY ?p ?subjectClass ?objectClass }
  OPTIONAL { ?p rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?p rdfs:label ?en FILTER(lang(?en) = "en") }
} ORDER BY ?p ?subjectClass ?objectClass ?zh ?en"""

_TINY = """
bj:Company a owl:Class ; rdfs:label "企业"@zh, "company"@en .
bj:Roadshow a owl:Class ; rdfs:label "路演"@zh, "roadshow"@en .
schema:participant rdfs:label "参与方"@zh, "participant"@en .
bjr:show a bj:Roadshow ; skos:prefLabel "中东行"@zh, "Middle East roadshow"@en ;
    schema:participant bjr:a, bjr:b .
bjr:a a bj:Company ; skos:prefLabel "甲公司"@zh, "A Co."@en .
bjr:b a bj:Company ; skos:prefLabel "乙公司"@zh, "B Co."@en .
"""


def _tiny_kg():
    """A three-entity KnowledgeGraph (a roadshow and two participating companies) for the examples."""
    from kg.api import KnowledgeGraph
    from kg.ns import bind_prefixes, sparql_prologue

    return KnowledgeGraph.from_graph(bind_prefixes(Graph()).parse(data=sparql_prologue() + _TINY, format="turtle"))


def ego(graph: nx.MultiDiGraph, center: str, depth: int = 2) -> nx.MultiDiGraph:
    """The nodes within `depth` hops of `center`, ignoring edge direction, and every edge among them.

    Edges keep their direction, keys and attributes; ``graph.graph`` (e.g. the documents) is copied; the
    center gets the node attribute ``focus=True``. The input graph is not modified.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection made by `kg.graph.projection.project_graph` (or any MultiDiGraph).
    center : str
        The node to focus on (an entity IRI as a string).
    depth : int
        How many hops to reach, along edges in either direction (0: the center alone).

    Raises
    ------
    KeyError
        When `center` is not a node of `graph`.

    Examples
    --------
    >>> G = nx.MultiDiGraph(name="tiny")
    >>> G.add_edge("show", "a", key="participant")
    'participant'
    >>> G.add_edge("b", "show", key="organizer")
    'organizer'
    >>> G.add_edge("b", "c", key="knows")
    'knows'
    >>> E = ego(G, "a", depth=1)
    >>> sorted(E), E.graph["name"], E.nodes["a"]["focus"]
    (['a', 'show'], 'tiny', True)
    >>> sorted(ego(G, "a", depth=2).edges(keys=True))
    [('b', 'show', 'organizer'), ('show', 'a', 'participant')]
    """
    if center not in graph:
        raise KeyError(f"{center!r} is not a node of the graph; give the IRI of an entity it contains")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, got {depth}")
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=depth)
    view = graph.subgraph(reach).copy()
    view.graph.update(graph.graph)
    view.nodes[center]["focus"] = True
    return view


def _bind(sparql: str, bindings: dict, lang: str) -> dict:
    """Bindings as RDF terms, as `KnowledgeGraph.query` makes them (IRIs stay IRIs, the rest literals)."""
    values = {name: value if isinstance(value, (URIRef, Literal)) else Literal(value) for name, value in bindings.items()}
    if "?lang" in sparql or "$lang" in sparql:
        values.setdefault("lang", Literal(lang))
    return values


def from_query(kg, sparql: str, *, collapse: bool = False, source: str = "query", **bindings) -> nx.MultiDiGraph:
    """The part of the entity graph that a SPARQL query's answer names, for drawing.

    Nodes and edges (with their labels, types and evidence) always come from the full projection
    ``kg.to_networkx(collapse=collapse)``; ``graph.graph`` is copied from it.

    - CONSTRUCT / DESCRIBE: the nodes that occur as subject or object of a result triple, and the projection's
      edges ``(s, p, o)`` that occur in the result. A result triple between two such nodes that the projection
      lacks is added as an edge labelled with its predicate's ``rdfs:label``, with no quotes.
    - SELECT: the "entity columns" are those whose values include nodes of the projection. Every such node is
      kept, with the attribute ``query_columns`` (sorted names of the columns it appeared in), plus the
      projection's edges among the kept nodes. No edge is invented.
    - ASK: raises `KGError` (a yes/no answer has nothing to draw).

    Parameters
    ----------
    kg : kg.api.KnowledgeGraph
    sparql : str
        The query text (the project's prefixes are predeclared).
    collapse : bool
        Project with n-ary fact nodes folded into edges.
    source : str
        Names the query in error messages (e.g. its file).
    **bindings
        Pre-bound variables, as for `KnowledgeGraph.query` (URIRefs as IRIs, anything else as a literal).

    Raises
    ------
    KGError
        For an ASK query, malformed SPARQL, or a non-empty answer that names no node of the graph.

    Examples
    --------
    >>> kg = _tiny_kg()
    >>> G = from_query(kg, "SELECT ?company WHERE { bjr:show schema:participant ?company }")
    >>> sorted((n.rsplit("/", 1)[-1], d["label_en"], d["query_columns"]) for n, d in G.nodes(data=True))
    [('a', 'A Co.', ['company']), ('b', 'B Co.', ['company'])]
    >>> G = from_query(kg, "CONSTRUCT { ?e schema:participant ?c } WHERE { ?e schema:participant ?c } ORDER BY ?c LIMIT 1")
    >>> [(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], d["label_en"]) for u, v, d in G.edges(data=True)]
    [('show', 'a', 'participant')]
    """
    answer = kg.store.query(sparql, _bind(sparql, bindings, kg.lang), source=source)
    if answer.boolean is not None:
        raise KGError("an ASK query answers yes or no, which has nothing to draw", Location(Path(source)),
                      "draw a SELECT that returns entity IRIs, or a CONSTRUCT")
    full = kg.to_networkx(collapse=collapse)
    if answer.graph is not None:
        view, named = _from_triples(kg, full, answer.graph), len(answer.graph)
    else:
        view, named = _from_rows(full, answer.variables, answer.rows), len(answer.rows)
    if named and not len(view):
        raise KGError("the answer names no entity of the graph", Location(Path(source)),
                      "return entity IRIs (e.g. ?company rather than its label), or CONSTRUCT triples between entities")
    view.graph.update(full.graph)
    return view


def _term_labels(kg, term: str) -> tuple[str, str]:
    rows = kg.store.query(TERM_LABELS, {"term": URIRef(term)}).rows
    zh, en = rows[0] if rows else (None, None)
    return (str(zh) if zh is not None else local_name(term), str(en) if en is not None else term)


def _from_triples(kg, full: nx.MultiDiGraph, triples: Graph) -> nx.MultiDiGraph:
    """The projection's nodes and edges named by an answer graph, plus its triples the projection lacks."""
    nodes = {str(term) for s, _, o in triples for term in (s, o) if isinstance(term, URIRef) and str(term) in full}
    view = full.subgraph(nodes).copy()
    view.remove_edges_from(list(view.edges(keys=True)))
    labels = {}
    for s, p, o in sorted(triples):
        s, p, o = str(s), str(p), str(o)
        if s not in nodes or o not in nodes:
            continue
        if full.has_edge(s, o, key=p):
            view.add_edge(s, o, key=p, **full.edges[s, o, p])
        else:
            if p not in labels:
                labels[p] = _term_labels(kg, p)
            zh, en = labels[p]
            view.add_edge(s, o, key=p, predicate=p, label_zh=zh, label_en=en, quotes=[], evidence=[])
    return view


def _from_rows(full: nx.MultiDiGraph, variables: list[str], rows: list[tuple]) -> nx.MultiDiGraph:
    """The projection's nodes that fill a SELECT answer's columns, and its edges among them."""
    columns = defaultdict(set)
    for row in rows:
        for name, value in zip(variables, row):
            if isinstance(value, URIRef) and str(value) in full:
                columns[str(value)].add(name)
    view = full.subgraph(columns).copy()
    for node, names in columns.items():
        view.nodes[node]["query_columns"] = sorted(names)
    return view


def schema_graph(kg) -> nx.MultiDiGraph:
    """The classes that have instances and the properties that link them, with counts (a class diagram).

    Nodes are classes (id = class IRI; ``label_zh``/``label_en`` = its ``rdfs:label`` and the instance count,
    e.g. ``"企业 (6)"``; ``type`` = ``owl:Class``; ``count``; ``evidenced`` = how many instances have their own
    ``prov:wasDerivedFrom``). Edges go from the class of the subject to the class of the object of a property
    that links two typed entities, keyed by the property IRI, labelled with its ``rdfs:label`` and the number
    of such triples (``count``); ``quotes`` is empty. Only the graph's own entities (``bjr:``) are counted;
    the provenance plumbing (text spans, reified assertions, data-cube structure) and its links are left out.
    Counts come from two GROUP BY queries.

    Parameters
    ----------
    kg : kg.api.KnowledgeGraph

    Examples
    --------
    >>> S = schema_graph(_tiny_kg())
    >>> sorted(d["label_en"] for _, d in S.nodes(data=True))
    ['company (2)', 'roadshow (1)']
    >>> [(u.rsplit("#")[-1], v.rsplit("#")[-1], d["label_zh"], d["count"]) for u, v, d in S.edges(data=True)]
    [('Roadshow', 'Company', '参与方 (2)', 2)]
    """
    graph = nx.MultiDiGraph()
    for cls, n, evidenced, zh, en in kg.store.query(SCHEMA_CLASSES, source="schema classes").rows:
        cls, n = str(cls), int(n)
        if cls in graph:  # a second label in one language: the first (sorted) one stays
            continue
        name_zh = str(zh) if zh is not None else str(en) if en is not None else local_name(cls)
        name_en = str(en) if en is not None else local_name(cls)
        graph.add_node(cls, type=str(OWL.Class), type_label_zh="类", type_label_en="class",
                       label_zh=f"{name_zh} ({n})", label_en=f"{name_en} ({n})", count=n, evidenced=int(evidenced))
    for p, subject_class, object_class, n, zh, en in kg.store.query(SCHEMA_LINKS, source="schema links").rows:
        p, u, v, n = str(p), str(subject_class), str(object_class), int(n)
        if graph.has_edge(u, v, key=p):
            continue
        name_zh = str(zh) if zh is not None else local_name(p)
        name_en = str(en) if en is not None else local_name(p)
        graph.add_edge(u, v, key=p, predicate=p, label_zh=f"{name_zh} ({n})", label_en=f"{name_en} ({n})",
                       count=n, quotes=[], evidence=[])
    return graph


#: The title of the whole graph's page.
WHOLE_GRAPH_TITLE = "高新区(滨江)创新生态知识图谱"


def view_for(kg, *, focus: str | None = None, depth: int | None = None, query: str | Path | None = None,
             schema: bool = False, collapse: bool = False, lang: str = "zh") -> tuple[nx.MultiDiGraph, str]:
    """The graph `kg viz` draws and its default title: the schema, a query's answer, an ego network or the whole.

    Parameters
    ----------
    kg : kg.api.KnowledgeGraph
    focus : str, optional
        An entity id, IRI or label: draw its neighbourhood, `depth` hops (default 2) in either direction.
    query : str or Path, optional
        A ``.rq`` file holding a SELECT or CONSTRUCT query: draw what its answer names (`from_query`).
    schema : bool
        Draw the classes and the properties linking them (`schema_graph`).
    collapse : bool
        Fold n-ary fact nodes into direct edges (whole graph, ego network and query views).
    lang : str
        The language of the focused entity's name in the title.

    Raises
    ------
    KGError
        For `depth` without `focus` or below 0, a missing query file, or a focus that is not drawn.

    Examples
    --------
    >>> view_for(_tiny_kg(), focus="show", depth=1)[1]
    '中东行 · 1 hop'
    >>> view_for(_tiny_kg(), schema=True)[1]
    'Schema'
    """
    if depth is not None and focus is None:
        raise KGError("--depth needs --focus", hint="add --focus ID_OR_LABEL, or drop --depth")
    if depth is not None and depth < 0:
        raise KGError(f"--depth must be 0 or more, got {depth}")
    if schema:
        return schema_graph(kg), "Schema"
    if query is not None:
        path = Path(query)
        if not path.is_file():
            raise KGError("no such query file", Location(path), "give a .rq file holding a SELECT or CONSTRUCT query")
        return from_query(kg, path.read_text(encoding="utf-8"), collapse=collapse, source=str(path)), path.name
    graph = kg.to_networkx(collapse=collapse)
    if focus is None:
        return graph, WHOLE_GRAPH_TITLE
    depth = 2 if depth is None else depth
    center = str(kg.entity(focus))
    if center not in graph:
        raise KGError(f"{focus!r} ({center}) is not an entity of the drawn graph",
                      hint="focus on an entity shown by `kg lookup`")
    view = ego(graph, center, depth)
    data = view.nodes[center]
    name = data.get(f"label_{lang}") or data.get("label_zh") or center
    return view, f"{name} · {depth} hop{'' if depth == 1 else 's'}"
