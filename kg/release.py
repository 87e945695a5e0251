"""`kg build`'s release: the graph's files and the explorer page drawn from it, written together."""
from __future__ import annotations

from rdflib import Graph

from kg.build.pipeline import BuildResult, build
from kg.project import Project


def explorer_output(graph: Graph) -> dict[str, str]:
    """``explorer.html``: the whole graph in the offline explorer."""
    from kg.display.explorer import render_explorer
    from kg.graph.projection import project_graph
    from kg.graph.views import WHOLE_GRAPH_TITLE

    title = f"{WHOLE_GRAPH_TITLE} · Binjiang innovation ecosystem"
    return {"explorer.html": render_explorer(project_graph(graph), title=title)}


def build_release(project: Project) -> BuildResult:
    """Build the graph and write build/kg.ttl, kg.nt, kg.jsonld and explorer.html, all or none."""
    return build(project, extra_outputs=explorer_output)
