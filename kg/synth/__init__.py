"""`kg synth`: a seeded synthetic ecosystem in the project's ontology, streamed as N-Triples.

Modules: `generator` (`synth_lines`, `write`: the plan of a run), `district` (one district's documents),
`document` (one generated source document and its spans), `vocabulary` (indicators, industries, names, ...),
`ntriples` (terms and lines written as text).
"""
from kg.synth.generator import synth_lines, write

__all__ = ["synth_lines", "write"]
