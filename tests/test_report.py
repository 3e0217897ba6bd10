"""`extractor report`: one self-contained page for a run, with every piece of text escaped."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main
from extractor.effective import effective_extraction, outdated_quotes
from extractor.report import render_report
from extractor.review import decide, source_text
from schemas.record import Record, ReviewAction
from tests import reviewkit

HOSTILE = "Kota <b>Batu</b> meraih nilai 82,28. <script>alert('x')</script> zona hijau.\n"


def _run(tmp_path: Path) -> tuple[list[Record], dict[str, str | None]]:
    records = reviewkit.folder(tmp_path / "out")
    records["malang"] = decide(
        records["malang"], ReviewAction.reject, note="<i>BPS</i>", reviewer="ana", text=None
    )
    texts = {rid: source_text(record)[0] for rid, record in records.items()}
    return list(records.values()), texts


def test_an_article_containing_script_shows_as_text(tmp_path: Path) -> None:
    values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kota <b>Batu</b>", "name": "Kota <b>Batu</b>", "kind": "kota"},
        "score": 82.28,
    }
    record = reviewkit.write(
        tmp_path / "out", "hostile", HOSTILE, values, {"score": "<script>alert('x')</script>"}, []
    )
    page = render_report([record], {"hostile": HOSTILE})
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Kota &lt;b&gt;Batu&lt;/b&gt;" in page


def test_the_report_counts_statuses_and_flag_codes_and_lists_every_record(tmp_path: Path) -> None:
    records, texts = _run(tmp_path)
    page = render_report(records, texts)
    assert "<td>flagged</td><td class=num>2</td>" in page and "<td>rejected</td><td class=num>1</td>" in page
    assert "<td class=code>other_body_score</td><td class=num></td><td class=num>1</td>" in page
    for rid in ("batu", "kediri", "malang"):
        assert f'href="#r-{rid}"' in page and f'id="r-{rid}"' in page
    assert "reject — &lt;i&gt;BPS&lt;/i&gt;" in page  # the reviewer's note, escaped


def test_evidence_is_highlighted_and_an_unfound_quote_is_marked(tmp_path: Path) -> None:
    records, texts = _run(tmp_path)
    page = render_report(records, texts)
    assert 'title="score">meraih nilai 82,28</mark>' in page
    assert "officials[0]: not found" in page  # malang's official was quoted in words not in the article


def test_an_article_that_cannot_be_read_is_said_instead_of_highlighted(tmp_path: Path) -> None:
    records, _ = _run(tmp_path)
    page = render_report(records, {})
    assert "<mark" not in page and page.count("The article is not available") == 3


def test_the_report_is_a_pure_self_contained_page(tmp_path: Path) -> None:
    records, texts = _run(tmp_path)
    page = render_report(records, texts)
    assert page == render_report(records, texts)
    assert "http://" not in page and "https://" not in page and "<script" not in page and "<link" not in page


def test_the_report_command_writes_the_page(tmp_path: Path) -> None:
    reviewkit.folder(tmp_path / "out")
    target = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(tmp_path / "out"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "3 record(s)" in result.output and target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert CliRunner().invoke(main, ["report", str(tmp_path / "out")]).exit_code == 0
    assert (tmp_path / "out" / "report.html").is_file()


def test_given_the_dataset_rows_the_page_draws_them_between_the_counts_and_the_records(
    tmp_path: Path,
) -> None:
    records, texts = _run(tmp_path)
    rows = [
        {"subject": "Kota <b>Batu</b>", "assessment_year": 2023, "score": 80.5, "zone": "hijau"},
        {"subject": "Kota <b>Batu</b>", "assessment_year": 2024, "score": 82.28, "zone": "hijau"},
    ]
    page = render_report(records, texts, dataset=rows)
    flags, dataset, table = (
        page.index(h) for h in ("<h2>Flags by code", '<section id="dataset"', "<h2>Records<")
    )
    assert flags < dataset < table
    assert page.count("<polyline") == 1 and page.count('class="ds-counts"') == 1
    assert "#ds-by-score:checked" in page.split("</head>")[0]  # the charts' CSS is in the page's style
    assert "Kota &lt;b&gt;Batu&lt;/b&gt;" in page and "<b>Batu" not in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert page == render_report(records, texts, dataset=rows)


def test_without_dataset_rows_the_page_has_no_dataset_section(tmp_path: Path) -> None:
    records, texts = _run(tmp_path)
    assert 'id="dataset"' not in render_report(records, texts)
    assert "No results in the dataset yet" in render_report(records, texts, dataset=[])


def test_a_value_corrected_without_new_words_is_not_marked_by_its_old_quote(tmp_path: Path) -> None:
    """Batu's zone corrected to kuning, its quote still the machine's "zona hijau": the report says
    the quote is outdated and no longer marks those words, as the review page does."""
    records = reviewkit.folder(tmp_path / "out")
    batu = decide(records["batu"], ReviewAction.correct, changes=[("zone", "kuning")], reviewer="ana",
                  text=reviewkit.BATU)  # fmt: skip
    page = render_report([batu], {"batu": source_text(batu)[0]})
    assert "zone: quote outdated" in page and 'title="zone">' not in page
    assert 'title="score">meraih nilai 82,28</mark>' in page  # the values not corrected still are


def test_an_items_quote_follows_it_when_an_earlier_item_is_removed(tmp_path: Path) -> None:
    """Removing the first of two units renumbers the second's quote to units[0]: it still speaks
    for that unit's value, so it is not outdated; a unit whose score was corrected has an outdated
    quote."""
    text = "Kota Batu meraih 82,28. Dinas Sosial 80,50 dan Puskesmas Beji 90,89."
    values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kota Batu", "name": "Kota Batu", "kind": "kota"},
        "score": 82.28,
        "units": [{"name": "Dinas Sosial", "score": 80.5}, {"name": "Puskesmas Beji", "score": 90.89}],
    }
    quotes = {"subject": "Kota Batu", "score": "82,28", "units[0]": "Dinas Sosial 80,50",
              "units[1]": "Puskesmas Beji 90,89"}  # fmt: skip
    record = reviewkit.write(tmp_path / "out", "batu", text, values, quotes, [])
    removed = decide(record, ReviewAction.correct, changes=[("units[0]", None)], reviewer="ana", text=text)
    extraction = effective_extraction(removed)
    assert extraction is not None and [u.name for u in extraction.units] == ["Puskesmas Beji"]
    assert outdated_quotes(removed, extraction) == set()
    changed = decide(
        record, ReviewAction.correct, changes=[("units[1].score", 91.89)], reviewer="ana", text=text
    )
    extraction = effective_extraction(changed)
    assert extraction is not None and outdated_quotes(changed, extraction) == {"units[1]"}


def test_a_quote_shared_by_items_stays_current_for_those_left(tmp_path: Path) -> None:
    """Two other results quoted by one sentence ("A dan B masuk zona kuning"); the first removed,
    the second (unchanged, renumbered to others[0]) still has its quote."""
    text = "Kota Batu meraih 82,28. Kota Malang dan Kabupaten Malang masuk zona kuning."
    shared = "Kota Malang dan Kabupaten Malang masuk zona kuning"

    def other(name: str, kind: str) -> dict[str, object]:
        return {"subject": {"name_as_written": name, "name": name, "kind": kind}, "assessment_year": 2024,
                "zone": "kuning"}  # fmt: skip

    values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kota Batu", "name": "Kota Batu", "kind": "kota"},
        "score": 82.28,
        "others": [other("Kota Malang", "kota"), other("Kabupaten Malang", "kabupaten")],
    }
    quotes = {"subject": "Kota Batu", "score": "82,28", "others[0]": shared, "others[1]": shared}
    record = reviewkit.write(tmp_path / "out", "batu", text, values, quotes, [])
    removed = decide(record, ReviewAction.correct, changes=[("others[0]", None)], reviewer="ana", text=text)
    extraction = effective_extraction(removed)
    assert extraction is not None and [o.subject.name for o in extraction.others] == ["Kabupaten Malang"]
    assert outdated_quotes(removed, extraction) == set()
