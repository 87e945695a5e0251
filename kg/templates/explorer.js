/* Knowledge-graph explorer: draws the embedded graph with vis-network.
 *
 * Safety rule for this file: graph data (labels, ids, IRIs, quotes) reaches the DOM only through
 * textContent / createTextNode, never innerHTML; vis-network tooltips receive DOM Elements.
 */
(function () {
  "use strict";

  var UI = {
    zh: {
      nodes: "节点", edges: "关系", legend: "图例", hint: "点击节点查看详情",
      iri: "IRI", nameZh: "中文名", nameEn: "英文名", type: "类型", evidence: "证据",
      outgoing: "出边", incoming: "入边", none: "无", close: "关闭", property: "属性",
      from: "起点", to: "终点", htmlLang: "zh-CN"
    },
    en: {
      nodes: "nodes", edges: "edges", legend: "Legend", hint: "Click a node to see its details",
      iri: "IRI", nameZh: "Chinese name", nameEn: "English name", type: "Type", evidence: "Evidence",
      outgoing: "Outgoing", incoming: "Incoming", none: "none", close: "Close", property: "Property",
      from: "From", to: "To", htmlLang: "en"
    }
  };

  /** Parse one of the JSON data blocks (data, never executed). */
  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  /** Create an element whose content, if any, is plain text. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /** Index records by id in a Map (ids are arbitrary strings, so no plain-object lookups). */
  function indexById(records) {
    var map = new Map();
    records.forEach(function (r) { map.set(r.id, r); });
    return map;
  }

  var visData = readJSON("kg-vis-data");
  var meta = readJSON("kg-meta-data");
  var lang = meta.lang;
  var nodeMeta = indexById(meta.nodes);
  var edgeMeta = indexById(meta.edges);
  var classByIri = new Map();
  meta.classes.forEach(function (c) { classByIri.set(c.iri, c); });
  var outgoing = new Map();
  var incoming = new Map();
  meta.edges.forEach(function (e) {
    if (!outgoing.has(e.from)) { outgoing.set(e.from, []); }
    if (!incoming.has(e.to)) { incoming.set(e.to, []); }
    outgoing.get(e.from).push(e);
    incoming.get(e.to).push(e);
  });
  var shownNode = null;
  var shownEdge = null;

  function t(key) { return UI[lang][key]; }
  function nodeLabel(id) { var n = nodeMeta.get(id); return n ? n["label_" + lang] : String(id); }
  function typeLabel(n) {
    var c = classByIri.get(n.type);
    return c ? c["label_" + lang] : n["type_label_" + lang];
  }
  function edgeLabel(e) { return e["label_" + lang]; }

  /** Append a list of evidence quotes to `parent`. */
  function appendQuotes(parent, quotes) {
    quotes.forEach(function (q) { parent.appendChild(el("blockquote", "kg-quote", q)); });
  }

  /** Tooltip of a node, as an Element (vis-network inserts Elements without parsing HTML). */
  function nodeTooltip(n) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, n["label_" + lang]));
    var other = n[lang === "zh" ? "label_en" : "label_zh"];
    if (other && other !== n["label_" + lang]) { tip.appendChild(el("div", null, other)); }
    tip.appendChild(el("div", "kg-type", t("type") + ": " + typeLabel(n)));
    if (n.quote) { appendQuotes(tip, [n.quote]); }
    return tip;
  }

  /** Tooltip of an edge, as an Element. */
  function edgeTooltip(e) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("strong", null, edgeLabel(e)));
    tip.appendChild(el("div", null, nodeLabel(e.from) + " \u2192 " + nodeLabel(e.to)));
    appendQuotes(tip, e.quotes);
    return tip;
  }

  /** vis node items for the current language (labels and tooltips are language dependent). */
  function nodeItems(base) {
    return base.map(function (item) {
      var n = nodeMeta.get(item.id);
      // The canvas shows the shortened label; tooltip and panel show the full one.
      return Object.assign({}, item, { label: n["short_" + lang], title: nodeTooltip(n) });
    });
  }

  /** vis edge items for the current language. */
  function edgeItems(base) {
    return base.map(function (item) {
      var e = edgeMeta.get(item.id);
      return Object.assign({}, item, { label: edgeLabel(e), title: edgeTooltip(e) });
    });
  }

  function renderLegend() {
    var list = document.getElementById("kg-legend");
    list.replaceChildren();
    meta.classes.forEach(function (c) {
      var li = el("li");
      // A shape name from Python's SHAPES constant, never graph data.
      var swatch = el("span", "kg-swatch kg-shape-" + c.shape);
      swatch.style.backgroundColor = c.color;  // a palette constant from Python, set via CSSOM
      li.appendChild(swatch);
      li.appendChild(el("span", "kg-name", c["label_" + lang]));
      li.appendChild(el("span", "kg-count", c.count));
      li.title = c.iri;  // attribute value, shown as text by the browser
      list.appendChild(li);
    });
  }

  function renderChrome() {
    document.documentElement.lang = t("htmlLang");
    document.getElementById("kg-word-nodes").textContent = t("nodes");
    document.getElementById("kg-word-edges").textContent = t("edges");
    document.getElementById("kg-legend-title").textContent = t("legend");
    document.querySelectorAll(".kg-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false");
    });
  }

  /** A button that jumps to another node. */
  function nodeLink(id) {
    var b = el("button", "kg-link", nodeLabel(id));
    b.type = "button";
    b.addEventListener("click", function () {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
      showNode(id);
    });
    return b;
  }

  /** One fact line: `[source →] property [→ target]`, then its quotes. */
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
    appendQuotes(li, e.quotes);
    return li;
  }

  function factList(title, edges, direction) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", null, title + " (" + edges.length + ")"));
    if (!edges.length) { frag.appendChild(el("p", "kg-hint", t("none"))); return frag; }
    var ul = el("ul", "kg-facts");
    edges.forEach(function (e) { ul.appendChild(factItem(e, direction)); });
    frag.appendChild(ul);
    return frag;
  }

  function definitionList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (!row[1]) { return; }
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd", row[2] || null, row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function panelHeader(panel, text) {
    var close = el("button", "kg-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", t("close"));
    close.addEventListener("click", clearPanel);
    panel.appendChild(close);
    panel.appendChild(el("h2", null, text));
  }

  function showNode(id) {
    var n = nodeMeta.get(id);
    if (!n) { return; }
    shownNode = id; shownEdge = null;
    var panel = document.getElementById("kg-panel");
    panel.replaceChildren();
    panel.scrollTop = 0;
    panelHeader(panel, n["label_" + lang]);
    panel.appendChild(definitionList([
      [t("nameZh"), n.name_zh], [t("nameEn"), n.name_en],
      [t("type"), typeLabel(n)], [t("iri"), n.id, "kg-iri"]
    ]));
    if (n.quote) {
      panel.appendChild(el("h3", null, t("evidence")));
      appendQuotes(panel, [n.quote]);
    }
    panel.appendChild(factList(t("outgoing"), outgoing.get(id) || [], "out"));
    panel.appendChild(factList(t("incoming"), incoming.get(id) || [], "in"));
  }

  function showEdge(id) {
    var e = edgeMeta.get(id);
    if (!e) { return; }
    shownEdge = id; shownNode = null;
    var panel = document.getElementById("kg-panel");
    panel.replaceChildren();
    panel.scrollTop = 0;
    panelHeader(panel, edgeLabel(e));
    panel.appendChild(definitionList([[t("property"), e.predicate, "kg-iri"]]));
    var dl = el("dl");
    dl.appendChild(el("dt", null, t("from")));
    var from = el("dd"); from.appendChild(nodeLink(e.from)); dl.appendChild(from);
    dl.appendChild(el("dt", null, t("to")));
    var to = el("dd"); to.appendChild(nodeLink(e.to)); dl.appendChild(to);
    panel.appendChild(dl);
    if (e.quotes.length) {
      panel.appendChild(el("h3", null, t("evidence")));
      appendQuotes(panel, e.quotes);
    }
  }

  function clearPanel() {
    shownNode = null; shownEdge = null;
    var panel = document.getElementById("kg-panel");
    panel.replaceChildren(el("p", "kg-hint", t("hint")));
  }

  function setLang(next) {
    if (!UI[next] || next === lang) { return; }
    lang = next;
    nodes.update(nodeItems(visData.nodes));
    edges.update(edgeItems(visData.edges));
    renderChrome();
    renderLegend();
    if (shownNode !== null) { showNode(shownNode); }
    else if (shownEdge !== null) { showEdge(shownEdge); }
    else { clearPanel(); }
  }

  var nodes = new vis.DataSet(nodeItems(visData.nodes));
  var edges = new vis.DataSet(edgeItems(visData.edges));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, visData.options);

  window.network = network;
  window.kgData = { nodes: visData.nodes.length, edges: visData.edges.length };
  window.kgSetLang = setLang;

  var ready = false;
  function markReady() {
    if (ready) { return; }
    ready = true;
    document.body.dataset.ready = "1";
  }

  // Bounded stabilisation, then physics off so the layout stays where it settled.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    // vis-network fits the view right after this event; report ready once that has happened.
    window.setTimeout(markReady, 0);
  });
  if (!visData.nodes.length) { markReady(); }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { clearPanel(); }
  });

  document.querySelectorAll(".kg-lang button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.dataset.lang); });
  });

  renderChrome();
  renderLegend();
})();
