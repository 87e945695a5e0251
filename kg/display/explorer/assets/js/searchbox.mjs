/* The search box: suggestions as you type (zh, en or pinyin), arrow keys, Enter, Escape, and "/" to jump to it.
 * Which nodes match is search.mjs's (pure); this module keeps the box, its list and their ARIA state.
 * Safety rule: suggestion labels reach the DOM through elements.mjs (textContent only).
 */
import { el, suggestionItem } from "./elements.mjs";
import { nodeLabel, uiText } from "./labels.mjs";
import { findNodes, stepActive } from "./search.mjs";

/**
 * Wire the search box `input` and its suggestion `list` to the graph's `nodes`.
 * `ctx` gives the current language, the interface text and the node index (as for elements.mjs); `onChoose(id)`
 * is called with the id of the chosen node. Returns `refresh()`, which redraws open suggestions (language change).
 */
export function initSearchBox(ctx, nodes, input, list, onChoose) {
  const box = { results: [], active: -1 };

  function render() {
    list.replaceChildren();
    const open = input.value.trim() !== "" && document.activeElement === input;
    if (open && !box.results.length) {
      list.appendChild(el("li", "kg-option kg-hint", uiText(ctx.ui, ctx.lang, "noMatch")));
    }
    box.results.forEach((id, i) => {
      list.appendChild(suggestionItem(ctx, ctx.nodeById.get(id), i, i === box.active, () => choose(i)));
    });
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (box.active >= 0) { input.setAttribute("aria-activedescendant", "kg-option-" + box.active); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  function update() {
    box.results = findNodes(nodes, input.value, ctx.lang);
    box.active = box.results.length ? 0 : -1;
    render();
  }

  function choose(index) {
    const id = box.results[index];
    if (id === undefined) { return; }
    box.results = [];
    box.active = -1;
    input.value = nodeLabel(ctx.nodeById, id, ctx.lang);
    render();
    onChoose(id);
  }

  /** Arrow keys move through the suggestions, Enter picks one, Escape closes the list. */
  function onKey(ev) {
    const step = stepActive(ev.key, box.active, box.results.length);
    if (step !== null) { box.active = step; }
    else if (ev.key === "Enter") { choose(Math.max(box.active, 0)); }
    else if (ev.key === "Escape") { box.results = []; box.active = -1; input.blur(); }
    else { return; }
    ev.preventDefault();
    render();
  }

  /** "/" anywhere but in a text field jumps to the search box. */
  function onGlobalKey(ev) {
    const tag = ev.target && ev.target.tagName;
    if (ev.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      input.focus();
      input.select();
    }
  }

  input.addEventListener("input", update);
  input.addEventListener("focus", update);
  input.addEventListener("keydown", onKey);
  input.addEventListener("blur", () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  });
  document.addEventListener("keydown", onGlobalKey);
  return function refresh() { if (box.results.length) { render(); } };
}
