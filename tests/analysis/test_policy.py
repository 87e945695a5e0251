"""The policy map on the repository's real data: chains, reforms by theme, services by group."""
from kg.analysis.policy_map import (
    industry_company_links,
    platform_industry_links,
    policy_chains,
    policy_platform_links,
    reforms_by_theme,
    services_by_group,
)


def test_policy_platform_links(kg):
    links = policy_platform_links(kg)
    pairs = set(zip(links["policy"], links["platform"]))
    assert pairs == {("数据基础制度改革", "“三数一链”数据基础设施互联互通开源共创新网络"),
                     ("环大科学装置创新生态圈", "极弱磁大科学装置")}
    assert links["quote"].str.len().gt(0).all()


def test_platforms_drive_industries(kg):
    links = platform_industry_links(kg)
    vision = sorted(links[links["platform"] == "中国视谷"]["industry"])
    assert vision == sorted(["优势产业", "集成电路", "智能计算", "高端软件", "智能物联"])
    aiot = links[links["industry"] == "智能物联"]
    assert aiot["quote"].item() == "力争智能物联产业生态圈营收达4500亿元"  # via the target it sets
    assert set(links[links["platform"] == "国际零磁科学谷"]["industry"]) == {"潜力型产业", "量子精密测量"}


def test_companies_in_industries(kg):
    links = industry_company_links(kg)
    assert set(links[links["industry"] == "数字经济"]["company"]) == {"宇树科技", "阿启视科技", "趣链科技", "秋果计划", "马太能源"}
    assert set(links[links["company"] == "宇树科技"]["industry"]) == {"机器人", "四足机器人", "数字经济"}


def test_chains_go_as_far_as_the_article_states(kg):
    chains = policy_chains(kg)
    # The article links no platform-driven industry to a named company: every chain stops before one.
    assert chains["company"].isna().all()
    assert chains["length"].max() == 1
    assert set(chains["policy"].dropna()) == {"数据基础制度改革", "环大科学装置创新生态圈"}
    vision = chains[chains["platform"] == "中国视谷"]
    assert len(vision) == 5 and vision["policy"].isna().all() and vision["quote_platform_industry"].notna().all()


def test_reforms_by_theme(kg):
    reforms = reforms_by_theme(kg)
    data = reforms[reforms["reform"] == "数据基础制度改革"]
    assert set(data["theme"]) == {"破数据要素流通难、变现难"}
    assert set(data["measure"]) == {"“改革沙盒”机制", "数据资产入表与融资白皮书", "“三数一链”数据基础设施互联互通开源共创新网络"}
    service = reforms[reforms["reform"] == "政务服务增值化改革"]
    assert set(service["theme"]) == {"给各类企业送服务、送资源"}
    assert set(service["measure"]) == {"“滨好办”人才·企业服务平台", "“企呼我应”涉企问题闭环解决机制", "企业上市“一类事”"}
    assert reforms["measure_quote"].notna().all() and reforms["theme_quote"].notna().all()


def test_services_by_group(kg):
    services = services_by_group(kg, ["elderly", "children", "youth"])
    assert list(dict.fromkeys(services["group"])) == ["一老", "一小", "一青年"]
    elderly = set(services[services["group"] == "一老"]["service"])
    assert elderly == {"10分钟老人助餐服务圈", "区域综合养老服务", "社区版“多代同楼”"}
    children = set(services[services["group"] == "一小"]["service"])
    assert {"公立托育园", "嵌入式幼儿园", "中小学生午休“舒心躺睡”", "嵌入式学区"} <= children
    assert "“Bin-hub”暖企小站" in set(services[services["group"] == "一青年"]["service"])
    assert services["quote"].str.len().gt(0).all()
    assert len(services_by_group(kg)) > len(services)


def test_services_in_english(kg):
    services = services_by_group(kg, ["elderly"], lang="en")
    assert set(services["group"]) == {"the elderly"}
    assert "10-minute elderly meal-assistance service circle" in set(services["service"])
