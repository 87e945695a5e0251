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

from kg.display.explorer.page import render_explorer
from kg.graph.projection import project_graph
from kg.labels import local_name
from kg.release import explorer_output

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
    assert explorer_output(result.graph)["explorer.html"] == html_path.read_text(encoding="utf-8")


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


# --------------------------------------------------------------------------------------------
# Search, legend filter, panel, source view, language, URL state (issue 3)
# --------------------------------------------------------------------------------------------

BINJIANG = "https://w3id.org/binjiang-kg/id/binjiang"
HYPERCHAIN = "https://w3id.org/binjiang-kg/id/hyperchain"
COMPANY = "https://w3id.org/binjiang-kg/ont#Company"


def panel_heading(page) -> str:
    return page.inner_text("#kg-panel h2")


@pytest.mark.browser
def test_search_by_pinyin_and_english_focuses_the_entity(page, page_file):
    url, requests = open_built(page, page_file)
    page.keyboard.press("/")  # the shortcut focuses the search box
    assert page.evaluate("document.activeElement.id") == "kg-search"
    page.keyboard.type("yushu")
    page.wait_for_selector("#kg-suggest li[aria-selected='true']:has-text('宇树科技')")
    page.keyboard.press("Enter")
    assert panel_heading(page) == "宇树科技"
    assert "Unitree Robotics" in page.inner_text("#kg-panel")
    assert page.evaluate("network.getSelectedNodes()") == [UNITREE]
    page.fill("#kg-search", "")
    page.focus("#kg-search")
    page.keyboard.type("Hyper")
    page.click("#kg-suggest li:has-text('趣链科技')")
    assert panel_heading(page) == "趣链科技"
    assert page.evaluate("network.getSelectedNodes()") == [HYPERCHAIN]
    assert page.evaluate("network.getScale()") >= 1.0  # zoomed in on it
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_legend_click_hides_and_shows_a_class(page, page_file, projected):
    url, requests = open_built(page, page_file)
    companies = sorted(n for n, d in projected.nodes(data=True) if d["type"] == COMPANY)
    drawn = "ids => ids.filter(id => network.body.nodeIndices.includes(id)).length"
    assert page.evaluate(drawn, companies) == len(companies)
    row = page.locator("#kg-legend button[data-key='Company']")
    row.click()
    assert page.evaluate(drawn, companies) == 0
    assert row.get_attribute("aria-pressed") == "false"
    assert row.locator(".kg-count").inner_text() == str(len(companies))  # counts stay
    assert "line-through" in row.locator(".kg-name").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "hide=Company" in page.evaluate("location.hash")
    page.focus("#kg-legend button[data-key='Company']")
    page.keyboard.press("Enter")  # keyboard toggles too
    assert page.evaluate(drawn, companies) == len(companies)
    assert "hide=" not in page.evaluate("location.hash")
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_zone_panel_lists_indicator_values_and_links_to_the_source(page, page_file):
    url, requests = open_built(page, page_file)
    click_node(page, BINJIANG)
    row = page.locator("#kg-panel table.kg-measures tr", has_text="4.43")
    assert "2025年一季度" in row.inner_text() and "第1名" in row.inner_text()
    page.click("button[data-lang=en]")
    cells = page.locator("#kg-panel table.kg-measures tr", has_text="4.43").locator("td").all_inner_texts()
    assert cells[1:] == ["4.43 ×10⁸ USD", "2025 Q1", "#1 (Zhejiang Province)"]
    link = page.locator("#kg-panel .kg-facts .kg-source-link").first
    quote = link.evaluate("b => b.parentElement.firstChild.textContent")
    link.click()
    assert page.locator("#kg-source").is_visible()
    current = page.locator("mark.kg-current")
    assert current.count() >= 1
    assert quote.startswith(current.first.inner_text()) or current.first.inner_text() in quote
    assert page.evaluate("""() => {
        const m = document.querySelector('mark.kg-current').getBoundingClientRect();
        const v = document.getElementById('kg-source').getBoundingClientRect();
        return m.top >= v.top && m.bottom <= v.bottom;
    }""")  # scrolled into view
    assert "view=source" in page.evaluate("location.hash")
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_source_view_highlights_evidence_and_lists_supported_facts(page, page_file):
    url, requests = open_built(page, page_file)
    page.click("#kg-source-toggle")
    assert page.locator("#kg-source").is_visible()
    assert page.locator("mark.kg-hl").count() > 100
    assert page.locator("#kg-docs mark *").count() == 0  # highlights hold text only
    page.locator("mark.kg-hl", has_text="科技创新鼎").first.click()
    facts = page.inner_text("#kg-source-facts")
    assert "科技创新鼎 2024年" in facts  # the recognition fact
    page.locator("#kg-source-facts .kg-link", has_text="科技创新鼎 2024年").first.click()
    assert panel_heading(page) == "科技创新鼎 2024年"
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_language_toggle_switches_interface_text(page, page_file):
    url, requests = open_built(page, page_file)
    page.click("#kg-source-toggle")

    def chrome():
        return (page.inner_text("label[for=kg-search]"), page.get_attribute("#kg-search", "placeholder"),
                page.inner_text("#kg-source-toggle"), page.inner_text("#kg-legend-title"),
                page.inner_text("#kg-source-title"), page.inner_text("#kg-panel .kg-hint"))

    zh = chrome()
    assert zh[0] == "搜索" and "拼音" in zh[1] and zh[2] == "原文" and zh[3] == "图例"
    page.click("button[data-lang=en]")
    en = chrome()
    assert en == ("Search", "Chinese, English or pinyin (press /)", "Source", "Legend",
                  "Source text and evidence", "Click a node to see its details")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Source text" not in " ".join(zh)
    assert_clean(page, url, requests)


@pytest.mark.browser
def test_url_fragment_restores_and_records_state(page, page_file, projected):
    from urllib.parse import quote

    url = page_file.as_uri()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.kg_log.allow(url)
    page.goto(f"{url}#lang=en&sel={quote(UNITREE, safe='')}&hide=Company,Goal&view=source")
    page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute("button[data-lang=en]", "aria-pressed") == "true"
    assert panel_heading(page) == "Unitree Robotics"  # selected (its class shown again to focus it)
    assert page.evaluate("network.getSelectedNodes()") == [UNITREE]
    assert page.get_attribute("#kg-legend button[data-key='Goal']", "aria-pressed") == "false"
    goals = [n for n, d in projected.nodes(data=True) if d["type"].endswith("#Goal")]
    assert page.evaluate("ids => ids.some(id => network.body.nodeIndices.includes(id))", goals) is False
    assert page.locator("#kg-source").is_visible()
    page.click("#kg-source-toggle")  # close the source view
    page.click("button[data-lang=zh]")
    state = page.evaluate("location.hash")
    assert "lang=zh" in state and "view=source" not in state and "hide=Goal" in state
    assert quote(UNITREE, safe="") in state
    assert requests == [page.url.split("#")[0]] or set(requests) == {url}
    assert page.kg_log.page_errors == [] and page.kg_log.console_errors == []
