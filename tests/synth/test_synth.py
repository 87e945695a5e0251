"""`kg synth`: the seeded synthetic ecosystem (determinism, size, constant memory, valid spans, SHACL)."""
import io
import tracemalloc
from collections import Counter

import pytest
from rdflib import Graph, URIRef

from kg.cli import main
from kg.ns import BJ, OA, SCHEMA
from kg.synth.generator import synth_lines, write
from support import ROOT


def text(n, seed=0, **kw):
    return "".join(synth_lines(n, seed, **kw))


def test_same_seed_same_bytes_other_seed_other_bytes():
    assert text(10_000, 7) == text(10_000, 7)
    assert text(10_000, 7) != text(10_000, 8)


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_count_within_two_percent_and_parses_as_ntriples(n):
    data = text(n, 1)
    lines = data.count("\n")
    assert abs(lines - n) <= 0.02 * n
    graph = Graph().parse(data=data, format="nt")   # strict N-Triples parser
    assert abs(len(graph) - n) <= 0.02 * n           # few duplicate lines


def test_many_districts_and_heavy_tailed_companies():
    graph = Graph().parse(data=text(100_000, 2), format="nt")
    regions = set(graph.subjects(URIRef(str(SCHEMA.containedInPlace)), None)) & set(graph.subjects(None, BJ.Region))
    assert len(regions) >= 30
    per_district = Counter(o for s, o in graph.subject_objects(SCHEMA.location) if (s, None, BJ.Company) in graph
                           or (s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), BJ.Company) in graph)
    counts = sorted(per_district.values())
    assert counts[-1] >= 5 * counts[len(counts) // 2]   # a few big districts, many small ones


def test_districts_option():
    data = text(20_000, 0, districts=3)
    assert data.count("/id/d00002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>") == 1
    assert "/id/d00003>" not in data


def _peak(n):
    tracemalloc.start()
    for _ in synth_lines(n, 0):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_is_flat():
    small, large = _peak(10_000), _peak(100_000)
    assert large < 1.3 * small, (small, large)


def test_every_span_quotes_its_document_exactly():
    graph = Graph().parse(data=text(10_000, 3), format="nt")
    spans = list(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), BJ.TextSpan))
    assert len(spans) > 300
    for span in spans:
        body = str(graph.value(graph.value(span, OA.hasSource), SCHEMA.text))
        start, end = int(graph.value(span, OA.start)), int(graph.value(span, OA.end))
        assert body[start:end] == str(graph.value(span, OA.exact)) == str(graph.value(span, BJ.quote))
        assert end > start


def test_small_output_conforms_to_the_shapes():
    from kg.build.ontology import parse_turtle
    from kg.build.validate import shacl_findings

    graph = parse_turtle(ROOT / "kg" / "ontology" / "ontology.ttl")
    graph.parse(data=text(3_000, 4), format="nt")
    findings = shacl_findings(graph, parse_turtle(ROOT / "kg" / "ontology" / "shapes.ttl"))
    assert findings == []


def test_competency_queries_return_rows(tmp_path):
    from kg.api import KnowledgeGraph

    path = tmp_path / "s.nt"
    write(path, 10_000, seed=5)
    kg = KnowledgeGraph.load(path, store="oxigraph")
    for query in sorted((ROOT / "queries").glob("cq*.rq")):
        bindings = {"fact": URIRef("https://w3id.org/binjiang-kg/id/obs-binjiang-2024-gdp")} \
            if query.name == "cq12_fact_evidence.rq" else {}
        assert len(kg.query_file(query, **bindings)) > 0, query.name


def test_cli_writes_file_and_stdout(tmp_path, capsys):
    out = tmp_path / "g.nt"
    assert main(["synth", "--triples", "10000", "--seed", "9", "--out", str(out)]) == 0
    assert main(["synth", "--triples", "10000", "--seed", "9"]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")
    assert main(["synth", "--triples", "0"]) == 2


def test_write_to_stream():
    buf = io.StringIO()
    n = write(buf, 10_000, seed=0)
    assert buf.getvalue().count("\n") == n


def test_an_interrupted_write_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    import kg.synth.generator

    path = tmp_path / "big.nt"
    write(path, 2_000, seed=1)
    before = path.read_bytes()

    def interrupted(*args):
        yield from list(synth_lines(20_000, 2))[:10_000]  # past the first 4,096-line flush
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.synth.generator, "synth_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write(path, 20_000, seed=2)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["big.nt"]
