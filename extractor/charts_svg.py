"""What every chart of the report's Dataset section shares: colours, escaping, numbers and ticks.

The charts are SVG written into the page as text. Everything here returns strings that are
well-formed XML as well as HTML (quoted attributes, closed elements, escaped text), so a test can
parse a chart with an XML parser and a browser draws it without any script.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape
from typing import Any

# The zone colours people know from the Ombudsman's own maps; the greens and reds are dark enough
# for white count labels (about 4.5:1), amber carries dark text instead.
ZONE_COLOURS = {"hijau": "#1f8a48", "kuning": "#f0b400", "merah": "#c62828", "hitam": "#262626"}
ZONE_ORDER = ("hijau", "kuning", "merah", "hitam")
# The five grade words name both the 2022–2024 kategori A–E and the 2025 opini categories.
GRADE_COLOURS = {
    "tertinggi": "#14622f",
    "tinggi": "#7cc47f",
    "sedang": "#f0b400",
    "rendah": "#c62828",
    "terendah": "#262626",
}
GRADE_ORDER = ("tertinggi", "tinggi", "sedang", "rendah", "terendah")
LIGHT = frozenset({"kuning", "tinggi", "sedang"})  # fills that need dark text on them
NO_ZONE = "#8a8f98"
OTHER = "#6c5a8c"  # a value outside the known words still gets drawn, in a colour of its own
INK = "#1d1d1f"
MUTED = "#5b6270"
GRID = "#e3e5ea"


def e(value: Any) -> str:
    """Text or an attribute value, escaped for HTML and XML alike (quotes included)."""
    return escape(str(value), quote=True)


def fmt(value: float) -> str:
    """A coordinate: one decimal is finer than a pixel and keeps the page small."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def score_text(value: float) -> str:
    """A score as the press prints it, without trailing zeros: 82.28, 80.5, 79."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def word(row: Mapping[str, Any], key: str) -> str | None:
    """A zone or grade as its lower-case word (an enum's value too), or None when absent."""
    value = row.get(key)
    if value is None or value == "":
        return None
    return str(getattr(value, "value", value)).strip().lower()


def year_of(row: Mapping[str, Any]) -> int | None:
    value = row.get("assessment_year")
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def score_of(row: Mapping[str, Any]) -> float | None:
    value = row.get("score")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def colour(value: str | None, palette: Mapping[str, str]) -> str:
    if value is None:
        return NO_ZONE
    return palette.get(value, OTHER)


def ordered(values: set[str], order: tuple[str, ...]) -> list[str]:
    """The known words in their scale order, then any others by name."""
    return [v for v in order if v in values] + sorted(values - set(order))


def nice_step(top: float, most: int = 6) -> int:
    """The smallest 1/2/5 x 10^k step that puts at most ``most`` ticks above zero up to ``top``."""
    if top <= most:
        return 1
    magnitude = 10 ** math.floor(math.log10(top / most))
    for factor in (1, 2, 5, 10):
        if top / (factor * magnitude) <= most:
            return int(factor * magnitude)
    return int(10 * magnitude)  # pragma: no cover - factor 10 always fits


def year_labels(years: list[int], pixels_per_year: float, label_width: float) -> list[int]:
    """Which years get a label: every year when they fit, else every k-th from the first, and
    always the last (dropping the one before it if the two would touch)."""
    if not years:
        return []
    step = max(1, math.ceil(label_width / max(pixels_per_year, 1e-9)))
    chosen = years[::step]
    if chosen[-1] != years[-1]:
        if (years[-1] - chosen[-1]) * pixels_per_year < label_width:
            chosen = chosen[:-1]
        chosen.append(years[-1])
    return chosen


def svg_open(width: float, height: float, label: str, css_class: str) -> str:
    """An inline SVG that names itself for screen readers. Its width and height are its natural
    size, for a page without the report's CSS; that CSS lets it scale with its box (viewBox).

    No ``xmlns``: inline SVG in HTML needs none, and the page stays free of any URL."""
    return (
        f'<svg class="{css_class}" width="{fmt(width)}" height="{fmt(height)}" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}" role="img" aria-label="{e(label)}" '
        'font-family="system-ui, sans-serif">'
    )
