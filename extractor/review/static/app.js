// The review page: a queue, the article, and the values with their flags and decisions. On a wide
// screen the three stand side by side; on a narrow one a tab bar shows one at a time (layout.js).
// This module wires the page's events and keys to the modules that do the work.

import { setupPicking, stopPicking } from "./article.js";
import { cancelEdit, decide, reopen, saveCorrection, startEdit, undoLast } from "./decide.js";
import { $, $$, el } from "./dom.js";
import { applyStatic, t, toggleLang } from "./i18n.js";
import { isNarrow, setupTabs, showTab } from "./layout.js";
import { loadQueue, openAt, renderCounts, renderQueue, showReviewed } from "./queue.js";
import { clearConfirmation, render } from "./record.js";
import { autosize, relabelGrades } from "./rows.js";
import { state } from "./state.js";

const KEYS = [[["j", "k"], "keys.nav"], [["a"], "keys.accept"], [["r"], "keys.reject"], [["e"], "keys.edit"],
  [["u"], "keys.undo"], [["o"], "keys.reopen"], [["Esc"], "keys.cancel"], [["/"], "keys.filter"]];

function renderKeys() {
  const parts = KEYS.map(([keys, label], i) => [
    i ? " · " : "", ...keys.flatMap((key, j) => [j ? "/" : "", el("kbd", null, key)]), ` ${t(label)}`,
  ]);
  $("#keys").replaceChildren(...parts.flat());
}

function redrawWords() {
  applyStatic();
  renderKeys();
  renderCounts();
  renderQueue(state.index);
  if (state.view) render();
}

$("#lang").addEventListener("click", () => { toggleLang(); redrawWords(); });

$("#fields").addEventListener("submit", (event) => {
  event.preventDefault();
  saveCorrection();
});
$("#fields").addEventListener("input", (event) => {
  const target = event.target;
  if (target.matches("textarea[data-path]")) autosize(target);
  if (target.matches('[data-path="assessment"], [data-path="assessment_year"]')) relabelGrades();
  clearConfirmation();
});
$("#fields").addEventListener("change", (event) => {
  if (event.target.matches("[data-remove]")) clearConfirmation();
});
$("#cancel").addEventListener("click", cancelEdit);
$("#accept").addEventListener("click", () => decide("accept"));
$("#reject").addEventListener("click", () => decide("reject"));
$("#edit").addEventListener("click", startEdit);
$("#reopen").addEventListener("click", reopen);
$("#prev").addEventListener("click", () => openAt(state.index - 1));
$("#next").addEventListener("click", () => openAt(state.index + 1));
$("#show-reviewed").addEventListener("click", showReviewed);
for (const button of $$("[data-add]")) {
  button.addEventListener("click", () => {
    state.added[button.dataset.add] = (state.added[button.dataset.add] || 0) + 1;
    render();
  });
}
$("#filters").addEventListener("change", () => loadQueue(0));
$("#filters").addEventListener("submit", (event) => { event.preventDefault(); loadQueue(0); });
$("#f-subject").addEventListener("input", () => loadQueue(0));

function onEscape(event) {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (event.target === $("#f-subject")) {
    // Leave the filter as typed: Esc only takes the keys back for the shortcuts.
    event.preventDefault();
    event.target.blur();
    return;
  }
  if (state.picking) stopPicking();
  else if (state.editing) cancelEdit();
  if (typing) event.target.blur();
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") { onEscape(event); return; }
  // A value is one line: Enter in a value's box saves the correction, as in a one-line input.
  if (event.key === "Enter" && !event.shiftKey && event.target.matches("#rows textarea[data-path]")) {
    event.preventDefault();
    $("#fields").requestSubmit();
    return;
  }
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => openAt(state.index + 1), ArrowDown: () => openAt(state.index + 1),
    k: () => openAt(state.index - 1), ArrowUp: () => openAt(state.index - 1),
    a: () => decide("accept"), r: () => decide("reject"), e: startEdit, u: undoLast, o: reopen,
    "/": () => { if (isNarrow()) showTab("queue"); $("#f-subject").focus(); },
  };
  if (actions[event.key] && !(state.editing && "aruo".includes(event.key))) {
    event.preventDefault();
    actions[event.key]();
  }
});

applyStatic();
renderKeys();
setupTabs();
setupPicking();
loadQueue();
