"""Focused views of the entity graph for the explorer: an ego network, a query's answer, the schema.

Each function returns a NetworkX MultiDiGraph shaped like `kg.graph.projection.project_graph`'s (nodes with ``type``,
``label_zh``/``label_en``, ``type_label_zh``/``type_label_en``; edges keyed by predicate IRI with
``predicate``, ``label_zh``/``label_en`` and ``quotes``), so `kg.display.explorer.page.render_explorer` draws any of them.
The store is read through SPARQL with bindings only; no query text is ever assembled from values.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.api import read_query
from kg.errors import KGError, Location
from kg.graph.answers import group_concat_separators, name_index, named_entities
from kg.graph.projection import projection_queries
from kg.labels import local_name
from kg.sparql import load as load_query

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


def from_query(kg, sparql: str, *, collapse: bool = False, source: str = "query", **bindings) -> nx.MultiDiGraph:
    """The part of the entity graph that a SPARQL query's answer names, for drawing.

    Nodes and edges (with their labels, types and evidence) always come from the full projection
    ``kg.to_networkx(collapse=collapse)``; ``graph.graph`` is copied from it.

    - CONSTRUCT / DESCRIBE: the nodes that occur as subject or object of a result triple, and the projection's
      edges ``(s, p, o)`` that occur in the result. A result triple between two such nodes that the projection
      lacks is added as an edge labelled with its predicate's ``rdfs:label``, with no quotes.
    - SELECT: the nodes the rows name (`kg.graph.answers`): by IRI, by label (the entities a text cell names,
      so a query that returns labels rather than IRIs draws the entities behind them) or, for a row that names
      neither, by quote (the nodes and edges the quote is evidence of). Every such node is kept, with the
      attribute ``query_columns`` (sorted names of the columns that named it), plus the projection's edges
      among the kept nodes. No edge is invented.
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
    >>> G = from_query(kg, "SELECT ?name WHERE { bjr:show schema:participant/skos:prefLabel ?name FILTER(lang(?name) = 'en') }")
    >>> sorted((n.rsplit("/", 1)[-1], d["query_columns"]) for n, d in G.nodes(data=True))
    [('a', ['name']), ('b', ['name'])]
    >>> G = from_query(kg, "CONSTRUCT { ?e schema:participant ?c } WHERE { ?e schema:participant ?c } ORDER BY ?c LIMIT 1")
    >>> [(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], d["label_en"]) for u, v, d in G.edges(data=True)]
    [('show', 'a', 'participant')]
    """
    answer = kg.answer(sparql, source=source, **bindings)
    if answer.boolean is not None:
        raise KGError("an ASK query answers yes or no, which has nothing to draw", Location(Path(source)),
                      "draw a SELECT that returns entity IRIs, or a CONSTRUCT")
    full = kg.to_networkx(collapse=collapse)
    if answer.graph is not None:
        view, named = _from_triples(kg, full, answer.graph), len(answer.graph)
    else:
        view, named = _from_rows(kg, full, answer.variables, answer.rows, sparql), len(answer.rows)
    if named and not len(view):
        raise KGError("the answer names no entity of the graph", Location(Path(source)),
                      "return entities (their IRIs, labels or quotes), or CONSTRUCT triples between entities")
    view.graph.update(full.graph)
    return view


def _term_labels(kg, term: str) -> tuple[str, str]:
    rows = kg.store.query(load_query("term_labels"), {"term": URIRef(term)}).rows
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


def _from_rows(kg, full: nx.MultiDiGraph, variables: list[str], rows: list[tuple], sparql: str) -> nx.MultiDiGraph:
    """The projection's nodes that a SELECT answer's rows name (`kg.graph.answers`), and its edges among them."""
    has_text = any(isinstance(cell, Literal) for row in rows for cell in row)
    names = name_index(kg.answer(load_query("entity_names")).rows) if has_text else {}
    columns = named_entities(full, variables, rows, names, group_concat_separators(sparql))
    view = full.subgraph(columns).copy()
    for node, names_of_columns in columns.items():
        view.nodes[node]["query_columns"] = sorted(names_of_columns)
    return view


def schema_graph(kg) -> nx.MultiDiGraph:
    """The classes that have instances and the properties that link them, with counts (a class diagram).

    Nodes are classes (id = class IRI; ``label_zh``/``label_en`` = its ``rdfs:label`` and the instance count,
    e.g. ``"企业 (6)"``; ``type`` = ``owl:Class``; ``count``; ``evidenced`` = how many instances have their own
    ``prov:wasDerivedFrom``). Edges go from the class of the subject to the class of the object of a property
    that links two typed entities, keyed by the property IRI, labelled with its ``rdfs:label`` and the number
    of such triples (``count``); ``quotes`` is empty. It is the class diagram of the projection: classes and
    links are counted over the rows of `kg.graph.projection`'s node, edge and derivation queries, so the
    graph's own entities (``bjr:``) only, without the provenance plumbing (text spans, reified assertions,
    data-cube structure) and its links, as `kg.graph.projection.project_graph` leaves them out.

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
    rows = kg.store.texts_all(projection_queries("nodes", "edges", "derivations", "terms"))
    types = defaultdict(set)  # a node may have several classes: it counts in each
    for node, type_, _, _ in rows["nodes"]:
        types[node].add(type_)
    instances = defaultdict(set)
    for node, classes in types.items():
        for cls in classes:
            instances[cls].add(node)
    evidenced = {node for node, _ in rows["derivations"]}
    links = Counter((p, subject_class, object_class) for s, p, o in rows["edges"]
                    for subject_class in types.get(s, ()) for object_class in types.get(o, ()))
    labels = _first_labels(rows["terms"])
    graph = nx.MultiDiGraph()
    for cls in sorted(instances):
        n = len(instances[cls])
        zh, en = labels.get(cls, (None, None))
        name_zh = zh if zh is not None else en if en is not None else local_name(cls)
        name_en = en if en is not None else local_name(cls)
        graph.add_node(cls, type=str(OWL.Class), type_label_zh="类", type_label_en="class",
                       label_zh=f"{name_zh} ({n})", label_en=f"{name_en} ({n})", count=n,
                       evidenced=len(instances[cls] & evidenced))
    for (p, u, v), n in sorted(links.items()):
        zh, en = labels.get(p, (None, None))
        name_zh = zh if zh is not None else local_name(p)
        name_en = en if en is not None else local_name(p)
        graph.add_edge(u, v, key=p, predicate=p, label_zh=f"{name_zh} ({n})", label_en=f"{name_en} ({n})",
                       count=n, quotes=[], evidence=[])
    return graph


def _first_labels(rows) -> dict[str, tuple[str | None, str | None]]:
    """Each term's first Chinese and first English label, in label order (None when it has none).

    `rows` answer kg/sparql/projection_terms.rq: one per combination of a term's labels.

    >>> _first_labels([("t", "二", "two", None), ("t", "一", "one", None), ("u", None, "three", None)])
    {'t': ('一', 'one'), 'u': (None, 'three')}
    """
    found = defaultdict(lambda: (set(), set()))
    for term, zh, en, _ in rows:
        found[term][0].add(zh)
        found[term][1].add(en)
    return {term: (min(filter(None, zh), default=None), min(filter(None, en), default=None))
            for term, (zh, en) in found.items()}


#: The title of the whole graph's page.
WHOLE_GRAPH_TITLE = "高新区(滨江)创新生态知识图谱"


def check_view(*, focus: str | None = None, depth: int | None = None, query: str | Path | None = None) -> None:
    """Refuse the `view_for` options that cannot work, before any graph is loaded.

    >>> check_view(depth=1)
    Traceback (most recent call last):
    kg.errors.KGError: --depth needs --focus. Fix: add --focus ID_OR_LABEL, or drop --depth
    """
    if depth is not None and focus is None:
        raise KGError("--depth needs --focus", hint="add --focus ID_OR_LABEL, or drop --depth")
    if depth is not None and depth < 0:
        raise KGError(f"--depth must be 0 or more, got {depth}")
    if query is not None and not Path(query).is_file():
        raise KGError("no such query file", Location(Path(query)), "give a .rq file holding a SELECT or CONSTRUCT query")


class View(NamedTuple):
    """What `kg viz` draws: the graph, its default title, and a name for its default file (`view_for`)."""

    graph: nx.MultiDiGraph
    title: str
    name: str


def file_name(*parts: str) -> str:
    """A file name made of `parts`: runs of characters other than letters, digits, ``.``, ``_`` and ``-`` become ``-``.

    >>> file_name("focus", "unitree", "2hops"), file_name("query", "my query?"), file_name("focus", "%%")
    ('focus-unitree-2hops', 'query-my-query', 'focus')
    """
    cleaned = (re.sub(r"[^\w.-]+", "-", part).strip("-.") for part in parts)
    return "-".join(part for part in cleaned if part)


def view_for(kg, *, focus: str | None = None, depth: int | None = None, query: str | Path | None = None,
             schema: bool = False, collapse: bool = False, lang: str = "zh") -> View:
    """The graph `kg viz` draws, its default title and file name: the schema, a query's answer, an ego network or
    the whole graph.

    The name says what is drawn (``graph``, ``focus-unitree-2hops``, ``query-cq04_roadshow_participants``,
    ``schema``; ``-collapsed`` and ``-en`` for those options), so that each view has a file of its own and
    none overwrites the release's ``explorer.html``.

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
    >>> view_for(_tiny_kg(), focus="show", depth=1)[1:]
    ('中东行 · 1 hop', 'focus-show-1hop')
    >>> view_for(_tiny_kg(), schema=True, lang="en")[1:]
    ('Schema', 'schema-en')
    """
    check_view(focus=focus, depth=depth, query=query)
    options = ("collapsed" if collapse and not schema else "", "" if lang == "zh" else lang)
    if schema:
        return View(schema_graph(kg), "Schema", file_name("schema", *options))
    if query is not None:
        path = Path(query)
        graph = from_query(kg, read_query(path), collapse=collapse, source=str(path))
        return View(graph, path.name, file_name("query", path.stem, *options))
    graph = kg.to_networkx(collapse=collapse)
    if focus is None:
        return View(graph, WHOLE_GRAPH_TITLE, file_name("graph", *options))
    depth = 2 if depth is None else depth
    center = str(kg.entity(focus))
    if center not in graph:
        raise KGError(f"{focus!r} ({center}) is not an entity of the drawn graph",
                      hint="focus on an entity shown by `kg lookup`")
    view = ego(graph, center, depth)
    data = view.nodes[center]
    name = data.get(f"label_{lang}") or data.get("label_zh") or center
    hops = f"{depth} hop{'' if depth == 1 else 's'}"
    return View(view, f"{name} · {hops}", file_name("focus", local_name(center), hops.replace(" ", ""), *options))
