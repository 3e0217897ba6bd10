// The values of a record, row by row: each value (or its input while correcting), its quote (the
// reviewer's, the machine's), the flags about it; and the history of decisions.

import { focusFlag, focusQuote, startPicking } from "./article.js";
import { undoOn } from "./decide.js";
import { $, $$, el, show } from "./dom.js";
import { actionLabel, leafLabel, optionLabel, rowLabel, t } from "./i18n.js";
import { clearConfirmation, render } from "./record.js";
import { state } from "./state.js";

// The correct form's value boxes (a value shown outside the form carries data-path too).
export const INPUTS = "#rows select[data-path], #rows textarea[data-path]";

// ---- grades as the press prints them -------------------------------------------------------

// Which printed form a grade has for the values in view (the form's, while correcting): the
// 2025 opini labels, the 2022–2024 letters, or none (a year before grades).
function gradeScheme(view) {
  const value = (path) => {
    const input = $(`#rows select[data-path="${path}"], #rows textarea[data-path="${path}"]`);
    if (input) return input.value;
    const row = view.rows.find((r) => r.key === path);
    return row ? row.leaves[0].value : null;
  };
  const year = parseInt(value("assessment_year"), 10);
  const labels = view.grade_labels;
  if (value("assessment") === "ombudsman_opini_2025" || (labels.opini.from && year >= labels.opini.from)) {
    return "opini";
  }
  return labels.letters.from && year >= labels.letters.from ? "letters" : null;
}

function gradeText(value, scheme) {
  const printed = scheme ? state.view.grade_labels[scheme].labels[value] : null;
  if (!value || !printed) return show(value);
  return scheme === "letters" ? `${value} (kategori ${printed})` : `${printed} (${value})`;
}

const isGrade = (path) => /(^|\.)grade$/.test(path);

function valueText(leaf, value, scheme) {
  if (isGrade(leaf.path)) return gradeText(value, scheme);
  return value === null || value === undefined || value === "" ? "—" : optionLabel(leaf.path, value);
}

export function relabelGrades() {
  const scheme = gradeScheme(state.view);
  for (const select of $$("#rows select[data-path]").filter((s) => isGrade(s.dataset.path))) {
    for (const option of select.options) option.textContent = option.value ? gradeText(option.value, scheme) : "—";
  }
}

// ---- inputs ------------------------------------------------------------------------------

// A long name or role shows whole: the box grows with its text instead of cutting it.
export function autosize(box) {
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + 2}px`;
}

export function refreshInputs() {
  for (const box of $$("#rows textarea[data-path]")) autosize(box);
  relabelGrades();
}

function renderInput(leaf, scheme) {
  const value = leaf.value === null || leaf.value === undefined ? "" : String(leaf.value);
  const common = { "data-path": leaf.path, "data-original": value, "aria-label": leaf.path,
    placeholder: leaf.path === "published" ? "YYYY-MM-DD" : null };
  if (leaf.options) {
    return el("select", common, ...[...new Set(["", ...leaf.options])].map((o) =>
      el("option", { value: o, selected: o === value }, o ? valueText(leaf, o, scheme) : "—")));
  }
  return el("textarea", { ...common, rows: 1, spellcheck: "false" }, value);
}

// ``solo``: the row's only value, named by the row already.
function renderLeaf(leaf, scheme, solo) {
  const name = solo ? null : el("span", { class: "name" }, leafLabel(leaf));
  if (state.editing) {
    return el("label", { class: `leaf editing${solo ? " solo" : ""}` }, name, renderInput(leaf, scheme));
  }
  return el("span", { class: "leaf", "data-path": leaf.path }, name, valueText(leaf, leaf.value, scheme),
    leaf.changed ? el("span", { class: "machine", title: t("machineValue") }, valueText(leaf, leaf.machine, scheme)) : null);
}

// ---- quotes and flags --------------------------------------------------------------------

function dropChoice(key) {
  delete state.picked[key];
  clearConfirmation();
  render();
}

function quotes(row) {
  const ev = row.evidence;
  const picked = state.picked[row.key];
  const parts = [];
  if (picked) {
    parts.push(el("span", { class: "quote chosen", "data-chosen": row.key }, `${t("chosenQuote")} “${picked.quote}” `,
      el("button", { type: "button", class: "link", onclick: () => dropChoice(row.key) }, t("dropChoice"))));
  }
  if (ev) {
    const by = row.quote_by === "reviewer" ? `${t("reviewerQuote")} ` : "";
    parts.push(el("span", {
      class: `quote${ev.aligned ? "" : " unaligned"}${picked || row.quote_outdated ? " replaced" : ""}`,
      role: "button", tabindex: "0", title: t("showQuote"), onclick: () => focusQuote(row.key),
    }, ev.aligned ? `${by}“${ev.quote}”` : `${t("quoteNotFound")}: “${ev.quote}”`));
  }
  if (row.machine_evidence) {
    parts.push(el("span", { class: "quote machine-quote" }, `${t("machineQuote")} “${row.machine_evidence.quote}”`));
  }
  if (row.quote_outdated && !picked) parts.push(el("span", { class: "quote-note" }, t("quoteOutdated")));
  if (state.editing && state.view.text !== null) {
    parts.push(el("button", { type: "button", class: "pick", "data-pick": row.key,
      onclick: () => startPicking(row.key, rowLabel(row)) }, ev || picked ? t("changeWords") : t("chooseWords")));
  }
  return parts;
}

// ``linked``: the flag's words are marked in the article in view (not so for a flag a correction
// would raise: it has not been saved).
export function renderFlag(flag, linked = true) {
  const words = linked && flag.evidence && flag.evidence.length > 0 && state.view && state.view.text !== null;
  return el("div", {
    class: `flag ${flag.severity}${flag.open ? "" : " settled"}${words ? " has-words" : ""}`,
    "data-code": flag.code, "data-flag-id": linked ? flag.id : null,
    title: words ? t("showFlagWords") : null, onclick: words ? () => focusFlag(flag.id) : null,
  },
  el("span", { class: "code" }, flag.code),
  ` (${t(`severity.${flag.severity}`)}${flag.open ? "" : `, ${t("settled")}`}) `,
  flag.field && !flag.field.includes("[") && flag.field !== "subject" ? `${flag.field}: ` : "",
  flag.message, flag.related_record ? ` [${t("see")} ${flag.related_record}]` : "",
  el("span", { class: "basis" }, `${t("basis")}: ${flag.basis}`));
}

// ---- rows --------------------------------------------------------------------------------

export function renderRows(view) {
  const scheme = gradeScheme(view);
  const rows = view.rows.map((row) => {
    const remove = state.editing && row.item
      ? el("label", { class: "leaf remove" }, el("input", { type: "checkbox", "data-remove": row.key }), ` ${t("remove")}`) : null;
    const open = row.flags.some((f) => f.open);
    return el("tr", { "data-key": row.key, class: open ? "has-open" : null },
      el("td", { class: "swatch", style: { background: row.colour || "transparent" } }),
      el("td", { class: "label" }, rowLabel(row)),
      el("td", { class: "values" }, ...row.leaves.map((leaf) => renderLeaf(leaf, scheme, row.leaves.length === 1)), remove,
        ...quotes(row), ...row.flags.map((flag) => renderFlag(flag))));
  });
  for (const [name, count] of Object.entries(state.added)) {
    const start = view.rows.filter((row) => row.item === name).length;
    for (let i = 0; i < count; i++) {
      const key = `${name}[${start + i}]`;
      const leaves = view.item_leaves[name].map((leaf) => ({ ...leaf, path: `${key}.${leaf.name}`, value: null }));
      const row = { key, item: name, label: `new ${name}`, isNew: true };
      rows.push(el("tr", { "data-key": key }, el("td", { class: "swatch" }), el("td", { class: "label" }, rowLabel(row)),
        el("td", { class: "values" }, ...leaves.map((leaf) => renderLeaf(leaf, scheme)), ...quotes(row))));
    }
  }
  $("#rows tbody").replaceChildren(...rows);
  if (state.editing) refreshInputs();
}

// ---- history -----------------------------------------------------------------------------

export function renderDecision(decision) {
  const view = state.view;
  const when = decision.at.replace("T", " ").slice(0, 19);
  const undone = decision.undone_by !== null && decision.undone_by !== undefined;
  const undoable = view.undo && view.undo.index === decision.index && !state.editing;
  return el("li", { class: undone ? "undone" : null, "data-index": decision.index, "data-action": decision.action },
    `${when} ${decision.reviewer}: `, el("b", null, actionLabel(decision.action)),
    decision.action === "undo" ? ` ${t("undoesN", { n: decision.undoes + 1 })}` : "",
    undone ? ` (${t("undoneBy", { n: decision.undone_by + 1 })})` : "",
    decision.note ? ` — ${decision.note}` : "",
    undoable ? el("button", { type: "button", class: "link undo-this", onclick: () => undoOn(view) }, t("undoThis")) : null,
    ...decision.corrections.map((c) => el("div", { class: "corr" },
      `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`)),
    ...Object.entries(decision.evidence || {}).map(([key, ev]) => el("div", { class: "corr" },
      `${key}: ${t("quoteSet")} “${ev.quote}”`)),
    decision.resolved.length ? el("div", { class: "resolved" },
      t("settledList", { list: decision.resolved.map((r) => `${r.code} (${r.field})`).join(", ") })) : null);
}
