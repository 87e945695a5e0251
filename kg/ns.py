"""Namespaces of the project and of the vocabularies it reuses: the one place where IRIs are spelled."""
from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/binjiang-kg/"
BJ = Namespace(BASE + "ont#")        # classes and properties
BJR = Namespace(BASE + "id/")        # entities, observations, spans, assertions
BJC = Namespace(BASE + "concept/")   # controlled vocabularies (comparators, statuses)
PER = Namespace(BASE + "period/")    # calendar periods: per:2024, per:2025-Q1
BJSH = Namespace(BASE + "shapes#")   # SHACL shapes

# schema.org over https, as rdflib pre-binds it; rdflib's SDO is a 2021 snapshot, so spell our own.
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATT = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_MEAS = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "bj": BJ, "bjr": BJR, "bjc": BJC, "per": PER, "bjsh": BJSH,
    "schema": SCHEMA, "oa": OA, "prov": PROV, "org": ORG, "qb": QB, "skos": SKOS,
    "dcterms": DCTERMS, "dcat": DCAT, "time": TIME, "foaf": FOAF, "owl": OWL,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH,
    "sdmx-dimension": SDMX_DIM, "sdmx-attribute": SDMX_ATT, "sdmx-measure": SDMX_MEAS,
    "qudt": QUDT, "unit": UNIT, "cur": CUR,
}

# The same table as plain strings, the form engines take (pyoxigraph's ``prefixes=``, the serve endpoint).
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def bind_prefixes(graph):
    """Bind every project prefix on `graph` (overriding rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def expand(curie: str):
    """Expand a prefixed name such as ``"schema:participant"`` to a URIRef.

    Raises KeyError for an unknown prefix and ValueError for a string that is not a prefixed name.

    >>> str(expand("bj:Company"))
    'https://w3id.org/binjiang-kg/ont#Company'
    """
    prefix, sep, local = curie.partition(":")
    if not sep or not local:
        raise ValueError(f"{curie!r} is not a prefixed name like 'schema:participant'")
    return PREFIXES[prefix][local]


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, to put before a query text."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
