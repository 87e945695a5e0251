"""Content negotiation: which serialization answers a request (Accept with q-values, or ``format=``)."""
from __future__ import annotations

# (media type sent, pyoxigraph format name); the first one is the default.
RESULTS = {
    "json": ("application/sparql-results+json", "JSON"),
    "xml": ("application/sparql-results+xml", "XML"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "TSV"),
}
GRAPHS = {
    "turtle": ("text/turtle; charset=utf-8", "TURTLE"),
    "ntriples": ("application/n-triples", "N_TRIPLES"),
    "jsonld": ("application/ld+json", "JSON_LD"),
    "rdfxml": ("application/rdf+xml", "RDF_XML"),
}
# Media types a client may ask for, and the key they select.
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv", "text/xml": "xml"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
               "text/plain": "ntriples", "application/ld+json": "jsonld", "application/json": "jsonld",
               "application/rdf+xml": "rdfxml", "application/xml": "rdfxml",
               # clients such as rdflib's SPARQLStore ask a CONSTRUCT for results types: answer the RDF sibling
               "application/sparql-results+json": "jsonld", "application/sparql-results+xml": "rdfxml"}
ALIASES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
           "turtle": "turtle", "ttl": "turtle", "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples",
           "jsonld": "jsonld", "json-ld": "jsonld", "rdfxml": "rdfxml", "rdf": "rdfxml"}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (``*/*`` at q=1 when absent or empty)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0] or "/" not in fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching `media_type` (0 when none does)."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for pattern, q in ranges:
        if pattern == media_type:
            level = 2
        elif pattern == f"{kind}/*":
            level = 1
        elif pattern == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return best


def choose(offers: dict[str, str], accept: str | None) -> str | None:
    """The key of the best offer (`offers` maps media types to keys, in server preference order), or None."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for media_type, key in offers.items():
        q = _quality(media_type, ranges)
        if q > best_q:
            best, best_q = key, q
    return best


def negotiate(accept: str | None, fmt: str | None) -> tuple[tuple | None, tuple | None]:
    """The (results format, graph format) for a request; either is None when nothing acceptable exists.

    A ``format=`` parameter (a short name such as ``csv``/``turtle`` or a media type) overrides Accept.
    """
    if fmt:
        fmt = fmt.strip().lower()
        key = ALIASES.get(fmt) or RESULT_TYPES.get(fmt) or GRAPH_TYPES.get(fmt)
        results = RESULTS.get(key) or RESULTS.get(RESULT_TYPES.get(fmt, ""))
        graphs = GRAPHS.get("jsonld" if key == "json" else key) or GRAPHS.get(GRAPH_TYPES.get(fmt, ""))
        return results, graphs
    result_key = choose({t: k for t, k in RESULT_TYPES.items()}, accept)
    graph_key = choose({t: k for t, k in GRAPH_TYPES.items()}, accept)
    return RESULTS.get(result_key), GRAPHS.get(graph_key)
