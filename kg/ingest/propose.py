"""From one registered document to proposed facts: every proposal with its quote and raw offsets.

>>> from pathlib import Path
>>> from kg.build.sources import Document
>>> from kg.ingest.mentions import Entity, Lexicon
>>> lex = Lexicon([Entity("binjiang", "高新区(滨江)", "", frozenset({"Region"}), ("滨江",)),
...                Entity("ind-gdp", "地区生产总值", "", frozenset({"Indicator"}), ("GDP",))])
>>> doc = Document("doc-x", Path("x.txt"), "标题\\n\\n回望2024年,滨江全年GDP突破2800亿元。")
>>> [(p.kind, p.cells.get("indicator"), p.cells.get("period"), p.cells.get("value"), p.quote, p.start, p.end)
...  for p in propose(doc, lex) if p.kind == "observation"]
[('observation', 'ind-gdp', '2024', '2800', '滨江全年GDP突破2800亿元。', 12, 28)]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.build.sources import Document
from kg.ingest.candidates import find_candidates
from kg.ingest.dates import document_year, find_dates, find_periods
from kg.ingest.linking import Fact, Linker, Sentence
from kg.ingest.mentions import Lexicon
from kg.ingest.quantities import find_quantities
from kg.text import FlatText, Segment, normalise


@dataclass
class Proposal:
    """One row of the review table: a fact in the curated tables' columns, with its evidence."""

    kind: str
    cells: dict[str, str]
    quote: str
    doc: str
    start: int
    end: int
    confidence: float
    note: str


def slug(label: str, taken: set[str]) -> str:
    """An id for a new entity: the pinyin of its label (or its ASCII words), unique among `taken`.

    >>> slug("云深科技", set()), slug("Deep Robotics", {"deep-robotics"})
    ('yun-shen-ke-ji', 'deep-robotics-2')
    """
    from pypinyin import lazy_pinyin

    words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(label)).lower())
    base = "-".join(words)[:48].strip("-") or "entity"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


class _Quoter:
    """The shortest clause range (growing to the sentence, then to earlier sentences) that is unique."""

    def __init__(self, document: Document, flat: FlatText, sentences: list[Segment]):
        self.document, self.flat, self.sentences = document, flat, sentences
        self.clauses = {s.start: flat.clauses(s) for s in sentences}

    def quote(self, lo: int, hi: int) -> tuple[str, int, int] | None:
        index = next((i for i, s in enumerate(self.sentences) if s.start <= lo < s.end), None)
        if index is None:
            return None
        sentence = self.sentences[index]
        clauses = self.clauses[sentence.start]
        first = next((c for c in clauses if c.start <= lo < c.end), clauses[0])
        last = next((c for c in clauses if c.start < hi <= c.end), sentence)
        ranges = [(first.start, max(last.end, hi))]
        for c in reversed([c for c in clauses if c.start < first.start]):
            ranges.append((c.start, ranges[-1][1]))
        ranges.append((sentence.start, max(sentence.end, hi)))
        for earlier in reversed(self.sentences[max(0, index - 3):index]):
            ranges.append((earlier.start, ranges[-1][1]))
        for a, b in ranges:
            start, end = self.flat.raw_span(a, min(b, len(self.flat.text)))
            text = normalise(self.document.text[start:end]).rstrip(",,、")
            hits = self.document.find_all(text)
            if len(hits) == 1:
                return text, hits[0].start, hits[0].end
        return None


def _ids(proposals: list[Proposal], doc_id: str) -> None:
    """Readable ids for observations and quantities: the same fact stated twice keeps one id."""
    seen: dict[tuple, str] = {}
    used: set[str] = set()
    short = doc_id.removeprefix("doc-")
    for p in proposals:
        if p.kind not in ("observation", "quantity"):
            continue
        c = {k: "" for k in ("kind", "indicator", "period", "value", "unit", "subject", "property")} | p.cells
        key = (p.kind, *sorted(c.items()))
        if key in seen:
            p.cells["id"] = seen[key]
            continue
        if p.kind == "observation":
            stem = c["indicator"].removeprefix("ind-") or f"{c['value']}-{c['unit'].split(':')[-1].lower()}"
            base = f"{'obs' if c['kind'] == 'actual' else 'target'}-{(c['period'] or 'x').lower()}-{stem}-{short}"
        else:
            base = f"qty-{c['subject'] or 'x'}-{c['property'].split(':')[-1].lower()}-{short}"
        base = re.sub(r"[^a-z0-9-]+", "-", base.lower()).strip("-")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        p.cells["id"] = seen[key] = candidate


def most_mentioned_region(lexicon: Lexicon, mentions) -> str:
    counts = Counter(lexicon.pick(m, "Region") for m in mentions if lexicon.pick(m, "Region"))
    return counts.most_common(1)[0][0] if counts else ""


def propose(document: Document, lexicon: Lexicon, *, date: str | None = None, area: str = "",
            taken_ids: set[str] | None = None) -> list[Proposal]:
    """Every proposed fact of `document`: known entities named, new entity candidates, numbers, relations."""
    flat = document.flat
    text = flat.text
    year = document_year(text, date or document.meta.get("date"))
    mentions = lexicon.scan(text)
    periods, dates, quantities = find_periods(text, year), find_dates(text, year), find_quantities(text)
    sentences = flat.sentences()
    quoter = _Quoter(document, flat, sentences)
    linker = Linker(lexicon, text, area or document.meta.get("area") or most_mentioned_region(lexicon, mentions), periods)
    facts: list[Fact] = []

    def within(items, seg):
        return [x for x in items if seg.start <= x.start and x.end <= seg.end]

    for seg in sentences:
        date_spans = [(d.start, d.end) for d in within(dates, seg)]
        s = Sentence(seg, within(mentions, seg),
                     [q for q in within(quantities, seg) if not any(a <= q.start < b for a, b in date_spans)],
                     within(periods, seg), within(dates, seg))
        relations, consumed = linker.relations(s)
        facts.extend(relations)
        facts.extend(linker.numbers(s, consumed))
    first_mention: dict[str, object] = {}
    for m in sorted(mentions, key=lambda m: (m.nested, m.start)):  # a name on its own before one inside another
        for eid in m.entities:
            first_mention.setdefault(eid, m)
    for eid, m in first_mention.items():
        e = lexicon.entities[eid]
        confidence = 1.0 if len(m.entities) == 1 else round(1 / len(m.entities), 2)
        facts.append(Fact("entity", {"id": eid, "label_zh": e.label_zh, "label_en": e.label_en}, m.start, m.end,
                          confidence, f"known entity named {m.text!r}: accepting adds this quote as its evidence"))
    taken = set(taken_ids or ()) | set(lexicon.entities)
    for c in find_candidates(text, mentions):
        facts.append(Fact("entity", {"id": slug(c.label, taken), "class": c.cls, "label_zh": c.label},
                          c.start, c.end, c.confidence, f"new entity candidate ({c.pattern}): check the class"))
    proposals, seen = [], set()
    for f in facts:
        located = quoter.quote(f.lo, f.hi)
        if located is None:
            continue
        quote, start, end = located
        cells = {k: v for k, v in f.cells.items() if v != ""}
        key = (f.kind, tuple(sorted(cells.items())), quote)
        if key in seen:
            continue
        seen.add(key)
        proposals.append(Proposal(f.kind, cells, quote, document.id, start, end, f.confidence, f.note))
    _ids(proposals, document.id)
    order = {"entity": 0, "statement": 1, "observation": 2, "quantity": 3}
    proposals.sort(key=lambda p: (order[p.kind], p.start, p.end))
    return proposals
