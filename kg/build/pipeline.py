"""`kg build`: ontology + curated data -> validated graph -> deterministic outputs, written atomically."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph

from kg.build.assemble import assemble
from kg.build.ontology import SHAPES_FILE, Vocabulary, load_ontology
from kg.build.sources import load_corpus
from kg.build.tables import read_tables
from kg.build.validate import Finding, check
from kg.errors import KGError, Location
from kg.ns import PREFIX_IRIS, bind_prefixes
from kg.project import Project, write_atomically


@dataclass
class BuildResult:
    graph: Graph
    warnings: list[Finding]
    outputs: list[Path]


def compile_graph(project: Project) -> tuple[Graph, list[Finding]]:
    """Read, check and merge everything; raise KGError on bad input. Writes nothing."""
    ontology = load_ontology(project.ontology)
    corpus = load_corpus(project.sources)
    assembly = assemble(corpus, Vocabulary.of(ontology), read_tables(project.data))
    graph = bind_prefixes(Graph())
    for triple in ontology:
        graph.add(triple)
    for triple in assembly.graph:
        graph.add(triple)
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        # Blank-node labels change from run to run; outputs must not.
        raise KGError("the graph has blank nodes", Location(project.ontology),
                      "name every node with an IRI (blank-node labels would make the outputs differ between builds)")
    warnings = check(graph, project.ontology / SHAPES_FILE, assembly.origin)
    return graph, warnings


def serialize_ntriples(graph: Graph) -> str:
    """N-Triples with lines sorted, so the same graph always gives the same bytes."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(set(filter(None, lines)))) + "\n"


def serialize_jsonld(graph: Graph) -> str:
    """JSON-LD with the prefixes as an embedded context (never a remote one), nodes sorted by @id."""
    context = dict(sorted(PREFIX_IRIS.items()))
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.get("@graph", [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    document["@graph"] = sorted(nodes, key=lambda n: n.get("@id", ""))
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def serialize_turtle(graph: Graph) -> str:
    """Turtle; rdflib's serializer sorts subjects and predicates, and the graph has no blank nodes."""
    return graph.serialize(format="turtle")


def render_outputs(graph: Graph) -> dict[str, str]:
    """The graph's files by name and text (rendered in memory first, so a failure writes nothing)."""
    return {
        "kg.ttl": serialize_turtle(graph),
        "kg.nt": serialize_ntriples(graph),
        "kg.jsonld": serialize_jsonld(graph),
    }


def build(project: Project, *, extra_outputs: Callable[[Graph], dict[str, str]] | None = None) -> BuildResult:
    """Compile, validate and write build/kg.ttl, kg.nt and kg.jsonld, with any `extra_outputs` of the graph.

    `extra_outputs` (e.g. the explorer page, `kg.release`) is rendered before anything is written, so that a
    failure in it leaves every output as it was.
    """
    graph, warnings = compile_graph(project)
    files = render_outputs(graph)
    if extra_outputs is not None:
        files.update(extra_outputs(graph))
    return BuildResult(graph, warnings, write_atomically(project.build, files))
