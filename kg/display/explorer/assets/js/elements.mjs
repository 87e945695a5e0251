/* The DOM pieces of the explorer: tooltips, legend rows, suggestions, facts, evidence, the values table and
 * the source documents. Builders without state of their own: what they need comes in `ctx` (made by
 * main.mjs): `lang` (the current language), `ui` (the interface text), `spans`, the lookup tables of
 * graph.mjs (`nodeById`, `edgeById`, `classByIri`) and the actions `focusNode(id)` and `openSourceAt(span)`.
 *
 * Safety rule: graph data reaches the DOM only through textContent / createTextNode / attribute values,
 * never innerHTML.
 */
import { evidenceItems, formatSpanIds, highlightDepth } from "./evidence.mjs";
import { inLang, nodeLabel, secondLabel, typeLabel, uiText } from "./labels.mjs";

/** Create an element whose content, if any, is plain text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

/** Create a <button type="button"> with text and a click handler. */
export function button(className, text, onClick) {
  const b = el("button", className, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/** The interface text `key` in the current language. */
function say(ctx, key) {
  return uiText(ctx.ui, ctx.lang, key);
}

/** A record's label in the current language. */
function labelOf(ctx, record) {
  return inLang(record, "label", ctx.lang);
}

/** A button that focuses a node (select, centre, open its panel); its text is the node's label by default. */
export function nodeLink(ctx, id, text) {
  return button("kg-link", text === undefined ? nodeLabel(ctx.nodeById, id, ctx.lang) : text,
                () => ctx.focusNode(id));
}

/** Tooltip of a node, as an Element (vis-network inserts Elements without parsing HTML). */
export function nodeTooltip(ctx, n) {
  const tip = el("div", "kg-tip");
  tip.appendChild(el("strong", null, labelOf(ctx, n)));
  const second = secondLabel(n, ctx.lang);
  if (second) { tip.appendChild(el("div", null, second)); }
  tip.appendChild(el("div", "kg-type", say(ctx, "type") + ": " + typeLabel(n, ctx.classByIri, ctx.lang)));
  if (n.quote) { tip.appendChild(el("blockquote", "kg-quote", n.quote)); }
  return tip;
}

/** Tooltip of an edge, as an Element. */
export function edgeTooltip(ctx, e) {
  const tip = el("div", "kg-tip");
  tip.appendChild(el("strong", null, labelOf(ctx, e)));
  tip.appendChild(el("div", null, nodeLabel(ctx.nodeById, e.from, ctx.lang) + " \u2192 "
                                  + nodeLabel(ctx.nodeById, e.to, ctx.lang)));
  e.quotes.forEach((q) => tip.appendChild(el("blockquote", "kg-quote", q)));
  return tip;
}

/** One legend row: a toggle button with the class's swatch, name and count. */
export function legendItem(ctx, c, shown, onToggle) {
  const li = el("li", shown ? null : "kg-off");
  const b = button("kg-class", null, onToggle);
  b.setAttribute("aria-pressed", shown ? "true" : "false");
  b.dataset.key = c.key;  // an attribute value, read back only as text
  b.title = c.iri + (shown ? "" : " (" + say(ctx, "hidden") + ")");
  // A shape name validated by Python (PERSPECTIVE_SHAPES), never free graph data.
  const swatch = el("span", "kg-swatch kg-shape-" + c.shape);
  swatch.style.backgroundColor = c.color;  // a validated #rrggbb, set via CSSOM
  b.appendChild(swatch);
  b.appendChild(el("span", "kg-name", labelOf(ctx, c)));
  b.appendChild(el("span", "kg-count", c.count));
  li.appendChild(b);
  return li;
}

/** One search suggestion: label, other-language label and class. */
export function suggestionItem(ctx, n, index, active, onChoose) {
  const li = el("li", "kg-option");
  li.id = "kg-option-" + index;
  li.setAttribute("role", "option");
  li.setAttribute("aria-selected", active ? "true" : "false");
  li.appendChild(el("span", "kg-option-label", labelOf(ctx, n)));
  const second = secondLabel(n, ctx.lang);
  if (second) { li.appendChild(el("span", "kg-option-other", second)); }
  li.appendChild(el("span", "kg-option-type", typeLabel(n, ctx.classByIri, ctx.lang)));
  // mousedown would blur the input and close the list before the click lands.
  li.addEventListener("mousedown", (ev) => ev.preventDefault());
  li.addEventListener("click", onChoose);
  return li;
}

/** Evidence of a fact: each span's quote with a button that opens the source at it. */
export function evidenceBlock(ctx, spanIds, quotes) {
  const frag = document.createDocumentFragment();
  evidenceItems(spanIds, quotes, ctx.spans).forEach((item) => {
    const quote = el("blockquote", "kg-quote", item.quote);
    if (item.span !== null) {
      quote.appendChild(document.createTextNode(" "));
      quote.appendChild(button("kg-source-link", say(ctx, "showInSource"), () => ctx.openSourceAt(item.span)));
    }
    frag.appendChild(quote);
  });
  return frag;
}

/** One fact line: `[source →] property [→ target]`, then its evidence. */
function factItem(ctx, e, direction) {
  const li = el("li");
  if (direction === "in") {
    li.appendChild(nodeLink(ctx, e.from));
    li.appendChild(document.createTextNode(" \u2192 "));
  }
  li.appendChild(el("span", "kg-prop", labelOf(ctx, e)));
  if (direction === "out") {
    li.appendChild(document.createTextNode(" \u2192 "));
    li.appendChild(nodeLink(ctx, e.to));
  }
  li.appendChild(evidenceBlock(ctx, e.spans, e.quotes));
  return li;
}

/** A heading with the number of facts, and the facts (`direction` "out" or "in"), or "none". */
export function factList(ctx, title, list, direction) {
  const frag = document.createDocumentFragment();
  frag.appendChild(el("h3", null, title + " (" + list.length + ")"));
  if (!list.length) { frag.appendChild(el("p", "kg-hint", say(ctx, "none"))); return frag; }
  const ul = el("ul", "kg-facts");
  list.forEach((e) => ul.appendChild(factItem(ctx, e, direction)));
  frag.appendChild(ul);
  return frag;
}

/** A <dl> of `[term, text, class of the text]` rows; rows without text are left out. */
export function definitionList(rows) {
  const dl = el("dl");
  rows.forEach((row) => {
    if (!row[1]) { return; }
    dl.appendChild(el("dt", null, row[0]));
    dl.appendChild(el("dd", row[2] || null, row[1]));
  });
  return dl;
}

/** The indicator-values table (indicator, value with multiplier and unit, period, rank). */
export function measureTable(ctx, list) {
  const frag = document.createDocumentFragment();
  frag.appendChild(el("h3", null, say(ctx, "measures") + " (" + list.length + ")"));
  const table = el("table", "kg-measures");
  const head = el("tr");
  ["indicator", "value", "period", "rank"].forEach((k) => head.appendChild(el("th", null, say(ctx, k))));
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  list.forEach((n) => {
    const m = n.measure;
    const tr = el("tr");
    const what = el("td");
    what.appendChild(nodeLink(ctx, n.id, inLang(m, "what", ctx.lang) || labelOf(ctx, n)));
    tr.appendChild(what);
    tr.appendChild(el("td", "kg-num", inLang(m, "value", ctx.lang)));
    tr.appendChild(el("td", null, inLang(m, "period", ctx.lang)));
    tr.appendChild(el("td", null, inLang(m, "rank", ctx.lang)));
    body.appendChild(tr);
  });
  frag.appendChild(table);
  return frag;
}

/** One document: its title, then its text with evidence segments as <mark>s (text nodes only);
 * `onMark(spanId, mark)` hears of every <mark> of every span. */
export function documentArticle(ctx, doc, index, onMark) {
  const article = el("article", "kg-doc");
  article.appendChild(el("h3", "kg-doc-title", inLang(doc, "title", ctx.lang)));
  const body = el("div", "kg-doc-text");
  doc.segments.forEach((seg) => {
    if (!seg[1].length) { body.appendChild(document.createTextNode(seg[0])); return; }
    // Overlaps arrive cut into segments; a deeper colour shows more than one passage.
    const mark = el("mark", "kg-hl kg-depth-" + highlightDepth(seg), seg[0]);
    mark.tabIndex = 0;
    mark.dataset.spans = formatSpanIds(seg[1]);  // span numbers from Python
    seg[1].forEach((s) => onMark(s, mark));
    body.appendChild(mark);
  });
  article.appendChild(body);
  article.dataset.doc = String(index);
  return article;
}

/** One fact a passage supports: subject – property – object (or the entity it names), clickable. */
export function supportedFact(ctx, fact) {
  const li = el("li");
  if (fact.kind === "edge") {
    const e = ctx.edgeById.get(fact.id);
    li.appendChild(nodeLink(ctx, e.from));
    li.appendChild(document.createTextNode(" \u2013 "));
    li.appendChild(el("span", "kg-prop", labelOf(ctx, e)));
    li.appendChild(document.createTextNode(" \u2013 "));
    li.appendChild(nodeLink(ctx, e.to));
  } else {
    li.appendChild(nodeLink(ctx, fact.id));
    li.appendChild(el("span", "kg-option-type",
                      " (" + typeLabel(ctx.nodeById.get(fact.id), ctx.classByIri, ctx.lang) + ")"));
  }
  return li;
}
