"""The store seam: every read of the graph goes through a `Store` (see `kg.stores.base`)."""
from kg.stores.base import Answer, MemoryStore, OxigraphStore, SparqlStore, Store, open_store

__all__ = ["Answer", "MemoryStore", "OxigraphStore", "SparqlStore", "Store", "open_store"]
