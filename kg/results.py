"""SPARQL answers as pandas DataFrames with typed columns: numbers as numbers, dates as dates, IRIs as strings."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

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
