"""The explorer's script bundler (kg/display/explorer/bundle.py): our ES modules as one classic script."""
import re
from pathlib import Path

import pytest

from kg.display.explorer.bundle import BundleError, bundle
from support import ROOT

ASSETS = ROOT / "kg" / "display" / "explorer" / "assets" / "js"


def modules(tmp_path: Path, **sources: str) -> Path:
    """Write `sources` (file stem -> text) as .mjs modules into `tmp_path`."""
    for stem, text in sources.items():
        (tmp_path / f"{stem}.mjs").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_explorer_bundles_into_one_strict_function():
    script = bundle(ASSETS, "main.mjs", banner="b")
    assert script.startswith('/* b */\n(function () {\n"use strict";\n') and script.endswith("})();\n")
    assert not re.search(r"^\s*(?:import|export)\b", script, re.M)
    order = re.findall(r"^/\* ---- (\S+) ---- \*/$", script, re.M)
    assert order[-1] == "main.mjs" and sorted(order) == sorted(p.name for p in ASSETS.glob("*.mjs"))
    assert script == bundle(ASSETS, "main.mjs", banner="b")


def test_dependencies_come_first_and_exports_are_unwrapped(tmp_path):
    folder = modules(tmp_path,
                     main='import { b } from "./b.mjs";\nimport { a } from "./a.mjs";\nb(a);\n',
                     b='import { a } from "./a.mjs";\nexport function b(x) { return a + x; }\n',
                     a="export const a = 1;\n")
    script = bundle(folder, "main.mjs")
    assert re.findall(r"---- (\S+) ----", script) == ["a.mjs", "b.mjs", "main.mjs"]
    assert "\nconst a = 1;\n" in script and "\nfunction b(x)" in script and "export" not in script


@pytest.mark.parametrize("sources, message", [
    ({"main": 'import { a } from "./a.mjs";\nfunction a() {}\n', "a": "export function a() {}\n"},
     "name clash: a"),
    ({"main": 'import { a } from "./a.mjs";\nconst helper = 2;\n', "a": "function helper() {}\nexport const a = 1;\n"},
     "name clash: helper"),
    ({"main": "export default function () {}\n"}, "unsupported module syntax near line 1"),
    ({"main": 'import * as a from "./a.mjs";\n', "a": ""}, "unsupported module syntax"),
    ({"main": 'import { a as b } from "./a.mjs";\n', "a": "export const a = 1;\n"}, "unsupported module syntax"),
    ({"main": "const x = 1;\nexport { x };\n"}, "unsupported module syntax near line 2"),
    ({"main": 'import("./a.mjs");\n'}, "unsupported module syntax"),
    ({"main": 'import { b } from "./a.mjs";\n', "a": "export const a = 1;\n"}, "imports b that a.mjs does not export"),
    ({"main": 'import { a } from "./a.mjs";\n', "a": 'import { m } from "./main.mjs";\nexport const a = 1;\n'},
     "import cycle: main.mjs -> a.mjs -> main.mjs"),
    ({"main": "const [a, b] = [1, 2];\n"}, "destructuring"),
    ({"main": "function f() {}\nfunction f() {}\n"}, "declares f more than once"),
    ({"main": 'import { a } from "./missing.mjs";\n'}, "missing.mjs: cannot read"),
])
def test_unsupported_syntax_and_clashes_fail_loudly(tmp_path, sources, message):
    folder = modules(tmp_path, **sources)
    with pytest.raises(BundleError, match=re.escape(message)):
        bundle(folder, "main.mjs")
