"""`SparqlStore`: a remote SPARQL 1.1 endpoint (``--store sparql:URL``), read through the SPARQL 1.1 Protocol."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.errors import KGError, Location
from kg.ns import bind_prefixes
from kg.stores.base import (
    Answer,
    Store,
    csv_texts,
    empty_as_none,
    malformed,
    prologue_lines,
    syntax_error_position,
    with_prefixes,
)
from kg.stores.terms import JSON_TERMS, to_oxigraph


class SparqlStore(Store):
    """A remote SPARQL 1.1 endpoint (``sparql:URL``): Fuseki, GraphDB, Virtuoso, QLever, `oxigraph serve`, `kg serve`.

    Queries go through the SPARQL 1.1 Protocol (POST ``application/sparql-query``; SELECT/ASK answers as
    SPARQL JSON, CONSTRUCT/DESCRIBE as N-Triples) and read as the same terms and values as `MemoryStore`'s.
    The project's prefixes are sent as a prologue; bindings are substituted as in `OxigraphStore` (terms
    written by Oxigraph's N-Triples serializer, only variable tokens replaced). `load` POSTs a file through
    the Graph Store Protocol (`kg.stores.graphstore`), adding to the default graph; its URL is `graph_store`, by default
    the query URL with a final ``/query`` (oxigraph serve) or ``/sparql`` (kg serve) replaced by ``/store``.
    The endpoint's data is used as it is: kg never empties it (`clear` leaves it, so a reload adds).
    """

    specs = ("sparql:URL (e.g. sparql:http://HOST:7878/query)",)
    persistent = True  # the server keeps the data
    concurrent_reads = True  # the server works while we wait

    JSON = "application/sparql-results+json"
    JSON_TYPES = (JSON, "application/json")  # what servers call SPARQL JSON
    CSV = "text/csv"
    NTRIPLES = "application/n-triples"

    def __init__(self, url: str, *, graph_store: str | None = None, token: str | None = None,
                 timeout: float = 60.0):
        if not url.startswith(("http://", "https://")):
            raise KGError(f"not an HTTP(S) SPARQL endpoint: {url!r}",
                          hint="use --store sparql:http://HOST:PORT/query (oxigraph serve) or .../sparql (kg serve)")
        self.url, self.token, self.timeout = url, token, timeout
        self.graph_store = graph_store or self.default_graph_store(url)

    @classmethod
    def from_spec(cls, argument: str | None, *, graph_store: str | None = None, token: str | None = None,
                  **options) -> SparqlStore | None:
        """``sparql:URL``; `graph_store` is the Graph Store Protocol URL for `load`, `token` a bearer token."""
        return cls(argument, graph_store=graph_store, token=token) if argument else None

    @staticmethod
    def default_graph_store(url: str) -> str | None:
        """The Graph Store URL beside a query URL (``.../query`` or ``.../sparql`` -> ``.../store``), else None.

        >>> SparqlStore.default_graph_store("http://localhost:7878/query")
        'http://localhost:7878/store'
        """
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

    def clear(self) -> None:
        raise KGError(f"{self.url} is a shared server: its data is not emptied from here",
                      hint="replace the graph with `kg push` (HTTP PUT through the Graph Store Protocol)")

    def reload(self, path: Path) -> None:
        """Add the triples of `path` to the endpoint's default graph; its other data stays (`kg push` replaces it)."""
        self.load(path)

    def empty_error(self) -> KGError:
        return KGError(f"the endpoint {self.url} holds no triples",
                       hint=f"upload the graph first: kg push --endpoint {self.graph_store or 'GRAPH_STORE_URL'}")

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
            return csv_texts(body)
        if content_type in self.JSON_TYPES:
            return empty_as_none(self._from_json(body).texts())
        raise KGError(f"{self.url} answered a SELECT with unsupported media type {content_type!r}",
                      hint=f"the endpoint must offer {self.CSV} or {self.JSON}")

    def _post(self, text: str, accept: str, source: str) -> tuple[str, bytes]:
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
            position = syntax_error_position(excerpt)
            if exc.code == 400 and position:
                line, column, message = position
                line -= prologue_lines()
                raise malformed(source, line if line > 0 else None, column, message) from None
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
