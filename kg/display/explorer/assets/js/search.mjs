/* Search over the nodes' keys (labels and their pinyin, lower case, made by kg/display/explorer/search.py):
 * matching, ranking and moving through the suggestions. Pure: no DOM. */

/** How many suggestions the search box lists. */
export const SUGGESTIONS = 10;

/** Rank of `query` in a node's search keys: prefix matches first, then shorter keys; -1 if none matches.
 * `compact` is the query without spaces, tried too so that "yu shu" finds "yushukeji". */
export function matchScore(keys, query, compact) {
  let best = -1;
  keys.forEach((key) => {
    let pos = key.indexOf(query);
    if (pos < 0 && compact !== query) { pos = key.indexOf(compact); }
    if (pos < 0) { return; }
    const score = (pos === 0 ? 0 : 10000) + key.length;
    if (best < 0 || score < best) { best = score; }
  });
  return best;
}

/** The ids of the best matching nodes for `text` (Chinese, English or pinyin, any case), best first;
 * equal scores in the order of their labels in `lang`. */
export function findNodes(nodes, text, lang, limit = SUGGESTIONS) {
  const query = text.trim().toLowerCase();
  if (!query) { return []; }
  const compact = query.replace(/\s+/g, "");
  const hits = [];
  nodes.forEach((n) => {
    const score = matchScore(n.search, query, compact);
    if (score >= 0) { hits.push([score, n["label_" + lang], n.id]); }
  });
  hits.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return hits.slice(0, limit).map((hit) => hit[2]);
}

/** The suggestion made active by a key: ArrowDown and ArrowUp move through `count` suggestions, wrapping
 * around; null for any other key, or when there is nothing to move through. */
export function stepActive(key, active, count) {
  if (!count) { return null; }
  if (key === "ArrowDown") { return (active + 1) % count; }
  if (key === "ArrowUp") { return (active - 1 + count) % count; }
  return null;
}
