"""Numbers with their unit, multiplier (亿/万) and comparator, as the curated tables write them.

>>> [(q.value, q.max_value, q.unit, q.multiplier, q.comparator) for q in find_quantities(
...     "全年GDP突破2800亿元,实际利用外资4.43亿美元,2万余平方米,比例75%以上,未来3年到5年,三年行动计划")]
[('2800', '', 'cur:CNY', '亿', 'gt'), ('4.43', '', 'cur:USD', '亿', ''), ('2', '', 'unit:M2', '万', 'gt'), \
('75', '', 'unit:PERCENT', '', 'ge'), ('3', '5', 'unit:YR', '', ''), ('3', '', 'unit:YR', '', '')]
>>> [q.value for q in find_quantities("回望2024年,连续4年获奖")]   # a year and a run of years are not amounts
[]
>>> [(q.value, q.unit, q.multiplier) for q in find_quantities("revenue of 2.8 billion yuan rose 7.0%")]
[('28', 'cur:CNY', '亿'), ('7.0', 'unit:PERCENT', '')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+"
UNITS = {"美元": "cur:USD", "元": "cur:CNY", "平方米": "unit:M2", "%": "unit:PERCENT", "%": "unit:PERCENT",
         "家": "unit:NUM", "分钟": "unit:MIN", "年": "unit:YR"}
_ZH = re.compile(rf"""
    (?P<pre>突破|超过|超|逾|约|近)?
    (?P<num>{_NUM})\s*
    (?P<mult>[万亿])?(?P<post>余|多)?
    (?P<unit>美元|元|平方米|%|%|家|分钟|年)
    (?P<after>以上|左右)?
    """, re.X)
_RANGE = re.compile(r"\s*(?:到|至|—|–|-|~|～)\s*")
_EN = re.compile(r"""
    (?P<pre>more\ than|over|about|around|nearly|at\ least)?\s*
    (?P<num>\d[\d,]*(?:\.\d+)?)\s*
    (?P<unit>%|percent|billion\ yuan|million\ yuan|billion\ (?:US\ )?dollars|billion\ usd|million\ (?:US\ )?dollars
      |square\ met(?:er|re)s|minutes|years|companies|firms|enterprises)(?![a-z])
    """, re.X | re.I)
_EN_UNITS = {"%": ("unit:PERCENT", "", 1), "percent": ("unit:PERCENT", "", 1),
             "billion yuan": ("cur:CNY", "亿", 10), "million yuan": ("cur:CNY", "万", 100),
             "billion dollars": ("cur:USD", "亿", 10), "billion us dollars": ("cur:USD", "亿", 10),
             "billion usd": ("cur:USD", "亿", 10), "million dollars": ("cur:USD", "万", 100),
             "million us dollars": ("cur:USD", "万", 100), "square meters": ("unit:M2", "", 1),
             "square metres": ("unit:M2", "", 1), "minutes": ("unit:MIN", "", 1), "years": ("unit:YR", "", 1),
             "companies": ("unit:NUM", "", 1), "firms": ("unit:NUM", "", 1), "enterprises": ("unit:NUM", "", 1)}
_EN_CMP = {"more than": "gt", "over": "gt", "about": "approx", "around": "approx", "nearly": "approx", "at least": "ge"}
COMPARATORS = {"突破": "gt", "超过": "gt", "超": "gt", "逾": "gt", "余": "gt", "多": "gt", "以上": "ge",
               "约": "approx", "近": "approx", "左右": "approx"}


@dataclass(frozen=True)
class Quantity:
    """A number found at flat offsets `start`..`end`, in the tables' terms (value as printed)."""

    start: int
    end: int
    value: str
    unit: str
    multiplier: str = ""
    comparator: str = ""
    max_value: str = ""


def chinese_number(text: str) -> int | None:
    """Digits or a Chinese numeral below 10000 as an int.

    >>> chinese_number("三"), chinese_number("十五"), chinese_number("二十"), chinese_number("两百零五")
    (3, 15, 20, 205)
    """
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _value(num: str) -> str | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        return num
    n = chinese_number(num)
    return None if n is None or n == 0 else str(n)


def find_quantities(text: str) -> list[Quantity]:
    """Every amount in `text` (Chinese, or English with a small unit list)."""
    out: list[Quantity] = []
    for m in _ZH.finditer(text):
        value = _value(m["num"])
        if value is None:
            continue
        if m["unit"] == "年" and (re.fullmatch(r"\d{4}", m["num"]) or text[max(0, m.start() - 2):m.start()] == "连续"):
            continue  # 2024年 is a period, 连续4年 a recognition
        if not m["num"].isdigit() and "." not in m["num"] and m["unit"] not in ("年", "家"):
            continue  # 一季度, 七个力: Chinese numerals only count years and firms
        comparator = COMPARATORS.get(m["pre"] or "") or COMPARATORS.get(m["post"] or "") or COMPARATORS.get(m["after"] or "", "")
        q = Quantity(m.start("num") if not m["pre"] else m.start(), m.end(), value, UNITS[m["unit"]],
                     m["mult"] or "", comparator)
        if out and out[-1].unit == q.unit and not out[-1].max_value and _RANGE.fullmatch(text[out[-1].end:m.start()]):
            prev = out.pop()  # 3年到5年: one range
            q = Quantity(prev.start, q.end, prev.value, q.unit, q.multiplier, prev.comparator, value)
        out.append(q)
    for m in _EN.finditer(text):
        if any(q.start < m.end() and m.start("num") < q.end for q in out):
            continue
        unit, mult, scale = _EN_UNITS[re.sub(r"\s+", " ", m["unit"].lower())]
        number = Decimal(m["num"].replace(",", "")) * scale
        value = format(number.normalize(), "f") if scale != 1 else m["num"].replace(",", "")
        out.append(Quantity(m.start("num"), m.end(), value, unit, mult, _EN_CMP.get((m["pre"] or "").lower(), "")))
    return sorted(out, key=lambda q: q.start)
