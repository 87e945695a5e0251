// Evidence, indicator values and the source view's segments (kg/display/explorer/assets/js/evidence.mjs),
// with the lookup tables of graph.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  evidenceItems, formatSpanIds, highlightDepth, measuredNodes, parseSpanIds, supportedFacts
} from "../../kg/display/explorer/assets/js/evidence.mjs";
import { edgeHidden, indexBy, indexGraph } from "../../kg/display/explorer/assets/js/graph.mjs";

const META = {
  classes: [{ iri: "Zone", key: "Zone" }, { iri: "Value", key: "Value" }],
  nodes: [{ id: "zone", type: "Zone", measure: null }, { id: "gdp", type: "Value", measure: { value_zh: "2800亿元" } },
          { id: "fdi", type: "Value", measure: { value_zh: "4.43亿美元" } }],
  edges: [{ id: "e0", from: "gdp", to: "zone" }, { id: "e1", from: "zone", to: "fdi" }, { id: "e2", from: "gdp", to: "zone" }]
};
const SPANS = [{ doc: 0, quote: "GDP突破2800亿元", nodes: ["gdp"], edges: ["e0"] },
               { doc: -1, quote: "not in the page", nodes: [], edges: [] },
               { doc: 0, quote: "2800亿元", nodes: ["gdp", "zone"], edges: ["e0", "e2"] }];

test("indexes by id and by end of each fact", () => {
  const index = indexGraph(META);
  assert.equal(index.nodeById.get("gdp").measure.value_zh, "2800亿元");
  assert.deepEqual(index.outgoing.get("gdp").map((e) => e.id), ["e0", "e2"]);
  assert.deepEqual(index.incoming.get("zone").map((e) => e.id), ["e0", "e2"]);
  assert.equal(index.classByKey.get("Zone").iri, "Zone");
  assert.equal(indexBy([{ k: "__proto__" }], "k").get("__proto__").k, "__proto__");  // any string is a key
});

test("an edge is hidden when either end's class is", () => {
  const { nodeById } = indexGraph(META);
  assert.equal(edgeHidden(META.edges[1], nodeById, new Set(["Value"])), true);
  assert.equal(edgeHidden(META.edges[1], nodeById, new Set()), false);
});

test("values about an entity: its own, then its neighbours', each once", () => {
  const { nodeById, outgoing, incoming } = indexGraph(META);
  assert.deepEqual(measuredNodes("zone", nodeById, outgoing, incoming).map((n) => n.id), ["fdi", "gdp"]);
  assert.deepEqual(measuredNodes("gdp", nodeById, outgoing, incoming).map((n) => n.id), ["gdp"]);
});

test("evidence links to the source only when the passage's text is in the page", () => {
  assert.deepEqual(evidenceItems([0, 1], ["ignored"], SPANS),
                   [{ quote: "GDP突破2800亿元", span: 0 }, { quote: "not in the page", span: null }]);
  assert.deepEqual(evidenceItems([], ["原文"], SPANS), [{ quote: "原文", span: null }]);
});

test("the facts of overlapping passages are listed once each", () => {
  assert.deepEqual(supportedFacts([0, 2], SPANS), [
    { kind: "node", id: "gdp" }, { kind: "edge", id: "e0" }, { kind: "node", id: "zone" }, { kind: "edge", id: "e2" }]);
  assert.deepEqual(supportedFacts([], SPANS), []);
});

test("segments carry their span ids as text, and deepen with overlaps up to three", () => {
  assert.deepEqual(parseSpanIds(formatSpanIds([0, 12, 3])), [0, 12, 3]);
  assert.equal(highlightDepth(["x", [1]]), 1);
  assert.equal(highlightDepth(["x", [1, 2, 3, 4]]), 3);
});
