"""Evidence passages of a projection, and source texts cut into highlighted segments.

Cutting happens here, not in the browser, so the page only assembles text nodes, and offsets stay in Python
code points (JavaScript's UTF-16 strings would count characters outside the BMP differently).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from kg.labels import as_text

__all__ = ["evidence_spans", "segment_text"]


def evidence_spans(attrs: Mapping[str, Any]) -> list[tuple[str, int, int, str]]:
    """The well-formed evidence spans of a node or edge (its ``evidence`` attribute) as (doc, start, end, quote).

    >>> evidence_spans({"evidence": [{"doc": "d", "start": 3, "end": 7, "quote": " 宇树 "},
    ...                               {"doc": "d", "start": 5, "end": 5}, "not a span"]})
    [('d', 3, 7, '宇树')]
    """
    spans = []
    for evidence in attrs.get("evidence") or []:
        if not isinstance(evidence, Mapping):
            continue
        try:
            start, end = int(evidence.get("start")), int(evidence.get("end"))
        except (TypeError, ValueError):
            continue
        if 0 <= start < end:
            spans.append((as_text(evidence.get("doc")), start, end, as_text(evidence.get("quote"))))
    return spans


def segment_text(text: str, spans: list[tuple[int, int, int]]) -> list[list[Any]]:
    """`text` cut at every boundary of `spans` (start, end, id): ``[[piece, [ids of spans over it]], ...]``.

    Overlapping and nested spans become consecutive segments, each listing every span that covers
    it, so the page can draw them as plain ``<mark>`` runs without nesting markup.

    >>> segment_text("abcdefgh", [(1, 4, 0), (2, 6, 1), (2, 3, 2)])
    [['a', []], ['b', [0]], ['c', [0, 1, 2]], ['d', [0, 1]], ['ef', [1]], ['gh', []]]
    """
    cuts = sorted({0, len(text)} | {min(max(p, 0), len(text)) for s, e, _ in spans for p in (s, e)})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for start, end, ident in spans:
        starts[start].append((end, ident))
    active: list[tuple[int, int]] = []
    segments: list[list[Any]] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [x for x in active if x[0] > a] + starts.get(a, [])
        segments.append([text[a:b], sorted(ident for _, ident in active)])
    return segments
