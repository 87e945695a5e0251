// The URL-fragment state of the explorer (kg/display/explorer/assets/js/hash.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";

import { formatHash, hiddenIris, hiddenKeys, parseHash } from "../../kg/display/explorer/assets/js/hash.mjs";

const ONT = "https://w3id.org/binjiang-kg/ont#";
const CLASSES = [{ iri: ONT + "Company", key: "Company" }, { iri: ONT + "Goal", key: "Goal" },
                 { iri: "https://ex.org/Goal", key: "https://ex.org/Goal" }];
const byKey = new Map(CLASSES.map((c) => [c.key, c]));
const byIri = new Map(CLASSES.map((c) => [c.iri, c]));
const UNITREE = "https://w3id.org/binjiang-kg/id/unitree";

test("a fragment gives language, selection, hidden classes and view", () => {
  assert.deepEqual(parseHash("#lang=en&sel=" + encodeURIComponent(UNITREE) + "&hide=Company,Goal&view=source"),
                   { lang: "en", sel: UNITREE, hide: ["Company", "Goal"], view: "source" });
  assert.deepEqual(parseHash(""), { lang: null, sel: null, hide: [], view: null });
  assert.deepEqual(parseHash("#hide=,,Goal,").hide, ["Goal"]);
});

test("hostile fragments stay strings", () => {
  const wanted = parseHash("#sel=<img src=x onerror=alert(1)>&lang=</script>");
  assert.equal(wanted.sel, "<img src=x onerror=alert(1)>");
  assert.equal(wanted.lang, "</script>");
});

test("a state written and read back is the same state", () => {
  const state = { lang: "zh", selected: UNITREE, hide: ["Goal", "https://ex.org/Goal"], sourceOpen: true };
  const hash = formatHash(state);
  assert.ok(hash.startsWith("#lang=zh&sel=https%3A%2F%2Fw3id.org"));
  assert.deepEqual(parseHash(hash), { lang: "zh", sel: UNITREE, hide: state.hide, view: "source" });
  assert.equal(formatHash({ lang: "en", selected: null, hide: [], sourceOpen: false }), "#lang=en");
});

test("classes are named by key in the URL, found by key or IRI, unknown ones ignored", () => {
  assert.deepEqual(hiddenKeys(CLASSES, new Set([ONT + "Goal", ONT + "Company"])), ["Company", "Goal"]);
  assert.deepEqual([...hiddenIris(["Goal", ONT + "Company", "Nope"], byKey, byIri)], [ONT + "Goal", ONT + "Company"]);
});
