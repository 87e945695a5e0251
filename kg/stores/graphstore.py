"""The SPARQL 1.1 Graph Store Protocol client: upload a graph file to a server (`kg push`, `SparqlStore.load`).

Works with Fuseki, GraphDB, Virtuoso, Oxigraph, Neptune...: ``PUT URL?graph=IRI`` (or ``?default``) with an
N-Triples or Turtle body replaces that graph, ``POST`` adds to it. Standard library only (urllib).
"""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from kg.errors import KGError, Location
from kg.progress import open_with_progress

MEDIA_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle"}


def target_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store URL for the named graph `graph_iri` (the default graph when None).

    >>> target_url("http://localhost:7878/store", "https://w3id.org/binjiang-kg/graph")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fbinjiang-kg%2Fgraph'
    """
    joiner = "&" if "?" in endpoint else "?"
    if graph_iri is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={quote(graph_iri, safe='')}"


def push(endpoint: str, path: Path, *, graph_iri: str | None = None, token: str | None = None,
         timeout: float = 60.0, method: str = "PUT") -> tuple[int, int]:
    """PUT the graph file at `path` to the endpoint's graph `graph_iri` (POST adds to the graph instead of
    replacing it); return (HTTP status, bytes sent). Raises KGError with the server's answer."""
    path = Path(path)
    if not path.is_file():
        raise KGError("no built graph here", Location(path), "run `kg build` first, or give --graph FILE")
    if path.suffix not in MEDIA_TYPES:
        raise KGError(f"cannot push a {path.suffix} file", Location(path), "give a .nt or .ttl file")
    if not endpoint.startswith(("http://", "https://")):
        raise KGError(f"not an HTTP(S) URL: {endpoint!r}", hint="e.g. --endpoint http://localhost:7878/store")
    request = urllib.request.Request(target_url(endpoint, graph_iri), method=method,
                                     headers={"Content-Type": MEDIA_TYPES[path.suffix]})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    # Streamed, not read into memory (1.5 GB at 10^7 triples); a file body needs its length given.
    request.data = body = open_with_progress(path, f"uploading {path.name}")
    request.add_header("Content-Length", str(body.size))
    try:
        with body, urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, body.size
    except urllib.error.HTTPError as exc:
        excerpt = exc.read(500).decode("utf-8", "replace").strip()
        raise KGError(f"the server answered HTTP {exc.code} {exc.reason}: {excerpt or '(empty body)'}",
                      hint="check the endpoint URL (a Graph Store Protocol URL, e.g. .../store), --graph-iri and "
                           "--token") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise KGError(f"cannot reach {endpoint}: {reason}", hint="is the server running, and is the URL right?") from None
