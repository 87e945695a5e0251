// Label and caption choice in the explorer (kg/display/explorer/assets/js/labels.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";

import { caption, inLang, nodeLabel, secondLabel, typeLabel, uiText } from "../../kg/display/explorer/assets/js/labels.mjs";

const COMPANY = { iri: "C", label_zh: "企业", label_en: "Company", caption: "label" };
const unitree = { id: "u", type: "C", label_zh: "宇树科技", label_en: "Unitree Robotics", short_zh: "宇树科技",
                  short_en: "Unitree Robotics", type_label_zh: "公司", type_label_en: "company" };
const plain = { id: "p", type: "X", label_zh: "滨江", label_en: "滨江", type_label_zh: "区", type_label_en: "district" };

test("labels in the current language, the other one only when it differs", () => {
  assert.equal(inLang(unitree, "label", "en"), "Unitree Robotics");
  assert.equal(nodeLabel(new Map([["u", unitree]]), "u", "zh"), "宇树科技");
  assert.equal(nodeLabel(new Map(), "https://ex.org/missing", "zh"), "https://ex.org/missing");
  assert.equal(secondLabel(unitree, "zh"), "Unitree Robotics");
  assert.equal(secondLabel(plain, "en"), "");
});

test("class names come from the legend, else from the node", () => {
  const classes = new Map([["C", COMPANY]]);
  assert.equal(typeLabel(unitree, classes, "zh"), "企业");
  assert.equal(typeLabel(plain, classes, "en"), "district");
});

test("captions follow the class's perspective: label, type or none", () => {
  assert.equal(caption(unitree, COMPANY, "en"), "Unitree Robotics");
  assert.equal(caption(unitree, { ...COMPANY, caption: "type" }, "zh"), "企业");
  assert.equal(caption(unitree, { ...COMPANY, caption: "none" }, "zh"), "");
  assert.equal(caption(unitree, undefined, "zh"), "宇树科技");
});

test("interface text by language and key", () => {
  assert.equal(uiText({ zh: { search: "搜索" }, en: { search: "Search" } }, "en", "search"), "Search");
});
