"""SPARQL answers as pandas DataFrames with typed columns: numbers as numbers, dates as dates, IRIs as strings;
and such frames as the JSON records that ``--format json`` prints."""
from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from kg.stores.base import Answer
from kg.stores.terms import python_value


def typed_series(name: str, values: list) -> pd.Series:
    """One column with the narrowest dtype that holds every non-null value."""
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if present and kinds <= {bool}:
        return pd.Series(values, name=name, dtype="boolean")
    if present and kinds <= {int}:
        return pd.Series(values, name=name, dtype="Int64")
    if present and kinds <= {int, float, Decimal}:
        return pd.Series([None if v is None else float(v) for v in values], name=name, dtype="Float64")
    if present and kinds <= {date, datetime}:
        return pd.Series(pd.to_datetime(values), name=name)
    return pd.Series([None if v is None else str(v) for v in values], name=name, dtype="string")


def to_dataframe(answer: Answer) -> pd.DataFrame:
    """A SELECT answer as a DataFrame; an ASK answer as one boolean cell; CONSTRUCT as s, p, o rows."""
    if answer.boolean is not None:
        return pd.DataFrame({"ask": pd.Series([answer.boolean], dtype="boolean")})
    if answer.graph is not None:
        triples = sorted(answer.graph, key=lambda t: tuple(x.n3() for x in t))
        columns, rows = ["subject", "predicate", "object"], [tuple(map(python_value, t)) for t in triples]
    else:
        columns, rows = answer.variables, answer.values()
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    return pd.DataFrame({name: typed_series(name, values) for name, values in zip(columns, cells)}, columns=columns)


def to_json(frame: pd.DataFrame) -> str:
    """The frame as a JSON list of records (what ``--format json`` prints).

    Text is written as it is (pandas' ``to_json`` escapes every ``/``), dates in ISO 8601 (without a time of day
    when the column has none), missing values and non-finite numbers as ``null``.

    >>> print(to_json(pd.DataFrame({"iri": ["https://w3id.org/x"], "zh": ["滨江"], "day": pd.to_datetime(["2025-05-18"]),
    ...                             "n": pd.array([None], dtype="Int64")})))
    [
     {
      "iri": "https://w3id.org/x",
      "zh": "滨江",
      "day": "2025-05-18",
      "n": null
     }
    ]
    """
    columns = {str(name): _json_cells(frame[name]) for name in frame.columns}
    records = [dict(zip(columns, cells)) for cells in zip(*columns.values())]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False, default=_json_other)


def _json_cells(column: pd.Series) -> list:
    """One column's cells as JSON-ready Python values."""
    if pd.api.types.is_datetime64_any_dtype(column):
        present = column.dropna()
        dated_only = bool((present == present.dt.normalize()).all())
        return [None if pd.isna(v) else v.strftime("%Y-%m-%d") if dated_only else v.isoformat() for v in column]
    cells = []
    for value in column.astype(object):
        if value is None or value is pd.NA or (isinstance(value, float) and not math.isfinite(value)):
            cells.append(None)
        else:
            cells.append(value.item() if isinstance(value, np.generic) else value)
    return cells


def _json_other(value):
    """What `json` cannot write itself, in an object column (an analysis table's dates, decimals, arrays)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)
