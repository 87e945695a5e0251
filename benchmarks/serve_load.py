"""Load check of `kg serve` (a script, not a test): concurrent clients run the competency questions.

Scenario 1: N client threads send the competency questions round-robin for a bounded number of requests.
Scenario 2: the same light load while other clients send heavy queries that hit the server's timeout.
Reports throughput, p50/p99 latency and errors (must be 0; in scenario 2 the heavy queries must end in 504)
and writes benchmarks/results/serve_load.json and .md.

    .venv/bin/python benchmarks/serve_load.py [--clients 8] [--requests 400]
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port, queries, count, latencies, errors, statuses, expect=200):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in range(count):
        body = urlencode({"query": queries[i % len(queries)]})
        started = time.perf_counter()
        try:
            conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
            if response.status != expect:
                errors.append(response.status)
        except OSError as exc:
            errors.append(str(exc))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies.append(time.perf_counter() - started)
    conn.close()


def scenario(port, queries, clients, requests, heavy_clients=0, heavy_each=0):
    light, heavy = [], []
    errors, heavy_errors, statuses, heavy_statuses = [], [], [], []
    per = requests // clients
    threads = [threading.Thread(target=client, args=(port, queries, per, light, errors, statuses))
               for _ in range(clients)]
    threads += [threading.Thread(target=client, args=(port, [HEAVY], heavy_each, heavy, heavy_errors,
                                                       heavy_statuses, 504)) for _ in range(heavy_clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in light)
    row = {"clients": clients, "requests": len(light), "seconds": round(wall, 2),
           "throughput_rps": round(len(light) / wall, 1), "p50_ms": round(statistics.median(ms), 1),
           "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1), "errors": len(errors)}
    if heavy_clients:
        row.update(heavy_requests=len(heavy), heavy_timeouts_504=heavy_statuses.count(504),
                   heavy_errors=len(heavy_errors), heavy_p50_s=round(statistics.median(heavy), 2))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=480)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--graph", default=str(ROOT / "build" / "kg.nt"))
    args = parser.parse_args()
    if not Path(args.graph).exists():
        subprocess.run([sys.executable, "-m", "kg.cli", "build", "--project", str(ROOT)], check=True, cwd=ROOT)
    queries = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))
               if p.stem != "cq12_fact_evidence"]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", args.graph, "--port", str(port),
                               "--workers", str(args.workers), "--timeout", str(args.timeout)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        server.stdout.readline()
        results = {
            "setup": {"workers": args.workers, "timeout_s": args.timeout, "queries": len(queries),
                      "graph": Path(args.graph).name},
            "light": scenario(port, queries, args.clients, args.requests),
            "heavy_beside_light": scenario(port, queries, args.clients, args.requests, heavy_clients=2, heavy_each=3),
        }
    finally:
        server.terminate()
        server.wait(10)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve_load.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    lines = ["| scenario | clients | requests | req/s | p50 ms | p99 ms | errors | heavy (504 / sent) |",
             "|---|---|---|---|---|---|---|---|"]
    for name in ("light", "heavy_beside_light"):
        r = results[name]
        heavy = f"{r['heavy_timeouts_504']} / {r['heavy_requests']}" if "heavy_requests" in r else "-"
        lines.append(f"| {name} | {r['clients']} | {r['requests']} | {r['throughput_rps']} | {r['p50_ms']} | "
                     f"{r['p99_ms']} | {r['errors']} | {heavy} |")
    s = results["setup"]
    lines.append(f"\n{s['workers']} workers, timeout {s['timeout_s']} s, {s['queries']} competency questions "
                 f"round-robin, graph {s['graph']}.")
    (out / "serve_load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))
    print("\n".join(lines))
    ok = all(results[k]["errors"] == 0 for k in ("light", "heavy_beside_light"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
