"""The officials family of the rules engine, one phrasing family per test, on sentences written
here (names invented). Gold convention: a name without its ranks, titles and degrees; the quote is
the article's own words."""

from __future__ import annotations

import pytest

from extractor.regions import gazetteer
from extractor.rules._entities import EntityFinder
from extractor.rules._officials import FoundOfficial, find_officials
from extractor.rules._titles import is_degree, skip_degrees, skip_prefixes


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder(gazetteer())


def _people(text: str, finder: EntityFinder) -> list[tuple[str, str]]:
    found = find_officials(text, finder)
    for official in found:
        assert text[official.start : official.end] in text  # grounded: an exact span
    return [(o.name, o.role) for o in found]


def _one(text: str, finder: EntityFinder) -> FoundOfficial:
    found = find_officials(text, finder)
    assert len(found) == 1, found
    return found[0]


def test_degrees_after_the_name_are_not_officials(finder: EntityFinder) -> None:
    """Comma-separated degrees (", S.I.K., S.H., M.Si.") end the name; none becomes a person."""
    text = "Rombongan diterima Kapolres Sleman AKBP Bagus Winarto, S.I.K., S.H., M.Si., di aula."
    assert _people(text, finder) == [("Bagus Winarto", "Kapolres Sleman")]


def test_rank_with_corps_and_prefix_degree_are_stripped(finder: EntityFinder) -> None:
    """'Irjen Pol. Drs. X, M.Si.': rank, corps, academic title and degree are all left out."""
    official = _one("Kapolda Jawa Tengah Irjen Pol. Drs. Hendra Saputra, M.Si. membuka acara.", finder)
    assert (official.name, official.role) == ("Hendra Saputra", "Kapolda Jawa Tengah")


def test_rank_after_a_comma_is_not_a_name_word(finder: EntityFinder) -> None:
    """'Kapolda X, Irjen Pol Y': the rank word 'Pol' is not the first word of the name."""
    assert _people("Kapolda Bali, Irjen Pol Wira Kusuma menegaskan hal itu.", finder) == [
        ("Wira Kusuma", "Kapolda Bali")
    ]


def test_undotted_degree_and_prefix_title(finder: EntityFinder) -> None:
    """'Ir Budi Hartono MT': an undotted title before and an undotted degree after."""
    official = _one("Hadir pula Kepala Dinas PUPR Ir Budi Hartono MT dalam rapat itu.", finder)
    assert (official.name, official.role) == ("Budi Hartono", "Kepala Dinas PUPR")
    assert official.end == len("Hadir pula Kepala Dinas PUPR Ir Budi Hartono MT")  # the degree is quoted


def test_title_glued_to_name_without_space(finder: EntityFinder) -> None:
    """'Dr.Rina Lestari' (no space after the dot): the title goes, the name stays whole."""
    official = _one("Kepala Ombudsman RI Perwakilan Bali, Dr.Rina Lestari menyampaikan hasilnya.", finder)
    assert official.name == "Rina Lestari"


def test_honorifics_make_a_one_word_name(finder: EntityFinder) -> None:
    """'Sekda Drs. H. Sutrisno': after titles and honorifics one word is a name."""
    official = _one("Bupati berhalangan dan diwakili Sekda Drs. H. Sutrisno yang menerima piagam.", finder)
    assert (official.name, official.role) == ("Sutrisno", "Sekda")


def test_religious_honorific_and_initial(finder: EntityFinder) -> None:
    """'KH. M. Hasan': the honorific is left out, the initial stays part of the name."""
    assert _one("Ketua MUI KH. M. Hasan Basri membuka acara.", finder).name == "M. Hasan Basri"


def test_abbreviated_given_name_keeps_its_dot(finder: EntityFinder) -> None:
    """'Abd. Rahman': the dot of an abbreviated given name does not end the name."""
    official = _one(
        "Kepala Perwakilan Ombudsman RI Jawa Barat, Nurlaila Abd. Rahman, memaparkan hasil.", finder
    )
    assert official.name == "Nurlaila Abd. Rahman"


def test_degrees_before_a_title_after_the_name(finder: EntityFinder) -> None:
    """'kata X, S.Sos, M.Si, Kepala Ombudsman ...': the name before degrees and title."""
    text = '"Kami dorong," kata Wulan Sari, S.Sos, M.Si, Kepala Ombudsman RI Perwakilan Jawa Timur, Senin.'
    assert _people(text, finder) == [("Wulan Sari", "Kepala Ombudsman RI Perwakilan Jawa Timur")]


def test_grade_of_asisten_is_part_of_the_title(finder: EntityFinder) -> None:
    """'Asisten Pratama X': the Ombudsman grade word belongs to the title, not to the name."""
    assert _people("Ia didampingi Asisten Pratama Rina Maharani.", finder) == [
        ("Rina Maharani", "Asisten Pratama")
    ]


def test_region_short_form_used_elsewhere_ends_the_title(finder: EntityFinder) -> None:
    """'Bupati Abc X Y' where the article says 'Pemkab Abc': Abc is the place, not a first name."""
    text = "Pemkab Tanbar meraih zona hijau. Bupati Tanbar Rudi Hartawan menerima penghargaan itu."
    assert _people(text, finder) == [("Rudi Hartawan", "Bupati Tanbar")]


def test_unknown_word_after_bupati_without_evidence_is_kept_as_name(finder: EntityFinder) -> None:
    """Without the article naming it as a place, the word after 'Bupati' stays in the name."""
    assert _one("Bupati Tanbar Rudi Hartawan menerima penghargaan itu.", finder).role == "Bupati"


def test_short_form_in_brackets_after_the_head(finder: EntityFinder) -> None:
    """'Wakil Bupati (Wabup) Kediri X': the bracketed short form is inside the title."""
    official = _one("Wakil Bupati (Wabup) Kediri Sri Wulandari datang sendiri.", finder)
    assert (official.name, official.role) == ("Sri Wulandari", "Wakil Bupati (Wabup) Kediri")


def test_title_ending_in_a_ministry_takes_a_one_word_name(finder: EntityFinder) -> None:
    """'Sekretaris Jenderal Kementerian Agama X mengatakan': the ministry ends the title."""
    official = _one("Sekretaris Jenderal Kementerian Agama Hamdani mengatakan hal itu.", finder)
    assert (official.name, official.role) == ("Hamdani", "Sekretaris Jenderal Kementerian Agama")


def test_ministry_office_then_region_then_name(finder: EntityFinder) -> None:
    """'Kakanwil Kementerian ... Jawa Timur X': the region after the ministry is in the title."""
    official = _one("Kakanwil Kementerian Agama Jawa Timur Rahmat Hidayat mengatakan.", finder)
    assert official.name == "Rahmat Hidayat"
    assert official.role == "Kakanwil Kementerian Agama Jawa Timur"


def test_unit_words_end_a_title_without_comma(finder: EntityFinder) -> None:
    """'Kepala Keasistenan Pencegahan Maladministrasi X serta Koordinator ... 2023 Y'."""
    text = (
        "Ia didampingi Kepala Keasistenan Pencegahan Maladministrasi Budi Prakoso serta "
        "Koordinator Pengambilan Data Kepatuhan 2023 A. Fitri Handayani."
    )
    assert _people(text, finder) == [
        ("Budi Prakoso", "Kepala Keasistenan Pencegahan Maladministrasi"),
        ("A. Fitri Handayani", "Koordinator Pengambilan Data Kepatuhan 2023"),
    ]


def test_president_is_an_official_and_the_next_sentence_is_not_his_title(finder: EntityFinder) -> None:
    """'kepada Presiden X Y. Ketua Ombudsman RI Z ...': two people, each with their own title."""
    text = "Laporan diserahkan kepada Presiden Bagus Pramono. Ketua Ombudsman RI Hendri Lubis menjelaskan."
    assert _people(text, finder) == [("Bagus Pramono", "Presiden"), ("Hendri Lubis", "Ketua Ombudsman RI")]


def test_venue_and_institution_are_not_people(finder: EntityFinder) -> None:
    """A hotel's name before a title, and 'Lemdiklat Polri' after one, are not officials."""
    assert (
        _people("Acara digelar di Hotel Grand Mutiara Jakarta, Kepala Ombudsman RI Perwakilan Bali.", finder)
        == []
    )
    assert _people("Ia adalah mantan Ketua STIK Lemdiklat Polri ini.", finder) == []


def test_a_region_alone_is_not_a_name(finder: EntityFinder) -> None:
    """A title followed by a comma and a region ('..., Semarang') does not make 'Semarang' a person."""
    assert all(name != "Semarang" for name, _ in _people("Ketua Panitia, Semarang, Senin.", finder))


def test_lexicon_helpers() -> None:
    """Degrees match with or without dots; titles and degrees are skipped at the right places."""
    assert is_degree("M.Si.") and is_degree("MSi") and is_degree("S.I.K.") and not is_degree("Budi")
    text = "Irjen Pol. Drs. H. Budi"
    pos, titled = skip_prefixes(text, 0)
    assert text[pos:] == "Budi" and titled
    tail = "Budi, S.H., M.H. berkata"
    assert tail[skip_degrees(tail, 4) :] == " berkata"


def test_engine_keeps_quotes_grounded() -> None:
    """Through the engine: the official's quote is an exact span holding the written name."""
    from extractor.rules import RulesEngine

    text = (
        "Ombudsman Serahkan Hasil Penilaian\n\n"
        "Kepala Bappeda, Lina Marlina Siregar, S.Sos menerima hasil penilaian kepatuhan dari Ombudsman."
    )
    draft = RulesEngine().extract(text).draft
    assert [(o.name, o.role) for o in draft.officials] == [("Lina Marlina Siregar", "Kepala Bappeda")]
    assert all(o.quote in text and o.name in o.quote for o in draft.officials)


def test_a_military_districts_number_is_part_of_the_role(finder: EntityFinder) -> None:
    """ "Dandim 0804 Letkol Inf Aris Kurniawan": the district's number belongs to the role."""
    text = "Hadir pula Kapolres Magetan AKBP Satria Permana dan Dandim 0804 Letkol Inf Aris Kurniawan."
    assert _people(text, finder) == [
        ("Satria Permana", "Kapolres Magetan"),
        ("Aris Kurniawan", "Dandim 0804"),
    ]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            "Kepala Dinas Kesehatan Klaten dr. Anggit Budiarto, M.Kes mengatakan pihaknya bersyukur.",
            ("Anggit Budiarto", "Kepala Dinas Kesehatan Klaten"),
        ),
        (
            "Direktur RSUD Bagas Waras drg. Sri Wahyuni mengatakan pihaknya bersyukur.",
            ("Sri Wahyuni", "Direktur RSUD Bagas Waras"),
        ),
        (
            "Kepala Puskesmas Klaten Tengah dr. Rina Astuti, MPH mengatakan hal itu.",
            ("Rina Astuti", "Kepala Puskesmas Klaten Tengah"),
        ),
        # a hospital named after a doctor keeps its "dr." in the title
        (
            "Direktur RSUP dr. Kariadi dr. Agus Suryanto mengatakan hal itu.",
            ("Agus Suryanto", "Direktur RSUP dr. Kariadi"),
        ),
        (
            "Direktur RSUD dr. Iskak Tulungagung, Supriyanto, S.H., mengatakan hal itu.",
            ("Supriyanto", "Direktur RSUD dr. Iskak Tulungagung"),
        ),
    ],
)
def test_a_doctors_title_in_running_text_opens_the_name(
    finder: EntityFinder, sentence: str, person: tuple[str, str]
) -> None:
    """'… Klaten dr. Anggit Budiarto, M.Kes': a lowercase 'dr.'/'drg.' after a title is where the
    person's name begins (and a comma before a degree ends the name, not the title)."""
    assert _people(sentence, finder) == [person]
