// The article: every value's quote in the field's colour, the words each flag points at underlined
// in the flag's colour (its severity), and choosing words as a value's quote while correcting.
//
// Offsets from the server count characters (Unicode code points, as Python does); a JS string
// counts UTF-16 units, so the text is sliced as an array of code points, and a selection's
// offsets are turned back into code points before they are sent.

import { $, $$, el } from "./dom.js";
import { rowLabel, t } from "./i18n.js";
import { isNarrow, showTab } from "./layout.js";
import { clearConfirmation, render } from "./record.js";
import { state } from "./state.js";

const SEVERITIES = ["error", "warning", "info"];

export function flagsById(view) {
  const all = [...view.flags, ...view.rows.flatMap((row) => row.flags || [])];
  return Object.fromEntries(all.map((flag) => [flag.id, flag]));
}

function legend(view) {
  const quotes = view.rows.filter((row) => row.evidence).map((row) => el("span", {
    class: row.evidence.aligned ? (row.colour ? null : "outdated") : "unaligned",
    style: row.colour ? { background: row.colour } : null,
    title: !row.evidence.aligned ? t("quoteMissing") : (row.colour ? t("quoteAt", row.evidence) : t("quoteOutdated")),
  }, rowLabel(row), row.quote_by === "reviewer" ? " ✎" : ""));
  const byId = flagsById(view);
  const used = new Set(view.segments.flatMap(([, , , ids]) => ids.map((id) => byId[id].severity)));
  const flags = SEVERITIES.filter((s) => used.has(s)).map((s) => el("span", { class: `flagmark flag-${s}` }, t(`severity.${s}`)));
  return [...quotes, ...(flags.length ? [el("span", { class: "legend-sep" }, t("flaggedWords")), ...flags] : [])];
}

export function renderText(view) {
  const problem = $("#text-problem");
  problem.hidden = view.text !== null;
  problem.textContent = view.text === null ? t("noText", { why: view.text_problem }) : "";
  $("#legend").replaceChildren(...legend(view));
  if (view.text === null) { $("#text").replaceChildren(); return; }
  const chars = Array.from(view.text);
  const rowsByKey = Object.fromEntries(view.rows.map((row) => [row.key, row]));
  const flags = flagsById(view);
  $("#text").replaceChildren(...view.segments.map(([start, end, keys, ids]) => {
    const piece = chars.slice(start, end).join("");
    if (!keys.length && !ids.length) return document.createTextNode(piece);
    const names = keys.map((key) => (rowsByKey[key] ? rowLabel(rowsByKey[key]) : key));
    const worst = SEVERITIES.find((s) => ids.some((id) => flags[id].severity === s));
    const classes = [keys.length > 1 ? "multi" : null, worst ? `flagmark flag-${worst}` : null];
    return el("mark", {
      style: keys.length ? { background: view.colours[keys[0]] } : null,
      class: classes.filter(Boolean).join(" ") || null,
      "data-fields": keys.join(" "), "data-flags": ids.join(" "),
      title: [...names, ...ids.map((id) => flags[id].code)].join(", "),
    }, piece);
  }));
}

function focusMarks(marks) {
  $$("mark.focus").forEach((m) => m.classList.remove("focus"));
  if (isNarrow()) showTab("article");
  marks.forEach((m) => m.classList.add("focus"));
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

export function focusQuote(key) {
  focusMarks($$("#text mark").filter((m) => m.dataset.fields.split(" ").includes(key)));
}

export function focusFlag(id) {
  focusMarks($$("#text mark").filter((m) => m.dataset.flags.split(" ").includes(String(id))));
}

// ---- choosing words as a value's quote ---------------------------------------------------

// The selection inside the article as {start, end, quote} in code points, trimmed of spaces;
// null when nothing of the article is selected.
export function selectedSpan() {
  const selection = window.getSelection();
  const text = state.view && state.view.text;
  if (!text || !selection || !selection.rangeCount || selection.isCollapsed) return null;
  const box = $("#text");
  const whole = document.createRange();
  whole.selectNodeContents(box);
  const range = selection.getRangeAt(0).cloneRange();
  // A drag that runs past the article's edges keeps the part inside it.
  if (range.compareBoundaryPoints(Range.START_TO_START, whole) < 0) range.setStart(box, 0);
  if (range.compareBoundaryPoints(Range.END_TO_END, whole) > 0) range.setEnd(box, box.childNodes.length);
  if (range.collapsed || !box.contains(range.commonAncestorContainer)) return null;
  const before = document.createRange();
  before.setStart(box, 0);
  before.setEnd(range.startContainer, range.startOffset);
  let from = before.toString().length;
  let to = from + range.toString().length;
  while (from < to && /\s/.test(text[from])) from += 1;
  while (to > from && /\s/.test(text[to - 1])) to -= 1;
  if (from >= to) return null;
  const quote = text.slice(from, to);
  const start = Array.from(text.slice(0, from)).length;
  return { start, end: start + Array.from(quote).length, quote };
}

export function startPicking(key, label) {
  state.picking = key;
  state.selection = null;
  $("#pick-field").textContent = label;
  $("#pick-preview").textContent = "";
  $("#pick-hint").textContent = t("pickHint");
  $("#pick-bar").hidden = false;
  document.body.classList.add("picking");
  if (isNarrow()) showTab("article");
  else $("#pick-bar").scrollIntoView({ block: "nearest" });
}

export function stopPicking() {
  state.picking = null;
  state.selection = null;
  $("#pick-bar").hidden = true;
  document.body.classList.remove("picking");
}

export function useSelection() {
  const key = state.picking;
  const span = selectedSpan() || state.selection;
  if (!key) return;
  if (!span) { $("#pick-preview").textContent = t("pickNothing"); return; }
  state.picked[key] = span;
  clearConfirmation(); // the correction changed: its new flags are asked for again
  stopPicking();
  window.getSelection().removeAllRanges();
  render();
  if (isNarrow()) showTab("panel");
  const row = $(`#rows tr[data-key="${CSS.escape(key)}"]`);
  if (row) row.scrollIntoView({ block: "center" });
}

export function setupPicking() {
  // Kept as the reviewer selects: a tap on "Use selection" may clear the selection on a phone.
  document.addEventListener("selectionchange", () => {
    if (!state.picking) return;
    const span = selectedSpan();
    if (!span) return;
    state.selection = span;
    $("#pick-preview").textContent = `“${span.quote}”`;
  });
  // Pressing the button must not take the selection away before it is read.
  $("#use-selection").addEventListener("mousedown", (event) => event.preventDefault());
  $("#use-selection").addEventListener("click", useSelection);
  $("#pick-cancel").addEventListener("click", stopPicking);
}
