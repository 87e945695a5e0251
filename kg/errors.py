"""The one error type the build raises for bad input: it knows where the problem is and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a piece of input comes from: a file and, when known, a line and a column name."""

    path: Path
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
        if self.column:
            text += f" (column {self.column})"
        return text


class KGError(Exception):
    """Bad input or a failed check, reported as `location: problem. hint`.

    >>> str(KGError("unknown entity 'x'", Location(Path("data/statements.csv"), 7, "object"), "add a row to entities.csv"))
    "data/statements.csv:7 (column object): unknown entity 'x'. Fix: add a row to entities.csv"
    """

    def __init__(self, problem: str, location: Location | str | None = None, hint: str | None = None):
        self.problem, self.location, self.hint = problem, location, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.location}: {self.problem}" if self.location else self.problem
        return f"{text}. Fix: {self.hint}" if self.hint else text
