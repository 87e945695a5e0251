"""N-Triples terms and lines written as text: the generator formats strings (rdflib terms only in `rdf_line`).

>>> print(line(bjr("unitree"), PREF_LABEL, literal("宇树科技", "zh")), end="")
<https://w3id.org/binjiang-kg/id/unitree> <http://www.w3.org/2004/02/skos/core#prefLabel> "宇树科技"@zh .
>>> literal('say "hi"', "en"), typed_literal(3, "integer")
('"say \\\\"hi\\\\""@en', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
"""
from __future__ import annotations

from kg.ns import BJ, BJR, PROV, RDF, SCHEMA, SKOS, XSD


def iri(term) -> str:
    """Any IRI (an rdflib term or a string) in N-Triples."""
    return f"<{term}>"


def bjr(local: str) -> str:
    """A ``bjr:`` entity IRI in N-Triples."""
    return f"<{BJR}{local}>"


def bj(name: str) -> str:
    """A ``bj:`` class or property IRI in N-Triples."""
    return f"<{BJ}{name}>"


def schema(name: str) -> str:
    """A ``schema:`` class or property IRI in N-Triples."""
    return f"<{SCHEMA}{name}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal(text, lang: str | None = None) -> str:
    """A string literal, with a language tag when `lang` is given."""
    body = '"' + str(text).translate(_ESCAPES) + '"'
    return body + (f"@{lang}" if lang else "")


def typed_literal(value, datatype: str) -> str:
    """A literal of an XML Schema datatype (``integer``, ``decimal``, ``date``)."""
    return f'"{value}"^^<{XSD}{datatype}>'


def line(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line from terms already written as N-Triples."""
    return f"{subject} {predicate} {obj} .\n"


def rdf_line(subject, predicate, obj) -> str:
    """One N-Triples line from rdflib terms."""
    return line(subject.n3(), predicate.n3(), obj.n3())


RDF_TYPE = iri(RDF.type)
PREF_LABEL = iri(SKOS.prefLabel)
DERIVED_FROM = iri(PROV.wasDerivedFrom)
