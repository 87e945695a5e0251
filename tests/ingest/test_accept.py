"""`kg accept`: accepted review rows enter data/*.csv with their quotes; bad rows are refused, all or nothing."""
import shutil
from pathlib import Path

import pytest

from kg.build.tables import read_tables
from kg.cli import main
from support.ingest import ingest_fixture, mark, read_review, snapshot, write_review


@pytest.fixture(scope="module")
def ingested(copy_built, tmp_path_factory) -> Path:
    """A built project copy with the second article ingested (review table at review.csv)."""
    root = copy_built(tmp_path_factory.mktemp("accept") / "p")
    ingest_fixture(root, root / "review.csv")
    return root


@pytest.fixture
def project(ingested, tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(ingested, root)
    return root


def accept_all(project: Path, predicate=lambda r: True) -> list[dict]:
    review = project / "review.csv"
    rows = mark(read_review(review), predicate)
    write_review(review, rows)
    return rows


def test_accepted_rows_enter_the_tables_and_the_next_build(project, capsys):
    rows = accept_all(project)
    doc = rows[0]["doc"]
    assert main(["accept", str(project / "review.csv"), "--project", str(project)]) == 0
    assert "rows added" in capsys.readouterr().out
    tables = read_tables(project / "data")
    new_obs = [r for r in tables["observations"] if r["value"] == "7.2"]
    assert len(new_obs) == 1 and new_obs[0]["doc"] == doc and new_obs[0]["kind"] == "actual"
    assert new_obs[0]["quote"] == "高新区(滨江)地区生产总值增长7.2%"
    fdi = next(r for r in tables["observations"] if r["id"] == "obs-2025q1-fdi")  # the same fact: evidence merged
    assert fdi["quote"].split("|")[-1] == "实际利用外资4.43亿美元" and fdi["doc"].split("|")[-1] == doc
    assert len([r for r in tables["observations"] if r["indicator"] == "ind-fdi"]) == 1
    company = next(r for r in tables["entities"] if r["label_zh"] == "云深科技")
    assert company["class"] == "bj:Company" and company["doc"] == doc
    assert main(["build", "--project", str(project)]) == 0


def test_accepting_twice_adds_nothing(project):
    accept_all(project)
    assert main(["accept", str(project / "review.csv"), "--project", str(project)]) == 0
    before = snapshot(project / "data")
    assert main(["accept", str(project / "review.csv"), "--project", str(project)]) == 0
    assert snapshot(project / "data") == before


def test_unaccepted_rows_are_left_out(project):
    before = snapshot(project / "data")
    accept_all(project, lambda r: False)
    assert main(["accept", str(project / "review.csv"), "--project", str(project)]) == 0
    assert snapshot(project / "data") == before


def test_bad_rows_one_message_each_and_nothing_written(project, capsys):
    review = project / "review.csv"
    rows = mark(read_review(review), lambda r: r["kind"] == "observation")
    rows[0].update(accept="maybe")
    obs = [i for i, r in enumerate(rows) if r["kind"] == "observation"]
    rows[obs[0]].update(quote="这句话不在文中")
    rows[obs[1]].update(indicator="", value="99", id="obs-new-99")
    rows.append(dict(rows[obs[0]], kind="gossip", quote=rows[obs[2]]["quote"]))
    write_review(review, rows)
    before = snapshot(project / "data")
    assert main(["accept", str(review), "--project", str(project)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 4, errors
    assert all(e.startswith("error: ") and "review.csv:" in e for e in errors)
    assert "(column accept)" in errors[0] and "'maybe'" in errors[0]
    joined = "\n".join(errors)
    assert "quote not found" in joined and "empty required columns ['indicator']" in joined and "unknown kind 'gossip'" in joined
    assert f"review.csv:{len(rows) + 1} (column kind)" in joined
    assert snapshot(project / "data") == before


def test_a_row_that_would_break_the_build_writes_nothing(project, capsys):
    review = project / "review.csv"
    rows = mark(read_review(review), lambda r: r["kind"] == "observation" and r["value"] == "7.2")
    next(r for r in rows if r["accept"]).update(unit="cur:EUR")
    write_review(review, rows)
    before = snapshot(project / "data")
    assert main(["accept", str(review), "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "would break the build" in err and "cur:EUR" in err and "Fix:" in err
    assert snapshot(project / "data") == before


def test_missing_review_table(project, capsys):
    assert main(["accept", str(project / "nope.csv"), "--project", str(project)]) == 2
    assert "no such review table" in capsys.readouterr().err
