"""Find mentions of known entities: a longest-match scan over every label of the knowledge graph.

Why a label scan and not jieba: the labels to find are exactly the graph's own (zh, en and alternative
labels, many with brackets, quotation marks or Latin letters such as ``高新区(滨江)``, ``“Bin-hub”暖企小站``,
``R&D``), and a scan over them finds each one wherever it occurs, with its character offsets, without a
segmenter's guess about word boundaries and without a dependency (jieba builds from source and loads a
dictionary of 350k words to then be overridden by ours). Nested matches are kept (``智能物联`` inside
``智能物联产业生态圈营收``), each flagged, so linking can use the longest and recall counts every name.

>>> lex = Lexicon([Entity("binjiang", "高新区(滨江)", "Binjiang", frozenset({"Region"}), ("滨江",)),
...                Entity("gdp", "地区生产总值", "GDP", frozenset({"Indicator"}), ("GDP",))])
>>> [(m.start, m.end, m.text, m.entities, m.nested) for m in lex.scan("滨江全年gdp增长")]
[(0, 2, '滨江', ('binjiang',), False), (4, 7, 'gdp', ('gdp',), False)]
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kg.labels import local_name
from kg.sparql import load as load_query

# Nodes that carry labels but are not things a text mentions by name.
NOT_ENTITIES = frozenset({"SourceDocument", "Photo", "Period", "TextSpan", "Assertion", "IndicatorValue",
                          "StatObservation", "Target", "QuantityValue", "Recognition"})
_LATIN = re.compile(r"[A-Za-z0-9]")
INDICATOR_STEM_SUFFIXES = ("数量",)  # 建成投用社区卫生服务站数量 is written 建成投用社区卫生服务站3家


@dataclass(frozen=True)
class Entity:
    """A known entity: id, labels and the local names of its classes and their superclasses."""

    id: str
    label_zh: str
    label_en: str
    classes: frozenset[str]
    alt_labels: tuple[str, ...] = ()

    def is_a(self, *names: str) -> bool:
        return bool(self.classes.intersection(names))


@dataclass(frozen=True)
class Mention:
    """`text` at flat offsets `start`..`end` names one of `entities` (several when a label is shared)."""

    start: int
    end: int
    text: str
    entities: tuple[str, ...]
    nested: bool = False


def _key(label: str) -> str:
    """Latin letters match without case; the key has the label's length."""
    return "".join(c.lower() if c.isascii() else c for c in label)


class Lexicon:
    """Every label of every known entity, ready to scan a text."""

    def __init__(self, entities: list[Entity]):
        self.entities = {e.id: e for e in entities}
        self.labels: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            names = {e.label_zh, e.label_en, *e.alt_labels}
            if e.is_a("Indicator"):
                names |= {n[:-len(s)] for n in list(names) for s in INDICATOR_STEM_SUFFIXES if n.endswith(s)}
            for name in names:
                name = (name or "").strip()
                if len(name) >= 2:
                    self.labels[_key(name)].add(e.id)
                    bare = name.replace("“", "").replace("”", "")  # “中国数谷”大厦 is also written 中国数谷大厦
                    if bare != name and len(bare) >= 2:
                        self.labels[_key(bare)].add(e.id)
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for key in self.labels:
            self._lengths[key[0]].append(len(key))
        for first in self._lengths:
            self._lengths[first] = sorted(set(self._lengths[first]), reverse=True)

    @classmethod
    def from_kg(cls, kg) -> "Lexicon":
        """The labels of a `KnowledgeGraph` (a built graph, or one holding only the ontology and labels)."""
        frame = kg.query(load_query("lexicon_labels"))
        labels: dict[str, dict] = {}
        for row in frame.itertuples(index=False):
            iri, label, klass = str(row.e), row.label, row.cls
            entry = labels.setdefault(iri, {"labels": set(), "classes": set()})
            entry["labels"].add(str(label))
            if isinstance(klass, str) and klass:
                entry["classes"].add(local_name(klass))
        pref = kg.query(load_query("lexicon_names"))
        names = {str(r.e): (str(r.zh), str(r.en) if isinstance(r.en, str) else "") for r in pref.itertuples(index=False)}
        entities = []
        for iri, entry in sorted(labels.items()):
            if entry["classes"] & NOT_ENTITIES or not entry["classes"]:
                continue
            zh, en = names.get(iri, ("", ""))
            entities.append(Entity(local_name(iri), zh, en, frozenset(entry["classes"]),
                                   tuple(sorted(entry["labels"] - {zh, en}))))
        return cls(entities)

    def scan(self, text: str) -> list[Mention]:
        """Every occurrence of every label, in text order; `nested` marks one inside a longer mention."""
        keyed, found = _key(text), []
        for i, ch in enumerate(keyed):
            for length in self._lengths.get(ch, ()):
                piece = keyed[i:i + length]
                if len(piece) == length and piece in self.labels and self._bounded(keyed, i, i + length):
                    found.append(Mention(i, i + length, text[i:i + length], tuple(sorted(self.labels[piece]))))
        found.sort(key=lambda m: (m.start, -m.end))
        out, reach = [], -1
        for m in found:  # sorted by start, longest first: a mention ending within the reach so far is nested
            out.append(Mention(m.start, m.end, m.text, m.entities, m.end <= reach))
            reach = max(reach, m.end)
        return out

    @staticmethod
    def _bounded(keyed: str, start: int, end: int) -> bool:
        """A Latin label must not start or end inside a Latin word (``GDP`` but not ``GDPR``)."""
        if _LATIN.match(keyed[start]) and start > 0 and _LATIN.match(keyed[start - 1]):
            return False
        if _LATIN.match(keyed[end - 1]) and end < len(keyed) and _LATIN.match(keyed[end]):
            return False
        return True

    def pick(self, mention: Mention, *classes: str) -> str | None:
        """The entity of `mention` of one of `classes` (first match), or None."""
        for eid in mention.entities:
            if self.entities[eid].is_a(*classes):
                return eid
        return None
