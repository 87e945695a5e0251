"""A sourced knowledge graph of the innovation ecosystem of Hangzhou High-tech Zone (Binjiang).

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.load()          # doctest: +SKIP
"""
from kg.errors import KGError

__all__ = ["KnowledgeGraph", "KGError"]
__version__ = "0.1.0"


def __getattr__(name):
    """Import the API (pandas, networkx) only when asked: `kg serve` workers import `kg` and need neither."""
    if name == "KnowledgeGraph":
        from kg.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
