"""Charts for the notebooks, drawn with matplotlib from the tables and graphs that `kg.analysis` returns.

`use_cjk_font` picks an installed Chinese font (it never downloads one); call it first so labels render.
The charts: growth rates and targets beside actuals (from `kg.analysis.indicators.indicator_table`),
a network (e.g. `kg.analysis.network.ego_network`), services by group
(`kg.analysis.policy_map.services_by_group`) and the coverage map (`kg.analysis.coverage.sentence_table`).
Each returns its Axes; layouts are seeded and nodes sorted, so a figure is the same on every run.
matplotlib is imported only when a function runs (it is an optional dependency: the ``notebook`` extra).
"""
from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.analysis.coverage import coverage_share
from kg.analysis.indicators import growth_rates
from kg.analysis.network import group_of, node_label
from kg.labels import clip, local_name

__all__ = ["CJK_FONTS", "use_cjk_font", "growth_chart", "targets_chart", "draw_network", "services_chart",
           "coverage_map"]

# Fonts that cover Simplified Chinese, in order of preference (Debian: fonts-wqy-microhei).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")

# Node colours of `draw_network`, by class group (`kg.analysis.network.CLASS_GROUPS`); None: any other class.
GROUP_COLOURS = {"platform": "#59a14f", "company": "#e15759", "policy": "#4e79a7", "public service": "#b07aa1",
                 "region": "#9c755f", None: "#bab0ac"}


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


def growth_chart(table: pd.DataFrame, ax=None, *, period: str | None = None):
    """A horizontal bar chart of the percentage growth-rate actuals of one period; returns the Axes.

    Parameters
    ----------
    table : DataFrame
        As returned by `kg.analysis.indicators.indicator_table` (any language).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    period : str, optional
        Period notation (``"2025-Q1"``); the latest period with percentage actuals when None
        (see `kg.analysis.indicators.growth_rates`).

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


def targets_chart(table: pd.DataFrame, *, axes=None):
    """Targets beside reported values, one panel per unit that has a target; returns the array of Axes.

    `table` is as returned by `kg.analysis.indicators.indicator_table`. Only values in the same unit share
    a panel (a rate beside rates, an amount beside amounts), drawn in base units; targets in orange,
    actuals in blue, each bar labelled with its printed value. The article reports no actual for any
    targeted indicator, so the panels compare, not track. Call `use_cjk_font` first so Chinese names render.

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


def draw_network(graph: nx.MultiDiGraph, ax=None, *, center: str | None = None, lang: str = "zh",
                 seed: int = 7, groups: dict | None = None, edge_labels: bool = True):
    """Draw a (small) network with matplotlib: nodes coloured by class group, edges labelled.

    `graph` is a projection or part of one (e.g. `kg.analysis.network.ego_network`); class groups are
    `kg.analysis.network.CLASS_GROUPS` unless `groups` is given. Layout is seeded (repeatable). Call
    `use_cjk_font` first so Chinese labels render. Returns the Axes.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="p", label_zh="p")
    'p'
    >>> draw_network(G).get_title()
    ''
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    simple = nx.Graph()  # built in sorted order: the seeded layout depends on node and edge order
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted(tuple(sorted(e)) for e in graph.to_undirected().edges()))
    pos = nx.spring_layout(simple, seed=seed, k=1.6 / max(len(simple), 1) ** 0.5)
    colours = [GROUP_COLOURS.get(group_of(graph, n, groups), GROUP_COLOURS[None]) for n in simple]
    sizes = [900 if n == center else 380 for n in simple]
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#999999", width=0.8)
    nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=colours, node_size=sizes, linewidths=0.5,
                           edgecolors="white")
    nx.draw_networkx_labels(simple, pos, ax=ax, labels={n: clip(node_label(graph, n, lang), 12) for n in simple},
                            font_size=7, font_family=plt.rcParams["font.sans-serif"][0])
    if edge_labels:
        labels = {}
        for u, v, k, d in graph.edges(keys=True, data=True):
            labels.setdefault((u, v), d.get(f"label_{lang}") or local_name(k))
        nx.draw_networkx_edge_labels(simple, pos, edge_labels=labels, ax=ax, font_size=6, font_color="#555555",
                                     font_family=plt.rcParams["font.sans-serif"][0])
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=g or "other")
               for g, c in GROUP_COLOURS.items() if any(group_of(graph, n, groups) == g for n in simple)]
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    ax.set_axis_off()
    return ax


def services_chart(services: pd.DataFrame, ax=None):
    """A stacked bar chart: how many services each group has, split by type. Returns the Axes.

    `services` is as returned by `kg.analysis.policy_map.services_by_group` (``group`` and ``type``
    columns); groups are drawn top to bottom in the order they first appear.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> s = pd.DataFrame({"group": ["一老", "一老", "一小"], "type": ["公共服务", "举措", "公共服务"]})
    >>> len(services_chart(s).patches)
    4
    """
    import matplotlib.pyplot as plt

    counts = pd.crosstab(services["group"], services["type"])
    counts = counts.loc[list(dict.fromkeys(services["group"]))]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * len(counts) + 1.5))
    counts.iloc[::-1].plot.barh(stacked=True, ax=ax, colormap="tab20", width=0.7)
    ax.set_xlabel("服务与举措数 · number of services and initiatives")
    ax.set_ylabel("")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def coverage_map(table: pd.DataFrame, ax=None, *, cap: int = 8, label_chars: int = 12):
    """Draw the coverage map: one row per paragraph, one cell per sentence, coloured by number of facts.

    `table` is as returned by `kg.analysis.coverage.sentence_table`. Cells of sentences that support no
    fact are drawn in a warm grey with a red edge; the others in shades of blue up to `cap` facts (darker:
    more). Row labels give the paragraph number and its first `label_chars` characters. Call
    `use_cjk_font` first so they render. Returns the Axes.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = pd.DataFrame({"paragraph": [1, 2, 2], "sentence": [1, 1, 2], "text": ["标题", "甲。", "乙。"],
    ...                   "facts": [0, 3, 1]})
    >>> len(coverage_map(t).patches)
    3
    """
    import matplotlib.pyplot as plt
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    paragraphs = sorted(table["paragraph"].unique())
    widest = int(table.groupby("paragraph")["sentence"].max().max()) if len(table) else 1
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.5 * widest + 3.5), 0.32 * len(paragraphs) + 1.4))
    cmap, norm = colormaps["Blues"], Normalize(vmin=0, vmax=cap)
    row_of = {p: i for i, p in enumerate(paragraphs)}
    for p, s, n in zip(table["paragraph"], table["sentence"], table["facts"]):
        y, x = row_of[p], s - 1
        if n == 0:
            face, edge = "#e8e2da", "#c0392b"
        else:
            face, edge = cmap(norm(0.25 * cap + 0.75 * min(n, cap))), "white"
        ax.add_patch(Rectangle((x + 0.05, y + 0.08), 0.9, 0.84, facecolor=face, edgecolor=edge, linewidth=1))
        if n:
            ax.text(x + 0.5, y + 0.5, str(n), ha="center", va="center", fontsize=7,
                    color="white" if min(n, cap) > cap / 2 else "#1f3b57")
    firsts = table.sort_values(["paragraph", "sentence"]).groupby("paragraph")["text"].first()
    ax.set_yticks([i + 0.5 for i in range(len(paragraphs))])
    ax.set_yticklabels([f"¶{p} {clip(firsts[p], label_chars)}" for p in paragraphs], fontsize=8)
    ax.set_xticks([i + 0.5 for i in range(widest)])
    ax.set_xticklabels([str(i + 1) for i in range(widest)], fontsize=8)
    ax.set_xlim(0, widest)
    ax.set_ylim(len(paragraphs), 0)
    ax.set_xlabel("句子 sentence")
    share = coverage_share(table)
    ax.set_title(f"文章覆盖图 · coverage map: {share:.0%} of sentences support ≥1 fact "
                 f"(数字 = facts; 红框 = none)", fontsize=10)
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)
    ax.tick_params(length=0)
    return ax
