"""Tests of the explorer that `kg build` writes for the repository's real data.

The module builds ``ontology/`` and ``data/`` into a temporary project once; static tests read the
written ``build/explorer.html``, tests marked ``browser`` open it in headless Chromium with every
non-file request aborted (fixtures in conftest.py).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.build import render_outputs
from kg.explorer import local_name, render_explorer
from kg.network import project_graph

UNITREE = "https://w3id.org/binjiang-kg/id/unitree"
# Waits use selectors, not wait_for_function: the page's CSP forbids eval (see test_explorer.py).
READY = "body[data-ready='1']"
READY_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def page_file(built):
    """The explorer page of the session's build of the repository's data."""
    html = built.root / "build" / "explorer.html"
    assert html in built.outputs
    return html


@pytest.fixture(scope="module")
def projected(built):
    """The NetworkX projection the explorer draws."""
    return project_graph(built.graph)


def open_built(page, html: Path) -> tuple[str, list[str]]:
    """Open the built explorer as file://, wait for it to settle; return its URL and every request made."""
    url = html.as_uri()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.kg_log.allow(url)
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)
    return url, requests


def assert_clean(page, url: str, requests: list[str]) -> None:
    """Assert the page loaded nothing but itself and logged no error."""
    log = page.kg_log
    assert requests == [url], f"unexpected requests: {[r for r in requests if r != url]}"
    assert log.blocked == [], f"page tried to load: {log.blocked}"
    assert log.page_errors == [], log.page_errors
    assert log.console_errors == [], log.console_errors


def expected_legend(graph, lang: str) -> list[tuple[str, str]]:
    """(class label, instance count) per class, in sorted class-IRI order, straight from the projection."""
    counts = Counter(data.get("type", "") for _, data in graph.nodes(data=True))
    labels: dict[str, str] = {}
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        zh, en = data.get("type_label_zh") or "", data.get("type_label_en") or ""
        labels.setdefault(data.get("type", ""), (zh if lang == "zh" else en) or zh or en
                          or local_name(data.get("type", "")))
    return [(labels[iri], str(counts[iri])) for iri in sorted(counts)]


def legend_rows(page) -> list[tuple[str, str]]:
    return [tuple(row) for row in page.locator("#kg-legend li").evaluate_all(
        "lis => lis.map(li => [li.querySelector('.kg-name').textContent,"
        " li.querySelector('.kg-count').textContent])")]


def click_node(page, node_id: str) -> None:
    """Zoom onto a node, as a user would in a dense graph, and click its centre."""
    page.evaluate("id => network.focus(id, {scale: 1.5, animation: false})", node_id)
    x, y = page.evaluate(
        """id => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id)
    page.mouse.click(x, y)


# --------------------------------------------------------------------------------------------
# Static tests
# --------------------------------------------------------------------------------------------

def test_real_explorer_loads_nothing_remote(page_file):
    """No src/href attribute of the built page points at http(s) or a protocol-relative URL."""
    html_path = page_file
    html = html_path.read_text(encoding="utf-8")
    attrs: list[tuple[str, str]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, tag_attrs):
            attrs.extend((name, value or "") for name, value in tag_attrs if name in ("src", "href"))

    Collector(convert_charrefs=True).feed(html)
    assert not [value for _, value in attrs if re.match(r"\s*(?:https?:)?//", value, re.I)]
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<link" not in html.lower()


def test_real_explorer_is_deterministic(built, page_file):
    """Projecting and rendering the same graph twice gives the same bytes as the written file."""
    result, html_path = built, page_file
    first = render_explorer(project_graph(result.graph), title="T", lang="zh")
    assert first == render_explorer(project_graph(result.graph), title="T", lang="zh")
    assert render_outputs(result.graph)["explorer.html"] == html_path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Browser tests
# --------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_real_explorer_draws_the_whole_projection(page, page_file, projected):
    html = page_file
    url, requests = open_built(page, html)
    drawn = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert drawn == [len(projected), projected.number_of_edges()]
    assert page.inner_text("#kg-count-nodes") == str(len(projected))
    assert page.inner_text("#kg-count-edges") == str(projected.number_of_edges())
    assert page.evaluate("network.physics.options.enabled") is False  # the layout stays put
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_real_legend_lists_every_class_with_its_count(page, page_file, projected):
    html = page_file
    url, requests = open_built(page, html)
    assert legend_rows(page) == expected_legend(projected, "zh")
    page.click("button[data-lang=en]")
    assert legend_rows(page) == expected_legend(projected, "en")
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_clicking_unitree_shows_its_facts_and_evidence(page, page_file, projected):
    assert UNITREE in projected
    html = page_file
    url, requests = open_built(page, html)
    click_node(page, UNITREE)
    assert page.evaluate("network.getSelectedNodes()") == [UNITREE]
    panel = page.inner_text("#kg-panel")
    assert "宇树科技" in panel
    assert "由杭州高新区(滨江)培育的宇树科技" in panel
    assert UNITREE in panel
    assert page.locator("#kg-panel").is_visible()
    page.click("button[data-lang=en]")
    assert "Unitree Robotics" in page.inner_text("#kg-panel h2")
    assert page.evaluate("id => network.body.data.nodes.get(id).label", UNITREE) == "Unitree Robotics"
    assert_clean(page, url, requests)
