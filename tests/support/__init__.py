"""What the tests share: where the repository is, copies of its project, and comparisons of answers.

Modules: `ingest` (the second article's review table). Real servers on loopback come from `tools.servers`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
QUERY_FOLDER = ROOT / "queries"  # the competency questions (.rq)
FIXTURES = ROOT / "tests" / "fixtures"


def copy_inputs(root: Path, *folders: str) -> Path:
    """Copy the repository's ontology and data (and any further `folders`, e.g. queries) into `root`."""
    shutil.copytree(ROOT / "kg" / "ontology", root / "ontology")
    for folder in ("data", *folders):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """GROUP_CONCAT order and the order of rows tied by ORDER BY are unspecified in SPARQL: sort both."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == "string":
            frame[name] = frame[name].map(lambda c: c if pd.isna(c) else " | ".join(sorted(
                part for chunk in c.split(" | ") for part in chunk.split("、"))), na_action="ignore")
    return frame.sort_values(list(frame.columns), key=lambda s: s.astype(str)).reset_index(drop=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Two answers are equal up to row order and GROUP_CONCAT order (see `canonical`)."""
    pd.testing.assert_frame_equal(canonical(a), canonical(b), check_dtype=True)

