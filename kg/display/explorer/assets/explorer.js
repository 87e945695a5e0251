/* Knowledge-graph explorer: draws the embedded graph with vis-network, and adds search, a legend
 * that filters, an entity panel with indicator values and evidence, a source view that highlights
 * the evidence in the article text, a zh/en toggle and a shareable URL fragment.
 *
 * Safety rule for this file: graph data (labels, ids, IRIs, quotes, texts) and the URL fragment
 * reach the DOM only through textContent / createTextNode / attribute values, never innerHTML;
 * vis-network tooltips receive DOM Elements. Ids are looked up in Maps, never used as selectors.
 */
(function () {
  "use strict";

  /* ------------------------------------------------------------------ data and state */

  /** Parse one of the JSON data blocks (data, never executed). */
  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  /** Index records by a key in a Map (ids are arbitrary strings, so no plain-object lookups). */
  function indexBy(records, key) {
    var map = new Map();
    records.forEach(function (r) { map.set(r[key], r); });
    return map;
  }

  /** Push `value` onto the list stored under `key` in `map`. */
  function pushTo(map, key, value) {
    if (!map.has(key)) { map.set(key, []); }
    map.get(key).push(value);
  }

  var visData = readJSON("kg-vis-data");
  var meta = readJSON("kg-meta-data");
  var UI = meta.ui;
  var nodeMeta = indexBy(meta.nodes, "id");
  var edgeMeta = indexBy(meta.edges, "id");
  var classByIri = indexBy(meta.classes, "iri");
  var classByKey = indexBy(meta.classes, "key");
  var outgoing = new Map();
  var incoming = new Map();
  var nodesOfClass = new Map();
  meta.edges.forEach(function (e) { pushTo(outgoing, e.from, e); pushTo(incoming, e.to, e); });
  meta.nodes.forEach(function (n) { pushTo(nodesOfClass, n.type, n.id); });

  var state = {
    lang: meta.lang,
    hidden: new Set(),      // class IRIs whose nodes are not drawn
    selected: null,         // node id shown in the panel (and kept in the URL)
    shownEdge: null,        // edge id shown in the panel (not kept in the URL)
    sourceOpen: false,
    sourceSpans: [],        // span ids whose supported facts the source view lists
    ready: false
  };

  function t(key) { return UI[state.lang][key]; }
  function nodeLabel(id) { var n = nodeMeta.get(id); return n ? n["label_" + state.lang] : String(id); }
  function otherLabel(n) { return n[state.lang === "zh" ? "label_en" : "label_zh"]; }
  function classLabel(c) { return c["label_" + state.lang]; }
  function typeLabel(n) {
    var c = classByIri.get(n.type);
    return c ? classLabel(c) : n["type_label_" + state.lang];
  }
  function edgeLabel(e) { return e["label_" + state.lang]; }

  /* ------------------------------------------------------------------ DOM helpers */

  /** Create an element whose content, if any, is plain text. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /** Create a <button type="button"> with text and a click handler. */
  function button(className, text, onClick) {
    var b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /** A button that focuses another node (select, centre, open its panel). */
  function nodeLink(id, text) {
    return button("kg-link", text === undefined ? nodeLabel(id) : text, function () { focusNode(id); });
  }

  /* ------------------------------------------------------------------ network items */

  /** Tooltip of a node, as an Element (vis-network inserts Elements without parsing HTML). */
  function nodeTooltip(n) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, n["label_" + state.lang]));
    var other = otherLabel(n);
    if (other && other !== n["label_" + state.lang]) { tip.appendChild(el("div", null, other)); }
    tip.appendChild(el("div", "kg-type", t("type") + ": " + typeLabel(n)));
    if (n.quote) { tip.appendChild(el("blockquote", "kg-quote", n.quote)); }
    return tip;
  }

  /** Tooltip of an edge, as an Element. */
  function edgeTooltip(e) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, edgeLabel(e)));
    tip.appendChild(el("div", null, nodeLabel(e.from) + " \u2192 " + nodeLabel(e.to)));
    e.quotes.forEach(function (q) { tip.appendChild(el("blockquote", "kg-quote", q)); });
    return tip;
  }

  /** The canvas caption of a node, as its class's perspective asks (label, type or none). */
  function caption(n) {
    var c = classByIri.get(n.type);
    if (c && c.caption === "none") { return ""; }
    if (c && c.caption === "type") { return classLabel(c); }
    return n["short_" + state.lang];
  }

  /** vis node items for the current language and filter. */
  function nodeItems(base) {
    return base.map(function (item) {
      var n = nodeMeta.get(item.id);
      return Object.assign({}, item, {
        label: caption(n), title: nodeTooltip(n), hidden: state.hidden.has(n.type)
      });
    });
  }

  /** Whether an edge is drawn: both ends must belong to shown classes. */
  function edgeHidden(e) {
    return state.hidden.has(nodeMeta.get(e.from).type) || state.hidden.has(nodeMeta.get(e.to).type);
  }

  /** vis edge items for the current language and filter. */
  function edgeItems(base) {
    return base.map(function (item) {
      var e = edgeMeta.get(item.id);
      return Object.assign({}, item, { label: edgeLabel(e), title: edgeTooltip(e), hidden: edgeHidden(e) });
    });
  }

  /** Re-apply the class filter to the drawn nodes and edges (without rebuilding tooltips). */
  function applyFilter() {
    nodes.update(meta.nodes.map(function (n) { return { id: n.id, hidden: state.hidden.has(n.type) }; }));
    edges.update(meta.edges.map(function (e) { return { id: e.id, hidden: edgeHidden(e) }; }));
  }

  /* ------------------------------------------------------------------ legend (a filter) */

  /** Show or hide the nodes of one class, keep legend and URL in step. */
  function toggleClass(iri) {
    if (state.hidden.has(iri)) { state.hidden.delete(iri); } else { state.hidden.add(iri); }
    applyFilter();
    renderLegend(iri);
    writeHash();
  }

  /** One legend row: a toggle button with the class's swatch, name and count. */
  function legendItem(c) {
    var shown = !state.hidden.has(c.iri);
    var li = el("li", shown ? null : "kg-off");
    var b = button("kg-class", null, function () { toggleClass(c.iri); });
    b.setAttribute("aria-pressed", shown ? "true" : "false");
    b.dataset.key = c.key;  // an attribute value, read back only as text
    b.title = c.iri + (shown ? "" : " (" + t("hidden") + ")");
    // A shape name validated by Python (PERSPECTIVE_SHAPES), never free graph data.
    var swatch = el("span", "kg-swatch kg-shape-" + c.shape);
    swatch.style.backgroundColor = c.color;  // a validated #rrggbb, set via CSSOM
    b.appendChild(swatch);
    b.appendChild(el("span", "kg-name", classLabel(c)));
    b.appendChild(el("span", "kg-count", c.count));
    li.appendChild(b);
    return li;
  }

  /** Redraw the legend; keep keyboard focus on the row of `focusIri` if given. */
  function renderLegend(focusIri) {
    var list = document.getElementById("kg-legend");
    list.replaceChildren();
    meta.classes.forEach(function (c) {
      var li = legendItem(c);
      list.appendChild(li);
      if (c.iri === focusIri) { li.firstChild.focus(); }
    });
  }

  /* ------------------------------------------------------------------ search */

  var search = { input: null, list: null, results: [], active: -1 };

  /** Rank of `query` in a node's search keys: prefix matches first, then shorter keys; -1 if none. */
  function matchScore(n, query, compact) {
    var best = -1;
    n.search.forEach(function (key) {
      var pos = key.indexOf(query);
      if (pos < 0 && compact !== query) { pos = key.indexOf(compact); }
      if (pos < 0) { return; }
      var score = (pos === 0 ? 0 : 10000) + key.length;
      if (best < 0 || score < best) { best = score; }
    });
    return best;
  }

  /** The ten best matching node ids for `text` (Chinese, English or pinyin, any case). */
  function findNodes(text) {
    var query = text.trim().toLowerCase();
    if (!query) { return []; }
    var compact = query.replace(/\s+/g, "");
    var hits = [];
    meta.nodes.forEach(function (n) {
      var score = matchScore(n, query, compact);
      if (score >= 0) { hits.push([score, n["label_" + state.lang], n.id]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return hits.slice(0, 10).map(function (h) { return h[2]; });
  }

  /** One suggestion: label, other-language label and class. */
  function suggestionItem(id, index) {
    var n = nodeMeta.get(id);
    var li = el("li", "kg-option");
    li.id = "kg-option-" + index;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", index === search.active ? "true" : "false");
    li.appendChild(el("span", "kg-option-label", n["label_" + state.lang]));
    var other = otherLabel(n);
    if (other && other !== n["label_" + state.lang]) { li.appendChild(el("span", "kg-option-other", other)); }
    li.appendChild(el("span", "kg-option-type", typeLabel(n)));
    // mousedown would blur the input and close the list before the click lands.
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    li.addEventListener("click", function () { chooseSuggestion(index); });
    return li;
  }

  /** Redraw the suggestion list from `search.results`. */
  function renderSuggestions() {
    var list = search.list;
    list.replaceChildren();
    var open = search.input.value.trim() !== "" && document.activeElement === search.input;
    if (open && !search.results.length) { list.appendChild(el("li", "kg-option kg-hint", t("noMatch"))); }
    search.results.forEach(function (id, i) { list.appendChild(suggestionItem(id, i)); });
    list.hidden = !open;
    search.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (search.active >= 0) { search.input.setAttribute("aria-activedescendant", "kg-option-" + search.active); }
    else { search.input.removeAttribute("aria-activedescendant"); }
  }

  function updateSuggestions() {
    search.results = findNodes(search.input.value);
    search.active = search.results.length ? 0 : -1;
    renderSuggestions();
  }

  function chooseSuggestion(index) {
    var id = search.results[index];
    if (id === undefined) { return; }
    search.results = [];
    search.active = -1;
    search.input.value = nodeLabel(id);
    renderSuggestions();
    focusNode(id);
  }

  /** Arrow keys move through the suggestions, Enter picks one, Escape closes the list. */
  function onSearchKey(ev) {
    var n = search.results.length;
    if (ev.key === "ArrowDown" && n) { search.active = (search.active + 1) % n; }
    else if (ev.key === "ArrowUp" && n) { search.active = (search.active - 1 + n) % n; }
    else if (ev.key === "Enter") { chooseSuggestion(Math.max(search.active, 0)); }
    else if (ev.key === "Escape") { search.results = []; search.active = -1; search.input.blur(); }
    else { return; }
    ev.preventDefault();
    renderSuggestions();
  }

  /** "/" anywhere but in a text field jumps to the search box. */
  function onGlobalKey(ev) {
    var tag = ev.target && ev.target.tagName;
    if (ev.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      search.input.focus();
      search.input.select();
    }
  }

  function initSearch() {
    search.input = document.getElementById("kg-search");
    search.list = document.getElementById("kg-suggest");
    search.input.addEventListener("input", updateSuggestions);
    search.input.addEventListener("focus", updateSuggestions);
    search.input.addEventListener("keydown", onSearchKey);
    search.input.addEventListener("blur", function () { search.list.hidden = true; search.input.setAttribute("aria-expanded", "false"); });
    document.addEventListener("keydown", onGlobalKey);
  }

  /* ------------------------------------------------------------------ focusing a node */

  /** Select a node, centre and zoom on it and open its panel; shows its class if hidden. */
  function focusNode(id) {
    var n = nodeMeta.get(id);
    if (!n) { return; }
    if (state.hidden.has(n.type)) {
      state.hidden.delete(n.type);
      applyFilter();
      renderLegend();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }

  /* ------------------------------------------------------------------ entity panel */

  /** Evidence of a fact: each span's quote with a button that opens the source at it. */
  function evidenceBlock(spanIds, quotes) {
    var frag = document.createDocumentFragment();
    if (!spanIds.length) {
      quotes.forEach(function (q) { frag.appendChild(el("blockquote", "kg-quote", q)); });
      return frag;
    }
    spanIds.forEach(function (s) {
      var span = meta.spans[s];
      var quote = el("blockquote", "kg-quote", span.quote);
      if (span.doc >= 0) {
        quote.appendChild(document.createTextNode(" "));
        quote.appendChild(button("kg-source-link", t("showInSource"), function () { openSourceAt(s); }));
      }
      frag.appendChild(quote);
    });
    return frag;
  }

  /** One fact line: `[source →] property [→ target]`, then its evidence. */
  function factItem(e, direction) {
    var li = el("li");
    if (direction === "in") {
      li.appendChild(nodeLink(e.from));
      li.appendChild(document.createTextNode(" \u2192 "));
    }
    li.appendChild(el("span", "kg-prop", edgeLabel(e)));
    if (direction === "out") {
      li.appendChild(document.createTextNode(" \u2192 "));
      li.appendChild(nodeLink(e.to));
    }
    li.appendChild(evidenceBlock(e.spans, e.quotes));
    return li;
  }

  function factList(title, list, direction) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", null, title + " (" + list.length + ")"));
    if (!list.length) { frag.appendChild(el("p", "kg-hint", t("none"))); return frag; }
    var ul = el("ul", "kg-facts");
    list.forEach(function (e) { ul.appendChild(factItem(e, direction)); });
    frag.appendChild(ul);
    return frag;
  }

  function definitionList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (!row[1]) { return; }
      dl.appendChild(el("dt", null, row[0]));
      dl.appendChild(el("dd", row[2] || null, row[1]));
    });
    return dl;
  }

  /** Fact nodes with a value about `id`: the node itself and its neighbours, each once. */
  function measuredNodes(id) {
    var seen = new Set();
    var found = [];
    function add(other) {
      var m = nodeMeta.get(other);
      if (m && m.measure && !seen.has(other)) { seen.add(other); found.push(m); }
    }
    add(id);
    (outgoing.get(id) || []).forEach(function (e) { add(e.to); });
    (incoming.get(id) || []).forEach(function (e) { add(e.from); });
    return found;
  }

  /** The indicator-values table (indicator, value with multiplier and unit, period, rank). */
  function measureTable(list) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", null, t("measures") + " (" + list.length + ")"));
    var table = el("table", "kg-measures");
    var head = el("tr");
    ["indicator", "value", "period", "rank"].forEach(function (k) { head.appendChild(el("th", null, t(k))); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    list.forEach(function (n) {
      var m = n.measure;
      var tr = el("tr");
      var what = el("td");
      what.appendChild(nodeLink(n.id, m["what_" + state.lang] || n["label_" + state.lang]));
      tr.appendChild(what);
      tr.appendChild(el("td", "kg-num", m["value_" + state.lang]));
      tr.appendChild(el("td", null, m["period_" + state.lang]));
      tr.appendChild(el("td", null, m["rank_" + state.lang]));
      body.appendChild(tr);
    });
    frag.appendChild(table);
    return frag;
  }

  /** Empty the panel and give it a close button and a heading. */
  function startPanel(text) {
    var panel = document.getElementById("kg-panel");
    panel.replaceChildren();
    panel.scrollTop = 0;
    var close = button("kg-close", "\u00d7", clearPanel);
    close.setAttribute("aria-label", t("close"));
    panel.appendChild(close);
    panel.appendChild(el("h2", null, text));
    return panel;
  }

  function showNode(id) {
    var n = nodeMeta.get(id);
    if (!n) { return; }
    state.selected = id; state.shownEdge = null;
    var panel = startPanel(n["label_" + state.lang]);
    panel.appendChild(definitionList([
      [t("nameZh"), n.name_zh], [t("nameEn"), n.name_en],
      [t("type"), typeLabel(n)], [t("iri"), n.id, "kg-iri"]
    ]));
    var measured = measuredNodes(id);
    if (measured.length) { panel.appendChild(measureTable(measured)); }
    if (n.spans.length || n.quote) {
      panel.appendChild(el("h3", null, t("evidence")));
      panel.appendChild(evidenceBlock(n.spans, n.quote ? [n.quote] : []));
    }
    panel.appendChild(factList(t("outgoing"), outgoing.get(id) || [], "out"));
    panel.appendChild(factList(t("incoming"), incoming.get(id) || [], "in"));
    writeHash();
  }

  function showEdge(id) {
    var e = edgeMeta.get(id);
    if (!e) { return; }
    state.shownEdge = id; state.selected = null;
    var panel = startPanel(edgeLabel(e));
    panel.appendChild(definitionList([[t("property"), e.predicate, "kg-iri"]]));
    var dl = el("dl");
    dl.appendChild(el("dt", null, t("from")));
    dl.appendChild(el("dd")).appendChild(nodeLink(e.from));
    dl.appendChild(el("dt", null, t("to")));
    dl.appendChild(el("dd")).appendChild(nodeLink(e.to));
    panel.appendChild(dl);
    if (e.spans.length || e.quotes.length) {
      panel.appendChild(el("h3", null, t("evidence")));
      panel.appendChild(evidenceBlock(e.spans, e.quotes));
    }
    writeHash();
  }

  function clearPanel() {
    state.selected = null; state.shownEdge = null;
    document.getElementById("kg-panel").replaceChildren(el("p", "kg-hint", t("hint")));
    writeHash();
  }

  function refreshPanel() {
    if (state.selected !== null) { showNode(state.selected); }
    else if (state.shownEdge !== null) { showEdge(state.shownEdge); }
    else { clearPanel(); }
  }

  /* ------------------------------------------------------------------ source view */

  var source = { built: false, marks: [] };  // marks[spanId] = the <mark>s that draw the span

  /** One document: its title, then its text with evidence segments as <mark>s (text nodes only). */
  function documentArticle(doc, index) {
    var article = el("article", "kg-doc");
    article.appendChild(el("h3", "kg-doc-title", doc["title_" + state.lang]));
    var body = el("div", "kg-doc-text");
    doc.segments.forEach(function (seg) {
      if (!seg[1].length) { body.appendChild(document.createTextNode(seg[0])); return; }
      // Overlaps arrive cut into segments; a deeper colour shows more than one passage.
      var mark = el("mark", "kg-hl kg-depth-" + Math.min(seg[1].length, 3), seg[0]);
      mark.tabIndex = 0;
      mark.dataset.spans = seg[1].join(" ");  // span numbers from Python, digits and spaces only
      seg[1].forEach(function (s) { (source.marks[s] = source.marks[s] || []).push(mark); });
      body.appendChild(mark);
    });
    article.appendChild(body);
    article.dataset.doc = String(index);
    return article;
  }

  /** Build the documents once, the first time the view opens (large graphs may never need it). */
  function buildSource() {
    if (source.built) { return; }
    source.built = true;
    var docs = document.getElementById("kg-docs");
    meta.documents.forEach(function (doc, i) { docs.appendChild(documentArticle(doc, i)); });
    docs.addEventListener("click", onMarkActivate);
    docs.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { onMarkActivate(ev); }
    });
  }

  /** A click (or Enter) on a highlight lists the facts of every passage it belongs to. */
  function onMarkActivate(ev) {
    var mark = ev.target.closest ? ev.target.closest("mark.kg-hl") : null;
    if (!mark) { return; }
    ev.preventDefault();
    var ids = mark.dataset.spans.split(" ").map(Number);
    highlightSpans(ids);
    showSpanFacts(ids);
  }

  /** Mark the segments of `ids` as current (and only those). */
  function highlightSpans(ids) {
    document.querySelectorAll("mark.kg-current").forEach(function (m) { m.classList.remove("kg-current"); });
    ids.forEach(function (s) { (source.marks[s] || []).forEach(function (m) { m.classList.add("kg-current"); }); });
  }

  /** One supported fact: subject – property – object (or the entity a passage names), clickable. */
  function supportedFact(kind, id) {
    var li = el("li");
    if (kind === "edge") {
      var e = edgeMeta.get(id);
      li.appendChild(nodeLink(e.from));
      li.appendChild(document.createTextNode(" \u2013 "));
      li.appendChild(el("span", "kg-prop", edgeLabel(e)));
      li.appendChild(document.createTextNode(" \u2013 "));
      li.appendChild(nodeLink(e.to));
    } else {
      li.appendChild(nodeLink(id));
      li.appendChild(el("span", "kg-option-type", " (" + typeLabel(nodeMeta.get(id)) + ")"));
    }
    return li;
  }

  /** List in the source view the facts that the passages `ids` support. */
  function showSpanFacts(ids) {
    state.sourceSpans = ids;
    var box = document.getElementById("kg-source-facts");
    box.replaceChildren();
    box.hidden = !ids.length;
    if (!ids.length) { return; }
    box.appendChild(el("h3", null, t("supports")));
    var ul = el("ul", "kg-facts");
    var seen = new Set();
    ids.forEach(function (s) {
      var span = meta.spans[s];
      span.nodes.forEach(function (id) { if (!seen.has("n" + id)) { seen.add("n" + id); ul.appendChild(supportedFact("node", id)); } });
      span.edges.forEach(function (id) { if (!seen.has("e" + id)) { seen.add("e" + id); ul.appendChild(supportedFact("edge", id)); } });
    });
    box.appendChild(ul);
  }

  /** Open or close the source view. */
  function setSourceOpen(open) {
    state.sourceOpen = open;
    if (open) { buildSource(); }
    document.getElementById("kg-source").hidden = !open;
    document.getElementById("kg-source-toggle").setAttribute("aria-pressed", open ? "true" : "false");
    writeHash();
  }

  /** Open the source view at one passage: highlight it, list its facts, scroll it into view. */
  function openSourceAt(spanId) {
    setSourceOpen(true);
    highlightSpans([spanId]);
    showSpanFacts([spanId]);
    var first = (source.marks[spanId] || [])[0];
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  /** Retitle the documents after a language switch (their text does not change). */
  function retitleSource() {
    document.querySelectorAll("#kg-docs article").forEach(function (article) {
      var doc = meta.documents[Number(article.dataset.doc)];
      article.querySelector(".kg-doc-title").textContent = doc["title_" + state.lang];
    });
    showSpanFacts(state.sourceSpans);
  }

  /* ------------------------------------------------------------------ language */

  /** Put the interface text of the current language into every static element. */
  function renderChrome() {
    document.documentElement.lang = t("htmlLang");
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("[data-i18n-label]").forEach(function (node) {
      node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    });
    document.querySelectorAll(".kg-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.lang === state.lang ? "true" : "false");
    });
  }

  function setLang(next) {
    if (!UI[next] || next === state.lang) { return; }
    state.lang = next;
    nodes.update(nodeItems(visData.nodes));
    edges.update(edgeItems(visData.edges));
    renderChrome();
    renderLegend();
    retitleSource();
    if (search.results.length) { renderSuggestions(); }
    refreshPanel();
    writeHash();
  }

  /* ------------------------------------------------------------------ URL fragment */

  var lastHash = null;

  /** The state kept in the URL: `#lang=en&sel=<IRI>&hide=Company,Goal&view=source`. */
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    return {
      lang: params.get("lang"),
      sel: params.get("sel"),
      hide: (params.get("hide") || "").split(",").filter(Boolean),
      view: params.get("view")
    };
  }

  /** Write the state into the fragment without adding history entries. */
  function writeHash() {
    if (!state.ready) { return; }  // restoring: the state is not complete yet
    var params = new URLSearchParams();
    params.set("lang", state.lang);
    if (state.selected !== null) { params.set("sel", state.selected); }
    var hide = meta.classes.filter(function (c) { return state.hidden.has(c.iri); }).map(function (c) { return c.key; });
    if (hide.length) { params.set("hide", hide.join(",")); }
    if (state.sourceOpen) { params.set("view", "source"); }
    var hash = "#" + params.toString();
    if (hash === location.hash) { lastHash = hash; return; }
    lastHash = hash;
    try { history.replaceState(null, "", hash); } catch (err) { location.replace(hash); }
  }

  /** Apply a parsed fragment; unknown languages, classes and ids are ignored. */
  function applyHash(wanted) {
    if (wanted.lang && UI[wanted.lang]) { setLang(wanted.lang); }
    state.hidden = new Set();
    wanted.hide.forEach(function (key) {
      var c = classByKey.get(key) || classByIri.get(key);
      if (c) { state.hidden.add(c.iri); }
    });
    applyFilter();
    renderLegend();
    if (wanted.sel !== null && nodeMeta.has(wanted.sel)) { focusNode(wanted.sel); }
    setSourceOpen(wanted.view === "source");
  }

  function onHashChange() {
    if (location.hash === lastHash) { return; }  // our own update
    state.ready = false;
    applyHash(readHash());
    state.ready = true;
    writeHash();
  }

  /* ------------------------------------------------------------------ start */

  var initial = readHash();
  if (initial.lang && UI[initial.lang]) { state.lang = initial.lang; }

  var nodes = new vis.DataSet(nodeItems(visData.nodes));
  var edges = new vis.DataSet(edgeItems(visData.edges));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, visData.options);

  window.network = network;
  window.kgData = { nodes: visData.nodes.length, edges: visData.edges.length };
  window.kgSetLang = setLang;

  /** Once laid out: restore the rest of the URL state, then tell tests and users we are ready. */
  function markReady() {
    if (state.ready) { return; }
    applyHash(initial);  // filters after the layout, so hidden classes still get their places
    state.ready = true;
    writeHash();
    document.body.dataset.ready = "1";
  }

  // Bounded stabilisation, then physics off so the layout stays where it settled.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    // vis-network fits the view right after this event; restore state once that has happened.
    window.setTimeout(markReady, 0);
  });

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { clearPanel(); }
  });

  document.querySelectorAll(".kg-lang button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.dataset.lang); });
  });
  document.getElementById("kg-source-toggle").addEventListener("click", function () {
    setSourceOpen(!state.sourceOpen);
  });
  document.getElementById("kg-source-close").addEventListener("click", function () { setSourceOpen(false); });
  window.addEventListener("hashchange", onHashChange);

  initSearch();
  renderChrome();
  renderLegend();
  if (!visData.nodes.length) { markReady(); }
})();
