// What the page holds between events, shared by its modules.

export const state = {
  rows: [], // the queue as filtered
  index: -1, // the open record's place in it (-1: not in it)
  view: null, // the open record, as the server laid it out
  editing: false,
  added: {}, // items added in the correct form, by list name: count
  picked: {}, // evidence key -> {start, end, quote}: words chosen in the article while correcting
  picking: null, // the evidence key whose words are being chosen
  selection: null, // the last words selected in the article while choosing
  last: null, // {record_id, version, action}: the last decision saved from this page, for undo
  counts: null, // {shown, total, invalid}: the queue's size under the filters, of all, unreadable
  progress: null, // {settled, total} of the records that needed a person
  tab: "panel", // the panel shown on a narrow screen: queue, article or panel
};

// Only the latest request of a kind counts: a slower answer to an earlier one must not replace
// what the reviewer asked for since (see queue.js and record.js).
export const seq = { queue: 0, open: 0, edit: 0 };
