"""One small generated ``bj:SourceDocument`` at a time: its sentences, their spans and the facts they state.

>>> emitter = Emitter(seed=0)
>>> doc = GeneratedDocument(emitter, "doc-x", "标题", bjr("reporter"))
>>> span = doc.say("宇树科技位于滨江。")
>>> doc.entity(bjr("unitree"), "Company", "宇树科技", "Unitree Robotics", span)
>>> doc.fact(bjr("unitree"), schema("location"), bjr("binjiang"), span)
>>> lines = doc.close()
>>> len(lines), emitter.assertions, span.endswith("span-doc-x-c3-12>")
(30, 1, True)
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.ns import OA, RDF
from kg.synth.ntriples import DERIVED_FROM, PREF_LABEL, RDF_TYPE, bj, bjr, iri, line, literal, schema, typed_literal


class Emitter:
    """The run's seed and counts: lines emitted so far, assertions numbered so far."""

    def __init__(self, seed: int):
        self.seed = seed
        self.triples = 0
        self.assertions = 0

    def emit(self, lines: list[str]) -> Iterator[str]:
        self.triples += len(lines)
        yield from lines


class GeneratedDocument:
    """Sentences appended one by one to a document's text; the triples they support are buffered.

    The headline is the first line of the text. `close` returns the document's own triples (with the whole
    text, now known) followed by the buffered ones.
    """

    def __init__(self, emitter: Emitter, doc_id: str, headline: str, author: str):
        self.emitter, self.id, self.iri = emitter, doc_id, bjr(doc_id)
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[str] = []
        self.headline, self.author = headline, author
        self.say(headline + "\n")

    def say(self, sentence: str) -> str:
        """Append a sentence; return the IRI of its span (the span's triples are buffered)."""
        exact = sentence.rstrip("\n")
        start, end = self.length, self.length + len(exact)
        self.parts.append(sentence)
        self.length += len(sentence)
        span = bjr(f"span-{self.id}-c{start}-{end}")
        for predicate, obj in ((RDF_TYPE, bj("TextSpan")), (iri(OA.hasSource), self.iri),
                               (iri(OA.start), typed_literal(start, "integer")),
                               (iri(OA.end), typed_literal(end, "integer")),
                               (iri(OA.exact), literal(exact)), (bj("quote"), literal(exact))):
            self.triple(span, predicate, obj)
        return span

    def triple(self, subject: str, predicate: str, obj: str) -> None:
        """Buffer one triple of terms already written as N-Triples."""
        self.lines.append(line(subject, predicate, obj))

    def entity(self, node: str, cls: str, zh: str, en: str | None, span: str) -> None:
        """A typed, labelled node derived from `span`; `cls` is a ``bj:`` class name or a full IRI."""
        self.triple(node, RDF_TYPE, bj(cls) if ":" not in cls else cls)
        self.triple(node, PREF_LABEL, literal(zh, "zh"))
        if en:
            self.triple(node, PREF_LABEL, literal(en, "en"))
        self.triple(node, DERIVED_FROM, span)

    def fact(self, subject: str, predicate: str, obj: str, span: str) -> None:
        """An asserted triple, reified as a ``bj:Assertion`` resting on `span`."""
        self.triple(subject, predicate, obj)
        self.emitter.assertions += 1
        assertion = bjr(f"stmt-{self.emitter.assertions}")
        self.triple(assertion, RDF_TYPE, bj("Assertion"))
        self.triple(assertion, iri(RDF.subject), subject)
        self.triple(assertion, iri(RDF.predicate), predicate)
        self.triple(assertion, iri(RDF.object), obj)
        self.triple(assertion, DERIVED_FROM, span)

    def close(self) -> list[str]:
        """The document's triples, then the buffered ones."""
        text = "".join(self.parts)
        head = [line(self.iri, predicate, obj) for predicate, obj in (
            (RDF_TYPE, bj("SourceDocument")), (PREF_LABEL, literal(self.headline, "zh")),
            (PREF_LABEL, literal(f"document {self.id}", "en")), (schema("headline"), literal(self.headline, "zh")),
            (schema("text"), literal(text)), (schema("inLanguage"), literal("zh-CN")), (schema("author"), self.author),
            (DERIVED_FROM, bjr(f"span-{self.id}-c0-{len(self.headline)}")))]
        return head + self.lines
