"""Link what was found in a sentence into facts: a number to its indicator, area and period; patterns to relations.

Linking rules (each proposal says which one fired in its `note`):

- **indicator**: the known indicator label nearest before the number in its sentence, after the previous
  number (``A和B均增长30%`` gives both); ``X增长 7.0%`` with a growth indicator ``X增长率`` takes that one.
- **area**: the nearest region mentioned before the number in the sentence, else the document's area.
- **period**: the nearest period before the number in the sentence; for reported values (not targets)
  else the last period named earlier in the document (``回望2024年。全年GDP...``).
- **target or actual**: a sentence with 力争, 将, 目标, 预计 (or English will/target/aim) states targets.
- **relations**: 来自X的A、B、C…N家企业 (participants, located in X), 组织N家…赴X开展E (organizer, count,
  location), 月日—日 (start and end dates of the event), 在X协调出…Y (Y contained in X), 发布《P》
  (issued, by the government body before it), and status verbs (启用, 上线, 出台, 投用, 加快建设, ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.ingest.dates import DateMention, PeriodMention
from kg.ingest.mentions import Lexicon, Mention
from kg.ingest.quantities import Quantity
from kg.text import Segment

TARGET_CUE = re.compile(r"力争|目标|预计|(?<![即必])将|(?:滨江|全区|区)要|\b(?:will|target|aims?|plans?)\b", re.I)
RANK = re.compile(r"居(?P<scope>全[省市国区]|[\u4e00-\u9fff]{1,4}?)第(?P<rank>[一二三四五六七八九十\d]+)")
GROWTH = ("增长率", "增长")
STATUS_VERBS = [("加快出台", "bjc:status-planned"), ("出台", "bjc:status-planned"), ("启用", "bjc:status-in-operation"),
                ("上线", "bjc:status-in-operation"), ("建成投用", "bjc:status-in-operation"), ("投用", "bjc:status-to-open"),
                ("加快建设", "bjc:status-under-construction"), ("探索建立", "bjc:status-planned"),
                ("开办", "bjc:status-planned"), ("持续深化", "bjc:status-ongoing"), ("深入推进", "bjc:status-ongoing"),
                ("深入实施", "bjc:status-ongoing"), ("深化", "bjc:status-ongoing"), ("发布了", "bjc:status-issued"),
                ("发布", "bjc:status-issued"), ("launched", "bjc:status-in-operation"), ("issued", "bjc:status-issued")]
_VERBS = re.compile("|".join(re.escape(v) for v, _ in STATUS_VERBS))
_STATUS = dict(STATUS_VERBS)
_CN = "一二三四五六七八九十"


@dataclass
class Fact:
    """A proposed row: its table kind, its cells, the flat range that states it, a confidence and why."""

    kind: str
    cells: dict[str, str]
    lo: int
    hi: int
    confidence: float
    note: str
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Sentence:
    """A sentence with what was found in it (flat offsets)."""

    segment: Segment
    mentions: list[Mention]
    quantities: list[Quantity]
    periods: list[PeriodMention]
    dates: list[DateMention]

    def top(self) -> list[Mention]:
        return [m for m in self.mentions if not m.nested]


def _rank(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _CN.index(text) + 1 if len(text) == 1 and text in _CN else None


class Linker:
    """Turns the sentences of one document into facts, carrying the period context along."""

    def __init__(self, lexicon: Lexicon, text: str, area: str = "", periods: list[PeriodMention] = ()):
        self.lex, self.text, self.area, self.periods = lexicon, text, area, list(periods)

    def _full_start(self, pos: int) -> int:
        """Where the sentence holding `pos` starts, counting ;-separated parts as one sentence."""
        return max(self.text.rfind(ch, 0, pos) for ch in "。!?!?\n") + 1

    def _period(self, pos: int, target: bool) -> tuple[str, bool]:
        """The period of a number at `pos`, and whether it was named in the number's own sentence."""
        before = [p for p in self.periods if p.end <= pos]
        here = [p for p in before if p.start >= self._full_start(pos)]
        if here:
            return here[-1].notation, True
        return ("", False) if target or not before else (before[-1].notation, False)

    # -- helpers ----------------------------------------------------------------------------------
    def _nearest(self, mentions: list[Mention], pos: int, *classes: str, before: bool = True) -> tuple[str, Mention] | None:
        best = None
        for m in mentions:
            eid = self.lex.pick(m, *classes)
            if eid is None or (before and m.end > pos) or (not before and m.start < pos):
                continue
            distance = pos - m.end if before else m.start - pos
            if best is None or distance < best[0]:
                best = (distance, eid, m)
        return (best[1], best[2]) if best else None

    def _growth_variant(self, mention: Mention, eid: str, number_start: int) -> str:
        between = self.text[mention.end:number_start]
        if not between.strip().startswith("增长"):
            return eid
        for suffix in GROWTH:
            ids = self.lex.labels.get(mention.text.lower() + suffix) or self.lex.labels.get(mention.text + suffix)
            for other in sorted(ids or ()):
                if self.lex.entities[other].is_a("Indicator"):
                    return other
        return eid

    # -- numbers ----------------------------------------------------------------------------------
    def numbers(self, s: Sentence, consumed: set[int]) -> list[Fact]:
        facts, previous_end = [], s.segment.start
        for q in s.quantities:
            if q.start in consumed:
                previous_end = q.end
                continue
            target = bool(TARGET_CUE.search(self.text[self._full_start(q.start):q.start]))
            facts.extend(self._number(s, q, previous_end, target))
            previous_end = q.end
        return facts

    def _number(self, s: Sentence, q: Quantity, previous_end: int, target: bool) -> list[Fact]:
        inside = [m for m in s.mentions if m.start <= q.start and q.end <= m.end]
        if inside:  # 10分钟老人助餐服务圈, 数字自贸区三年行动计划: an amount that is part of a name
            m = max(inside, key=lambda m: m.end - m.start)
            eid = m.entities[0]
            if q.unit == "unit:MIN" and not q.max_value:
                return [Fact("statement", {"subject": eid, "property": "bj:accessTimeMinutes", "value": q.value,
                                           "datatype": "xsd:integer"}, m.start, m.end, 0.7, f"minutes in the name {m.text}")]
            prop = {"unit:YR": "bj:timeHorizon", "unit:M2": "schema:floorSize"}.get(q.unit)
            if prop:
                return [self._quantity(eid, prop, q, m.start, m.end, 0.6, f"amount in the name {m.text}")]
            return []
        period, period_here = self._period(q.start, target)
        indicators = [m for m in s.top() if previous_end <= m.start and m.end <= q.start and self.lex.pick(m, "Indicator")]
        if indicators:
            chosen = indicators if "均" in self.text[indicators[-1].end:q.start] else indicators[-1:]
            area = self._nearest(s.top(), q.start, "Region")
            area_id = area[0] if area else self.area
            facts = []
            for m in chosen:
                ind = self._growth_variant(m, self.lex.pick(m, "Indicator"), q.start)
                cells = {"kind": "target" if target else "actual", "area": area_id, "indicator": ind,
                         "period": period, "value": q.value, "unit": q.unit, "multiplier": q.multiplier,
                         "comparator": q.comparator}
                rank = RANK.match(self.text, q.end, min(s.segment.end, q.end + 12)) or \
                    RANK.search(self.text[q.end:min(s.segment.end, q.end + 12)])
                hi = q.end
                if rank and _rank(rank["rank"]):
                    scope = next((self.lex.pick(x, "Region") for x in s.mentions
                                  if q.end <= x.start and self.text[x.start:x.end] in rank["scope"] + rank.group()), None)
                    if scope:
                        cells.update(rank=str(_rank(rank["rank"])), rank_scope=scope)
                        hi = self.text.find(rank.group(), q.end) + len(rank.group())
                confidence = 0.9 if area and (period_here or target) else 0.7 if period_here or target else 0.5
                note = f"indicator {m.text!r} before the number" + ("" if area else "; area: the document's") + (
                    "" if period_here or target else "; period: the last one named before")
                facts.append(Fact("observation", cells, m.start, hi, confidence, note,
                                  [(m.start, m.end), (q.start, q.end)]))
            return facts
        subject = self._nearest(s.top(), q.end, "Site", "Place", "Building", "IndustrialPark", before=False) \
            if q.unit == "unit:M2" else None
        if q.unit in ("unit:M2", "unit:YR"):
            subject = subject or self._nearest(s.top(), q.start, "Thing", "Site", "Organization", "Company", "Plan", "Place")
            prop = "schema:floorSize" if q.unit == "unit:M2" else (
                "bj:capacityHorizon" if "产能" in self.text[q.end:q.end + 8] else "bj:timeHorizon")
            eid, m = subject if subject else ("", None)
            lo, hi = (min(q.start, m.start), max(q.end, m.end)) if m else (q.start, q.end)
            return [self._quantity(eid, prop, q, lo, hi, 0.6 if m else 0.3,
                                   f"{prop} of the nearest named thing" if m else "no subject found: fill subject")]
        # a number without an indicator: propose the observation for the curator to complete
        area = self._nearest(s.top(), q.start, "Region")
        cells = {"kind": "target" if target else "actual", "area": area[0] if area else self.area, "indicator": "",
                 "period": period, "value": q.value, "unit": q.unit,
                 "multiplier": q.multiplier, "comparator": q.comparator}
        return [Fact("observation", cells, q.start, q.end, 0.2, "no known indicator before the number: fill indicator")]

    def _quantity(self, subject, prop, q: Quantity, lo, hi, confidence, note) -> Fact:
        return Fact("quantity", {"subject": subject, "property": prop, "value": q.value, "max_value": q.max_value,
                                 "unit": q.unit, "multiplier": q.multiplier, "comparator": q.comparator},
                    lo, hi, confidence, note)

    # -- relations --------------------------------------------------------------------------------
    def relations(self, s: Sentence) -> tuple[list[Fact], set[int]]:
        """Pattern-based statements of a sentence, and the start of every number a pattern used up."""
        facts, consumed, text, top = [], set(), self.text, s.top()
        seg = s.segment
        event = next(((self.lex.pick(m, "Event"), m) for m in top if self.lex.pick(m, "Event")), None)
        # 来自X的A、B、C...N家企业
        for m in re.finditer(r"来自(?P<x>[^,,。;]{1,20}?)的(?P<list>[^,,。;]{2,200}?)(?P<n>\d+|[一二三四五六七八九十]+)家", text[seg.start:seg.end]):
            base = seg.start
            x_lo, x_hi = base + m.start("x"), base + m.end("x")
            l_lo, l_hi = base + m.start("list"), base + m.end("list")
            place = next((self.lex.pick(k, "Region") for k in top if x_lo <= k.start and k.end <= x_hi and self.lex.pick(k, "Region")), None)
            members = [k for k in top if l_lo <= k.start and k.end <= l_hi and self.lex.pick(k, "Organization", "Company")]
            consumed.update(q.start for q in s.quantities if q.start == base + m.start("n"))
            for k in members:
                member = self.lex.pick(k, "Company", "Organization")
                if event:
                    facts.append(Fact("statement", {"subject": event[0], "property": "schema:participant", "object": member},
                                      min(event[1].start, base + m.start()), base + m.end(), 0.8, "来自X的A、B…N家: participant"))
                if place:
                    facts.append(Fact("statement", {"subject": member, "property": "schema:location", "object": place},
                                      base + m.start(), base + m.end(), 0.8, "来自X的A、B…N家: located in X"))
        # 组织N家...赴X开展E
        for m in re.finditer(r"组织(?P<n>\d+)家", text[seg.start:seg.end]):
            pos = seg.start + m.start()
            consumed.update(q.start for q in s.quantities if q.start == seg.start + m.start("n"))
            if event:
                lo, hi = min(pos, event[1].start), max(seg.start + m.end(), event[1].end)
                facts.append(Fact("statement", {"subject": event[0], "property": "bj:participantCount", "value": m["n"],
                                                "datatype": "xsd:integer"}, lo, hi, 0.7, "组织N家…E: participant count"))
                organizer = self._nearest(top, pos, "GovernmentBody")
                if organizer and pos - organizer[1].end <= 2:
                    facts.append(Fact("statement", {"subject": event[0], "property": "schema:organizer", "object": organizer[0]},
                                      min(organizer[1].start, lo), hi, 0.7, "X组织…E: organizer"))
        for m in re.finditer(r"赴(?P<x>[^,,。;开]{1,10})开展", text[seg.start:seg.end]):
            x_lo, x_hi = seg.start + m.start("x"), seg.start + m.end("x")
            place = next((k for k in top if x_lo <= k.start and k.end <= x_hi and self.lex.pick(k, "Region")), None)
            if place and event and event[1].start >= seg.start + m.end():
                facts.append(Fact("statement", {"subject": event[0], "property": "schema:location",
                                                "object": self.lex.pick(place, "Region")},
                                  seg.start + m.start(), event[1].end + 1, 0.8, "赴X开展E: location"))
        # dates of the event
        for d in s.dates:
            if event:
                lo, hi = min(d.start, event[1].start), max(d.end, event[1].end)
                for prop, value in (("schema:startDate", d.start_date), ("schema:endDate", d.end_date)):
                    facts.append(Fact("statement", {"subject": event[0], "property": prop, "value": value,
                                                    "datatype": "xsd:date"}, d.start, d.end, 0.7,
                                      "date range of the event in the same sentence", [(lo, hi)]))
        # 在X协调出...Y
        for m in re.finditer(r"在(?P<x>[^,,。;]{2,20}?)协调出", text[seg.start:seg.end]):
            x_lo, x_hi = seg.start + m.start("x"), seg.start + m.end("x")
            place = next((k for k in top if x_lo <= k.start and k.end <= x_hi), None)
            thing = next((k for k in top if k.start >= seg.start + m.end()), None)
            if place and thing:
                facts.append(Fact("statement", {"subject": thing.entities[0], "property": "schema:containedInPlace",
                                                "object": place.entities[0]}, seg.start + m.start(), thing.end, 0.7,
                                  "在X协调出…Y: Y contained in X"))
        # status verbs and 发布《P》
        for m in _VERBS.finditer(text, seg.start, seg.end):
            after = text[m.end():m.end() + 1]
            offset = 1 if after == "《" else 0
            thing = next((k for k in top if k.start == m.end() + offset or k.start == m.end()), None)
            if thing is None:
                continue
            eid = thing.entities[0]
            facts.append(Fact("statement", {"subject": eid, "property": "bj:status", "object": _STATUS[m.group()]},
                              m.start(), thing.end + offset, 0.6, f"status verb {m.group()}"))
            if m.group().startswith("发布"):
                issuer = self._nearest(top, m.start(), "GovernmentBody")
                if issuer:
                    prop = "schema:legislationPassedBy" if self.lex.entities[eid].is_a("Policy") else "bj:issuedBy"
                    facts.append(Fact("statement", {"subject": eid, "property": prop, "object": issuer[0]},
                                      issuer[1].start, thing.end + offset, 0.6, "X发布P: issued by X"))
        return facts, consumed
