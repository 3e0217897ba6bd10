"""A run as one self-contained HTML page: counts, the dataset as charts, a table of records, each
article highlighted.

``render_report`` is a pure function from records (and their articles) to a string: no file, no
clock, no network. The page carries its own CSS, loads nothing (it opens offline, from a mail
attachment too) and has no script. Every piece of text from an article, the model or a reviewer
goes through ``html.escape``: an article containing ``<script>`` shows those characters.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from extractor.charts import CHART_CSS, dataset_section
from extractor.effective import outdated_quotes
from extractor.review import Effective, effective
from extractor.review._highlight import field_colours, segments
from schemas.record import Evidence, Extraction, Record

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;color:#1d1d1f;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0;display:block;overflow-x:auto;max-width:100%}
td,th{border:1px solid #d5d7dc;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f1f2f5}.num{text-align:right}
.s-flagged{background:#ffd9a8}.s-reviewed{background:#bfe8c0}.s-failed{background:#f5b5b5}
.s-ok{background:#d8e8f8}.s-rejected{background:#555;color:#fff}
.status{border-radius:8px;padding:0 6px;font-size:.8rem}
article{border-top:3px solid #24323f;margin-top:2rem;padding-top:.5rem}
.text{white-space:pre-wrap;font:15px/1.6 Georgia,serif;background:#fcfcfd;padding:.6rem;
border:1px solid #e3e3e8}
mark{border-radius:2px;color:inherit}mark.multi{box-shadow:inset 0 -2px 0 #555}
.legend span{border-radius:3px;padding:0 5px;margin-right:.3rem;font-size:.8rem}
.unaligned{border:1px dashed #b00;
background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3c4c4 4px,#f3c4c4 8px)}
.flag{margin:.2rem 0;padding:.2rem .4rem;border-left:4px solid #999;background:#f3f3f3}
.error{border-color:#c00;background:#fdeaea}.warning{border-color:#e09000;background:#fff4e0}
.info{border-color:#4a7fc1;background:#eef4fb}.settled{opacity:.6}.code{font-family:monospace;font-weight:600}
.basis{display:block;color:#555;font-size:.8rem}.machine{text-decoration:line-through;color:#999}
.problem{background:#fff1d6;border:1px solid #e0a040;padding:.3rem .5rem}
"""


def _e(value: Any) -> str:
    return escape("—" if value is None or value == "" else str(value))


def _status_label(eff: Effective) -> str:
    label = "rejected" if eff.rejected else eff.status.value
    return f'<span class="status s-{label}">{label}</span>'


def _summary(items: list[tuple[Record, Effective]]) -> str:
    statuses = Counter("rejected" if eff.rejected else eff.status.value for _, eff in items)
    codes: Counter[tuple[str, str]] = Counter(
        (f.code, f.severity.value) for _, eff in items for f in eff.flags
    )
    status_rows = "".join(
        f"<tr><td>{_e(name)}</td><td class=num>{count}</td></tr>" for name, count in sorted(statuses.items())
    )
    code_rows = "".join(
        f"<tr><td class=code>{_e(code)}</td>"
        + "".join(
            f"<td class=num>{codes.get((code, sev), '') or ''}</td>" for sev in ("error", "warning", "info")
        )
        + "</tr>"
        for code in sorted({code for code, _ in codes})
    )
    return (
        "<h2>Records by status</h2><table><tr><th>status</th><th>records</th></tr>"
        f"{status_rows}</table><h2>Flags by code</h2><table><tr><th>code</th><th>error</th>"
        f"<th>warning</th><th>info</th></tr>{code_rows or '<tr><td colspan=4>no flags</td></tr>'}</table>"
    )


def _table(items: list[tuple[Record, Effective]]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("record", "status", "subject", "year", "score", "zone", "grade", "units", "flags")
    )
    rows = []
    for record, eff in items:
        e = eff.extraction
        codes = " ".join(sorted({f.code for f in eff.flags}))
        rid = _e(record.record_id)
        subject = e.subject.name if e and e.subject else None
        rows.append(
            f'<tr><td><a href="#r-{rid}">{rid}</a></td><td>{_status_label(eff)}</td><td>{_e(subject)}</td>'
            f"<td>{_e(e and e.assessment_year)}</td><td class=num>{_e(e and e.score)}</td>"
            f"<td>{_e(e and e.zone)}</td><td>{_e(e and e.grade)}</td>"
            f"<td class=num>{len(e.units) if e else ''}</td><td class=code>{_e(codes)}</td></tr>"
        )
    return f"<h2>Records</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _values(eff_values: Extraction, machine: Extraction) -> str:
    eff, was = eff_values.model_dump(mode="json"), machine.model_dump(mode="json")
    eff.pop("evidence")
    was.pop("evidence")
    rows = []
    for key, value in eff.items():
        old = was.get(key)
        shown = _e(value if not isinstance(value, dict | list) else _compact(value))
        if value != old:
            shown += f' <span class="machine" title="machine">{_e(_compact(old))}</span>'
        rows.append(f"<tr><th>{_e(key)}</th><td>{shown}</td></tr>")
    return f"<table>{''.join(rows)}</table>"


def _compact(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _legend_entry(key: str, evidence: Evidence, colour: str, outdated: bool) -> str:
    if not evidence.aligned:
        return (
            f'<span class="unaligned" title="quote not found in the article: {_e(evidence.quote)}">'
            f"{_e(key)}: not found</span>"
        )
    if outdated:
        return (
            f'<span class="unaligned" title="the machine quoted this for a value corrected since: '
            f'{_e(evidence.quote)}">{_e(key)}: quote outdated</span>'
        )
    return f'<span style="background:{colour}">{_e(key)}</span>'


def _text(text: str | None, extraction: Extraction, outdated: set[str]) -> str:
    """The article with each value's evidence marked; a machine quote for a value corrected since
    is no evidence of the new value, so it is named in the legend and not marked."""
    colours = field_colours(extraction.evidence)
    legend = "".join(
        _legend_entry(key, ev, colours[key], key in outdated) for key, ev in extraction.evidence.items()
    )
    if text is None:
        missing = '<p class="problem">The article is not available: no highlights.</p>'
        return f'<p class="legend">{legend}</p>{missing}'
    pieces = []
    current = {key: ev for key, ev in extraction.evidence.items() if key not in outdated}
    for seg in segments(text, current):
        piece = escape(text[seg.start : seg.end])
        if seg.fields:
            cls = ' class="multi"' if len(seg.fields) > 1 else ""
            title = escape(", ".join(seg.fields))
            piece = f'<mark{cls} style="background:{colours[seg.fields[0]]}" title="{title}">{piece}</mark>'
        pieces.append(piece)
    return f'<p class="legend">{legend}</p><div class="text">{"".join(pieces)}</div>'


def _article(record: Record, eff: Effective, text: str | None) -> str:
    parts = [f'<article id="r-{_e(record.record_id)}"><h3>{_e(record.record_id)} {_status_label(eff)}</h3>']
    parts.append(
        f"<p>{_e(record.source.path)} · {_e(record.provenance.engine)} {_e(record.provenance.model)}</p>"
    )
    if record.failure is not None:
        parts.append(
            f'<p class="problem">Failed: {_e(record.failure.kind)}: {_e(record.failure.message)}</p>'
        )
    if eff.extraction is not None and record.extraction is not None:
        parts.append(_values(eff.extraction, record.extraction))
    for flag in eff.flags:
        settled = "" if flag in eff.open_flags or flag.severity.value == "info" else " settled"
        parts.append(
            f'<div class="flag {flag.severity.value}{settled}"><span class="code">{_e(flag.code)}</span> '
            f"({_e(flag.severity.value)}) {_e(flag.field)}: {_e(flag.message)}"
            f'<span class="basis">basis: {_e(flag.basis)}</span></div>'
        )
    for decision in record.review:
        changes = "; ".join(f"{c.field}: {_compact(c.old)} → {_compact(c.new)}" for c in decision.corrections)
        when = decision.at.isoformat(timespec="seconds")
        note = f" — {_e(decision.note)}" if decision.note else ""
        what = f" ({_e(changes)})" if changes else ""
        parts.append(f"<p>{_e(when)} {_e(decision.reviewer)}: {_e(decision.action.value)}{note}{what}</p>")
    if eff.extraction is not None:
        parts.append(_text(text, eff.extraction, outdated_quotes(record, eff.extraction)))
    return "".join(parts) + "</article>"


def render_report(
    records: list[Record],
    texts: dict[str, str | None],
    title: str = "Extraction report",
    dataset: Sequence[Mapping[str, Any]] | None = None,
    effs: Mapping[str, Effective] | None = None,
) -> str:
    """The whole page. ``texts`` maps a record id to its article (None or absent: not available).

    ``dataset``: the rows of ``extractor.dataset.dataset_rows`` (one per subject and year); given,
    the page has a Dataset section of charts after the counts, before the table of records.
    ``effs``: each record's effective values by record id, where the caller has them already."""
    if effs is None:
        effs = {record.record_id: effective(record, texts.get(record.record_id)) for record in records}
    items = [(record, effs[record.record_id]) for record in records]
    body = (
        _summary(items)
        + (dataset_section(dataset) if dataset is not None else "")
        + _table(items)
        + "".join(_article(r, eff, texts.get(r.record_id)) for r, eff in items)
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}{CHART_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1><p>{len(records)} record(s).</p>{body}</body></html>\n"
    )
