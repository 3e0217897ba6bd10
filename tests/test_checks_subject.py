"""Check 12: the record's subject against whose results the article reports (the assessing
office's province, a regulator ministry, the dateline or venue, a round-up's other regions).
Every article here is a sentence or two written for the test."""

from __future__ import annotations

from typing import Any

from schemas.record import Flag, Severity
from tests.checkkit import check, extraction, found

ASSESSOR, DATELINE, COMPETING = "subject_is_assessor", "subject_from_dateline", "competing_subject"


def subject(name: str, kind: str, written: str | None = None) -> dict[str, Any]:
    return {"name_as_written": written or name, "name": name, "kind": kind}


def flags_of(text: str | None, name: str, kind: str, **values: Any) -> list[Flag]:
    return check(extraction(text, subject=subject(name, kind, values.pop("written", None)), **values), text)


def only(flags: list[Flag], code: str) -> Flag:
    [hit] = found(flags, code, "subject")
    assert hit.severity == Severity.warning and hit.basis and hit.evidence
    return hit


# -- subject_is_assessor ------------------------------------------------------------------------

KALBAR_OFFICE = (
    "Hasil Penilaian Kepatuhan Diserahkan\n"
    "Ombudsman RI Perwakilan Provinsi Kalimantan Barat menyerahkan hasil penilaian tahun 2023. "
    "Pemkab Kubu Raya meraih nilai 84,12 dan masuk zona hijau."
)


def test_province_named_only_as_the_assessing_office_is_flagged() -> None:
    """The province of 'Ombudsman RI Perwakilan Provinsi X' is not the subject where the article's
    result belongs to a kabupaten; the message quotes both the office and the result."""
    hit = only(flags_of(KALBAR_OFFICE, "Provinsi Kalimantan Barat", "provinsi"), ASSESSOR)
    assert "Ombudsman RI Perwakilan Provinsi Kalimantan Barat" in hit.message
    assert "Pemkab Kubu Raya meraih nilai 84,12" in hit.message


def test_the_kabupaten_with_the_result_is_quiet() -> None:
    """The kabupaten that owns the score raises none of the subject flags."""
    flags = flags_of(KALBAR_OFFICE, "Kabupaten Kubu Raya", "kabupaten", written="Pemkab Kubu Raya")
    assert not found(flags, ASSESSOR) and not found(flags, DATELINE) and not found(flags, COMPETING)


def test_head_of_the_office_with_the_province_short_form_is_the_assessor_too() -> None:
    """'Kepala Ombudsman Perwakilan Kalbar' names the office by the province's short form."""
    text = (
        "Kepala Ombudsman Perwakilan Kalbar, Budi Hartono, mengatakan Kota Singkawang memperoleh nilai 79,40."
    )
    assert only(flags_of(text, "Provinsi Kalimantan Barat", "provinsi"), ASSESSOR)


def test_province_with_its_own_result_is_quiet_even_beside_its_office() -> None:
    """A province that the article gives a result stays quiet although its Ombudsman office is named."""
    text = (
        "Ombudsman RI Perwakilan Jawa Tengah menyerahkan penghargaan. "
        "Pemprov Jateng meraih nilai 90,15 dengan predikat kualitas tertinggi."
    )
    assert not found(flags_of(text, "Provinsi Jawa Tengah", "provinsi"), ASSESSOR)


def test_regulator_ministry_without_a_result_of_its_own_is_flagged() -> None:
    """KemenPAN-RB named as host, while the result is a kabupaten's, is not the subject."""
    text = (
        "Kementerian PANRB menjadi tuan rumah acara penyerahan. "
        "Kabupaten Sleman memperoleh nilai 88,40 dan masuk zona hijau."
    )
    name = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPAN-RB)"
    hit = only(flags_of(text, name, "kementerian"), ASSESSOR)
    assert "Kabupaten Sleman memperoleh nilai 88,40" in hit.message


def test_regulator_ministry_with_its_own_result_is_quiet() -> None:
    """A ministry on the regulator list that is itself given a result stays quiet."""
    text = "Dalam penilaian Ombudsman tahun ini, Kemendagri meraih nilai 86,50 atau zona hijau."
    assert not found(flags_of(text, "Kementerian Dalam Negeri (Kemendagri)", "kementerian"), ASSESSOR)


# -- subject_from_dateline ----------------------------------------------------------------------


def test_datelines_of_several_outlets_are_not_the_subject() -> None:
    """'Jakarta (ANTARA) –', 'KBRN, Pontianak:', 'PONTIANAK, KOMPAS.com -' and 'Bandung —' say
    where the story was filed; the result belongs to the region the sentence names."""
    cases = [
        (
            "Jakarta (ANTARA) – Ombudsman RI mengumumkan Kota Bekasi meraih nilai 82,30.",
            "Provinsi DKI Jakarta",
        ),
        (
            "KBRN, Pontianak: Pemkab Mempawah memperoleh predikat kepatuhan tinggi tahun ini.",
            "Kota Pontianak",
        ),
        ("PONTIANAK, KOMPAS.com - Kabupaten Landak mendapat nilai 71,25 dan zona kuning.", "Kota Pontianak"),
        ("Bandung — Pemkab Garut meraih zona hijau dalam penilaian kepatuhan.", "Kota Bandung"),
    ]
    for text, name in cases:
        kind = "provinsi" if name.startswith("Provinsi") else "kota"
        hit = only(flags_of(text, name, kind), DATELINE)
        assert "dateline" in hit.message, text


def test_venue_of_the_handover_is_not_the_subject() -> None:
    """'di Hotel … Jakarta' is where the award was handed over, not who was assessed."""
    text = (
        "Penghargaan diserahkan di Hotel Bidakara Jakarta pada Kamis (5/12). "
        "Kabupaten Bantul memperoleh nilai 91,02."
    )
    hit = only(flags_of(text, "Provinsi DKI Jakarta", "provinsi"), DATELINE)
    assert "venue" in hit.message and "Hotel Bidakara Jakarta" in hit.message


def test_dateline_subject_with_its_own_result_is_quiet() -> None:
    """Kota Pontianak's own result, datelined Pontianak, raises nothing."""
    text = "PONTIANAK, KOMPAS.com - Pemkot Pontianak meraih nilai 88,75 dan masuk zona hijau."
    assert not flags_of(text, "Kota Pontianak", "kota", written="Pemkot Pontianak", score=88.75)


def test_the_area_a_list_is_drawn_from_is_neither_venue_nor_owner() -> None:
    """'tujuh pemda di Banten' is the list's area: it owns no result and is not a venue."""
    text = "Sebanyak tujuh pemda di Banten masuk zona kuning, di antaranya Kota Serang."
    flags = flags_of(text, "Kota Serang", "kota")
    assert not found(flags, DATELINE) and not found(flags, ASSESSOR)


def test_without_the_text_nothing_is_checked() -> None:
    """The checks read the article: with no text they stay silent."""
    assert not flags_of(None, "Provinsi DKI Jakarta", "provinsi")


# -- competing_subject --------------------------------------------------------------------------

TWO_IN_HEADLINE = (
    "Bengkayang dan Landak Raih Zona Hijau dari Ombudsman\n"
    "Kabupaten Landak memperoleh nilai 85,10, sedangkan Kabupaten Bengkayang nilai 83,02."
)


def test_second_of_two_regions_in_the_headline_competes_with_the_first() -> None:
    """Two regions given a result in the headline: the record that takes the second is asked
    about, with the headline quoted."""
    hit = only(flags_of(TWO_IN_HEADLINE, "Kabupaten Landak", "kabupaten"), COMPETING)
    assert "Bengkayang dan Landak Raih Zona Hijau" in hit.message


def test_first_region_of_the_headline_is_quiet() -> None:
    """The headline's first region is the main subject."""
    assert not found(flags_of(TWO_IN_HEADLINE, "Kabupaten Bengkayang", "kabupaten"), COMPETING)


def test_kota_and_province_of_the_same_name_are_two_candidates() -> None:
    """Kota Jambi and Provinsi Jambi are told apart: the province, named second, competes."""
    text = "Kota Jambi dan Provinsi Jambi Raih Zona Hijau\nKeduanya memperoleh predikat kualitas tinggi."
    assert only(flags_of(text, "Provinsi Jambi", "provinsi"), COMPETING)
    assert not found(flags_of(text, "Kota Jambi", "kota"), COMPETING)


def test_region_after_selain_is_not_the_headline_s_main_one() -> None:
    """'Selain Pemprov Riau, Kota Dumai dan …': the region after 'selain' (besides) is set aside."""
    text = (
        "Selain Pemprov Riau, Kota Dumai dan Kabupaten Siak Raih Zona Hijau\nKota Dumai mendapat nilai 89,90."
    )
    assert not found(flags_of(text, "Kota Dumai", "kota"), COMPETING)


ROUND_UP = (
    "Ombudsman Umumkan Hasil Penilaian Kepatuhan 2023\n"
    "SEMARANG - Ombudsman RI Perwakilan Jawa Tengah mengumumkan hasil penilaian tahun ini.\n"
    "Kabupaten Demak meraih nilai 88,10. Kabupaten Kudus meraih nilai 86,20. "
    "Kota Salatiga memperoleh nilai 79,50."
)


def test_one_region_of_a_round_up_competes_with_the_others() -> None:
    """A round-up gives results to several regions; the record's pick, named neither in the
    headline nor in the lead and with no more results than the rest, is asked about, and the
    alternatives are quoted."""
    hit = only(flags_of(ROUND_UP, "Kabupaten Kudus", "kabupaten"), COMPETING)
    assert "Kabupaten Demak meraih nilai 88,10" in hit.message and "Kota Salatiga" in hit.message


def test_round_up_subject_named_in_the_lead_is_quiet() -> None:
    """The region the lead sentence is about is the main one, whatever the others' results."""
    text = ROUND_UP.replace(
        "SEMARANG - Ombudsman RI Perwakilan Jawa Tengah mengumumkan",
        "KUDUS - Pemkab Kudus menerima dari Ombudsman",
    )
    assert not found(flags_of(text, "Kabupaten Kudus", "kabupaten"), COMPETING)


def test_province_over_its_own_kabupaten_is_not_competing() -> None:
    """A province's own kabupaten and kota are its round-up, not rival subjects."""
    assert not found(flags_of(ROUND_UP, "Provinsi Jawa Tengah", "provinsi"), COMPETING)


def test_giver_and_other_story_lines_own_no_result() -> None:
    """'predikat … dari Kementerian PANRB dengan nilai' is given by the ministry, and a 'Baca juga'
    line is another story: neither makes the dateline's city a wrong subject."""
    text = (
        "Kota Pekalongan Terus Berbenah\n"
        "PEKALONGAN - Pemkot Pekalongan meraih predikat dari Kementerian PANRB dengan nilai 95,10.\n"
        "Baca juga: Kabupaten Batang Raih Nilai 90,00\n"
        "Tahun lalu Kota Pekalongan masih di zona merah."
    )
    assert not flags_of(text, "Kota Pekalongan", "kota", written="Pemkot Pekalongan")
