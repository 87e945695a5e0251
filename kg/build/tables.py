"""Read the curated CSV tables (docs/DATA.md) into rows that remember their file, line and column."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError, Location

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

# table name -> (required columns, optional columns); every table may name the document of its quotes in `doc`
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entities": (("id", "class", "label_zh", "quote"), ("label_en", "en_source", "alt_labels", "doc")),
    "statements": (("subject", "property", "quote"), ("object", "value", "datatype", "doc")),
    "observations": (("id", "kind", "area", "indicator", "value", "unit", "quote"),
                     ("period", "multiplier", "comparator", "rank", "rank_scope", "target_of", "doc")),
    "quantities": (("id", "subject", "property", "value", "unit", "quote"),
                   ("max_value", "multiplier", "comparator", "doc")),
    "recognitions": (("id", "recipient", "award", "quote"), ("period", "consecutive_years", "first_time", "doc")),
}


@dataclass(frozen=True)
class Row:
    """One data row: its cells (stripped strings, '' when empty) and where it was read."""

    table: str
    path: Path
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def at(self, column: str | None = None) -> Location:
        """The location of this row, or of one of its cells."""
        return Location(self.path, self.line, column)

    def slug(self, column: str) -> str:
        """A cell that must hold an id slug."""
        value = self[column]
        if not SLUG.fullmatch(value):
            raise KGError(f"{value!r} is not an id (lowercase letters, digits and '-')", self.at(column),
                          "use a slug such as 'unitree'")
        return value


def read_table(path: Path, name: str) -> list[Row]:
    """Read one table, checking its header; a missing optional file is an empty table."""
    required, optional = TABLES[name]
    if not path.exists():
        return []
    try:
        handle = path.open(encoding="utf-8", newline="")
        reader = csv.DictReader(handle, strict=True)
        header = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        raise KGError(f"not UTF-8 text (byte {exc.start})", Location(path), "save the table as UTF-8") from None
    with handle:
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in required + optional]
        if missing or unknown:
            problem = "; ".join(filter(None, [missing and f"missing columns {missing}",
                                              unknown and f"unknown columns {unknown}"]))
            raise KGError(f"bad header: {problem}", Location(path, 1),
                          f"the columns of {name}.csv are {list(required + optional)} (docs/DATA.md)")
        rows, line = [], 1
        try:
            for record in reader:
                start, line = line + 1, reader.line_num
                if None in record:
                    raise KGError(f"{len(record[None])} cells more than the header has", Location(path, start),
                                  "quote cells that contain commas")
                cells = {k: (v or "").strip() for k, v in record.items()}
                if any(cells.values()):
                    rows.append(Row(name, path, start, cells))
        except csv.Error as exc:
            raise KGError(f"malformed CSV: {exc}", Location(path, reader.line_num)) from None
        except UnicodeDecodeError as exc:
            raise KGError(f"not UTF-8 text (byte {exc.start})", Location(path), "save the table as UTF-8") from None
    return rows


def read_tables(folder: Path) -> dict[str, list[Row]]:
    """All curated tables of a data folder, by table name."""
    return {name: read_table(folder / f"{name}.csv", name) for name in TABLES}
