"""`KnowledgeGraph`: the one Python entry point (load, query, look up, evidence, NetworkX)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from rdflib import Literal, URIRef

from kg.errors import KGError, Location
from kg.labels import pinyin_keys, pinyin_query
from kg.ns import BJR
from kg.results import to_dataframe
from kg.sparql import load as load_query
from kg.stores import Answer, MemoryStore, Store, open_store

if TYPE_CHECKING:  # networkx loads only for to_networkx: `kg query` starts without it
    import networkx as nx

DEFAULT_GRAPH = Path("build/kg.nt")
# Characters no IRI holds: a key with one is a label, never an id (Oxigraph refuses to make such an IRI).
NOT_IN_IRI = frozenset(' <>"{}|^`\\')


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
        path = Path(path)
        backend = open_store(store, graph_store=graph_store)
        kg = cls(backend, lang=lang)
        if backend.persistent and not reload:
            if not backend.is_empty():
                return kg
            unfilled = backend.empty_error()  # a remote endpoint is filled by `kg push`, not from here
            if unfilled is not None:
                raise unfilled
        if not path.exists():
            raise KGError("no built graph here", Location(path), "run `kg build` (or `make demo`) first")
        if not path.is_file():
            raise KGError("not a graph file", Location(path), "give the built graph file, e.g. build/kg.nt")
        if reload:
            backend.reload(path)
        else:
            backend.load(path)
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
        values = {name: value if isinstance(value, (URIRef, Literal)) else Literal(value)
                  for name, value in bindings.items()}
        if "?lang" in sparql or "$lang" in sparql:
            values.setdefault("lang", Literal(lang or self.lang))
        return self.store.query(sparql, values, source=source)

    def query_file(self, path: str | Path, **kwargs) -> pd.DataFrame:
        """Run the query stored in a ``.rq`` file."""
        return self.query(read_query(path), source=str(path), **kwargs)

    def lookup(self, label: str) -> pd.DataFrame:
        """Entities whose Chinese, English or alternative label contains `label`, or whose Chinese label's pinyin
        does (full or initials, as in the explorer: ``yushu`` and ``yskj`` find 宇树科技); exact matches first.

        Columns: ``entity``, ``zh``, ``en``, ``type``, ``exact`` (the label or a pinyin key is `label` itself).
        """
        text = label.strip()
        if not text:
            raise KGError("nothing to look up", hint="give part of a name: 宇树, Unitree, yushu or yskj")
        found = self.query(load_query("lookup"), text=text)
        key = pinyin_query(text)
        if key:
            found = pd.concat([found, self._pinyin_matches(key)], ignore_index=True)
        # lookup.rq's order over both: exact first, then shorter Chinese names (an unbound one first, as in SPARQL)
        order = found.assign(_inexact=~found["exact"], _zh=found["zh"].str.len().fillna(-1))
        order = order.sort_values(["_inexact", "_zh", "entity"], kind="stable").drop(columns=["_inexact", "_zh"])
        return order.drop_duplicates(["entity", "zh", "en", "type"]).reset_index(drop=True)

    def _pinyin_matches(self, key: str) -> pd.DataFrame:
        """`lookup`'s rows for the entities with a label whose pinyin (a key of `pinyin_keys`) contains `key`."""
        labels = self.query(load_query("lookup_labels"))
        keys = {label: pinyin_keys(label) for label in labels["label"].dropna().unique()}
        hits = labels["label"].map(lambda label: [k for k in keys.get(label, ()) if key in k])
        found = labels[hits.str.len() > 0].drop(columns="label")
        return found.assign(exact=hits[hits.str.len() > 0].map(lambda ks: key in ks).astype("boolean"))

    def entity(self, key: str) -> URIRef:
        """Resolve an id (``unitree``), an IRI, a label or its pinyin to one entity IRI."""
        if not key.strip():
            raise KGError("no entity named: the id or label is empty", hint="give an id (unitree), a label or an IRI")
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
        return self.query(load_query("evidence"), lang=lang, entity=self.entity(key))

    def fact_evidence(self, subject: str, predicate: URIRef, obj) -> pd.DataFrame:
        """The spans that state one asserted fact (subject and object as ids, labels or IRIs)."""
        o = self.entity(obj) if isinstance(obj, str) else obj
        return self.query(load_query("fact_evidence"), s=self.entity(subject), p=predicate, o=o)

    def stats(self, *, lang: str | None = None) -> pd.DataFrame:
        """How many entities each class has, the class labelled in `lang`, most first (what `kg stats` prints)."""
        return self.query(load_query("class_counts"), lang=lang)

    def to_networkx(self, *, collapse: bool = False) -> nx.MultiDiGraph:
        """The entity graph as a NetworkX MultiDiGraph (see `kg.graph.projection.project_graph`)."""
        from kg.graph.projection import project_graph

        return project_graph(self.store, collapse=collapse)


def read_query(path: str | Path) -> str:
    """The text of a query file; a missing, unreadable or non-UTF-8 file is a `KGError` that says so."""
    path = Path(path)
    if not path.is_file():
        raise KGError("no such query file", Location(path), "give a .rq file or the query text itself")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KGError(f"not UTF-8 text (byte {exc.start})", Location(path), "give a SPARQL query saved as UTF-8") from None
    except OSError as exc:
        raise KGError(f"cannot read: {exc.strerror}", Location(path), "check the file's permissions") from None


def project_root(start: str | Path | None = None) -> Path:
    """The project folder: `start` (default: the working directory), or the nearest folder above it, that holds
    the curated ``data/`` or a built ``build/kg.nt``.

    Notebooks find the graph through it, whether their kernel starts in ``notebooks/`` (as Jupyter starts it)
    or at the root: ``KnowledgeGraph.load(project_root() / "build" / "kg.nt")``.

    >>> project_root(Path(__file__).parent) == Path(__file__).resolve().parents[1]  # from kg/ up to the repository
    True
    """
    here = Path.cwd() if start is None else Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir() or (folder / DEFAULT_GRAPH).is_file():
            return folder
    raise KGError("no project folder here or above: none holds data/ or build/kg.nt", Location(here),
                  "start from the project folder or below it, or give the graph file's path")
