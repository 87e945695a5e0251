"""`kg build`: sourced, valid, deterministic and atomic outputs."""
import csv
import json
import shutil
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.build.assemble import SELF_EVIDENCED
from kg.build.ontology import parse_turtle
from kg.build.pipeline import build, compile_graph
from kg.build.validate import shacl_findings
from kg.ns import BJ, BJR, OA, SDMX_MEAS
from kg.project import PACKAGED_ONTOLOGY, Project
from kg.release import build_release
from support import FIXTURES, ROOT

OUTPUTS = ("kg.ttl", "kg.nt", "kg.jsonld", "explorer.html")


def test_build_writes_every_output_and_they_hold_the_same_graph(built):
    folder = built.root / "build"
    assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUTS)
    sizes = {fmt: len(Graph().parse(folder / name, format=fmt))
             for name, fmt in (("kg.ttl", "turtle"), ("kg.nt", "nt"), ("kg.jsonld", "json-ld"))}
    assert set(sizes.values()) == {len(built.graph)}, sizes


def test_jsonld_embeds_its_context(built):
    document = json.loads((built.root / "build/kg.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["schema"] == "https://schema.org/"


def test_same_input_gives_byte_identical_outputs(built, tmp_path):
    for folder in ("ontology", "data"):
        shutil.copytree(built.root / folder, tmp_path / folder)
    build_release(Project(tmp_path))
    for name in OUTPUTS:
        assert (tmp_path / "build" / name).read_bytes() == (built.root / "build" / name).read_bytes(), name


def test_every_span_quotes_the_raw_source_exactly(built):
    g = built.graph
    texts = {doc: str(g.value(doc, URIRef("https://schema.org/text"))) for doc in g.subjects(RDF.type, BJ.SourceDocument)}
    spans = list(g.subjects(RDF.type, BJ.TextSpan))
    assert len(spans) > 150
    for span in spans:
        start, end = g.value(span, OA.start).toPython(), g.value(span, OA.end).toPython()
        assert texts[g.value(span, OA.hasSource)][start:end] == str(g.value(span, OA.exact))


def test_every_entity_fact_rests_on_an_assertion_with_a_span(built):
    g = built.graph
    entities = {BJR[row["id"]] for row in csv.DictReader((ROOT / "data/entities.csv").open(encoding="utf-8"))}
    reified = {(g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
               for a in g.subjects(RDF.type, BJ.Assertion) if (a, PROV.wasDerivedFrom, None) in g}
    facts = [(s, p, o) for s in entities for p, o in g.predicate_objects(s) if p not in SELF_EVIDENCED]
    assert len(facts) > 200
    assert [f for f in facts if f not in reified] == []
    assert all((e, PROV.wasDerivedFrom, None) in g for e in entities)


def test_every_statement_row_is_asserted(built, kg):
    rows = list(csv.DictReader((ROOT / "data/statements.csv").open(encoding="utf-8")))
    asserted = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a bj:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o }")
    assert asserted["n"].iloc[0] >= len(rows)


def test_no_blank_nodes_in_the_data(built):
    assert not [s for s in built.graph.subjects() if isinstance(s, BNode) and str(s).startswith(str(BJR))]
    data_subjects = {s for s in built.graph.subjects() if str(s).startswith(str(BJR))}
    assert not [o for s in data_subjects for o in built.graph.objects(s) if isinstance(o, BNode)]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return parse_turtle(PACKAGED_ONTOLOGY / "shapes.ttl")


def test_the_tiny_graph_meets_every_shape(shapes):
    """The seeded errors below damage this graph: each violation they find is the damage's."""
    assert shacl_findings(parse_turtle(FIXTURES / "tiny_graph.ttl"), shapes) == []


@pytest.mark.parametrize("damage, message", [
    ("offset", "oa:exact is not the source text"),
    ("float", "datatype xsd:decimal"),
    ("second_zh_label", "exactly one skos:prefLabel in Chinese"),
    ("unasserted", "the reified triple is not asserted"),
    ("no_evidence", "has no evidence"),
    ("wrong_range", "is not of its declared range"),
])
def test_shapes_catch_seeded_errors(shapes, damage, message):
    g = parse_turtle(FIXTURES / "tiny_graph.ttl")
    span = next(g.subjects(RDF.type, BJ.TextSpan))
    obs = BJR["obs-2024-gdp"]
    unitree = BJR["unitree"]
    if damage == "offset":
        g.set((span, OA.end, Literal(g.value(span, OA.end).toPython() + 1)))
    elif damage == "float":
        g.set((obs, SDMX_MEAS.obsValue, Literal(2800.0)))
    elif damage == "second_zh_label":
        g.add((unitree, SKOS.prefLabel, Literal("宇树", lang="zh")))
    elif damage == "unasserted":
        statement = next(g.subjects(RDF.type, BJ.Assertion))
        g.remove((g.value(statement, RDF.subject), g.value(statement, RDF.predicate), g.value(statement, RDF.object)))
    elif damage == "no_evidence":
        g.remove((unitree, PROV.wasDerivedFrom, None))
    elif damage == "wrong_range":
        g.set((obs, BJ.indicator, unitree))
    findings = shacl_findings(g, shapes)
    violations = [str(f) for f in findings if f.severity == "Violation"]
    assert any(message in v for v in violations), violations


def test_the_real_data_conforms_without_warnings(built):
    assert built.warnings == []


def test_a_failure_while_writing_leaves_previous_outputs_intact(built, tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = {p.name: p.read_bytes() for p in (root / "build").iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kg.build.pipeline.compile_graph", lambda project: (built.graph, built.warnings))  # about writing
    monkeypatch.setattr("kg.build.pipeline.serialize_jsonld", broken)
    with pytest.raises(RuntimeError):
        build(Project(root))
    assert {p.name: p.read_bytes() for p in (root / "build").iterdir()} == before


def test_compile_graph_writes_nothing(tmp_path, built):
    for folder in ("ontology", "data"):
        shutil.copytree(built.root / folder, tmp_path / folder)
    graph, _ = compile_graph(Project(tmp_path))
    assert len(graph) == len(built.graph) and not (tmp_path / "build").exists()


def test_decimal_values_stay_decimal(built):
    value = built.graph.value(BJR["obs-2025q1-fdi"], SDMX_MEAS.obsValue)
    assert value.toPython() == Decimal("4.43") and str(value) == "4.43"
