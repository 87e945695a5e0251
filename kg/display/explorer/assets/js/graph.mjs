/* The page's records as lookup tables, and which facts the class filter hides. Pure: no DOM, no vis. */

/** Index records by a key in a Map (ids are arbitrary strings, so no plain-object lookups). */
export function indexBy(records, key) {
  const map = new Map();
  records.forEach((record) => map.set(record[key], record));
  return map;
}

/** Push `value` onto the list stored under `key` in `map`. */
export function pushTo(map, key, value) {
  if (!map.has(key)) { map.set(key, []); }
  map.get(key).push(value);
}

/** Lookup tables over the page's records: nodes, edges and classes by id, each node's outgoing and incoming facts. */
export function indexGraph(meta) {
  const outgoing = new Map();
  const incoming = new Map();
  meta.edges.forEach((e) => { pushTo(outgoing, e.from, e); pushTo(incoming, e.to, e); });
  return {
    nodeById: indexBy(meta.nodes, "id"),
    edgeById: indexBy(meta.edges, "id"),
    classByIri: indexBy(meta.classes, "iri"),
    classByKey: indexBy(meta.classes, "key"),
    outgoing: outgoing,
    incoming: incoming
  };
}

/** Whether an edge is hidden: it is drawn only when both its ends belong to shown classes. */
export function edgeHidden(e, nodeById, hidden) {
  return hidden.has(nodeById.get(e.from).type) || hidden.has(nodeById.get(e.to).type);
}
