/* Which text the page shows for a record in a language: labels, captions, class names, interface text.
 * Pure: the records come from Python (kg/display/explorer/records.py) with every text in both languages. */

/** The field `name` of a record in `lang`: `record.label_en` for ("label", "en"). */
export function inLang(record, name, lang) {
  return record[name + "_" + lang];
}

/** The interface text `key` (assets/ui_text.json) in `lang`. */
export function uiText(ui, lang, key) {
  return ui[lang][key];
}

/** A node's label in `lang`, or the id itself for an unknown node. */
export function nodeLabel(nodeById, id, lang) {
  const n = nodeById.get(id);
  return n ? inLang(n, "label", lang) : String(id);
}

/** A node's label in the other language, or "" when it says the same (shown as a second line). */
export function secondLabel(n, lang) {
  const other = inLang(n, "label", lang === "zh" ? "en" : "zh");
  return other && other !== inLang(n, "label", lang) ? other : "";
}

/** The name of a node's class in `lang` (from the legend's entry if there is one). */
export function typeLabel(n, classByIri, lang) {
  const c = classByIri.get(n.type);
  return c ? inLang(c, "label", lang) : inLang(n, "type_label", lang);
}

/** The canvas caption of a node, as its class's perspective asks: its short label, its class name or none. */
export function caption(n, cls, lang) {
  if (cls && cls.caption === "none") { return ""; }
  if (cls && cls.caption === "type") { return inLang(cls, "label", lang); }
  return inLang(n, "short", lang);
}
