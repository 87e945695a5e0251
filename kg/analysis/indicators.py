"""Indicator values (actuals and targets) as one tidy table, and a chart of growth rates.

Pure functions: `indicator_table` reads the graph through one SPARQL query; `growth_chart` draws from
that table; `use_cjk_font` only configures matplotlib (it never downloads a font).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["indicator_table", "use_cjk_font", "growth_chart", "CJK_FONTS", "COLUMNS", "actuals", "targets",
           "targets_beside_actuals", "provincial_ranking", "printed", "targets_chart", "sources_of"]

COLUMNS = ["kind", "indicator", "period", "value", "multiplier", "unit", "comparator", "rank", "rank_scope",
           "base_value", "quote", "printed", "set_by"]

# Fonts that cover Simplified Chinese, in order of preference (Debian: fonts-wqy-microhei).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")

# Labels of qudt unit:PERCENT in the ontology (any language), so the chart can tell rates from amounts.
PERCENT_LABELS = frozenset({"百分比", "percent", "%"})

# One row per (indicator value, evidence span); labels in ?lang, falling back to Chinese, then the IRI.
INDICATOR_VALUES = """
SELECT ?obs ?kind ?indicator ?period ?value ?multiplier ?unit ?symbol ?lexical ?comparator ?rank ?rank_scope ?set_by ?quote ?start
WHERE {
  VALUES (?class ?kind) { (bj:StatObservation "actual") (bj:Target "target") }
  ?obs a ?class ; bj:indicator ?ind ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?u ;
       prov:wasDerivedFrom ?span .
  ?span bj:quote ?quote ; oa:start ?start .
  OPTIONAL { ?ind skos:prefLabel ?indLang FILTER(lang(?indLang) = ?lang) }
  OPTIONAL { ?ind skos:prefLabel ?indZh FILTER(lang(?indZh) = "zh") }
  BIND(COALESCE(?indLang, ?indZh, STR(?ind)) AS ?indicator)
  OPTIONAL { ?u rdfs:label ?unitLang FILTER(lang(?unitLang) = ?lang) }
  OPTIONAL { ?u rdfs:label ?unitZh FILTER(lang(?unitZh) = "zh") }
  BIND(COALESCE(?unitLang, ?unitZh, STR(?u)) AS ?unit)
  OPTIONAL { ?u bj:unitSymbol ?symLang FILTER(lang(?symLang) = ?lang) }
  OPTIONAL { ?u bj:unitSymbol ?symZh FILTER(lang(?symZh) = "zh") }
  BIND(COALESCE(?symLang, ?symZh, "") AS ?symbol)
  BIND(STR(?value) AS ?lexical)
  OPTIONAL {
    ?setter bj:hasTarget ?obs .
    OPTIONAL { ?setter skos:prefLabel ?setLang FILTER(lang(?setLang) = ?lang) }
    OPTIONAL { ?setter skos:prefLabel ?setZh FILTER(lang(?setZh) = "zh") }
    BIND(COALESCE(?setLang, ?setZh, STR(?setter)) AS ?set_by)
  }
  OPTIONAL { ?obs sdmx-dimension:refPeriod/skos:notation ?period }
  OPTIONAL { ?obs sdmx-attribute:unitMult ?multiplier }
  OPTIONAL { ?obs bj:comparator/skos:notation ?comparator }
  OPTIONAL { ?obs bj:rank ?rank }
  OPTIONAL {
    ?obs bj:rankScope ?scope .
    OPTIONAL { ?scope skos:prefLabel ?scopeLang FILTER(lang(?scopeLang) = ?lang) }
    OPTIONAL { ?scope skos:prefLabel ?scopeZh FILTER(lang(?scopeZh) = "zh") }
    BIND(COALESCE(?scopeLang, ?scopeZh, STR(?scope)) AS ?rank_scope)
  }
} ORDER BY ?kind ?period ?obs ?start"""


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
    rows = kg.query(INDICATOR_VALUES, lang=lang)
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


_MULTIPLIER_TEXT = {"zh": {4: "万", 8: "亿"}, "en": {4: " ×10⁴", 8: " ×10⁸"}}
_COMPARATOR_TEXT = {"gt": "> ", "ge": "≥ ", "approx": "≈ "}


def printed(value, multiplier=None, symbol: str | None = "", comparator=None, lang: str = "zh") -> str:
    """A value written the way the article prints it: comparator, number, multiplier and unit symbol.

    `value` is the number's lexical form (``"7.0"``, kept as printed) or a number.

    >>> printed(2800.0, 8, "元", "gt"), printed("7.0", None, "%"), printed(4.43, 8, "USD", lang="en")
    ('> 2800亿元', '7.0%', '4.43 ×10⁸ USD')
    """
    mult = "" if multiplier is None or pd.isna(multiplier) else _MULTIPLIER_TEXT.get(lang, _MULTIPLIER_TEXT["en"]).get(
        int(multiplier), f" ×10^{int(multiplier)}")
    symbol = "" if symbol is None or pd.isna(symbol) else str(symbol)
    cmp = "" if comparator is None or pd.isna(comparator) else _COMPARATOR_TEXT.get(str(comparator), "")
    gap = " " if lang != "zh" and symbol and symbol != "%" else ""
    number = value if isinstance(value, str) else f"{float(value):g}"
    return f"{cmp}{number}{mult}{gap}{symbol}"


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


def targets_chart(table: pd.DataFrame, *, axes=None):
    """Targets beside reported values, one panel per unit that has a target; returns the array of Axes.

    Only values in the same unit share a panel (a rate beside rates, an amount beside amounts), drawn in
    base units; targets in orange, actuals in blue, each bar labelled with its printed value. The article
    reports no actual for any targeted indicator, so the panels compare, not track. Call `use_cjk_font`
    first so Chinese names render.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> font = use_cjk_font()  # the panel titles are Chinese
    >>> t = pd.DataFrame({"kind": ["actual", "target"], "indicator": ["a", "b"], "period": ["2024", pd.NA],
    ...                   "unit": ["%", "%"], "printed": ["5%", "8%"], "base_value": [5.0, 8.0]})
    >>> [len(ax.patches) for ax in targets_chart(t)]
    [2]
    """
    import matplotlib.pyplot as plt
    import numpy as np

    units = list(dict.fromkeys(table.loc[table["kind"] == "target", "unit"]))
    panels = [table[table["unit"] == u].sort_values(["kind", "base_value"], ascending=[True, True]) for u in units]
    if axes is None:
        heights = [0.42 * len(p) + 0.9 for p in panels]
        _, axes = plt.subplots(len(panels), 1, figsize=(8, sum(heights) + 0.6), squeeze=False,
                               gridspec_kw={"height_ratios": heights})
        axes = axes[:, 0]
    axes = np.atleast_1d(axes)
    for ax, unit, rows in zip(axes, units, panels):
        names = [f"{i}({p})" if isinstance(p, str) else str(i) for i, p in zip(rows["indicator"], rows["period"])]
        colours = ["#f28e2b" if k == "target" else "#4e79a7" for k in rows["kind"]]
        values = rows["base_value"].astype(float).tolist()
        bars = ax.barh(names, values, color=colours)
        ax.bar_label(bars, labels=rows["printed"].tolist(), padding=3, fontsize=8)
        ax.set_xlim(0, max(values, default=1) * 1.25)
        ax.set_title(f"{unit}: 目标(橙) · targets (orange) vs 实际(蓝) · actuals (blue)", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=8)
    axes[0].figure.tight_layout()
    return axes


def scale(value: pd.Series, multiplier: pd.Series) -> pd.Series:
    """The value in base units: ``value × 10**multiplier`` (no multiplier means 10**0).

    >>> scale(pd.Series([2800.0, 7.0]), pd.Series([8, None], dtype="Int64")).tolist()
    [280000000000.0, 7.0]
    """
    factor = 10.0 ** multiplier.astype("Float64").fillna(0)
    return (value.astype("Float64") * factor).astype("Float64")


def use_cjk_font(candidates=CJK_FONTS) -> str | None:
    """Make matplotlib draw Chinese with the first installed CJK font; return its family name or None.

    Sets ``font.sans-serif`` (the font first, the previous list after it), ``font.family`` to sans-serif
    and ``axes.unicode_minus=False`` (CJK fonts often lack U+2212, the typographic minus). Looks only at
    fonts already installed; never downloads one.

    >>> use_cjk_font(candidates=("No Such Font",)) is None
    True
    """
    import matplotlib
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    chosen = next((name for name in candidates if name in installed), None)
    if chosen is None:
        return None
    previous = [name for name in matplotlib.rcParams["font.sans-serif"] if name != chosen]
    matplotlib.rcParams["font.sans-serif"] = [chosen, *previous]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return chosen


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


def growth_chart(table: pd.DataFrame, ax=None, *, period: str | None = None):
    """A horizontal bar chart of the percentage growth-rate actuals of one period; returns the Axes.

    Parameters
    ----------
    table : DataFrame
        As returned by `indicator_table` (any language).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    period : str, optional
        Period notation (``"2025-Q1"``); the latest period with percentage actuals when None.

    Call `use_cjk_font` first so that Chinese indicator names render.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = pd.DataFrame({"kind": ["actual"], "indicator": ["GDP"], "period": ["2025-Q1"],
    ...                   "value": [7.0], "unit": ["percent"]})
    >>> len(growth_chart(t).patches)
    1
    """
    import matplotlib.pyplot as plt

    rates = growth_rates(table, period)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * len(rates) + 1.2))
    # Largest on top: barh draws the first row at the bottom.
    rates = rates.iloc[::-1]
    labels = rates["indicator"].tolist()
    values = rates["value"].astype(float).tolist()
    bars = ax.barh(labels, values, color="#4e79a7")
    ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=3)
    ax.set_xlabel("%")
    ax.set_xlim(0, max(values, default=1) * 1.15)
    ax.set_title(f"{rates['period'].iloc[0] if len(rates) else period}  增长率 · growth rate (%)")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
