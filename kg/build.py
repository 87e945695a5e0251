"""`kg build`: ontology + curated data -> validated graph -> deterministic outputs, written atomically."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph

from .assemble import assemble
from .errors import KGError, Location
from .ns import PREFIXES, bind_prefixes
from .ontology import SHAPES_FILE, Vocabulary, load_ontology
from .sources import load_corpus
from .tables import read_tables
from .validate import Finding, check


@dataclass(frozen=True)
class Project:
    """Where a project keeps its inputs and outputs (the repository layout by default)."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    @property
    def build(self) -> Path:
        return self.root / "build"


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
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
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
    """Every output file's name and text (rendered in memory first, so a failure writes nothing)."""
    from .explorer import render_explorer
    from .network import project_graph

    return {
        "kg.ttl": serialize_turtle(graph),
        "kg.nt": serialize_ntriples(graph),
        "kg.jsonld": serialize_jsonld(graph),
        "explorer.html": render_explorer(project_graph(graph), title="高新区(滨江)创新生态知识图谱 · Binjiang innovation ecosystem"),
    }


def write_atomically(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each file to a temporary sibling, then rename it in place: readers never see half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    try:
        for name, text in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are for anyone to read
            staged.append((Path(tmp), folder / name))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]


def build(project: Project) -> BuildResult:
    """Compile, validate and write build/kg.ttl, kg.nt, kg.jsonld and explorer.html."""
    graph, warnings = compile_graph(project)
    files = render_outputs(graph)
    return BuildResult(graph, warnings, write_atomically(project.build, files))
