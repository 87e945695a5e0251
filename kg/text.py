"""Flat text: a source text without its layout line breaks, cut into paragraphs, sentences and clauses.

Print layout cuts some sentences with a line break, often with a blank line: ``...工艺\\n\\n技术研究平台。``.
Such a break is not part of the text. A line break is a *layout* break when the line before it is prose
(it holds ``,`` ``。`` ``,`` ``;`` or ``;``) that stops before its sentence ends; any other line break ends a
paragraph (a heading, a caption, a ``■`` bullet, the last line of a paragraph).

`FlatText` drops the layout breaks (with the blanks around them) and keeps each paragraph break as one
``\\n``. Every flat character remembers its raw offset (0-based code points), so every paragraph, sentence,
clause and located quote maps back to the raw file. A sentence ends at ``。!?!?;;`` (with the closing
quotes or brackets after it), at ``.!?;`` after a Latin word, or at its paragraph's end; a clause ends at
``,,::`` (or ``,:`` after a Latin word). End marks stay with what they end.

>>> t = FlatText("标题\\n\\n全年GDP突破2800亿元,R&D强度达9.1%。一季度增长7.0%,还在\\n\\n继续")
>>> [s.text for s in t.sentences()]
['标题', '全年GDP突破2800亿元,R&D强度达9.1%。', '一季度增长7.0%,还在继续']
>>> [c.text for c in t.clauses(t.sentences()[1])]
['全年GDP突破2800亿元,', 'R&D强度达9.1%。']
>>> t.text[3:8], t.raw_span(3, 8)   # the paragraph break is two raw characters, one flat one
('全年GDP', (4, 9))
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

#: A line break with the blank lines and the blanks (ASCII or ideographic) around it.
LINE_BREAK = re.compile(r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)+")
#: Closing quotes and brackets that stay with the end mark before them.
CLOSERS = "”’」』)》)\"'"
_FULL_WIDTH_ENDS = "。!?!?;;"
_LATIN = r"(?<=[A-Za-z\)\"”'])"
_SENTENCE_END = re.compile(rf"[{_FULL_WIDTH_ENDS}]+[{CLOSERS}]*|\n|{_LATIN}[.!?;](?=\s|$)")
_CLAUSE_END = re.compile(rf"[,,::]|{_LATIN}[,:](?=\s)")
_PROSE = re.compile(r"[,。,;;]")


def normalise(quote: str) -> str:
    """A quote as displayed: line breaks and the blanks around them removed, ends stripped.

    >>> normalise(" 工艺\\n\\n技术 平台 ")
    '工艺技术 平台'
    """
    return LINE_BREAK.sub("", quote).strip()


def is_layout_break(line: str) -> bool:
    """Whether the break after `line` is layout: the line is prose that stops before its sentence ends.

    >>> is_layout_break("施工阶段,届时将建成国际领先的芯片化量子传感器工艺"), is_layout_break("目前,滨江已")
    (True, True)
    >>> is_layout_break("技术研究平台。未来,更灵敏的传感器,将由滨江产。"), is_layout_break("数说滨江“一季报”")
    (False, False)
    """
    line = line.strip()
    return bool(_PROSE.search(line)) and line.rstrip(CLOSERS)[-1:] not in _FULL_WIDTH_ENDS + ".!?"


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
        for match in LINE_BREAK.finditer(raw):
            chars.append(raw[pos:match.start()])
            offsets.extend(range(pos, match.start()))
            line = raw[raw.rfind("\n", 0, match.start()) + 1:match.start()]
            if offsets and not (match.end() < len(raw) and is_layout_break(line)):
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

    @cached_property
    def _unbroken(self) -> tuple[str, list[int]]:
        """The flat text without its paragraph breaks either, and the raw offset of each character."""
        kept = [i for i, char in enumerate(self.text) if char != "\n"]
        return "".join(self.text[i] for i in kept), [self.offsets[i] for i in kept]

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Raw (start, end) of every occurrence of `quote`, which is matched across any line break.

        A quote holds no line break (`normalise`), so it is searched in the text without any either:
        whether a break is layout is a guess, and a quote's location must not depend on it.

        >>> FlatText("ab\\n\\ncd ab").find_all("bc")
        [(1, 5)]
        """
        wanted = normalise(quote)
        text, offsets = self._unbroken
        found, i = [], text.find(wanted) if wanted else -1
        while i >= 0:
            found.append((offsets[i], offsets[i + len(wanted) - 1] + 1))
            i = text.find(wanted, i + 1)
        return found

    def paragraphs(self) -> list[Segment]:
        """The paragraphs: the stretches between paragraph breaks, blanks trimmed, empty ones left out."""
        return self._split(re.compile(r"\n"), 0, len(self.text), keep_mark=False)

    def sentences(self, within: Segment | None = None) -> list[Segment]:
        """The sentences (and headings, captions, bullets) of the text, or of one of its paragraphs."""
        start, end = (within.start, within.end) if within else (0, len(self.text))
        return self._split(_SENTENCE_END, start, end)

    def clauses(self, sentence: Segment) -> list[Segment]:
        """The comma- and colon-separated clauses of a sentence (the punctuation stays with its clause)."""
        return self._split(_CLAUSE_END, sentence.start, sentence.end)

    def _split(self, ends: re.Pattern, start: int, end: int, keep_mark: bool = True) -> list[Segment]:
        """Cut text[start:end] after each match of `ends` (a ``\\n`` is never kept), trimming blanks."""
        pieces, begin = [], start
        for match in ends.finditer(self.text, start, end):
            keep = keep_mark and match.group() != "\n"
            pieces.append((begin, match.end() if keep else match.start()))
            begin = match.end()
        pieces.append((begin, end))
        return [segment for a, b in pieces if (segment := self._trimmed(a, b))]

    def _trimmed(self, start: int, end: int) -> Segment | None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Segment(start, end, self.text[start:end]) if end > start else None
