"""The notebooks' charts (kg.display.charts), drawn from the analysis tables of the repository's real data."""
import ast
import io
import warnings

import matplotlib
import pandas as pd
import pytest

from kg.analysis.coverage import document_text, evidence_table, sentence_table
from kg.analysis.indicators import growth_rates, indicator_table
from kg.analysis.network import ego_network
from kg.analysis.policy_map import services_by_group
from kg.display.charts import coverage_map, draw_network, growth_chart, services_chart, targets_chart, use_cjk_font
from kg.ns import BJR
from support import ROOT

matplotlib.use("Agg")  # no display in tests

UNITREE = str(BJR["unitree"])


@pytest.fixture(scope="module")
def table(kg) -> pd.DataFrame:
    return indicator_table(kg)


@pytest.fixture(scope="module")
def graph(kg):
    return kg.to_networkx(collapse=True)


def drawn_without_missing_glyphs(ax) -> bool:
    """Draw the figure; True when matplotlib warned of no glyph missing from the font (no empty boxes)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    return not [w for w in caught if "missing from font" in str(w.message)]


def test_analysis_imports_no_matplotlib():
    """Analysis computes tables; drawing them is kg.display's job."""
    for path in sorted((ROOT / "kg" / "analysis").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        modules += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [m for m in modules if m.split(".")[0] == "matplotlib"], path.name


def test_use_cjk_font_picks_an_installed_font():
    import matplotlib.pyplot as plt

    chosen = use_cjk_font()
    if chosen is None:
        pytest.fail("no CJK font installed: `apt-get install -y fonts-wqy-microhei` (see the Makefile)")
    assert plt.rcParams["font.sans-serif"][0] == chosen
    assert plt.rcParams["axes.unicode_minus"] is False


def test_growth_chart_has_one_bar_per_rate_and_chinese_labels(table):
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    chosen = use_cjk_font()
    ax = growth_chart(table, period="2025-Q1")
    try:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(ax.patches) == 4
        assert sorted(labels) == sorted(growth_rates(table, "2025-Q1")["indicator"])
        assert [t.get_text() for t in ax.texts] == ["6.2%", "7.0%", "17.0%", "54.5%"]
        assert drawn_without_missing_glyphs(ax)
        if chosen:  # and the font has every glyph
            font = FT2Font(findfont(FontProperties(family=chosen), fallback_to_default=False))
            assert all(font.get_char_index(ord(ch)) for label in labels for ch in label)
    finally:
        plt.close(ax.figure)


def test_growth_chart_draws_on_a_given_axes(table):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        assert growth_chart(table, ax=ax, period="2025-Q1") is ax
    finally:
        plt.close(fig)


def test_targets_chart_one_panel_per_target_unit(table):
    import matplotlib.pyplot as plt

    use_cjk_font()
    axes = targets_chart(table)
    try:
        assert len(axes) == 3  # 人民币元, 百分比, 个数
        money = axes[0]
        assert sorted(t.get_text() for t in money.get_yticklabels()) == ["地区生产总值(2024)", "智能物联产业生态圈营收"]
    finally:
        plt.close(axes[0].figure)


def test_draw_network_labels_in_chinese(graph):
    import matplotlib.pyplot as plt

    use_cjk_font()
    ax = draw_network(ego_network(graph, UNITREE), center=UNITREE)
    try:
        assert "宇树科技" in {t.get_text() for t in ax.texts}
    finally:
        plt.close(ax.figure)


def test_draw_network_is_byte_repeatable(graph):
    """The seeded layout over sorted nodes gives the same picture every time."""
    import matplotlib.pyplot as plt

    pictures = []
    for _ in range(2):
        ax = draw_network(ego_network(graph, UNITREE), center=UNITREE)
        buffer = io.BytesIO()
        ax.figure.savefig(buffer, format="png", dpi=40)
        plt.close(ax.figure)
        pictures.append(buffer.getvalue())
    assert pictures[0] == pictures[1]


def test_services_chart(kg):
    import matplotlib.pyplot as plt

    services = services_by_group(kg, ["elderly", "children", "youth"])
    ax = services_chart(services)
    try:
        assert [t.get_text() for t in ax.get_yticklabels()] == ["一青年", "一小", "一老"]
        heights = sum(p.get_width() for p in ax.patches)
        assert heights == pytest.approx(len(services))
    finally:
        plt.close(ax.figure)


def test_coverage_map_has_one_cell_per_sentence_and_renders_chinese(kg):
    import matplotlib.pyplot as plt

    _, text = document_text(kg)
    table = sentence_table(text, evidence_table(kg))
    use_cjk_font()
    ax = coverage_map(table)
    try:
        assert len(ax.patches) == len(table)
        assert len(ax.get_yticklabels()) == table["paragraph"].nunique()
        assert ax.get_yticklabels()[0].get_text().startswith("¶1 拼抢")
        assert drawn_without_missing_glyphs(ax)
    finally:
        plt.close(ax.figure)
