"""`kg ingest`: register a new article, propose sourced facts with offsets; bad input refused cleanly."""
import json
import shutil
import tracemalloc
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.build.sources import Document, load_corpus
from kg.cli import main
from kg.ingest import Lexicon, propose
from kg.text import normalise
from support import copy_inputs
from support.ingest import ARTICLE, META, ingest_fixture, read_review, snapshot


@pytest.fixture(scope="module")
def built_project(copy_built, tmp_path_factory) -> Path:
    return copy_built(tmp_path_factory.mktemp("ingest") / "p")


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(built_project, root)
    return root


@pytest.fixture(scope="module")
def lexicon(built_project) -> Lexicon:
    return Lexicon.from_kg(KnowledgeGraph.load(built_project / "build/kg.nt"))


def test_ingest_registers_the_document_and_every_proposal_carries_its_span(project, tmp_path):
    rows = ingest_fixture(project, tmp_path / "review.csv")
    texts = sorted((project / "data/sources").glob("*.txt"))
    assert len(texts) == 2
    meta = json.loads(texts[1].with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["id"].startswith("doc-") and meta["title"] == "滨江一季度经济数据快报" and meta["date"] == "2025-04-20"
    raw = texts[1].read_text(encoding="utf-8")
    assert rows and all(r["doc"] == meta["id"] for r in rows)
    for r in rows:
        assert normalise(raw[int(r["start"]):int(r["end"])]) == r["quote"], r
        assert 0 <= float(r["confidence"]) <= 1 and r["accept"] == ""
    observations = {(r["indicator"], r["period"], r["value"], r["obs_kind"]) for r in rows if r["kind"] == "observation"}
    assert ("ind-gdp-growth", "2025-Q1", "7.2", "actual") in observations
    assert ("ind-fdi", "2025-Q1", "4.43", "actual") in observations
    assert ("ind-new-firms-growth", "2025", "60", "target") in observations  # 今年 from the metadata date
    candidates = {r["label_zh"]: r["class"] for r in rows if r["kind"] == "entity" and "candidate" in r["note"]}
    assert candidates == {"云深科技": "bj:Company"}
    known = {r["id"] for r in rows if r["kind"] == "entity" and "known" in r["note"]}
    assert {"binjiang", "unitree", "guanshan-park", "ind-fdi"} <= known


def test_the_next_build_accepts_the_registered_document(project, tmp_path):
    ingest_fixture(project, tmp_path / "review.csv")
    assert main(["build", "--project", str(project)]) == 0


def test_ingesting_twice_changes_nothing(project, tmp_path, capsys):
    ingest_fixture(project, tmp_path / "review.csv")
    before = snapshot(project / "data")
    assert main(["ingest", str(ARTICLE), "--project", str(project), "--out", str(tmp_path / "again.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "second_article.txt" in err and "already registered as doc-" in err
    assert "Fix:" in err and snapshot(project / "data") == before
    assert main(["ingest", str(ARTICLE), "--project", str(project), "--out", str(tmp_path / "again.csv"), "--again"]) == 0
    assert snapshot(project / "data") == before
    assert read_review(tmp_path / "again.csv") == read_review(tmp_path / "review.csv")


def test_source_article_proposals(built_project, lexicon):
    document = load_corpus(built_project / "data/sources").documents["doc-000"]
    proposals = propose(document, lexicon)
    for p in proposals:
        assert normalise(document.text[p.start:p.end]) == p.quote and len(document.find_all(p.quote)) == 1
    obs = {(p.cells["indicator"], p.cells.get("period", "")): p.cells for p in proposals if p.kind == "observation"}
    assert obs[("ind-gdp", "2024")] | {} == obs[("ind-gdp", "2024")]
    assert (obs[("ind-gdp", "2024")]["value"], obs[("ind-gdp", "2024")]["comparator"]) == ("2800", "gt")
    assert obs[("ind-fdi", "2025-Q1")]["rank"] == "1" and obs[("ind-fdi", "2025-Q1")]["rank_scope"] == "zhejiang"
    assert obs[("ind-kindergarten-nursery-ratio", "2025")]["comparator"] == "ge"
    assert obs[("ind-retail-growth", "2025-Q1")]["value"] == "6.2"
    statements = {(p.cells["subject"], p.cells["property"], p.cells.get("object") or p.cells.get("value"))
                  for p in proposals if p.kind == "statement"}
    roadshow = "middle-east-roadshow-2025"
    assert {(roadshow, "schema:startDate", "2025-05-18"), (roadshow, "schema:endDate", "2025-05-23"),
            (roadshow, "bj:participantCount", "25"), (roadshow, "schema:location", "dubai")} <= statements
    assert {s[2] for s in statements if s[:2] == (roadshow, "schema:participant")} == \
        {"unitree", "aqishi", "hyperchain", "qiuguo", "matai-energy"}
    assert ("innovation-opinions", "bj:status", "bjc:status-issued") in statements
    assert ("guanshan-factory-space", "schema:containedInPlace", "guanshan-park") in statements


def test_english_text(lexicon):
    text = "Binjiang report\n\nIn 2024, Unitree Robotics opened a plant; GDP grew 7.5% in the first quarter of 2025."
    proposals = propose(Document("doc-en", Path("en.txt"), text, {}), lexicon)
    ids = {p.cells["id"] for p in proposals if p.kind == "entity"}
    assert {"unitree", "ind-gdp"} <= ids
    (obs,) = [p for p in proposals if p.kind == "observation"]
    assert (obs.cells["value"], obs.cells["unit"], obs.cells["indicator"]) == ("7.5", "unit:PERCENT", "ind-gdp")
    assert text[obs.start:obs.end] == obs.quote


# -- bad input: one clear line (file, problem, fix), exit 2, data/ untouched ----------------------------------
def refused(project: Path, path: Path, capsys, *fragments: str) -> str:
    before = snapshot(project / "data")
    assert main(["ingest", str(path), "--project", str(project), "--out", str(project / "r.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err
    for fragment in (path.name, "Fix:", *fragments):
        assert fragment in err, err
    assert snapshot(project / "data") == before and not (project / "r.csv").exists()
    return err


def test_empty_file(project, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    refused(project, tmp_path / "empty.txt", capsys, "empty")
    (tmp_path / "blank.txt").write_text(" \n\n\u3000\n", encoding="utf-8")
    refused(project, tmp_path / "blank.txt", capsys, "blank")


def test_not_utf8(project, tmp_path, capsys):
    (tmp_path / "gbk.txt").write_bytes("滨江一季度GDP增长7.0%".encode("gb18030"))
    refused(project, tmp_path / "gbk.txt", capsys, "not UTF-8", "iconv")


def test_binary_file(project, tmp_path, capsys):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    refused(project, tmp_path / "photo.txt", capsys, "binary")


def test_missing_file(project, tmp_path, capsys):
    refused(project, tmp_path / "nowhere.txt", capsys, "no such file")


def test_very_large_file_is_refused_in_bounded_memory(project, tmp_path, capsys):
    big = tmp_path / "big.txt"
    line = ("滨江一季度地区生产总值增长7.0%,实际利用外资4.43亿美元。" * 20 + "\n").encode("utf-8")
    with big.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50_000_000
    tracemalloc.start()
    try:
        refused(project, big, capsys, "more than the", "split it")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, peak  # the graph's labels, not the 50 MB file


def test_bad_metadata(project, tmp_path, capsys):
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"title": "不在文中的标题"}), encoding="utf-8")
    before = snapshot(project / "data")
    assert main(["ingest", str(ARTICLE), "--meta", str(meta), "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "meta.json" in err and "title" in err and "Fix:" in err
    assert snapshot(project / "data") == before


def test_ingest_needs_a_built_graph(tmp_path, capsys):
    copy_inputs(tmp_path)
    assert main(["ingest", str(ARTICLE), "--meta", str(META), "--project", str(tmp_path)]) == 2
    assert "run `kg build`" in capsys.readouterr().err
