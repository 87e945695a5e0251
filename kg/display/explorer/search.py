"""Search keys of the explorer's entities: their labels, and the pinyin of Chinese ones.

Pinyin is computed here, at build time, by `kg.labels.pinyin_keys` (the keys `kg lookup` matches too), so the
page needs no dictionary: typing "yushu" or "yskj" finds 宇树科技. The page matches and ranks the keys
(``assets/js/search.mjs``).
"""
from __future__ import annotations

from typing import Iterable

from kg.labels import pinyin_keys

__all__ = ["search_keys"]


def search_keys(labels: Iterable[str | None]) -> list[str]:
    """The lower-case strings the page's search matches against: labels, then their pinyin, each once.

    >>> search_keys(["Unitree Robotics", " ", None, "unitree robotics"])
    ['unitree robotics']
    >>> search_keys(["宇树科技"])
    ['宇树科技', 'yushukeji', 'yskj']
    """
    labels = [text.strip() for text in labels if text and text.strip()]
    keys = [label.lower() for label in labels]
    for label in labels:
        keys.extend(pinyin_keys(label))
    return list(dict.fromkeys(keys))
