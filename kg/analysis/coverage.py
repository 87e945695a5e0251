"""How much of a source article the knowledge graph covers, sentence by sentence.

The article is split into paragraphs and sentences (`sentences`); every evidence span of the graph is laid
over them (`sentence_table`), so each sentence knows the spans that overlap it and the facts those spans
support. From that table come the share of sentences that support at least one fact (`coverage_share`),
the sentences that support none (`uncovered`, with a guess at why: `reason`), and a picture of it all
(`coverage_map`). `evidence_table` is the only function that reads the graph (one SPARQL query).

Paragraphs and layout line breaks: the article's text is cut by line breaks that are layout, not meaning
(a sentence may continue after a blank line, as ``...工艺\\n\\n技术研究平台。``). As in `kg.build.sources`, such
breaks are ignored: a line of prose (it holds a ``,`` or ``。``) that does not end a sentence continues on
the next line. Headings, captions and list items (no such punctuation) stand alone.
"""
from __future__ import annotations

import re

import pandas as pd

from kg.build.sources import normalise
from kg.sparql import load as load_query

__all__ = ["sentences", "evidence_table", "document_text", "sentence_table", "coverage_share", "uncovered",
           "multi_span_facts", "reason", "coverage_map", "SENTENCE_ENDS", "FACT_KINDS"]

# Sentence-ending punctuation (full-width and ASCII); closing quotes and brackets after it stay with it.
SENTENCE_ENDS = "。!?!?"
_CLOSERS = "”’」』)》)\"'"
_PROSE = re.compile(r"[,。,;;]")

# What kind of thing a span supports, from the class of the node derived from it.
FACT_KINDS = ("statement", "indicator value", "recognition", "quantity", "photo", "document", "entity")


def sentences(text: str, ends: str = SENTENCE_ENDS) -> pd.DataFrame:
    """The paragraphs and sentences of `text`, with raw offsets (0-based, end-exclusive).

    A paragraph is a line, or several lines when a line of prose stops mid-sentence (a layout break);
    a sentence ends at one of `ends` (with any closing quotes after it) or at the end of its paragraph.

    Returns
    -------
    DataFrame
        ``paragraph`` and ``sentence`` (1-based; ``sentence`` counts within its paragraph), ``start``,
        ``end`` (raw offsets: ``text[start:end]`` may hold layout breaks) and ``text`` (without them).

    >>> t = "标题\\n\\n第一句,还在\\n\\n继续。第二句?\\n■列表 1%"
    >>> sentences(t)[["paragraph", "sentence", "text"]].values.tolist()
    [[1, 1, '标题'], [2, 1, '第一句,还在继续。'], [2, 2, '第二句?'], [3, 1, '■列表 1%']]
    """
    rows = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text), 1):
        for index, (s_start, s_end) in enumerate(_split(text, p_start, p_end, ends), 1):
            rows.append((number, index, s_start, s_end, normalise(text[s_start:s_end])))
    frame = pd.DataFrame(rows, columns=["paragraph", "sentence", "start", "end", "text"])
    return frame.astype({"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64",
                         "text": "string"})


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: non-blank lines, joined across layout breaks."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text) if m.group().strip()]
    merged: list[list[int]] = []
    joining = False
    for start, end in lines:
        if joining:
            merged[-1][1] = end
        else:
            merged.append([start, end])
        line = text[start:end].strip()
        # Prose cut before its sentence ends continues on the next non-blank line.
        joining = bool(_PROSE.search(line)) and line.rstrip(_CLOSERS)[-1:] not in SENTENCE_ENDS
    return [(start + _lead(text[start:end]), end - _trail(text[start:end])) for start, end in merged]


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def _trail(s: str) -> int:
    return len(s) - len(s.rstrip())


def _split(text: str, start: int, end: int, ends: str) -> list[tuple[int, int]]:
    """Sentences of text[start:end]: cut after each end mark and the closers that follow it."""
    pieces, begin, i = [], start, start
    while i < end:
        if text[i] in ends:
            i += 1
            while i < end and text[i] in _CLOSERS:
                i += 1
            pieces.append((begin, i))
            begin = i
        else:
            i += 1
    if begin < end:
        pieces.append((begin, end))
    out = []
    for s, e in pieces:
        chunk = text[s:e]
        s, e = s + _lead(chunk), e - _trail(chunk)
        if s < e:
            out.append((s, e))
    return out


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


def sentence_table(text: str, evidence: pd.DataFrame, *, kinds=None, ends: str = SENTENCE_ENDS) -> pd.DataFrame:
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
    table = sentences(text, ends)
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
    if text.rstrip(_CLOSERS)[-1:] in "??":
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


def coverage_map(table: pd.DataFrame, ax=None, *, cap: int = 8, label_chars: int = 12):
    """Draw the coverage map: one row per paragraph, one cell per sentence, coloured by number of facts.

    Cells of sentences that support no fact are drawn in a warm grey with a red edge; the others in
    shades of blue up to `cap` facts (darker: more). Row labels give the paragraph number and its first
    `label_chars` characters. Call `kg.analysis.indicators.use_cjk_font` first so they render. Returns the Axes.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = pd.DataFrame({"paragraph": [1, 2, 2], "sentence": [1, 1, 2], "text": ["标题", "甲。", "乙。"],
    ...                   "facts": [0, 3, 1]})
    >>> len(coverage_map(t).patches)
    3
    """
    import matplotlib.pyplot as plt
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    paragraphs = sorted(table["paragraph"].unique())
    widest = int(table.groupby("paragraph")["sentence"].max().max()) if len(table) else 1
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.5 * widest + 3.5), 0.32 * len(paragraphs) + 1.4))
    cmap, norm = colormaps["Blues"], Normalize(vmin=0, vmax=cap)
    row_of = {p: i for i, p in enumerate(paragraphs)}
    for p, s, n in zip(table["paragraph"], table["sentence"], table["facts"]):
        y, x = row_of[p], s - 1
        if n == 0:
            face, edge = "#e8e2da", "#c0392b"
        else:
            face, edge = cmap(norm(0.25 * cap + 0.75 * min(n, cap))), "white"
        ax.add_patch(Rectangle((x + 0.05, y + 0.08), 0.9, 0.84, facecolor=face, edgecolor=edge, linewidth=1))
        if n:
            ax.text(x + 0.5, y + 0.5, str(n), ha="center", va="center", fontsize=7,
                    color="white" if min(n, cap) > cap / 2 else "#1f3b57")
    firsts = table.sort_values(["paragraph", "sentence"]).groupby("paragraph")["text"].first()
    ax.set_yticks([i + 0.5 for i in range(len(paragraphs))])
    ax.set_yticklabels([f"¶{p} {_clip(firsts[p], label_chars)}" for p in paragraphs], fontsize=8)
    ax.set_xticks([i + 0.5 for i in range(widest)])
    ax.set_xticklabels([str(i + 1) for i in range(widest)], fontsize=8)
    ax.set_xlim(0, widest)
    ax.set_ylim(len(paragraphs), 0)
    ax.set_xlabel("句子 sentence")
    share = coverage_share(table)
    ax.set_title(f"文章覆盖图 · coverage map: {share:.0%} of sentences support ≥1 fact "
                 f"(数字 = facts; 红框 = none)", fontsize=10)
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)
    ax.tick_params(length=0)
    return ax


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"
