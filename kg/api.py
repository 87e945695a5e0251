"""`KnowledgeGraph`: the one Python entry point (load, query, look up, evidence, NetworkX)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from rdflib import Literal, URIRef

from kg.errors import KGError, Location
from kg.ns import BJR
from kg.results import to_dataframe
from kg.stores.base import Answer, MemoryStore, Store, open_store

if TYPE_CHECKING:  # networkx loads only for to_networkx: `kg query` starts without it
    import networkx as nx

DEFAULT_GRAPH = Path("build/kg.nt")
# Characters no IRI holds: a key with one is a label, never an id (Oxigraph refuses to make such an IRI).
NOT_IN_IRI = frozenset(' <>"{}|^`\\')

LOOKUP = """
SELECT DISTINCT ?entity ?zh ?en ?type ?exact WHERE {
  ?entity skos:prefLabel|skos:altLabel ?label ; a ?type .
  FILTER(STRSTARTS(STR(?entity), STR(bjr:)))
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(?text)))
  BIND(LCASE(STR(?label)) = LCASE(?text) AS ?exact)
  OPTIONAL { ?entity skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?entity skos:prefLabel ?en FILTER(lang(?en) = "en") }
} ORDER BY DESC(?exact) STRLEN(STR(?zh)) ?entity"""

# Every fact about an entity (as subject or object, asserted or an n-ary node naming it) with its spans.
EVIDENCE = """
SELECT ?subjectLabel ?property ?objectLabel ?quote ?start ?end ?document ?fact ?subject ?predicate ?object WHERE {
  {
    ?fact a bj:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
    FILTER(?subject = ?entity || ?object = ?entity)
  } UNION {
    ?fact ?predicate ?entity ; a/rdfs:subClassOf* ?c .
    VALUES ?c { bj:IndicatorValue bj:Recognition bj:QuantityValue }  # their own links are not reified
    BIND(?fact AS ?subject) BIND(?entity AS ?object)
  } UNION {
    BIND(?entity AS ?fact) BIND(?entity AS ?subject) BIND(rdf:type AS ?predicate)
    ?entity a ?object .
  }
  ?fact prov:wasDerivedFrom ?span .
  ?span bj:quote ?quote ; oa:start ?start ; oa:end ?end ; oa:hasSource ?document .
  OPTIONAL { ?subject skos:prefLabel|rdfs:label ?sl FILTER(lang(?sl) = ?lang) }
  OPTIONAL { ?predicate rdfs:label ?pl FILTER(lang(?pl) = ?lang) }
  OPTIONAL { ?object skos:prefLabel|rdfs:label ?ol FILTER(lang(?ol) = ?lang) }
  BIND(COALESCE(?sl, STR(?subject)) AS ?subjectLabel)
  BIND(COALESCE(?pl, STR(?predicate)) AS ?property)
  BIND(COALESCE(?ol, STR(?object)) AS ?objectLabel)
} ORDER BY ?start ?fact ?predicate ?object"""

FACT_EVIDENCE = """
SELECT ?quote ?start ?end ?document ?exact WHERE {
  { ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . }
  ?fact prov:wasDerivedFrom ?span .
  ?span bj:quote ?quote ; oa:start ?start ; oa:end ?end ; oa:hasSource ?document ; oa:exact ?exact .
} ORDER BY ?start"""


class KnowledgeGraph:
    """The Binjiang knowledge graph, read through one `Store`.

    Examples
    --------
    >>> kg = KnowledgeGraph.load()                       # doctest: +SKIP
    >>> kg.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")  # doctest: +SKIP
    """

    def __init__(self, store: Store, *, lang: str = "zh"):
        self.store, self.lang = store, lang

    @classmethod
    def load(cls, path: str | Path = DEFAULT_GRAPH, *, store: str = "memory", lang: str = "zh",
             reload: bool = False, graph_store: str | None = None) -> "KnowledgeGraph":
        """Open a store (``memory``, ``oxigraph``, ``oxigraph:PATH``, ``sparql:URL``) and load a built graph file.

        An in-memory store always loads `path` (default ``build/kg.nt``; run ``kg build`` first). An on-disk
        Oxigraph store that already holds data is used as it is, unless `reload` (then it is emptied and
        `path` loaded again). A remote SPARQL endpoint is used as it is (upload with ``kg push``); `reload`
        POSTs `path` to its Graph Store URL (`graph_store`, by default beside the query URL).
        """
        from kg.stores.base import OxigraphStore, SparqlStore

        path = Path(path)
        backend = open_store(store, graph_store=graph_store)
        kg = cls(backend, lang=lang)
        persistent = isinstance(backend, SparqlStore) or (isinstance(backend, OxigraphStore) and backend.path)
        if persistent and not reload:
            if not backend.is_empty():
                return kg
            if isinstance(backend, SparqlStore):
                raise KGError(f"the endpoint {backend.url} holds no triples",
                              hint=f"upload the graph first: kg push --endpoint {backend.graph_store or 'GRAPH_STORE_URL'}")
        if not path.exists():
            raise KGError("no built graph here", Location(path), "run `kg build` (or `make demo`) first")
        if isinstance(backend, OxigraphStore) and reload:
            backend.store.clear()
        kg.store.load(path)
        return kg

    @classmethod
    def from_graph(cls, graph, *, lang: str = "zh") -> "KnowledgeGraph":
        """Wrap an rdflib Graph already in memory (e.g. a fresh build result)."""
        return cls(MemoryStore(graph), lang=lang)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, lang: str | None = None, source: str = "query", **bindings) -> pd.DataFrame:
        """Run SPARQL and return a typed DataFrame.

        Keyword arguments are bound to the query's variables (``iri=...`` as an IRI when it is a URIRef,
        anything else as a literal); ``?lang`` is bound to the chosen label language when the query uses it.
        """
        return to_dataframe(self.answer(sparql, lang=lang, source=source, **bindings))

    def answer(self, sparql: str, *, lang: str | None = None, source: str = "query", **bindings) -> Answer:
        """Run SPARQL, bound as in `query`, and return the store's `Answer` without building a DataFrame.

        The fast path for many or large answers: ``.values()`` gives rows of Python values, ``.texts()`` rows
        of strings, ``.rows`` rdflib terms.

        >>> KnowledgeGraph(MemoryStore()).answer("SELECT ?x { BIND(?v AS ?x) }", v=7).values()
        [(7,)]
        """
        values = {name: value if isinstance(value, URIRef) else Literal(value) for name, value in bindings.items()}
        if "?lang" in sparql or "$lang" in sparql:
            values.setdefault("lang", Literal(lang or self.lang))
        return self.store.query(sparql, values, source=source)

    def query_file(self, path: str | Path, **kwargs) -> pd.DataFrame:
        """Run the query stored in a ``.rq`` file."""
        path = Path(path)
        if not path.is_file():
            raise KGError("no such query file", Location(path), "give a .rq file or the query text itself")
        return self.query(path.read_text(encoding="utf-8"), source=str(path), **kwargs)

    def lookup(self, label: str) -> pd.DataFrame:
        """Entities whose Chinese, English or alternative label contains `label` (exact matches first)."""
        return self.query(LOOKUP, text=label)

    def entity(self, key: str) -> URIRef:
        """Resolve an id (``unitree``), an IRI or a label to one entity IRI."""
        if key.startswith(("http://", "https://")):
            return URIRef(key)
        if NOT_IN_IRI.isdisjoint(key) and self.query("ASK { ?e a ?t }", e=BJR[key])["ask"].iloc[0]:
            return BJR[key]
        found = self.lookup(key)
        if found.empty:
            raise KGError(f"no entity with id or label {key!r}", hint="try `kg lookup` with part of its name")
        return URIRef(found["entity"].iloc[0])

    def evidence(self, key: str, *, lang: str | None = None) -> pd.DataFrame:
        """Every fact about an entity, labelled in `lang`, with the quote, offsets and document that state it."""
        return self.query(EVIDENCE, lang=lang, entity=self.entity(key))

    def fact_evidence(self, subject: str, predicate: URIRef, obj) -> pd.DataFrame:
        """The spans that state one asserted fact (subject and object as ids, labels or IRIs)."""
        o = self.entity(obj) if isinstance(obj, str) else obj
        return self.query(FACT_EVIDENCE, s=self.entity(subject), p=predicate, o=o)

    def to_networkx(self, *, collapse: bool = False) -> nx.MultiDiGraph:
        """The entity graph as a NetworkX MultiDiGraph (see `kg.graph.projection.project_graph`)."""
        from kg.graph.projection import project_graph

        return project_graph(self.store, collapse=collapse)
