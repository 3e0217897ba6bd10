"""How many subjects fall in each zone (or category) per year: one stacked bar per year.

The same drawing serves the zones (hijau / kuning / merah) and the five grade words, which name
the 2022–2024 kategori and the 2025 opini categories alike. Each segment says its count when it
is tall enough to hold the number, and on hover (SVG ``<title>``) in any case; the total stands
above the bar. Years between the first and the last without any value keep their empty slot, so
a gap (2020 had no assessment) shows as a gap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from extractor.charts_svg import (
    GRADE_COLOURS,
    GRADE_ORDER,
    GRID,
    INK,
    LIGHT,
    MUTED,
    ZONE_COLOURS,
    ZONE_ORDER,
    colour,
    e,
    fmt,
    nice_step,
    ordered,
    svg_open,
    word,
    year_of,
)

LEFT, RIGHT, TOP, BOTTOM = 46.0, 10.0, 22.0, 30.0
SLOT, BAR, HEIGHT = 58.0, 34.0, 280.0
FONT = 13
_WHAT = {"zone": ("zona", ZONE_COLOURS, ZONE_ORDER), "grade": ("category", GRADE_COLOURS, GRADE_ORDER)}


def category_counts(rows: Sequence[Mapping[str, Any]], key: str) -> dict[int, Counter[str]]:
    """Per year, how many rows have each value of ``key`` (rows without one are not counted)."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        year, value = year_of(row), word(row, key)
        if year is not None and value is not None:
            counts[year][value] += 1
    return dict(counts)


def _segments(
    year: int, counts: Counter[str], x: float, y_of: Callable[[float], float], key: str
) -> list[str]:
    label, palette, order = _WHAT[key]
    parts, below = [], 0
    for value in ordered(set(counts), order):
        count = counts[value]
        top, bottom = y_of(below + count), y_of(below)
        fill = colour(value, palette)
        text_fill = INK if value in LIGHT else "#fff"
        plural = "subject" if count == 1 else "subjects"
        parts.append(
            f'<g class="ds-seg" data-year="{year}" data-value="{e(value)}" data-count="{count}">'
            f"<title>{year}, {label} {e(value)}: {count} {plural}</title>"
            f'<rect x="{fmt(x)}" y="{fmt(top)}" width="{fmt(BAR)}" height="{fmt(bottom - top)}" '
            f'fill="{fill}" stroke="#fff" stroke-width="1"/>'
        )
        if bottom - top >= FONT + 2:
            parts.append(
                f'<text x="{fmt(x + BAR / 2)}" y="{fmt((top + bottom) / 2)}" dy="0.35em" '
                f'text-anchor="middle" font-size="{FONT - 1}" font-weight="600" '
                f'fill="{text_fill}">{count}</text>'
            )
        parts.append("</g>")
        below += count
    return parts


def counts_svg(rows: Sequence[Mapping[str, Any]], key: str = "zone") -> str:
    """Stacked bars of ``category_counts(rows, key)``, ``key`` being ``zone`` or ``grade``;
    an empty string when no row has that value."""
    label, _, _ = _WHAT[key]
    counts = category_counts(rows, key)
    if not counts:
        return ""
    years = list(range(min(counts), max(counts) + 1))
    most = max(sum(c.values()) for c in counts.values())
    step = nice_step(most)
    top_tick = -(-most // step) * step
    plot = HEIGHT - TOP - BOTTOM
    width = LEFT + SLOT * len(years) + RIGHT

    def y_of(count: float) -> float:
        return HEIGHT - BOTTOM - count / top_tick * plot

    parts = [
        svg_open(width, HEIGHT, f"subjects per {label} per year", "ds-counts"),
        f"<title>Subjects per {label} per year</title>",
    ]
    for tick in range(0, top_tick + 1, step):
        y = fmt(y_of(tick))
        parts.append(
            f'<line x1="{fmt(LEFT)}" x2="{fmt(width - RIGHT)}" y1="{y}" y2="{y}" '
            f'stroke="{MUTED if tick == 0 else GRID}"/>'
            f'<text x="{fmt(LEFT - 6)}" y="{y}" dy="0.35em" text-anchor="end" font-size="{FONT}" '
            f'fill="{MUTED}">{tick}</text>'
        )
    middle = fmt(TOP + plot / 2)
    parts.append(
        f'<text transform="translate(13 {middle}) rotate(-90)" text-anchor="middle" font-size="{FONT}" '
        f'fill="{MUTED}">subjects</text>'
    )
    for i, year in enumerate(years):
        x = LEFT + SLOT * i + (SLOT - BAR) / 2
        parts.append(
            f'<text x="{fmt(x + BAR / 2)}" y="{fmt(HEIGHT - 10)}" text-anchor="middle" font-size="{FONT}" '
            f'fill="{MUTED}">{year}</text>'
        )
        if year not in counts:
            continue
        total = sum(counts[year].values())
        parts += _segments(year, counts[year], x, y_of, key)
        parts.append(
            f'<text class="ds-total" x="{fmt(x + BAR / 2)}" y="{fmt(y_of(total) - 5)}" text-anchor="middle" '
            f'font-size="{FONT}" font-weight="600" fill="{INK}">{total}</text>'
        )
    return "".join(parts) + "</svg>"


def legend_html(rows: Sequence[Mapping[str, Any]], key: str) -> str:
    """Swatches for the values the chart draws, in scale order, as text a reader can copy."""
    label, palette, order = _WHAT[key]
    present = {v for c in category_counts(rows, key).values() for v in c}
    items = "".join(
        f'<span class="ds-key"><i class="ds-chip" style="background:{colour(v, palette)}"></i>{e(v)}</span>'
        for v in ordered(present, order)
    )
    return f'<p class="ds-legend" aria-label="{label} colours">{items}</p>'
