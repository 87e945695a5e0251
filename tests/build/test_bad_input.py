"""Bad input: one clear message (file, line, problem, fix), a non-zero exit, and the previous outputs intact."""
import csv
from pathlib import Path

import pytest

from kg.cli import main


@pytest.fixture
def project(copy_built, tmp_path) -> Path:
    """A copy of the session's built project (ontology, data and build outputs)."""
    return copy_built(tmp_path / "p")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "build").iterdir())}


def append_row(path: Path, **cells) -> int:
    """Append a row to a CSV table; return its line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    lines = path.read_text(encoding="utf-8").splitlines()
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([cells.get(c, "") for c in header])
    return len(lines) + 1


def fails(root: Path, capsys, *fragments: str) -> str:
    """Build, expect exit 2 with one error line containing `fragments`, and unchanged outputs."""
    before = snapshot(root)
    assert main(["build", "--project", str(root)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err
    assert snapshot(root) == before
    assert not [p for p in (root / "build").iterdir() if p.name.endswith(".tmp")]
    return err


QUOTE = "由杭州高新区(滨江)培育的宇树科技"


def test_unknown_entity(project, capsys):
    line = append_row(project / "data/statements.csv", subject="unitree", property="schema:location",
                      object="atlantis", quote=QUOTE)
    fails(project, capsys, f"statements.csv:{line} (column object)", "unknown entity 'atlantis'", "Fix:")


def test_duplicate_id(project, capsys):
    line = append_row(project / "data/entities.csv", id="unitree", **{"class": "bj:Company"}, label_zh="宇树", quote=QUOTE)
    fails(project, capsys, f"entities.csv:{line} (column id)", "duplicate id 'unitree'", "first defined at")


@pytest.mark.parametrize("value, unit, column, problem", [
    ("4,43", "unit:PERCENT", "value", "'4,43' is not a number"),
    ("1", "cur:EUR", "unit", "'cur:EUR' is not a unit declared in the ontology"),
], ids=["number that does not parse", "unit outside the ontology"])
def test_bad_observation_value_or_unit(project, capsys, value, unit, column, problem):
    line = append_row(project / "data/observations.csv", id="obs-bad", kind="actual", area="binjiang",
                      indicator=first_id(project, "bj:Indicator"), period="2024", value=value, unit=unit, quote=QUOTE)
    fails(project, capsys, f"observations.csv:{line} (column {column})", problem)


def test_date_that_does_not_parse(project, capsys):
    line = append_row(project / "data/statements.csv", subject="unitree", property="schema:startDate",
                      value="2025-05-32", datatype="xsd:date", quote=QUOTE)
    fails(project, capsys, f"statements.csv:{line}", "'2025-05-32' does not parse as xsd:date")


def test_period_that_does_not_parse(project, capsys):
    line = append_row(project / "data/recognitions.csv", id="rec-bad", recipient="binjiang",
                      award=first_id(project, "bj:Award"), period="2024-Q5", quote=QUOTE)
    fails(project, capsys, f"recognitions.csv:{line} (column period)", "'2024-Q5' is not a period")




def test_class_outside_the_ontology(project, capsys):
    line = append_row(project / "data/entities.csv", id="ufo", **{"class": "bj:Spaceship"}, label_zh="飞碟", quote=QUOTE)
    fails(project, capsys, f"entities.csv:{line} (column class)", "'bj:Spaceship' is not a class declared in the ontology")


def test_property_outside_the_ontology(project, capsys):
    line = append_row(project / "data/statements.csv", subject="unitree", property="schema:owns", object="binjiang",
                      quote=QUOTE)
    fails(project, capsys, f"statements.csv:{line} (column property)", "not a property declared")


def test_quote_not_in_the_source(project, capsys):
    line = append_row(project / "data/statements.csv", subject="unitree", property="schema:location",
                      object="hangzhou", quote="宇树科技总部设在火星")
    fails(project, capsys, f"statements.csv:{line} (column quote)", "quote not found in the source text")


def test_malformed_csv_row(project, capsys):
    path = project / "data/statements.csv"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write("unitree,schema:location,binjiang,,,x,y,z\n")
    fails(project, capsys, f"statements.csv:{line}", "more than the header has")


def test_malformed_turtle(project, capsys):
    path = project / "ontology/ontology.ttl"
    line = path.read_text(encoding="utf-8").count("\n") + 2
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nbj:Broken a owl:Class ; rdfs:label \"x\n")
    err = fails(project, capsys, "ontology.ttl:", "malformed Turtle")
    assert f"ontology.ttl:{line}" in err


def test_shacl_violation_names_the_row(project, capsys):
    line = append_row(project / "data/observations.csv", id="obs-company-area", kind="actual", area="unitree",
                      indicator=first_id(project, "bj:Indicator"), period="2024", value="1", unit="unit:PERCENT",
                      quote=QUOTE)
    fails(project, capsys, f"observations.csv:{line}", "SHACL", "obs-company-area")


def test_source_that_is_not_utf8(project, capsys):
    (project / "data/sources/000_3053c004c456b618.txt").write_bytes("滨江".encode("gb18030"))
    fails(project, capsys, "000_3053c004c456b618.txt", "not UTF-8")


def test_malformed_sparql_query(project, capsys):
    bad = project / "bad.rq"
    bad.write_text("SELECT ?s WHERE {\n  ?s ?p \n}\n", encoding="utf-8")
    assert main(["query", str(bad), "--graph", str(project / "build/kg.nt")]) == 2
    err = capsys.readouterr().err
    assert "bad.rq:" in err and "malformed SPARQL" in err


def test_missing_graph_says_to_build_first(tmp_path, capsys):
    assert main(["stats", "--graph", str(tmp_path / "kg.nt")]) == 2
    assert "run `kg build`" in capsys.readouterr().err


def first_id(project: Path, cls: str) -> str:
    with (project / "data/entities.csv").open(encoding="utf-8", newline="") as handle:
        return next(row["id"] for row in csv.DictReader(handle) if row["class"] == cls)
