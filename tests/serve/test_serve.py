"""`kg serve` as a real subprocess, queried with SPARQLWrapper, rdflib's SPARQLStore and curl."""
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
from rdflib import Graph
from rdflib.query import Result

from kg import KnowledgeGraph
from kg.results import to_dataframe
from kg.stores import Answer
from support import QUERY_FOLDER, ROOT, canonical
from tools.servers import free_port, stop, wait_for_port

QUERIES = sorted(QUERY_FOLDER.glob("*.rq"))
TOKEN = "t0ken-for-tests"
TIMEOUT = 2.0
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(built):
    port = free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(built.root / "build" / "kg.nt"), "--port",
           str(port), "--timeout", str(TIMEOUT), "--workers", "3", "--max-rows", "2000",
           "--max-request-bytes", "20000", "--update-token", TOKEN, "--queries", str(ROOT / "queries")]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_for_port(port, process)
        process.url = f"http://127.0.0.1:{port}"
        process.banner = process.stdout.readline()
        yield process
    finally:
        stop(process)


@pytest.fixture(scope="module")
def oxi_kg(built):
    return KnowledgeGraph.load(built.root / "build" / "kg.nt", store="oxigraph")


def http(url, data=None, headers=None, method=None):
    """(status, headers, body) without raising on error statuses."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def post_query(server, query, accept="application/sparql-results+json", **extra):
    return http(server.url + "/sparql", urlencode({"query": query, **extra}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except FileNotFoundError:
        return None


# ---- start-up ----------------------------------------------------------------------------------------

def test_prints_its_url_and_binds_loopback(server):
    assert f"{server.url}/sparql" in server.banner


# ---- real clients: same answers as the in-process API ---------------------------------------------------

@pytest.mark.parametrize("path", [p for p in QUERIES if p.stem != "cq12_fact_evidence"], ids=lambda p: p.stem)
def test_competency_questions_via_sparqlwrapper(server, oxi_kg, path):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    # SPARQLWrapper guesses the query type by regex, comments included ("address" reads as ADD, an update)
    client.setQuery("\n".join(l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("#")))
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    response = client.query().response.read()
    parsed = Result.parse(io.BytesIO(response), format="json")
    got = to_dataframe(Answer([str(v) for v in parsed.vars], [tuple(row) for row in parsed]))
    expected = oxi_kg.query_file(path)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(canonical(got), canonical(expected))


def test_sparqlstore_matches_api(server, oxi_kg):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.url + "/sparql", returnFormat="json")
    graph = Graph(store=store)
    query = (ROOT / "queries" / "cq04_roadshow_participants.rq").read_text(encoding="utf-8")
    rows = list(graph.query(query))
    assert {str(r.companyZh) for r in rows} == set(oxi_kg.query(query)["companyZh"])
    assert len(graph) == len(oxi_kg)  # a COUNT through the store
    constructed = graph.query("CONSTRUCT { ?s a bj:Company } WHERE { ?s a bj:Company }")
    assert len(constructed.graph) == len(oxi_kg.query("SELECT ?s { ?s a bj:Company }"))


def curl(*args):
    assert shutil.which("curl"), "curl is missing: `make test` installs it through apt"
    done = subprocess.run(["curl", "-s", "-w", "\n%{http_code}", *args], capture_output=True, timeout=60)
    body, _, code = done.stdout.rpartition(b"\n")
    return int(code), body


def test_curl_get_post_and_direct(server, oxi_kg):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = str(len(oxi_kg))
    code, body = curl("-G", "--data-urlencode", f"query={query}", "-H", "Accept: text/csv", server.url + "/sparql")
    assert (code, body.decode().split()) == (200, ["n", n])
    code, body = curl("--data-urlencode", f"query={query}", "-H", "Accept: text/tab-separated-values",
                      server.url + "/sparql")
    assert code == 200 and body.decode().splitlines()[1].startswith(f'"{n}"') or body.decode().splitlines()[1] == n
    code, body = curl("-H", "Content-Type: application/sparql-query", "--data-binary", query, server.url + "/sparql")
    assert code == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == n


# ---- content negotiation ----------------------------------------------------------------------------

@pytest.mark.parametrize("accept,media,check", [
    ("application/sparql-results+json", "application/sparql-results+json", lambda b: json.loads(b)["head"]),
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b"<sparql" in b),
    ("text/csv", "text/csv", lambda b: b.startswith(b"s\r\n")),
    ("text/tab-separated-values", "text/tab-separated-values", lambda b: b.startswith(b"?s\n")),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", lambda b: True),
    ("*/*", "application/sparql-results+json", lambda b: True),
])
def test_select_formats(server, accept, media, check):
    status, headers, body = post_query(server, "SELECT ?s WHERE { ?s a bj:Company } LIMIT 3", accept)
    assert status == 200 and headers["Content-Type"].startswith(media) and check(body)


@pytest.mark.parametrize("accept,media,fmt", [("text/turtle", "text/turtle", "turtle"),
                                              ("application/n-triples", "application/n-triples", "nt"),
                                              ("application/ld+json", "application/ld+json", "json-ld")])
def test_construct_formats(server, accept, media, fmt):
    status, headers, body = post_query(server, "CONSTRUCT WHERE { ?s a bj:Company }", accept)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert len(Graph().parse(data=body.decode(), format=fmt)) > 3


def test_format_parameter_and_406(server):
    status, headers, _ = post_query(server, "ASK {}", accept="text/html", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert post_query(server, "SELECT * {}", accept="image/png")[0] == 406
    assert post_query(server, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv")[0] == 406


def test_service_description_and_query_page(server):
    status, headers, body = http(server.url + "/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    sd = Graph().parse(data=body.decode(), format="turtle")
    assert len(sd) > 5 and f"{server.url}/sparql".encode() in body
    assert http(server.url + "/", headers={"Accept": "text/turtle"})[2] == body
    status, headers, page = http(server.url + "/", headers={"Accept": "text/html"})
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert b"http://" not in page and b"https://" not in page.replace(b"https://w3id.org", b"")
    assert b"cq04_roadshow_participants" in page and b".innerHTML" not in page


# ---- safety ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query,status", [
    ("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }", 403),
    ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", 403),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", 403),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", 403),
    ('SELECT ("SERVICE" AS ?x) {}', 200),
    ("SELECT ?x WHERE { BIND(<http://example.org/SERVICE> AS ?x) } # SERVICE <http://x>", 200),
    ("SELECT ?x WHERE { ?x bj:from ?y }", 200),
])
def test_service_and_from_refused_by_tokens(server, query, status):
    code, _, body = post_query(server, query)
    assert code == status, body
    if status == 403:
        assert b"SERVICE" in body or b"refused" in body


def test_protocol_dataset_outside_the_graph_refused(server):
    query = urlencode({"query": "SELECT * {?s ?p ?o} LIMIT 1", "default-graph-uri": "http://example.org/g"})
    assert http(f"{server.url}/sparql?{query}")[0] == 403


def test_updates_and_graph_store_need_the_token(server):
    update = urlencode({"update": "INSERT DATA { <urn:t:a> <urn:t:b> <urn:t:c> }"}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert http(server.url + "/sparql", update, form)[0] == 403
    assert http(server.url + "/sparql", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})[0] == 403
    assert http(server.url + "/store?default", b"<urn:x> <urn:y> <urn:z> .",
                {"Content-Type": "application/n-triples"}, "PUT")[0] == 403
    assert http(server.url + "/sparql?graph=urn:g", None, {}, "DELETE")[0] == 403
    assert http(server.url + "/sparql", update, {**form, "Authorization": "Bearer wrong"})[0] == 403
    load = urlencode({"update": "LOAD <http://example.org/x.ttl>"}).encode()
    assert http(server.url + "/sparql", load, {**form, "Authorization": f"Bearer {TOKEN}"})[0] == 403
    # with the token the write really applies, on every worker
    assert http(server.url + "/sparql", update, {**form, "Authorization": f"Bearer {TOKEN}"})[0] == 204
    status, _, body = http(server.url + "/store?graph=urn%3At%3Ag", b"<urn:t:x> <urn:t:y> <urn:t:z> .",
                           {"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"}, "PUT")
    assert status == 204, body
    for _ in range(6):
        assert json.loads(post_query(server, "ASK { <urn:t:a> <urn:t:b> <urn:t:c> }")[2])["boolean"] is True
    assert post_query(server, "SELECT * FROM <urn:t:g> { ?s ?p ?o }")[0] == 200  # now a graph of the dataset
    remove = urlencode({"update": "DELETE DATA { <urn:t:a> <urn:t:b> <urn:t:c> } ; DROP GRAPH <urn:t:g>"}).encode()
    assert http(server.url + "/sparql", remove, {**form, "Authorization": f"Bearer {TOKEN}"})[0] == 204


def test_row_cap_and_request_size(server):
    status, _, body = post_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and b"more than 2000 rows" in body
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30000
    assert post_query(server, big)[0] == 413
    code, _ = curl("-H", "Content-Type: application/sparql-query", "--data-binary", big, server.url + "/sparql")
    assert code == 413


def test_malformed_query_gets_400_with_the_parser_message(server):
    status, _, body = post_query(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400 and b"error at 1:" in body


def test_timeout_kills_the_worker_and_light_queries_go_on(server):
    before = children(server.pid)
    result = {}

    def heavy():
        started = time.monotonic()
        result["heavy"] = post_query(server, HEAVY)
        result["heavy_s"] = time.monotonic() - started

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.3)
    busy = [pid for pid in children(server.pid) if pid in before]
    ticks = {pid: cpu_ticks(pid) for pid in busy}
    started = time.monotonic()
    status, _, body = post_query(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s a bj:Company }")
    light_s = time.monotonic() - started
    assert status == 200 and light_s < TIMEOUT / 2, light_s
    time.sleep(0.3)
    spinning = [pid for pid in busy if (cpu_ticks(pid) or 0) - (ticks[pid] or 0) > 10]
    assert len(spinning) == 1  # the heavy query burns one worker's CPU
    thread.join()
    status, _, body = result["heavy"]
    assert status == 504 and b"timed out" in body and result["heavy_s"] < TIMEOUT + 2
    time.sleep(0.5)
    assert cpu_ticks(spinning[0]) is None  # the process is gone, not just forgotten
    assert spinning[0] not in children(server.pid)
    deadline = time.monotonic() + 20
    while len(children(server.pid) - {spinning[0]}) < len(before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert post_query(server, "ASK { ?s ?p ?o }")[0] == 200  # the server still answers


# ---- stopping ----------------------------------------------------------------------------------------

def test_sigterm_stops_workers_and_frees_the_port(built):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(built.root / "build" / "kg.nt"),
                                "--port", str(port), "--workers", "2"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_for_port(port, process)
        workers = children(process.pid)
        assert workers
        process.send_signal(15)
        assert process.wait(10) == 0
        deadline = time.monotonic() + 5  # the workers, and multiprocessing's resource tracker, end with it
        while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(os.path.exists(f"/proc/{pid}") for pid in workers)
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))  # the port is free again
    finally:
        stop(process)


# ---- W3C SPARQL 1.1 Protocol test cases that apply to a read-only endpoint ------------------------------
# https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/ (names as in its manifest)

Q = "ASK { ?s ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
NO_TYPE = {"Content-Type": ""}  # urllib would add a form type otherwise; an empty one reaches the server as none
W3C = {
    "query_get": ("GET", "?" + urlencode({"query": Q}), None, {}, 200),
    "query_post_form": ("POST", "", urlencode({"query": Q}).encode(), FORM, 200),
    "query_post_direct": ("POST", "", Q.encode(), DIRECT, 200),
    "query_content_type_select": ("POST", "", urlencode({"query": "SELECT * {?s ?p ?o} LIMIT 1"}).encode(), FORM, 200),
    "query_content_type_ask": ("POST", "", urlencode({"query": Q}).encode(), FORM, 200),
    "query_content_type_describe": ("POST", "", urlencode({"query": "DESCRIBE bjr:unitree"}).encode(), FORM, 200),
    "query_content_type_construct": ("POST", "", urlencode({"query": "CONSTRUCT WHERE {?s a bj:Company}"}).encode(),
                                     FORM, 200),
    "bad_query_method": ("PUT", "?" + urlencode({"query": Q}), None, {}, 405),
    "bad_multiple_queries": ("GET", "?" + urlencode([("query", Q), ("query", Q)]), None, {}, 400),
    "bad_query_wrong_media_type": ("POST", "", Q.encode(), {"Content-Type": "text/plain"}, 415),
    "bad_query_missing_form_type": ("POST", "", urlencode({"query": Q}).encode(), NO_TYPE, 400),
    "bad_query_missing_direct_type": ("POST", "", Q.encode(), NO_TYPE, 400),
    "bad_query_non_utf8": ("POST", "", Q.encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"},
                           415),
    "bad_query_syntax": ("GET", "?" + urlencode({"query": "ASK {"}), None, {}, 400),
    "bad_update_get": ("GET", "?" + urlencode({"update": "CLEAR ALL"}), None, {}, 400),
    "bad_multiple_updates": ("POST", "", urlencode([("update", "CLEAR ALL"), ("update", "CLEAR ALL")]).encode(),
                             FORM, 403),
    "bad_update_wrong_media_type": ("POST", "", b"CLEAR ALL", {"Content-Type": "text/plain"}, 415),
    "bad_update_missing_form_type": ("POST", "", urlencode({"update": "CLEAR ALL"}).encode(), NO_TYPE, 400),
    "update_post_form": ("POST", "", urlencode({"update": "CLEAR ALL"}).encode(), FORM, 403),
    "update_post_direct": ("POST", "", b"CLEAR ALL", {"Content-Type": "application/sparql-update"}, 403),
    "update_base_uri": ("POST", "", b"BASE <http://example.org/> INSERT DATA { <a> <b> <c> }",
                        {"Content-Type": "application/sparql-update"}, 403),
    "update_dataset_default_graph": ("POST", "?using-graph-uri=http%3A%2F%2Fexample.org%2Fg", b"CLEAR ALL",
                                     {"Content-Type": "application/sparql-update"}, 403),
    "query_dataset_default_graph": ("GET", "?" + urlencode({"query": Q, "default-graph-uri": "http://kasei.us/2009/09/"
                                    "sparql/data/data1.rdf"}), None, {}, 403),
    "query_dataset_named_graphs_get": ("GET", "?" + urlencode({"query": Q, "named-graph-uri": "http://kasei.us/2009/09/"
                                       "sparql/data/data2.rdf"}), None, {}, 403),
    "query_multiple_dataset": ("GET", "?" + urlencode({"query": "ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf>"
                               " { ?s ?p ?o }"}), None, {}, 403),
}


@pytest.mark.parametrize("case", list(W3C))
def test_w3c_protocol(server, case):
    method, query, body, headers, expected = W3C[case]
    status, response_headers, payload = http(server.url + "/sparql" + query, body, headers, method)
    assert status == expected, payload
    if case.startswith("query_content_type_"):
        kind = case.rsplit("_", 1)[1]
        want = "application/sparql-results+json" if kind in ("select", "ask") else "text/turtle"
        assert response_headers["Content-Type"].startswith(want)
