"""The competency questions (queries/*.rq) return their expected answers, each with its source quotes."""
from pathlib import Path

from rdflib import URIRef

from support import QUERY_FOLDER

BJR = "https://w3id.org/binjiang-kg/id/"


def ask(kg, name, **bindings):
    return kg.query_file(QUERY_FOLDER / name, **bindings)


def quotes(frame, column="quote"):
    return {q.strip() for cell in frame[column] for q in str(cell).split(" | ")}


def test_every_query_file_is_covered():
    tested = {line.split('"')[1] for line in Path(__file__).read_text(encoding="utf-8").splitlines()
              if line.strip().startswith(("frame = ask(kg, ", "ask(kg, ")) and '"' in line}
    assert tested == {p.name for p in QUERY_FOLDER.glob("*.rq")}


def test_cq01_gdp_2024_is_a_lower_bound_in_yuan(kg):
    frame = ask(kg, "cq01_gdp_2024.rq")
    row = frame.iloc[0]
    assert len(frame) == 1
    assert (row["value"], row["multiplier"], row["comparator"]) == (2800, 8, "gt")
    assert "CNY" in row["unit"] and row["baseValue"] == 2.8e11
    assert row["quote"] == "全年GDP突破2800亿元"


def test_cq02_q1_2025_headline_indicators(kg):
    frame = ask(kg, "cq02_q1_2025_indicators.rq")
    values = dict(zip(frame["indicatorZh"], frame["value"]))
    assert values == {"地区生产总值增长率": 7.0, "规上工业增加值增长率": 17.0, "实际利用外资": 4.43,
                      "社会消费品零售总额增长率": 6.2, "新设企业数量增长率": 54.5}
    fdi = frame.set_index("indicatorZh").loc["实际利用外资"]
    assert (fdi["multiplier"], "USD" in fdi["unit"], fdi["spans"]) == (8, True, 3)
    # Stated in the text and again in the 数说滨江“一季报” box: both spans are kept.
    assert {"一季度全区GDP增长7.0%", "■地区生产总值增长 7.0%"} <= quotes(frame, "quotes")


def test_cq03_fdi_ranks_first_in_the_province(kg):
    frame = ask(kg, "cq03_provincial_rankings.rq")
    assert frame[["indicatorZh", "rank", "scope", "period"]].values.tolist() == [["实际利用外资", 1, "浙江省", "2025-Q1"]]
    assert "实际利用外资4.43亿美元、居全省第一" in quotes(frame, "quotes")


def test_cq04_five_binjiang_firms_of_twenty_five_in_dubai(kg):
    frame = ask(kg, "cq04_roadshow_participants.rq")
    assert set(frame["companyZh"]) == {"宇树科技", "阿启视科技", "趣链科技", "秋果计划", "马太能源"}
    assert set(frame["firmsSent"]) == {25}
    assert {str(d.date()) for d in frame["start"]} == {"2025-05-18"}
    assert {str(d.date()) for d in frame["end"]} == {"2025-05-23"}
    assert quotes(frame) == {"来自滨江的宇树科技、阿启视科技、趣链科技、秋果计划、马太能源5家企业应邀成了中东投资机构的“座上宾”"}


def test_cq05_awards_for_2024(kg):
    frame = ask(kg, "cq05_awards_2024.rq").set_index("awardZh")
    assert frame.loc["科技创新鼎", "consecutiveYears"] == 4
    assert frame.loc["天工鼎", "consecutiveYears"] == 3
    assert bool(frame.loc["金鼎", "firstTime"]) is True
    assert set(frame["quote"]) == {"连续4年获“科技创新鼎”", "连续3年获得“天工鼎”", "首次夺取“金鼎”"}


def test_cq06_policy_released_at_the_conference(kg):
    frame = ask(kg, "cq06_conference_policy.rq")
    assert set(frame["policyZh"]) == {"关于建设创新滨江加快培育新质生产力的实施意见"}
    assert set(frame["issuerZh"]) == {"滨江"}
    assert set(frame["theme"]) == {"建设创新滨江,加快形成新质生产力"}
    assert "全国领先的区域科创中心" in set(frame["goalZh"])
    assert any("发布了《关于建设创新滨江加快培育新质生产力的实施意见》" in q for q in frame["releaseQuote"])


def test_cq07_platforms_status_and_what_they_drive(kg):
    frame = ask(kg, "cq07_platforms.rq").set_index("platformZh")
    assert {"国际零磁科学谷", "交叉研究平台", "极弱磁大科学装置", "中国视谷", "中国数谷"} <= set(frame.index)
    assert frame.loc["交叉研究平台", "status"] == "under-construction"
    assert frame.loc["交叉研究平台", "partOfZh"] == "国际零磁科学谷"
    assert frame.loc["极弱磁大科学装置", "status"] == "planned"
    assert set(frame.loc["中国视谷", "drives"].split("、")) >= {"集成电路", "智能计算", "高端软件"}
    assert "量子精密测量" in frame.loc["国际零磁科学谷", "drives"]
    assert all(frame["quotes"].str.len() > 0)


def test_cq08_quantitative_targets(kg):
    frame = ask(kg, "cq08_targets.rq").set_index("indicatorZh")
    aiot = frame.loc["智能物联产业生态圈营收"]
    assert (aiot["value"], aiot["multiplier"], aiot["setByZh"]) == (4500, 8, "中国视谷")
    assert frame.loc["数据交易量增长率", "value"] == 30 and frame.loc["数据产品量增长率", "value"] == 30
    nursery = frame.loc["幼儿园开设托班比例"]
    assert (nursery["value"], nursery["comparator"], nursery["period"]) == (75, "ge", "2025")
    assert frame.loc["建成投用社区卫生服务站数量", "value"] == 3
    assert "力争智能物联产业生态圈营收达4500亿元" in quotes(frame)


def test_cq09_unitree_factory_space(kg):
    frame = ask(kg, "cq09_unitree_factory.rq")
    row = frame.iloc[0]
    assert len(frame) == 1
    assert row["parkZh"] == "冠山数智产业园"
    assert (row["area"], row["areaMultiplier"], row["areaComparator"]) == (2, 4, "gt")
    assert (row["minYears"], row["maxYears"]) == (3, 5)
    assert row["areaQuote"] == "足足2万余平方米的高标准厂房"
    assert row["horizonQuote"] == "以满足宇树科技未来3年到5年的产能需求"


def test_cq10_public_services_by_group(kg):
    frame = ask(kg, "cq10_public_services.rq")
    by_group = frame.groupby("group")["serviceZh"].apply(set).to_dict()
    assert "10分钟老人助餐服务圈" in by_group["the elderly"]
    assert {"公立托育园", "中小学生午休“舒心躺睡”"} <= by_group["children"]
    assert {"嵌入式幼儿园", "“Bin-hub”暖企小站"} <= by_group["young people"]
    minutes = frame.dropna(subset=["minutes"]).drop_duplicates("serviceZh").set_index("serviceZh")["minutes"]
    assert minutes.to_dict() == {"10分钟老人助餐服务圈": 10, "15分钟医疗服务圈": 15}


def test_cq11_reforms_and_the_provincial_pilot(kg):
    frame = ask(kg, "cq11_reforms.rq")
    measures = set(frame["measureZh"])
    assert {"“改革沙盒”机制", "数据资产入表与融资白皮书", "“滨好办”人才·企业服务平台", "数据基础制度改革",
            "政务服务增值化改革"} <= measures
    assert any("三数一链" in m for m in measures)
    pilots = kg.query("""SELECT ?m WHERE { ?r bj:recipient/skos:prefLabel ?m ; bj:award/skos:prefLabel ?a
                         FILTER(lang(?m) = "zh" && STR(?a) = "省级试点") }""")
    assert pilots["m"].tolist() == ["企业上市“一类事”"]


def test_cq12_corroborated_facts_with_document_and_authors(kg):
    frame = ask(kg, "cq12_corroborated_facts.rq").set_index("fact")
    assert frame.loc[BJR + "obs-2025q1-fdi", "spans"] == 3
    assert {BJR + "obs-2025q1-gdp-growth", BJR + "obs-2025q1-new-firms-growth"} <= set(frame.index)
    assert set(frame["authors"].str.split("、").map(frozenset)) == {frozenset({"王心慧", "肖鳕桐", "涂心如"})}


def test_cq12_evidence_of_one_fact_has_offsets_into_the_raw_text(kg, built):
    frame = ask(kg, "cq12_fact_evidence.rq", fact=URIRef(BJR + "obs-2025q1-fdi"))
    text = (built.root / "data/sources/000_3053c004c456b618.txt").read_text(encoding="utf-8")
    assert len(frame) == 3
    for start, end, exact in frame[["start", "end", "exact"]].itertuples(index=False):
        assert text[start:end] == exact


def test_cq12_photos_and_photographers(kg):
    frame = ask(kg, "cq12_photos.rq")
    assert len(frame) == 6
    assert frame["photographerZh"].value_counts()["徐青青"] == 3
    leapmotor = frame.set_index("caption").loc["外国消费者试驾“滨江造”零跑汽车"]
    assert (leapmotor["photographerZh"], leapmotor["depicts"]) == ("李盼", "零跑汽车")
