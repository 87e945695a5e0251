/* The state kept in the URL fragment, `#lang=en&sel=<IRI>&hide=Company,Goal&view=source`: parsed and
 * written. Pure: the fragment is only ever read as data, and unknown values are dropped by the caller. */

/** The wanted state in a fragment: `{lang, sel, hide: [class keys], view}`; absent parts are null / []. */
export function parseHash(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ""));
  return {
    lang: params.get("lang"),
    sel: params.get("sel"),
    hide: (params.get("hide") || "").split(",").filter(Boolean),
    view: params.get("view")
  };
}

/** The fragment of a state `{lang, selected, hide: [class keys], sourceOpen}`. */
export function formatHash(state) {
  const params = new URLSearchParams();
  params.set("lang", state.lang);
  if (state.selected !== null) { params.set("sel", state.selected); }
  if (state.hide.length) { params.set("hide", state.hide.join(",")); }
  if (state.sourceOpen) { params.set("view", "source"); }
  return "#" + params.toString();
}

/** The URL keys of the hidden classes, in legend order. */
export function hiddenKeys(classes, hidden) {
  return classes.filter((c) => hidden.has(c.iri)).map((c) => c.key);
}

/** The IRIs of the classes that fragment keys name (a key, or a full IRI); unknown keys are ignored. */
export function hiddenIris(keys, classByKey, classByIri) {
  const hidden = new Set();
  keys.forEach((key) => {
    const c = classByKey.get(key) || classByIri.get(key);
    if (c) { hidden.add(c.iri); }
  });
  return hidden;
}
