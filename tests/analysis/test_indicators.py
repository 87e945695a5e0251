"""The indicator table and its views, on the repository's real data (the session `kg` fixture)."""
import pandas as pd
import pytest

from kg.analysis.indicators import (
    COLUMNS,
    actuals,
    growth_rates,
    indicator_table,
    printed,
    provincial_ranking,
    sources_of,
    targets,
    targets_beside_actuals,
)

Q1_ACTUALS = {"地区生产总值增长率": 7.0, "规上工业增加值增长率": 17.0, "实际利用外资": 4.43,
              "新设企业数量增长率": 54.5, "社会消费品零售总额增长率": 6.2}


@pytest.fixture(scope="module")
def table(kg) -> pd.DataFrame:
    return indicator_table(kg)


def one(table: pd.DataFrame, **where) -> pd.Series:
    rows = table
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}"
    return rows.iloc[0]


def test_columns_and_types(table):
    assert list(table.columns) == COLUMNS
    assert str(table["multiplier"].dtype) == "Int64"
    assert str(table["rank"].dtype) == "Int64"
    assert pd.api.types.is_float_dtype(table["value"]) and pd.api.types.is_float_dtype(table["base_value"])
    assert set(table["kind"]) == {"actual", "target"}


def test_gdp_2024_is_a_lower_bound_in_yi(table):
    gdp = one(table, indicator="地区生产总值", period="2024")
    assert (gdp["value"], gdp["multiplier"], gdp["unit"], gdp["comparator"]) == (2800.0, 8, "人民币元", "gt")
    assert gdp["base_value"] == pytest.approx(2.8e11)
    assert gdp["quote"] == "全年GDP突破2800亿元"


def test_fdi_ranks_first_in_the_province(table):
    fdi = one(table, indicator="实际利用外资", period="2025-Q1")
    assert (fdi["value"], fdi["multiplier"], fdi["unit"], fdi["rank"], fdi["rank_scope"]) == (4.43, 8, "美元", 1, "浙江省")
    assert fdi["base_value"] == pytest.approx(4.43e8)
    assert len(fdi["quote"].split(" | ")) == 3  # stated three times in the article


def test_the_five_q1_2025_actuals(table):
    q1 = table[(table["kind"] == "actual") & (table["period"] == "2025-Q1")]
    assert dict(zip(q1["indicator"], q1["value"])) == Q1_ACTUALS
    assert q1["quote"].notna().all()


def test_targets_are_present(table):
    targets = table[table["kind"] == "target"]
    assert len(targets) == 5
    aiot = one(targets, indicator="智能物联产业生态圈营收")
    assert aiot["base_value"] == pytest.approx(4.5e11) and pd.isna(aiot["period"])
    nursery = one(targets, indicator="幼儿园开设托班比例")
    assert (nursery["value"], nursery["comparator"], nursery["period"]) == (75.0, "ge", "2025")


def test_unscaled_values_keep_their_value(table):
    plain = table[table["multiplier"].isna()]
    assert (plain["base_value"] == plain["value"]).all()


def test_english_labels(kg):
    en = indicator_table(kg, lang="en")
    fdi = one(en, period="2025-Q1", rank=1)
    assert fdi["indicator"] == "foreign direct investment actually used"
    assert (fdi["unit"], fdi["rank_scope"]) == ("US dollar (USD)", "Zhejiang Province")


def test_growth_rates_of_one_period(table):
    rates = growth_rates(table, "2025-Q1")
    assert rates["indicator"].tolist() == ["新设企业数量增长率", "规上工业增加值增长率", "地区生产总值增长率", "社会消费品零售总额增长率"]
    assert growth_rates(table)["indicator"].tolist() == rates["indicator"].tolist()  # latest period by default


def test_printed_values_as_in_the_article(memory_kg):
    table = indicator_table(memory_kg)  # rdflib keeps a decimal as printed ("7.0"), Oxigraph its value (7)
    assert one(table, indicator="地区生产总值", period="2024")["printed"] == "> 2800亿元"
    assert one(table, indicator="地区生产总值增长率")["printed"] == "7.0%"  # the lexical form, as printed
    assert one(table, indicator="实际利用外资")["printed"] == "4.43亿美元"
    assert one(table, indicator="幼儿园开设托班比例")["printed"] == "≥ 75%"
    assert printed(4.43, 8, "USD", lang="en") == "4.43 ×10⁸ USD"


def test_actuals_of_2024_and_q1_2025(table):
    frame = actuals(table)
    assert frame["period"].tolist() == ["2024"] * 2 + ["2025-Q1"] * 5
    assert frame["base_value"].iloc[0] == pytest.approx(2.8e11)
    assert frame["quote"].notna().all()


def test_targets_name_what_sets_them(table):
    frame = targets(table)
    assert dict(zip(frame["indicator"], frame["set_by"])) == {
        "智能物联产业生态圈营收": "中国视谷", "数据交易量增长率": "中国数谷", "数据产品量增长率": "中国数谷",
        "建成投用社区卫生服务站数量": "15分钟医疗服务圈", "幼儿园开设托班比例": "托幼一体化"}


def test_no_target_has_a_reported_actual_in_the_article(table):
    frame = targets_beside_actuals(table)
    assert len(frame) == 5 and frame["actual"].isna().all() and frame["gap"].isna().all()
    assert frame["target_base"].notna().all()


def test_the_provincial_ranking(table):
    ranking = provincial_ranking(table)
    assert ranking[["indicator", "printed", "rank", "rank_scope"]].values.tolist() == [["实际利用外资", "4.43亿美元", 1, "浙江省"]]


def test_sources_of_a_figure(table):
    quotes = sources_of(actuals(table))
    assert len(quotes) == 7 + 2 + 3  # FDI is stated three times, three Q1 rates twice
    assert "全年GDP突破2800亿元" in set(quotes["quote"])
