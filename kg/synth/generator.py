"""`kg synth`: a seeded synthetic innovation ecosystem in the project's ontology, streamed as N-Triples.

Many districts (``bj:Region``, zh/en labels, each in a province), each with its government body, a
heavy-tailed number of companies (Pareto weights), platforms that drive industries, a policy released at a
conference with goals, events (roadshows, conferences, campaigns) with a heavy-tailed number of participants,
public services, a reform with a mechanism, recognitions, targets, and indicator time series as RDF Data Cube
observations over ``per:YYYY`` / ``per:YYYY-Qn`` periods. Every statement is said by a generated Chinese
sentence of a small generated ``bj:SourceDocument`` (one per batch of facts, many per district): each fact
is asserted and reified as a ``bj:Assertion`` (or, for n-ary nodes, carries its span directly), and each
``bj:TextSpan``'s ``oa:exact`` is exactly ``schema:text[start:end]`` of its document.

The first district uses the real IRIs of the competency queries (``bjr:binjiang``, ``bjr:binjiang-gov``,
``bjr:zhejiang``, ``bjr:dubai``, ``bjr:unitree``, ``bjr:ind-gdp``, ``bjr:group-elderly``,
``bjr:data-circulation-goal``, ...), so every query in ``queries/`` returns rows at every size. The ontology
itself is emitted first (as ``kg build`` does), so class and unit labels resolve.

Memory is constant in the number of triples: `synth_lines` is a generator; only one document's batch of
facts (a few hundred triples) and one float per district are held at a time.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from kg.ns import BJ, BJC, BJR, CUR, OA, PER, SCHEMA, SDMX_ATT, SDMX_DIM, SDMX_MEAS, UNIT
from kg.build.periods import parse_period
from kg.project import PACKAGED_ONTOLOGY

ONTOLOGY = PACKAGED_ONTOLOGY / "ontology.ttl"

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDF_S, RDF_P, RDF_O = (f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#{x}>" for x in ("subject", "predicate", "object"))
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
NOTATION = "<http://www.w3.org/2004/02/skos/core#notation>"
IN_SCHEME = "<http://www.w3.org/2004/02/skos/core#inScheme>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
QB_DATASET = "<http://purl.org/linked-data/cube#dataSet>"
QB_STRUCTURE = "<http://purl.org/linked-data/cube#structure>"
DCT_PART = "<http://purl.org/dc/terms/isPartOf>"
DCT_TEMPORAL = "<http://purl.org/dc/terms/temporal>"
DCAT_START = "<http://www.w3.org/ns/dcat#startDate>"
DCAT_END = "<http://www.w3.org/ns/dcat#endDate>"
TIME_IN = "<http://www.w3.org/2006/time#intervalIn>"
HAS_SITE = "<http://www.w3.org/ns/org#hasSite>"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _u(term) -> str:
    return f"<{term}>"


def b(local: str) -> str:
    """A bjr: entity IRI in N-Triples."""
    return f"<{BJR}{local}>"


def c(name: str) -> str:
    """A bj: class or property IRI in N-Triples."""
    return f"<{BJ}{name}>"


def s(name: str) -> str:
    return f"<{SCHEMA}{name}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(text: str, lang: str | None = None) -> str:
    body = '"' + str(text).translate(_ESCAPES) + '"'
    return body + (f"@{lang}" if lang else "")


def typed(value, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


PERIOD_NOTATIONS = [str(y) for y in range(2020, 2026)] + [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
SERIES_PERIODS = ("2021", "2022", "2023", "2024", "2025-Q1")

# (slug, zh, en, unit IRI, unit multiplier or None, typical magnitude)
INDICATORS = (
    ("ind-gdp", "地区生产总值", "gross domestic product (GDP)", _u(CUR.CNY), 8, 800),
    ("ind-gdp-growth", "地区生产总值增速", "GDP growth", _u(UNIT.PERCENT), None, 7),
    ("ind-fdi", "实际使用外资", "foreign direct investment used", _u(CUR.USD), 8, 5),
    ("ind-rd-intensity", "研发投入强度", "R&D intensity", _u(UNIT.PERCENT), None, 6),
    ("ind-digital-revenue", "数字经济核心产业营收", "digital-economy core revenue", _u(CUR.CNY), 8, 1500),
    ("ind-hitech-firms", "国家高新技术企业数", "national high-tech enterprises", _u(UNIT.NUM), None, 900),
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
_SYL = ("jiang", "shan", "hu", "hai", "he", "yun", "feng", "song", "zhu", "mei", "lan", "xing", "hua", "guang",
        "ming", "yuan", "an", "ning", "tai", "sheng", "xin", "gao", "jia", "dong", "nan", "xi", "zhong")
_FIRM_ZH = ("科技", "智能", "数据", "电子", "生物", "能源", "汽车", "网络", "软件", "光电")
_FIRM_EN = ("Technology", "Intelligence", "Data", "Electronics", "Bio", "Energy", "Auto", "Networks", "Software",
            "Photonics")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘蒋蔡余杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚华慧建国志红文斌宇浩然子轩思远欣怡晨阳博"


def _name(rng: random.Random, lo: int = 2, hi: int = 3) -> tuple[str, str]:
    k = rng.randint(lo, hi)
    idx = [rng.randrange(len(_SYL)) for _ in range(k)]
    return "".join(_HANZI[i % len(_HANZI)] for i in idx), "".join(_SYL[i] for i in idx).capitalize()


def company_label(seed: int, district: str, i: int) -> tuple[str, str]:
    """The labels of company ``i`` of a district: a pure function, so no list of companies is kept."""
    rng = random.Random(f"{seed}/{district}/{i}")
    zh, en = _name(rng)
    k = rng.randrange(len(_FIRM_ZH))
    return f"{zh}{_FIRM_ZH[k]}{i}号", f"{en} {_FIRM_EN[k]} No. {i}"


def company_iri(district: str, i: int) -> str:
    return b(f"{district}-co-{i}")


class _Doc:
    """One small generated document: sentences appended one by one, the triples they support buffered."""

    def __init__(self, out: "_Out", doc_id: str, headline: str, author: str):
        self.out, self.id, self.iri = out, doc_id, b(doc_id)
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[str] = []
        self.headline, self.author = headline, author
        self.say(headline + "\n")  # the headline is the first line of the text

    def say(self, sentence: str) -> str:
        """Append a sentence; return its span IRI (the span's triples are buffered)."""
        start, end = self.length, self.length + len(sentence.rstrip("\n"))
        self.parts.append(sentence)
        self.length += len(sentence)
        exact = sentence.rstrip("\n")
        span = b(f"span-{self.id}-c{start}-{end}")
        for p, o in ((RDF_TYPE, c("TextSpan")), (_u(OA.hasSource), self.iri),
                     (_u(OA.start), typed(start, "integer")), (_u(OA.end), typed(end, "integer")),
                     (_u(OA.exact), lit(exact)), (c("quote"), lit(exact))):
            self.t(span, p, o)
        return span

    def t(self, s_: str, p: str, o: str) -> None:
        self.lines.append(f"{s_} {p} {o} .\n")

    def entity(self, iri: str, cls: str, zh: str, en: str | None, span: str) -> None:
        self.t(iri, RDF_TYPE, c(cls) if ":" not in cls else cls)
        self.t(iri, PREF, lit(zh, "zh"))
        if en:
            self.t(iri, PREF, lit(en, "en"))
        self.t(iri, DERIVED, span)

    def fact(self, s_: str, p: str, o: str, span: str) -> None:
        """An asserted triple, reified as a bj:Assertion resting on `span`."""
        self.t(s_, p, o)
        self.out.n_assert += 1
        a = b(f"stmt-{self.out.n_assert}")
        self.t(a, RDF_TYPE, c("Assertion"))
        self.t(a, RDF_S, s_)
        self.t(a, RDF_P, p)
        self.t(a, RDF_O, o)
        self.t(a, DERIVED, span)

    def close(self) -> list[str]:
        text = "".join(self.parts)
        head = [f"{self.iri} {p} {o} .\n" for p, o in (
            (RDF_TYPE, c("SourceDocument")), (PREF, lit(self.headline, "zh")), (PREF, lit(f"document {self.id}", "en")),
            (s("headline"), lit(self.headline, "zh")),
            (s("text"), lit(text)), (s("inLanguage"), lit("zh-CN")), (s("author"), self.author),
            (DERIVED, b(f"span-{self.id}-c0-{len(self.headline)}")))]
        return head + self.lines


class _Out:
    """Counts what has been emitted and hands out documents."""

    def __init__(self, seed: int):
        self.n = 0
        self.n_assert = 0
        self.n_docs = 0
        self.seed = seed

    def emit(self, lines: list[str]) -> Iterator[str]:
        self.n += len(lines)
        yield from lines


def _ontology_lines() -> list[str]:
    from rdflib import Graph

    graph = Graph().parse(ONTOLOGY, format="turtle")
    return sorted(line + "\n" for line in graph.serialize(format="nt").splitlines() if line.strip())


def _period_lines() -> list[str]:
    lines = []
    for notation in PERIOD_NOTATIONS:
        p = parse_period(notation)
        node = _u(p.iri)
        lines += [f"{node} {RDF_TYPE} {c('Period')} .\n", f"{node} {NOTATION} {lit(notation)} .\n",
                  f"{node} {PREF} {lit(p.label_zh, 'zh')} .\n", f"{node} {PREF} {lit(p.label_en, 'en')} .\n",
                  f"{node} {DCAT_START} {typed(p.start.isoformat(), 'date')} .\n",
                  f"{node} {DCAT_END} {typed(p.end.isoformat(), 'date')} .\n",
                  f"{node} {IN_SCHEME} {_u(BJC.periods)} .\n"]
        if notation != p.year:
            lines.append(f"{node} {TIME_IN} {_u(PER[p.year])} .\n")
    return lines


def _pareto(rng: random.Random, alpha: float) -> float:
    return rng.paretovariate(alpha)


# Rough triple costs, used only to plan how many companies each district gets.
DISTRICT_COST = 520
COMPANY_COST = 48


def synth_lines(triples: int = 10_000, seed: int = 0, districts: int | None = None) -> Iterator[str]:
    """Yield N-Triples lines of a synthetic ecosystem of about `triples` triples (within 2 % from 10^4 up)."""
    if triples < 1:
        raise ValueError("triples must be positive")
    rng = random.Random(seed)
    out = _Out(seed)
    yield from out.emit(_ontology_lines())
    yield from out.emit(_period_lines())
    yield from out.emit(_shared(out, rng))
    n_districts = districts or max(2, round(triples / 2500))
    weights = [_pareto(rng, 1.3) for _ in range(n_districts)]
    weights[0] = max(weights)  # the real district is one of the big ones
    total_w = sum(weights)
    budget = max(0, triples - out.n - n_districts * DISTRICT_COST) * 0.97
    provinces = max(1, n_districts // 8)
    for i, w in enumerate(weights):
        n_companies = max(3, round(budget * w / total_w / COMPANY_COST))
        slug = "binjiang" if i == 0 else f"d{i:05d}"
        yield from _district(out, rng, i, slug, n_companies, provinces)
    # Top up with more companies (new documents) in the last district until the count is reached.
    last = f"d{len(weights) - 1:05d}" if len(weights) > 1 else "binjiang"
    extra = 1_000_000
    while triples - out.n > COMPANY_COST // 2:
        count = max(1, (triples - out.n) // (2 * COMPANY_COST))
        yield from _companies(out, rng, last, extra, count, "补充")
        extra += count + 20


def _shared(out: _Out, rng: random.Random) -> list[str]:
    """Concepts shared by all districts (indicators, industries, ...), provinces and foreign places."""
    doc = _Doc(out, "doc-national", "全国高新区创新生态概览", b("reporter-national"))
    span = doc.say("本报记者综合报道。")
    doc.entity(b("reporter-national"), "Person", "综合报道组", "news desk", span)
    for slug, zh, en, *_ in INDICATORS:
        doc.entity(b(slug), "Indicator", zh, en, doc.say(f"统计口径包括{zh}。"))
        doc.t(b(slug), IN_SCHEME, _u(BJC.indicators))
    for k, pair in enumerate(INDUSTRIES):
        zh, en = pair.split("|")
        doc.entity(b(f"industry-{k}"), "Industry", zh, en, doc.say(f"重点产业有{zh}。"))
    for k, pair in enumerate(TECHNOLOGIES):
        zh, en = pair.split("|")
        doc.entity(b(f"tech-{k}"), "Technology", zh, en, doc.say(f"关键技术包括{zh}。"))
    for k, pair in enumerate(AWARDS):
        zh, en = pair.split("|")
        doc.entity(b(f"award-{k}"), "Award", zh, en, doc.say(f"评选设有“{zh}”称号。"))
    for slug, zh, en in GOALS:
        doc.entity(b(slug), "Goal", zh, en, doc.say(f"目标之一是{zh}。"))
    for slug, zh, en in GROUPS:
        doc.entity(b(slug), "TargetGroup", zh, en, doc.say(f"服务对象包括{zh}。"))
    for slug, zh, en in FOREIGN:
        doc.entity(b(slug), "Region", zh, en, doc.say(f"企业赴{zh}开展交流。"))
    doc.entity(b("zhejiang"), "Region", "浙江省", "Zhejiang Province", doc.say("浙江省是高新区最多的省份之一。"))
    for p in range(1, 400):
        zh, en = _name(random.Random(f"province/{p}"), 2, 2)
        doc.entity(b(f"province-{p}"), "Region", f"{zh}省{p}", f"{en} Province {p}", doc.say(f"{zh}省{p}也有高新区。"))
        if p >= 30:
            break
    lines = doc.close()
    for ds, zh, en in (("ds-actuals", "指标实际值", "indicator actuals"), ("ds-targets", "指标目标值", "indicator targets")):
        lines += [f"{b(ds)} {RDF_TYPE} <http://purl.org/linked-data/cube#DataSet> .\n",
                  f"{b(ds)} {QB_STRUCTURE} {b('dsd-indicators')} .\n",
                  f"{b(ds)} {RDFS_LABEL} {lit(zh, 'zh')} .\n", f"{b(ds)} {RDFS_LABEL} {lit(en, 'en')} .\n"]
    lines.append(f"{b('dsd-indicators')} {RDF_TYPE} <http://purl.org/linked-data/cube#DataStructureDefinition> .\n")
    return lines


def _province(i: int, provinces: int) -> str:
    return b("zhejiang") if i == 0 or i % provinces == 0 else b(f"province-{1 + i % min(provinces, 30)}")


def _district(out: _Out, rng: random.Random, i: int, slug: str, n_companies: int, provinces: int) -> Iterator[str]:
    real = slug == "binjiang"
    if real:
        zh, en = "高新区(滨江)", "Hangzhou Hi-tech Industrial Development Zone (Binjiang District)"
    else:
        name_zh, name_en = _name(rng)
        zh, en = f"{name_zh}高新区{i}", f"{name_en} Hi-tech Zone {i}"
    region, gov, reporter = b(slug), b(f"{slug}-gov"), b(f"{slug}-reporter")
    province = _province(i, provinces)
    doc = _Doc(out, f"doc-{slug}-0", f"{zh}:创新驱动 制胜未来", reporter)
    span = doc.say(f"{zh}是国家级高新区。")
    doc.entity(region, "Region", zh, en, span)
    doc.fact(region, s("containedInPlace"), province, span)
    span = doc.say(f"{zh}管委会负责区内事务。")
    doc.entity(gov, "GovernmentBody", f"{zh}管委会", f"{en} Administrative Committee", span)
    doc.fact(gov, s("areaServed"), region, span)
    r_zh = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
    doc.entity(reporter, "Person", r_zh, f"Reporter {i}", doc.say(f"记者{r_zh}报道。"))

    # Indicator time series: Data Cube observations; one sentence per period names all its values.
    chosen = INDICATORS if real else rng.sample(INDICATORS, 3)
    scale = 0.3 + _pareto(rng, 2.0)
    for period in SERIES_PERIODS:
        words, nodes = [], []
        for ind, izh, _ien, unit, mult, mag in chosen:
            base = mag * (scale if unit != _u(UNIT.PERCENT) else 1)
            if period.endswith("Q1") and mult:
                base /= 4
            value = round(base * rng.uniform(0.8, 1.2), 2)
            if real and ind == "ind-gdp" and period == "2024":
                value = 2800
            words.append(f"{izh}{value}{'亿' if mult == 8 else ''}")
            nodes.append((ind, unit, mult, value))
        span = doc.say(f"{PER_LABEL[period]},{zh}" + "、".join(words) + "。")
        # The latest quarter is stated twice, as in the article's 数说 box: two spans for one fact.
        again = doc.say(f"数说{zh}:" + "、".join(words) + "。") if period == SERIES_PERIODS[-1] else None
        for ind, unit, mult, value in nodes:
            obs = b(f"obs-{slug}-{period}-{ind[4:]}")
            for p, o in ((RDF_TYPE, c("StatObservation")), (QB_DATASET, b("ds-actuals")),
                         (_u(SDMX_DIM.refArea), region), (_u(SDMX_DIM.refPeriod), _u(PER[period])),
                         (c("indicator"), b(ind)), (_u(SDMX_MEAS.obsValue), typed(value, "decimal")),
                         (_u(SDMX_ATT.unitMeasure), unit), (DERIVED, span)):
                doc.t(obs, p, o)
            if again:
                doc.t(obs, DERIVED, again)
            if mult:
                doc.t(obs, _u(SDMX_ATT.unitMult), typed(mult, "integer"))
            if real and ind == "ind-gdp" and period == "2024":
                doc.t(obs, c("comparator"), _u(BJC["cmp-gt"]))
            if ind == "ind-gdp" and (real or rng.random() < 0.3):
                doc.t(obs, c("rank"), typed(1 if real else rng.randint(1, 20), "integer"))
                doc.t(obs, c("rankScope"), province)
    # A target set by the district's plan.
    plan = b(f"{slug}-plan")
    span = doc.say(f"{zh}发布《{zh}五年规划》,提出到2025年地区生产总值超过{int(scale * 1200)}亿元。")
    doc.entity(plan, "Plan", f"《{zh}五年规划》", f"{en} five-year plan", span)
    doc.fact(plan, c("issuedBy"), gov, span)
    target = b(f"target-{slug}-gdp-2025")
    for p, o in ((RDF_TYPE, c("Target")), (QB_DATASET, b("ds-targets")), (_u(SDMX_DIM.refArea), region),
                 (_u(SDMX_DIM.refPeriod), _u(PER["2025"])), (c("indicator"), b("ind-gdp")),
                 (_u(SDMX_MEAS.obsValue), typed(int(scale * 1200), "decimal")), (_u(SDMX_ATT.unitMeasure), _u(CUR.CNY)),
                 (_u(SDMX_ATT.unitMult), typed(8, "integer")), (c("comparator"), _u(BJC["cmp-gt"])), (DERIVED, span)):
        doc.t(target, p, o)
    doc.fact(plan, c("hasTarget"), target, span)
    # Recognitions.
    for year in ("2024",) if real else rng.sample(("2022", "2023", "2024"), rng.randint(0, 2)):
        k = 0 if real else rng.randrange(len(AWARDS))
        award_zh = AWARDS[k].split("|")[0]
        years = rng.randint(1, 5)
        span = doc.say(f"{year}年,{zh}获评“{award_zh}”,连续{years}年。")
        rec = b(f"rec-{slug}-{year}-{k}")
        for p, o in ((RDF_TYPE, c("Recognition")), (c("recipient"), region), (c("award"), b(f"award-{k}")),
                     (DCT_TEMPORAL, _u(PER[year])), (c("consecutiveYears"), typed(years, "integer")), (DERIVED, span)):
            doc.t(rec, p, o)
    yield from out.emit(doc.close())

    # Platforms, policy and conference, services, reform: a second document.
    doc = _Doc(out, f"doc-{slug}-1", f"{zh}创新平台与政策一览", reporter)
    conf, policy = b(f"{slug}-conference"), b(f"{slug}-policy")
    span = doc.say(f"{zh}召开科技创新大会,主题为“创新驱动 制胜未来”。")
    doc.entity(conf, "Conference", f"{zh}科技创新大会", f"{en} innovation conference", span)
    doc.t(conf, c("theme"), lit("创新驱动 制胜未来", "zh"))
    doc.t(conf, s("startDate"), typed("2025-02-10", "date"))
    doc.t(conf, s("endDate"), typed("2025-02-10", "date"))
    doc.fact(conf, s("location"), region, span)
    span = doc.say(f"大会上,{zh}管委会发布《关于加快新质生产力发展的若干政策》。")
    doc.entity(policy, "Policy", f"《{zh}加快新质生产力发展的若干政策》", f"{en} policy on new productive forces", span)
    doc.fact(policy, c("releasedAt"), conf, span)
    doc.fact(policy, s("legislationPassedBy"), gov, span)
    for slug_goal, gzh, _gen in rng.sample(GOALS[2:], 2):
        doc.fact(policy, c("hasGoal"), b(slug_goal), doc.say(f"该政策提出{gzh}的目标。"))
    for k in range(1 + int(_pareto(rng, 2.0))):
        platform = b(f"{slug}-platform-{k}")
        cls = "ResearchFacility" if rng.random() < 0.3 else "InnovationPlatform"
        ind = rng.randrange(len(INDUSTRIES))
        p_zh, p_en = _name(rng)
        status = rng.choice(("in-operation", "under-construction", "planned"))
        span = doc.say(f"{p_zh}创新中心{k}已布局,带动{INDUSTRIES[ind].split('|')[0]}产业发展。")
        doc.entity(platform, cls, f"{p_zh}创新中心{k}", f"{p_en} Innovation Centre {k}", span)
        doc.t(platform, c("status"), _u(BJC[f"status-{status}"]))
        doc.fact(platform, c("drives"), b(f"industry-{ind}"), span)
        doc.fact(platform, s("location"), region, span)
    for slug_group, gzh, gen in rng.sample(GROUPS, 2 if not real else 4):
        service = b(f"{slug}-service-{slug_group}")
        minutes = rng.choice((5, 10, 15))
        span = doc.say(f"{zh}为{gzh}提供{minutes}分钟服务圈。")
        doc.entity(service, "PublicService", f"{zh}{gzh}{minutes}分钟服务圈", f"{minutes}-minute service for {gen}", span)
        doc.t(service, c("accessTimeMinutes"), typed(minutes, "integer"))
        doc.t(service, c("status"), _u(BJC["status-in-operation"]))
        doc.fact(service, c("serves"), b(slug_group), span)
    reform, mechanism = b(f"{slug}-reform"), b(f"{slug}-mechanism")
    goal = GOALS[0] if real or rng.random() < 0.5 else GOALS[1]
    span = doc.say(f"{zh}推进{goal[1]}改革。")
    doc.entity(reform, "Reform", f"{zh}{goal[1]}改革", f"{en} reform for {goal[2]}", span)
    doc.fact(reform, c("hasGoal"), b(goal[0]), span)
    span = doc.say(f"其中{zh}数据授权运营机制入选省级试点。")
    doc.entity(mechanism, "Mechanism", f"{zh}数据授权运营机制", f"{en} data licensing mechanism", span)
    doc.fact(mechanism, DCT_PART, reform, span)
    rec = b(f"rec-{slug}-pilot")
    for p, o in ((RDF_TYPE, c("Recognition")), (c("recipient"), mechanism), (c("award"), b("award-4")), (DERIVED, span)):
        doc.t(rec, p, o)
    if real:
        yield from out.emit(_binjiang_extras(doc, region, gov))
    yield from out.emit(doc.close())

    # Companies (heavy-tailed count), in documents of at most 20.
    yield from _companies(out, rng, slug, 0, n_companies, zh)
    # Events with heavy-tailed participant counts, drawn preferentially from the district's first companies.
    n_events = 1 + n_companies // 25
    for k in range(n_events):
        yield from _event(out, rng, slug, zh, region, gov, k, n_companies, reporter, real and k == 0)


PER_LABEL = {p: parse_period(p).label_zh for p in PERIOD_NOTATIONS}


def _companies(out: _Out, rng: random.Random, slug: str, first: int, count: int, district_zh: str) -> Iterator[str]:
    region, reporter = b(slug), b(f"{slug}-reporter")
    for start in range(first, first + count, 20):
        out.n_docs += 1
        doc = _Doc(out, f"doc-{slug}-co-{start}", f"{district_zh}企业巡礼({start // 20 + 1})", reporter)
        for i in range(start, min(start + 20, first + count)):
            zh, en = company_label(out.seed, slug, i)
            co = company_iri(slug, i)
            k_tech = min(len(TECHNOLOGIES), int(_pareto(rng, 1.8)))
            techs = sorted({min(len(TECHNOLOGIES) - 1, int(rng.paretovariate(1.0)) - 1) for _ in range(k_tech)})
            made = "、".join(TECHNOLOGIES[t].split("|")[0] for t in techs)
            span = doc.say(f"{zh}位于{district_zh}" + (f",主要产品有{made}。" if techs else "。"))
            doc.entity(co, "Company", zh, en, span)
            doc.fact(co, s("location"), region, span)
            for t in techs:
                doc.fact(co, c("produces"), b(f"tech-{t}"), span)
        yield from out.emit(doc.close())


def _event(out, rng, slug, district_zh, region, gov, k, n_companies, reporter, roadshow) -> Iterator[str]:
    doc = _Doc(out, f"doc-{slug}-ev-{k}", f"{district_zh}活动报道({k + 1})", reporter)
    event = b(f"{slug}-event-{k}")
    kind = "Roadshow" if roadshow else rng.choice(("Roadshow", "Conference", "Campaign"))
    place = FOREIGN[0] if roadshow else rng.choice(FOREIGN) if kind == "Roadshow" else None
    month, day = (5, 18) if roadshow else (rng.randint(1, 12), rng.randint(1, 20))
    start, end = f"2025-{month:02d}-{day:02d}", f"2025-{month:02d}-{day + rng.randint(0, 5):02d}"
    n = min(n_companies, max(1, int(2 * _pareto(rng, 1.2))), 60)
    participants = sorted({int(n_companies * rng.random() ** 3) for _ in range(n)})
    where = place[1] if place else district_zh
    e_zh = f"{district_zh}{where}{'路演' if kind == 'Roadshow' else '活动'}{k}"
    span = doc.say(f"2025年{month}月{day}日起,{e_zh}在{where}举行,共有{len(participants) + 5}家企业参加。")
    doc.entity(event, kind, e_zh, f"{kind} {k} of {slug}", span)
    doc.t(event, s("startDate"), typed(start, "date"))
    doc.t(event, s("endDate"), typed(end, "date"))
    doc.t(event, c("participantCount"), typed(len(participants) + 5, "integer"))
    doc.fact(event, s("location"), b(place[0]) if place else region, span)
    doc.fact(event, s("organizer"), gov, span)
    for i in participants:
        zh, _en = company_label(out.seed, slug, i)
        doc.fact(event, s("participant"), company_iri(slug, i), doc.say(f"{zh}参加了{e_zh}。"))
    if roadshow:  # the real participant of the competency question
        doc.fact(event, s("participant"), b("unitree"), doc.say(f"宇树科技参加了{e_zh}。"))
    yield from out.emit(doc.close())


def _binjiang_extras(doc: _Doc, region: str, gov: str) -> list[str]:
    """Nodes with the exact IRIs of the competency questions that the generic district lacks."""
    unitree, site, park = b("unitree"), b("unitree-site"), b("binjiang-park")
    span = doc.say("宇树科技是一家位于滨江的机器人企业。")
    doc.entity(unitree, "Company", "宇树科技", "Unitree Robotics", span)
    doc.fact(unitree, s("location"), region, span)
    doc.fact(unitree, c("produces"), b("tech-0"), span)
    span = doc.say("滨江为宇树科技协调了约2万平方米的厂房,满足其未来3至5年的产能需求。")
    doc.entity(park, "IndustrialPark", "滨江智造产业园", "Binjiang smart manufacturing park", span)
    doc.fact(park, s("containedInPlace"), region, span)
    doc.entity(site, "Site", "宇树科技新厂房", "Unitree's new factory", span)
    doc.fact(unitree, HAS_SITE, site, span)
    doc.fact(site, s("containedInPlace"), park, span)
    doc.fact(site, c("arrangedBy"), gov, span)
    size, horizon = b("unitree-site-area"), b("unitree-site-horizon")
    for p, o in ((RDF_TYPE, c("QuantityValue")), (s("value"), typed(2, "decimal")),
                 (_u(SDMX_ATT.unitMeasure), _u(UNIT.M2)), (_u(SDMX_ATT.unitMult), typed(4, "integer")),
                 (c("comparator"), _u(BJC["cmp-approx"])), (DERIVED, span)):
        doc.t(size, p, o)
    for p, o in ((RDF_TYPE, c("QuantityValue")), (s("minValue"), typed(3, "decimal")), (s("maxValue"), typed(5, "decimal")),
                 (_u(SDMX_ATT.unitMeasure), _u(UNIT.YR)), (DERIVED, span)):
        doc.t(horizon, p, o)
    doc.fact(site, s("floorSize"), size, span)
    doc.fact(site, c("capacityHorizon"), horizon, span)
    photo, photographer = b("photo-binjiang-skyline"), b("binjiang-photographer")
    span = doc.say("图为滨江天际线(摄影 陈光)。")
    doc.entity(photographer, "Person", "陈光", "Chen Guang", span)
    doc.entity(photo, "Photo", "滨江天际线", "Binjiang skyline", span)
    doc.t(photo, s("caption"), lit("滨江天际线", "zh"))
    doc.t(photo, s("creator"), photographer)
    doc.t(photo, s("about"), region)
    doc.t(doc.iri, s("associatedMedia"), photo)
    return []


def write(path_or_stream, triples: int, seed: int = 0, districts: int | None = None) -> int:
    """Stream the synthetic graph to a path ('-' for stdout) or an open text stream; return the triple count.

    A path is written through a hidden ``.NAME.part`` file beside it and renamed when complete, so an
    interrupted run never leaves half a graph under the final name.
    """
    import os
    import sys

    if path_or_stream in (None, "-"):
        return _write_lines(sys.stdout, triples, seed, districts)
    if hasattr(path_or_stream, "write"):
        return _write_lines(path_or_stream, triples, seed, districts)
    target = Path(path_or_stream)
    part = target.with_name(f".{target.name}.part")
    try:
        with open(part, "w", encoding="utf-8", newline="\n") as stream:
            n = _write_lines(stream, triples, seed, districts)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return n


def _write_lines(stream, triples: int, seed: int, districts: int | None) -> int:
    from kg.progress import progress_bar

    n = 0
    buffer = []
    with progress_bar("writing triples", total=triples, unit="triple") as bar:
        for line in synth_lines(triples, seed, districts):
            buffer.append(line)
            n += 1
            if len(buffer) >= 4096:
                stream.write("".join(buffer))
                bar.update(len(buffer))
                buffer.clear()
        stream.write("".join(buffer))
    return n
