"""`OxigraphStore`: pyoxigraph, in memory (``--store oxigraph``) or on disk (``--store oxigraph:PATH``)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.errors import KGError, Location
from kg.ns import PREFIX_IRIS, bind_prefixes
from kg.stores.base import Answer, Store, csv_texts, malformed, syntax_error_position
from kg.stores.terms import OXIGRAPH_TERMS, to_oxigraph, to_rdflib


class OxigraphStore(Store):
    """Oxigraph through pyoxigraph: a compiled SPARQL engine, in memory or on disk (``oxigraph:PATH``).

    About ten times faster than rdflib on joins and GROUP BY (benchmarks/results/scale.md); answers keep
    pyoxigraph's terms and read them as rdflib terms, text or values on demand, so callers see the same `Answer`
    as with `MemoryStore` without paying for rdflib terms they do not use.

    Bindings: pyoxigraph's ``substitutions`` argument only joins the value onto the answer (a bound variable
    stays unbound inside the pattern: ``FILTER(BOUND(?v))`` is false, and it refuses variables that are not
    projected), which is not the pre-binding that rdflib's ``initBindings`` gives and that our queries need
    (``FILTER(lang(?l) = ?lang)``). So a bound variable is replaced, token by token, by the term as written
    by Oxigraph's own N-Triples serializer (`kg.stores.sparqltext.substitute`): the value is escaped by the engine
    and only variable tokens are touched, never strings, IRIs or comments.

    Attributes
    ----------
    path : Path or None
        The store's folder on disk; None in memory.
    store : pyoxigraph.Store
        The engine's own store, for what the seam does not cover (``kg serve`` serializes answers with it).

    >>> store = OxigraphStore()
    >>> store.query('SELECT ?x { BIND("宇树" AS ?x) }').texts(), store.persistent
    ([('宇树',)], False)
    """

    specs = ("oxigraph", "oxigraph:PATH")
    concurrent_reads = True  # pyoxigraph evaluates with the GIL released

    def __init__(self, path: str | Path | None = None):
        import pyoxigraph

        self.path = None if path is None else Path(path)
        self.store = pyoxigraph.Store() if path is None else pyoxigraph.Store(str(path))

    @classmethod
    def from_spec(cls, argument: str | None, **options) -> OxigraphStore | None:
        """``oxigraph`` (in memory) or ``oxigraph:PATH`` (a folder, created when new)."""
        if argument is None:
            return cls()
        if not argument:
            return None
        path = Path(argument)
        if path.exists() and not path.is_dir():
            raise KGError(f"not a folder for an Oxigraph store: {path}", hint="give a new or existing folder")
        try:
            return cls(path)
        except OSError as exc:
            raise KGError(f"cannot open the Oxigraph store at {path}: {exc}",
                          hint="is another process using it? Oxigraph allows one writer per folder") from None

    @property
    def persistent(self) -> bool:
        """True on disk: the data stays for the next run."""
        return self.path is not None

    def load(self, path: Path) -> None:
        import pyoxigraph

        from kg.progress import open_with_progress

        path = Path(path)
        try:
            fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "nt")
        except ValueError:
            fmt = None
        if fmt is None:
            raise KGError(f"unknown RDF file type {path.suffix!r}", Location(path), "use .nt, .ttl, .nq, .trig or .jsonld")
        try:
            with open_with_progress(path, f"loading {path.name}") as reader:
                self.store.bulk_load(input=reader, format=fmt)
        except (SyntaxError, ValueError) as exc:
            if isinstance(exc, SyntaxError) and exc.lineno is not None:
                exc.filename = str(path)  # bulk_load(path=...) named the file beside the line
            raise KGError(f"cannot parse: {exc}", Location(path), "fix the RDF file") from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> Answer:
        import pyoxigraph

        from kg.stores.sparqltext import substitute

        result = self._run(substitute(sparql, {k: str(to_oxigraph(v)) for k, v in (bindings or {}).items()}), source)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer(boolean=bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return Answer(graph=graph)
        return Answer([v.value for v in result.variables], [tuple(solution) for solution in result],
                      reader=OXIGRAPH_TERMS)

    def texts_all(self, queries: Mapping[str, str]) -> dict[str, list[tuple[str | None, ...]]]:
        # Oxigraph writes the answer as SPARQL CSV in Rust, outside the GIL, and the csv module reads it in C:
        # half the time of making a Python term per cell and reading its text (benchmarks/scale.py, 10^6).
        return self._side_by_side(self._csv_rows, queries)

    def _csv_rows(self, source: str, sparql: str) -> list[tuple[str | None, ...]]:
        import pyoxigraph

        return csv_texts(self._run(sparql, source).serialize(format=pyoxigraph.QueryResultsFormat.CSV))

    def _run(self, sparql: str, source: str):
        """pyoxigraph's result for `sparql`; a syntax error becomes a KGError naming `source`."""
        try:
            return self.store.query(sparql, prefixes=PREFIX_IRIS)
        except SyntaxError as exc:
            line, column, message = syntax_error_position(str(exc)) or (None, "?", str(exc))
            raise malformed(source, line, column, message) from None

    def __len__(self) -> int:
        return len(self.store)

    def clear(self) -> None:
        self.store.clear()
