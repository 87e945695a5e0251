"""Tests of the offline, injection-safe HTML explorer (kg/display/explorer/).

Static tests read the HTML string; tests marked ``browser`` open it in headless Chromium with every
non-file request aborted (fixtures in conftest.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.display.explorer.page import render_explorer
from kg.display.explorer.perspective import PALETTE, load_perspective
from kg.display.explorer.records import collect_classes, collect_nodes
from kg.display.explorer.segments import segment_text
from kg.display.explorer.vis import vis_options
from kg.display.html import script_json
from kg.labels import local_name, pick_label, pinyin_keys

ID = "https://w3id.org/binjiang-kg/id/"
ONT = "https://w3id.org/binjiang-kg/ontology#"
CLASSES = {  # class IRI -> (zh, en)
    ONT + "Company": ("企业", "Company"),
    ONT + "District": ("区域", "District"),
    ONT + "Platform": ("创新平台", "Innovation platform"),
    ONT + "Event": ("活动", "Event"),
}

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=1</script>"
HREF = '<a href="javascript:window.__pwned=1">x</a>'
JS_URL = "javascript:window.__pwned=1"
QUOTES = "\"double\" 'single' <!-- \u2028\u2029 &amp;"
PAYLOADS = (IMG, SCRIPT, HREF, JS_URL, QUOTES)

# Waits use selectors, not wait_for_function: the page's CSP forbids eval, which playwright's
# function polling needs once the condition is not already true on the first check.
READY = "body[data-ready='1']"
TOOLTIP = "div.vis-tooltip[style*='visibility: visible']"


# --------------------------------------------------------------------------------------------
# Test graphs
# --------------------------------------------------------------------------------------------

def synthetic_graph(reverse: bool = False) -> nx.MultiDiGraph:
    """Return a 20-node, 4-class graph with parallel, reverse and self-loop edges.

    ``reverse=True`` inserts the same nodes and edges in the opposite order.
    """
    classes = sorted(CLASSES)
    nodes = []
    for i in range(20):
        cls = classes[i % 4]
        attrs = {"type": cls, "type_label_zh": CLASSES[cls][0], "type_label_en": CLASSES[cls][1],
                 "label_zh": f"实体{i}", "label_en": f"Entity {i}", "quote": f"原文提到实体{i}。"}
        if i == 5:
            attrs["label_en"] = ""  # falls back to the Chinese label
        if i == 6:
            del attrs["label_zh"]  # falls back to the English label
        if i == 7:
            attrs["label_zh"] = attrs["label_en"] = None  # falls back to the id's last segment
        nodes.append((f"{ID}n{i:02d}", attrs))
    edges = []
    for i in range(20):
        j = (i + 1) % 20
        edges.append((f"{ID}n{i:02d}", f"{ID}n{j:02d}", ONT + "relatedTo",
                      {"label_zh": "相关", "label_en": "related to", "quotes": [f"证据{i}"]}))
    edges += [
        (f"{ID}n00", f"{ID}n10", ONT + "partner", {"label_zh": "合作", "label_en": "partner", "quotes": []}),
        (f"{ID}n00", f"{ID}n10", ONT + "invests", {"label_zh": "投资", "label_en": "invests in",
                                                   "quotes": ["甲", "乙"]}),
        (f"{ID}n10", f"{ID}n00", ONT + "partner", {"label_zh": "合作", "label_en": "partner"}),
        (f"{ID}n03", f"{ID}n03", ONT + "self", {"label_en": "self"}),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    for u, v, key, attrs in edges:
        g.add_edge(u, v, key=key, predicate=key, **attrs)
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Return a small graph whose ids, labels, types, quotes and properties carry HTML/JS payloads."""
    g = nx.MultiDiGraph()
    evil_a = ID + IMG
    evil_b = ID + SCRIPT
    evil_type = ONT + SCRIPT
    g.add_node(evil_a, label_zh=IMG, label_en=HREF, type=evil_type, type_label_zh=SCRIPT,
               type_label_en=HREF, quote=" ".join(PAYLOADS))
    g.add_node(evil_b, label_zh=SCRIPT, label_en=JS_URL, type=ONT + IMG, type_label_zh=IMG,
               type_label_en=QUOTES, quote=HREF)
    g.add_node(ID + "plain", label_zh=QUOTES, type=evil_type)
    g.add_edge(evil_a, evil_b, key=ONT + HREF, predicate=ONT + HREF, label_zh=IMG, label_en=SCRIPT,
               quotes=list(PAYLOADS))
    g.add_edge(evil_b, ID + "plain", key=JS_URL, predicate=JS_URL, label_zh=JS_URL, label_en=HREF,
               quotes=[SCRIPT])
    # A source document whose title and text carry payloads, with evidence spans over them.
    text = "前言 " + IMG + "\n" + SCRIPT + " " + HREF + " 结束"
    g.graph["documents"] = {ID + HREF: {"title_zh": HREF, "title_en": SCRIPT, "text": text}}
    start = text.index(IMG)
    g.nodes[evil_a]["evidence"] = [{"doc": ID + HREF, "start": start, "end": start + len(IMG), "quote": IMG}]
    g.edges[evil_a, evil_b, ONT + HREF]["evidence"] = [
        {"doc": ID + HREF, "start": start + 5, "end": text.index(HREF) + 5, "quote": SCRIPT}]
    return g


HOSTILE_TITLE = "Explorer href " + HREF + " " + IMG + " " + SCRIPT


def parse_tags(html: str) -> list[tuple[str, dict]]:
    """Return every start tag of ``html`` as (name, attributes), the way an HTML parser sees them."""
    found: list[tuple[str, dict]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector(convert_charrefs=True).feed(html)
    return found


# --------------------------------------------------------------------------------------------
# Browser helpers
# --------------------------------------------------------------------------------------------

def open_explorer(page, tmp_path, html: str, name: str = "explorer.html"):
    """Write ``html`` to ``tmp_path``, open it as file://, and wait until the layout has settled."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    page.kg_log.allow(url)
    # Record CSP violations too: an injected handler blocked by CSP would otherwise go unnoticed.
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    return url


def node_point(page, node_id: str) -> tuple[float, float]:
    """Return the page coordinates of a node's centre."""
    return tuple(page.evaluate(
        """id => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id))


def assert_clean(page) -> None:
    """Assert no script ran from data, nothing was fetched and nothing broke."""
    log = page.kg_log
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert log.blocked == [], f"page tried to load: {log.blocked}"
    assert log.page_errors == [], log.page_errors
    assert log.console_errors == [], log.console_errors
    assert page.evaluate("window.__csp") == []


def show_tooltip(page, x: float, y: float) -> str:
    """Hover at (x, y) and return the text of vis-network's tooltip once it is visible."""
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    page.wait_for_selector(TOOLTIP, state="attached", timeout=5_000)
    return page.evaluate("document.querySelector('div.vis-tooltip').textContent")


# --------------------------------------------------------------------------------------------
# Pure functions
# --------------------------------------------------------------------------------------------

def test_label_fallbacks():
    """A missing label falls back to the other language, then to the id's last segment."""
    assert pick_label("甲", "A", "zh", "x") == "甲"
    assert pick_label("甲", "A", "en", "x") == "A"
    assert pick_label("", "A", "zh", "x") == "A"
    assert pick_label(None, "  ", "en", "x") == "x"
    assert local_name(ID + "unitree") == "unitree"
    assert local_name(ONT + "Company") == "Company"
    assert local_name("urn:x:y") == "y"
    assert local_name("https://ex.org/a/") == "a"


def test_class_colours_follow_sorted_iris():
    """Classes get palette colours in sorted-IRI order, with instance counts."""
    classes = collect_classes(collect_nodes(synthetic_graph()))
    assert [c["iri"] for c in classes] == sorted(CLASSES)
    assert [c["color"] for c in classes] == list(PALETTE[:4])
    assert [c["count"] for c in classes] == [5, 5, 5, 5]
    assert classes[0]["label_zh"] == CLASSES[classes[0]["iri"]][0]


def test_script_json_cannot_break_out():
    """Escaped JSON keeps every payload out of the markup and decodes to the same data."""
    data = {"s": list(PAYLOADS), IMG: SCRIPT}
    text = str(script_json(data))
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == data


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        render_explorer(synthetic_graph(), title="t", lang="fr")


# --------------------------------------------------------------------------------------------
# Static HTML tests
# --------------------------------------------------------------------------------------------

def test_page_is_utf8():
    html = render_explorer(synthetic_graph(), title="滨江", lang="zh")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in html
    assert html.index('<meta charset="utf-8">') < 1024  # must be within the first 1024 bytes
    assert "滨江" in html and "实体1" in html  # non-ASCII kept readable, not mangled


def test_rendering_is_deterministic():
    """Same input, in any insertion order, gives byte-identical HTML."""
    first = render_explorer(synthetic_graph(), title="T", lang="zh")
    assert first == render_explorer(synthetic_graph(), title="T", lang="zh")
    assert first == render_explorer(synthetic_graph(reverse=True), title="T", lang="zh")
    assert first != render_explorer(synthetic_graph(), title="T", lang="en")


def test_no_remote_resources():
    """No src/href points at http(s), there is no <link>, and CSS loads nothing remote."""
    for graph, title in ((synthetic_graph(), "T"), (hostile_graph(), HOSTILE_TITLE)):
        html = render_explorer(graph, title=title)
        assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
        assert "<link" not in html.lower()
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
        assert not re.search(r"""@import""", html, re.I)


def test_hostile_data_is_not_markup():
    """Payloads appear only escaped: in text (&lt;…) or inside JSON (\\u003c…)."""
    html = render_explorer(hostile_graph(), title=HOSTILE_TITLE)
    for needle in (IMG, SCRIPT, HREF, "<img", "<a href"):
        assert needle not in html
    tags = parse_tags(html)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "kg-vis-data"},
                       {"type": "application/json", "id": "kg-meta-data"}, {}, {}]
    assert not [t for t, _ in tags if t in ("img", "a", "iframe", "object", "embed", "link", "base")]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert "&lt;img src=x onerror=" in html  # the escaped title in <title> and <h1>


# --------------------------------------------------------------------------------------------
# Browser tests
# --------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_synthetic_graph_draws_every_node_and_edge(page, tmp_path):
    graph = synthetic_graph()
    open_explorer(page, tmp_path, render_explorer(graph, title="合成图", lang="zh"))
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert page.evaluate("window.kgData") == {"nodes": 20, "edges": 24}
    assert page.evaluate("network.physics.options.enabled") is False  # layout stays put
    assert page.inner_text("#kg-count-nodes") == "20"
    assert page.inner_text("#kg-count-edges") == "24"
    legend = page.locator("#kg-legend li")
    assert legend.count() == 4
    assert "创新平台" in page.inner_text("#kg-legend")
    assert page.evaluate(f"network.body.data.nodes.get('{ID}n05').label") == "实体5"
    assert page.evaluate(f"network.body.data.nodes.get('{ID}n07').label") == "n07"
    assert_clean(page)


@pytest.mark.browser
def test_language_toggle_switches_labels(page, tmp_path):
    open_explorer(page, tmp_path, render_explorer(synthetic_graph(), title="T", lang="zh"))
    label = f"network.body.data.nodes.get('{ID}n01').label"
    edge_label = "network.body.data.edges.get('e0').label"
    assert page.evaluate(label) == "实体1"
    assert page.evaluate(edge_label) == "相关"
    page.click("button[data-lang=en]")
    assert page.evaluate(label) == "Entity 1"
    assert page.evaluate(edge_label) == "related to"
    assert page.evaluate(f"network.body.data.nodes.get('{ID}n05').label") == "实体5"  # no English label
    assert "Innovation platform" in page.inner_text("#kg-legend")
    assert page.inner_text("#kg-word-nodes") == "nodes"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("button[data-lang=zh]")
    assert page.evaluate(label) == "实体1"
    assert_clean(page)


@pytest.mark.browser
def test_clicking_a_node_lists_its_facts(page, tmp_path):
    open_explorer(page, tmp_path, render_explorer(synthetic_graph(), title="T", lang="zh"))
    page.mouse.click(*node_point(page, f"{ID}n00"))
    panel = page.inner_text("#kg-panel")
    assert "实体0" in panel and "Entity 0" in panel and "企业" in panel and ID + "n00" in panel
    assert "出边 (3)" in panel and "入边 (2)" in panel  # relatedTo, partner, invests / relatedTo, partner
    assert "投资" in panel and "甲" in panel and "乙" in panel
    assert "原文提到实体0。" in panel
    page.click("button[data-lang=en]")  # the open panel follows the language
    assert "Outgoing (3)" in page.inner_text("#kg-panel")
    assert_clean(page)


@pytest.mark.browser
def test_hostile_data_stays_text(page, tmp_path):
    graph = hostile_graph()
    open_explorer(page, tmp_path, render_explorer(graph, title=HOSTILE_TITLE, lang="zh"))
    assert page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") == [3, 2]
    assert page.title() == HOSTILE_TITLE
    assert page.inner_text("#kg-title") == HOSTILE_TITLE
    assert_clean(page)

    evil_a, evil_b = ID + IMG, ID + SCRIPT
    # Labels reach vis-network as plain strings, exactly as given.
    assert page.evaluate("id => network.body.data.nodes.get(id).label", evil_a) == IMG

    # Hover: tooltips are DOM Elements filled with text.
    ax, ay = node_point(page, evil_a)
    tip = show_tooltip(page, ax, ay)
    assert IMG in tip and SCRIPT in tip and HREF in tip
    bx, by = node_point(page, evil_b)
    page.mouse.move(10, 10)
    tip = show_tooltip(page, (ax + bx) / 2 + 0.5, (ay + by) / 2 + 0.5)  # the straight edge a -> b
    assert IMG in tip and JS_URL in tip
    assert page.locator("div.vis-tooltip *").evaluate_all(
        "els => els.filter(e => ['IMG', 'A', 'SCRIPT'].includes(e.tagName)).length") == 0
    assert_clean(page)

    # Click: the side panel shows the raw payloads as text, and creates no elements from them.
    page.mouse.click(ax, ay)
    panel = page.inner_text("#kg-panel")
    for payload in (IMG, SCRIPT, HREF, JS_URL):
        assert payload in panel
    assert page.locator("#kg-panel img, #kg-panel a, #kg-panel script").count() == 0
    assert page.locator("img, a, body script:not([type])").count() == 2  # only our two scripts
    page.click("button[data-lang=en]")
    assert HREF in page.inner_text("#kg-panel")
    page.click("#kg-panel .kg-link")  # jump to the neighbour through a text button
    assert SCRIPT in page.inner_text("#kg-panel h2") or JS_URL in page.inner_text("#kg-panel h2")
    assert_clean(page)


@pytest.mark.browser
def test_empty_graph_is_ready(page, tmp_path):
    open_explorer(page, tmp_path, render_explorer(nx.MultiDiGraph(), title="空", lang="zh"))
    assert page.evaluate("window.kgData") == {"nodes": 0, "edges": 0}
    assert_clean(page)


# --------------------------------------------------------------------------------------------
# Perspectives, search keys, evidence segments, large graphs (issue 3)
# --------------------------------------------------------------------------------------------

def test_pinyin_keys_give_syllables_and_initials():
    assert pinyin_keys("宇树科技") == ["yushukeji", "yskj"]
    assert pinyin_keys("GDP 2024年") == ["gdp2024nian", "gdp2024n"]
    assert pinyin_keys("Unitree") == []


def test_overlapping_spans_become_segments():
    """Nested and overlapping spans cut the text into runs, each listing every span over it."""
    assert segment_text("abcdefgh", [(1, 4, 0), (2, 6, 1), (2, 3, 2)]) == [
        ["a", []], ["b", [0]], ["c", [0, 1, 2]], ["d", [0, 1]], ["ef", [1]], ["gh", []]]


def test_default_perspective_is_valid_and_custom_colours_win():
    default = load_perspective()
    assert default["classes"]["Company"]["colour"].startswith("#")
    custom = {"default": {"caption": "none"}, "classes": {ONT + "Company": {"colour": "#123456", "size": 2}}}
    classes = {c["iri"]: c for c in collect_classes(collect_nodes(synthetic_graph()), load_perspective(custom))}
    assert classes[ONT + "Company"]["color"] == "#123456" and classes[ONT + "Company"]["size"] == 2.0
    assert classes[ONT + "Event"]["color"] == PALETTE[2] and classes[ONT + "Event"]["caption"] == "none"


@pytest.mark.parametrize("text, key", [
    ('{"classes": {"Company": {"colour": "red"}}}', "classes.Company.colour"),
    ('{"classes": {"Company": {"shape": "blob"}}}', "classes.Company.shape"),
    ('{"classes": {"Company": {"colr": "#123456"}}}', "classes.Company.colr"),
    ('{"default": {"size": "big"}}', "default.size"),
    ('{"default": {"caption": "title"}}', "default.caption"),
    ('{"clases": {}}', "clases"),
    ('{"classes": [', "not valid JSON"),
])
def test_bad_perspective_names_file_and_key(tmp_path, text, key):
    path = tmp_path / "mine.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        render_explorer(synthetic_graph(), title="t", perspective=path)
    assert str(path) in str(err.value) and key in str(err.value)


def test_large_graphs_get_cheaper_layout_settings():
    small, large = vis_options(500), vis_options(5000)
    assert small["layout"]["improvedLayout"] is True
    assert large["layout"]["improvedLayout"] is False
    assert large["physics"]["stabilization"]["iterations"] < small["physics"]["stabilization"]["iterations"]
    assert large["interaction"]["hideEdgesOnZoom"] is True


def test_search_label_and_keyboard_reach():
    html = render_explorer(synthetic_graph(), title="T", lang="en")
    tags = parse_tags(html)
    box = [a for t, a in tags if t == "input" and a.get("id") == "kg-search"]
    assert box and "tabindex" not in box[0]  # in the natural tab order
    assert [a for t, a in tags if t == "label" and a.get("for") == "kg-search"]


def test_rendering_5000_nodes_is_linear_enough():
    """pyvis' add_node/add_edge were quadratic; our own item building must stay fast."""
    import time

    g = nx.MultiDiGraph()
    for i in range(5000):
        g.add_node(f"{ID}n{i}", type=ONT + f"C{i % 20}", label_zh=f"实体{i}", label_en=f"Entity {i}")
    for i in range(10000):
        g.add_edge(f"{ID}n{i % 5000}", f"{ID}n{(i * 7 + 1) % 5000}", key=ONT + "p", predicate=ONT + "p")
    pinyin_keys("预热")  # load pypinyin's dictionary outside the timed part
    start = time.perf_counter()
    html = render_explorer(g, title="big")
    assert time.perf_counter() - start < 10
    assert '"improvedLayout":false' in html


@pytest.mark.browser
def test_custom_perspective_reaches_the_drawn_nodes(page, tmp_path):
    custom = {"classes": {"Company": {"colour": "#123456", "shape": "star"}, "Event": {"caption": "none"}}}
    open_explorer(page, tmp_path, render_explorer(synthetic_graph(), title="T", perspective=custom))
    company = [n for n, d in synthetic_graph().nodes(data=True) if d["type"] == ONT + "Company"][0]
    drawn = page.evaluate("id => network.body.nodes[id].options", company)
    assert drawn["color"]["background"] == "#123456" and drawn["shape"] == "star"
    event = [n for n, d in synthetic_graph().nodes(data=True) if d["type"] == ONT + "Event"][0]
    assert page.evaluate("id => network.body.data.nodes.get(id).label", event) == ""
    assert_clean(page)


@pytest.mark.browser
def test_hostile_fragment_search_and_source_stay_text(page, tmp_path):
    from urllib.parse import quote

    html = render_explorer(hostile_graph(), title=HOSTILE_TITLE, lang="zh")
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    page.kg_log.allow(url)
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    # Unknown id, class and language: ignored, never parsed as markup.
    page.goto(url + "#sel=" + IMG + "&hide=" + quote(IMG) + "," + quote(SCRIPT) + "&lang=" + quote(SCRIPT))
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    assert page.get_attribute("button[data-lang=zh]", "aria-pressed") == "true"
    assert page.locator("#kg-panel h2").count() == 0
    assert_clean(page)
    # A hostile id that exists is selected, and shown as text.
    page.goto(url + "#view=source&sel=" + quote(ID + IMG, safe=""))
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    assert page.inner_text("#kg-panel h2") == IMG
    assert HREF in page.inner_text("#kg-docs .kg-doc-title")
    assert IMG in page.inner_text("#kg-docs") and SCRIPT in page.inner_text("#kg-docs")
    page.locator("mark.kg-hl").first.click()
    assert IMG in page.inner_text("#kg-source-facts")
    page.focus("#kg-search")
    page.keyboard.type("img")
    page.wait_for_selector("#kg-suggest li[aria-selected='true']")
    assert IMG in page.inner_text("#kg-suggest")
    page.click("button[data-lang=en]")
    assert SCRIPT in page.inner_text("#kg-docs .kg-doc-title")
    assert page.locator("img, a, iframe, body script:not([type])").count() == 2  # only our two scripts
    assert_clean(page)
