"""The store seam: every read of the graph goes through a `Store`, so a backend is one class.

Today: `MemoryStore` (rdflib, embedded). An Oxigraph store and a remote SPARQL 1.1 store implement the
same three methods; callers (the API, the NetworkX projection, the CLI) do not change.
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


def with_prefixes(sparql: str) -> str:
    """The query with the project's PREFIX lines put before it (a query may still declare its own)."""
    return sparql_prologue() + sparql


def prologue_lines(sparql: str) -> int:
    return sparql_prologue().count("\n")


def open_store(spec: str = "memory") -> Store:
    """A store from its spec string (``memory``); new backends register here."""
    if spec == "memory":
        return MemoryStore()
    raise KGError(f"unknown store {spec!r}", hint="use --store memory")
