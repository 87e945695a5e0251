"""The store seam: every read of the graph goes through a `Store`, and `open_store` picks one by its spec.

`STORES` maps the name before the colon of a ``--store`` spec to the backend class, which builds itself from the
rest (`Store.from_spec`). A new backend is one module with a `Store` subclass plus one line here.
"""
from kg.errors import KGError
from kg.stores.base import Answer, Store
from kg.stores.memory import MemoryStore
from kg.stores.oxigraph import OxigraphStore
from kg.stores.sparql import SparqlStore

STORES: dict[str, type[Store]] = {
    "memory": MemoryStore,
    "oxigraph": OxigraphStore,
    "sparql": SparqlStore,
}


def open_store(spec: str = "memory", **options) -> Store:
    """A store from its spec ``NAME`` or ``NAME:ARGUMENT``; `options` go to the backend (see `Store.from_spec`).

    ``memory`` (rdflib), ``oxigraph`` (in memory), ``oxigraph:PATH`` (on disk, kept between runs) or
    ``sparql:URL`` (a remote SPARQL 1.1 endpoint; option `graph_store` is its Graph Store Protocol URL for
    `load`, `token` a bearer token).

    >>> type(open_store("oxigraph")).__name__
    'OxigraphStore'
    >>> open_store("oxigraph:")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.KGError: unknown store 'oxigraph:'. Fix: use --store memory, oxigraph, oxigraph:PATH or sparql:URL ...
    """
    name, colon, argument = spec.partition(":")
    backend = STORES.get(name)
    store = None if backend is None else backend.from_spec(argument if colon else None, **options)
    if store is None:
        forms = [form for kind in STORES.values() for form in kind.specs]
        raise KGError(f"unknown store {spec!r}", hint=f"use --store {', '.join(forms[:-1])} or {forms[-1]}")
    return store


__all__ = ["STORES", "Answer", "MemoryStore", "OxigraphStore", "SparqlStore", "Store", "open_store"]
