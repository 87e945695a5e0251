"""The store seam: every read of the graph goes through a `Store`, so a backend is one class.

`MemoryStore` (rdflib, embedded), `OxigraphStore` (pyoxigraph, in memory or on disk) and `SparqlStore` (a remote
SPARQL 1.1 endpoint) implement the same three methods; callers (the API, the NetworkX projection, the CLI) do not
change. `open_store(spec)` picks one from ``memory``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.errors import KGError, Location
from kg.ns import PREFIXES, bind_prefixes, sparql_prologue
from kg.stores.terms import JSON_TERMS, OXIGRAPH_TERMS, RDFLIB_TERMS, TermReader, to_oxigraph, to_rdflib


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

    def is_empty(self) -> bool:
        """Whether the store holds no triples (a store may answer this faster than `len`)."""
        return len(self) == 0

    #: Whether independent queries run faster side by side (the engine works outside Python's GIL).
    concurrent_reads = False

    def query_all(self, queries: Mapping[str, str]) -> dict[str, Answer]:
        """Answer several independent queries (named by key), side by side where the store allows it.

        >>> MemoryStore().query_all({"n": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})["n"].values()
        [(0,)]
        """
        return self._side_by_side(lambda name, text: self.query(text, source=name), queries)

    def texts_all(self, queries: Mapping[str, str]) -> dict[str, list[tuple[str | None, ...]]]:
        """Rows of text for several independent SELECT queries, side by side where the store allows it.

        The bulk-read path (the NetworkX projection): cells read as in `Answer.texts`, except that an empty
        string reads as None, like an unbound variable, and a blank node may read as ``_:label``; this lets a
        store hand over its own CSV results (SPARQL 1.1 CSV has no other way to write them).

        >>> MemoryStore().texts_all({"s": 'SELECT ?a ?b { BIND("" AS ?a) BIND("x" AS ?b) }'})["s"]
        [(None, 'x')]
        """
        return {name: _empty_as_none(answer.texts()) for name, answer in self.query_all(queries).items()}

    def _side_by_side(self, run, queries: Mapping[str, str]) -> dict:
        """``{name: run(name, text)}``, in threads when `concurrent_reads` (else one after another)."""
        if not self.concurrent_reads or len(queries) < 2:
            return {name: run(name, text) for name, text in queries.items()}
        import os
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(queries), os.cpu_count() or 1)) as pool:
            futures = {name: pool.submit(run, name, text) for name, text in queries.items()}
            return {name: future.result() for name, future in futures.items()}


class MemoryStore(Store):
    """rdflib's in-memory graph: no set-up, right for one district (about 10^4 to 10^5 triples)."""

    def __init__(self, graph: Graph | None = None):
        self.graph = graph if graph is not None else bind_prefixes(Graph())

    def load(self, path: Path) -> None:
        import io

        from rdflib.util import guess_format

        from kg.progress import open_with_progress

        path = Path(path)
        # A buffer over the reader: rdflib's parsers read small pieces. publicID is the base that parse(path) gave.
        with open_with_progress(path, f"loading {path.name}") as reader:
            self.graph.parse(file=io.BufferedReader(reader), format=guess_format(str(path)),
                             publicID=path.absolute().as_uri())

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

    About ten times faster than rdflib on joins and GROUP BY (see docs/pitfalls); answers keep pyoxigraph's
    terms and read them as rdflib terms, text or values on demand, so callers see the same `Answer` as with
    `MemoryStore` without paying for rdflib terms they do not use.

    Bindings: pyoxigraph's ``substitutions`` argument only joins the value onto the answer (a bound variable
    stays unbound inside the pattern: ``FILTER(BOUND(?v))`` is false, and it refuses variables that are not
    projected), which is not the pre-binding that rdflib's ``initBindings`` gives and that our queries need
    (``FILTER(lang(?l) = ?lang)``). So a bound variable is replaced, token by token, by the term as written
    by Oxigraph's own N-Triples serializer (`kg.stores.sparqltext.substitute`): the value is escaped by the engine
    and only variable tokens are touched, never strings, IRIs or comments.
    """

    concurrent_reads = True  # pyoxigraph evaluates with the GIL released

    def __init__(self, path: str | Path | None = None):
        import pyoxigraph

        self.path = None if path is None else Path(path)
        self.store = pyoxigraph.Store() if path is None else pyoxigraph.Store(str(path))

    def load(self, path: Path) -> None:
        import pyoxigraph

        from kg.progress import open_with_progress

        path = Path(path)
        try:
            fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "nt")
        except ValueError:
            fmt = None
        if fmt is None:
            raise KGError(f"unknown RDF file type {path.suffix!r}", Location(path), "use .nt, .ttl, .nq, .trig or .jsonld")
        try:
            with open_with_progress(path, f"loading {path.name}") as reader:
                self.store.bulk_load(input=reader, format=fmt)
        except (SyntaxError, ValueError) as exc:
            if isinstance(exc, SyntaxError) and exc.lineno is not None:
                exc.filename = str(path)  # bulk_load(path=...) named the file beside the line
            raise KGError(f"cannot parse: {exc}", Location(path), "fix the RDF file") from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        import pyoxigraph

        from kg.stores.sparqltext import substitute

        result = self._run(substitute(sparql, {k: str(to_oxigraph(v)) for k, v in (bindings or {}).items()}), source)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer(boolean=bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return Answer(graph=graph)
        return Answer([v.value for v in result.variables], [tuple(solution) for solution in result],
                      reader=OXIGRAPH_TERMS)

    def texts_all(self, queries: Mapping[str, str]) -> dict[str, list[tuple[str | None, ...]]]:
        # Oxigraph writes the answer as SPARQL CSV in Rust, outside the GIL, and the csv module reads it in C:
        # half the time of making a Python term per cell and reading its text (benchmarks/scale.py, 10^6).
        return self._side_by_side(self._csv_rows, queries)

    def _csv_rows(self, source: str, sparql: str) -> list[tuple[str | None, ...]]:
        import pyoxigraph

        return _csv_texts(self._run(sparql, source).serialize(format=pyoxigraph.QueryResultsFormat.CSV))

    def _run(self, sparql: str, source: str):
        """pyoxigraph's result for `sparql`; a syntax error becomes a KGError naming `source`."""
        try:
            return self.store.query(sparql, prefixes=_PREFIX_IRIS)
        except SyntaxError as exc:
            line, col, msg = _oxigraph_error(str(exc))
            raise KGError(f"malformed SPARQL at column {col}: {msg}", Location(Path(source), line),
                          "correct the query text") from None

    def __len__(self) -> int:
        return len(self.store)


class SparqlStore(Store):
    """A remote SPARQL 1.1 endpoint (``sparql:URL``): Fuseki, GraphDB, Virtuoso, QLever, `oxigraph serve`, `kg serve`.

    Queries go through the SPARQL 1.1 Protocol (POST ``application/sparql-query``; SELECT/ASK answers as
    SPARQL JSON, CONSTRUCT/DESCRIBE as N-Triples) and read as the same terms and values as `MemoryStore`'s.
    The project's prefixes are sent as a prologue; bindings are substituted as in `OxigraphStore` (terms
    written by Oxigraph's N-Triples serializer, only variable tokens replaced). `load` POSTs a file through
    the Graph Store Protocol (`kg.stores.graphstore`), adding to the default graph; its URL is `graph_store`, by default
    the query URL with a final ``/query`` (oxigraph serve) or ``/sparql`` (kg serve) replaced by ``/store``.
    """

    JSON = "application/sparql-results+json"
    JSON_TYPES = (JSON, "application/json")  # what servers call SPARQL JSON
    CSV = "text/csv"
    concurrent_reads = True  # the server works while we wait
    NTRIPLES = "application/n-triples"

    def __init__(self, url: str, *, graph_store: str | None = None, token: str | None = None,
                 timeout: float = 60.0):
        if not url.startswith(("http://", "https://")):
            raise KGError(f"not an HTTP(S) SPARQL endpoint: {url!r}",
                          hint="use --store sparql:http://HOST:PORT/query (oxigraph serve) or .../sparql (kg serve)")
        self.url, self.token, self.timeout = url, token, timeout
        self.graph_store = graph_store or self.default_graph_store(url)

    @staticmethod
    def default_graph_store(url: str) -> str | None:
        """The Graph Store URL beside a query URL (``.../query`` or ``.../sparql`` -> ``.../store``), else None."""
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        head, _, last = parts.path.rstrip("/").rpartition("/")
        if last not in ("query", "sparql"):
            return None
        return urlunsplit((parts.scheme, parts.netloc, f"{head}/store", "", ""))

    def load(self, path: Path) -> None:
        from kg.stores.graphstore import push

        if self.graph_store is None:
            raise KGError(f"no Graph Store URL known for {self.url}",
                          hint="give --graph-store URL (e.g. http://HOST:PORT/store), or upload with `kg push`")
        push(self.graph_store, Path(path), token=self.token, timeout=self.timeout, method="POST")

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        from kg.stores.sparqltext import outline, substitute

        text = substitute(sparql, {k: str(to_oxigraph(v)) for k, v in (bindings or {}).items()})
        form = outline(text).form
        if form == "UPDATE":
            raise KGError("a SPARQL update cannot be run as a query", Location(Path(source)),
                          "use SELECT, ASK, CONSTRUCT or DESCRIBE")
        accept = self.NTRIPLES if form in ("CONSTRUCT", "DESCRIBE") else self.JSON
        content_type, body = self._post(with_prefixes(text), accept, source)
        if content_type in self.JSON_TYPES:
            return self._from_json(body)
        formats = {self.NTRIPLES: "nt", "text/plain": "nt", "text/turtle": "turtle"}
        if content_type not in formats:
            raise KGError(f"{self.url} answered with unsupported media type {content_type!r}",
                          hint=f"the endpoint must offer {self.JSON} and {self.NTRIPLES}")
        graph = bind_prefixes(Graph())
        graph.parse(data=body.decode("utf-8"), format=formats[content_type])
        return Answer(graph=graph)

    def texts_all(self, queries: Mapping[str, str]) -> dict[str, list[tuple[str | None, ...]]]:
        # SPARQL CSV is the leanest answer to send and to read; JSON stays acceptable for servers without it.
        return self._side_by_side(self._csv_rows, queries)

    def _csv_rows(self, source: str, sparql: str) -> list[tuple[str | None, ...]]:
        content_type, body = self._post(with_prefixes(sparql), f"{self.CSV}, {self.JSON};q=0.5", source)
        if content_type == self.CSV:
            return _csv_texts(body)
        if content_type in self.JSON_TYPES:
            return _empty_as_none(self._from_json(body).texts())
        raise KGError(f"{self.url} answered a SELECT with unsupported media type {content_type!r}",
                      hint=f"the endpoint must offer {self.CSV} or {self.JSON}")

    def _post(self, text: str, accept: str, source: str) -> tuple[str, bytes]:
        import re
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.url, data=text.encode("utf-8"), method="POST", headers={
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            excerpt = " ".join(exc.read(500).decode("utf-8", "replace").split())
            match = re.search(r"error at (\d+):(\d+): (.*)", excerpt)
            if exc.code == 400 and match:
                line = int(match.group(1)) - prologue_lines(text)
                raise KGError(f"malformed SPARQL at column {match.group(2)}: {match.group(3)}",
                              Location(Path(source), line if line > 0 else None), "correct the query text") from None
            raise KGError(f"{self.url} answered HTTP {exc.code} {exc.reason}: {excerpt or '(empty body)'}",
                          hint="check the endpoint URL (a SPARQL query URL, e.g. .../query) and the query") from None
        except TimeoutError:
            raise KGError(f"no answer from {self.url} within {self.timeout:g} s",
                          hint="is the server overloaded, or the query too costly?") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KGError(f"cannot reach {self.url}: {reason}", hint="is the server running, and is the URL right?"
                          ) from None

    def _from_json(self, body: bytes) -> Answer:
        import json

        try:
            data = json.loads(body)
        except ValueError as exc:
            raise KGError(f"{self.url} sent malformed SPARQL JSON: {exc}") from None
        if "boolean" in data:
            return Answer(boolean=bool(data["boolean"]))
        variables = list(data.get("head", {}).get("vars", []))
        rows = [tuple(b.get(v) for v in variables) for b in data.get("results", {}).get("bindings", [])]
        return Answer(variables, rows, reader=JSON_TERMS)

    def is_empty(self) -> bool:
        return not self.query("ASK { ?s ?p ?o }").boolean

    def __len__(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(answer.rows[0][0])


def _empty_as_none(rows) -> list[tuple[str | None, ...]]:
    return [tuple([cell or None for cell in row]) for row in rows]


def _csv_texts(data: bytes) -> list[tuple[str | None, ...]]:
    """The rows of a SPARQL 1.1 CSV answer (empty cells as None), without its header of variables."""
    import csv
    import io

    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(rows, None)
    return _empty_as_none(rows)


_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _oxigraph_error(message: str) -> tuple[int | None, str, str]:
    """Line, column and text of an Oxigraph parse error ("error at 1:25: expected ...")."""
    import re

    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if match:
        return int(match.group(1)), match.group(2), match.group(3)
    return None, "?", message


def with_prefixes(sparql: str) -> str:
    """The query with the project's PREFIX lines put before it (a query may still declare its own)."""
    return sparql_prologue() + sparql


def prologue_lines(sparql: str) -> int:
    return sparql_prologue().count("\n")


def open_store(spec: str = "memory", *, graph_store: str | None = None, token: str | None = None) -> Store:
    """A store from its spec string; new backends register here.

    ``memory`` (rdflib), ``oxigraph`` (in memory), ``oxigraph:PATH`` (on disk, kept between runs) or
    ``sparql:URL`` (a remote SPARQL 1.1 endpoint; `graph_store` is its Graph Store Protocol URL for `load`).
    """
    if spec == "memory":
        return MemoryStore()
    if spec == "oxigraph":
        return OxigraphStore()
    if spec.startswith("oxigraph:") and spec.partition(":")[2]:
        path = Path(spec.partition(":")[2])
        if path.exists() and not path.is_dir():
            raise KGError(f"not a folder for an Oxigraph store: {path}", hint="give a new or existing folder")
        try:
            return OxigraphStore(path)
        except OSError as exc:
            raise KGError(f"cannot open the Oxigraph store at {path}: {exc}",
                          hint="is another process using it? Oxigraph allows one writer per folder") from None
    if spec.startswith("sparql:") and spec.partition(":")[2]:
        return SparqlStore(spec.partition(":")[2], graph_store=graph_store, token=token)
    raise KGError(f"unknown store {spec!r}",
                  hint="use --store memory, oxigraph, oxigraph:PATH or sparql:URL (e.g. sparql:http://HOST:7878/query)")
