"""What the rows of a SELECT answer are about: the entities of the graph they name (what `kg viz --query` draws).

A row names an entity in three ways, tried in this order:

- **by IRI**: a cell holds a node of the projection;
- **by name**: a text cell is a name of a node (the rows of ``kg/sparql/entity_names.rq``): its preferred label
  in the cell's language first, then its preferred label in another language, then its other names
  (alternative labels, captions, headlines);
- **by quote**, for a row that names nothing by IRI or name: a text cell is the quote of a node's or an edge's
  evidence, and names that node or the edge's two ends.

A text cell that is no name or quote as a whole is split on the separators of the query's GROUP_CONCATs and
each part tried. So a query that returns labels, values and quotes rather than IRIs (as most competency
questions do) still draws the entities behind them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["group_concat_separators", "name_index", "named_entities", "quote_index"]

_SEPARATOR = re.compile(r"""separator\s*=\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([tbnrf\"'\\])")
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}

# A name index: lexical form -> [(entity, language or None, whether it is the entity's skos:prefLabel)].
Names = Mapping[str, list[tuple[str, str | None, bool]]]


def group_concat_separators(sparql: str) -> list[str]:
    """The separators that the GROUP_CONCATs of a query text name, and ``" "`` (the default) when one names none.

    >>> group_concat_separators('SELECT (GROUP_CONCAT(?q; separator=" | ") AS ?a) (GROUP_CONCAT(?n) AS ?b)')
    [' | ', ' ']
    >>> group_concat_separators("SELECT (GROUP_CONCAT(?q ; SEPARATOR='\\\\t') AS ?a) {}"), group_concat_separators("SELECT * {}")
    (['\\t'], [])
    """
    found = [_ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]), m[1][1:-1]) for m in _SEPARATOR.finditer(sparql)]
    if len(re.findall(r"group_concat\s*\(", sparql, re.IGNORECASE)) > len(found):
        found.append(" ")
    return [s for s in dict.fromkeys(found) if s]


def name_index(rows: Iterable[tuple]) -> dict[str, list[tuple[str, str | None, bool]]]:
    """The names of entities by their text, from ``(entity, name, preferred)`` rows of rdflib terms.

    >>> index = name_index([(URIRef("x:a"), Literal("甲", lang="zh"), Literal(True)), (URIRef("x:b"), Literal("甲"), Literal(False))])
    >>> index["甲"]
    [('x:a', 'zh', True), ('x:b', None, False)]
    """
    index = defaultdict(list)
    for entity, name, preferred in rows:
        index[str(name)].append((str(entity), getattr(name, "language", None), preferred is not None and bool(preferred.toPython())))
    return dict(index)


def quote_index(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """The nodes each quote is evidence of: a node's own quotes, and an edge's quotes for both its ends."""
    index = defaultdict(set)
    for node, evidence in graph.nodes(data="evidence"):
        for span in evidence or ():
            index[span["quote"]].add(node)
    for u, v, evidence in graph.edges(data="evidence"):
        for span in evidence or ():
            index[span["quote"]].update((u, v))
    return dict(index)


def named_entities(graph: nx.MultiDiGraph, variables: list[str], rows: Iterable[tuple], names: Names,
                   separators: Iterable[str] = ()) -> dict[str, set[str]]:
    """The nodes of `graph` that the rows name (by IRI, name or quote: see the module), each with its columns.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The projection (nodes with ``evidence``; edges with ``evidence``).
    variables, rows
        The answer: column names, and rows of rdflib terms (None where unbound).
    names
        `name_index` of the graph's names (may be empty when no cell is text).
    separators
        The query's GROUP_CONCAT separators (`group_concat_separators`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x:a", evidence=[{"quote": "甲与乙签约"}])
    >>> G.add_node("x:b")
    >>> names = name_index([(URIRef("x:b"), Literal("乙", lang="zh"), Literal(True))])
    >>> named_entities(G, ["who", "n"], [(Literal("乙", lang="zh"), Literal(2))], names)
    {'x:b': {'who'}}
    >>> named_entities(G, ["q"], [(Literal("甲与乙签约"),)], names)  # a quote, when nothing else is named
    {'x:a': {'q'}}
    >>> named_entities(G, ["all"], [(Literal("丙、乙"),)], names, ["、"])  # a GROUP_CONCAT, split
    {'x:b': {'all'}}
    """
    separators = sorted(set(separators), key=len, reverse=True)
    quotes = None  # built at the first row that needs it
    found = defaultdict(set)
    for row in rows:
        named, texts = defaultdict(set), []
        for column, cell in zip(variables, row):
            if isinstance(cell, URIRef) and str(cell) in graph:
                named[str(cell)].add(column)
            elif _is_text(cell):
                texts.append((column, str(cell)))
                for node in _by_name(cell, names, graph, separators):
                    named[node].add(column)
        if not named and texts:
            quotes = quote_index(graph) if quotes is None else quotes
            for column, text in texts:
                for part in _parts(text, quotes, separators):
                    for node in quotes[part]:
                        named[node].add(column)
        for node, columns in named.items():
            found[node] |= columns
    return dict(found)


def _is_text(cell) -> bool:
    """Whether a cell is a string literal (plain, xsd:string or language-tagged)."""
    return isinstance(cell, Literal) and (cell.language is not None or cell.datatype in (None, XSD.string))


def _parts(text: str, known: Mapping, separators: list[str]) -> list[str]:
    """`text` if it is known, else its parts (split on `separators`) that are."""
    if text in known or not separators:
        return [text] if text in known else []
    pieces = re.split("|".join(map(re.escape, separators)), text)
    return [p for p in dict.fromkeys(piece.strip() for piece in pieces) if p in known]


def _by_name(cell: Literal, names: Names, graph: nx.MultiDiGraph, separators: list[str]) -> list[str]:
    """The nodes a text cell names, part by part, each part by the best kind of name it matches."""
    nodes = []
    for part in _parts(str(cell), names, separators):
        candidates = [(not preferred, lang != cell.language, entity)
                      for entity, lang, preferred in names[part] if entity in graph]
        if candidates:
            best = min(candidates)[:2]
            nodes.extend(entity for *rank, entity in candidates if tuple(rank) == best)
    return nodes
