// The queue: the filters, the list of records, the progress and the "all done" state.

import { $, api, el, show } from "./dom.js";
import { statusLabel, t } from "./i18n.js";
import { isNarrow, showTab } from "./layout.js";
import { banner, openRecord, renderEmpty } from "./record.js";
import { seq, state } from "./state.js";

function filters() {
  const form = new FormData($("#filters"));
  return new URLSearchParams([...form.entries()].filter(([, v]) => v !== ""));
}

function fillChoices(select, values) {
  const keep = select.value;
  const first = select.options[0];
  select.replaceChildren(first, ...values.map((v) => el("option", { value: String(v) }, String(v))));
  select.value = values.map(String).includes(keep) ? keep : "";
}

// Only the latest queue request counts: the page's first load (the default filter) may answer
// after a filter the reviewer chose since, and must not replace that filter's rows.
export async function loadQueue(preferIndex, autoOpen = true) {
  const mine = ++seq.queue;
  const { ok, body } = await api(`/api/queue?${filters()}`);
  if (mine !== seq.queue) return;
  if (!ok) { banner(body.error, "error"); return; }
  fillChoices($("#f-code"), body.choices.codes);
  fillChoices($("#f-year"), body.choices.years);
  $("#who").dataset.name = body.reviewer;
  state.rows = body.rows;
  state.counts = { shown: body.rows.length, total: body.total, invalid: body.invalid.length };
  state.progress = body.progress;
  renderCounts();
  const currentId = state.view && state.view.record_id;
  let index = state.rows.findIndex((row) => row.record_id === currentId);
  if (preferIndex !== undefined) index = Math.min(preferIndex, state.rows.length - 1);
  if (!autoOpen) { renderQueue(index); return; }
  if (index < 0 && state.rows.length) index = 0;
  renderQueue(index);
  if (index >= 0 && state.rows[index].record_id !== currentId) await openAt(index);
  if (index < 0) { state.view = null; renderEmpty(); }
}

// Texts that depend on the language are drawn from the state, so a language switch redraws them.
export function renderCounts() {
  const counts = state.counts;
  if (counts) {
    $("#count").textContent = t("count", counts) + (counts.invalid ? t("unreadable", counts) : "");
  }
  if ($("#who").dataset.name) $("#who").textContent = t("reviewer", { name: $("#who").dataset.name });
  const progress = state.progress;
  const bar = $("#progress");
  bar.hidden = !progress || !progress.total;
  if (progress && progress.total) {
    $("#progress-text").textContent = t("progress", progress);
    $("#progress-bar").max = progress.total;
    $("#progress-bar").value = progress.settled;
  }
  const done = Boolean(progress && progress.total && progress.settled === progress.total);
  $("#all-done").hidden = !done;
  if (done) $("#all-done-text").textContent = t("allDone", progress);
}

export function renderQueue(index) {
  state.index = index;
  $("#queue-empty").hidden = state.rows.length > 0;
  $("#queue-list").replaceChildren(...state.rows.map((row, i) => el("li",
    { "data-id": row.record_id, class: i === index ? "current" : null, onclick: () => openFromQueue(i) },
    el("div", null, el("span", { class: `status ${row.rejected ? "rejected" : row.status}` },
      statusLabel(row.rejected ? "rejected" : row.status)), " ", show(row.subject),
    row.year ? ` · ${row.year}` : "", row.score !== null ? ` · ${row.score}` : ""),
    el("div", { class: "id" }, row.record_id),
    row.codes.length ? el("div", { class: "codes" }, t("openCodes", { open: row.open, codes: row.codes.join(", ") })) : null,
  )));
  const current = $("#queue-list li.current");
  if (current && !isNarrow()) current.scrollIntoView({ block: "nearest" });
}

// A tap in the queue on a narrow screen means "show me this record": its values come forward.
async function openFromQueue(index) {
  if (isNarrow()) showTab("panel");
  await openAt(index);
}

export async function openAt(index) {
  if (index < 0 || index >= state.rows.length) return;
  renderQueue(index);
  await openRecord(state.rows[index].record_id);
}

export function showReviewed() {
  $("#f-status").value = "reviewed";
  loadQueue(0);
}
