"""Score by year, one small chart per subject, laid out in a grid that reorders without script.

Every panel shares the same axes (years and score range), so a glance down the grid compares
subjects. A point's fill is the zone its article gives; an earlier year's score that a later
article mentions (``basis: previous``) is a hollow point; a result the articles disagree on is
ringed. Hovering a point shows its values (SVG ``<title>``).

Many subjects would make the grid a wall: at most ``CAP`` panels are drawn, those with the most
scored years, and a note says how many more the dataset table holds. The order switch is two
radio buttons and the CSS ``order`` property: each panel carries its rank by latest score in a
custom property, and ``:checked`` picks which order the grid uses.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extractor.charts_svg import (
    GRID,
    INK,
    MUTED,
    ZONE_COLOURS,
    colour,
    e,
    fmt,
    score_of,
    score_text,
    svg_open,
    word,
    year_labels,
    year_of,
)
from extractor.dataset import AGREE, CONFLICT, DIRECT, PREVIOUS, ROUNDUP, SINGLE

CAP = 60
WIDTH, HEIGHT = 220.0, 130.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 8.0, 8.0, 20.0
INSET = 7.0  # keeps the first and last points off the axes
FONT = 10
_BASIS = {
    DIRECT: "reported for its year",
    ROUNDUP: "reported for its year in another subject's article (a round-up)",
    PREVIOUS: "an earlier year's score, mentioned later",
}
_AGREEMENT = {SINGLE: "one article", AGREE: "articles agree", CONFLICT: "articles DISAGREE"}


@dataclass(frozen=True)
class Point:
    year: int
    score: float
    zone: str | None
    grade: str | None
    basis: str
    agreement: str


@dataclass(frozen=True)
class Frame:
    """The axes every panel shares: the years from first to last, and the score range."""

    first: int
    last: int
    low: float

    def x(self, year: int) -> float:
        if self.first == self.last:
            return LEFT + (WIDTH - LEFT - RIGHT) / 2
        span = WIDTH - LEFT - RIGHT - 2 * INSET
        return LEFT + INSET + (year - self.first) / (self.last - self.first) * span

    def y(self, score: float) -> float:
        return TOP + (100.0 - score) / (100.0 - self.low) * (HEIGHT - TOP - BOTTOM)

    def ticks(self) -> list[int]:
        step = 10 if 100 - self.low <= 50 else 20
        return list(range(100, int(self.low) - 1, -step))


def series(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Point]]:
    """Each subject's scored points in year order. Should two rows share a subject and year
    (the dataset promises one), the one reported for its year wins over a later mention."""
    by_subject: dict[str, dict[int, Point]] = defaultdict(dict)
    for row in rows:
        year, score, subject = year_of(row), score_of(row), row.get("subject")
        if year is None or score is None or not subject:
            continue
        point = Point(
            year,
            score,
            word(row, "zone"),
            word(row, "grade"),
            str(row.get("basis") or DIRECT),
            str(row.get("agreement") or SINGLE),
        )
        held = by_subject[str(subject)].get(year)
        if held is None or (held.basis == PREVIOUS and point.basis != PREVIOUS):
            by_subject[str(subject)][year] = point
    return {name: [points[y] for y in sorted(points)] for name, points in by_subject.items()}


def frame(all_series: Mapping[str, list[Point]]) -> Frame:
    points = [p for ps in all_series.values() for p in ps]
    low = min(90.0, max(0.0, math.floor(min(p.score for p in points) / 10) * 10))
    return Frame(min(p.year for p in points), max(p.year for p in points), low)


def point_title(name: str, point: Point) -> str:
    values = [f"{name}, {point.year}: {score_text(point.score)}"]
    values += [f"zona {point.zone}"] if point.zone else []
    values += [point.grade] if point.grade else []
    how = _BASIS.get(point.basis, point.basis)
    return f"{' · '.join(values)}\n{how}; {_AGREEMENT.get(point.agreement, point.agreement)}"


def _axes(box: Frame) -> list[str]:
    parts = []
    for tick in box.ticks():
        y = fmt(box.y(tick))
        parts.append(
            f'<line x1="{fmt(LEFT)}" x2="{fmt(WIDTH - RIGHT)}" y1="{y}" y2="{y}" stroke="{GRID}"/>'
            f'<text x="{fmt(LEFT - 4)}" y="{y}" dy="0.35em" text-anchor="end" font-size="{FONT}" '
            f'fill="{MUTED}">{tick}</text>'
        )
    base = fmt(HEIGHT - BOTTOM)
    parts.append(
        f'<line x1="{fmt(LEFT)}" x2="{fmt(WIDTH - RIGHT)}" y1="{base}" y2="{base}" stroke="{MUTED}"/>'
    )
    years = list(range(box.first, box.last + 1))
    per_year = (WIDTH - LEFT - RIGHT - 2 * INSET) / max(len(years) - 1, 1)
    for year in years:
        x = fmt(box.x(year))
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{base}" y2="{fmt(HEIGHT - BOTTOM + 3)}" stroke="{MUTED}"/>'
        )
    for year in year_labels(years, per_year, FONT * 2.9):
        parts.append(
            f'<text x="{fmt(box.x(year))}" y="{fmt(HEIGHT - 5)}" text-anchor="middle" font-size="{FONT}" '
            f'fill="{MUTED}">{year}</text>'
        )
    return parts


def _marker(name: str, point: Point, box: Frame) -> str:
    x, y = fmt(box.x(point.year)), fmt(box.y(point.score))
    fill = colour(point.zone, ZONE_COLOURS)
    hollow = point.basis == PREVIOUS  # a round-up's result is reported for its year: filled
    dot = (
        f'<circle class="ds-dot" cx="{x}" cy="{y}" r="4.2" fill="{"#fff" if hollow else fill}" '
        f'stroke="{fill if hollow else "#fff"}" stroke-width="{1.8 if hollow else 1}"/>'
    )
    ring = (
        f'<circle class="ds-conflict" cx="{x}" cy="{y}" r="7.4" fill="none" stroke="#7b2cbf" '
        f'stroke-width="1.6" stroke-dasharray="2.5 1.5"/>'
        if point.agreement == CONFLICT
        else ""
    )
    # A transparent, larger circle: the hover target a finger or a shaky hand can hit.
    hit = f'<circle cx="{x}" cy="{y}" r="9" fill="transparent"/>'
    return (
        f'<g class="ds-point" data-year="{point.year}" data-basis="{e(point.basis)}">'
        f"<title>{e(point_title(name, point))}</title>{dot}{ring}{hit}</g>"
    )


def panel_svg(name: str, points: list[Point], box: Frame) -> str:
    """One subject's scores: a line through its points in year order, one marker per point."""
    line = " ".join(f"{fmt(box.x(p.year))},{fmt(box.y(p.score))}" for p in points)
    return (
        svg_open(WIDTH, HEIGHT, f"{name}: score by year", "ds-lines")
        + f"<title>{e(name)}: score by year</title>"
        + "".join(_axes(box))
        + f'<polyline class="ds-line" points="{line}" fill="none" stroke="{INK}" stroke-width="1.4" '
        'stroke-linejoin="round"/>' + "".join(_marker(name, p, box) for p in points) + "</svg>"
    )


def _caption(name: str, points: list[Point]) -> str:
    latest = points[-1]
    chip = colour(latest.zone, ZONE_COLOURS)
    zone = f" {e(latest.zone)}" if latest.zone else ""
    return (
        f'<figcaption><span class="ds-name" title="{e(name)}">{e(name)}</span>'
        f'<span class="ds-latest">{latest.year}: <b>{score_text(latest.score)}</b> '
        f'<i class="ds-chip" style="background:{chip}"></i>{zone}</span></figcaption>'
    )


def _sort_name(name: str) -> str:
    return name.casefold()


def score_panels_html(rows: Sequence[Mapping[str, Any]], cap: int = CAP) -> str:
    """The grid of small charts (each an inline ``<svg>``), its order switch and the note on
    what the cap left out; a sentence instead when no row has a score."""
    all_series = series(rows)
    if not all_series:
        return '<p class="ds-note">No subject has a score yet: nothing to draw.</p>'
    box = frame(all_series)
    kept = sorted(all_series, key=lambda n: (-len(all_series[n]), -all_series[n][-1].year, _sort_name(n)))
    kept = sorted(kept[:cap], key=_sort_name)
    by_score = sorted(kept, key=lambda n: (-all_series[n][-1].score, _sort_name(n)))
    rank = {name: i for i, name in enumerate(by_score)}
    panels = "".join(
        f'<figure class="ds-panel" style="--by-score:{rank[name]}" data-subject="{e(name)}">'
        f"{_caption(name, all_series[name])}{panel_svg(name, all_series[name], box)}</figure>"
        for name in kept
    )
    switch = (
        '<input type="radio" name="ds-order" id="ds-by-name" checked="checked"/>'
        '<label for="ds-by-name">by name</label>'
        '<input type="radio" name="ds-order" id="ds-by-score"/>'
        '<label for="ds-by-score">by latest score</label>'
    )
    unscored = {str(r.get("subject")) for r in rows if r.get("subject")} - set(all_series)
    notes = []
    if len(all_series) > len(kept):
        notes.append(
            f"{len(all_series) - len(kept)} more subjects with scores are in the dataset table "
            f"(the {len(kept)} drawn have the most scored years)."
        )
    if unscored:
        has = "subject has" if len(unscored) == 1 else "subjects have"
        notes.append(f"{len(unscored)} {has} no score and only appear in the dataset table.")
    note = f'<p class="ds-note">{" ".join(notes)}</p>' if notes else ""
    return f'<div class="ds-lines-block">{switch}<div class="ds-grid">{panels}</div>{note}</div>'
