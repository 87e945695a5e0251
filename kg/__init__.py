"""A sourced knowledge graph of the innovation ecosystem of Hangzhou High-tech Zone (Binjiang).

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.load()          # doctest: +SKIP
"""
from .api import KnowledgeGraph
from .errors import KGError

__all__ = ["KnowledgeGraph", "KGError"]
__version__ = "0.1.0"
