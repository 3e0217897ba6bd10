"""The report's Dataset section: the dataset's rows as pictures, drawn in the page as SVG.

``dataset_section`` is a pure function of plain rows (one per subject and year, as
``extractor.dataset`` builds them: ``subject``, ``assessment_year``, ``score``, ``zone``,
``grade``, ``agreement``, ``basis`` ...) to HTML: a score-by-year chart per subject and the count
of subjects per zone (and per category, where grades are known) per year. No script, no file,
no URL: the page stays one file that opens offline. ``CHART_CSS`` goes into the page's
``<style>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from extractor.charts_counts import counts_svg, legend_html
from extractor.charts_lines import score_panels_html
from extractor.charts_svg import NO_ZONE, ZONE_COLOURS, year_of
from extractor.dataset import CONFLICT, PREVIOUS, ROUNDUP

CHART_CSS = """
.ds-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:.7rem;margin:.5rem 0}
.ds-panel{margin:0;min-width:0;border:1px solid #e3e5ea;border-radius:6px;padding:.3rem .4rem .15rem;
display:flex;flex-direction:column;justify-content:space-between}
.ds-panel figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;
column-gap:.5rem;font-size:.85rem;line-height:1.3}
.ds-name{font-weight:600;min-width:0;overflow-wrap:anywhere}
.ds-latest{white-space:nowrap;color:#5b6270;margin-left:auto}
.ds-chip{display:inline-block;width:.75em;height:.75em;border-radius:2px;margin:0 .2em;vertical-align:-.05em}
svg.ds-lines{display:block;width:100%;height:auto}
svg.ds-counts{display:block;max-width:100%;height:auto}
svg.ds-mark{vertical-align:-.2em;margin-right:.2em}
.ds-point:hover .ds-dot{stroke:#1d1d1f;stroke-width:2}
#ds-by-score:checked~.ds-grid>.ds-panel{order:var(--by-score)}
.ds-lines-block input{margin-left:.7rem}.ds-key{margin-right:.9rem;white-space:nowrap}
.ds-legend{display:flex;flex-wrap:wrap;row-gap:.2rem}.ds-note{color:#5b6270}
"""


def _mark(dot: str, ring: bool = False) -> str:
    """A legend's sample of a point, drawn as the chart draws it."""
    extra = (
        '<circle cx="9" cy="9" r="7.4" fill="none" stroke="#7b2cbf" stroke-width="1.6" '
        'stroke-dasharray="2.5 1.5"/>'
        if ring
        else ""
    )
    box = 'width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"'
    return f'<svg class="ds-mark" {box}>{dot}{extra}</svg>'


def _point_legend() -> str:
    green = ZONE_COLOURS["hijau"]
    filled = f'<circle cx="9" cy="9" r="4.2" fill="{green}" stroke="#fff"/>'
    hollow = f'<circle cx="9" cy="9" r="4.2" fill="#fff" stroke="{green}" stroke-width="1.8"/>'
    grey = f'<circle cx="9" cy="9" r="4.2" fill="{NO_ZONE}" stroke="#fff"/>'
    zones = "".join(
        f'<span class="ds-key"><i class="ds-chip" style="background:{ZONE_COLOURS[z]}"></i>{z}</span>'
        for z in ("hijau", "kuning", "merah")
    )
    return (
        f'<p class="ds-legend">{zones}'
        f'<span class="ds-key">{_mark(filled)}reported for its year</span>'
        f'<span class="ds-key">{_mark(hollow)}earlier year, mentioned later</span>'
        f'<span class="ds-key">{_mark(grey)}no zone given</span>'
        f'<span class="ds-key">{_mark(filled, ring=True)}articles disagree</span></p>'
    )


def _summary(rows: Sequence[Mapping[str, Any]]) -> str:
    subjects = {str(r.get("subject")) for r in rows if r.get("subject")}
    years = sorted({y for r in rows if (y := year_of(r)) is not None})
    scored = sum(1 for r in rows if r.get("score") is not None)
    previous = sum(1 for r in rows if r.get("basis") == PREVIOUS)
    roundups = sum(1 for r in rows if r.get("basis") == ROUNDUP)
    conflicts = sum(1 for r in rows if r.get("agreement") == CONFLICT)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no year")
    return (
        f"<p>{len(subjects)} subjects, {span}: {len(rows)} results, {scored} with a score; "
        f"{roundups} only from round-ups of other subjects; "
        f"{previous} from a later article's mention of an earlier year; "
        f"{conflicts} where the articles disagree. Hover a point or a bar for its values.</p>"
    )


def dataset_section(rows: Sequence[Mapping[str, Any]]) -> str:
    """The Dataset section of the report, ``<section id="dataset">`` ... ``</section>``."""
    if not rows:
        return (
            '<section id="dataset" class="ds"><h2>Dataset</h2><p>No results in the dataset yet.</p></section>'
        )
    parts = [
        '<section id="dataset" class="ds"><h2>Dataset</h2>',
        _summary(rows),
        "<h3>Score by year</h3>",
        _point_legend(),
        score_panels_html(rows),
    ]
    zones = counts_svg(rows, "zone")
    parts.append("<h3>Subjects per zone per year</h3>")
    parts.append(
        legend_html(rows, "zone") + zones if zones else '<p class="ds-note">No zone is known yet.</p>'
    )
    grades = counts_svg(rows, "grade")
    if grades:
        parts.append(
            '<h3>Subjects per category per year</h3><p class="ds-note">The five words name the '
            "2022–2024 kategori (A–E) and the 2025 opini categories.</p>"
        )
        parts.append(legend_html(rows, "grade") + grades)
    return "".join(parts) + "</section>"
