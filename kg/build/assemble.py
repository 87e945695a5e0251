"""Turn the curated tables and source documents into RDF: every fact with the spans that state it.

Two fact shapes (docs/MODEL.md): a fact with qualifiers is a node of its own (an indicator value,
a recognition, a quantity, a photo) that carries ``prov:wasDerivedFrom`` its spans; a plain binary
fact is asserted as is and reified as a ``bj:Assertion`` that carries the spans.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, SKOS, XSD

from kg.build.ontology import Vocabulary
from kg.build.periods import describe as describe_period, parse_period
from kg.build.sources import Corpus, Span
from kg.build.tables import SLUG, Row
from kg.errors import KGError, Location
from kg.ns import BJ, BJC, BJR, OA, SCHEMA, SDMX_ATT, SDMX_DIM, SDMX_MEAS, bind_prefixes, expand

MULTIPLIERS = {"亿": 8, "万": 4}
UNOFFICIAL = "English label is an unofficial translation"
DATASETS = {"actual": (BJ.StatObservation, BJR["ds-actuals"]), "target": (BJ.Target, BJR["ds-targets"])}
# Predicates a node states about itself, evidenced by the node's own spans rather than by an Assertion.
SELF_EVIDENCED = frozenset({RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.editorialNote, PROV.wasDerivedFrom})


@dataclass
class Assembly:
    """The data graph being built, and where each node came from (for error messages)."""

    corpus: Corpus
    vocabulary: Vocabulary
    graph: Graph = field(default_factory=lambda: bind_prefixes(Graph()))
    origin: dict[URIRef, Location] = field(default_factory=dict)
    _facts: dict[tuple, URIRef] = field(default_factory=dict)

    # -- identities and references -------------------------------------------------------------
    def claim(self, slug: str, where: Location) -> URIRef:
        """Register a new node id; ids are unique across every table and metadata record."""
        node = BJR[slug]
        if node in self.origin:
            raise KGError(f"duplicate id {slug!r} (first defined at {self.origin[node]})", where,
                          "give each row its own id")
        self.origin[node] = where
        return node

    def ref(self, value: str, where: Location) -> URIRef:
        """Resolve a reference: an id of a row, a period notation (per:...) or a declared ontology term."""
        if ":" in value:
            try:
                term = expand(value)
            except (KeyError, ValueError) as exc:
                raise KGError(f"{value!r} is not a known prefixed name ({exc})", where, "see the prefixes in kg/ns.py") from None
            if value.startswith("per:"):
                return self.period(value[4:], where)
            if term not in self.vocabulary.terms:
                raise KGError(f"{value!r} is not declared in the ontology", where, "use a term of ontology/*.ttl")
            return term
        node = BJR[value]
        if not SLUG.fullmatch(value) or node not in self.origin:
            raise KGError(f"unknown entity {value!r}", where, "use the id of a row of entities.csv (or another table)")
        return node

    def period(self, notation: str, where: Location) -> URIRef:
        try:
            period = parse_period(notation)
        except ValueError as exc:
            raise KGError(str(exc), where) from None
        describe_period(period, self.graph)
        return period.iri

    def term(self, value: str, allowed: frozenset[URIRef], what: str, where: Location) -> URIRef:
        """A prefixed name that must be one of the ontology's declared `allowed` terms."""
        try:
            term = expand(value)
        except (KeyError, ValueError):
            term = None
        if term not in allowed:
            raise KGError(f"{value!r} is not a {what} declared in the ontology", where,
                          f"use a declared {what} (ontology/ontology.ttl) or declare it there first")
        return term

    # -- evidence ---------------------------------------------------------------------------------
    def spans(self, row_quotes: str, where: Location, docs: str = "") -> list[URIRef]:
        return [self.span_node(s) for s in self.corpus.locate_all(row_quotes, where, docs)]

    def span_node(self, span: Span) -> URIRef:
        node, g = BJR[span.slug], self.graph
        g.add((node, RDF.type, BJ.TextSpan))
        g.add((node, OA.hasSource, BJR[span.doc_id]))
        g.add((node, OA.start, Literal(span.start)))
        g.add((node, OA.end, Literal(span.end)))
        g.add((node, OA.exact, Literal(span.exact)))
        g.add((node, BJ.quote, Literal(span.quote)))
        return node

    def derive(self, node: URIRef, spans: list[URIRef]) -> None:
        for span in spans:
            self.graph.add((node, PROV.wasDerivedFrom, span))

    def fact(self, s: URIRef, p: URIRef, o, spans: list[URIRef]) -> URIRef:
        """Assert (s p o) and reify it as a bj:Assertion derived from `spans`; evidence accumulates."""
        self.graph.add((s, p, o))
        key = (s, p, o)
        statement = self._facts.get(key)
        if statement is None:
            digest = hashlib.sha1(" ".join(t.n3() for t in key).encode()).hexdigest()[:16]
            statement = self._facts[key] = BJR[f"stmt-{digest}"]
            for triple in ((RDF.type, BJ.Assertion), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o)):
                self.graph.add((statement, *triple))
        self.derive(statement, spans)
        return statement


# -- cell parsers -------------------------------------------------------------------------------------
def decimal(row: Row, column: str) -> Decimal:
    try:
        value = Decimal(row[column])
    except InvalidOperation:
        raise KGError(f"{row[column]!r} is not a number", row.at(column), "write digits with a '.' decimal point") from None
    if not value.is_finite():
        raise KGError(f"{row[column]!r} is not a finite number", row.at(column))
    return value


def integer(row: Row, column: str, minimum: int | None = None) -> int:
    text = row[column]
    if not text.lstrip("-").isdigit() or (minimum is not None and int(text) < minimum):
        floor = "" if minimum is None else f" >= {minimum}"
        raise KGError(f"{text!r} is not an integer{floor}", row.at(column))
    return int(text)


def literal(row: Row) -> Literal:
    """The `value` cell of a statement, typed by its `datatype` cell."""
    value, datatype, where = row["value"], row["datatype"] or "@zh", row.at("value")
    if datatype.startswith("@"):
        return Literal(value, lang=datatype[1:])
    try:
        parse = {"xsd:string": str, "xsd:integer": int, "xsd:decimal": Decimal,
                 "xsd:date": date.fromisoformat, "xsd:boolean": _boolean}[datatype]
    except KeyError:
        raise KGError(f"unsupported datatype {datatype!r}", row.at("datatype"),
                      "use xsd:string, xsd:integer, xsd:decimal, xsd:date, xsd:boolean, @zh or @en") from None
    try:
        parsed = parse(value)
    except (ValueError, InvalidOperation):
        raise KGError(f"{value!r} does not parse as {datatype}", where,
                      "dates are YYYY-MM-DD; numbers use digits and '.'") from None
    return Literal(value, datatype=XSD.string) if datatype == "xsd:string" else Literal(parsed, datatype=expand(datatype))


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(text)
    return text == "true"


# -- tables ---------------------------------------------------------------------------------------------
def claim_ids(a: Assembly, tables: dict[str, list[Row]]) -> None:
    """Register every id first, so that rows may refer to rows further down or in other tables."""
    for doc in a.corpus.documents.values():
        a.claim(doc.id, Location(doc.meta_path, column="id"))
        for i, photo in enumerate(doc.meta.get("photos", [])):
            where = Location(doc.meta_path, column=f"photos[{i}].id")
            slug = photo.get("id", "")
            if not SLUG.fullmatch(slug):
                raise KGError(f"{slug!r} is not an id", where, "use a slug such as 'photo-iot-street'")
            a.claim(slug, where)
    for name in ("entities", "observations", "quantities", "recognitions"):
        for row in tables[name]:
            a.claim(row.slug("id"), row.at("id"))


def add_entities(a: Assembly, rows: list[Row]) -> None:
    g = a.graph
    for row in rows:
        node = BJR[row["id"]]
        g.add((node, RDF.type, a.term(row["class"], a.vocabulary.classes, "class", row.at("class"))))
        g.add((node, SKOS.prefLabel, Literal(row["label_zh"], lang="zh")))
        if row["label_en"]:
            g.add((node, SKOS.prefLabel, Literal(row["label_en"], lang="en")))
            if row["en_source"] not in ("official", "translation"):
                raise KGError(f"en_source is {row['en_source']!r}", row.at("en_source"),
                              "write 'official' (the entity's own English name) or 'translation'")
            if row["en_source"] == "translation":
                g.add((node, SKOS.editorialNote, Literal(UNOFFICIAL, lang="en")))
        for alt in filter(None, (x.strip() for x in row["alt_labels"].split(";"))):
            text, _, lang = alt.rpartition("@") if "@" in alt else (alt, "", "zh")
            g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        a.derive(node, a.spans(row["quote"], row.at("quote"), row["doc"]))


def add_statements(a: Assembly, rows: list[Row]) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        subject = a.ref(row["subject"], row.at("subject"))
        prop = a.term(row["property"], a.vocabulary.properties, "property", row.at("property"))
        if bool(row["object"]) == bool(row["value"]):
            raise KGError("give either an object or a value", row.at(), "fill exactly one of the columns object and value")
        if row["object"]:
            if prop in a.vocabulary.datatype_properties:
                raise KGError(f"{row['property']} takes a value, not an object", row.at("object"), "move it to the value column")
            obj = a.ref(row["object"], row.at("object"))
        else:
            if prop in a.vocabulary.object_properties:
                raise KGError(f"{row['property']} takes an object, not a value", row.at("value"), "move it to the object column")
            obj = literal(row)
        key = (subject, prop, obj)
        if key in seen:
            raise KGError(f"duplicate fact (also at line {seen[key]})", row.at(), "merge the quotes of both rows with '|'")
        seen[key] = row.line
        a.fact(subject, prop, obj, a.spans(row["quote"], row.at("quote"), row["doc"]))


def add_value_attributes(a: Assembly, node: URIRef, row: Row) -> None:
    """Unit, multiplier (亿/万 as an SDMX unitMult) and comparator of an observation or quantity."""
    g = a.graph
    g.add((node, SDMX_ATT.unitMeasure, a.term(row["unit"], a.vocabulary.units, "unit", row.at("unit"))))
    if row["multiplier"]:
        if row["multiplier"] not in MULTIPLIERS:
            raise KGError(f"unknown multiplier {row['multiplier']!r}", row.at("multiplier"), "write 亿 or 万, or leave it empty")
        g.add((node, SDMX_ATT.unitMult, Literal(MULTIPLIERS[row["multiplier"]])))
    if row["comparator"]:
        comparator = BJC[f"cmp-{row['comparator']}"]
        if comparator not in a.vocabulary.terms:
            raise KGError(f"unknown comparator {row['comparator']!r}", row.at("comparator"),
                          "write gt (突破, 余), ge (以上) or approx (约), or leave it empty")
        g.add((node, BJ.comparator, comparator))


def add_observations(a: Assembly, rows: list[Row]) -> None:
    g = a.graph
    for row in rows:
        node = BJR[row["id"]]
        if row["kind"] not in DATASETS:
            raise KGError(f"kind is {row['kind']!r}", row.at("kind"), "write actual or target")
        cls, dataset = DATASETS[row["kind"]]
        spans = a.spans(row["quote"], row.at("quote"), row["doc"])
        g.add((node, RDF.type, cls))
        g.add((node, QB.dataSet, dataset))
        g.add((node, SDMX_DIM.refArea, a.ref(row["area"], row.at("area"))))
        g.add((node, BJ.indicator, a.ref(row["indicator"], row.at("indicator"))))
        if row["period"]:
            g.add((node, SDMX_DIM.refPeriod, a.period(row["period"], row.at("period"))))
        elif row["kind"] == "actual":
            raise KGError("an actual value needs a period", row.at("period"), "write the period, e.g. 2024 or 2025-Q1")
        g.add((node, SDMX_MEAS.obsValue, Literal(decimal(row, "value"))))
        add_value_attributes(a, node, row)
        if row["rank"]:
            g.add((node, BJ.rank, Literal(integer(row, "rank", minimum=1))))
            if not row["rank_scope"]:
                raise KGError("a rank needs its scope", row.at("rank_scope"), "name the region ranked in, e.g. zhejiang")
            g.add((node, BJ.rankScope, a.ref(row["rank_scope"], row.at("rank_scope"))))
        a.derive(node, spans)
        if row["target_of"]:
            a.fact(a.ref(row["target_of"], row.at("target_of")), BJ.hasTarget, node, spans)


def add_quantities(a: Assembly, rows: list[Row]) -> None:
    g = a.graph
    for row in rows:
        node = BJR[row["id"]]
        spans = a.spans(row["quote"], row.at("quote"), row["doc"])
        g.add((node, RDF.type, BJ.QuantityValue))
        if row["max_value"]:
            g.add((node, SCHEMA.minValue, Literal(decimal(row, "value"))))
            g.add((node, SCHEMA.maxValue, Literal(decimal(row, "max_value"))))
        else:
            g.add((node, SCHEMA.value, Literal(decimal(row, "value"))))
        add_value_attributes(a, node, row)
        a.derive(node, spans)
        prop = a.term(row["property"], a.vocabulary.properties, "property", row.at("property"))
        a.fact(a.ref(row["subject"], row.at("subject")), prop, node, spans)


def add_recognitions(a: Assembly, rows: list[Row]) -> None:
    g = a.graph
    for row in rows:
        node = BJR[row["id"]]
        g.add((node, RDF.type, BJ.Recognition))
        g.add((node, BJ.recipient, a.ref(row["recipient"], row.at("recipient"))))
        g.add((node, BJ.award, a.ref(row["award"], row.at("award"))))
        if row["period"]:
            g.add((node, DCTERMS.temporal, a.period(row["period"], row.at("period"))))
        if row["consecutive_years"]:
            g.add((node, BJ.consecutiveYears, Literal(integer(row, "consecutive_years", minimum=1))))
        if row["first_time"]:
            if row["first_time"] not in ("true", "false"):
                raise KGError(f"first_time is {row['first_time']!r}", row.at("first_time"), "write true or false")
            g.add((node, BJ.isFirstTime, Literal(row["first_time"] == "true")))
        a.derive(node, a.spans(row["quote"], row.at("quote"), row["doc"]))


def add_documents(a: Assembly) -> None:
    """Each document with its title, language, authors and photos (captions and photographers)."""
    g = a.graph
    for doc in a.corpus.documents.values():
        node, meta = BJR[doc.id], doc.meta

        def at(key: str) -> Location:
            return Location(doc.meta_path, column=key)

        g.add((node, RDF.type, BJ.SourceDocument))
        g.add((node, SCHEMA.text, Literal(doc.text)))
        g.add((node, SCHEMA.inLanguage, Literal(meta.get("language", "zh-CN"))))
        title = meta.get("title") or ""
        title_span = a.span_node(a.corpus.locate(title, at("title"), doc.id))
        g.add((node, SCHEMA.headline, Literal(title, lang="zh")))
        g.add((node, SKOS.prefLabel, Literal(title, lang="zh")))
        if meta.get("title_en"):
            g.add((node, SKOS.prefLabel, Literal(meta["title_en"], lang="en")))
            g.add((node, SKOS.editorialNote, Literal(UNOFFICIAL, lang="en")))
        a.derive(node, [title_span])
        for i, author in enumerate(meta.get("authors", [])):
            person = a.ref(author, at(f"authors[{i}]"))
            a.fact(node, SCHEMA.author, person, list(g.objects(person, PROV.wasDerivedFrom)))
        for i, photo in enumerate(meta.get("photos", [])):
            add_photo(a, node, photo, lambda key: at(f"photos[{i}].{key}"), doc.id)


def add_photo(a: Assembly, doc: URIRef, photo: dict, at, doc_id: str = "") -> None:
    g, node = a.graph, BJR[photo["id"]]
    for key in ("caption", "photographer", "quote"):
        if not photo.get(key):
            raise KGError(f"photo has no {key}", at(key), "every photo needs id, caption, photographer and quote")
    spans = a.spans(photo["quote"], at("quote"), doc_id)
    g.add((node, RDF.type, BJ.Photo))
    g.add((node, SKOS.prefLabel, Literal(photo["caption"], lang="zh")))
    g.add((node, SCHEMA.caption, Literal(photo["caption"], lang="zh")))
    if photo.get("caption_en"):
        g.add((node, SKOS.prefLabel, Literal(photo["caption_en"], lang="en")))
        g.add((node, SKOS.editorialNote, Literal(UNOFFICIAL, lang="en")))
    a.derive(node, spans)
    a.fact(doc, SCHEMA.associatedMedia, node, spans)
    a.fact(node, SCHEMA.creator, a.ref(photo["photographer"], at("photographer")), spans)
    for j, depicted in enumerate(photo.get("depicts", [])):
        a.fact(node, SCHEMA.about, a.ref(depicted, at(f"depicts[{j}]")), spans)


def assemble(corpus: Corpus, vocabulary: Vocabulary, tables: dict[str, list[Row]]) -> Assembly:
    """Build the data graph (without the ontology); raises KGError at the first bad cell."""
    a = Assembly(corpus, vocabulary)
    claim_ids(a, tables)
    add_entities(a, tables["entities"])
    add_documents(a)
    add_statements(a, tables["statements"])
    add_observations(a, tables["observations"])
    add_quantities(a, tables["quantities"])
    add_recognitions(a, tables["recognitions"])
    return a
