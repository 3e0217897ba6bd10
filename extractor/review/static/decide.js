// Decisions: accept, correct, reject, undo and reopen, each one more decision appended to the
// record. The server refuses a decision made on an outdated version (409) and a correction whose
// new flags the reviewer has not confirmed yet (422 with ``new_flags``); neither is saved.

import { $, $$, el, post } from "./dom.js";
import { actionLabel, statusLabel, t } from "./i18n.js";
import { isNarrow, showTab } from "./layout.js";
import { loadQueue, openAt } from "./queue.js";
import { banner, clearConfirmation, endEdit, render } from "./record.js";
import { INPUTS, renderFlag } from "./rows.js";
import { seq, state } from "./state.js";

let busy = false; // one decision at a time: a second key press must not send a second one

async function send(target, action, extra) {
  if (busy) return null;
  busy = true;
  try {
    const payload = { version: target.version, action, ...extra };
    return await post(`/api/records/${encodeURIComponent(target.record_id)}/decision`, payload);
  } finally {
    busy = false;
  }
}

function statusOf(view) {
  return statusLabel(view.rejected ? "rejected" : view.status);
}

// The answer to a decision stays in sight, on every record, until the next one: with an undo.
function showSaved(message, undoable) {
  const box = $("#saved");
  box.replaceChildren(el("span", { id: "saved-text" }, message));
  if (undoable) box.append(" ", el("button", { type: "button", id: "undo", onclick: undoLast }, t("undoKey")));
  box.append(" ", el("button", { type: "button", class: "close", "aria-label": t("dismiss"), onclick: () => { box.hidden = true; } }, "×"));
  box.hidden = false;
}

function refused(status, body) {
  if (body.new_flags) { askToConfirm(body.new_flags); return; }
  banner(status === 409 ? t("stale") : (body.error || `HTTP ${status}`), "error", status === 409);
}

export async function decide(action, changes, evidence, confirm) {
  const view = state.view;
  if (!view || !view.rows.length) return;
  const answer = await send(view, action, {
    changes: changes || [], evidence: evidence || {}, confirm: confirm || [], note: $("#note").value,
  });
  if (!answer) return;
  const { ok, status, body } = answer;
  if (!ok) { refused(status, body); return; }
  $("#note").value = "";
  endEdit();
  state.view = body;
  state.last = { record_id: body.record_id, version: body.version, action };
  render();
  banner("");
  showSaved(t("saved", { action: actionLabel(action), id: body.record_id, status: statusOf(body) }), true);
  // Move on after a verdict; stay on the record after a correction or a reopen, to see the result.
  const index = state.index;
  await loadQueue(undefined, false);
  if (action === "correct" || action === "reopen") return;
  const stillHere = state.rows.findIndex((row) => row.record_id === body.record_id);
  if (stillHere >= 0 && stillHere + 1 < state.rows.length) await openAt(stillHere + 1);
  else if (stillHere < 0 && state.rows.length) await openAt(Math.min(index, state.rows.length - 1));
}

// Takes back the latest decision in force on ``target`` (a record's id and the version the page
// saw of it), and shows that record again.
export async function undoOn(target) {
  const answer = await send(target, "undo", { note: null });
  if (!answer) return;
  const { ok, status, body } = answer;
  if (!ok) { refused(status, body); return; }
  endEdit();
  state.view = body;
  state.last = null;
  render();
  banner("");
  showSaved(t("undone", { id: body.record_id, status: statusOf(body) }), false);
  await loadQueue(undefined, false);
  if (isNarrow()) showTab("panel");
}

export function undoLast() {
  if (state.last) return undoOn(state.last);
  if (state.view && state.view.undo) return undoOn(state.view);
  return null;
}

export function reopen() {
  if (state.view && state.view.can_reopen && !state.editing) decide("reopen");
}

// ---- correcting --------------------------------------------------------------------------

export function startEdit() {
  if (!state.view || !state.view.rows.length) return;
  seq.edit += 1;
  state.editing = true;
  render();
  const first = $(INPUTS);
  if (first) first.focus();
}

export function cancelEdit() {
  endEdit();
  render();
}

export function collectChanges() {
  const changes = [];
  for (const input of $$(INPUTS)) {
    if (input.value !== input.dataset.original) changes.push({ field: input.dataset.path, new: input.value });
  }
  const removed = $$("#rows [data-remove]:checked").map((box) => box.dataset.remove);
  const keep = changes.filter((c) => !removed.some((key) => c.field.startsWith(`${key}.`)));
  // Removals last and from the end, so the indexes of the other changes still point where they did.
  removed.sort((a, b) => Number(b.match(/\d+/)[0]) - Number(a.match(/\d+/)[0]));
  return [...keep, ...removed.map((key) => ({ field: key, new: null }))];
}

// ``confirmed``: the new flags the reviewer saw and confirmed, settled with the correction.
export function saveCorrection(confirmed = []) {
  const changes = collectChanges();
  const evidence = { ...state.picked };
  if (!changes.length && !Object.keys(evidence).length) { banner(t("nothingChanged"), "error"); return; }
  decide("correct", changes, evidence, confirmed.map((f) => ({ code: f.code, field: f.field })));
}

// The correction raises flags the reviewer has not seen: show them, and save only on confirmation.
function askToConfirm(flags) {
  const box = $("#new-flags");
  box.replaceChildren(el("p", null, t("newFlagsIntro")), ...flags.map((flag) => renderFlag(flag, false)),
    el("div", { class: "buttons" },
      el("button", { type: "button", id: "confirm-flags", onclick: () => saveCorrection(flags) }, t("confirmFlags")),
      el("button", { type: "button", id: "change-correction", onclick: () => { clearConfirmation(); focusForm(); } }, t("changeCorrection"))));
  box.hidden = false;
  banner(t("newFlagsBanner"), "error");
  box.scrollIntoView({ block: "nearest" });
}

function focusForm() {
  const first = $(INPUTS);
  if (first) first.focus();
}
