// The review page: a queue on the left, the article in the middle, values, flags and decisions
// on the right. Everything is built with textContent, never innerHTML: article text and values
// come from the news and the model, and must show as text.
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = { rows: [], index: -1, view: null, editing: false, added: {} };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") Object.assign(node.style, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function show(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

function banner(message, kind, withReload) {
  const box = $("#banner");
  box.replaceChildren(message);
  box.className = kind || "";
  if (withReload) {
    box.append(" ", el("button", { type: "button", id: "reload", onclick: () => reloadCurrent() }, "Reload record"));
  }
  box.hidden = !message;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = {};
  try { body = await response.json(); } catch (_) { body = { error: `HTTP ${response.status}` }; }
  return { ok: response.ok, status: response.status, body };
}

// ---- queue -------------------------------------------------------------------------------

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
let queueSequence = 0;

async function loadQueue(preferIndex, autoOpen = true) {
  const mine = ++queueSequence;
  const { ok, body } = await api(`/api/queue?${filters()}`);
  if (mine !== queueSequence) return;
  if (!ok) { banner(body.error, "error"); return; }
  fillChoices($("#f-code"), body.choices.codes);
  fillChoices($("#f-year"), body.choices.years);
  $("#who").textContent = `reviewer: ${body.reviewer}`;
  state.rows = body.rows;
  $("#count").textContent = `${body.rows.length} of ${body.total} record(s)` +
    (body.invalid.length ? `; ${body.invalid.length} unreadable` : "");
  const currentId = state.view && state.view.record_id;
  let index = state.rows.findIndex((row) => row.record_id === currentId);
  if (preferIndex !== undefined) index = Math.min(preferIndex, state.rows.length - 1);
  if (!autoOpen) { renderQueue(index); return; }
  if (index < 0 && state.rows.length) index = 0;
  renderQueue(index);
  if (index >= 0 && state.rows[index].record_id !== currentId) await openAt(index);
  if (index < 0) { state.view = null; renderEmpty(); }
}

function renderQueue(index) {
  state.index = index;
  $("#queue-empty").hidden = state.rows.length > 0;
  $("#queue-list").replaceChildren(...state.rows.map((row, i) => el("li",
    { "data-id": row.record_id, class: i === index ? "current" : null, onclick: () => openAt(i) },
    el("div", null, el("span", { class: `status ${row.rejected ? "rejected" : row.status}` },
      row.rejected ? "rejected" : row.status), " ", show(row.subject), row.year ? ` · ${row.year}` : "",
      row.score !== null ? ` · ${row.score}` : ""),
    el("div", { class: "id" }, row.record_id),
    row.codes.length ? el("div", { class: "codes" }, `${row.open} open: ${row.codes.join(", ")}`) : null,
  )));
  const current = $("#queue-list li.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

async function openAt(index) {
  if (index < 0 || index >= state.rows.length) return;
  renderQueue(index);
  await openRecord(state.rows[index].record_id);
}

// Only the latest open counts: a slower answer to an earlier one (a filter change opening the
// first record while the reviewer clicks another) must not replace the view or end an edit.
let openSequence = 0;
// Counts the corrections begun: an answer for the record in view that arrives after the reviewer
// began correcting it (a click on the open record, then "e") must not close the form.
let editSequence = 0;

async function openRecord(recordId) {
  const mine = ++openSequence;
  const editsBefore = editSequence;
  const { ok, body } = await api(`/api/records/${encodeURIComponent(recordId)}`);
  if (mine !== openSequence) return;
  if (editSequence !== editsBefore && state.editing && state.view && state.view.record_id === recordId) return;
  if (!ok) { banner(body.error, "error"); return; }
  banner("");
  state.editing = false;
  state.added = {};
  state.view = body;
  render();
}

async function reloadCurrent() {
  if (state.view) await openRecord(state.view.record_id);
  await loadQueue();
}

// ---- one record ----------------------------------------------------------------------------

function renderEmpty() {
  $("#title").textContent = "No record to review here.";
  for (const id of ["#legend", "#text", "#record-flags", "#history"]) $(id).replaceChildren();
  $("#rows tbody").replaceChildren();
  $("#text-problem").hidden = true;
}

function render() {
  const view = state.view;
  const label = view.rejected ? "rejected" : view.status;
  $("#title").replaceChildren(view.record_id, " ", el("span", { class: `status ${label}`, id: "record-status" }, label),
    el("span", { class: "id" }, ` ${view.source} · ${view.engine}${view.model ? " " + view.model : ""}`));
  renderText(view);
  renderRows(view);
  $("#record-flags").replaceChildren(...view.flags.map(renderFlag));
  if (view.failure) {
    $("#record-flags").prepend(el("p", { class: "problem" }, `Failed: ${view.failure.kind}: ${view.failure.message}`));
  }
  $("#history").replaceChildren(...view.review.map(renderDecision));
  const reviewable = view.rows.length > 0;
  for (const id of ["#accept", "#reject", "#edit"]) $(id).disabled = !reviewable || state.editing;
  $("#edit-actions").hidden = !state.editing;
  $("#add-items").hidden = !state.editing;
}

function renderText(view) {
  const problem = $("#text-problem");
  problem.hidden = view.text !== null;
  problem.textContent = view.text === null ? `Article not shown, so nothing is highlighted: ${view.text_problem}.` : "";
  const rowsByKey = Object.fromEntries(view.rows.map((row) => [row.key, row]));
  $("#legend").replaceChildren(...view.rows.filter((row) => row.evidence).map((row) => el("span", {
    class: row.evidence.aligned ? null : "unaligned",
    style: row.evidence.aligned ? { background: row.colour } : null,
    title: row.evidence.aligned ? `quote at ${row.evidence.start}–${row.evidence.end}` : "quote not found in the article",
  }, row.label)));
  if (view.text === null) { $("#text").replaceChildren(); return; }
  $("#text").replaceChildren(...view.segments.map(([start, end, keys]) => {
    const piece = view.text.slice(start, end);
    if (!keys.length) return document.createTextNode(piece);
    const names = keys.map((key) => (rowsByKey[key] ? rowsByKey[key].label : key));
    return el("mark", {
      style: { background: view.colours[keys[0]] }, class: keys.length > 1 ? "multi" : null,
      "data-fields": keys.join(" "), title: names.join(", "),
    }, piece);
  }));
}

function renderFlag(flag) {
  return el("div", { class: `flag ${flag.severity}${flag.open ? "" : " settled"}`, "data-code": flag.code },
    el("span", { class: "code" }, flag.code), ` (${flag.severity}${flag.open ? "" : ", settled"}) `,
    flag.field && !flag.field.includes("[") && flag.field !== "subject" ? `${flag.field}: ` : "",
    flag.message, flag.related_record ? ` [see ${flag.related_record}]` : "",
    el("span", { class: "basis" }, `basis: ${flag.basis}`));
}

function renderLeaf(leaf) {
  if (state.editing) {
    const value = leaf.value === null ? "" : String(leaf.value);
    const input = leaf.options
      ? el("select", { "data-path": leaf.path, "data-original": value, "aria-label": leaf.path },
        ...[...new Set(["", ...leaf.options])].map((o) => el("option", { value: o, selected: o === value }, o || "—")))
      : el("input", { "data-path": leaf.path, "data-original": value, value, "aria-label": leaf.path });
    return el("label", { class: "leaf" }, el("span", { class: "name" }, leaf.label), input);
  }
  return el("span", { class: "leaf", "data-path": leaf.path },
    el("span", { class: "name" }, leaf.label), show(leaf.value),
    leaf.changed ? el("span", { class: "machine", title: "what the machine extracted" }, show(leaf.machine)) : null);
}

function renderRows(view) {
  const body = $("#rows tbody");
  const rows = view.rows.map((row) => {
    const ev = row.evidence;
    const quote = ev ? el("span", {
      class: ev.aligned ? "quote" : "quote unaligned",
      onclick: () => focusQuote(row.key),
    }, ev.aligned ? `“${ev.quote}”` : `quote not found in the article: “${ev.quote}”`) : null;
    const remove = state.editing && row.item
      ? el("label", { class: "leaf" }, el("input", { type: "checkbox", "data-remove": row.key }), " remove") : null;
    const open = row.flags.some((f) => f.open);
    return el("tr", { "data-key": row.key, class: open ? "has-open" : null },
      el("td", { class: "swatch", style: { background: row.colour || "transparent" } }),
      el("td", { class: "label" }, row.label),
      el("td", null, ...row.leaves.map(renderLeaf), remove, quote, ...row.flags.map(renderFlag)));
  });
  for (const [name, count] of Object.entries(state.added)) {
    const start = view.rows.filter((row) => row.item === name).length;
    for (let i = 0; i < count; i++) {
      const key = `${name}[${start + i}]`;
      const leaves = view.item_leaves[name].map((leaf) => ({ ...leaf, path: `${key}.${leaf.name}`, value: null }));
      rows.push(el("tr", { "data-key": key }, el("td", { class: "swatch" }), el("td", { class: "label" }, `new ${name}`),
        el("td", null, ...leaves.map(renderLeaf))));
    }
  }
  body.replaceChildren(...rows);
}

function renderDecision(decision) {
  const when = decision.at.replace("T", " ").slice(0, 19);
  return el("li", null, `${when} ${decision.reviewer}: ${decision.action}`,
    decision.note ? ` — ${decision.note}` : "",
    ...decision.corrections.map((c) => el("div", { class: "corr" },
      `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`)));
}

function focusQuote(key) {
  document.querySelectorAll("mark.focus").forEach((m) => m.classList.remove("focus"));
  const marks = [...document.querySelectorAll("mark")].filter((m) => m.dataset.fields.split(" ").includes(key));
  marks.forEach((m) => m.classList.add("focus"));
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

// ---- decisions -----------------------------------------------------------------------------

async function decide(action, changes) {
  const view = state.view;
  if (!view || !view.rows.length) return;
  const payload = { version: view.version, action, changes: changes || [], note: $("#note").value };
  const { ok, status, body } = await api(`/api/records/${encodeURIComponent(view.record_id)}/decision`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
  });
  if (!ok) {
    banner(body.error || `HTTP ${status}`, "error", status === 409);
    return;
  }
  $("#note").value = "";
  state.editing = false;
  state.added = {};
  state.view = body;
  render();
  banner(`Saved: ${action}. Status is now ${body.rejected ? "rejected" : body.status}.`, "ok");
  // Move on after a verdict; stay on the record after a correction, to check what it changed.
  const index = state.index;
  await loadQueue(undefined, false);
  if (action === "correct") return;
  const stillHere = state.rows.findIndex((row) => row.record_id === body.record_id);
  if (stillHere >= 0 && stillHere + 1 < state.rows.length) await openAt(stillHere + 1);
  else if (stillHere < 0 && state.rows.length) await openAt(Math.min(index, state.rows.length - 1));
}

function startEdit() {
  if (!state.view || !state.view.rows.length) return;
  editSequence += 1;
  state.editing = true;
  render();
  const first = $("#rows [data-path]");
  if (first) first.focus();
}

function cancelEdit() {
  state.editing = false;
  state.added = {};
  render();
}

function collectChanges() {
  const changes = [];
  for (const input of document.querySelectorAll("#rows [data-path]")) {
    if (input.value !== input.dataset.original) changes.push({ field: input.dataset.path, new: input.value });
  }
  const removed = [...document.querySelectorAll("#rows [data-remove]:checked")].map((box) => box.dataset.remove);
  const keep = changes.filter((c) => !removed.some((key) => c.field.startsWith(`${key}.`)));
  // Removals last and from the end, so the indexes of the other changes still point where they did.
  removed.sort((a, b) => Number(b.match(/\d+/)[0]) - Number(a.match(/\d+/)[0]));
  return [...keep, ...removed.map((key) => ({ field: key, new: null }))];
}

$("#fields").addEventListener("submit", (event) => {
  event.preventDefault();
  const changes = collectChanges();
  if (!changes.length) { banner("Nothing changed.", "error"); return; }
  decide("correct", changes);
});
$("#cancel").addEventListener("click", cancelEdit);
$("#accept").addEventListener("click", () => decide("accept"));
$("#reject").addEventListener("click", () => decide("reject"));
$("#edit").addEventListener("click", startEdit);
for (const button of document.querySelectorAll("[data-add]")) {
  button.addEventListener("click", () => {
    state.added[button.dataset.add] = (state.added[button.dataset.add] || 0) + 1;
    render();
  });
}
$("#filters").addEventListener("change", () => loadQueue(0));
$("#filters").addEventListener("submit", (event) => { event.preventDefault(); loadQueue(0); });
$("#f-subject").addEventListener("input", () => loadQueue(0));

document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (event.key === "Escape") {
    if (state.editing) cancelEdit();
    if (typing) event.target.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => openAt(state.index + 1), ArrowDown: () => openAt(state.index + 1),
    k: () => openAt(state.index - 1), ArrowUp: () => openAt(state.index - 1),
    a: () => decide("accept"), r: () => decide("reject"), e: startEdit,
    "/": () => $("#f-subject").focus(),
  };
  if (actions[event.key] && !(state.editing && "ar".includes(event.key))) {
    event.preventDefault();
    actions[event.key]();
  }
});

loadQueue();
