/* Evidence and indicator values around an entity, and the highlighted segments of the source view.
 * Pure: spans, segments and measures come from Python (kg/display/explorer/records.py, segments.py). */

/** The evidence to show for a fact: one `{quote, span}` per evidence span (`span` is null when its text is
 * not in the page), or, without spans, its plain quotes. */
export function evidenceItems(spanIds, quotes, spans) {
  if (!spanIds.length) { return quotes.map((quote) => ({ quote: quote, span: null })); }
  return spanIds.map((s) => ({ quote: spans[s].quote, span: spans[s].doc >= 0 ? s : null }));
}

/** Fact nodes with a value about `id`: the node itself and its neighbours, each once, in that order. */
export function measuredNodes(id, nodeById, outgoing, incoming) {
  const seen = new Set();
  const found = [];
  function add(other) {
    const m = nodeById.get(other);
    if (m && m.measure && !seen.has(other)) { seen.add(other); found.push(m); }
  }
  add(id);
  (outgoing.get(id) || []).forEach((e) => add(e.to));
  (incoming.get(id) || []).forEach((e) => add(e.from));
  return found;
}

/** The facts that the passages `spanIds` support, each once: `{kind: "node" | "edge", id}`, nodes of a
 * passage before its edges, passages in the given order. */
export function supportedFacts(spanIds, spans) {
  const seen = new Set();
  const facts = [];
  spanIds.forEach((s) => {
    spans[s].nodes.forEach((id) => {
      if (!seen.has("n" + id)) { seen.add("n" + id); facts.push({ kind: "node", id: id }); }
    });
    spans[s].edges.forEach((id) => {
      if (!seen.has("e" + id)) { seen.add("e" + id); facts.push({ kind: "edge", id: id }); }
    });
  });
  return facts;
}

/** How deep a segment's highlight is: the number of passages over it, at most 3 (a deeper colour). */
export function highlightDepth(segment) {
  return Math.min(segment[1].length, 3);
}

/** The span ids a highlight carries, as its `data-spans` attribute (digits and spaces only). */
export function formatSpanIds(spanIds) {
  return spanIds.join(" ");
}

/** The span ids of a highlight's `data-spans` attribute. */
export function parseSpanIds(text) {
  return text.split(" ").map(Number);
}
