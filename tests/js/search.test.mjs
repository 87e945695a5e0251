// The explorer's search (kg/display/explorer/assets/js/search.mjs): matching, ranking, keyboard steps.
import { test } from "node:test";
import assert from "node:assert/strict";

import { findNodes, matchScore, stepActive, SUGGESTIONS } from "../../kg/display/explorer/assets/js/search.mjs";

const node = (id, zh, en, search) => ({ id: id, label_zh: zh, label_en: en, search: search });
const NODES = [
  node("unitree", "宇树科技", "Unitree Robotics", ["宇树科技", "unitree robotics", "yushukeji", "yskj"]),
  node("hyperchain", "趣链科技", "Hyperchain", ["趣链科技", "hyperchain", "qulian keji", "qlkj"]),
  node("yushan", "玉山", "Yushan", ["玉山", "yushan", "ys"]),
  node("robot-park", "机器人园", "Robot park", ["机器人园", "robot park", "jiqirenyuan", "jqry"])
];

test("a prefix match ranks before an inner match, then shorter keys first", () => {
  assert.equal(matchScore(["yushukeji"], "yushu", "yushu"), 9);
  assert.equal(matchScore(["unitree robotics"], "robot", "robot"), 10000 + 16);
  assert.equal(matchScore(["abc"], "x", "x"), -1);
  assert.deepEqual(findNodes(NODES, "robot", "en"), ["robot-park", "unitree"]);
});

test("pinyin, English and Chinese all find a node, in any case and with spaces", () => {
  assert.deepEqual(findNodes(NODES, "yskj", "zh"), ["unitree"]);
  assert.deepEqual(findNodes(NODES, "  HYPER ", "zh"), ["hyperchain"]);
  assert.deepEqual(findNodes(NODES, "宇树", "zh"), ["unitree"]);
  assert.deepEqual(findNodes(NODES, "yu shu", "zh"), ["unitree"]);  // spaces dropped when nothing matches
  assert.deepEqual(findNodes(NODES, "   ", "zh"), []);
});

test("equal scores follow the labels of the current language", () => {
  const twins = [node("b", "一", "Beta", ["same"]), node("a", "二", "Alpha", ["same"])];
  assert.deepEqual(findNodes(twins, "same", "en"), ["a", "b"]);
  assert.deepEqual(findNodes(twins, "same", "zh"), ["b", "a"]);
});

test("at most ten suggestions", () => {
  const many = Array.from({ length: 30 }, (_, i) => node("n" + i, "实体" + i, "Entity " + i, ["entity " + i]));
  assert.equal(findNodes(many, "entity", "en").length, SUGGESTIONS);
  assert.deepEqual(findNodes(many, "entity", "en", 3), ["n0", "n1", "n2"]);
});

test("arrow keys wrap around the suggestions; other keys do not step", () => {
  assert.equal(stepActive("ArrowDown", 0, 3), 1);
  assert.equal(stepActive("ArrowDown", 2, 3), 0);
  assert.equal(stepActive("ArrowUp", 0, 3), 2);
  assert.equal(stepActive("ArrowDown", -1, 3), 0);
  assert.equal(stepActive("ArrowDown", 0, 0), null);
  assert.equal(stepActive("Enter", 0, 3), null);
});
