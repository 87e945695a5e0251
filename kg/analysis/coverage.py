"""How much of a source article the knowledge graph covers, sentence by sentence.

The article is split into paragraphs and sentences (`sentences`); every evidence span of the graph is laid
over them (`sentence_table`), so each sentence knows the spans that overlap it and the facts those spans
support. From that table come the share of sentences that support at least one fact (`coverage_share`),
the sentences that support none (`uncovered`, with a guess at why: `reason`); `kg.display.charts.coverage_map`
draws it all. `evidence_table` is the only function that reads the graph (one SPARQL query).

Paragraphs, sentences and layout line breaks are `kg.text`'s: the one model that ingest and the build's
quote locating read too (a line of prose that stops mid-sentence continues after the line break; headings,
captions and list items stand alone).
"""
from __future__ import annotations

import re

import pandas as pd

from kg.sparql import load as load_query
from kg.text import CLOSERS, FlatText

__all__ = ["sentences", "evidence_table", "document_text", "sentence_table", "coverage_share", "uncovered",
           "multi_span_facts", "reason", "FACT_KINDS"]

# What kind of thing a span supports, from the class of the node derived from it.
FACT_KINDS = ("statement", "indicator value", "recognition", "quantity", "photo", "document", "entity")


def sentences(text: str) -> pd.DataFrame:
    """The paragraphs and sentences of `text` (as `kg.text.FlatText` cuts them), with raw offsets.

    Returns
    -------
    DataFrame
        ``paragraph`` and ``sentence`` (1-based; ``sentence`` counts within its paragraph), ``start``,
        ``end`` (raw offsets, 0-based, end-exclusive: ``text[start:end]`` may hold layout breaks) and
        ``text`` (without them).

    >>> t = "标题\\n\\n第一句,还在\\n\\n继续。第二句?\\n■列表 1%"
    >>> sentences(t)[["paragraph", "sentence", "text"]].values.tolist()
    [[1, 1, '标题'], [2, 1, '第一句,还在继续。'], [2, 2, '第二句?'], [3, 1, '■列表 1%']]
    """
    flat = FlatText(text)
    rows = []
    for number, paragraph in enumerate(flat.paragraphs(), 1):
        for index, sentence in enumerate(flat.sentences(paragraph), 1):
            rows.append((number, index, *flat.raw_span(sentence.start, sentence.end), sentence.text))
    frame = pd.DataFrame(rows, columns=["paragraph", "sentence", "start", "end", "text"])
    return frame.astype({"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64",
                         "text": "string"})


def document_text(kg, document=None) -> tuple[str, str]:
    """The IRI and raw text of `document` (an IRI), or of the graph's first source document."""
    docs = kg.query(load_query("source_documents"))
    if document is not None:
        docs = docs[docs["doc"] == str(document)]
    if docs.empty:
        raise ValueError(f"no source document {document!r} in the graph")
    return str(docs["doc"].iloc[0]), str(docs["text"].iloc[0])


def evidence_table(kg, document=None, *, lang: str = "zh") -> pd.DataFrame:
    """Every evidence span of `document` (default: the first) with the fact it supports.

    One row per (fact, span): ``fact`` (IRI of the assertion or node), ``kind`` (one of `FACT_KINDS`:
    a reified ``statement``, an ``indicator value``, a ``recognition``, a ``quantity``, a ``photo``, the
    ``document`` itself, or an ``entity`` named there), ``label`` (subject · property · object for
    statements), ``start``, ``end`` and ``quote``.
    """
    doc, _ = document_text(kg, document)
    frame = kg.query(load_query("coverage_evidence"), lang=lang, doc=_iri(doc))
    frame = frame.astype({"start": "int64", "end": "int64", "kind": "string", "label": "string",
                          "quote": "string"})
    return frame.drop_duplicates(["fact", "start", "end"], ignore_index=True)


def _iri(value: str):
    from rdflib import URIRef

    return URIRef(value)


def sentence_table(text: str, evidence: pd.DataFrame, *, kinds=None) -> pd.DataFrame:
    """One row per sentence of `text` with the spans that overlap it and the facts they support.

    Parameters
    ----------
    text : str
        The raw text of the document.
    evidence : DataFrame
        As from `evidence_table` (at least ``fact``, ``kind``, ``label``, ``start``, ``end``).
    kinds : iterable of str, optional
        Count only facts of these kinds (default: all of `FACT_KINDS`).

    Returns
    -------
    DataFrame
        The columns of `sentences`, then ``spans`` (number of distinct overlapping spans), ``facts``
        (number of distinct facts they support), ``kinds`` (sorted kinds, ``;``-joined) and
        ``fact_labels`` (list of labels).

    >>> ev = pd.DataFrame({"fact": ["f1", "f2"], "kind": ["statement", "entity"], "label": ["a", "b"],
    ...                    "start": [0, 0], "end": [2, 2]})
    >>> sentence_table("甲乙。丙丁。", ev)[["text", "spans", "facts"]].values.tolist()
    [['甲乙。', 1, 2], ['丙丁。', 0, 0]]
    """
    table = sentences(text)
    if kinds is not None:
        evidence = evidence[evidence["kind"].isin(list(kinds))]
    spans, facts, kind_cells, labels = [], [], [], []
    starts, stops = evidence["start"].to_numpy(), evidence["end"].to_numpy()
    for s, e in zip(table["start"], table["end"]):
        hits = evidence[(starts < e) & (stops > s)]
        spans.append(len(set(zip(hits["start"], hits["end"]))))
        unique = hits.drop_duplicates("fact")
        facts.append(len(unique))
        kind_cells.append(";".join(sorted(set(unique["kind"]))))
        labels.append(list(unique["label"]))
    table["spans"] = pd.Series(spans, dtype="int64")
    table["facts"] = pd.Series(facts, dtype="int64")
    table["kinds"] = pd.Series(kind_cells, dtype="string")
    table["fact_labels"] = labels
    return table


def coverage_share(table: pd.DataFrame) -> float:
    """The share of sentences that support at least one fact (0 to 1).

    >>> coverage_share(pd.DataFrame({"facts": [2, 0, 1, 0]}))
    0.5
    """
    return float((table["facts"] > 0).mean()) if len(table) else 0.0


def uncovered(table: pd.DataFrame) -> pd.DataFrame:
    """The sentences that support no fact, with a guess at why (`reason`)."""
    rows = table[table["facts"] == 0][["paragraph", "sentence", "text"]].reset_index(drop=True)
    rows["reason"] = pd.Series([reason(t) for t in rows["text"]], dtype="string")
    return rows


def reason(sentence: str) -> str:
    """Why a sentence may state no fact: ``question``, ``heading`` or ``rhetoric`` (anything else).

    >>> [reason(s) for s in ["滨江做对了什么?", "数说滨江“一季报”", "创新无法被计划,但可以被培育。"]]
    ['question', 'heading', 'rhetoric']
    """
    text = sentence.strip()
    if text.rstrip(CLOSERS)[-1:] in "??":
        return "question"
    if not re.search(r"[,。,;;!!]", text):
        return "heading"
    return "rhetoric"


def multi_span_facts(evidence: pd.DataFrame, minimum: int = 2) -> pd.DataFrame:
    """Facts resting on at least `minimum` distinct spans, most spans first, with their quotes.

    >>> ev = pd.DataFrame({"fact": ["f", "f", "g"], "kind": ["statement"] * 3, "label": ["F", "F", "G"],
    ...                    "start": [0, 9, 4], "end": [3, 12, 6], "quote": ["a", "b", "c"]})
    >>> multi_span_facts(ev)[["label", "spans", "quotes"]].values.tolist()
    [['F', 2, 'a | b']]
    """
    spans = evidence.drop_duplicates(["fact", "start", "end"]).sort_values(["fact", "start"])
    grouped = spans.groupby("fact", sort=False).agg(kind=("kind", "first"), label=("label", "first"),
                                                    spans=("start", "size"), quotes=("quote", " | ".join))
    grouped = grouped[grouped["spans"] >= minimum].reset_index()
    grouped = grouped.sort_values(["spans", "kind", "label"], ascending=[False, True, True], ignore_index=True)
    return grouped[["fact", "kind", "label", "spans", "quotes"]]
