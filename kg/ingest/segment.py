"""Split a source text into paragraphs, sentences and clauses, keeping raw character offsets.

The text is read as `kg.build.sources` reads quotes: a layout line break inside a sentence is not part of it.
A line break counts as a layout break when the line before it is long (a column of print cut mid-sentence)
and does not end a sentence; otherwise it ends a paragraph (a heading, a caption, a ``■`` bullet).

>>> t = FlatText("标题\\n\\n全年GDP突破2800亿元,R&D强度达9.1%。一季度增长7.0%")
>>> [s.text for s in t.sentences()]
['标题', '全年GDP突破2800亿元,R&D强度达9.1%。', '一季度增长7.0%']
>>> [c.text for c in t.clauses(t.sentences()[1])]
['全年GDP突破2800亿元,', 'R&D强度达9.1%。']
>>> t.text[3:8], t.raw_span(3, 8)   # the paragraph break is two raw characters, one flat one
('全年GDP', (4, 9))
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.build.sources import LAYOUT_BREAK

_TERMINAL = set("。!?!?;;”\"』」■:")
LONG_LINE = 40  # a line at least this long that stops mid-sentence was cut by the layout
_SENTENCE_END = re.compile(r"[。!?!?;;]+[”\"』」]?|\n|(?<=[A-Za-z\)\"”'])[.!?;](?=\s|$)")
_CLAUSE_END = re.compile(r"[,,::]|(?<=[A-Za-z\)\"”'])[,:](?=\s)")


@dataclass(frozen=True)
class Segment:
    """A stretch of the flat text: `start`/`end` index the flat text; `text` is what it holds."""

    start: int
    end: int
    text: str


class FlatText:
    """A source text with layout breaks removed and paragraph breaks kept as one ``\\n``.

    `offsets[i]` is the raw offset of flat character `i`, so every segment maps back to the raw file.
    """

    def __init__(self, raw: str):
        self.raw = raw
        chars, offsets, pos = [], [], 0
        for match in LAYOUT_BREAK.finditer(raw):
            chars.append(raw[pos:match.start()])
            offsets.extend(range(pos, match.start()))
            line = raw[raw.rfind("\n", 0, match.start()) + 1:match.start()].strip()
            layout = len(line) >= LONG_LINE and line[-1:] not in _TERMINAL and match.end() < len(raw)
            if not layout and chars and offsets:
                chars.append("\n")
                offsets.append(match.start())
            pos = match.end()
        chars.append(raw[pos:])
        offsets.extend(range(pos, len(raw)))
        self.text = "".join(chars)
        self.offsets = offsets

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets (end-exclusive) of flat characters `start` to `end`."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def sentences(self) -> list[Segment]:
        """Sentences (and headings, captions, bullets): ends at 。!?; or a paragraph break."""
        out, start = [], 0
        for match in _SENTENCE_END.finditer(self.text):
            end = match.end() if match.group() != "\n" else match.start()
            out.extend(self._trimmed(start, end))
            start = match.end()
        out.extend(self._trimmed(start, len(self.text)))
        return out

    def clauses(self, sentence: Segment) -> list[Segment]:
        """The comma- and colon-separated clauses of a sentence (the punctuation stays with its clause)."""
        out, start = [], sentence.start
        for match in _CLAUSE_END.finditer(self.text, sentence.start, sentence.end):
            out.extend(self._trimmed(start, match.end()))
            start = match.end()
        out.extend(self._trimmed(start, sentence.end))
        return out

    def _trimmed(self, start: int, end: int) -> list[Segment]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return [Segment(start, end, self.text[start:end])] if end > start else []
