"""The tool, not the model, finds every quote in the article and stores its offsets."""

from __future__ import annotations

from extractor.grounding import Locator, ground
from extractor.names import normalise_subject
from schemas.draft import ArticleExtraction
from schemas.values import SubjectKind

TEXT = "Pemkot Batu mengoleksi nilai 79,19 persen\nlalu naik menjadi “82,28 persen” pada Tahun 2024."


def test_exact_quote_gets_its_offsets() -> None:
    found = Locator(TEXT).find("nilai 79,19 persen")
    assert found is not None and found.aligned
    assert TEXT[found.start : found.end] == "nilai 79,19 persen"  # type: ignore[index]


def test_quote_differing_in_case_spacing_and_quote_marks_is_still_found() -> None:
    """Models re-case words, join lines and straighten typographic quotes; offsets still point
    at the original characters."""
    found = Locator(TEXT).find('PERSEN lalu  naik menjadi "82,28')
    assert found is not None and found.aligned
    assert TEXT[found.start : found.end] == "persen\nlalu naik menjadi “82,28"  # type: ignore[index]


def test_invented_quote_is_kept_and_marked_unaligned() -> None:
    found = Locator(TEXT).find("meraih nilai 99,99 zona hijau")
    assert found is not None
    assert not found.aligned
    assert found.start is None and found.quote == "meraih nilai 99,99 zona hijau"


def test_ground_maps_every_value_to_evidence_and_normalises_the_subject() -> None:
    draft = ArticleExtraction.model_validate(
        {
            "assessment": "ombudsman_compliance",
            "subject": {"name": "Pemkot Batu", "kind": "kota", "quote": "Pemkot Batu"},
            "score": "82,28",
            "score_quote": "82,28 persen",
            "assessment_year": 2024,
            "assessment_year_quote": "Tahun 2024",
            "zone": "hijau",  # no quote given by the model
            "units": [{"name": "Dinsos", "score": 78.8, "quote": "Dinas Sosial 78,80"}],
        }
    )
    extraction = ground(draft, TEXT)

    assert extraction.subject is not None and extraction.subject.name == "Kota Batu"
    assert extraction.evidence["score"].aligned
    assert extraction.evidence["assessment_year"].aligned
    assert not extraction.evidence["zone"].aligned, "a value without a quote is unaligned"
    assert not extraction.evidence["units[0]"].aligned
    assert "grade" not in extraction.evidence, "no value, no evidence"


def test_subject_names_are_normalised_to_the_official_form() -> None:
    assert normalise_subject("Pemkot Batu", SubjectKind.kota) == "Kota Batu"
    assert normalise_subject("Pemerintah Kabupaten  Batang", SubjectKind.kabupaten) == "Kabupaten Batang"
    assert normalise_subject("Pemprov Jawa Tengah", SubjectKind.provinsi) == "Provinsi Jawa Tengah"
    assert normalise_subject("Balikpapan", SubjectKind.kota) == "Kota Balikpapan"
    assert normalise_subject("Polres Morowali", SubjectKind.other) == "Polres Morowali"
