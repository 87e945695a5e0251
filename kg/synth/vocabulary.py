"""What every synthetic district draws on: indicators, industries, technologies, awards, goals, groups, places,
periods, and seeded names for districts, people and companies."""
from __future__ import annotations

import random

from kg.build.periods import parse_period
from kg.ns import CUR, UNIT
from kg.synth.ntriples import bjr, iri

PERIOD_NOTATIONS = [str(y) for y in range(2020, 2026)] + [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
SERIES_PERIODS = ("2021", "2022", "2023", "2024", "2025-Q1")
PERIOD_LABEL_ZH = {notation: parse_period(notation).label_zh for notation in PERIOD_NOTATIONS}

# (slug, zh, en, unit IRI, unit multiplier or None, typical magnitude)
INDICATORS = (
    ("ind-gdp", "地区生产总值", "gross domestic product (GDP)", iri(CUR.CNY), 8, 800),
    ("ind-gdp-growth", "地区生产总值增速", "GDP growth", iri(UNIT.PERCENT), None, 7),
    ("ind-fdi", "实际使用外资", "foreign direct investment used", iri(CUR.USD), 8, 5),
    ("ind-rd-intensity", "研发投入强度", "R&D intensity", iri(UNIT.PERCENT), None, 6),
    ("ind-digital-revenue", "数字经济核心产业营收", "digital-economy core revenue", iri(CUR.CNY), 8, 1500),
    ("ind-hitech-firms", "国家高新技术企业数", "national high-tech enterprises", iri(UNIT.NUM), None, 900),
)
INDUSTRIES = ("数字安防|digital security", "集成电路|integrated circuits", "人工智能|artificial intelligence",
              "生物医药|biomedicine", "新能源汽车|new-energy vehicles", "智能制造|smart manufacturing",
              "网络通信|network communication", "新材料|new materials", "低空经济|low-altitude economy",
              "工业互联网|industrial internet")
TECHNOLOGIES = ("机器人|robots", "芯片|chips", "大模型|large models", "传感器|sensors", "激光雷达|lidar",
                "动力电池|power batteries", "无人机|drones", "光模块|optical modules", "区块链|blockchain",
                "云计算|cloud computing", "物联网|internet of things", "脑机接口|brain-computer interfaces",
                "基因测序|gene sequencing", "工业软件|industrial software", "智能视觉|machine vision",
                "储能系统|energy storage", "卫星通信|satellite communication", "数据安全|data security")
AWARDS = ("全国营商环境最佳城区|best business environment district", "省级创新型县区|provincial innovative district",
          "国家知识产权示范园区|national IP demonstration park", "数字经济示范区|digital-economy demonstration zone",
          "省级试点|provincial pilot")
GOALS = (("data-circulation-goal", "数据要素流通", "data circulation"),
         ("enterprise-services-goal", "优化涉企服务", "better services for enterprises"),
         ("goal-new-productivity", "新质生产力引领", "leading new productive forces"),
         ("goal-original-innovation", "原始创新策源", "source of original innovation"),
         ("goal-talent", "人才集聚高地", "talent hub"))
GROUPS = (("group-elderly", "老年人", "elderly people"), ("group-children", "儿童", "children"),
          ("group-youth", "青年", "young people"), ("group-residents", "全体居民", "all residents"))
FOREIGN = (("dubai", "迪拜", "Dubai"), ("singapore", "新加坡", "Singapore"), ("munich", "慕尼黑", "Munich"))

_HANZI = "江山湖海河川云峰松竹梅兰星辰华光明远安宁泰和盛兴隆瑞丰祥天地晨曦东南西北中新高嘉禾景"
_SYLLABLES = ("jiang", "shan", "hu", "hai", "he", "yun", "feng", "song", "zhu", "mei", "lan", "xing", "hua", "guang",
              "ming", "yuan", "an", "ning", "tai", "sheng", "xin", "gao", "jia", "dong", "nan", "xi", "zhong")
_FIRM_ZH = ("科技", "智能", "数据", "电子", "生物", "能源", "汽车", "网络", "软件", "光电")
_FIRM_EN = ("Technology", "Intelligence", "Data", "Electronics", "Bio", "Energy", "Auto", "Networks", "Software",
            "Photonics")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘蒋蔡余杜叶程"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚华慧建国志红文斌宇浩然子轩思远欣怡晨阳博"


def random_name(rng: random.Random, shortest: int = 2, longest: int = 3) -> tuple[str, str]:
    """A made-up name of `shortest` to `longest` syllables, in characters and in (unrelated) pinyin syllables.

    >>> random_name(random.Random(0))
    ('隆辰山', 'Nanguangshan')
    """
    k = rng.randint(shortest, longest)
    picks = [rng.randrange(len(_SYLLABLES)) for _ in range(k)]
    return "".join(_HANZI[i % len(_HANZI)] for i in picks), "".join(_SYLLABLES[i] for i in picks).capitalize()


def company_label(seed: int, district: str, i: int) -> tuple[str, str]:
    """The labels of company ``i`` of a district: a pure function, so no list of companies is kept."""
    rng = random.Random(f"{seed}/{district}/{i}")
    zh, en = random_name(rng)
    k = rng.randrange(len(_FIRM_ZH))
    return f"{zh}{_FIRM_ZH[k]}{i}号", f"{en} {_FIRM_EN[k]} No. {i}"


def company_iri(district: str, i: int) -> str:
    return bjr(f"{district}-co-{i}")
