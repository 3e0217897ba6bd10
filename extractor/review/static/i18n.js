// The page's words in English and Indonesian. Indonesian is the default when the browser asks for
// it (its first language starts with "id", as Accept-Language does); the toggle's choice is kept
// in this browser. What comes from the data (flag messages, quotes, values) is not translated.

const WORDS = {
  en: {
    title: "Review", "f.flag": "flag", "f.status": "status", "f.subject": "subject", "f.year": "year",
    any: "any", subjectPlaceholder: "name or id (/)", langButton: "Bahasa Indonesia",
    "status.flagged": "flagged", "status.reviewed": "reviewed", "status.ok": "ok", "status.failed": "failed",
    "status.all": "all", "status.rejected": "rejected",
    "action.accept": "accept", "action.correct": "correct", "action.reject": "reject",
    "action.undo": "undo", "action.reopen": "reopen",
    "tab.queue": "Queue", "tab.article": "Article", "tab.panel": "Values",
    queueEmpty: "No record matches these filters.", showReviewed: "Show the reviewed records",
    allDone: "All done: every flagged record is settled ({settled} of {total}).",
    progress: "{settled} of {total} flagged records settled",
    count: "{shown} of {total} record(s)", unreadable: "; {invalid} unreadable", reviewer: "reviewer: {name}",
    openCodes: "{open} open: {codes}",
    accept: "Accept (a)", edit: "Correct (e)", reject: "Reject (r)", reopen: "Reopen (o)",
    acceptTitle: "The values are right; settle the open flags", editTitle: "Correct values",
    rejectTitle: "Not an Ombudsman compliance result: leave it out of the dataset",
    reopenTitle: "Back to the queue: the flags settled so far are open again",
    save: "Save correction", cancelEsc: "Cancel (Esc)", addUnit: "+ unit", addOfficial: "+ official",
    addPrevious: "+ earlier result", notePlaceholder: "Note (optional), saved with the next decision",
    decisions: "Decisions", reload: "Reload record", nothingHere: "No record to review here.",
    reloaded: "Reloaded: the record as saved now.",
    reloadedKept: "Reloaded: the record as saved now, with your correction still typed in. Check it, then save.",
    failed: "Failed: {kind}: {message}", quoteAt: "quote at {start}–{end}", quoteMissing: "quote not found in the article",
    "severity.error": "error", "severity.warning": "warning", "severity.info": "info",
    flaggedWords: "flagged words:", noText: "Article not shown, so nothing is highlighted: {why}.",
    pickFor: "Choose the words for", useSelection: "Use selection", cancel: "Cancel",
    pickHint: "Select the words in the article that give this value, then press “Use selection”.",
    pickNothing: "Select some words of the article first.",
    machineValue: "what the machine extracted", chosenQuote: "your quote:", dropChoice: "drop",
    reviewerQuote: "✎ reviewer's quote:", quoteNotFound: "quote not found in the article",
    machineQuote: "machine's quote:", quoteOutdated: "this quote is the machine's, for its old value: choose the words for the new one",
    changeWords: "Change the words", chooseWords: "Choose words", showQuote: "show in the article",
    showFlagWords: "show the words this flag points at", settled: "settled", see: "see", basis: "basis",
    remove: "remove", undoesN: "of decision {n}", undoneBy: "undone by decision {n}", undoThis: "Undo",
    quoteSet: "quote set to", settledList: "settled: {list}", undoKey: "Undo (u)", dismiss: "dismiss",
    stale: "This record was changed by another review session (or `extractor check`) after this page loaded it, so this decision was not saved. Reload the record to see the other decision, then decide again.",
    saved: "Saved: {action} on {id}. Status is now {status}.", undone: "Undone: the last decision on {id}. Status is now {status}.",
    nothingChanged: "Nothing changed.",
    newFlagsIntro: "This correction raises these flags. Look at them: confirm that the correction stands (they are settled with it), or change the correction.",
    confirmFlags: "Confirm and save", changeCorrection: "Change the correction",
    newFlagsBanner: "Not saved yet: the correction raises new flags (below). Confirm it, or change it.",
    "keys.nav": "next/previous", "keys.accept": "accept", "keys.reject": "reject", "keys.edit": "correct",
    "keys.undo": "undo", "keys.reopen": "reopen", "keys.cancel": "cancel", "keys.filter": "filter",
    "field.subject": "subject", "field.assessment": "assessment", "field.assessment_year": "year",
    "field.score": "score", "field.zone": "zone", "field.grade": "grade", "field.published": "published",
    "item.units": "unit", "item.officials": "official", "item.previous": "earlier result",
    "new.units": "new unit", "new.officials": "new official", "new.previous": "new earlier result",
    "item.others": "other result", "new.others": "new other result", "leaf.assessment_year": "year",
    "leaf.name": "name", "leaf.name_as_written": "as written", "leaf.kind": "kind", "leaf.region_code": "region code",
    "leaf.year": "year", "leaf.score": "score", "leaf.zone": "zone", "leaf.grade": "grade", "leaf.role": "role",
    "opt.ombudsman_compliance": "Ombudsman compliance (to 2024)", "opt.ombudsman_opini_2025": "Ombudsman opini (2025 on)",
    "opt.other_index": "another body's index", "opt.none": "no result",
  },
  id: {
    title: "Tinjauan", "f.flag": "tanda", "f.status": "status", "f.subject": "subjek", "f.year": "tahun",
    any: "semua", subjectPlaceholder: "nama atau id (/)", langButton: "English",
    "status.flagged": "ditandai", "status.reviewed": "ditinjau", "status.ok": "ok", "status.failed": "gagal",
    "status.all": "semua", "status.rejected": "ditolak",
    "action.accept": "terima", "action.correct": "koreksi", "action.reject": "tolak",
    "action.undo": "urungkan", "action.reopen": "buka lagi",
    "tab.queue": "Antrean", "tab.article": "Artikel", "tab.panel": "Nilai",
    queueEmpty: "Tidak ada rekaman yang cocok dengan saringan ini.", showReviewed: "Tampilkan rekaman yang sudah ditinjau",
    allDone: "Selesai: semua rekaman bertanda sudah diputuskan ({settled} dari {total}).",
    progress: "{settled} dari {total} rekaman bertanda sudah diputuskan",
    count: "{shown} dari {total} rekaman", unreadable: "; {invalid} tak terbaca", reviewer: "peninjau: {name}",
    openCodes: "{open} terbuka: {codes}",
    accept: "Terima (a)", edit: "Koreksi (e)", reject: "Tolak (r)", reopen: "Buka lagi (o)",
    acceptTitle: "Nilainya benar; selesaikan tanda yang terbuka", editTitle: "Koreksi nilai",
    rejectTitle: "Bukan hasil penilaian kepatuhan Ombudsman: keluarkan dari dataset",
    reopenTitle: "Kembali ke antrean: tanda yang sudah diselesaikan terbuka lagi",
    save: "Simpan koreksi", cancelEsc: "Batal (Esc)", addUnit: "+ unit", addOfficial: "+ pejabat",
    addPrevious: "+ hasil sebelumnya", notePlaceholder: "Catatan (opsional), disimpan bersama keputusan berikutnya",
    decisions: "Keputusan", reload: "Muat ulang rekaman", nothingHere: "Tidak ada rekaman untuk ditinjau di sini.",
    reloaded: "Dimuat ulang: rekaman seperti tersimpan sekarang.",
    reloadedKept: "Dimuat ulang: rekaman seperti tersimpan sekarang; koreksi yang Anda ketik masih ada. Periksa, lalu simpan.",
    failed: "Gagal: {kind}: {message}", quoteAt: "kutipan di {start}–{end}", quoteMissing: "kutipan tidak ditemukan di artikel",
    "severity.error": "galat", "severity.warning": "peringatan", "severity.info": "info",
    flaggedWords: "kata bertanda:", noText: "Artikel tidak ditampilkan, jadi tidak ada sorotan: {why}.",
    pickFor: "Pilih kata untuk", useSelection: "Pakai pilihan", cancel: "Batal",
    pickHint: "Pilih kata di artikel yang memberi nilai ini, lalu tekan “Pakai pilihan”.",
    pickNothing: "Pilih dulu beberapa kata di artikel.",
    machineValue: "hasil ekstraksi mesin", chosenQuote: "kutipan Anda:", dropChoice: "buang",
    reviewerQuote: "✎ kutipan peninjau:", quoteNotFound: "kutipan tidak ditemukan di artikel",
    machineQuote: "kutipan mesin:", quoteOutdated: "kutipan ini milik mesin, untuk nilai lamanya: pilih kata untuk nilai baru",
    changeWords: "Ganti kata", chooseWords: "Pilih kata", showQuote: "tampilkan di artikel",
    showFlagWords: "tampilkan kata yang ditunjuk tanda ini", settled: "selesai", see: "lihat", basis: "dasar",
    remove: "hapus", undoesN: "keputusan {n}", undoneBy: "diurungkan oleh keputusan {n}", undoThis: "Urungkan",
    quoteSet: "kutipan diganti menjadi", settledList: "diselesaikan: {list}", undoKey: "Urungkan (u)", dismiss: "tutup",
    stale: "Rekaman ini diubah oleh sesi tinjauan lain (atau `extractor check`) setelah halaman ini memuatnya, jadi keputusan ini tidak disimpan. Muat ulang rekaman untuk melihat keputusan lain itu, lalu putuskan lagi.",
    saved: "Tersimpan: {action} pada {id}. Status sekarang {status}.", undone: "Diurungkan: keputusan terakhir pada {id}. Status sekarang {status}.",
    nothingChanged: "Tidak ada yang berubah.",
    newFlagsIntro: "Koreksi ini memunculkan tanda berikut. Periksa: pastikan koreksinya benar (tanda ini diselesaikan bersamanya), atau ubah koreksinya.",
    confirmFlags: "Pastikan dan simpan", changeCorrection: "Ubah koreksi",
    newFlagsBanner: "Belum disimpan: koreksi ini memunculkan tanda baru (di bawah). Pastikan, atau ubah koreksinya.",
    "keys.nav": "berikut/sebelumnya", "keys.accept": "terima", "keys.reject": "tolak", "keys.edit": "koreksi",
    "keys.undo": "urungkan", "keys.reopen": "buka lagi", "keys.cancel": "batal", "keys.filter": "saring",
    "field.subject": "subjek", "field.assessment": "penilaian", "field.assessment_year": "tahun",
    "field.score": "nilai", "field.zone": "zona", "field.grade": "predikat", "field.published": "terbit",
    "item.units": "unit", "item.officials": "pejabat", "item.previous": "hasil sebelumnya",
    "new.units": "unit baru", "new.officials": "pejabat baru", "new.previous": "hasil sebelumnya baru",
    "item.others": "hasil lain", "new.others": "hasil lain baru", "leaf.assessment_year": "tahun",
    "leaf.name": "nama", "leaf.name_as_written": "seperti tertulis", "leaf.kind": "jenis", "leaf.region_code": "kode wilayah",
    "leaf.year": "tahun", "leaf.score": "nilai", "leaf.zone": "zona", "leaf.grade": "predikat", "leaf.role": "jabatan",
    "opt.ombudsman_compliance": "kepatuhan Ombudsman (s.d. 2024)", "opt.ombudsman_opini_2025": "opini Ombudsman (mulai 2025)",
    "opt.other_index": "indeks lembaga lain", "opt.none": "bukan hasil",
  },
};

const STORE = "review.lang";

function chosen() {
  try { return localStorage.getItem(STORE); } catch (_) { return null; }
}

function asked() {
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
  return first.toLowerCase().startsWith("id") ? "id" : "en";
}

let lang = WORDS[chosen()] ? chosen() : asked();

export function currentLang() {
  return lang;
}

export function t(key, params) {
  const text = WORDS[lang][key] ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
}

export const statusLabel = (status) => t(`status.${status}`);
export const actionLabel = (action) => t(`action.${action}`);

export function rowLabel(row) {
  if (row.isNew) return t(`new.${row.item}`);
  if (row.item) return `${t(`item.${row.item}`)} ${Number(row.key.match(/\[(\d+)\]/)[1]) + 1}`;
  return WORDS[lang][`field.${row.key}`] ? t(`field.${row.key}`) : row.label;
}

export function leafLabel(leaf) {
  const name = leaf.path.includes(".") ? leaf.path.split(".").pop() : null;
  if (!name) return rowLabel({ key: leaf.path, label: leaf.label });
  return WORDS[lang][`leaf.${name}`] ? t(`leaf.${name}`) : leaf.label;
}

// A choice as shown: the assessment kinds in words; other choices are the schema's own words.
export function optionLabel(path, value) {
  return path === "assessment" && WORDS.en[`opt.${value}`] ? t(`opt.${value}`) : String(value);
}

// Static text of the page: data-i18n (text), data-i18n-placeholder, data-i18n-title.
export function applyStatic() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
}

export function toggleLang() {
  lang = lang === "id" ? "en" : "id";
  try { localStorage.setItem(STORE, lang); } catch (_) { /* private mode: the choice lasts this page only */ }
  applyStatic();
}
