"""Indicator values (actuals and targets) as one tidy table, and the views of it an analyst asks for.

Pure functions: `indicator_table` reads the graph through one SPARQL query; the others (actuals, targets,
growth rates, ...) select from that table. `kg.display.charts` draws it.
"""
from __future__ import annotations

import pandas as pd

from kg.labels import amount_text
from kg.sparql import load as load_query

__all__ = ["indicator_table", "COLUMNS", "actuals", "targets", "targets_beside_actuals", "provincial_ranking",
           "printed", "sources_of", "growth_rates"]

COLUMNS = ["kind", "indicator", "period", "value", "multiplier", "unit", "comparator", "rank", "rank_scope",
           "base_value", "quote", "printed", "set_by"]

# Labels of qudt unit:PERCENT in the ontology (any language), so the chart can tell rates from amounts.
PERCENT_LABELS = frozenset({"百分比", "percent", "%"})


def indicator_table(kg, lang: str = "zh") -> pd.DataFrame:
    """One row per indicator value (actuals and targets), with its unit, scale, rank and quotes.

    Parameters
    ----------
    kg : KnowledgeGraph
        The loaded graph.
    lang : str
        Language of the indicator, unit and rank-scope labels (``"zh"`` or ``"en"``; Chinese when missing).

    Returns
    -------
    DataFrame
        Columns ``kind`` (actual/target), ``indicator``, ``period`` (notation or <NA>), ``value`` (as printed),
        ``multiplier`` (Int64: 8 for 亿, 4 for 万), ``unit``, ``comparator`` (notation or <NA>), ``rank``,
        ``rank_scope``, ``base_value`` (value × 10^multiplier) and ``quote`` (every quote, in document
        order, joined with " | "), ``printed`` (the value as the article prints it: comparator, number,
        multiplier and unit symbol, e.g. ``> 2800亿元``) and ``set_by`` (for targets: the platform, plan or
        initiative that sets it). Actuals first, then by period.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> table = indicator_table(KnowledgeGraph.load("build/kg.nt"))           # doctest: +SKIP
    >>> table.query("period == '2024' and indicator == '地区生产总值'")["base_value"].item()  # doctest: +SKIP
    280000000000.0
    """
    rows = kg.query(load_query("indicator_values"), lang=lang)
    # One query answers one row per span; fold the spans of each value into one quote cell.
    first = rows.drop(columns=["quote", "start"]).groupby("obs", sort=False, dropna=False).first()
    quotes = rows.groupby("obs", sort=False)["quote"].agg(" | ".join)
    table = first.join(quotes).reset_index(drop=True)
    table = table.astype({"kind": "string", "indicator": "string", "period": "string", "value": "Float64",
                          "multiplier": "Int64", "unit": "string", "comparator": "string", "rank": "Int64",
                          "rank_scope": "string", "quote": "string", "symbol": "string", "set_by": "string",
                          "lexical": "string"})
    table["base_value"] = scale(table["value"], table["multiplier"])
    table["printed"] = pd.Series([printed(v, m, s, c, lang) for v, m, s, c in zip(
        table["lexical"], table["multiplier"], table["symbol"], table["comparator"])], dtype="string")
    return table[COLUMNS]


def printed(value, multiplier=None, symbol: str | None = "", comparator=None, lang: str = "zh") -> str:
    """A value written the way the article prints it: comparator, number, multiplier and unit symbol.

    `value` is the number's lexical form (``"7.0"``, kept as printed) or a number.

    >>> printed(2800.0, 8, "元", "gt"), printed("7.0", None, "%"), printed(4.43, 8, "USD", lang="en")
    ('> 2800亿元', '7.0%', '4.43 ×10⁸ USD')
    """
    def given(cell):
        return None if cell is None or pd.isna(cell) else cell

    multiplier = given(multiplier)
    return amount_text(value, multiplier=None if multiplier is None else int(multiplier),
                       comparator=given(comparator), unit=given(symbol), lang=lang, spaced_percent=False)


TIDY = ["indicator", "period", "printed", "value", "multiplier", "unit", "base_value", "comparator", "rank",
        "rank_scope", "quote"]


def actuals(table: pd.DataFrame, periods=("2024", "2025-Q1")) -> pd.DataFrame:
    """The reported values of the given periods, in period order then as the article lists them.

    >>> t = pd.DataFrame({"kind": ["actual", "target", "actual"], "period": ["2025-Q1", "2025", "2024"],
    ...                   "indicator": ["b", "c", "a"]}).reindex(columns=["kind", *TIDY])
    >>> actuals(t)["indicator"].tolist()
    ['a', 'b']
    """
    rows = table[(table["kind"] == "actual") & table["period"].isin(list(periods))]
    order = {p: i for i, p in enumerate(periods)}
    rows = rows.assign(_order=rows["period"].map(order)).sort_values("_order", kind="stable")
    return rows[TIDY].reset_index(drop=True)


def targets(table: pd.DataFrame) -> pd.DataFrame:
    """The goals: indicator, period (when stated), printed and base values, and what sets each target.

    >>> t = pd.DataFrame({"kind": ["actual", "target"], "indicator": ["a", "b"]}).reindex(
    ...     columns=["kind", *TIDY, "set_by"])
    >>> targets(t)["indicator"].tolist()
    ['b']
    """
    rows = table[table["kind"] == "target"]
    return rows[["indicator", "period", "printed", "value", "multiplier", "unit", "base_value", "comparator",
                 "set_by", "quote"]].reset_index(drop=True)


def targets_beside_actuals(table: pd.DataFrame) -> pd.DataFrame:
    """Each target beside the reported value of the same indicator, where the article gives one.

    Comparable means the same indicator (and so the same unit); ``actual_*`` columns are <NA> when
    the article reports no value for the targeted indicator, and ``gap`` (target − actual, in base
    units) then too.

    >>> t = pd.DataFrame({"kind": ["actual", "target", "target"], "indicator": ["a", "a", "b"],
    ...                   "period": ["2024", "2025", "2025"], "printed": ["5%", "8%", "3"],
    ...                   "base_value": [5.0, 8.0, 3.0], "unit": ["%", "%", "个"]})
    >>> targets_beside_actuals(t)[["indicator", "target", "actual", "gap"]].values.tolist()
    [['a', '8%', '5%', 3.0], ['b', '3', <NA>, <NA>]]
    """
    goal = table[table["kind"] == "target"]
    done = table[table["kind"] == "actual"].sort_values("period", na_position="first")
    latest = done.drop_duplicates("indicator", keep="last").set_index("indicator")
    rows = []
    for _, t in goal.iterrows():
        a = latest.loc[t["indicator"]] if t["indicator"] in latest.index else None
        rows.append({"indicator": t["indicator"], "unit": t["unit"], "target_period": t["period"],
                     "target": t["printed"], "target_base": t["base_value"],
                     "actual_period": None if a is None else a["period"], "actual": None if a is None else a["printed"],
                     "actual_base": None if a is None else a["base_value"]})
    frame = pd.DataFrame(rows, columns=["indicator", "unit", "target_period", "target", "target_base",
                                        "actual_period", "actual", "actual_base"])
    frame = frame.astype({"indicator": "string", "unit": "string", "target_period": "string", "target": "string",
                          "target_base": "Float64", "actual_period": "string", "actual": "string",
                          "actual_base": "Float64"})
    frame["gap"] = frame["target_base"] - frame["actual_base"]
    return frame


def provincial_ranking(table: pd.DataFrame) -> pd.DataFrame:
    """The values that come with a rank (居全省第一), best rank first.

    >>> t = pd.DataFrame({"indicator": ["a", "b"], "period": ["2025-Q1"] * 2, "printed": ["1", "2"],
    ...                   "rank": pd.array([pd.NA, 1], dtype="Int64"), "rank_scope": [pd.NA, "浙江省"],
    ...                   "quote": ["q", "r"]})
    >>> provincial_ranking(t)[["indicator", "rank", "rank_scope"]].values.tolist()
    [['b', 1, '浙江省']]
    """
    rows = table[table["rank"].notna()].sort_values(["rank", "indicator"])
    return rows[["indicator", "period", "printed", "rank", "rank_scope", "quote"]].reset_index(drop=True)


def sources_of(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (value, quote): the evidence behind every number of `table`, for a table beside a chart.

    >>> t = pd.DataFrame({"indicator": ["a"], "period": ["2025"], "printed": ["7%"], "quote": ["x | y"]})
    >>> sources_of(t)["quote"].tolist()
    ['x', 'y']
    """
    rows = table[["indicator", "period", "printed", "quote"]].copy()
    rows["quote"] = rows["quote"].str.split(" | ", regex=False)
    return rows.explode("quote", ignore_index=True)


def scale(value: pd.Series, multiplier: pd.Series) -> pd.Series:
    """The value in base units: ``value × 10**multiplier`` (no multiplier means 10**0).

    >>> scale(pd.Series([2800.0, 7.0]), pd.Series([8, None], dtype="Int64")).tolist()
    [280000000000.0, 7.0]
    """
    factor = 10.0 ** multiplier.astype("Float64").fillna(0)
    return (value.astype("Float64") * factor).astype("Float64")


def growth_rates(table: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The percentage actuals of one period (the latest one when `period` is None), largest first.

    >>> t = pd.DataFrame({"kind": ["actual", "actual", "target"], "indicator": ["a", "b", "c"],
    ...                   "period": ["2025-Q1", "2025-Q1", "2025"], "value": [7.0, 17.0, 30.0],
    ...                   "unit": ["百分比"] * 3})
    >>> growth_rates(t)["indicator"].tolist()
    ['b', 'a']
    """
    rates = table[(table["kind"] == "actual") & table["unit"].isin(PERCENT_LABELS) & table["period"].notna()]
    if period is None and len(rates):
        period = max(rates["period"])  # notations sort in time order within one year: 2025 < 2025-Q1
    rates = rates[rates["period"] == period]
    return rates.sort_values(["value", "indicator"], ascending=[False, True], ignore_index=True)
