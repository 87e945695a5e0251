"""The HTTP layer: SPARQL 1.1 Protocol at /sparql, Graph Store writes, the service description and query page.

Standard library only (``http.server.ThreadingHTTPServer``): one thread per connection does the cheap parts
(parse, check the rules, negotiate) and waits on the worker pool, which does the expensive part in other
processes; a thread waiting costs nothing, and no framework would help with the hard part (killing a query).
Every reply is complete (status, length, body) before the first byte is sent.
"""
from __future__ import annotations

import hmac
import signal
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.serve.engine import Pool, Reply, text_reply
from kg.serve.formats import choose, negotiate
from kg.serve.page import CSP, query_page, service_description
from kg.serve.safety import Refusal, check

GSP_FORMATS = {"text/turtle": "TURTLE", "application/x-turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
               "text/plain": "N_TRIPLES", "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML"}


@dataclass
class Settings:
    """What `kg serve` was started with."""

    graph: str
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 100_000
    max_request_bytes: int = 1_000_000
    workers: int = 4
    allow_service: bool = False
    update_token: str | None = None
    queries: Path = Path("queries")


class Handler(BaseHTTPRequestHandler):
    """One HTTP request: decide, dispatch to the pool, send the complete reply."""

    protocol_version = "HTTP/1.1"
    server_version = "kg-serve/0.1"

    # ---- plumbing ----------------------------------------------------------------------------------
    def log_message(self, fmt, *args):  # quiet by default; errors still reach stderr through send_error
        if self.server.verbose:
            super().log_message(fmt, *args)

    def reply(self, reply: Reply, *, head: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.media_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head and reply.body:
            self.wfile.write(reply.body)

    def fail(self, status: int, message: str, **headers) -> None:
        r = text_reply(status, message)
        r.headers.update(headers)
        self.reply(r)

    def handle_expect_100(self):
        if self.too_big():
            return False
        return super().handle_expect_100()

    def too_big(self) -> bool:
        """Answer 413 (and close) when the declared body is larger than allowed."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length > self.server.settings.max_request_bytes or length < 0:
            self.close_connection = True
            self.fail(413 if length > 0 else 400, f"request body too large: at most "
                      f"{self.server.settings.max_request_bytes} bytes (the server's --max-request-bytes)"
                      if length > 0 else "bad Content-Length", Connection="close")
            return True
        return False

    def body(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            self.fail(411, "send the body with a Content-Length", Connection="close")
            return None
        if self.too_big():
            return None
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def media_type(self) -> tuple[str, str | None]:
        """The request's media type and charset parameter."""
        raw = self.headers.get("Content-Type") or ""
        parts = [p.strip() for p in raw.split(";")]
        charset = None
        for p in parts[1:]:
            name, _, value = p.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip('"').lower()
        return parts[0].lower(), charset

    def authorised(self) -> bool:
        token = self.server.settings.update_token
        given = self.headers.get("Authorization") or ""
        return bool(token) and given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())

    # ---- methods -----------------------------------------------------------------------------------
    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        url = urlsplit(self.path)
        if len(self.path) > self.server.settings.max_request_bytes:
            return self.fail(413, "request too large")
        try:
            params = parse_qs(url.query, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            return self.fail(400, "the query string is not UTF-8")
        if url.path == "/":
            if choose({"text/html": "html", "text/turtle": "ttl"}, self.headers.get("Accept")) == "ttl":
                return self.reply(self.description(), head=head)
            return self.reply(Reply(200, "text/html; charset=utf-8", self.server.page,
                                    {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"}), head=head)
        if url.path != "/sparql":
            return self.fail(404, "not found: the endpoint is /sparql (and the query page is /)")
        if "update" in params:
            return self.fail(400, "SPARQL Update must be sent with POST")
        if "query" not in params:
            return self.reply(self.description(), head=head)
        self.query(params.get("query"), params)

    def do_POST(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/store" or (url.path == "/sparql" and ("graph" in params or "default" in params)):
            return self.graph_store("POST", params)
        if url.path != "/sparql":
            return self.fail(404, "not found: the endpoint is /sparql")
        data = self.body()
        if data is None:
            return
        kind, charset = self.media_type()
        if charset not in (None, "utf-8", "utf8"):
            return self.fail(415, f"only UTF-8 is accepted, not charset={charset}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self.fail(400, f"the request body is not UTF-8: {exc}")
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            for name, value in params.items():
                form.setdefault(name, value)
            if "query" in form and "update" in form:
                return self.fail(400, "send either query= or update=, not both")
            if "update" in form:
                return self.update(form["update"], form)
            if "query" not in form:
                return self.fail(400, "the form has no query= (or update=) field")
            return self.query(form["query"], form)
        if kind == "application/sparql-query":
            return self.query([text], params)
        if kind == "application/sparql-update":
            return self.update([text], params)
        if not kind:
            return self.fail(400, "missing Content-Type: use application/x-www-form-urlencoded, "
                                  "application/sparql-query or application/sparql-update")
        return self.fail(415, f"unsupported Content-Type {kind!r}: use application/x-www-form-urlencoded, "
                              "application/sparql-query or application/sparql-update")

    def do_PUT(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/store" or (url.path == "/sparql" and ("graph" in params or "default" in params)):
            return self.graph_store("PUT", params)
        self.fail(405, "method not allowed: query with GET or POST", Allow="GET, HEAD, POST")

    def do_DELETE(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/store" or (url.path == "/sparql" and ("graph" in params or "default" in params)):
            return self.graph_store("DELETE", params)
        self.fail(405, "method not allowed: query with GET or POST", Allow="GET, HEAD, POST")

    def do_PATCH(self):
        self.fail(405, "method not allowed", Allow="GET, HEAD, POST")

    do_OPTIONS = do_PATCH

    # ---- operations --------------------------------------------------------------------------------
    def description(self) -> Reply:
        host = self.headers.get("Host") or f"{self.server.settings.host}:{self.server.settings.port}"
        if not all(c.isalnum() or c in ".-:[]" for c in host):
            host = f"{self.server.settings.host}:{self.server.settings.port}"
        body = service_description(f"http://{host}/sparql", self.server.triples,
                                   updates=bool(self.server.settings.update_token))
        return Reply(200, "text/turtle; charset=utf-8", body)

    def query(self, texts: list[str] | None, params: dict) -> None:
        if not texts or len(texts) != 1:
            return self.fail(400, "give exactly one query")
        results, graphs = negotiate(self.headers.get("Accept"), (params.get("format") or [None])[0])
        defaults, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        try:
            form = check(texts[0], is_update=False, allow_service=self.server.settings.allow_service,
                         graphs=self.server.graphs, protocol_graphs=defaults + named)
        except Refusal as refusal:
            return self.fail(refusal.status, refusal.message)
        if (form in ("SELECT", "ASK") and results is None) or (form in ("CONSTRUCT", "DESCRIBE") and graphs is None):
            return self.fail(406, f"no acceptable media type for a {form} result: SELECT/ASK give "
                                  "application/sparql-results+json|+xml, text/csv, text/tab-separated-values; "
                                  "CONSTRUCT/DESCRIBE give text/turtle, application/n-triples, application/ld+json")
        job = {"query": texts[0], "results_format": results, "graph_format": graphs,
               "max_rows": self.server.settings.max_rows, "default_graphs": defaults, "named_graphs": named}
        self.reply(self.server.pool.run("query", job))

    def update(self, texts: list[str], params: dict) -> None:
        if not self.authorised():
            return self.fail(403, "this endpoint is read-only: SPARQL Update needs `kg serve --update-token` "
                                  "and the header `Authorization: Bearer <token>`")
        if len(texts) != 1:
            return self.fail(400, "give exactly one update")
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return self.fail(403, "using-graph-uri / using-named-graph-uri are not supported")
        try:
            check(texts[0], is_update=True, allow_service=self.server.settings.allow_service,
                  graphs=self.server.graphs)
        except Refusal as refusal:
            return self.fail(refusal.status, refusal.message)
        self.finish_write(self.server.pool.run("write", ("update", texts[0]), log_write=True))

    def graph_store(self, method: str, params: dict) -> None:
        if not self.authorised():
            self.close_connection = True
            return self.fail(403, "this endpoint is read-only: Graph Store writes need `kg serve --update-token` "
                                  "and the header `Authorization: Bearer <token>`", Connection="close")
        graph = (params.get("graph") or [None])[0]
        if graph is None and "default" not in params:
            return self.fail(400, "name the graph: ?graph=IRI or ?default")
        body = b""
        fmt = "N_TRIPLES"
        if method in ("PUT", "POST"):
            data = self.body()
            if data is None:
                return
            kind, _ = self.media_type()
            if kind not in GSP_FORMATS:
                return self.fail(415, f"unsupported RDF media type {kind!r}: use one of {', '.join(GSP_FORMATS)}")
            body, fmt = data, GSP_FORMATS[kind]
        self.finish_write(self.server.pool.run("write", ("gsp", method, graph, body, fmt), log_write=True))

    def finish_write(self, reply: Reply) -> None:
        if reply.status < 300:
            self.server.refresh()
        self.reply(reply)


class Server(ThreadingHTTPServer):
    """The HTTP server with its settings, worker pool, page and what it knows about the dataset."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, settings: Settings, *, verbose: bool = False):
        self.settings, self.verbose = settings, verbose
        self.page = query_page(settings.queries)
        self.pool = Pool(settings.graph, settings.workers, settings.timeout)
        self.triples, self.graphs = 0, set()
        self.refresh()
        try:
            super().__init__((settings.host, settings.port), Handler)
        except OSError:
            self.pool.close()
            raise

    def refresh(self) -> None:
        """Re-read the triple count and the named graphs (after start-up and after each write)."""
        import json

        reply = self.pool.run("info", None)
        if reply.status == 200:
            info = json.loads(reply.body)
            self.triples, self.graphs = info["triples"], set(info["graphs"])

    def server_close(self):
        super().server_close()
        self.pool.close()


def serve(settings: Settings, *, verbose: bool = False) -> None:
    """Serve until Ctrl-C or SIGTERM; then stop the workers and free the port."""
    server = Server(settings, verbose=verbose)
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"kg serve: SPARQL endpoint at http://{shown}:{port}/sparql  (query page: http://{shown}:{port}/)",
          flush=True)
    print(f"  {server.triples} triples, {settings.workers} workers, timeout {settings.timeout:g} s, "
          f"max {settings.max_rows} rows; {'updates need the token' if settings.update_token else 'read-only'}; "
          f"SERVICE {'allowed' if settings.allow_service else 'refused'}. Ctrl-C stops.", flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        print("kg serve: stopped", file=sys.stderr, flush=True)


__all__ = ["Settings", "Server", "serve"]
