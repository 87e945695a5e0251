"""Search keys of the explorer's entities: their labels, and the pinyin of Chinese ones.

Pinyin is computed here, at build time, so the page needs no dictionary: typing "yushu" or "yskj" finds
宇树科技. The page matches and ranks the keys (``assets/js/search.mjs``).
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["pinyin_keys", "search_keys"]

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_KEY = re.compile(r"[^0-9a-z]+")
_PLAIN = "\x00"  # marks a chunk pypinyin passed through unchanged (not Chinese)


def pinyin_keys(text: str) -> list[str]:
    """The pinyin of `text` as full syllables and as initials; empty when it has no Chinese character.

    Non-Chinese runs are kept whole in both.

    >>> pinyin_keys("宇树科技"), pinyin_keys("GDP 2024年"), pinyin_keys("Unitree")
    (['yushukeji', 'yskj'], ['gdp2024nian', 'gdp2024n'], [])
    """
    if not _HAN.search(text):
        return []
    from pypinyin import lazy_pinyin  # imported lazily: it loads a large dictionary

    syllables = lazy_pinyin(text, errors=lambda chunk: [_PLAIN + chunk])
    full = "".join(s.lstrip(_PLAIN) for s in syllables)
    initials = "".join(s[1:] if s.startswith(_PLAIN) else s[:1] for s in syllables)
    return [k for k in dict.fromkeys(_NOT_KEY.sub("", x.lower()) for x in (full, initials)) if k]


def search_keys(labels: Iterable[str | None]) -> list[str]:
    """The lower-case strings the page's search matches against: labels, then their pinyin, each once.

    >>> search_keys(["Unitree Robotics", " ", None, "unitree robotics"])
    ['unitree robotics']
    """
    labels = [text.strip() for text in labels if text and text.strip()]
    keys = [label.lower() for label in labels]
    for label in labels:
        keys.extend(pinyin_keys(label))
    return list(dict.fromkeys(keys))
