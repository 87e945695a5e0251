"""Join the page's ES modules into one classic script, so the page stays one offline file under its CSP.

A small, deterministic bundler for our own modules only, which keep to a subset of the module syntax:
``import { a, b } from "./x.mjs";`` lines, ``export`` in front of a top-level ``function``, ``const``, ``let``
or ``class`` declaration, one name per declaration (or an unexported ``const { a, b } = ...``), and every
top-level statement starting at column 0. The
bundle is the modules in dependency order (imports first, in the order they are imported), with the import
lines removed and the ``export`` keywords dropped, wrapped once in a strict function. Anything else it
refuses loudly: another form of import or export, an import of a name the module does not export, a cycle,
or two modules declaring the same top-level name (one scope now holds them all).
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["bundle", "BundleError"]

_IMPORT = re.compile(r'^import \{\s*([\w$]+(?:\s*,\s*[\w$]+)*)\s*,?\s*\} from "\./([\w.-]+\.mjs)";[ \t]*$', re.M)
_EXPORT = re.compile(r"^export (?=(?:async )?function\*? |const |let |class )", re.M)
_DECLARATION = re.compile(r"^(?:export )?(?:(?:async )?function\*?|const|let|var|class)\s+([\w$]+)", re.M)
_ANY_MODULE_SYNTAX = re.compile(r"^[ \t]*(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b", re.M)
_DESTRUCTURING = re.compile(r"^(?:export )?(?:const|let|var)\s*[\[{]", re.M)
_OBJECT_PATTERN = re.compile(r"^(?:const|let|var)\s*\{([\w$\s,]*)\}\s*=", re.M)


class BundleError(ValueError):
    """A module uses syntax the bundler does not support, or the modules do not fit together."""


def _parse(folder: Path, name: str) -> tuple[str, list[tuple[list[str], str]], set[str], set[str]]:
    """A module's body without its import lines, its imports (names, module), exports and top-level names."""
    path = folder / name
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BundleError(f"{name}: cannot read: {exc}") from exc
    imports = [([n.strip() for n in names.split(",")], module) for names, module in _IMPORT.findall(source)]
    body = _IMPORT.sub("", source)
    exports = {m.group(1) for m in _DECLARATION.finditer(body) if m.group(0).startswith("export ")}
    body = _EXPORT.sub("", body)
    leftover = _ANY_MODULE_SYNTAX.search(body)
    if leftover:
        line = body[:leftover.start()].count("\n") + 1
        raise BundleError(f"{name}: unsupported module syntax near line {line}: "
                          f"{body.splitlines()[line - 1].strip()!r}")
    patterns = _OBJECT_PATTERN.findall(body)
    if len(_DESTRUCTURING.findall(body)) != len(patterns):
        raise BundleError(f"{name}: of destructuring declarations at the top level, only an unexported "
                          "`const { a, b } = ...` is supported")
    declared = _DECLARATION.findall(body) + [n.strip() for names in patterns for n in names.split(",") if n.strip()]
    twice = sorted({n for n in declared if declared.count(n) > 1})
    if twice:
        raise BundleError(f"{name}: declares {', '.join(twice)} more than once at the top level")
    return body.strip("\n"), imports, exports, set(declared)


def bundle(folder: str | Path, entry: str = "main.mjs", *, banner: str = "") -> str:
    """The modules reachable from `entry` in `folder` as one script (see the module docstring for the rules).

    `banner` becomes a comment at the top. Raises BundleError naming the module and the problem.
    """
    folder = Path(folder)
    parsed: dict[str, tuple[str, list[tuple[list[str], str]], set[str], set[str]]] = {}
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise BundleError("import cycle: " + " -> ".join((*path[path.index(name):], name)))
        if name in parsed:
            return
        parsed[name] = _parse(folder, name)
        for names, module in parsed[name][1]:
            visit(module, (*path, name))
            missing = sorted(set(names) - parsed[module][2])
            if missing:
                raise BundleError(f"{name}: imports {', '.join(missing)} that {module} does not export")
        order.append(name)

    visit(entry, ())
    owner: dict[str, str] = {}
    for name in order:
        for declared in sorted(parsed[name][3]):
            if declared in owner:
                raise BundleError(f"name clash: {declared} is declared at the top level of both "
                                  f"{owner[declared]} and {name}")
            owner[declared] = name
    parts = [f"/* {banner} */\n" if banner else "", "(function () {\n\"use strict\";\n"]
    for name in order:
        parts.append(f"\n/* ---- {name} ---- */\n{parsed[name][0]}\n")
    parts.append("})();\n")
    return "".join(parts)
