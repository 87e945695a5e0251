"""The store seam: every read of the graph goes through a `Store`, so a backend is one class in one module.

`Store` is what a backend implements (`load`, `query`, `__len__`, `clear`, and how a ``--store`` spec builds it);
`Answer` is what every query returns, whatever the engine. The helpers below are the pieces several backends
share: the project's PREFIX prologue, SPARQL CSV rows and the "malformed SPARQL" error.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.errors import KGError, Location
from kg.ns import sparql_prologue
from kg.stores.terms import RDFLIB_TERMS, TermReader


class Answer:
    """The answer to one query: rows over `variables` (SELECT), a `boolean` (ASK) or a `graph` (CONSTRUCT/DESCRIBE).

    Rows keep the store's own terms, read by `reader`; `rows` gives rdflib terms, `texts()` plain strings and
    `values()` Python values, each converting only as far as asked (see `kg.stores.terms`).

    >>> from rdflib import Literal
    >>> Answer(["n"], [(Literal(7),)]).values()
    [(7,)]
    """

    def __init__(self, variables=(), rows=(), *, boolean: bool | None = None, graph: Graph | None = None,
                 reader: TermReader = RDFLIB_TERMS):
        self.variables, self.native, self.reader = list(variables), list(rows), reader
        self.boolean, self.graph = boolean, graph

    @cached_property
    def rows(self) -> list[tuple[Node | None, ...]]:
        """The rows as rdflib terms (None where a variable is unbound)."""
        if self.reader is RDFLIB_TERMS:
            return self.native
        term = self.reader.term
        return [tuple(map(term, row)) for row in self.native]

    def texts(self) -> list[tuple[str | None, ...]]:
        """The rows as IRIs and lexical forms."""
        text = self.reader.text
        return [tuple(map(text, row)) for row in self.native]

    def values(self) -> list[tuple]:
        """The rows as Python values (numbers, booleans, dates; IRIs as strings)."""
        value = self.reader.value
        return [tuple(map(value, row)) for row in self.native]


class Store(ABC):
    """A read-mostly triple store that answers SPARQL 1.1 queries with bindings.

    A backend subclasses it in its own module and takes one line in the registry of `kg.stores`, which
    builds it from a ``--store`` spec through `from_spec`.
    """

    #: The ``--store`` specs that name this backend, as the error for an unknown spec lists them.
    specs: tuple[str, ...] = ()

    #: Whether the store keeps its data between runs (a store that holds data is then used, not reloaded).
    persistent = False

    #: Whether independent queries run faster side by side (the engine works outside Python's GIL).
    concurrent_reads = False

    @classmethod
    def from_spec(cls, argument: str | None, **options) -> Store | None:
        """The store named by the spec ``NAME:ARGUMENT`` (`argument` None for ``NAME`` alone), or None when
        this backend takes no such argument (`open_store` then calls the spec unknown).

        `options` are the caller's keyword settings (`open_store` passes the same to every backend): a backend
        takes those it knows and ignores the rest. By default a backend takes no argument and no option.
        """
        return cls() if argument is None else None

    @abstractmethod
    def load(self, path: Path) -> None:
        """Add the triples of an RDF file (format from its suffix)."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        """Run `sparql` with `bindings` pre-bound (never spliced into the text); `source` names it in errors."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of triples."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every triple."""

    def reload(self, path: Path) -> None:
        """Hold the triples of `path` in place of what the store held."""
        self.clear()
        self.load(path)

    def is_empty(self) -> bool:
        """Whether the store holds no triples (a store may answer this faster than `len`)."""
        return len(self) == 0

    def empty_error(self) -> KGError | None:
        """The error for a `persistent` store found empty, or None when loading the graph file fills it."""
        return None

    def query_all(self, queries: Mapping[str, str]) -> dict[str, Answer]:
        """Answer several independent queries (named by key), side by side where the store allows it.

        >>> from kg.stores import MemoryStore
        >>> MemoryStore().query_all({"n": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})["n"].values()
        [(0,)]
        """
        return self._side_by_side(lambda name, text: self.query(text, source=name), queries)

    def texts_all(self, queries: Mapping[str, str]) -> dict[str, list[tuple[str | None, ...]]]:
        """Rows of text for several independent SELECT queries, side by side where the store allows it.

        The bulk-read path (the NetworkX projection): cells read as in `Answer.texts`, except that an empty
        string reads as None, like an unbound variable, and a blank node may read as ``_:label``; this lets a
        store hand over its own CSV results (SPARQL 1.1 CSV has no other way to write them).

        >>> from kg.stores import MemoryStore
        >>> MemoryStore().texts_all({"s": 'SELECT ?a ?b { BIND("" AS ?a) BIND("x" AS ?b) }'})["s"]
        [(None, 'x')]
        """
        return {name: empty_as_none(answer.texts()) for name, answer in self.query_all(queries).items()}

    def _side_by_side(self, run, queries: Mapping[str, str]) -> dict:
        """``{name: run(name, text)}``, in threads when `concurrent_reads` (else one after another)."""
        if not self.concurrent_reads or len(queries) < 2:
            return {name: run(name, text) for name, text in queries.items()}
        import os
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(queries), os.cpu_count() or 1)) as pool:
            futures = {name: pool.submit(run, name, text) for name, text in queries.items()}
            return {name: future.result() for name, future in futures.items()}


def with_prefixes(sparql: str) -> str:
    """The query with the project's PREFIX lines put before it (a query may still declare its own)."""
    return sparql_prologue() + sparql


def prologue_lines() -> int:
    """How many lines `with_prefixes` puts before a query (to give error lines in the query's own count)."""
    return sparql_prologue().count("\n")


def empty_as_none(rows) -> list[tuple[str | None, ...]]:
    """The rows with every empty cell as None.

    >>> empty_as_none([("", "x")])
    [(None, 'x')]
    """
    return [tuple([cell or None for cell in row]) for row in rows]


def csv_texts(data: bytes) -> list[tuple[str | None, ...]]:
    """The rows of a SPARQL 1.1 CSV answer (empty cells as None), without its header of variables.

    >>> csv_texts(b'a,b\\r\\n"x, y",\\r\\n')
    [('x, y', None)]
    """
    import csv
    import io

    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(rows, None)
    return empty_as_none(rows)


def syntax_error_position(message: str) -> tuple[int, str, str] | None:
    """Line, column and text of an Oxigraph parse error ("error at 1:25: expected ..."), None for other texts.

    Oxigraph's own message, also what `oxigraph serve` sends back with an HTTP 400.

    >>> syntax_error_position("error at 2:7: expected '}'")
    (2, '7', "expected '}'")
    """
    import re

    match = re.search(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    return None if match is None else (int(match.group(1)), match.group(2), match.group(3))


def malformed(source: str, line: int | None, column, message: str) -> KGError:
    """The error for a query that does not parse: `source` (a file or "query") and the line in its own text."""
    return KGError(f"malformed SPARQL at column {column}: {message}", Location(Path(source), line),
                   "correct the query text")
