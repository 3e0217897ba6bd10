"""The report's Dataset charts: SVG drawn from plain rows, read back with an XML parser and in Chromium.

The rows are synthetic, shaped as ``extractor.dataset.dataset_rows`` makes them (one per subject
and year). The browser test renders the whole report page at a desktop and a phone width and saves
screenshots to ``artifacts/review/dataset-*.png``, next to the review page's; it is skipped, saying
so, without Debian's Chromium or the ``playwright`` package.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from extractor.charts import dataset_section
from extractor.charts_counts import category_counts, counts_svg
from extractor.charts_lines import CAP, score_panels_html
from extractor.charts_svg import nice_step, year_labels
from extractor.report import render_report
from tests import reviewkit
from tests.reviewkit import SHOTS

YEARS = (2019, 2021, 2022, 2023, 2024, 2025)  # 2020 had no assessment
NAMES = [
    "Kota Batu",
    "Kabupaten Malang",
    "Provinsi Jawa Timur",
    "Kota Kediri",
    "Kabupaten Sleman",
    "Kota Denpasar",
    "Kabupaten Bantul",
    "Provinsi Bali",
    "Kota Surabaya",
    "Kabupaten Gresik",
    "Kementerian Kesehatan",
    'Kota <Tes> & "Co"',
]
HOSTILE = NAMES[-1]


def _zone(year: int, score: float) -> str:
    # The published bands: 81/51 up to 2021, 78/54 from 2022 (extractor/data/scale.json).
    high, low = (81, 51) if year <= 2021 else (78, 54)
    return "hijau" if score >= high else "kuning" if score >= low else "merah"


def _grade(year: int, score: float) -> str | None:
    if year < 2022:
        return None
    for floor, grade in ((88, "tertinggi"), (78, "tinggi"), (54, "sedang"), (32, "rendah")):
        if score >= floor:
            return grade
    return "terendah"


def row(subject: str, year: int, score: float | None, **more: Any) -> dict[str, Any]:
    zone = _zone(year, score) if score is not None else None
    grade = _grade(year, score) if score is not None else None
    return {
        "subject": subject,
        "region_code": None,
        "kind": subject.split()[0].lower(),
        "assessment_year": year,
        "score": score,
        "zone": zone,
        "grade": grade,
        "agreement": "single",
        "basis": "direct",
        **more,
    }


def synthetic_rows(names: list[str] = NAMES) -> list[dict[str, Any]]:
    """Each subject over the years, scores spread 35–99 by a fixed formula (no randomness)."""
    rows = []
    for i, name in enumerate(names):
        for j, year in enumerate(YEARS):
            if (i + j) % 7 == 6:
                continue  # some subjects miss a year
            score = round(35 + (i * 13 + j * 7 + (i * j) % 11) % 64 + 0.28, 2)
            basis = "previous" if j == 0 and i % 3 == 0 else "direct"
            agreement = "conflict" if (i, j) == (1, 3) else "agree" if j == 2 else "single"
            rows.append(row(name, year, score, basis=basis, agreement=agreement))
    return rows


def _parse(fragment: str) -> ET.Element:
    return ET.fromstring(f"<root>{fragment}</root>")


def _panel(tree: ET.Element, subject: str) -> ET.Element:
    [figure] = [f for f in tree.iter("figure") if f.get("data-subject") == subject]
    return figure


def _points(figure: ET.Element) -> list[tuple[float, float]]:
    [line] = figure.iter("polyline")
    return [(float(x), float(y)) for x, y in (p.split(",") for p in (line.get("points") or "").split())]


def test_every_subject_gets_one_panel_with_one_line_through_its_years_in_order() -> None:
    rows = synthetic_rows()
    tree = _parse(score_panels_html(rows))
    figures = list(tree.iter("figure"))
    assert [f.get("data-subject") for f in figures] == sorted(NAMES, key=str.casefold)
    for figure in figures:
        assert len(list(figure.iter("polyline"))) == 1 and len(list(figure.iter("svg"))) == 1
        years = [int(g.get("data-year") or 0) for g in figure.iter("g") if g.get("class") == "ds-point"]
        expected = sorted(r["assessment_year"] for r in rows if r["subject"] == figure.get("data-subject"))
        assert years == expected
        xs = [x for x, _ in _points(figure)]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)  # left to right, one point per year


def test_a_higher_score_is_drawn_higher_and_equal_years_share_an_x_across_panels() -> None:
    rows = [row("Kota A", 2019, 60.0), row("Kota A", 2022, 90.0), row("Kota A", 2023, 75.5)]
    rows += [row("Kota B", 2022, 40.0)]
    tree = _parse(score_panels_html(rows))
    (x19, y60), (x22, y90), (_, y75) = _points(_panel(tree, "Kota A"))
    [(b22, y40)] = _points(_panel(tree, "Kota B"))
    assert y90 < y75 < y60 < y40  # SVG y grows downwards
    assert b22 == x22 and x19 < x22
    # the scale is linear: 75.5 sits where the straight line from 60 to 90 puts it
    assert y75 == pytest.approx(y60 + (y90 - y60) * (75.5 - 60) / 30, abs=0.1)


def test_a_conflict_is_ringed_an_earlier_years_mention_is_hollow_and_hover_says_why() -> None:
    rows = [
        row("Kota A", 2021, 70.0, basis="previous"),
        row("Kota A", 2022, 80.0, agreement="conflict"),
        row("Kota A", 2023, 85.0, agreement="agree"),
    ]
    points = [g for g in _parse(score_panels_html(rows)).iter("g") if g.get("class") == "ds-point"]
    rings = [[c for c in g.iter("circle") if c.get("class") == "ds-conflict"] for g in points]
    assert [len(r) for r in rings] == [0, 1, 0]
    fills = [next(c for c in g.iter("circle") if c.get("class") == "ds-dot").get("fill") for g in points]
    assert fills[0] == "#fff" and fills[1] == fills[2] != "#fff"  # hollow, then the hijau fill
    titles = [g.findtext("title") or "" for g in points]
    assert "an earlier year's score" in titles[0] and "DISAGREE" in titles[1]
    assert titles[1].startswith("Kota A, 2022: 80 · zona hijau · tinggi")


def test_a_round_ups_result_is_drawn_as_reported_for_its_year() -> None:
    """A result only a round-up of other subjects reports (basis roundup) is that year's result: a
    filled point, and the hover says where it comes from."""
    rows = [row("Kota A", 2022, 80.0, basis="roundup"), row("Kota A", 2023, 85.0)]
    points = [g for g in _parse(score_panels_html(rows)).iter("g") if g.get("class") == "ds-point"]
    fills = [next(c for c in g.iter("circle") if c.get("class") == "ds-dot").get("fill") for g in points]
    assert fills[0] == fills[1] != "#fff"
    assert "round-up" in (points[0].findtext("title") or "")


def test_zone_counts_per_year_add_up_to_the_rows_with_a_zone_that_year() -> None:
    rows = [*synthetic_rows(), row("Kota Tanpa Skor", 2023, None, zone="kuning"), row("Kota X", 2024, None)]
    tree = ET.fromstring(counts_svg(rows, "zone"))
    drawn: dict[int, int] = {}
    for g in tree.iter("g"):
        if g.get("class") == "ds-seg":
            drawn[int(g.get("data-year") or 0)] = drawn.get(int(g.get("data-year") or 0), 0) + int(
                g.get("data-count") or 0
            )
    expected = {y: sum(1 for r in rows if r["assessment_year"] == y and r["zone"]) for y in YEARS}
    assert drawn == expected
    totals = [int(t.text or 0) for t in tree.iter("text") if t.get("class") == "ds-total"]
    assert totals == [expected[y] for y in YEARS]
    labels = [t.text for t in tree.iter("text") if (t.text or "").startswith("20")]
    assert "2020" in labels  # the year without an assessment keeps its empty slot


def test_segments_stack_in_scale_order_with_the_zone_colours() -> None:
    rows = [row("A", 2024, 90.0), row("B", 2024, 60.0), row("C", 2024, 20.0), row("D", 2024, 85.0)]
    assert category_counts(rows, "zone") == {2024: {"hijau": 2, "kuning": 1, "merah": 1}}
    segs = [g for g in ET.fromstring(counts_svg(rows, "zone")).iter("g") if g.get("class") == "ds-seg"]
    rects = [next(g.iter("rect")) for g in segs]
    assert [g.get("data-value") for g in segs] == ["hijau", "kuning", "merah"]
    assert [r.get("fill") for r in rects] == ["#1f8a48", "#f0b400", "#c62828"]
    assert float(rects[0].get("y") or 0) > float(rects[1].get("y") or 0)  # hijau at the bottom
    assert segs[0].findtext("title") == "2024, zona hijau: 2 subjects"


def test_the_category_chart_appears_only_when_grades_are_known() -> None:
    with_grades = dataset_section(synthetic_rows())
    assert "Subjects per category per year" in with_grades and "opini" in with_grades
    no_grades = dataset_section([{**r, "grade": None} for r in synthetic_rows()])
    assert "Subjects per category per year" not in no_grades and counts_svg(synthetic_rows(), "grade")
    assert "Subjects per zone per year" in no_grades


def test_the_section_has_no_script_no_link_and_parses_as_xml() -> None:
    section = dataset_section(synthetic_rows())
    tree = _parse(section)
    assert not list(tree.iter("script")) and not list(tree.iter("a")) and not list(tree.iter("image"))
    assert not re.search(r"\s(on\w+|href|xlink:href|src)=", section)
    assert "http" not in section and "url(" not in section
    assert len(list(tree.iter("polyline"))) == len(NAMES)


def test_names_with_markup_and_quotes_are_escaped_everywhere() -> None:
    section = dataset_section(synthetic_rows())
    assert "<Tes>" not in section and '"Co"' not in section
    assert "Kota &lt;Tes&gt; &amp; &quot;Co&quot;" in section
    figure = _panel(_parse(section), HOSTILE)  # the attribute reads back as the name itself
    assert (figure.findtext(".//svg/title") or "").startswith(HOSTILE)


def test_beyond_the_cap_the_subjects_with_most_years_are_drawn_and_a_note_counts_the_rest() -> None:
    names = [f"Kabupaten {i:02d}" for i in range(CAP + 10)]
    rows = [row(n, y, 70.0) for i, n in enumerate(names) for y in YEARS[: 1 + (i >= 10)]]
    rows.append(row("Kota Tanpa Skor", 2024, None))
    tree = _parse(score_panels_html(rows))
    drawn = [f.get("data-subject") for f in tree.iter("figure")]
    assert len(drawn) == CAP and drawn == names[10:]  # the ten with one year only are left out
    notes = " ".join(p.text or "" for p in tree.iter("p"))
    assert "10 more subjects with scores are in the dataset table" in notes
    assert "1 subject has no score" in notes


def test_the_by_score_order_ranks_panels_by_their_latest_score() -> None:
    rows = [row("Kota A", 2023, 50.0), row("Kota A", 2024, 60.0), row("Kota B", 2024, 95.0)]
    rows += [row("Kota C", 2022, 99.0), row("Kota C", 2023, 70.0)]
    figures = list(_parse(score_panels_html(rows)).iter("figure"))
    rank = {f.get("data-subject"): f.get("style") for f in figures}
    assert rank == {"Kota B": "--by-score:0", "Kota C": "--by-score:1", "Kota A": "--by-score:2"}


def test_no_rows_or_no_scores_say_so_instead_of_drawing() -> None:
    assert "No results in the dataset yet" in dataset_section([])
    unscored = dataset_section([row("Kota A", 2024, None, zone="hijau")])
    assert "<polyline" not in unscored and "No subject has a score yet" in unscored
    assert "ds-counts" in unscored  # its zone is still counted


@pytest.mark.parametrize(
    ("top", "step"), [(3, 1), (6, 1), (7, 2), (12, 2), (13, 5), (60, 10), (61, 20), (450, 100)]
)
def test_count_ticks_take_a_round_step_and_at_most_six_of_them(top: int, step: int) -> None:
    assert nice_step(top) == step and top / step <= 6


def test_year_labels_thin_out_when_they_would_touch_but_keep_the_last_year() -> None:
    years = list(range(2014, 2026))
    assert year_labels(years[:4], 50, 30) == years[:4]
    assert year_labels(years, 15, 30) == [2014, 2016, 2018, 2020, 2022, 2025]
    assert year_labels(years[:6], 15, 30) == [2014, 2016, 2019]  # 2018 would touch 2019


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture
def browser() -> Iterator[Any]:
    with reviewkit.chromium() as launched:
        yield launched


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_the_charts_fit_the_screen_stay_legible_and_reorder_without_script(
    browser: Any, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    asked: list[str] = []

    def refuse(route: Any) -> None:
        # The page must ask for nothing: it opens offline, from a mail attachment too.
        asked.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    page.set_content(render_report([], {}, title="Dataset charts", dataset=synthetic_rows()))
    section = page.locator("#dataset")
    assert page.locator("svg.ds-lines").count() == len(NAMES)
    for svg in (
        page.locator("svg.ds-lines").first,
        page.locator("svg.ds-lines").last,
        page.locator("svg.ds-counts").first,
    ):
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
    # Nothing in the section reaches past the window's right edge, nor makes the section scroll.
    # (The records table below it is the report's own and wider than a phone: not measured here.)
    overflow = page.evaluate(
        "() => { const s = document.querySelector('#dataset'), w = document.documentElement.clientWidth;"
        " return {scroll: s.scrollWidth - s.clientWidth, right: Math.max(...[...s.querySelectorAll('*')]"
        ".map(e => e.getBoundingClientRect().right)) - w}; }"
    )
    assert overflow["scroll"] <= 0 and overflow["right"] <= 0, overflow
    # Scaled by its viewBox, a panel's year label must still be a readable size on screen.
    smallest = page.evaluate(
        "() => Math.min(...[...document.querySelectorAll('svg.ds-lines text, svg.ds-counts text')].map("
        "t => t.getBoundingClientRect().height))"
    )
    assert smallest >= 9, f"chart text is {smallest:.1f}px tall"
    section.screenshot(path=str(SHOTS / f"dataset-{width}x{height}.png"))

    # The order switch is a radio button and CSS: the first panel on screen becomes the best score.
    def first_on_screen() -> str:
        return str(
            page.evaluate(
                "() => [...document.querySelectorAll('.ds-panel')].map(f => [f.getBoundingClientRect(), f])"
                ".sort((a, b) => a[0].top - b[0].top || a[0].left - b[0].left)[0][1].dataset.subject"
            )
        )

    assert first_on_screen() == sorted(NAMES, key=str.casefold)[0]
    page.locator("label[for=ds-by-score]").click()
    latest = {r["subject"]: r for r in synthetic_rows()}  # rows come in year order: the last wins
    best = max(latest, key=lambda name: latest[name]["score"])
    assert first_on_screen() == best
    page.locator(".ds-grid").screenshot(path=str(SHOTS / f"dataset-by-score-{width}x{height}.png"))
    assert asked == []
