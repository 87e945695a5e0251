"""The stores answer alike: rdflib in memory, Oxigraph in memory and on disk (reopened without reloading) and a
remote SPARQL 1.1 endpoint (a real `oxigraph serve` on loopback, filled by `kg push`); the CLI's `--store` over each.

`PARITY` lists the queries every store must answer with the same DataFrame: add a case to test one more."""
import gc
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import Literal, URIRef

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import KGError
from kg.stores import STORES, MemoryStore, OxigraphStore, SparqlStore, open_store
from support import QUERY_FOLDER, ROOT, same
from tools.servers import free_port, oxigraph_binary, oxigraph_server as serve_oxigraph, stop, wait_for_port

from test_terms import AWKWARD, AWKWARD_TEXTS

QUERIES = sorted(QUERY_FOLDER.glob("*.rq"))
BJR = "https://w3id.org/binjiang-kg/id/"
MISSING = Path("no/such/kg.nt")  # a store that must not (re)load the file is given one that does not exist


def first_corroborated_fact(memory: KnowledgeGraph) -> dict:
    """cq12_fact_evidence's ?fact is bound by its caller: the first fact of cq12_corroborated_facts."""
    return {"fact": URIRef(memory.query_file(ROOT / "queries" / "cq12_corroborated_facts.rq")["fact"].iloc[0])}


# (name, query text, bindings): bindings are `KnowledgeGraph.query` keywords, or a function of the memory store's
# KnowledgeGraph that gives them; ?lang is bound by `query` itself. The package's own queries (kg/sparql/*.rq) are
# in tests/test_sparql_parity.py.
PARITY = [(path.stem, path.read_text(encoding="utf-8"),
           first_corroborated_fact if path.stem == "cq12_fact_evidence" else {}) for path in QUERIES] + [
    ("ask_bound_unprojected", "ASK { ?e a ?t }", {"e": URIRef(BJR + "unitree")}),
]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    with serve_oxigraph(tmp_path_factory.mktemp("oxi-serve")) as process:
        yield process


@pytest.fixture(scope="module")
def nt(built):
    return built.root / "build" / "kg.nt"


@pytest.fixture(scope="module")
def stores(built, nt, oxigraph_server, tmp_path_factory):
    """One KnowledgeGraph per store, each over the same built graph."""
    graphs = {"memory": KnowledgeGraph.load(nt), "oxigraph": KnowledgeGraph.load(nt, store="oxigraph")}
    disk = tmp_path_factory.mktemp("disk") / "db"
    first = KnowledgeGraph.load(nt, store=f"oxigraph:{disk}")
    assert len(first) > 4000
    del first
    gc.collect()  # drop the first handle: Oxigraph allows one open store per folder
    graphs["disk"] = KnowledgeGraph.load(MISSING, store=f"oxigraph:{disk}")  # reopened, not reloaded
    assert main(["push", "--endpoint", oxigraph_server.url + "/store", "--graph", str(nt)]) == 0
    graphs["remote"] = KnowledgeGraph.load(MISSING, store=f"sparql:{oxigraph_server.url}/query")
    return graphs


def test_every_store_holds_the_same_triples(stores):
    assert isinstance(stores["memory"].store, MemoryStore) and not stores["memory"].store.persistent
    assert isinstance(stores["oxigraph"].store, OxigraphStore) and not stores["oxigraph"].store.persistent
    assert isinstance(stores["disk"].store, OxigraphStore) and stores["disk"].store.persistent
    assert isinstance(stores["remote"].store, SparqlStore) and stores["remote"].store.persistent
    assert len(stores["memory"]) == len(stores["oxigraph"]) == len(stores["disk"]) == len(stores["remote"]) > 4000


@pytest.mark.parametrize("name, text, bindings", PARITY, ids=[case[0] for case in PARITY])
def test_query_same_on_all_stores(stores, name, text, bindings):
    memory = stores["memory"]
    bindings = bindings(memory) if callable(bindings) else bindings
    expected = memory.query(text, source=name, **bindings)
    assert len(expected) > 0, "an empty answer proves nothing"
    for store in ("oxigraph", "disk", "remote"):
        same(expected, stores[store].query(text, source=name, **bindings))


def decimal_blind(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with "7.0" written "7": Oxigraph keeps an xsd:decimal's value, not its lexical form ("7.0"
    is stored as 7), so the labels of measured values differ there and only there (a known gap)."""
    graph = graph.copy()
    for data in [data for _, data in graph.nodes(data=True)] + [data for *_, data in graph.edges(data=True)]:
        for key in ("label_zh", "label_en"):
            if key in data:
                data[key] = re.sub(r"(\d)\.0\b", r"\1", data[key])
        if data.get("measure"):
            data["measure"] = {**data["measure"], **{k: str(Decimal(data["measure"][k]).normalize()) for k in
                                                     ("value", "max") if data["measure"][k] is not None}}
    return graph


def test_lookup_and_evidence_same_on_all_stores(stores):
    memory = stores["memory"]
    assert len(memory.lookup("宇树")) > 0
    for name in ("oxigraph", "disk", "remote"):
        other = stores[name]
        same(memory.lookup("宇树"), other.lookup("宇树"))
        same(memory.evidence("unitree"), other.evidence("unitree"))
        same(memory.evidence("unitree", lang="en"), other.evidence("unitree", lang="en"))


def test_networkx_same_on_all_stores(stores):
    memory = stores["memory"]
    graphs = {collapse: decimal_blind(memory.to_networkx(collapse=collapse)) for collapse in (False, True)}
    for name in ("disk", "remote"):
        other = stores[name]
        for collapse, graph in graphs.items():
            projected = other.to_networkx(collapse=collapse)
            assert sorted(projected.edges(keys=True)) == sorted(graph.edges(keys=True))
            assert nx.utils.graphs_equal(graph, decimal_blind(projected)), (name, collapse)


@pytest.mark.parametrize("name", ["memory", "oxigraph", "remote"])
def test_bindings_are_substituted_not_spliced_and_errors_name_the_line(stores, name):
    store = stores[name].store
    assert store.query("ASK { ?e a ?t }", {"e": URIRef(BJR + "unitree")}).boolean
    hostile = Literal('"} UNION { ?a ?b ?c')
    assert store.query("SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": hostile}).rows == [(hostile,)]
    with pytest.raises(KGError, match=r"q\.rq:1: malformed SPARQL"):
        store.query("SELECT * WHERE { ?s ?p }", source="q.rq")


def test_remote_construct_and_csv(stores):
    remote = stores["remote"].store
    graph = remote.query("CONSTRUCT { ?e a ?t } WHERE { ?e a ?t } LIMIT 5").graph
    assert len(graph) == 5
    assert sorted(remote.texts_all({"a": AWKWARD})["a"], key=repr) == sorted(AWKWARD_TEXTS, key=repr)  # CSV


def test_graph_store_url_is_derived_or_given(tmp_path):
    assert SparqlStore.default_graph_store("http://h:7878/query") == "http://h:7878/store"
    assert SparqlStore.default_graph_store("http://h:7878/sparql") == "http://h:7878/store"
    assert SparqlStore.default_graph_store("http://h/ds/sparql?x=1") == "http://h/ds/store"
    store = open_store("sparql:http://h/ds/endpoint")
    assert store.graph_store is None
    with pytest.raises(KGError, match="--graph-store"):
        store.load(tmp_path / "kg.nt")
    assert open_store("sparql:http://h/ds/endpoint", graph_store="http://h/gs").graph_store == "http://h/gs"


def test_a_new_backend_is_one_class_and_one_registry_line(monkeypatch, tmp_path):
    class Kept(MemoryStore):
        """A store that says it keeps its data: loaded only while empty, emptied on reload."""

        specs = ("kept:NAME",)
        persistent = True

        @classmethod
        def from_spec(cls, argument, **options):
            return cls() if argument else None

    monkeypatch.setitem(STORES, "kept", Kept)
    path = tmp_path / "one.nt"
    path.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    graph = KnowledgeGraph.load(path, store="kept:x")
    assert isinstance(graph.store, Kept) and len(graph) == 1
    assert len(KnowledgeGraph.load(path, store="kept:x", reload=True)) == 1
    with pytest.raises(KGError, match=r"unknown store 'kept'.* or kept:NAME$"):
        open_store("kept")


def test_reload_replaces_the_on_disk_store(nt, tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    n = len(KnowledgeGraph.load(nt, store=spec))
    gc.collect()
    assert len(KnowledgeGraph.load(nt, store=spec, reload=True)) == n


def test_remote_load_posts_through_the_graph_store(oxigraph_server, nt):
    store = open_store(f"sparql:{oxigraph_server.url}/query")
    before = len(store)
    store.load(nt)  # POST adds; the same triples again change nothing
    assert len(store) == before > 4000


def test_remote_reload_adds_and_never_empties_the_server(nt, tmp_path):
    extra = tmp_path / "extra.nt"
    extra.write_text(f"<{BJR}reload-probe> <{BJR}says> \"added\" .\n", encoding="utf-8")
    with serve_oxigraph(tmp_path / "db") as server:  # its own server: this test adds a triple
        spec = f"sparql:{server.url}/query"
        assert main(["push", "--endpoint", server.url + "/store", "--graph", str(nt)]) == 0
        store = open_store(spec)
        before = len(store)
        with pytest.raises(KGError, match="shared server"):
            store.clear()
        assert len(KnowledgeGraph.load(extra, store=spec, reload=True)) == before + 1


def test_kg_serve_endpoint(built, nt):
    """`kg serve` serves queries at /sparql: `--store sparql:http://.../sparql` reads it."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(nt), "--port", str(port),
                                "--workers", "1", "--queries", str(ROOT / "queries")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_for_port(port, process)
        remote = KnowledgeGraph.load(MISSING, store=f"sparql:http://127.0.0.1:{port}/sparql")
        memory = KnowledgeGraph.load(nt)
        assert len(remote) == len(memory)
        for path in QUERIES[:3]:
            same(memory.query_file(path), remote.query_file(path))
        same(memory.lookup("宇树"), remote.lookup("宇树"))
        assert sorted(remote.store.texts_all({"a": AWKWARD})["a"], key=repr) == sorted(AWKWARD_TEXTS, key=repr)
    finally:
        stop(process)


def test_cli_query_on_each_store(oxigraph_server, stores, nt, tmp_path, capsys):
    query = "SELECT ?e ?label ?n WHERE { ?e skos:prefLabel ?label FILTER(lang(?label) = ?lang) BIND(?x AS ?n) }"
    outputs = {}
    disk = f"oxigraph:{tmp_path / 'cli-db'}"
    for spec in ("memory", "oxigraph", disk, f"sparql:{oxigraph_server.url}/query"):
        assert main(["query", query, "--store", spec, "--graph", str(nt), "--format", "csv", "--lang", "en",
                     "--bind", 'x=say "hi"']) == 0, spec
        outputs[spec] = capsys.readouterr().out
    # the on-disk store now holds the graph: no --graph file needed
    assert main(["query", query, "--store", disk, "--graph", str(MISSING), "--format", "csv", "--lang", "en",
                 "--bind", 'x=say "hi"']) == 0
    outputs["disk again"] = capsys.readouterr().out
    lines = {spec: sorted(out.splitlines()) for spec, out in outputs.items()}
    assert len(lines["memory"]) > 100 and all(line.endswith('"say ""hi"""') for line in lines["memory"][1:])
    assert all(value == lines["memory"] for value in lines.values()), lines.keys()
    assert main(["stats", "--store", f"sparql:{oxigraph_server.url}/query", "--format", "csv"]) == 0
    out, err = capsys.readouterr()  # csv is for programs: the count goes to stderr, beside it
    assert out.startswith("class,instances\n") and err.startswith(f"{len(stores['memory'])} triples")


@pytest.mark.parametrize("spec, message", [
    ("nosuch", "unknown store 'nosuch'"),
    ("oxigraph:", "unknown store 'oxigraph:'"),
    ("sparql:", "unknown store 'sparql:'"),
    ("sparql:ftp://example.org/q", "not an HTTP(S) SPARQL endpoint"),
    ("sparql:http://127.0.0.1:{port}/query", "cannot reach http://127.0.0.1:"),
])
def test_cli_store_errors_exit_2_with_one_line(spec, message, nt, capsys):
    spec = spec.format(port=free_port())  # nothing listens there
    assert main(["query", "ASK {}", "--store", spec, "--graph", str(nt)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1


def test_empty_endpoint_says_push_first(tmp_path, capsys):
    binary = oxigraph_binary()
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "empty"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process)
        assert main(["lookup", "宇树", "--store", f"sparql:http://127.0.0.1:{port}/query"]) == 2
        err = capsys.readouterr().err
        assert "holds no triples" in err and f"kg push --endpoint http://127.0.0.1:{port}/store" in err
    finally:
        stop(process)


@pytest.mark.parametrize("content_type, expected", [
    ("application/sparql-results+json", [("https://w3id.org/binjiang-kg/id/unitree", None)]),
    ("application/json", [("https://w3id.org/binjiang-kg/id/unitree", None)]),
    ("application/sparql-results+xml", "unsupported media type 'application/sparql-results+xml'"),
])
def test_remote_bulk_reads_fall_back_to_json(content_type, expected):
    """A server that offers no CSV: `texts_all` asks for CSV first and reads JSON, or says what it got."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    asked = []
    body = json.dumps({"head": {"vars": ["e", "l"]}, "results": {"bindings": [
        {"e": {"type": "uri", "value": "https://w3id.org/binjiang-kg/id/unitree"},
         "l": {"type": "literal", "value": ""}}]}}).encode()

    class JsonOnly(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            asked.append(self.headers["Accept"])
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), JsonOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        store = SparqlStore(f"http://127.0.0.1:{server.server_port}/query")
        if isinstance(expected, list):
            assert store.texts_all({"q": "SELECT ?e ?l {}"}) == {"q": expected}
        else:
            with pytest.raises(KGError, match=re.escape(expected)):
                store.texts_all({"q": "SELECT ?e ?l {}"})
    finally:
        server.shutdown()
        server.server_close()
    assert asked and asked[0].startswith("text/csv")
