"""Periods (2024年, 一季度, 上半年, 今年) and dates (5月18日—23日) as the tables write them.

A period or date without its year takes the year of the context: the latest year named before it, else
the document's year (its ``date`` metadata, or else the latest year the text names).

>>> [(p.notation, p.relative) for p in find_periods("回望2024年,全年;2025年一季度;上半年;今年一开年", 2025)]
[('2024', False), ('2025-Q1', False), ('2025-H1', True), ('2025', True)]
>>> [(d.start_date, d.end_date) for d in find_dates("5月18日—23日,杭州组织", 2025)]
[('2025-05-18', '2025-05-23')]
>>> document_year("回望2024年……奋进2025年", None), document_year("无年份", "2026-03-01")
(2025, 2026)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD = re.compile(r"""
    (?P<year>(?:19|20)\d{2})\s*年(?:\s*第?(?P<yq>[一二三四1-4])季度|(?P<yh>[上下])半年|(?P<ym>1[0-2]|0?[1-9])月(?!\d{1,2}日))?
  | 第?(?P<q>[一二三四1-4])季(?:度|报)
  | (?P<h>[上下])半年
  | (?P<rel>今年|去年|明年)
  | (?P<en_q>Q(?P<enq>[1-4])|(?P<ord>first|second|third|fourth)\ quarter)(?:\s+(?:of\s+)?(?P<enqy>(?:19|20)\d{2}))?
  | (?P<en_h>(?P<half>first|second)\ half)(?:\s+(?:of\s+)?(?P<enhy>(?:19|20)\d{2}))?
  | (?<![\d.])(?P<en_y>(?:19|20)\d{2})(?![\d年])
    """, re.X | re.I)
_DATE = re.compile(r"""
    (?:(?P<y>(?:19|20)\d{2})年)?(?P<m>1[0-2]|0?[1-9])月(?P<d>[12]\d|3[01]|0?[1-9])日
    (?:\s*(?:—|–|-|~|～|至|到)\s*(?:(?P<m2>1[0-2]|0?[1-9])月)?(?P<d2>[12]\d|3[01]|0?[1-9])日)?
    """, re.X)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@dataclass(frozen=True)
class PeriodMention:
    """A period at flat offsets `start`..`end`; `relative` when its year came from the context."""

    start: int
    end: int
    notation: str
    relative: bool = False


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    start_date: str
    end_date: str


def document_year(text: str, meta_date: str | None) -> int | None:
    """The year 今年 means: the document's date, else the latest year the text names."""
    if meta_date:
        try:
            return date.fromisoformat(str(meta_date)[:10]).year
        except ValueError:
            if re.match(r"\d{4}", str(meta_date)):
                return int(str(meta_date)[:4])
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年|\b|[^\d])", text)]
    return max(years) if years else None


def find_periods(text: str, year: int | None) -> list[PeriodMention]:
    """Every period in `text`, in order; `year` resolves periods without one (None: they are skipped)."""
    out, context = [], year
    for m in _PERIOD.finditer(text):
        notation, relative = None, False
        if m["year"]:
            context = int(m["year"])
            if m["yq"]:
                notation = f"{context}-Q{_Q[m['yq']]}"
            elif m["yh"]:
                notation = f"{context}-H{1 if m['yh'] == '上' else 2}"
            elif m["ym"]:
                notation = f"{context}-{int(m['ym']):02d}"
            else:
                notation = str(context)
        elif m["en_y"]:
            context = int(m["en_y"])
            notation = str(context)
        elif m["rel"] and year:
            notation, relative = str(year + {"今年": 0, "去年": -1, "明年": 1}[m["rel"]]), True
        elif context and (m["q"] or m["h"]):
            notation = f"{context}-Q{_Q[m['q']]}" if m["q"] else f"{context}-H{1 if m['h'] == '上' else 2}"
            relative = True
        elif m["en_q"] or m["en_h"]:
            y = m["enqy"] or m["enhy"]
            y = int(y) if y else context
            if y:
                relative = not (m["enqy"] or m["enhy"])
                notation = (f"{y}-Q{int(m['enq']) if m['enq'] else _ORD[m['ord'].lower()]}" if m["en_q"]
                            else f"{y}-H{_ORD[m['half'].lower()]}")
        if notation:
            out.append(PeriodMention(m.start(), m.end(), notation, relative))
    return out


def find_dates(text: str, year: int | None) -> list[DateMention]:
    """Dates and date ranges (月日—日); the year as in `find_periods`."""
    out = []
    for m in _DATE.finditer(text):
        y = int(m["y"]) if m["y"] else year
        if y is None:
            continue
        try:
            first = date(y, int(m["m"]), int(m["d"]))
            last = date(y, int(m["m2"] or m["m"]), int(m["d2"])) if m["d2"] else first
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), first.isoformat(), last.isoformat()))
    return out
