/* Knowledge-graph explorer: draws the embedded graph with vis-network, and adds search, a legend
 * that filters, an entity panel with indicator values and evidence, a source view that highlights
 * the evidence in the article text, a zh/en toggle and a shareable URL fragment. This module wires the
 * state, the events and vis-network; the DOM pieces come from elements.mjs, what to show from the pure modules.
 *
 * Safety rule for this file: graph data (labels, ids, IRIs, quotes, texts) and the URL fragment
 * reach the DOM only through textContent / createTextNode / attribute values, never innerHTML;
 * vis-network tooltips receive DOM Elements. Ids are looked up in Maps, never used as selectors.
 */
import {
  button, definitionList, documentArticle, edgeTooltip, el, evidenceBlock, factList, legendItem, measureTable,
  nodeLink, nodeTooltip, supportedFact
} from "./elements.mjs";
import { measuredNodes, parseSpanIds, supportedFacts } from "./evidence.mjs";
import { edgeHidden, indexGraph } from "./graph.mjs";
import { formatHash, hiddenIris, hiddenKeys, parseHash } from "./hash.mjs";
import { caption, inLang, typeLabel, uiText } from "./labels.mjs";
import { initSearchBox } from "./searchbox.mjs";

/* ------------------------------------------------------------------ data and state */

/** Parse one of the JSON data blocks (data, never executed). */
function readJSON(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

const visData = readJSON("kg-vis-data");
const meta = readJSON("kg-meta-data");
const UI = meta.ui;
const { nodeById, edgeById, classByIri, classByKey, outgoing, incoming } = indexGraph(meta);

const state = {
  lang: meta.lang,
  hidden: new Set(),      // class IRIs whose nodes are not drawn
  selected: null,         // node id shown in the panel (and kept in the URL)
  shownEdge: null,        // edge id shown in the panel (not kept in the URL)
  sourceOpen: false,
  sourceSpans: [],        // span ids whose supported facts the source view lists
  ready: false
};

function t(key) { return uiText(UI, state.lang, key); }
function label(record) { return inLang(record, "label", state.lang); }

/** What the DOM builders of elements.mjs need: the current language, the data and two actions. */
const ctx = {
  get lang() { return state.lang; },
  ui: UI,
  spans: meta.spans,
  nodeById: nodeById,
  edgeById: edgeById,
  classByIri: classByIri,
  focusNode: focusNode,
  openSourceAt: openSourceAt
};

/* ------------------------------------------------------------------ network items */

/** vis node items for the current language and filter: the page writes every caption and tooltip. */
function nodeItems(base) {
  return base.map((item) => {
    const n = nodeById.get(item.id);
    return Object.assign({}, item, {
      label: caption(n, classByIri.get(n.type), state.lang), title: nodeTooltip(ctx, n), hidden: state.hidden.has(n.type)
    });
  });
}

/** vis edge items for the current language and filter. */
function edgeItems(base) {
  return base.map((item) => {
    const e = edgeById.get(item.id);
    return Object.assign({}, item, {
      label: label(e), title: edgeTooltip(ctx, e), hidden: edgeHidden(e, nodeById, state.hidden)
    });
  });
}

/** Re-apply the class filter to the drawn nodes and edges (without rebuilding tooltips). */
function applyFilter() {
  nodes.update(meta.nodes.map((n) => ({ id: n.id, hidden: state.hidden.has(n.type) })));
  edges.update(meta.edges.map((e) => ({ id: e.id, hidden: edgeHidden(e, nodeById, state.hidden) })));
}

/* ------------------------------------------------------------------ legend (a filter) */

/** Show or hide the nodes of one class, keep legend and URL in step. */
function toggleClass(iri) {
  if (state.hidden.has(iri)) { state.hidden.delete(iri); } else { state.hidden.add(iri); }
  applyFilter();
  renderLegend(iri);
  writeHash();
}

/** Redraw the legend; keep keyboard focus on the row of `focusIri` if given. */
function renderLegend(focusIri) {
  const list = document.getElementById("kg-legend");
  list.replaceChildren();
  meta.classes.forEach((c) => {
    const li = legendItem(ctx, c, !state.hidden.has(c.iri), () => toggleClass(c.iri));
    list.appendChild(li);
    if (c.iri === focusIri) { li.firstChild.focus(); }
  });
}

/* ------------------------------------------------------------------ focusing a node */

/** Select a node, centre and zoom on it and open its panel; shows its class if hidden. */
function focusNode(id) {
  const n = nodeById.get(id);
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

/** Empty the panel and give it a close button and a heading. */
function startPanel(text) {
  const panel = document.getElementById("kg-panel");
  panel.replaceChildren();
  panel.scrollTop = 0;
  const close = button("kg-close", "\u00d7", clearPanel);
  close.setAttribute("aria-label", t("close"));
  panel.appendChild(close);
  panel.appendChild(el("h2", null, text));
  return panel;
}

function showNode(id) {
  const n = nodeById.get(id);
  if (!n) { return; }
  state.selected = id; state.shownEdge = null;
  const panel = startPanel(label(n));
  panel.appendChild(definitionList([
    [t("nameZh"), n.name_zh], [t("nameEn"), n.name_en],
    [t("type"), typeLabel(n, classByIri, state.lang)], [t("iri"), n.id, "kg-iri"]
  ]));
  const measured = measuredNodes(id, nodeById, outgoing, incoming);
  if (measured.length) { panel.appendChild(measureTable(ctx, measured)); }
  if (n.spans.length || n.quote) {
    panel.appendChild(el("h3", null, t("evidence")));
    panel.appendChild(evidenceBlock(ctx, n.spans, n.quote ? [n.quote] : []));
  }
  panel.appendChild(factList(ctx, t("outgoing"), outgoing.get(id) || [], "out"));
  panel.appendChild(factList(ctx, t("incoming"), incoming.get(id) || [], "in"));
  writeHash();
}

function showEdge(id) {
  const e = edgeById.get(id);
  if (!e) { return; }
  state.shownEdge = id; state.selected = null;
  const panel = startPanel(label(e));
  panel.appendChild(definitionList([[t("property"), e.predicate, "kg-iri"]]));
  const dl = el("dl");
  dl.appendChild(el("dt", null, t("from")));
  dl.appendChild(el("dd")).appendChild(nodeLink(ctx, e.from));
  dl.appendChild(el("dt", null, t("to")));
  dl.appendChild(el("dd")).appendChild(nodeLink(ctx, e.to));
  panel.appendChild(dl);
  if (e.spans.length || e.quotes.length) {
    panel.appendChild(el("h3", null, t("evidence")));
    panel.appendChild(evidenceBlock(ctx, e.spans, e.quotes));
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

const source = { built: false, marks: [] };  // marks[spanId] = the <mark>s that draw the span

/** Build the documents once, the first time the view opens (large graphs may never need it). */
function buildSource() {
  if (source.built) { return; }
  source.built = true;
  const docs = document.getElementById("kg-docs");
  meta.documents.forEach((doc, i) => {
    docs.appendChild(documentArticle(ctx, doc, i, (s, mark) => { (source.marks[s] = source.marks[s] || []).push(mark); }));
  });
  docs.addEventListener("click", onMarkActivate);
  docs.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { onMarkActivate(ev); }
  });
}

/** A click (or Enter) on a highlight lists the facts of every passage it belongs to. */
function onMarkActivate(ev) {
  const mark = ev.target.closest ? ev.target.closest("mark.kg-hl") : null;
  if (!mark) { return; }
  ev.preventDefault();
  const ids = parseSpanIds(mark.dataset.spans);
  highlightSpans(ids);
  showSpanFacts(ids);
}

/** Mark the segments of `ids` as current (and only those). */
function highlightSpans(ids) {
  document.querySelectorAll("mark.kg-current").forEach((m) => m.classList.remove("kg-current"));
  ids.forEach((s) => (source.marks[s] || []).forEach((m) => m.classList.add("kg-current")));
}

/** List in the source view the facts that the passages `ids` support. */
function showSpanFacts(ids) {
  state.sourceSpans = ids;
  const box = document.getElementById("kg-source-facts");
  box.replaceChildren();
  box.hidden = !ids.length;
  if (!ids.length) { return; }
  box.appendChild(el("h3", null, t("supports")));
  const ul = el("ul", "kg-facts");
  supportedFacts(ids, meta.spans).forEach((fact) => ul.appendChild(supportedFact(ctx, fact)));
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
  const first = (source.marks[spanId] || [])[0];
  if (first) { first.scrollIntoView({ block: "center" }); }
}

/** Retitle the documents after a language switch (their text does not change). */
function retitleSource() {
  document.querySelectorAll("#kg-docs article").forEach((article) => {
    const doc = meta.documents[Number(article.dataset.doc)];
    article.querySelector(".kg-doc-title").textContent = inLang(doc, "title", state.lang);
  });
  showSpanFacts(state.sourceSpans);
}

/* ------------------------------------------------------------------ language */

/** Put the interface text of the current language into every static element. */
function renderChrome() {
  document.documentElement.lang = t("htmlLang");
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  });
  document.querySelectorAll("[data-i18n-label]").forEach((node) => {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  });
  document.querySelectorAll(".kg-lang button").forEach((b) => {
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
  refreshSuggestions();
  refreshPanel();
  writeHash();
}

/* ------------------------------------------------------------------ URL fragment */

let lastHash = null;

/** Write the state into the fragment without adding history entries. */
function writeHash() {
  if (!state.ready) { return; }  // restoring: the state is not complete yet
  const hash = formatHash({
    lang: state.lang, selected: state.selected, hide: hiddenKeys(meta.classes, state.hidden),
    sourceOpen: state.sourceOpen
  });
  lastHash = hash;
  if (hash === location.hash) { return; }
  try { history.replaceState(null, "", hash); } catch (err) { location.replace(hash); }
}

/** Apply a parsed fragment; unknown languages, classes and ids are ignored. */
function applyHash(wanted) {
  if (wanted.lang && UI[wanted.lang]) { setLang(wanted.lang); }
  state.hidden = hiddenIris(wanted.hide, classByKey, classByIri);
  applyFilter();
  renderLegend();
  if (wanted.sel !== null && nodeById.has(wanted.sel)) { focusNode(wanted.sel); }
  setSourceOpen(wanted.view === "source");
}

function onHashChange() {
  if (location.hash === lastHash) { return; }  // our own update
  state.ready = false;
  applyHash(parseHash(location.hash));
  state.ready = true;
  writeHash();
}

/* ------------------------------------------------------------------ start */

const initial = parseHash(location.hash);
if (initial.lang && UI[initial.lang]) { state.lang = initial.lang; }

const nodes = new vis.DataSet(nodeItems(visData.nodes));
const edges = new vis.DataSet(edgeItems(visData.edges));
const network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges },
                                visData.options);

window.network = network;
window.kgData = { nodes: visData.nodes.length, edges: visData.edges.length };
window.kgSetLang = setLang;

const refreshSuggestions = initSearchBox(ctx, meta.nodes, document.getElementById("kg-search"),
                                         document.getElementById("kg-suggest"), focusNode);

/** Once laid out: restore the rest of the URL state, then tell tests and users we are ready. */
function markReady() {
  if (state.ready) { return; }
  applyHash(initial);  // filters after the layout, so hidden classes still get their places
  state.ready = true;
  writeHash();
  document.body.dataset.ready = "1";
}

// Bounded stabilisation, then physics off so the layout stays where it settled.
network.once("stabilizationIterationsDone", () => {
  network.setOptions({ physics: { enabled: false } });
  // vis-network fits the view right after this event; restore state once that has happened.
  window.setTimeout(markReady, 0);
});

network.on("click", (params) => {
  if (params.nodes.length) { showNode(params.nodes[0]); }
  else if (params.edges.length) { showEdge(params.edges[0]); }
  else { clearPanel(); }
});

document.querySelectorAll(".kg-lang button").forEach((b) => {
  b.addEventListener("click", () => setLang(b.dataset.lang));
});
document.getElementById("kg-source-toggle").addEventListener("click", () => setSourceOpen(!state.sourceOpen));
document.getElementById("kg-source-close").addEventListener("click", () => setSourceOpen(false));
window.addEventListener("hashchange", onHashChange);

renderChrome();
renderLegend();
if (!visData.nodes.length) { markReady(); }
