"""Indicator values (actuals and targets) as one tidy table, and a chart of growth rates.

Pure functions: `indicator_table` reads the graph through one SPARQL query; `growth_chart` draws from
that table; `use_cjk_font` only configures matplotlib (it never downloads a font).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["indicator_table", "use_cjk_font", "growth_chart", "CJK_FONTS", "COLUMNS"]

COLUMNS = ["kind", "indicator", "period", "value", "multiplier", "unit", "comparator", "rank", "rank_scope",
           "base_value", "quote"]

# Fonts that cover Simplified Chinese, in order of preference (Debian: fonts-wqy-microhei).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")

# Labels of qudt unit:PERCENT in the ontology (any language), so the chart can tell rates from amounts.
PERCENT_LABELS = frozenset({"百分比", "percent", "%"})

# One row per (indicator value, evidence span); labels in ?lang, falling back to Chinese, then the IRI.
INDICATOR_VALUES = """
SELECT ?obs ?kind ?indicator ?period ?value ?multiplier ?unit ?comparator ?rank ?rank_scope ?quote ?start WHERE {
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
        order, joined with " | "). Actuals first, then by period.

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
                          "rank_scope": "string", "quote": "string"})
    table["base_value"] = scale(table["value"], table["multiplier"])
    return table[COLUMNS]


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
