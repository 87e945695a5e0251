"""Observations that disagree: the same indicator, area, period and kind, different values, each with its source.

>>> from kg import KnowledgeGraph          # doctest: +SKIP
>>> conflicts(KnowledgeGraph.load())       # doctest: +SKIP
"""
from __future__ import annotations

import pandas as pd

from kg.sparql import load as load_query


def conflicts(kg, *, lang: str | None = None) -> pd.DataFrame:
    """Every observation that another one contradicts (same indicator, area, period and kind; another value,
    unit, multiplier or comparator), one row per observation and source span."""
    return kg.query(load_query("conflicts"), lang=lang, source="conflicts")
