"""`MemoryStore`: rdflib's in-memory graph (``--store memory``, the default)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.errors import KGError, Location
from kg.ns import bind_prefixes
from kg.stores.base import Answer, Store, malformed, prologue_lines, with_prefixes


class MemoryStore(Store):
    """rdflib's in-memory graph: no set-up, right for one district (about 10^4 to 10^5 triples).

    >>> store = MemoryStore()
    >>> store.query("ASK { ?s ?p ?o }").boolean, store.persistent
    (False, False)
    """

    specs = ("memory",)

    def __init__(self, graph: Graph | None = None):
        self.graph = graph if graph is not None else bind_prefixes(Graph())

    def load(self, path: Path) -> None:
        import io

        from rdflib.exceptions import ParserError
        from rdflib.util import guess_format

        from kg.progress import open_with_progress

        path = Path(path)
        # A buffer over the reader: rdflib's parsers read small pieces. publicID is the base that parse(path) gave.
        try:
            with open_with_progress(path, f"loading {path.name}") as reader:
                self.graph.parse(file=io.BufferedReader(reader), format=guess_format(str(path)),
                                 publicID=path.absolute().as_uri())
        except (ParserError, SyntaxError, ValueError) as exc:  # rdflib's parsers raise all three (ValueError: UTF-8, JSON)
            problem = " ".join(str(exc).split())  # one line: rdflib's Turtle errors span several
            raise KGError(f"cannot parse: {problem}", Location(path), "fix the RDF file (or run `kg build` again)") from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        from pyparsing import ParseException

        try:
            result = self.graph.query(with_prefixes(sparql), initBindings=dict(bindings or {}))
        except ParseException as exc:
            raise malformed(source, exc.lineno - prologue_lines(), exc.col, exc.msg) from None
        if result.type == "ASK":
            return Answer(boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer(graph=bind_prefixes(result.graph))
        variables = [str(v) for v in result.vars]
        return Answer(variables, [tuple(row) for row in result])

    def __len__(self) -> int:
        return len(self.graph)

    def clear(self) -> None:
        self.graph.remove((None, None, None))
