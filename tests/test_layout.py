"""The package layout shows the architecture: layers import only downwards, modules stay small, queries live in .rq files.

Imports are read with `ast` (nothing is imported), including those inside functions and ``TYPE_CHECKING`` blocks.
"""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = ROOT / "kg"
CORE = {"kg.errors", "kg.ns", "kg.project", "kg.progress", "kg.text", "kg.labels"}
FOUNDATION = ("kg.build", "kg.stores")  # each imports only core, kg.sparql and its own package
OUTSIDE = ("tools", "tests", "benchmarks", "conftest", "support")  # development code, never shipped
DRAWING = ("kg.graph", "kg.analysis", "kg.display")
APPLICATIONS = ("kg.serve", "kg.ingest", "kg.synth", "kg.release", "kg.cli")
MAX_LINES = 400
# A SPARQL query form and what follows it: SELECT ?x / SELECT * / SELECT (…) / CONSTRUCT { / ASK {.
QUERY_FORM = re.compile(r"\b(?:(?:SELECT|CONSTRUCT|DESCRIBE)\s+(?:DISTINCT\s+|REDUCED\s+)?[?$*({]|ASK\s*(?:WHERE\s*)?\{)")


def module_name(path: Path) -> str:
    """``kg/build/assemble.py`` -> ``kg.build.assemble``; a package's ``__init__.py`` is the package.

    >>> module_name(PACKAGE / "stores" / "__init__.py")
    'kg.stores'
    """
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def within(module: str, package: str) -> bool:
    """Whether `module` is `package` or inside it."""
    return module == package or module.startswith(package + ".")


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


@cache
def reexports(package: str) -> dict[str, str]:
    """Names a package's ``__init__`` takes from its modules (``kg.KnowledgeGraph`` -> ``kg.api``)."""
    if package not in MODULES or MODULES[package].name != "__init__.py":
        return {}
    return {alias.asname or alias.name: node.module for node in ast.walk(tree(package))
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module for alias in node.names}


def imports_of(body: ast.Module, module: str) -> set[str]:
    """The modules `body` (the code of `module`) imports anywhere; ``from package import name`` resolves to the
    module that defines `name` (a submodule, or where the package's ``__init__`` takes it from)."""
    found = set()
    package = module if module in MODULES and MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""  # `from .. import x`: one up
            source = ".".join(filter(None, [base, node.module]))
            for alias in node.names:
                full = f"{source}.{alias.name}"
                found.add(full if full in MODULES else reexports(source).get(alias.name, source))
    return found


def ours(module: str) -> set[str]:
    """The other `kg` modules that `module` imports."""
    return {name for name in imports_of(tree(module), module) if within(name, "kg") and name != module}


def offences(modules, allowed) -> list[str]:
    """``importer -> imported`` for every import of ours by `modules` that `allowed(importer, imported)` refuses."""
    return [f"{module} -> {name}" for module in modules for name in sorted(ours(module)) if not allowed(module, name)]


def test_imports_are_found_in_functions_and_resolved_through_facades():
    body = ast.parse("from kg import KnowledgeGraph\ndef f():\n    from kg.stores import Answer\n    import kg.ns\n")
    assert imports_of(body, "kg.errors") == {"kg.api", "kg.stores.base", "kg.ns"}
    assert imports_of(ast.parse("from . import sources"), "kg.build.pipeline") == {"kg.build.sources"}
    assert imports_of(ast.parse("from ..ns import BJ"), "kg.build.pipeline") == {"kg.ns"}


def test_imports_are_absolute():
    relative = [f"{module}:{node.lineno}" for module in MODULES for node in ast.walk(tree(module))
                if isinstance(node, ast.ImportFrom) and node.level]
    assert relative == []


def test_core_imports_only_core():
    assert offences([m for m in MODULES if m in CORE], lambda module, name: name in CORE) == []


def test_build_and_stores_import_only_core_sparql_and_their_own_package():
    def allowed(module: str, name: str) -> bool:
        own = next(package for package in FOUNDATION if within(module, package))
        return name in CORE or within(name, "kg.sparql") or within(name, own)

    modules = [m for m in MODULES if any(within(m, package) for package in FOUNDATION)]
    assert offences(modules, allowed) == []


def test_sparql_is_a_leaf_above_core():
    modules = [m for m in MODULES if within(m, "kg.sparql")]
    assert offences(modules, lambda module, name: name in CORE or within(name, "kg.sparql")) == []


def test_nothing_in_kg_imports_development_code():
    leaks = [f"{module} -> {name}" for module in MODULES for name in sorted(imports_of(tree(module), module))
             if name.split(".")[0] in OUTSIDE]
    assert leaks == []


def test_graph_analysis_and_display_never_import_the_applications():
    modules = [m for m in MODULES if any(within(m, package) for package in DRAWING)]
    refused = offences(modules, lambda module, name: not any(within(name, app) for app in APPLICATIONS))
    assert refused == []


def test_no_module_is_over_400_lines():
    sources = [*MODULES.values(), *PACKAGE.rglob("*.mjs")]  # the explorer's JavaScript modules count too
    long = {str(path.relative_to(PACKAGE)): n for path in sources
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def docstrings(module: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    owners = [node for node in ast.walk(module)
              if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    return {id(owner.body[0].value) for owner in owners
            if owner.body and isinstance(owner.body[0], ast.Expr) and isinstance(owner.body[0].value, ast.Constant)}


def strings(module: ast.Module):
    """Every string literal that is not a docstring, f-strings whole (their fields as ``{}``)."""
    skip = docstrings(module)
    parts = {id(value) for node in ast.walk(module) if isinstance(node, ast.JoinedStr) for value in node.values}
    for node in ast.walk(module):
        if isinstance(node, ast.JoinedStr):
            yield node, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip | parts:
            yield node, node.value


def multiline_queries(module: ast.Module) -> list[int]:
    """Lines where a string holding a SPARQL query of more than one line starts."""
    return [node.lineno for node, text in strings(module) if QUERY_FORM.search(text) and "\n" in text.strip()]


def test_query_detection():
    found = multiline_queries(ast.parse('A = """\nSELECT ?s WHERE {\n  ?s ?p ?o }"""\nB = "SELECT ?s { ?s ?p ?o }"\n'
                                        'C = """\nSELECT/ASK give a table\nor a boolean"""\n'))
    assert found == [1]


def test_no_multiline_sparql_in_python():
    found = {module: lines for module in MODULES if (lines := multiline_queries(tree(module)))}
    assert found == {}
