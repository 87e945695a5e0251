"""The endpoint's safety rules, decided on the query's tokens (`kg.stores.sparqltext`), before any engine sees it.

- ``SERVICE`` (federated query: the server would make outbound requests, a server-side request forgery path)
  is refused unless the server runs with ``--allow-service``;
- ``FROM`` / ``FROM NAMED`` / ``USING`` and the protocol's ``default-graph-uri`` / ``named-graph-uri`` may
  only name graphs of the served dataset (Oxigraph never dereferences them, but a client must not be led to
  believe it did);
- ``LOAD`` (the server would fetch a URL) is always refused.

A keyword counts only as a bare token: the same letters in a string, an IRI, a comment, a prefixed name or a
variable do not, so ``SELECT ("SERVICE" AS ?x) {}`` passes.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.ns import PREFIX_IRIS
from kg.stores.sparqltext import outline


@dataclass
class Refusal(Exception):
    """A request the endpoint will not run: the HTTP status and a message for the client."""

    status: int
    message: str


def check(text: str, *, is_update: bool, allow_service: bool, graphs: set[str],
          protocol_graphs: list[str] = ()) -> str | None:
    """Raise `Refusal` when the query or update breaks a rule; return its form (SELECT, ASK, ..., UPDATE)."""
    found = outline(text, PREFIX_IRIS)
    if found.form == "UPDATE" and not is_update:
        raise Refusal(400, "this is a SPARQL Update: send it with POST as update=... or application/sparql-update")
    if is_update and found.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        raise Refusal(400, "this is a query, not an update: send it as query=... or application/sparql-query")
    if "SERVICE" in found.keywords and not allow_service:
        raise Refusal(403, "SERVICE (federated query) is disabled on this endpoint: it would make the server "
                           "send requests elsewhere. Start `kg serve --allow-service` to permit it.")
    for clause, iri in found.dataset:
        if clause == "LOAD":
            raise Refusal(403, f"LOAD is refused: this endpoint never fetches data from a URL ({iri or '?'})")
        if iri is None or iri not in graphs:
            raise Refusal(403, f"{clause} <{iri or '?'}> is refused: only graphs of the served dataset may be "
                               f"named ({', '.join(sorted(graphs)) or 'it has no named graphs'})")
    for iri in protocol_graphs:
        if iri not in graphs:
            raise Refusal(403, f"graph <{iri}> is refused: only graphs of the served dataset may be named "
                               f"({', '.join(sorted(graphs)) or 'it has no named graphs'})")
    return found.form
