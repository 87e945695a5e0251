"""The ingest, accept and conflicts tests' second article and its review table, on copies of the built project."""
from __future__ import annotations

import csv
from pathlib import Path

from kg.cli import main
from support import FIXTURES

ARTICLE = FIXTURES / "second_article.txt"
META = FIXTURES / "second_article.json"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, to show that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_review(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_review(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def ingest_fixture(root: Path, out: Path) -> list[dict[str, str]]:
    assert main(["ingest", str(ARTICLE), "--meta", str(META), "--project", str(root), "--out", str(out)]) == 0
    return read_review(out)


def mark(rows: list[dict[str, str]], predicate) -> list[dict[str, str]]:
    for row in rows:
        row["accept"] = "yes" if predicate(row) else ""
    return rows
