"""Worker processes that run the queries, and the pool that hands them out and kills the slow ones.

Why processes: pyoxigraph's ``Store.query`` has no timeout and holds its thread until the query ends, so the
only way to *really* stop a runaway query is to end the process that runs it. Each worker loads the graph file
into its own in-memory `OxigraphStore` (4,700 triples load in ~30 ms; 200k in ~0.4 s), answers one request at a
time and produces the whole serialized body before anything is sent. The pool gives a request an idle worker,
waits at most the timeout for the answer, and otherwise kills the worker (SIGKILL) and starts a replacement.

Writes (SPARQL Update, Graph Store Protocol), allowed only with a token, are kept in an ordered log: a worker
replays the entries it has not seen before it runs its next request, so every worker, including replacements,
answers from the same data.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.ns import PREFIX_IRIS
from kg.stores import open_store


@dataclass
class Reply:
    """A complete HTTP answer: status, media type and the whole body."""

    status: int
    media_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


def text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------------------------------------
# Inside a worker process
# ---------------------------------------------------------------------------------------------------------

def _open(graph_path: str):
    """The pyoxigraph store of an in-memory `OxigraphStore` holding the graph file (none: an empty store)."""
    os.environ["TQDM_DISABLE"] = "1"  # several workers load at once: their progress bars would draw over each other
    store = open_store("oxigraph")
    if graph_path:
        store.load(Path(graph_path))
    return store.store  # answers are serialized by the engine itself, whole, in the format asked for


def _results(store, job: dict) -> Reply:
    """Run one query and serialize its whole answer, or say why not (400 syntax, 406 format, 413 rows)."""
    import pyoxigraph as ox

    kwargs = {}
    if job.get("default_graphs"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
    if job.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    try:
        result = store.query(job["query"], prefixes=PREFIX_IRIS, base_iri=job.get("base"), **kwargs)
    except SyntaxError as exc:
        return text_reply(400, f"malformed query: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return text_reply(400, f"query failed: {exc}")
    cap = job["max_rows"]
    try:
        if isinstance(result, ox.QueryBoolean):
            fmt = job["results_format"]
            if fmt is None:
                return text_reply(406, "no acceptable media type for an ASK result")
            return Reply(200, fmt[0], result.serialize(format=getattr(ox.QueryResultsFormat, fmt[1])))
        if isinstance(result, ox.QueryTriples):
            fmt = job["graph_format"]
            if fmt is None:
                return text_reply(406, "no acceptable media type for a CONSTRUCT/DESCRIBE result")
            triples = []
            for triple in result:
                triples.append(triple)
                if len(triples) > cap:
                    return _too_many(cap)
            body = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt[1]), prefixes=PREFIX_IRIS
                                if fmt[1] == "TURTLE" else None)
            return Reply(200, fmt[0], body)
        fmt = job["results_format"]
        if fmt is None:
            return text_reply(406, "no acceptable media type for a SELECT result")
        names = [v.value for v in result.variables]
        lines = ["\t".join("?" + n for n in names)]
        for count, solution in enumerate(result, 1):
            if count > cap:
                return _too_many(cap)
            lines.append("\t".join("" if solution[i] is None else str(solution[i]) for i in range(len(names))))
        # Oxigraph writes every format; the rows are collected first (to enforce the cap), then re-read as TSV.
        solutions = ox.parse_query_results("\n".join(lines).encode("utf-8") + b"\n", format=ox.QueryResultsFormat.TSV)
        return Reply(200, fmt[0], solutions.serialize(format=getattr(ox.QueryResultsFormat, fmt[1])))
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
        return text_reply(500, f"query evaluation failed: {exc}")


def _too_many(cap: int) -> Reply:
    return text_reply(413, f"result too large: more than {cap} rows (the server's --max-rows); add a LIMIT "
                           "or ask a narrower question")


def _write(store, op: tuple) -> Reply:
    """Apply one logged write: ("update", text) or ("gsp", method, graph or None, body, format name)."""
    import pyoxigraph as ox

    try:
        if op[0] == "update":
            store.update(op[1], prefixes=PREFIX_IRIS)
        else:
            _, method, graph, body, fmt = op
            target = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
            if method in ("PUT", "DELETE"):
                if graph is None:
                    store.clear_graph(ox.DefaultGraph())
                else:
                    store.remove_graph(target)
            if method in ("PUT", "POST"):
                store.load(body, format=getattr(ox.RdfFormat, fmt), to_graph=target)
    except SyntaxError as exc:
        return text_reply(400, f"malformed update or data: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return text_reply(400, f"update failed: {exc}")
    return Reply(204, "text/plain; charset=utf-8", b"")


def _info(store) -> Reply:
    import json

    graphs = sorted(g.value for g in store.named_graphs() if hasattr(g, "value"))
    return Reply(200, "application/json", json.dumps({"triples": len(store), "graphs": graphs}).encode())


def worker_main(conn, graph_path: str) -> None:
    """The loop of one worker process: answer each job on `conn` until the pool closes it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it then ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    store = _open(graph_path)
    conn.send("ready")
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        if kind == "query":
            reply = _results(store, payload)
        elif kind == "write":
            reply = _write(store, payload)
        else:
            reply = _info(store)
        conn.send(reply)


# ---------------------------------------------------------------------------------------------------------
# In the server process
# ---------------------------------------------------------------------------------------------------------

class Worker:
    """One worker process with its end of the pipe and how much of the write log it has applied."""

    def __init__(self, ctx, graph_path: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, graph_path), daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()
        self.applied = 0

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout) or self.conn.recv() != "ready":
            raise RuntimeError("a query worker did not start")

    def call(self, kind: str, payload, timeout: float | None) -> Reply | None:
        """Send a job and wait up to `timeout` for its reply (None: too slow)."""
        self.conn.send((kind, payload))
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """`size` workers over one graph file; `run` answers a job within `timeout` seconds or kills its worker."""

    def __init__(self, graph_path: str, size: int, timeout: float):
        self.graph_path, self.size, self.timeout = graph_path, size, timeout
        self.ctx = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.log: list[tuple] = []
        self.lock = threading.Lock()
        self.write_lock = threading.Lock()  # one write at a time, so the log order is the order applied
        self.workers: set[Worker] = set()
        self.closed = False
        started = [Worker(self.ctx, graph_path) for _ in range(size)]
        for worker in started:
            worker.wait_ready(60)
            self.workers.add(worker)
            self.idle.put(worker)
        self.timeouts = 0

    def _replace(self, dead: Worker) -> None:
        dead.kill()
        with self.lock:
            self.workers.discard(dead)
            if self.closed:
                return
        fresh = Worker(self.ctx, self.graph_path)
        try:
            fresh.wait_ready(60)
        except RuntimeError:
            fresh.kill()
            return
        with self.lock:
            if self.closed:
                fresh.kill()
                return
            self.workers.add(fresh)
        self.idle.put(fresh)

    def _sync(self, worker: Worker) -> bool:
        """Replay the writes this worker has not applied yet."""
        with self.lock:
            pending = self.log[worker.applied:]
        for op in pending:
            if worker.call("write", op, self.timeout) is None:
                return False
            worker.applied += 1
        return True

    def run(self, kind: str, payload, *, log_write: bool = False) -> Reply:
        """Answer one job on an idle worker: its reply, 503 when all are busy, 504 when it is too slow."""
        if log_write:
            with self.write_lock:
                return self._run(kind, payload, log_write)
        return self._run(kind, payload, False)

    def _run(self, kind: str, payload, log_write: bool) -> Reply:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_reply(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; retry later")
        try:
            if not self._sync(worker):
                raise TimeoutError
            reply = worker.call(kind, payload, max(0.1, deadline - time.monotonic()) if kind == "query" else self.timeout)
        except (TimeoutError, EOFError, OSError, BrokenPipeError):
            reply = None
        if reply is None:
            self.timeouts += 1
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            return text_reply(504 if kind == "query" else 503,
                              f"query timed out after {self.timeout:g} s (the server's --timeout); its worker was "
                              "stopped. Ask a narrower question or add a LIMIT.")
        if log_write and reply.status < 300:
            with self.lock:
                self.log.append(payload)
                worker.applied = len(self.log)
        self.idle.put(worker)
        return reply

    def pids(self) -> list[int]:
        with self.lock:
            return sorted(w.process.pid for w in self.workers)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.kill()
