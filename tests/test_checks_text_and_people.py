"""Checks 7–10: titles and kinds, journalists, grounding, another body's number, duplicates."""

from __future__ import annotations

from extractor.checks import check_extraction, status_for
from extractor.grounding import ground
from schemas.draft import ArticleExtraction
from schemas.record import Severity, Status
from tests.checkkit import check, extraction, found

BATU_SUBJECT = {"name_as_written": "Pemkot Batu", "name": "Kota Batu", "kind": "kota", "region_code": "35.79"}

# -- 7. titles, kinds and journalists -----------------------------------------------------------


def test_wali_kota_of_a_kota_is_quiet_and_of_a_kabupaten_is_a_warning() -> None:
    officials = [{"name": "Aries Agung Paewai", "role": "Pj Wali Kota Batu"}]
    assert not check(extraction(subject=BATU_SUBJECT, officials=officials), None)
    kabupaten = {**BATU_SUBJECT, "name": "Batu", "name_as_written": "Batu", "kind": "kabupaten"}
    [hit] = found(check(extraction(subject=kabupaten, officials=officials), None), "title_kind_mismatch")
    assert hit.field == "officials[0].role" and hit.severity == Severity.warning


def test_title_without_a_place_is_compared_too() -> None:
    subject = {"name_as_written": "Pemkab Batang", "name": "Kabupaten Batang", "kind": "kabupaten"}
    officials = [{"name": "Lani Dwi Rejeki", "role": "Wali Kota"}]
    assert found(check(extraction(subject=subject, officials=officials), None), "title_kind_mismatch")


def test_head_of_another_region_in_the_story_is_not_compared() -> None:
    officials = [
        {"name": "Adi Karyono", "role": "Pj Gubernur Jawa Timur"},
        {"name": "Tasdik Kinanto", "role": "Staf Khusus Menteri PANRB"},
    ]
    assert not check(extraction(subject=BATU_SUBJECT, officials=officials), None)


def test_head_of_the_province_a_kabupaten_is_named_after_is_not_compared() -> None:
    """'Gubernur Lampung' in a Lampung Selatan story heads the province, not the subject: a title's
    place must be the subject's whole place name, not a first word of it."""
    subject = {
        "name_as_written": "Pemkab Lampung Selatan",
        "name": "Kabupaten Lampung Selatan",
        "kind": "kabupaten",
    }
    officials = [{"name": "Rahmat Mirzani", "role": "Gubernur Lampung"}]
    assert not found(check(extraction(subject=subject, officials=officials), None), "title_kind_mismatch")


def test_a_title_naming_the_subject_in_brackets_is_compared() -> None:
    """'Wali Kota Lamsel (Lampung Selatan)' names the subject, in brackets: a kota's title for a
    kabupaten is flagged."""
    subject = {
        "name_as_written": "Pemkab Lampung Selatan",
        "name": "Kabupaten Lampung Selatan",
        "kind": "kabupaten",
    }
    officials = [{"name": "Radityo Egi", "role": "Wali Kota Lamsel (Lampung Selatan)"}]
    [hit] = found(check(extraction(subject=subject, officials=officials), None), "title_kind_mismatch")
    assert hit.field == "officials[0].role"


def test_head_of_a_namesake_region_is_only_a_note() -> None:
    """Kota and Kabupaten Magelang both exist: 'Bupati Magelang' in a Kota Magelang story is the
    neighbour's head, most likely."""
    subject = {"name_as_written": "Kota Magelang", "name": "Kota Magelang", "kind": "kota"}
    officials = [{"name": "Grengseng Pamuji", "role": "Bupati Magelang"}]
    [hit] = found(check(extraction(subject=subject, officials=officials), None), "title_kind_mismatch")
    assert hit.severity == Severity.info


def test_menteri_fits_a_kementerian() -> None:
    subject = {"name_as_written": "Kemenkeu", "name": "Kementerian Keuangan", "kind": "kementerian"}
    assert not check(
        extraction(subject=subject, officials=[{"name": "X Y", "role": "Menteri Keuangan"}]), None
    )


def test_subject_kind_against_its_own_name_and_the_kemendagri_list() -> None:
    wrong = {**BATU_SUBJECT, "kind": "kabupaten"}
    assert found(check(extraction(subject=wrong), None), "subject_kind_mismatch", "subject.kind")
    bukittinggi = {
        "name_as_written": "Pemkab Bukittinggi",
        "name": "Kabupaten Bukittinggi",
        "kind": "kabupaten",
    }
    [hit] = found(check(extraction(subject=bukittinggi), None), "subject_kind_mismatch")
    assert "Kota Bukittinggi" in hit.message
    assert not check(extraction(subject=BATU_SUBJECT), None)


BYLINE = (
    "Pemkot Batu Diganjar Zona Hijau\nReporter: Prasetyo Lanang | Editor: Dede Nana\n"
    "Pj Wali Kota Batu Aries Agung Paewai senang. (Foto: Ananto Wibowo/Malang Post)\n"
    "Selesai. (Rizky Pratama)"
)


def test_reporters_editors_and_photographers_are_not_officials() -> None:
    for name in ["Prasetyo Lanang", "Dede Nana", "Ananto Wibowo", "Rizky Pratama"]:
        people = [
            {"name": "Aries Agung Paewai", "role": "Pj Wali Kota Batu"},
            {"name": name, "role": "Kepala Dinas"},
        ]
        [hit] = found(check(extraction(officials=people), BYLINE), "official_is_journalist")
        assert hit.field == "officials[1].name" and hit.severity == Severity.error, name


def test_an_official_quoted_in_the_story_is_quiet_and_a_press_role_is_flagged() -> None:
    people = [{"name": "Aries Agung Paewai", "role": "Pj Wali Kota Batu"}]
    assert not found(check(extraction(officials=people), BYLINE), "official_is_journalist")
    press = [{"name": "Dede Nana", "role": "Editor"}]
    assert found(check(extraction(officials=press), None), "official_is_journalist", "officials[0].name")


# -- 8. grounding -------------------------------------------------------------------------------

TEXT = (
    "Pemkot Batu meraih predikat Zona Hijau Kualitas Tinggi tahun 2024 dengan nilai 82,28.\n"
    "Pj Wali Kota Batu, Aries Agung Paewai, bersyukur. DPMPTSP dengan nilai 80,99 zona hijau."
)
QUOTES = {
    "subject": "Pemkot Batu",
    "score": "dengan nilai 82,28",
    "zone": "Zona Hijau",
    "grade": "Kualitas Tinggi",
    "assessment_year": "tahun 2024",
    "officials[0]": "Pj Wali Kota Batu, Aries Agung Paewai",
    "units[0]": "DPMPTSP dengan nilai 80,99",
}
VALUES = {
    "subject": BATU_SUBJECT,
    "assessment_year": 2024,
    "score": 82.28,
    "zone": "hijau",
    "grade": "tinggi",
    "officials": [{"name": "Aries Agung Paewai", "role": "Pj Wali Kota Batu"}],
    "units": [{"name": "DPMPTSP", "score": 80.99, "zone": "hijau"}],
}


def test_grounded_values_are_quiet_with_and_without_quotes() -> None:
    assert not check_extraction(extraction(TEXT, QUOTES, **VALUES), TEXT)
    assert not check_extraction(extraction(**VALUES), TEXT)


def test_quote_not_in_the_article_is_an_error() -> None:
    quotes = {**QUOTES, "score": "dengan nilai 85,00"}
    [hit] = found(check(extraction(TEXT, quotes, **{**VALUES, "score": 85.0}), TEXT), "quote_not_found")
    assert hit.field == "score" and hit.severity == Severity.error


def test_a_number_not_in_its_quote_is_an_error() -> None:
    flags = check(extraction(TEXT, QUOTES, **{**VALUES, "score": 83.28}), TEXT)
    [hit] = found(flags, "ungrounded_value", "score")
    assert hit.severity == Severity.error and "82,28" in hit.message
    assert status_for(flags) == Status.flagged


def test_a_number_not_in_the_text_without_a_quote_is_an_error() -> None:
    assert found(check(extraction(**{**VALUES, "score": 83.28}), TEXT), "ungrounded_value", "score")


def test_an_invented_name_is_an_error_with_or_without_a_quote() -> None:
    people = [{"name": "Budi Santoso", "role": "Pj Wali Kota Batu"}]
    assert found(
        check(extraction(TEXT, QUOTES, **{**VALUES, "officials": people}), TEXT),
        "ungrounded_value",
        "officials[0].name",
    )
    assert found(
        check(extraction(**{**VALUES, "officials": people}), TEXT), "ungrounded_value", "officials[0].name"
    )


def test_a_unit_score_not_printed_is_an_error_and_a_zone_not_quoted_a_warning() -> None:
    units = [{"name": "DPMPTSP", "score": 81.99}]
    assert found(
        check(extraction(TEXT, QUOTES, **{**VALUES, "units": units}), TEXT),
        "ungrounded_value",
        "units[0].score",
    )
    [zone] = found(
        check(extraction(TEXT, QUOTES, **{**VALUES, "zone": "kuning"}), TEXT), "ungrounded_value", "zone"
    )
    assert zone.severity == Severity.warning


def test_a_unit_zone_the_article_never_states_is_a_warning() -> None:
    """A unit's zone may be stated sentences from its name, so only a zone the article states
    nowhere is doubted."""
    text = (
        "Dinas Sosial dan Dinas Pendidikan dinilai. Dinas Pendidikan berada di zona merah, "
        "Dinas Sosial zona hijau."
    )
    quotes = {"units[0]": "Dinas Sosial", "units[1]": "Dinas Pendidikan"}
    stated = [{"name": "Dinas Sosial", "zone": "hijau"}, {"name": "Dinas Pendidikan", "zone": "merah"}]
    assert not found(check(extraction(text, quotes, units=stated), text), "ungrounded_value")
    never = [{"name": "Dinas Sosial", "zone": "kuning"}, {"name": "Dinas Pendidikan", "zone": "merah"}]
    [hit] = found(check(extraction(text, quotes, units=never), text), "ungrounded_value")
    assert hit.field == "units[0].zone" and hit.severity == Severity.warning


def test_pre_2022_synonym_and_grade_letter_count_as_the_zone_and_grade() -> None:
    text = "Kementerian X meraih predikat kepatuhan tinggi dengan nilai 89,39 tahun 2021. Kota Y kategori B."
    e = extraction(
        text, {"zone": "predikat kepatuhan tinggi"}, assessment_year=2021, score=89.39, zone="hijau"
    )
    assert not found(check(e, text), "ungrounded_value")
    assert not found(check(extraction(grade="tinggi"), text), "ungrounded_value")


def test_a_year_not_in_its_quote_is_only_a_note() -> None:
    quotes = {**QUOTES, "assessment_year": "dengan nilai 82,28"}
    [hit] = found(check(extraction(TEXT, quotes, **VALUES), TEXT), "ungrounded_value", "assessment_year")
    assert hit.severity == Severity.info


DRAFT_TEXT = "Pemkab Contoh meraih zona hijau dengan nilai 84,50 pada penilaian tahun 2024."


def _draft(subject_quote: str = "Pemkab Contoh", **quotes: str) -> ArticleExtraction:
    return ArticleExtraction.model_validate(
        {
            "assessment": "ombudsman_compliance",
            "subject": {"name": "Pemkab Contoh", "kind": "kabupaten", "quote": subject_quote},
            "score": 84.5,
            "zone": "hijau",
            "assessment_year": 2024,
            **quotes,
        }
    )


def test_a_value_an_engine_stored_without_a_quote_is_a_warning() -> None:
    """The engine gave no quote (``ground`` keeps an empty evidence entry): though the article
    prints the value, nothing points at the place that supports it."""
    quoted = {"zone_quote": "zona hijau", "assessment_year_quote": "tahun 2024"}
    flags = check(ground(_draft(**quoted), DRAFT_TEXT), DRAFT_TEXT)
    [hit] = found(flags, "value_without_quote")
    assert hit.field == "score" and hit.severity == Severity.warning
    assert status_for(flags) == Status.flagged


def test_every_headline_value_is_quoted_or_flagged() -> None:
    """Subject, score, zone and year without quotes are each flagged; with quotes nothing is."""
    bare = found(check(ground(_draft(subject_quote=""), DRAFT_TEXT), DRAFT_TEXT), "value_without_quote")
    assert {f.field for f in bare} == {"subject.name", "score", "zone", "assessment_year"}
    quoted = _draft(score_quote="nilai 84,50", zone_quote="zona hijau", assessment_year_quote="tahun 2024")
    assert not check(ground(quoted, DRAFT_TEXT), DRAFT_TEXT)


def test_a_value_without_a_quote_and_not_in_the_article_is_ungrounded_only() -> None:
    """Not printed anywhere: one flag, the ungrounded value, not a second one for the quote."""
    draft = _draft(zone_quote="zona hijau", assessment_year_quote="tahun 2024")
    draft.score = 85.5
    flags = check(ground(draft, DRAFT_TEXT), DRAFT_TEXT)
    assert found(flags, "ungrounded_value", "score") and not found(flags, "value_without_quote")


def test_a_subject_named_only_by_its_short_form_is_grounded() -> None:
    """'Pemprov Sumbar', 'Kaltim', 'Pemkab Gorut': the region list reads the press's short forms."""
    cases = [
        ("Pemprov Sumbar meraih zona hijau.", "Provinsi Sumatera Barat", "provinsi"),
        ("Kaltim kembali masuk zona hijau.", "Provinsi Kalimantan Timur", "provinsi"),
        ("Pemkab Gorut meraih zona hijau.", "Kabupaten Gorontalo Utara", "kabupaten"),
        ("Pemkot Batu meraih zona hijau.", "Kota Batu", "kota"),
    ]
    for text, name, kind in cases:
        subject = {"name_as_written": name, "name": name, "kind": kind}
        assert not found(check(extraction(subject=subject), text), "ungrounded_value"), text


def test_a_subject_whose_short_form_is_not_in_the_article_is_still_ungrounded() -> None:
    """A region word followed by another place's name does not ground the subject."""
    name = "Kabupaten Gorontalo Utara"
    e = extraction(subject={"name_as_written": name, "name": name, "kind": "kabupaten"})
    text = "Pemkab Gowa dan Pemkab Maros meraih zona hijau."
    assert found(check(e, text), "ungrounded_value", "subject.name")


# -- 9. another body's number -------------------------------------------------------------------


def test_a_score_tied_to_kemenpanrb_is_an_error() -> None:
    text = "Kota X meraih predikat Pelayanan Prima dari KemenPAN-RB dengan nilai 97,76 pada tahun 2024."
    [hit] = found(check(extraction(score=97.76), text), "other_body_score", "score")
    assert hit.severity == Severity.error and "KemenPAN-RB" in hit.message


def test_a_score_quoted_where_it_looks_innocent_but_credited_elsewhere_is_a_warning() -> None:
    """The quote 'sudah hijau dengan nilai 97,76' names no body, but the article first credits the
    same 97,76 to KemenPAN-RB: a reviewer must decide which assessment it belongs to."""
    text = (
        "Kota X meraih predikat Pelayanan Prima dari KemenPAN-RB dengan nilai 97,76 pada tahun 2024. "
        "Wali kota berkata: sekarang sudah hijau dengan nilai 97,76."
    )
    e = extraction(text, quotes={"score": "sudah hijau dengan nilai 97,76"}, score=97.76)
    [hit] = found(check(e, text), "other_body_score", "score")
    assert hit.severity == Severity.warning
    assert "Elsewhere" in hit.message and "KemenPAN-RB" in hit.message


def test_an_ikm_number_is_not_the_ombudsman_score() -> None:
    text = "Indeks Kepuasan Masyarakat atau IKM naik dari 90,69 pada 2023 menjadi 91,97 pada 2024."
    assert found(check(extraction(score=91.97), text), "other_body_score", "score")


def test_ombudsman_named_closer_than_the_other_body_is_quiet() -> None:
    text = "Selain IKM yang tinggi, Kota X meraih nilai kepatuhan Ombudsman 82,28 pada 2024."
    assert not found(check(extraction(score=82.28), text), "other_body_score")


def test_a_score_marked_as_another_index_is_a_warning() -> None:
    [hit] = found(check(extraction(assessment="other_index", score=4.61), None), "other_body_score")
    assert hit.severity == Severity.warning


# -- 10. duplicates -----------------------------------------------------------------------------


def test_the_same_unit_twice_is_an_error_on_the_second() -> None:
    units = [
        {"name": "Dinas Sosial (Dinsos)", "score": 95.07},
        {"name": "DPMPTSP"},
        {"name": "Dinsos", "score": 95.07},
    ]
    [hit] = found(check(extraction(units=units), None), "duplicate_unit")
    assert hit.field == "units[2]" and "units[0]" in hit.message


def test_similar_but_different_units_are_quiet() -> None:
    units = [{"name": "Puskesmas Batang I"}, {"name": "Puskesmas Batang III"}]
    assert not check(extraction(units=units), None)


def test_the_same_official_twice_is_flagged() -> None:
    people = [
        {"name": "Lani Dwi Rejeki", "role": "Penjabat Bupati Batang"},
        {"name": "lani dwi rejeki", "role": "Pj Bupati"},
    ]
    [hit] = found(check(extraction(officials=people), None), "duplicate_official", "officials[1]")
    assert hit.severity == Severity.warning  # roles differ: maybe two mentions, still one person


def test_the_same_official_with_titles_degrees_or_a_rank_is_flagged() -> None:
    """Titles, degrees and ranks are not part of a name: 'Prof. Dr. Ir. X, MT' is X."""
    pairs = [
        ("Prof. Dr. Ir. Budi Hartono, MT", "Budi Hartono"),
        ("Hj. Sri Wahyuni, SE, MM", "Sri Wahyuni"),
        ("Kombes Pol Arif Rahman", "Arif Rahman S.Sos"),
        ("Irjen Pol Dedi Kurnia", "Dedi Kurnia"),
    ]
    for first, second in pairs:
        people = [{"name": first, "role": "Kepala Dinas"}, {"name": second, "role": "Kepala Dinas"}]
        [hit] = found(check(extraction(officials=people), None), "duplicate_official", "officials[1]")
        assert hit.severity == Severity.error, first


def test_the_same_official_spelled_with_one_letter_more_is_a_warning() -> None:
    """'Mokhamad' / 'Mokhammad' and 'Achmad' / 'Ahmad' are one name spelled two ways."""
    for first, second in [("Mokhamad Rizal Fauzi", "Mokhammad Rizal Fauzi"), ("Achmad Yani", "Ahmad Yani")]:
        people = [{"name": first, "role": "Bupati"}, {"name": second, "role": "Bupati"}]
        [hit] = found(check(extraction(officials=people), None), "duplicate_official")
        assert hit.severity == Severity.warning and "spelled differently" in hit.message


def test_a_one_word_name_with_a_doubled_letter_is_the_same_official() -> None:
    """'Drs. H. Afrizal' and 'Affrizal': one person printed two ways, though the name is one word."""
    people = [{"name": "Drs. H. Afrizal", "role": "Sekda"}, {"name": "Affrizal", "role": "Sekda"}]
    [hit] = found(check(extraction(officials=people), None), "duplicate_official", "officials[1]")
    assert hit.severity == Severity.warning


def test_two_officials_whose_names_differ_by_a_real_letter_are_quiet() -> None:
    """'Hartono' and 'Harsono' are two names; a short name or another first name is not compared."""
    for first, second in [
        ("Budi Hartono", "Budi Harsono"),
        ("Rina Sari", "Rini Sari"),
        ("Budi", "Budi Hartono"),
        ("Hartono", "Harsono"),
    ]:
        people = [{"name": first, "role": "Camat"}, {"name": second, "role": "Lurah"}]
        assert not found(check(extraction(officials=people), None), "duplicate_official"), first


def test_a_unit_by_its_long_name_and_its_short_form_is_flagged() -> None:
    """'Dinas Kependudukan dan Pencatatan Sipil' and 'Disdukcapil' are one unit."""
    units = [{"name": "Dinas Kependudukan dan Pencatatan Sipil", "score": 88}, {"name": "Disdukcapil"}]
    [hit] = found(check(extraction(units=units), None), "duplicate_unit")
    assert hit.field == "units[1]"
    units = [{"name": "Dinsos"}, {"name": "DPMPTSP"}, {"name": "Dinas Sosial"}]
    assert found(check(extraction(units=units), None), "duplicate_unit", "units[2]")


def test_different_units_with_known_short_forms_are_quiet() -> None:
    """A short form stands for its own long name only."""
    units = [{"name": "Dinas Kesehatan"}, {"name": "Disdukcapil"}, {"name": "Dinsos"}, {"name": "Dishub"}]
    assert not found(check(extraction(units=units), None), "duplicate_unit")
