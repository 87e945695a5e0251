"""Load the ontology files and answer what they declare: classes, properties, units and concepts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import KGError, Location
from kg.ns import QUDT, bind_prefixes

SHAPES_FILE = "shapes.ttl"
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse a Turtle file into `graph`; a syntax error names the file and line."""
    graph = graph if graph is not None else bind_prefixes(Graph())
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises BadSyntax, ParserError or ValueError depending on the fault
        message = getattr(exc, "_why", None) or str(exc).strip().splitlines()[-1]
        raise KGError(f"malformed Turtle: {message}", Location(path, _error_line(exc)),
                      "correct the Turtle syntax at that line") from None
    return graph


def _error_line(exc: Exception) -> int | None:
    """The 1-based line of a Turtle syntax error, counted from its character offset.

    rdflib's own `lines` counter drifts after some constructs (a language tag followed by a line break).
    """
    text, offset = getattr(exc, "_str", None), getattr(exc, "_i", None)  # BadSyntax keeps the text as UTF-8
    if isinstance(text, bytes) and isinstance(offset, int):
        return text.decode("utf-8", "replace").count("\n", 0, offset) + 1
    line = getattr(exc, "lines", None)
    return None if line is None else line + 1


def load_ontology(folder: Path) -> Graph:
    """Every ``*.ttl`` of the ontology folder except the SHACL shapes, merged."""
    graph = bind_prefixes(Graph())
    files = sorted(p for p in folder.glob("*.ttl") if p.name != SHAPES_FILE)
    if not files:
        raise KGError("no ontology files", Location(folder), "restore ontology/ontology.ttl")
    for path in files:
        parse_turtle(path, graph)
    return graph


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology declares, for checking the curated data against it."""

    classes: frozenset[URIRef]
    object_properties: frozenset[URIRef]
    datatype_properties: frozenset[URIRef]
    properties: frozenset[URIRef]
    units: frozenset[URIRef]
    terms: frozenset[URIRef]

    @classmethod
    def of(cls, ontology: Graph) -> "Vocabulary":
        def typed(*types):
            return frozenset(s for t in types for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef))

        return cls(
            classes=typed(OWL.Class, RDFS.Class),
            object_properties=typed(OWL.ObjectProperty),
            datatype_properties=typed(OWL.DatatypeProperty),
            properties=typed(*_PROPERTY_TYPES),
            units=typed(QUDT.Unit),
            terms=frozenset(s for s in ontology.subjects() if isinstance(s, URIRef)),
        )
