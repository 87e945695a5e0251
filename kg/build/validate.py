"""SHACL validation of the merged ontology + data graph, reported against the curated rows."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.build.ontology import parse_turtle
from kg.errors import KGError, Location
from kg.labels import local_name
from kg.ns import SH

ONTOLOGY_IRI = "https://w3id.org/binjiang-kg/ont"


@dataclass(frozen=True)
class Finding:
    """One SHACL result: severity, the node at fault, the path and the shape's message."""

    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None = None

    @property
    def node(self) -> str:
        """The data node at fault: the value of a graph-wide rule, else the focus node."""
        return self.value or self.focus

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        subject = "" if self.value else f"{self.focus}{where}: "
        return f"{self.severity}: {subject}{self.message}"


def shacl_findings(graph: Graph, shapes: Graph) -> list[Finding]:
    """Validate `graph` (ontology and data merged, so that subclass targets work) against `shapes`."""
    import pyshacl  # imported here: loading it costs a second, and only the build validates

    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, allow_warnings=True, advanced=False)
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value
        findings.append(Finding(
            severity=local_name(value(result, SH.resultSeverity)),
            focus=str(value(result, SH.focusNode)),
            path=(str(value(result, SH.resultPath)) if value(result, SH.resultPath) else None),
            message=str(value(result, SH.resultMessage) or value(result, SH.sourceConstraintComponent)),
            value=_graph_rule_value(report, result),
        ))
    return sorted(findings, key=lambda f: (f.severity != "Violation", f.focus, f.path or "", f.message))


def _graph_rule_value(report: Graph, result) -> str | None:
    """sh:value of a result of a graph-wide rule (focused on the ontology node), else None."""
    value = report.value(result, SH.value)
    focus = str(report.value(result, SH.focusNode))
    return str(value) if value is not None and focus == ONTOLOGY_IRI else None


def check(graph: Graph, shapes_path: Path, origin: dict[URIRef, Location]) -> list[Finding]:
    """Raise KGError on the first violation, naming the row that made the node; return the warnings."""
    findings = shacl_findings(graph, parse_turtle(shapes_path))
    violations = [f for f in findings if f.severity == "Violation"]
    if violations:
        first = violations[0]
        where = origin.get(URIRef(first.node), shapes_path)
        more = f" (and {len(violations) - 1} more violations)" if len(violations) > 1 else ""
        raise KGError(f"SHACL: {first}{more}", where, "correct the data so that it meets ontology/shapes.ttl")
    return findings
