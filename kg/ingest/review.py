"""The review table (one proposed fact per row) and `accept`: merge the rows marked ``yes`` into data/*.csv.

Review columns: ``kind`` (entity, statement, observation, quantity, recognition), then the curated tables'
own columns (so accepting a row is a copy; observations.csv's ``kind`` is called ``obs_kind`` here), ``quote``, ``doc``, ``start``, ``end``, ``confidence``,
``note`` and ``accept`` (empty: undecided; ``yes``; ``no``).

Accepting is all or nothing: every accepted row is checked (columns, references, quote found in its
document), then the merged tables are compiled and validated (SHACL) in a scratch copy of the project,
and only then written, each through a temporary file and a rename.
"""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.pipeline import compile_graph
from kg.build.sources import load_corpus
from kg.build.tables import SLUG, TABLES
from kg.errors import KGError, Location
from kg.project import Project, write_atomically
from kg.text import normalise

KINDS = {"entity": "entities", "statement": "statements", "observation": "observations",
         "quantity": "quantities", "recognition": "recognitions"}
# observations.csv's own `kind` (actual or target) is `obs_kind` here, as `kind` names the table.
_FACT_COLUMNS = [c if c != "kind" else "obs_kind" for name in TABLES.values() for c in name[0] + name[1]
                 if c not in ("quote", "doc")]
COLUMNS = ["kind", *dict.fromkeys(_FACT_COLUMNS), "quote", "doc", "start", "end", "confidence", "note", "accept"]
YES, NO = {"yes", "y"}, {"no", "n", ""}
# What makes two rows the same fact (rows of the same table with equal cells here are merged).
FACT_KEY = {"entities": ("id",),
            "statements": ("subject", "property", "object", "value", "datatype"),
            "observations": ("kind", "area", "indicator", "period", "value", "unit", "multiplier", "comparator"),
            "quantities": ("subject", "property", "value", "max_value", "unit", "multiplier", "comparator"),
            "recognitions": ("recipient", "award", "period", "consecutive_years", "first_time")}


class ReviewErrors(KGError):
    """Several problems at once, one line each (the CLI prints every one)."""

    def __init__(self, errors: list[KGError]):
        self.errors = errors
        super().__init__(str(errors[0]))

    def __str__(self) -> str:
        return "\nerror: ".join(str(e) for e in self.errors)


def write_review(path: Path, proposals) -> None:
    """Write proposals (`kg.ingest.propose.Proposal`) as a review CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in proposals:
        cells = {("obs_kind" if k == "kind" else k): v for k, v in p.cells.items()}
        writer.writerow({**cells, "kind": p.kind, "quote": p.quote, "doc": p.doc, "start": p.start, "end": p.end,
                         "confidence": f"{p.confidence:.2f}", "note": p.note, "accept": ""})
    write_atomically(path.parent if str(path.parent) else Path("."), {path.name: out.getvalue()})


@dataclass
class Table:
    """A curated table held as text cells, ready to be written back in the same CSV dialect."""

    name: str
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path, name: str) -> "Table":
        path = folder / f"{name}.csv"
        required, optional = TABLES[name]
        if not path.exists():
            return cls(name, list(required + optional))
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            return cls(name, list(reader.fieldnames or []), [dict(r) for r in reader])

    def text(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, self.header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def _merge_quote(row: dict[str, str], quote: str, doc: str) -> bool:
    """Add `quote` (from `doc`) to a row's evidence unless it is there; True if the row changed."""
    quotes = [normalise(q) for q in (row.get("quote") or "").split("|") if normalise(q)]
    docs_cell = (row.get("doc") or "").strip()
    docs = [d.strip() for d in docs_cell.split("|")] if docs_cell else [""]
    if len(docs) == 1:
        docs = docs * len(quotes)
    if any(q == quote and d in (doc, "") for q, d in zip(quotes, docs)):
        return False
    quotes.append(quote)
    docs.append(doc)
    row["quote"] = "|".join(quotes)
    row["doc"] = "" if not any(docs) else (docs[0] if len(set(docs)) == 1 else "|".join(docs))
    return True


def _key(table: str, cells: dict[str, str]) -> tuple:
    return tuple((cells.get(c) or "").strip() for c in FACT_KEY[table])


def accept(project: Project, review: Path) -> dict[str, int]:
    """Merge the accepted rows of `review` into the project's tables; counts of added and merged rows."""
    if not review.is_file():
        raise KGError("no such review table", Location(review), "give the CSV that `kg ingest` wrote")
    try:
        with review.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            records = [(reader.line_num, r) for r in reader]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise KGError(f"unreadable review table: {exc}", Location(review)) from None
    missing = [c for c in ("kind", "quote", "doc", "accept") if c not in header]
    if missing:
        raise KGError(f"bad header: missing columns {missing}", Location(review, 1), "use the table `kg ingest` wrote")
    corpus = load_corpus(project.sources)
    tables = {name: Table.read(project.data, name) for name in TABLES}
    ids = {r.get("id", "") for t in tables.values() for r in t.rows} | set(corpus.documents)
    errors: list[KGError] = []
    counts = {"added": 0, "merged": 0, "unchanged": 0}
    line = 1
    for line, record in records:
        cells = {k: (v or "").strip() for k, v in record.items() if k}
        decision = cells.get("accept", "").lower()
        if decision in NO:
            continue
        if decision not in YES:
            errors.append(KGError(f"accept is {cells['accept']!r}", Location(review, line, "accept"), "write yes, no or leave it empty"))
            continue
        name = KINDS.get(cells.get("kind", ""))
        if name is None:
            errors.append(KGError(f"unknown kind {cells.get('kind')!r}", Location(review, line, "kind"), f"use one of {sorted(KINDS)}"))
            continue
        table = tables[name]
        required, optional = TABLES[name]
        if name == "observations":
            cells["kind"] = cells.get("obs_kind", "")
        quote, doc = normalise(cells.get("quote", "")), cells.get("doc", "")
        try:
            if "|" in quote:
                raise KGError("one quote per review row", Location(review, line, "quote"), "split the row in two")
            corpus.locate(quote, Location(review, line, "quote"), doc)
        except KGError as exc:
            errors.append(exc)
            continue
        key = _key(name, cells)
        same = next((r for r in table.rows if _key(name, r) == key), None)
        if name == "entities" and same is None and cells.get("id") in ids:
            errors.append(KGError(f"id {cells['id']!r} is already used by a row that is not an entity", Location(review, line, "id"),
                                  "give the new entity its own id"))
            continue
        if same is not None:  # the same fact: its evidence grows
            changed = _merge_quote(same, quote, doc)
            counts["merged" if changed else "unchanged"] += 1
            continue
        empty = [c for c in required if c != "quote" and not cells.get(c)]
        if empty:
            errors.append(KGError(f"empty required columns {empty} for a new {cells['kind']}", Location(review, line, empty[0]),
                                  "fill them (see docs/DATA.md) or leave the row unaccepted"))
            continue
        if "id" in required:
            if not SLUG.fullmatch(cells["id"]):
                errors.append(KGError(f"{cells['id']!r} is not an id", Location(review, line, "id"), "use a slug such as 'unitree'"))
                continue
            if cells["id"] in ids:
                errors.append(KGError(f"id {cells['id']!r} is already used by a different fact", Location(review, line, "id"),
                                      "give this fact its own id (e.g. add the document to it)"))
                continue
            ids.add(cells["id"])
        if "doc" not in table.header:
            table.header.append("doc")
        table.rows.append({**{c: cells.get(c, "") for c in required + optional}, "quote": quote, "doc": doc})
        counts["added"] += 1
    if errors:
        raise ReviewErrors(errors)
    if not counts["added"] and not counts["merged"]:
        return counts
    files = {f"{name}.csv": t.text() for name, t in tables.items()
             if t.rows or (project.data / f"{name}.csv").exists()}
    _check_build(project, files, review)
    write_atomically(project.data, files)
    return counts


def _check_build(project: Project, files: dict[str, str], review: Path) -> None:
    """Compile and validate the merged tables in a scratch copy; a KGError names the problem."""
    with tempfile.TemporaryDirectory(prefix="kg-accept-") as scratch:
        root = Path(scratch)
        shutil.copytree(project.ontology, root / "ontology")
        shutil.copytree(project.data, root / "data")
        for name, text in files.items():
            (root / "data" / name).write_text(text, encoding="utf-8")
        try:
            compile_graph(Project(root))
        except KGError as exc:
            where = str(exc.location).replace(str(root / "data"), "data") if exc.location else ""
            raise KGError(f"accepting these rows would break the build: {where}: {exc.problem}", Location(review),
                          exc.hint or "correct or un-accept the rows involved") from None
