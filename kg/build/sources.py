"""Source documents and the text spans that evidence every fact.

A quote is written by a curator without the layout line breaks that cut some sentences of the article;
it is located in the raw text across any line break (`kg.text.FlatText.find_all`), and the span records
raw offsets (0-based, end-exclusive, code points), as Web Annotation's TextPositionSelector does.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.errors import KGError, Location
from kg.text import FlatText, normalise


@dataclass(frozen=True)
class Span:
    """A located quote: `document.text[start:end] == exact`; `quote` is `exact` without layout breaks."""

    doc_id: str
    start: int
    end: int
    exact: str
    quote: str

    @property
    def slug(self) -> str:
        return f"span-{self.doc_id}-c{self.start}-{self.end}"


@dataclass
class Document:
    """One source text with its metadata record (``<name>.txt`` beside ``<name>.json``)."""

    id: str
    path: Path
    text: str
    meta: dict = field(default_factory=dict)
    meta_path: Path | None = None

    @cached_property
    def flat(self) -> FlatText:
        """The text without its layout breaks, with raw offsets, paragraphs and sentences."""
        return FlatText(self.text)

    def find_all(self, quote: str) -> list[Span]:
        """Every occurrence of `quote` in the text, ignoring line breaks.

        >>> d = Document("d", Path("d.txt"), "ab\\n\\ncd ab")
        >>> [(s.start, s.end, s.exact) for s in d.find_all("bc")]
        [(1, 5, 'b\\n\\nc')]
        """
        wanted = normalise(quote)
        return [Span(self.id, start, end, self.text[start:end], wanted) for start, end in self.flat.find_all(wanted)]


class Corpus:
    """The registered documents; locates quotes among all of them."""

    def __init__(self, documents: list[Document]):
        self.documents = {d.id: d for d in documents}

    def locate(self, quote: str, where: Location, doc: str = "") -> Span:
        """The one span stating `quote`; a KGError if it is missing or ambiguous.

        With `doc` (a document id) the quote must occur once in that document. Without it, the documents
        are searched in registration order (file name order) and the first that holds the quote must hold
        it once: a sentence that a later article repeats keeps pointing at the article it was curated from.
        """
        if doc:
            if doc not in self.documents:
                raise KGError(f"unknown document {doc!r}", where,
                              f"use the id of a registered document: {', '.join(sorted(self.documents))}")
            searched = [self.documents[doc]]
        else:
            searched = list(self.documents.values())
        for document in searched:
            hits = document.find_all(quote)
            if len(hits) > 1:
                places = ", ".join(f"{s.doc_id}@{s.start}" for s in hits)
                raise KGError(f"quote {quote!r} occurs {len(hits)} times ({places})", where,
                              "lengthen the quote until it occurs once")
            if hits:
                return hits[0]
        raise KGError(f"quote not found in the source text{f' {doc}' if doc else ''}: {quote!r}", where,
                      "copy the quote character for character from the article (punctuation included)")

    def locate_all(self, quotes: str, where: Location, docs: str = "") -> list[Span]:
        """Spans for a `|`-separated list of quotes; at least one quote is required.

        `docs` is the row's ``doc`` cell: empty (search every document), one document id for every quote,
        or a `|`-separated list parallel to the quotes (an empty entry searches every document).
        """
        parts = [q for q in (normalise(p) for p in quotes.split("|")) if q]
        if not parts:
            raise KGError("no evidence quote", where, "copy the text that states this fact into the quote column")
        names = [d.strip() for d in docs.split("|")] if docs.strip() else [""]
        if len(names) == 1:
            names = names * len(parts)
        if len(names) != len(parts):
            raise KGError(f"{len(names)} documents for {len(parts)} quotes", Location(where.path, where.line, "doc"),
                          "give one document id, or one per quote separated by '|' in the same order")
        return [self.locate(q, where, d) for q, d in zip(parts, names)]


def load_corpus(folder: Path) -> Corpus:
    """Read every ``*.txt`` under `folder` with its required ``.json`` metadata record."""
    documents = []
    for text_path in sorted(folder.glob("*.txt")):
        meta_path = text_path.with_suffix(".json")
        try:
            text = text_path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KGError(f"not UTF-8 text (byte {exc.start})", Location(text_path), "save the file as UTF-8") from None
        if not meta_path.exists():
            raise KGError("source text has no metadata record", Location(text_path),
                          f"write {meta_path.name} beside it (see docs/DATA.md)")
        meta = read_json(meta_path)
        doc_id = meta.get("id")
        if not isinstance(doc_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", doc_id):
            raise KGError("missing or invalid 'id'", Location(meta_path), "give the document a slug id such as 'doc-000'")
        documents.append(Document(doc_id, text_path, text, meta, meta_path))
    if not documents:
        raise KGError("no source documents", Location(folder), "put the article as <name>.txt with <name>.json here")
    return Corpus(documents)


def read_json(path: Path) -> dict:
    """Parse a JSON object, reporting syntax errors with their line."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KGError(f"malformed JSON: {exc.msg}", Location(path, exc.lineno)) from None
    if not isinstance(value, dict):
        raise KGError("expected a JSON object", Location(path))
    return value
