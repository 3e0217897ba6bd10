// One record: opening it, drawing it, and reloading it without losing a correction being typed.

import { renderText, stopPicking } from "./article.js";
import { $, $$, api, el } from "./dom.js";
import { statusLabel, t } from "./i18n.js";
import { resetScroll } from "./layout.js";
import { loadQueue } from "./queue.js";
import { INPUTS, refreshInputs, renderDecision, renderFlag, renderRows } from "./rows.js";
import { seq, state } from "./state.js";

export function banner(message, kind, withReload) {
  const box = $("#banner");
  box.replaceChildren(message || "");
  box.className = kind || "";
  if (withReload) {
    box.append(" ", el("button", { type: "button", id: "reload", onclick: () => reloadCurrent() }, t("reload")));
  }
  box.hidden = !message;
}

// Only the latest open counts: a slower answer to an earlier one (a filter change opening the
// first record while the reviewer clicks another) must not replace the view or end an edit.
// seq.edit counts the corrections begun: an answer for the record in view that arrives after the
// reviewer began correcting it (a click on the open record, then "e") must not close the form.
export async function openRecord(recordId) {
  const mine = ++seq.open;
  const editsBefore = seq.edit;
  const { ok, body } = await api(`/api/records/${encodeURIComponent(recordId)}`);
  if (mine !== seq.open) return false;
  if (seq.edit !== editsBefore && state.editing && state.view && state.view.record_id === recordId) return false;
  if (!ok) { banner(body.error, "error"); return false; }
  banner("");
  const another = !state.view || state.view.record_id !== body.record_id;
  endEdit();
  state.view = body;
  render();
  if (another) resetScroll();
  return true;
}

// After a refused stale write: the record as saved now, on the same record, with what the
// reviewer typed still in the form (checked against the new values when saved).
export async function reloadCurrent() {
  if (!state.view) return;
  const typed = state.editing
    ? { form: captureTyped(), added: { ...state.added }, picked: { ...state.picked } } : null;
  const opened = await openRecord(state.view.record_id);
  if (opened && typed) {
    state.editing = true;
    state.added = typed.added;
    state.picked = typed.picked;
    render(typed.form);
  }
  if (opened) banner(typed ? t("reloadedKept") : t("reloaded"), "");
  await loadQueue(undefined, false);
}

export function endEdit() {
  state.editing = false;
  state.added = {};
  state.picked = {};
  clearConfirmation();
  stopPicking();
}

// The flags a correction would raise, shown for confirmation, belong to that correction only: any
// change to it (or leaving the form) takes them away, and saving asks again.
export function clearConfirmation() {
  $("#new-flags").replaceChildren();
  $("#new-flags").hidden = true;
}

// What is typed in the correct form, so that redrawing it (an item added, words chosen, a
// reload) keeps it: {path: value} of the changed inputs and the items marked for removal.
export function captureTyped() {
  const values = {};
  for (const input of $$(INPUTS)) {
    if (input.value !== input.dataset.original) values[input.dataset.path] = input.value;
  }
  const removed = $$("#rows [data-remove]:checked").map((box) => box.dataset.remove);
  return { values, removed };
}

function restoreTyped(typed) {
  for (const input of $$(INPUTS)) {
    if (Object.hasOwn(typed.values, input.dataset.path)) input.value = typed.values[input.dataset.path];
  }
  for (const box of $$("#rows [data-remove]")) box.checked = typed.removed.includes(box.dataset.remove);
  refreshInputs();
}

export function renderEmpty() {
  $("#title").textContent = t("nothingHere");
  $("#panel-title").textContent = t("nothingHere");
  for (const id of ["#legend", "#text", "#record-flags", "#history"]) $(id).replaceChildren();
  $("#rows tbody").replaceChildren();
  $("#text-problem").hidden = true;
  clearConfirmation();
  for (const id of ["#accept", "#reject", "#edit", "#reopen"]) $(id).disabled = true;
}

// Draws the open record; while correcting, what is typed survives (``typed``, from captureTyped,
// replaces it after a reload).
export function render(typed) {
  const view = state.view;
  if (!view) { renderEmpty(); return; }
  const kept = typed || (state.editing ? captureTyped() : null);
  const label = view.rejected ? "rejected" : view.status;
  $("#title").replaceChildren(view.record_id, " ",
    el("span", { class: `status ${label}`, id: "record-status", "data-status": label }, statusLabel(label)),
    el("span", { class: "id" }, ` ${view.source} · ${view.engine}${view.model ? " " + view.model : ""}`));
  $("#panel-title").replaceChildren(view.record_id, " ",
    el("span", { class: `status ${label}` }, statusLabel(label)));
  renderText(view);
  renderRows(view);
  if (kept) restoreTyped(kept);
  $("#record-flags").replaceChildren(...view.flags.map(renderFlag));
  if (view.failure) {
    $("#record-flags").prepend(el("p", { class: "problem" }, t("failed", view.failure)));
  }
  $("#history").replaceChildren(...view.review.map(renderDecision));
  const reviewable = view.rows.length > 0;
  for (const id of ["#accept", "#reject", "#edit"]) $(id).disabled = !reviewable || state.editing;
  $("#reopen").hidden = !view.can_reopen;
  $("#reopen").disabled = state.editing;
  $("#edit-actions").hidden = !state.editing;
  $("#add-items").hidden = !state.editing;
  document.body.classList.toggle("editing", state.editing);
}
