"""How the project writes names and amounts for people: local names, label fallbacks, clipped labels, values,
and the pinyin a name is found by.

One copy of each rule, shared by the projection's labels, the explorer, the analysis tables and charts, so a
value reads the same everywhere ("> 2800亿元", "> 2800 ×10⁸ CNY"), and by the explorer's search box and
`KnowledgeGraph.lookup`, so "yushu" finds 宇树科技 in both. Pure functions of strings and numbers; imports
nothing of ours.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["as_text", "local_name", "pick_label", "clip", "superscript", "amount_text", "pinyin_keys",
           "pinyin_query", "COMPARATOR_SIGNS", "MULTIPLIER_WORDS"]

# sdmx unit multipliers (powers of ten) with a word of their own: Chinese writes 万 and 亿, English ×10ⁿ.
MULTIPLIER_WORDS = {4: ("万", " ×10⁴"), 8: ("亿", " ×10⁸")}

# The notations of the comparator scheme (bjc:cmp-gt …) as signs before a number.
COMPARATOR_SIGNS = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ "}

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_KEY = re.compile(r"[^0-9a-z]+")
_PLAIN = "\x00"  # marks a chunk pypinyin passed through unchanged (not Chinese)


def as_text(value: Any) -> str:
    """`value` as a stripped string; None becomes "".

    >>> as_text(None), as_text(" 滨江 "), as_text(7)
    ('', '滨江', '7')
    """
    return "" if value is None else str(value).strip()


def local_name(iri: Any) -> str:
    """The last segment of an IRI (after ``#``, ``/`` or ``:``), or the IRI itself.

    >>> local_name("https://w3id.org/binjiang-kg/ont#Company"), local_name("urn:x:y"), local_name("https://ex.org/a/")
    ('Company', 'y', 'a')
    """
    whole = as_text(iri)
    tail = whole.rstrip("/#")
    for separator in ("#", "/", ":"):
        if separator in tail:
            tail = tail.rsplit(separator, 1)[1]
    return tail or whole


def pick_label(zh: Any, en: Any, lang: str, fallback: str) -> str:
    """The label in `lang` (``"zh"`` or ``"en"``), else the other language's, else `fallback`.

    >>> pick_label("宇树科技", "Unitree Robotics", "en", "unitree"), pick_label(None, " ", "zh", "unitree")
    ('Unitree Robotics', 'unitree')
    """
    first, second = (zh, en) if lang == "zh" else (en, zh)
    return as_text(first) or as_text(second) or fallback


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with "…" when cut (labels of charts).

    >>> clip("杭州高新区（滨江）", 5), clip("滨江", 5)
    ('杭州高新区…', '滨江')
    """
    return text if len(text) <= limit else text[:limit] + "…"


def superscript(number: int) -> str:
    """`number` in superscript digits.

    >>> superscript(-3)
    '⁻³'
    """
    return str(number).translate(_SUPERSCRIPT)


def amount_text(value: Any, maximum: Any = None, *, multiplier: int | None = None, comparator: str | None = None,
                unit: str | None = "", lang: str = "zh", spaced_percent: bool = True) -> str:
    """A value as people read it: comparator, number or range, multiplier and unit; ``""`` without a value.

    `value` (and `maximum`, the top of a range) is a lexical form, kept as written (``"7.0"``), or a number.
    `multiplier` is the sdmx power of ten: 4 and 8 are 万 and 亿 in Chinese, ×10⁴ and ×10⁸ in English, others
    ×10ⁿ in both. `comparator` is a notation of the comparator scheme (gt, ge, lt, le, approx). English puts a
    space before the unit; ``spaced_percent=False`` leaves it out before "%", as articles print it.

    >>> amount_text("2800", multiplier=8, comparator="gt", unit="元")
    '> 2800亿元'
    >>> amount_text(2800.0, multiplier=8, comparator="gt", unit="CNY", lang="en")
    '> 2800 ×10⁸ CNY'
    >>> amount_text("3", "5", unit="years", lang="en"), amount_text("1.5", multiplier=12, unit="kWh", lang="en")
    ('3–5 years', '1.5 ×10¹² kWh')
    >>> amount_text("7.0", unit="%", lang="en"), amount_text("7.0", unit="%", lang="en", spaced_percent=False)
    ('7.0 %', '7.0%')
    """
    if value is None or value == "":
        return ""
    number = value.strip() if isinstance(value, str) else f"{float(value):g}"
    if as_text(maximum):
        number += "–" + as_text(maximum)
    number = COMPARATOR_SIGNS.get(as_text(comparator), "") + number
    if not multiplier:
        scale = ""
    elif multiplier in MULTIPLIER_WORDS:
        scale = MULTIPLIER_WORDS[multiplier][0 if lang == "zh" else 1]
    else:
        scale = " ×10" + superscript(multiplier)
    unit = as_text(unit)
    gap = " " if lang != "zh" and unit and (spaced_percent or unit != "%") else ""
    return f"{number}{scale}{gap}{unit}"


def pinyin_keys(text: str) -> list[str]:
    """The pinyin of `text` as full syllables and as initials; empty when it has no Chinese character.

    Non-Chinese runs are kept whole in both; keys are lower case, letters and digits only.

    >>> pinyin_keys("宇树科技"), pinyin_keys("GDP 2024年"), pinyin_keys("Unitree")
    (['yushukeji', 'yskj'], ['gdp2024nian', 'gdp2024n'], [])
    """
    return list(_pinyin_keys(text)) if _HAN.search(text) else []


@lru_cache(maxsize=1 << 16)  # a lookup reads every label's keys: compute each label's once
def _pinyin_keys(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # imported lazily: it loads a large dictionary

    syllables = lazy_pinyin(text, errors=lambda chunk: [_PLAIN + chunk])
    full = "".join(s.lstrip(_PLAIN) for s in syllables)
    initials = "".join(s[1:] if s.startswith(_PLAIN) else s[:1] for s in syllables)
    return tuple(k for k in dict.fromkeys(_NOT_KEY.sub("", x.lower()) for x in (full, initials)) if k)


def pinyin_query(text: str) -> str:
    """`text` spelt as `pinyin_keys` spells keys, or ``""`` when it cannot be pinyin (non-ASCII, or no letter).

    >>> pinyin_query(" Yu Shu "), pinyin_query("yskj"), pinyin_query("宇树"), pinyin_query("2024")
    ('yushu', 'yskj', '', '')
    """
    if not text.isascii() or not re.search(r"[a-zA-Z]", text):
        return ""
    return _NOT_KEY.sub("", text.lower())
