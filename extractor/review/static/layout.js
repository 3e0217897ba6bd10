// Narrow screens (phones, a portrait tablet) show one panel at a time, chosen with the tab bar:
// the queue, the article or the values and decisions. The CSS does the layout from
// body[data-tab]; here the tab is chosen and the scroll positions are reset.

import { $, $$ } from "./dom.js";
import { state } from "./state.js";

const NARROW = window.matchMedia("(max-width: 899px)");

export function isNarrow() {
  return NARROW.matches;
}

export function showTab(tab) {
  state.tab = tab;
  document.body.dataset.tab = tab;
  for (const button of $$("#tabs [data-tab]")) {
    button.setAttribute("aria-selected", String(button.dataset.tab === tab));
  }
  if (isNarrow()) window.scrollTo(0, 0);
}

// A record opens at its top: the previous record's scroll position says nothing about this one.
export function resetScroll() {
  $("#panel").scrollTop = 0;
  $("#article").scrollTop = 0;
  if (isNarrow()) window.scrollTo(0, 0);
}

export function setupTabs() {
  for (const button of $$("#tabs [data-tab]")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }
  showTab(state.tab);
}
