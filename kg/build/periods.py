"""Calendar periods written as notations (2024, 2025-Q1, 2025-H1, 2025-05) and their RDF description."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, RDF, SKOS, TIME, XSD

from kg.ns import BJ, PER

_NOTATION = re.compile(r"(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])))?")


@dataclass(frozen=True)
class Period:
    """A calendar interval with its notation, bounds and the year that contains it."""

    notation: str
    start: date
    end: date
    label_zh: str
    label_en: str

    @property
    def iri(self):
        return PER[self.notation]

    @property
    def year(self) -> str:
        return self.notation[:4]


def parse_period(notation: str) -> Period:
    """Parse a period notation; ValueError if it is not one.

    >>> p = parse_period("2025-Q1"); (p.start.isoformat(), p.end.isoformat(), p.label_zh)
    ('2025-01-01', '2025-03-31', '2025年一季度')
    """
    match = _NOTATION.fullmatch(notation)
    if not match:
        raise ValueError(f"{notation!r} is not a period (write 2024, 2025-Q1, 2025-H1 or 2025-05)")
    year = int(match["year"])
    if match["q"]:
        q = int(match["q"])
        first, last = 3 * q - 2, 3 * q
        zh, en = f"{year}年{'一二三四'[q - 1]}季度", f"{year} Q{q}"
    elif match["h"]:
        h = int(match["h"])
        first, last = 6 * h - 5, 6 * h
        zh, en = f"{year}年{'上下'[h - 1]}半年", f"{year} H{h}"
    elif match["m"]:
        first = last = int(match["m"])
        zh, en = f"{year}年{first}月", f"{calendar.month_name[first]} {year}"
    else:
        first, last, zh, en = 1, 12, f"{year}年", str(year)
    end = date(year, last, calendar.monthrange(year, last)[1])
    return Period(notation, date(year, first, 1), end, zh, en)


def period_triples(period: Period) -> list[tuple]:
    """The triples that describe one period node, in a fixed order (its containing year's are not included).

    >>> [p.n3() for _, p, _ in period_triples(parse_period("2025-Q1"))][-1]
    '<http://www.w3.org/2006/time#intervalIn>'
    """
    node = period.iri
    triples = [(node, RDF.type, BJ.Period), (node, SKOS.notation, Literal(period.notation)),
               (node, SKOS.prefLabel, Literal(period.label_zh, lang="zh")),
               (node, SKOS.prefLabel, Literal(period.label_en, lang="en")),
               (node, DCAT.startDate, Literal(period.start.isoformat(), datatype=XSD.date)),
               (node, DCAT.endDate, Literal(period.end.isoformat(), datatype=XSD.date))]
    if period.notation != period.year:
        triples.append((node, TIME.intervalIn, PER[period.year]))
    return triples


def describe(period: Period, graph: Graph) -> None:
    """Add the period's node (and its containing year's) to `graph`."""
    for triple in period_triples(period):
        graph.add(triple)
    if period.notation != period.year:
        describe(parse_period(period.year), graph)
