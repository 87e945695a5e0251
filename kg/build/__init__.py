"""The build path: tables, sources, ontology and periods -> assemble -> validate -> `pipeline` (`kg build`)."""
from kg.build.pipeline import BuildResult, build, compile_graph

__all__ = ["BuildResult", "build", "compile_graph"]
