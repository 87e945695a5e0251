"""The Python API and the CLI over it: typed DataFrames, bindings, lookup and evidence."""
import json

import pandas as pd
import pytest
from rdflib import URIRef

from kg import KGError
from kg.cli import main
from kg.ns import BJR, SCHEMA


def test_query_columns_are_typed(kg):
    frame = kg.query("""
        SELECT ?label ?value ?multiplier ?start WHERE {
          ?o bj:indicator/skos:prefLabel ?label ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMult ?multiplier .
          FILTER(lang(?label) = "zh")
          OPTIONAL { bjr:middle-east-roadshow-2025 schema:startDate ?start }
        } ORDER BY ?value""")
    assert str(frame["label"].dtype) == "string"
    assert str(frame["value"].dtype) == "Float64"
    assert str(frame["multiplier"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert frame["value"].tolist() == [4.43, 2800.0, 4500.0]


def test_bindings_are_values_not_query_text(kg):
    hostile = '宇树科技" ) } SELECT * WHERE { ?s ?p ?o } #'
    frame = kg.query("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", name=hostile)
    assert frame.empty
    frame = kg.query("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", name="宇树科技")
    assert frame["e"].tolist() == [str(BJR.unitree)]


def test_lang_binding_chooses_the_label_language(kg):
    text = "SELECT ?l WHERE { bjr:unitree skos:prefLabel ?l FILTER(lang(?l) = ?lang) }"
    assert kg.query(text)["l"].tolist() == ["宇树科技"]
    assert kg.query(text, lang="en")["l"].tolist() == ["Unitree Robotics"]


def test_ask_and_construct_answers(kg):
    assert bool(kg.query("ASK { bjr:unitree a bj:Company }")["ask"].iloc[0]) is True
    frame = kg.query("CONSTRUCT { ?e schema:participant ?c } WHERE { ?e schema:participant ?c }")
    assert list(frame.columns) == ["subject", "predicate", "object"] and len(frame) >= 5


@pytest.mark.parametrize("text, expected", [("宇树", "unitree"), ("unitree robotics", "unitree"),
                                            ("Qulian", "hyperchain"), ("零磁", "zero-magnetic-valley")])
def test_lookup_by_chinese_english_or_alternative_label(kg, text, expected):
    assert kg.lookup(text)["entity"].iloc[0] == str(BJR[expected])


def test_entity_resolves_ids_labels_and_iris(kg):
    assert kg.entity("unitree") == kg.entity("宇树科技") == kg.entity(str(BJR.unitree)) == BJR.unitree
    with pytest.raises(KGError, match="no entity"):
        kg.entity("no such thing anywhere")


def test_evidence_of_an_entity_lists_facts_with_quotes_and_offsets(kg):
    frame = kg.evidence("unitree")
    roadshow = frame[(frame["predicate"] == str(SCHEMA.participant)) & (frame["subject"] == str(BJR["middle-east-roadshow-2025"]))]
    assert len(roadshow) == 1
    assert "宇树科技、阿启视科技、趣链科技" in roadshow["quote"].iloc[0]
    assert str(frame["start"].dtype) == "Int64" and (frame["end"] > frame["start"]).all()


def test_fact_evidence(kg):
    frame = kg.fact_evidence("middle-east-roadshow-2025", SCHEMA.participant, "unitree")
    assert frame["quote"].tolist() == ["来自滨江的宇树科技、阿启视科技、趣链科技、秋果计划、马太能源5家企业应邀成了中东投资机构的“座上宾”"]
    assert frame["document"].tolist() == [str(BJR["doc-000"])]


def test_malformed_query_is_a_kg_error_with_line(kg):
    with pytest.raises(KGError, match=r"q\.rq:2: malformed SPARQL"):
        kg.query("SELECT ?s\nWHERE { ?s ?p }", source="q.rq")


def graph_args(built):
    return ["--graph", str(built.root / "build/kg.nt")]


def test_cli_query_formats(built, capsys):
    text = "SELECT ?l WHERE { bjr:unitree skos:prefLabel ?l FILTER(lang(?l) = 'en') }"
    assert main(["query", text, "--format", "json", *graph_args(built)]) == 0
    assert json.loads(capsys.readouterr().out) == [{"l": "Unitree Robotics"}]
    assert main(["query", text, "--format", "csv", *graph_args(built)]) == 0
    assert capsys.readouterr().out.splitlines() == ["l", "Unitree Robotics"]


def test_cli_query_binds_parameters(built, capsys):
    text = "SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"
    assert main(["query", text, "--bind", "name=零跑汽车", "--format", "csv", *graph_args(built)]) == 0
    assert capsys.readouterr().out.split() == ["e", str(BJR.leapmotor)]


def test_cli_lookup_evidence_and_stats(built, capsys):
    assert main(["lookup", "趣链", *graph_args(built)]) == 0
    assert "Hyperchain" in capsys.readouterr().out
    assert main(["evidence", "leapmotor", "--format", "csv", *graph_args(built)]) == 0
    assert "外国消费者试驾“滨江造”零跑汽车" in capsys.readouterr().out
    assert main(["stats", "--lang", "en", *graph_args(built)]) == 0
    out = capsys.readouterr().out
    assert "company" in out and "triples" in out


def test_cli_path_shows_each_hop_with_its_quote(built, capsys):
    assert main(["path", "innovation-opinions", "unitree", "--format", "json", *graph_args(built)]) == 0
    hops = json.loads(capsys.readouterr().out)
    assert hops[0]["from_iri"] == str(BJR["innovation-opinions"]) or hops[0]["to_iri"] == str(BJR["innovation-opinions"])
    assert all(hop["quote"] for hop in hops)


def test_cli_unknown_query_file(built, capsys):
    assert main(["query", "missing.rq", *graph_args(built)]) == 2
    assert "missing.rq: no such query file" in capsys.readouterr().err


def test_iri_bindings_stay_iris(kg):
    frame = kg.query("SELECT ?l WHERE { ?e skos:prefLabel ?l FILTER(lang(?l) = 'zh') }", e=URIRef(BJR.leapmotor))
    assert frame["l"].tolist() == ["零跑汽车"]


def test_cli_viz_takes_a_perspective_and_reports_a_bad_one(built, tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text('{"classes": {"Company": {"colour": "#e15759", "shape": "star"}}}', encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["viz", "--perspective", str(good), "--output", str(out), *graph_args(built)]) == 0
    assert "#e15759" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"classes": {"Company": {"colour": "red"}}}', encoding="utf-8")
    assert main(["viz", "--perspective", str(bad), "--output", str(tmp_path / "x.html"), *graph_args(built)]) == 2
    assert "bad.json: classes.Company.colour" in capsys.readouterr().err
