"""Render a knowledge graph as an offline, injection-safe, interactive HTML page.

The records (`records`), the vis-network items and options (`vis`) and the interface text
(``assets/ui_text.json``) travel as JSON in ``<script type="application/json">`` blocks and reach the DOM only
through ``textContent``. The page itself comes from our own autoescaping Jinja2 template
(``assets/explorer.html.j2``), because pyvis' template loads Bootstrap from a CDN and switches to ``innerHTML``
for tooltips. vis-network's JavaScript and CSS are inlined from the copy that ships inside
the pyvis package, and our script is bundled from the ES modules in ``assets/js`` (`bundle`), so the page opens
without any network access, and a CSP allows exactly those two scripts.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.display.explorer.bundle import bundle
from kg.display.explorer.perspective import load_perspective
from kg.display.explorer.records import (
    collect_classes,
    collect_edges,
    collect_evidence,
    collect_measures,
    collect_nodes,
)
from kg.display.explorer.vis import vis_edges, vis_nodes, vis_options
from kg.display.html import assert_inlinable, csp_hash, script_json
from kg.labels import as_text

__all__ = ["render_explorer", "ui_text", "LANGS"]

LANGS = ("zh", "en")

_ASSETS = Path(__file__).resolve().parent / "assets"
_VIS_DIR = "templates/lib/vis-9.1.2"


@lru_cache(maxsize=None)
def _vis_asset(filename: str) -> str:
    """A file of the vis-network 9.1.2 copy that ships inside the pyvis package.

    The ``sourceMappingURL`` comment is dropped: the map is not shipped, and developer tools
    would otherwise try to fetch it next to the page.
    """
    text = (resources.files("pyvis") / _VIS_DIR / filename).read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)


@lru_cache(maxsize=None)
def _own_css() -> str:
    """Our stylesheet, ``assets/explorer.css`` (read raw, not Jinja-rendered)."""
    return (_ASSETS / "explorer.css").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _own_js() -> str:
    """Our script: the ES modules of ``assets/js`` bundled into one classic script."""
    return bundle(_ASSETS / "js", "main.mjs",
                  banner="Bundled from kg/display/explorer/assets/js/*.mjs by kg.display.explorer.bundle")


@lru_cache(maxsize=None)
def ui_text() -> dict[str, dict[str, str]]:
    """The interface text per language (``assets/ui_text.json``): the template's first paint, and the page's
    language toggle through the embedded data.

    >>> ui_text()["en"]["search"], ui_text()["zh"]["search"]
    ('Search', '搜索')
    """
    return json.loads((_ASSETS / "ui_text.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """The autoescaping Jinja2 environment for ``assets``."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_ASSETS)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_explorer(graph: "nx.MultiDiGraph", *, title: str, lang: str = "zh",
                    perspective: "str | Path | Mapping[str, Any] | None" = None) -> str:
    """Return a self-contained HTML page (str) drawing `graph`.

    The page needs no network access, is byte-identical for identical input, and writes every
    piece of graph data into the DOM as text. ``lang`` (``"zh"`` or ``"en"``) is the initial
    label language; the page has a toggle for the other one. ``perspective`` (a JSON file path or
    a dict; default ``kg/display/explorer/perspectives/default.json``) sets colour, shape, size and caption
    per class; an invalid one raises ValueError naming the file and the key.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    style = load_perspective(perspective)
    nodes = collect_nodes(graph)
    edges = collect_edges(graph)
    classes = collect_classes(nodes, style)
    collect_measures(graph, nodes)
    documents, spans = collect_evidence(graph, nodes, edges)
    payload = {"nodes": vis_nodes(nodes, edges, classes), "edges": vis_edges(edges),
               "options": vis_options(len(nodes))}

    vis_js = assert_inlinable("vis-network.min.js", _vis_asset("vis-network.min.js"), "script")
    vis_css = assert_inlinable("vis-network.css", _vis_asset("vis-network.css"), "style")
    app_js = assert_inlinable("the explorer's script", _own_js(), "script")
    app_css = assert_inlinable("explorer.css", _own_css(), "style")

    ui = ui_text()
    meta = {"lang": lang, "ui": ui, "classes": classes, "nodes": nodes, "edges": edges,
            "documents": documents, "spans": spans}
    # Only our two inline scripts may run: an injected <script> or on* handler would be refused
    # even if escaping ever failed (defence in depth; JSON blocks are data, not scripts).
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {csp_hash(vis_js)} {csp_hash(app_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    template = _environment().get_template("explorer.html.j2")
    return template.render(
        title=as_text(title),
        lang=lang,
        ui=ui[lang],
        n_nodes=len(nodes),
        n_edges=len(edges),
        csp=csp,
        vis_css=Markup(vis_css),
        app_css=Markup(app_css),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        vis_json=Markup(script_json(payload)),
        meta_json=Markup(script_json(meta)),
    )
