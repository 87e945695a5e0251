"""One synthetic district: its overview, its platforms and policy, its companies and its events, as documents.

Every random draw goes through the run's one `random.Random`, in a fixed order, so a seed gives one file.
The first district (``binjiang``) uses the real IRIs of the competency queries.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from kg.ns import BJC, CUR, DCTERMS, ORG, PER, QB, SDMX_ATT, SDMX_DIM, SDMX_MEAS, UNIT
from kg.synth.document import Emitter, GeneratedDocument
from kg.synth.ntriples import DERIVED_FROM, RDF_TYPE, bj, bjr, iri, literal, schema, typed_literal
from kg.synth.vocabulary import (
    AWARDS,
    FOREIGN,
    GIVEN_NAMES,
    GOALS,
    GROUPS,
    INDICATORS,
    INDUSTRIES,
    PERIOD_LABEL_ZH,
    SERIES_PERIODS,
    SURNAMES,
    TECHNOLOGIES,
    company_iri,
    company_label,
    random_name,
)

REAL_DISTRICT = "binjiang"


@dataclass(frozen=True)
class District:
    """A district's number, slug, names and province (an N-Triples IRI)."""

    index: int
    slug: str
    zh: str
    en: str
    province: str

    @property
    def real(self) -> bool:
        return self.slug == REAL_DISTRICT

    @property
    def region(self) -> str:
        return bjr(self.slug)

    @property
    def gov(self) -> str:
        return bjr(f"{self.slug}-gov")

    @property
    def reporter(self) -> str:
        return bjr(f"{self.slug}-reporter")


def province_of(index: int, provinces: int) -> str:
    """The province of district `index`: Zhejiang for the first and every `provinces`-th, else one of 30."""
    if index == 0 or index % provinces == 0:
        return bjr("zhejiang")
    return bjr(f"province-{1 + index % min(provinces, 30)}")


def district_lines(emitter: Emitter, rng: random.Random, index: int, slug: str, n_companies: int,
                   provinces: int) -> Iterator[str]:
    """Every line of one district: two documents about it, its companies, then its events."""
    if slug == REAL_DISTRICT:
        zh, en = "高新区(滨江)", "Hangzhou Hi-tech Industrial Development Zone (Binjiang District)"
    else:
        name_zh, name_en = random_name(rng)
        zh, en = f"{name_zh}高新区{index}", f"{name_en} Hi-tech Zone {index}"
    district = District(index, slug, zh, en, province_of(index, provinces))
    yield from emitter.emit(_overview(emitter, rng, district).close())
    yield from emitter.emit(_platforms_and_policy(emitter, rng, district).close())
    yield from company_lines(emitter, rng, slug, 0, n_companies, zh)
    # Events with heavy-tailed participant counts, drawn preferentially from the district's first companies.
    for k in range(1 + n_companies // 25):
        yield from emitter.emit(_event(emitter, rng, district, k, n_companies).close())


def _overview(emitter: Emitter, rng: random.Random, district: District) -> GeneratedDocument:
    """The district, its government and reporter, its indicator series, its plan's target, its recognitions."""
    zh = district.zh
    doc = GeneratedDocument(emitter, f"doc-{district.slug}-0", f"{zh}:创新驱动 制胜未来", district.reporter)
    span = doc.say(f"{zh}是国家级高新区。")
    doc.entity(district.region, "Region", zh, district.en, span)
    doc.fact(district.region, schema("containedInPlace"), district.province, span)
    span = doc.say(f"{zh}管委会负责区内事务。")
    doc.entity(district.gov, "GovernmentBody", f"{zh}管委会", f"{district.en} Administrative Committee", span)
    doc.fact(district.gov, schema("areaServed"), district.region, span)
    reporter_zh = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES) + rng.choice(GIVEN_NAMES)
    doc.entity(district.reporter, "Person", reporter_zh, f"Reporter {district.index}", doc.say(f"记者{reporter_zh}报道。"))
    scale = _say_indicator_series(doc, rng, district)
    _say_plan_target(doc, district, scale)
    _say_recognitions(doc, rng, district)
    return doc


def _say_indicator_series(doc: GeneratedDocument, rng: random.Random, district: District) -> float:
    """Data Cube observations, one sentence per period naming all its values; returns the district's scale."""
    chosen = INDICATORS if district.real else rng.sample(INDICATORS, 3)
    scale = 0.3 + rng.paretovariate(2.0)
    for period in SERIES_PERIODS:
        words, values = [], []
        for indicator, indicator_zh, _en, unit, multiplier, magnitude in chosen:
            base = magnitude * (scale if unit != iri(UNIT.PERCENT) else 1)
            if period.endswith("Q1") and multiplier:
                base /= 4
            value = round(base * rng.uniform(0.8, 1.2), 2)
            if district.real and indicator == "ind-gdp" and period == "2024":
                value = 2800
            words.append(f"{indicator_zh}{value}{'亿' if multiplier == 8 else ''}")
            values.append((indicator, unit, multiplier, value))
        span = doc.say(f"{PERIOD_LABEL_ZH[period]},{district.zh}" + "、".join(words) + "。")
        # The latest quarter is stated twice, as in the article's 数说 box: two spans for one fact.
        again = doc.say(f"数说{district.zh}:" + "、".join(words) + "。") if period == SERIES_PERIODS[-1] else None
        for indicator, unit, multiplier, value in values:
            _observation(doc, rng, district, period, indicator, unit, multiplier, value, span, again)
    return scale


def _observation(doc, rng, district, period, indicator, unit, multiplier, value, span, again) -> None:
    """One ``bj:StatObservation`` of the district's actuals (a rank for some GDP values)."""
    node = bjr(f"obs-{district.slug}-{period}-{indicator[4:]}")
    for predicate, obj in ((RDF_TYPE, bj("StatObservation")), (iri(QB.dataSet), bjr("ds-actuals")),
                           (iri(SDMX_DIM.refArea), district.region), (iri(SDMX_DIM.refPeriod), iri(PER[period])),
                           (bj("indicator"), bjr(indicator)),
                           (iri(SDMX_MEAS.obsValue), typed_literal(value, "decimal")),
                           (iri(SDMX_ATT.unitMeasure), unit), (DERIVED_FROM, span)):
        doc.triple(node, predicate, obj)
    if again:
        doc.triple(node, DERIVED_FROM, again)
    if multiplier:
        doc.triple(node, iri(SDMX_ATT.unitMult), typed_literal(multiplier, "integer"))
    if district.real and indicator == "ind-gdp" and period == "2024":
        doc.triple(node, bj("comparator"), iri(BJC["cmp-gt"]))
    if indicator == "ind-gdp" and (district.real or rng.random() < 0.3):
        doc.triple(node, bj("rank"), typed_literal(1 if district.real else rng.randint(1, 20), "integer"))
        doc.triple(node, bj("rankScope"), district.province)


def _say_plan_target(doc: GeneratedDocument, district: District, scale: float) -> None:
    """A five-year plan issued by the district's government, with a GDP target for 2025."""
    zh, slug = district.zh, district.slug
    goal = int(scale * 1200)
    plan = bjr(f"{slug}-plan")
    span = doc.say(f"{zh}发布《{zh}五年规划》,提出到2025年地区生产总值超过{goal}亿元。")
    doc.entity(plan, "Plan", f"《{zh}五年规划》", f"{district.en} five-year plan", span)
    doc.fact(plan, bj("issuedBy"), district.gov, span)
    target = bjr(f"target-{slug}-gdp-2025")
    for predicate, obj in ((RDF_TYPE, bj("Target")), (iri(QB.dataSet), bjr("ds-targets")),
                           (iri(SDMX_DIM.refArea), district.region), (iri(SDMX_DIM.refPeriod), iri(PER["2025"])),
                           (bj("indicator"), bjr("ind-gdp")), (iri(SDMX_MEAS.obsValue), typed_literal(goal, "decimal")),
                           (iri(SDMX_ATT.unitMeasure), iri(CUR.CNY)),
                           (iri(SDMX_ATT.unitMult), typed_literal(8, "integer")),
                           (bj("comparator"), iri(BJC["cmp-gt"])), (DERIVED_FROM, span)):
        doc.triple(target, predicate, obj)
    doc.fact(plan, bj("hasTarget"), target, span)


def _say_recognitions(doc: GeneratedDocument, rng: random.Random, district: District) -> None:
    """Awards the district won, each for some consecutive years."""
    years = ("2024",) if district.real else rng.sample(("2022", "2023", "2024"), rng.randint(0, 2))
    for year in years:
        k = 0 if district.real else rng.randrange(len(AWARDS))
        award_zh = AWARDS[k].split("|")[0]
        consecutive = rng.randint(1, 5)
        span = doc.say(f"{year}年,{district.zh}获评“{award_zh}”,连续{consecutive}年。")
        node = bjr(f"rec-{district.slug}-{year}-{k}")
        for predicate, obj in ((RDF_TYPE, bj("Recognition")), (bj("recipient"), district.region),
                               (bj("award"), bjr(f"award-{k}")), (iri(DCTERMS.temporal), iri(PER[year])),
                               (bj("consecutiveYears"), typed_literal(consecutive, "integer")), (DERIVED_FROM, span)):
            doc.triple(node, predicate, obj)


def _platforms_and_policy(emitter: Emitter, rng: random.Random, district: District) -> GeneratedDocument:
    """The conference and its policy, innovation platforms, public services and a reform."""
    zh, en, slug = district.zh, district.en, district.slug
    doc = GeneratedDocument(emitter, f"doc-{slug}-1", f"{zh}创新平台与政策一览", district.reporter)
    conference, policy = bjr(f"{slug}-conference"), bjr(f"{slug}-policy")
    span = doc.say(f"{zh}召开科技创新大会,主题为“创新驱动 制胜未来”。")
    doc.entity(conference, "Conference", f"{zh}科技创新大会", f"{en} innovation conference", span)
    doc.triple(conference, bj("theme"), literal("创新驱动 制胜未来", "zh"))
    doc.triple(conference, schema("startDate"), typed_literal("2025-02-10", "date"))
    doc.triple(conference, schema("endDate"), typed_literal("2025-02-10", "date"))
    doc.fact(conference, schema("location"), district.region, span)
    span = doc.say(f"大会上,{zh}管委会发布《关于加快新质生产力发展的若干政策》。")
    doc.entity(policy, "Policy", f"《{zh}加快新质生产力发展的若干政策》", f"{en} policy on new productive forces", span)
    doc.fact(policy, bj("releasedAt"), conference, span)
    doc.fact(policy, schema("legislationPassedBy"), district.gov, span)
    for goal, goal_zh, _en in rng.sample(GOALS[2:], 2):
        doc.fact(policy, bj("hasGoal"), bjr(goal), doc.say(f"该政策提出{goal_zh}的目标。"))
    _say_platforms(doc, rng, district)
    _say_services(doc, rng, district)
    _say_reform(doc, rng, district)
    if district.real:
        _say_binjiang_extras(doc, district)
    return doc


def _say_platforms(doc: GeneratedDocument, rng: random.Random, district: District) -> None:
    """A heavy-tailed number of platforms, each driving an industry."""
    for k in range(1 + int(rng.paretovariate(2.0))):
        platform = bjr(f"{district.slug}-platform-{k}")
        cls = "ResearchFacility" if rng.random() < 0.3 else "InnovationPlatform"
        industry = rng.randrange(len(INDUSTRIES))
        name_zh, name_en = random_name(rng)
        status = rng.choice(("in-operation", "under-construction", "planned"))
        span = doc.say(f"{name_zh}创新中心{k}已布局,带动{INDUSTRIES[industry].split('|')[0]}产业发展。")
        doc.entity(platform, cls, f"{name_zh}创新中心{k}", f"{name_en} Innovation Centre {k}", span)
        doc.triple(platform, bj("status"), iri(BJC[f"status-{status}"]))
        doc.fact(platform, bj("drives"), bjr(f"industry-{industry}"), span)
        doc.fact(platform, schema("location"), district.region, span)


def _say_services(doc: GeneratedDocument, rng: random.Random, district: District) -> None:
    """Public services within some minutes' reach, each for a target group."""
    zh = district.zh
    for group, group_zh, group_en in rng.sample(GROUPS, 4 if district.real else 2):
        service = bjr(f"{district.slug}-service-{group}")
        minutes = rng.choice((5, 10, 15))
        span = doc.say(f"{zh}为{group_zh}提供{minutes}分钟服务圈。")
        doc.entity(service, "PublicService", f"{zh}{group_zh}{minutes}分钟服务圈",
                   f"{minutes}-minute service for {group_en}", span)
        doc.triple(service, bj("accessTimeMinutes"), typed_literal(minutes, "integer"))
        doc.triple(service, bj("status"), iri(BJC["status-in-operation"]))
        doc.fact(service, bj("serves"), bjr(group), span)


def _say_reform(doc: GeneratedDocument, rng: random.Random, district: District) -> None:
    """A reform with a goal, and a mechanism of it recognised as a provincial pilot."""
    zh, en, slug = district.zh, district.en, district.slug
    reform, mechanism = bjr(f"{slug}-reform"), bjr(f"{slug}-mechanism")
    goal, goal_zh, goal_en = GOALS[0] if district.real or rng.random() < 0.5 else GOALS[1]
    span = doc.say(f"{zh}推进{goal_zh}改革。")
    doc.entity(reform, "Reform", f"{zh}{goal_zh}改革", f"{en} reform for {goal_en}", span)
    doc.fact(reform, bj("hasGoal"), bjr(goal), span)
    span = doc.say(f"其中{zh}数据授权运营机制入选省级试点。")
    doc.entity(mechanism, "Mechanism", f"{zh}数据授权运营机制", f"{en} data licensing mechanism", span)
    doc.fact(mechanism, iri(DCTERMS.isPartOf), reform, span)
    pilot = bjr(f"rec-{slug}-pilot")
    for predicate, obj in ((RDF_TYPE, bj("Recognition")), (bj("recipient"), mechanism), (bj("award"), bjr("award-4")),
                           (DERIVED_FROM, span)):
        doc.triple(pilot, predicate, obj)


def company_lines(emitter: Emitter, rng: random.Random, slug: str, first: int, count: int,
                  district_zh: str) -> Iterator[str]:
    """Companies `first` to `first + count - 1` of a district, in documents of at most 20."""
    for start in range(first, first + count, 20):
        doc = GeneratedDocument(emitter, f"doc-{slug}-co-{start}", f"{district_zh}企业巡礼({start // 20 + 1})",
                                bjr(f"{slug}-reporter"))
        for i in range(start, min(start + 20, first + count)):
            zh, en = company_label(emitter.seed, slug, i)
            company = company_iri(slug, i)
            k_tech = min(len(TECHNOLOGIES), int(rng.paretovariate(1.8)))
            techs = sorted({min(len(TECHNOLOGIES) - 1, int(rng.paretovariate(1.0)) - 1) for _ in range(k_tech)})
            made = "、".join(TECHNOLOGIES[t].split("|")[0] for t in techs)
            span = doc.say(f"{zh}位于{district_zh}" + (f",主要产品有{made}。" if techs else "。"))
            doc.entity(company, "Company", zh, en, span)
            doc.fact(company, schema("location"), bjr(slug), span)
            for t in techs:
                doc.fact(company, bj("produces"), bjr(f"tech-{t}"), span)
        yield from emitter.emit(doc.close())


def _event(emitter: Emitter, rng: random.Random, district: District, k: int, n_companies: int) -> GeneratedDocument:
    """Event `k` of a district (the real district's first is the Dubai roadshow) and its participants."""
    slug, district_zh = district.slug, district.zh
    roadshow = district.real and k == 0
    doc = GeneratedDocument(emitter, f"doc-{slug}-ev-{k}", f"{district_zh}活动报道({k + 1})", district.reporter)
    event = bjr(f"{slug}-event-{k}")
    kind = "Roadshow" if roadshow else rng.choice(("Roadshow", "Conference", "Campaign"))
    place = FOREIGN[0] if roadshow else rng.choice(FOREIGN) if kind == "Roadshow" else None
    month, day = (5, 18) if roadshow else (rng.randint(1, 12), rng.randint(1, 20))
    start, end = f"2025-{month:02d}-{day:02d}", f"2025-{month:02d}-{day + rng.randint(0, 5):02d}"
    n = min(n_companies, max(1, int(2 * rng.paretovariate(1.2))), 60)
    participants = sorted({int(n_companies * rng.random() ** 3) for _ in range(n)})
    where = place[1] if place else district_zh
    event_zh = f"{district_zh}{where}{'路演' if kind == 'Roadshow' else '活动'}{k}"
    span = doc.say(f"2025年{month}月{day}日起,{event_zh}在{where}举行,共有{len(participants) + 5}家企业参加。")
    doc.entity(event, kind, event_zh, f"{kind} {k} of {slug}", span)
    doc.triple(event, schema("startDate"), typed_literal(start, "date"))
    doc.triple(event, schema("endDate"), typed_literal(end, "date"))
    doc.triple(event, bj("participantCount"), typed_literal(len(participants) + 5, "integer"))
    doc.fact(event, schema("location"), bjr(place[0]) if place else district.region, span)
    doc.fact(event, schema("organizer"), district.gov, span)
    for i in participants:
        zh, _en = company_label(emitter.seed, slug, i)
        doc.fact(event, schema("participant"), company_iri(slug, i), doc.say(f"{zh}参加了{event_zh}。"))
    if roadshow:  # the real participant of the competency question
        doc.fact(event, schema("participant"), bjr("unitree"), doc.say(f"宇树科技参加了{event_zh}。"))
    return doc


def _say_binjiang_extras(doc: GeneratedDocument, district: District) -> None:
    """Nodes with the exact IRIs of the competency questions that the generic district lacks."""
    unitree, site, park = bjr("unitree"), bjr("unitree-site"), bjr("binjiang-park")
    span = doc.say("宇树科技是一家位于滨江的机器人企业。")
    doc.entity(unitree, "Company", "宇树科技", "Unitree Robotics", span)
    doc.fact(unitree, schema("location"), district.region, span)
    doc.fact(unitree, bj("produces"), bjr("tech-0"), span)
    span = doc.say("滨江为宇树科技协调了约2万平方米的厂房,满足其未来3至5年的产能需求。")
    doc.entity(park, "IndustrialPark", "滨江智造产业园", "Binjiang smart manufacturing park", span)
    doc.fact(park, schema("containedInPlace"), district.region, span)
    doc.entity(site, "Site", "宇树科技新厂房", "Unitree's new factory", span)
    doc.fact(unitree, iri(ORG.hasSite), site, span)
    doc.fact(site, schema("containedInPlace"), park, span)
    doc.fact(site, bj("arrangedBy"), district.gov, span)
    size, horizon = bjr("unitree-site-area"), bjr("unitree-site-horizon")
    for predicate, obj in ((RDF_TYPE, bj("QuantityValue")), (schema("value"), typed_literal(2, "decimal")),
                           (iri(SDMX_ATT.unitMeasure), iri(UNIT.M2)),
                           (iri(SDMX_ATT.unitMult), typed_literal(4, "integer")),
                           (bj("comparator"), iri(BJC["cmp-approx"])), (DERIVED_FROM, span)):
        doc.triple(size, predicate, obj)
    for predicate, obj in ((RDF_TYPE, bj("QuantityValue")), (schema("minValue"), typed_literal(3, "decimal")),
                           (schema("maxValue"), typed_literal(5, "decimal")), (iri(SDMX_ATT.unitMeasure), iri(UNIT.YR)),
                           (DERIVED_FROM, span)):
        doc.triple(horizon, predicate, obj)
    doc.fact(site, schema("floorSize"), size, span)
    doc.fact(site, bj("capacityHorizon"), horizon, span)
    photo, photographer = bjr("photo-binjiang-skyline"), bjr("binjiang-photographer")
    span = doc.say("图为滨江天际线(摄影 陈光)。")
    doc.entity(photographer, "Person", "陈光", "Chen Guang", span)
    doc.entity(photo, "Photo", "滨江天际线", "Binjiang skyline", span)
    doc.triple(photo, schema("caption"), literal("滨江天际线", "zh"))
    doc.triple(photo, schema("creator"), photographer)
    doc.triple(photo, schema("about"), district.region)
    doc.triple(doc.iri, schema("associatedMedia"), photo)
