"""A sourced knowledge graph of the innovation ecosystem of Hangzhou High-tech Zone (Binjiang).

>>> from kg import KnowledgeGraph, project_root
>>> kg = KnowledgeGraph.load()          # doctest: +SKIP
>>> kg = KnowledgeGraph.load(project_root() / "build" / "kg.nt")  # from any folder of the project  # doctest: +SKIP
"""
from kg.errors import KGError

__all__ = ["KnowledgeGraph", "KGError", "project_root"]
__version__ = "0.1.0"


def __getattr__(name):
    """Import the API (pandas, networkx) only when asked: `kg serve` workers import `kg` and need neither."""
    if name == "KnowledgeGraph":
        from kg.api import KnowledgeGraph

        return KnowledgeGraph
    if name == "project_root":
        from kg.api import project_root

        return project_root
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
