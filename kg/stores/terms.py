"""RDF terms as each store gives them, read three ways: as rdflib terms, as plain text, as Python values.

A store's answer keeps its own native terms (rdflib terms, pyoxigraph terms, SPARQL JSON bindings) and a
`TermReader` for them, and converts only as far as the caller needs: the NetworkX projection reads text
(an IRI or a literal's lexical form), DataFrames read Python values, and only callers that ask for rdflib
terms pay for them. Building an rdflib ``Literal`` costs several microseconds (it parses and normalises
its lexical form); reading a pyoxigraph term's ``.value`` costs a tenth of that, which is the difference
between a projection that keeps pace with the engine and one that spends 80% of its time in conversion
(benchmarks/results/scale.md).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cached_property

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node, XSDToPython

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}

# The datatypes our data uses, read straight from the lexical form with the constructors rdflib's toPython
# uses; any other datatype, and any lexical form these reject, goes through rdflib so that every store agrees.
_FAST_VALUE = {
    **{XSD + name: str for name in ("string", "normalizedString", "token", "language", "anyURI")},
    RDF_LANGSTRING: str,
    **{XSD + name: int for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")},
    XSD + "decimal": Decimal,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": _BOOLEANS.__getitem__,
    # rdflib's own readers: its xsd:date reader refuses forms that date.fromisoformat takes ("20250518")
    **{XSD + name: XSDToPython[URIRef(XSD + name)] for name in ("date", "dateTime")},
}


NOT_READ = object()  # what `literal_value` gives when rdflib must read the literal


def literal_value(lexical: str, datatype: str | None):
    """The Python value of a literal of a common datatype, else `NOT_READ` (then let rdflib read it).

    A lexical form these constructors reject (``"abc"^^xsd:integer``) is also left to rdflib, which decides
    what an ill-typed literal reads as.

    >>> literal_value("42", XSD + "integer")
    42
    >>> literal_value("abc", XSD + "integer") is NOT_READ
    True
    """
    parse = _FAST_VALUE.get(datatype or XSD_STRING)
    if parse is not None:
        try:
            return parse(lexical)
        except (ValueError, KeyError, InvalidOperation):
            pass
    return NOT_READ


def python_value(term: Node | None):
    """A Python value for one rdflib term: IRIs and blank nodes as strings, literals as their value.

    >>> python_value(Literal(3))
    3
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value  # ill-typed or unknown datatype: keep the text
    return str(term)


class TermReader:
    """How to read one store's native terms; `None` (unbound) reads as None every way."""

    def term(self, native) -> Node | None:
        """The rdflib term."""
        raise NotImplementedError

    def text(self, native) -> str | None:
        """The IRI, blank node label or lexical form."""
        raise NotImplementedError

    def value(self, native):
        """A Python value (see `python_value`)."""
        raise NotImplementedError


class RdflibTerms(TermReader):
    """rdflib terms (MemoryStore): nothing to convert."""

    def term(self, native):
        return native

    def text(self, native):
        return None if native is None else str(native)

    def value(self, native):
        return python_value(native)


class OxigraphTerms(TermReader):
    """pyoxigraph terms (OxigraphStore)."""

    def term(self, native):
        return to_rdflib(native)

    def text(self, native):
        return None if native is None else native.value

    def value(self, native):
        if native is None:
            return None
        if type(native) is not self._literal or native.language:  # IRIs, blank nodes, tagged strings
            return native.value
        value = literal_value(native.value, native.datatype.value)
        return value if value is not NOT_READ else python_value(to_rdflib(native))

    @cached_property
    def _literal(self):
        import pyoxigraph

        return pyoxigraph.Literal


class JsonTerms(TermReader):
    """Terms of SPARQL 1.1 Query Results JSON (SparqlStore): ``{"type": ..., "value": ..., ...}``."""

    def term(self, native):
        return json_term(native)

    def text(self, native):
        return None if native is None else native["value"]

    def value(self, native):
        if native is None:
            return None
        if native["type"] not in ("literal", "typed-literal") or "xml:lang" in native:
            return native["value"]
        value = literal_value(native["value"], native.get("datatype"))
        return value if value is not NOT_READ else python_value(json_term(native))


RDFLIB_TERMS, OXIGRAPH_TERMS, JSON_TERMS = RdflibTerms(), OxigraphTerms(), JsonTerms()


def to_oxigraph(term: Node):
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the rdflib term MemoryStore would give (plain strings without a datatype)."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype in (XSD_STRING, RDF_LANGSTRING) else URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def json_term(value: dict | None) -> Node | None:
    """A term of SPARQL 1.1 Query Results JSON as the rdflib term MemoryStore would give."""
    from kg.errors import KGError

    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        datatype = value.get("datatype")
        return Literal(value["value"],
                       datatype=None if datatype in (None, XSD_STRING, RDF_LANGSTRING) else URIRef(datatype))
    raise KGError(f"unsupported term in a SPARQL JSON answer: {kind!r}")
