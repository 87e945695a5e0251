"""Several sources: the same fact keeps both spans; different values stay separate and `kg conflicts` lists them."""
from pathlib import Path

import pytest

from kg import KGError, KnowledgeGraph
from kg.build.sources import Corpus, Document
from kg.cli import main
from kg.errors import Location
from kg.ingest import conflicts
from kg.ns import BJR
from support.ingest import ingest_fixture, mark, write_review


@pytest.fixture(scope="module")
def two_sources(copy_built, tmp_path_factory) -> Path:
    """A project copy with the second article ingested, its observations accepted and the graph rebuilt."""
    root = copy_built(tmp_path_factory.mktemp("conflicts") / "p")
    rows = mark(ingest_fixture(root, root / "review.csv"), lambda r: r["kind"] == "observation")
    write_review(root / "review.csv", rows)
    assert main(["accept", str(root / "review.csv"), "--project", str(root)]) == 0
    assert main(["build", "--project", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def kg2(two_sources) -> KnowledgeGraph:
    return KnowledgeGraph.load(two_sources / "build/kg.nt")


def test_different_values_stay_separate_observations_each_with_its_source(kg2):
    frame = conflicts(kg2)
    assert set(frame["indicator"]) == {str(BJR["ind-gdp-growth"])}
    assert sorted(frame["value"].astype(str)) == ["7.0", "7.0", "7.2"]
    assert frame["document"].nunique() == 2 and frame["observation"].nunique() == 2
    assert set(frame["period"]) == {"2025-Q1"}


def test_the_same_fact_from_two_documents_keeps_both_spans(kg2):
    spans = kg2.query("""SELECT ?doc ?quote WHERE { ?o prov:wasDerivedFrom ?s . ?s oa:hasSource ?doc ; bj:quote ?quote }""",
                      o=BJR["obs-2025q1-fdi"])
    assert spans["doc"].nunique() == 2 and "实际利用外资4.43亿美元" in set(spans["quote"])


def test_cli_lists_conflicts(two_sources, capsys):
    assert main(["conflicts", "--graph", str(two_sources / "build/kg.nt"), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "7.2" in out and "地区生产总值增长率" in out and "高新区(滨江)地区生产总值增长7.2%" in out


def test_the_curated_graph_has_no_conflicts(kg):
    assert conflicts(kg).empty


def test_a_quote_is_looked_up_in_its_named_document():
    a = Document("doc-a", Path("a.txt"), "滨江GDP增长7.0%。")
    b = Document("doc-b", Path("b.txt"), "另据报道,滨江GDP增长7.0%。")
    corpus = Corpus([a, b])
    where = Location(Path("data/observations.csv"), 3, "quote")
    assert corpus.locate("滨江GDP增长7.0%", where, "doc-b").start == 5
    assert corpus.locate("滨江GDP增长7.0%", where).doc_id == "doc-a"  # without a doc: the first registered
    assert [s.doc_id for s in corpus.locate_all("滨江GDP增长7.0%|滨江GDP增长7.0%", where, "|doc-b")] == ["doc-a", "doc-b"]
    with pytest.raises(KGError, match="unknown document 'doc-c'"):
        corpus.locate("滨江", where, "doc-c")
    with pytest.raises(KGError, match="2 documents for 1 quotes"):
        corpus.locate_all("滨江", where, "doc-a|doc-b")
