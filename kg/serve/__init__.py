"""`kg serve`: a safe, read-only SPARQL 1.1 Protocol endpoint over the built graph.

Engine: Oxigraph (pyoxigraph). It is a complete, tested SPARQL 1.1 engine written in Rust (about ten times
faster than rdflib on joins and GROUP BY here), it serializes every result format the protocol needs (JSON,
XML, CSV, TSV, Turtle, N-Triples, JSON-LD), and as a library it lets us own what its server lacks: a
timeout that really stops the work (`engine`: one process per worker, killed when too slow), refusal of
SERVICE/FROM/LOAD (`policy`), read-only by default with token-gated writes, caps on rows and request size.

Modules: `app` (HTTP), `engine` (worker processes), `policy` (safety rules), `formats` (content
negotiation), `page` (service description, query page).
"""
from kg.serve.app import Settings, serve

__all__ = ["Settings", "serve"]
