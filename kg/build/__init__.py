"""The build path: curated tables and source texts -> RDF -> SHACL -> deterministic files.

Modules in the order a fact passes through them: `tables` (rows with their file and line), `sources` (quotes
located in the raw text), `ontology` (what the vocabulary declares), `periods` (calendar periods), `assemble`
(rows -> triples, every fact reified on its spans), `validate` (SHACL), `serialize`/`pipeline` (outputs
written atomically). Nothing here imports the graph projection, analysis, display, ingest or serve layers.
"""
from kg.build.pipeline import BuildResult, build, compile_graph

__all__ = ["BuildResult", "build", "compile_graph"]
