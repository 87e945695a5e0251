"""Propose entities the graph does not know yet, from the shape of their names.

Patterns: a title in 《...》 (a policy, plan or report); a company name (...科技, ...能源, ...汽车, ...);
a place or platform (...谷, ...园, ...平台, ...中心, ...); and in English a capitalised name ending in
Technology, Energy, Motors, Park, Valley, Center, Platform. A candidate that is, or lies inside, a known
mention is dropped; the class is a guess from the suffix, for the curator to confirm.

>>> [(c.label, c.cls) for c in find_candidates("会上发布了《数据条例》,来自滨江的云深科技在云栖小镇", [])]
[('数据条例', 'bj:Policy'), ('云深科技', 'bj:Company'), ('云栖小镇', 'bj:IndustrialPark')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.mentions import Mention

_TITLE = re.compile(r"《(?P<name>[^《》\n]{2,60})》")
# A name is 2-6 characters that are not function words, punctuation or digits, before a telling suffix.
_STOP = "的了在和与及等是由从对向为把被将以于赴到、,,。;;::!?!?“”\"'()()《》 \n\t0-9A-Za-z■·"
_NAME = rf"(?P<name>[^{_STOP}]{{2,6}}?)"
_COMPANY = re.compile(rf"{_NAME}(?P<suffix>科技|能源|汽车|电子|医药|生物|集团|股份|公司)(?![成创园人型企金服资部计谷城平])")
_PLACE = re.compile(rf"{_NAME}(?P<suffix>产业园|科学城|小镇|谷|园|平台|中心|基地|大厦|港|街)(?!区)")
_EN = re.compile(r"\b(?P<name>(?:[A-Z][\w&-]*\s+){1,4}(?P<suffix>Technology|Technologies|Energy|Motors|Robotics|Park|Valley|Center|Centre|Platform|Group))\b")
_CLASSES = {"科技": "bj:Company", "能源": "bj:Company", "汽车": "bj:Company", "智能": "bj:Company",
            "电子": "bj:Company", "网络": "bj:Company", "医药": "bj:Company", "生物": "bj:Company",
            "集团": "bj:Company", "股份": "bj:Company", "公司": "bj:Company",
            "产业园": "bj:IndustrialPark", "小镇": "bj:IndustrialPark", "园": "bj:IndustrialPark", "街": "bj:IndustrialPark",
            "科学城": "bj:InnovationPlatform", "谷": "bj:InnovationPlatform", "平台": "bj:InnovationPlatform",
            "中心": "bj:PublicFacility", "基地": "bj:Site", "大厦": "bj:Building", "港": "bj:InnovationPlatform",
            "Technology": "bj:Company", "Technologies": "bj:Company", "Energy": "bj:Company", "Motors": "bj:Company",
            "Robotics": "bj:Company", "Group": "bj:Company", "Park": "bj:IndustrialPark", "Valley": "bj:InnovationPlatform",
            "Center": "bj:PublicFacility", "Centre": "bj:PublicFacility", "Platform": "bj:InnovationPlatform"}
# Words that end like a name but are not one (高科技, 新能源, 产业平台 ...): their first character gives them away.
_NOT_A_NAME_START = set("高新大全各该本其这那每多一上下中既")
_VERB_STARTS = ("推动", "发展", "打通", "设立", "建设", "打造", "支持", "加快", "提升", "推进", "构建", "培育", "颠覆",
                "引导", "促进", "实现", "开展", "深化", "完善")


@dataclass(frozen=True)
class Candidate:
    """A proposed new entity: `label` at flat offsets `start`..`end`, a guessed class, a confidence."""

    start: int
    end: int
    label: str
    cls: str
    confidence: float
    pattern: str


def _title_class(name: str) -> str:
    if name.endswith(("计划", "规划", "方案")):
        return "bj:Plan"
    if name.endswith(("白皮书", "报告", "蓝皮书")):
        return "bj:Report"
    return "bj:Policy"


def find_candidates(text: str, mentions: list[Mention]) -> list[Candidate]:
    """New-entity candidates in `text` (flat offsets), leaving out what `mentions` already cover."""
    found: list[Candidate] = []
    for m in _TITLE.finditer(text):
        found.append(Candidate(m.start("name"), m.end("name"), m["name"], _title_class(m["name"]), 0.8, "《...》"))
    for pattern, confidence in ((_COMPANY, 0.6), (_PLACE, 0.4)):
        for m in pattern.finditer(text):
            name = m["name"]
            # the shortest prefix was tried first; widen it to the last function word before the suffix
            start = m.start("name")
            while start > 0 and start > m.end("name") - 6 and text[start - 1] not in _STOP:
                start -= 1
            label = text[start:m.end("suffix")]
            if label[0] in _NOT_A_NAME_START or label.startswith(_VERB_STARTS) or len(label) < len(m["suffix"]) + 2 or not name:
                continue
            found.append(Candidate(start, m.end("suffix"), label, _CLASSES[m["suffix"]], confidence,
                                   f"...{m['suffix']}"))
    for m in _EN.finditer(text):
        found.append(Candidate(m.start("name"), m.end("name"), m["name"], _CLASSES[m["suffix"]], 0.5, f"...{m['suffix']}"))
    covered = [(m.start, m.end) for m in mentions]
    out, seen = [], set()
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        overlaps_known = any(s < c.end and c.start < e for s, e in covered)
        inside_other = any(o.start <= c.start and c.end <= o.end and o is not c for o in out)
        if overlaps_known or inside_other or c.label in seen:
            continue
        seen.add(c.label)
        out.append(c)
    return out
