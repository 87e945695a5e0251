"""The store seam: every read of the graph goes through a `Store`, so a backend is one class.

`MemoryStore` (rdflib, embedded) and `OxigraphStore` (pyoxigraph, in memory or on disk); a remote SPARQL 1.1
store would implement the same three methods; callers (the API, the NetworkX projection, the CLI) do not change.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from .errors import KGError, Location
from .ns import bind_prefixes, sparql_prologue


@dataclass
class Answer:
    """The answer to one query: `rows` over `variables` (SELECT), a `boolean` (ASK) or a `graph` (CONSTRUCT/DESCRIBE)."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(ABC):
    """A read-mostly triple store that answers SPARQL 1.1 queries with bindings."""

    @abstractmethod
    def load(self, path: Path) -> None:
        """Add the triples of an RDF file (format from its suffix)."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        """Run `sparql` with `bindings` pre-bound (never spliced into the text); `source` names it in errors."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of triples."""


class MemoryStore(Store):
    """rdflib's in-memory graph: no set-up, right for one district (about 10^4 to 10^5 triples)."""

    def __init__(self, graph: Graph | None = None):
        self.graph = graph if graph is not None else bind_prefixes(Graph())

    def load(self, path: Path) -> None:
        self.graph.parse(path)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        from pyparsing import ParseException

        try:
            result = self.graph.query(with_prefixes(sparql), initBindings=dict(bindings or {}))
        except ParseException as exc:
            line = exc.lineno - prologue_lines(sparql)
            raise KGError(f"malformed SPARQL at column {exc.col}: {exc.msg}", Location(Path(source), line),
                          "correct the query text") from None
        if result.type == "ASK":
            return Answer(boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer(graph=bind_prefixes(result.graph))
        variables = [str(v) for v in result.vars]
        return Answer(variables, [tuple(row) for row in result])

    def __len__(self) -> int:
        return len(self.graph)


class OxigraphStore(Store):
    """Oxigraph through pyoxigraph: a compiled SPARQL engine, in memory or on disk (``oxigraph:PATH``).

    About ten times faster than rdflib on joins and GROUP BY (see docs/pitfalls); answers come back as rdflib
    terms, so callers see the same `Answer` as with `MemoryStore`.

    Bindings: pyoxigraph's ``substitutions`` argument only joins the value onto the answer (a bound variable
    stays unbound inside the pattern: ``FILTER(BOUND(?v))`` is false, and it refuses variables that are not
    projected), which is not the pre-binding that rdflib's ``initBindings`` gives and that our queries need
    (``FILTER(lang(?l) = ?lang)``). So a bound variable is replaced, token by token, by the term as written
    by Oxigraph's own N-Triples serializer (`kg.sparqltext.substitute`): the value is escaped by the engine
    and only variable tokens are touched, never strings, IRIs or comments.
    """

    def __init__(self, path: str | Path | None = None):
        import pyoxigraph

        self.path = None if path is None else Path(path)
        self.store = pyoxigraph.Store() if path is None else pyoxigraph.Store(str(path))

    def load(self, path: Path) -> None:
        import pyoxigraph

        path = Path(path)
        try:
            fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "nt")
        except ValueError:
            fmt = None
        if fmt is None:
            raise KGError(f"unknown RDF file type {path.suffix!r}", Location(path), "use .nt, .ttl, .nq, .trig or .jsonld")
        try:
            self.store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise KGError(f"cannot parse: {exc}", Location(path), "fix the RDF file") from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        import pyoxigraph

        from .ns import PREFIXES
        from .sparqltext import substitute

        text = substitute(sparql, {k: str(to_oxigraph(v)) for k, v in (bindings or {}).items()})
        try:
            result = self.store.query(text, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
        except SyntaxError as exc:
            line, col, msg = _oxigraph_error(str(exc))
            raise KGError(f"malformed SPARQL at column {col}: {msg}", Location(Path(source), line),
                          "correct the query text") from None
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer(boolean=bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return Answer(graph=graph)
        names = [v.value for v in result.variables]
        return Answer(names, [tuple(to_rdflib(solution[name]) for name in names) for solution in result])

    def __len__(self) -> int:
        return len(self.store)


def _oxigraph_error(message: str) -> tuple[int | None, str, str]:
    """Line, column and text of an Oxigraph parse error ("error at 1:25: expected ...")."""
    import re

    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if match:
        return int(match.group(1)), match.group(2), match.group(3)
    return None, "?", message


def to_oxigraph(term: Node):
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the rdflib term MemoryStore would give (plain strings without a datatype)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype in (XSD_STRING, RDF_LANGSTRING) else URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def with_prefixes(sparql: str) -> str:
    """The query with the project's PREFIX lines put before it (a query may still declare its own)."""
    return sparql_prologue() + sparql


def prologue_lines(sparql: str) -> int:
    return sparql_prologue().count("\n")


def open_store(spec: str = "memory") -> Store:
    """A store from its spec string (``memory``, ``oxigraph``, ``oxigraph:PATH``); new backends register here."""
    if spec == "memory":
        return MemoryStore()
    if spec == "oxigraph":
        return OxigraphStore()
    if spec.startswith("oxigraph:"):
        return OxigraphStore(spec.partition(":")[2])
    raise KGError(f"unknown store {spec!r}", hint="use --store memory, oxigraph or oxigraph:PATH")
