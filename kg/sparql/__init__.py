"""The package's own SPARQL queries, one ``.rq`` file each (package data), read by name.

Every query the package runs (but one-line probes such as ``ASK { ?s ?p ?o }``) lives here, so that each
can also be run by hand (``kg query kg/sparql/lookup.rq --bind text=宇树``) and is answered alike by every store
(tests/test_sparql_parity.py). Each file opens with ``#`` lines: what the query answers and, after
``# bindings:``, the variables the caller binds (``?lang`` is the label language, ``--lang``). The project's
prefixes are predeclared, as for any query.

>>> "lookup" in names()
True
>>> load("lookup").startswith("# Entities")
True
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from kg.errors import KGError

SUFFIX = ".rq"


@cache
def names() -> tuple[str, ...]:
    """The names of the package's queries (file names without ``.rq``), sorted."""
    return tuple(sorted(entry.name.removesuffix(SUFFIX) for entry in resources.files(__package__).iterdir()
                        if entry.name.endswith(SUFFIX)))


@cache
def load(name: str) -> str:
    """The text of the query `name` (e.g. ``"lookup"`` for ``kg/sparql/lookup.rq``).

    Raises
    ------
    KGError
        When the package holds no query of that name.
    """
    if name not in names():
        raise KGError(f"no packaged SPARQL query named {name!r}", hint=f"use one of: {', '.join(names())}")
    return resources.files(__package__).joinpath(name + SUFFIX).read_text(encoding="utf-8")
