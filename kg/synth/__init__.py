"""`kg synth`: a seeded synthetic ecosystem in the project's ontology, streamed as N-Triples."""
from kg.synth.generator import synth_lines, write

__all__ = ["synth_lines", "write"]
