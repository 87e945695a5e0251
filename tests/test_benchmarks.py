"""Smoke tests of the benchmark tooling (benchmarks/): the synthetic graphs and the layout runner.

They check that the tools work, never how fast anything is: timings belong in benchmarks/results/.
"""

import json
import os
import re
import shutil
import statistics

import pytest

from benchmarks.synthetic import CLASSES, PREDICATES, graph_summary, synthetic_graph

NODE_KEYS = {"type", "type_label_zh", "type_label_en", "label_zh", "label_en"}
EDGE_KEYS = {"predicate", "label_zh", "label_en", "quotes"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def snapshot(graph):
    """Everything about a graph, in insertion order."""
    return (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))


def test_synthetic_graph_is_deterministic():
    assert snapshot(synthetic_graph(300)) == snapshot(synthetic_graph(300))
    assert snapshot(synthetic_graph(300, seed=1)) != snapshot(synthetic_graph(300))


def test_synthetic_graph_follows_the_explorer_contract():
    graph = synthetic_graph(500)
    class_iris = {iri for _, iri in graph.nodes(data="type")}
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == 500
    assert len(class_iris) == len(CLASSES) == 12
    for node, attrs in graph.nodes(data=True):
        assert node.startswith("https://") and NODE_KEYS <= attrs.keys()
        assert attrs["type"].startswith("https://") and attrs["type_label_zh"] and attrs["type_label_en"]
        assert CJK.search(attrs["label_zh"]) and isinstance(attrs["label_en"], str)
    predicate_iris = set()
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        assert u in graph and v in graph and u != v
        assert EDGE_KEYS <= attrs.keys() and key == attrs["predicate"] and key.startswith("https://")
        assert attrs["label_zh"] and attrs["label_en"]
        assert isinstance(attrs["quotes"], list) and all(isinstance(q, str) and q for q in attrs["quotes"])
        predicate_iris.add(key)
    assert len(predicate_iris) == len(PREDICATES)
    assert any(attrs["label_en"] for _, attrs in graph.nodes(data=True))


def test_synthetic_graph_has_about_two_edges_per_node_and_heavy_tailed_degrees():
    graph = synthetic_graph(1000)
    summary = graph_summary(graph)
    assert 1.8 <= summary["edges"] / summary["nodes"] <= 2.3
    degrees = [d for _, d in graph.degree()]
    assert summary["max_degree"] >= 10 * statistics.median(degrees)
    # Some pairs carry parallel or reverse facts (curved edges in the explorer).
    pairs = [(u, v) for u, v in graph.edges()]
    assert len(set(pairs)) < len(pairs) or any(graph.has_edge(v, u) for u, v in pairs)


def test_synthetic_graph_renders_in_the_explorer():
    from kg.display.explorer.page import render_explorer

    html = render_explorer(synthetic_graph(50), title="synthetic", lang="en")
    assert html.startswith("<!DOCTYPE html>") and "synthetic" in html


@pytest.mark.browser
def test_layout_benchmark_runs_end_to_end_on_a_tiny_graph(tmp_path):
    from benchmarks import explorer_layout as bench
    from tools.browser import CHROMIUM

    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`")
    results = bench.run((50,), repeats=1, timeout_s=60, sample_gap_s=0.2, log=lambda *_: None)
    json_path, md_path = bench.write_results(results, tmp_path)

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["machine"]["chromium"] and data["machine"]["nproc"]
    (row,) = data["rows"]
    assert row["nodes"] == 50 and row["edges"] > 50
    for kind in ("ours", "pyvis"):
        cell = row[kind]
        assert cell["hooked"], f"{kind}: the init-script hook did not see vis.Network"
        assert cell["n_runs"] == 1 and cell["html_bytes"] > 0 and cell["render_s"] is not None
        assert not cell["timed_out"] and cell["stable_s"] is not None
        assert isinstance(cell["physics_on_after_stable"], bool) and cell["max_move_after_stable"] is not None
        assert cell["page_errors"] == []
    # pyvis' template links Bootstrap from a CDN: the runner must have aborted it, not fetched it.
    assert any(url.startswith("https://") for url in row["pyvis"]["blocked_requests"])
    assert row["ratio_pyvis_over_ours"] is not None

    table = md_path.read_text(encoding="utf-8")
    assert "| nodes | edges | ours (s) | pyvis default (s) |" in table and "\n| 50 |" in table


def test_scale_benchmark_cells_and_report_on_a_tiny_graph(tmp_path):
    """benchmarks/scale.py: one worker per system in a subprocess, its records, the table and the targets."""
    from benchmarks import scale
    from kg.synth.generator import write

    path = tmp_path / "tiny.nt"
    write(path, 3_000, seed=1)
    rows = {"triples": 3_000, "systems": {}, "notes": []}
    counts = {}
    for system in ("kg-oxigraph", "kg-disk", "kg-remote", "pyoxigraph"):
        cell = scale.run_cell(system, path, cap=120, repeats=1)
        assert not cell["timed_out"] and "error" not in cell, cell
        assert len(cell["queries"]) == len(scale.query_texts()) == 14
        assert all(q["rows"] > 0 for q in cell["queries"].values()), cell["queries"]
        if system != "pyoxigraph":  # the same answers again, as typed DataFrames
            assert {n: q["rows"] for n, q in cell["frames"].items()} == {n: q["rows"] for n, q in cell["queries"].items()}
        assert cell["peak_mb"] > 10
        counts[system] = {n: q["rows"] for n, q in cell["queries"].items()}
        assert counts[system] == counts["kg-oxigraph"], system  # every store answers alike
        rows["systems"][system] = scale.summarise(cell, 14)
        if system == "kg-oxigraph":  # centrality and HTML once per size, on this store
            assert cell["projection"]["nodes"] > 100 and cell["html"]["bytes"] > 1000 and "centrality" in cell
            rows["systems"][system]["projection"] = cell["projection"]
        elif system.startswith("kg-"):
            assert cell["projection"]["nodes"] > 100 and "html" not in cell and "centrality" not in cell
        assert rows["systems"][system]["complete"] and not rows["systems"][system]["graph_timed_out"]
    for system in ("kg-memory", "rdflib", "kglab"):
        rows["systems"][system] = {"na": "not run in the smoke test"}
    results = {"rows": [rows], "targets": scale.targets([rows]), "kglab": {"ok": False, "note": "not run"},
               "startup": {"kg_query_s": 1.0, "import_rdflib_s": 0.2, "python_s": 0.02},
               "params": {"cap_s": 120, "html_cap": scale.HTML_CAP}, "machine": {"nproc": 2, "python": "3", "loadavg": (0, 0, 0)}}
    table = scale.markdown(results)
    assert "| 3,000 | kg-oxigraph |" in table and "load within 1.5x raw pyoxigraph" in table
    assert {t["target"].split(" (")[0] for t in results["targets"]} >= {"load within 1.5x raw pyoxigraph bulk load",
                                                                         "peak memory within 2x raw pyoxigraph"}
