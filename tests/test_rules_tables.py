"""Labels from flattened table rows, and a unit named in an official's role that tells a change."""

from __future__ import annotations

from extractor.rules import RulesEngine
from schemas.draft import ArticleExtraction

_LEAD = (
    "Hasil Penilaian Kepatuhan 2024: Kabupaten Wonosobo Zona Hijau\n\n"
    "Pemerintah Kabupaten Wonosobo memperoleh nilai 86,42 dalam Penilaian Kepatuhan Penyelenggaraan "
    "Pelayanan Publik 2024 dari Ombudsman Republik Indonesia.\n\n"
)


def _draft(text: str) -> ArticleExtraction:
    return RulesEngine().extract(text).draft


def test_unit_rows_take_zone_and_grade_from_labelled_columns() -> None:
    text = _LEAD + (
        "Rincian nilai unit layanan sebagai berikut.\n\n"
        "| Unit Layanan | Nilai | Zona | Kategori |\n"
        "| Dinas Perhubungan | 90,15 | Hijau | A |\n"
        "| Puskesmas Karangrejo | 76,30 | Kuning | Kualitas Sedang |\n"
    )
    units = {u.name: u for u in _draft(text).units}
    assert units["Dinas Perhubungan"].score == 90.15
    assert units["Dinas Perhubungan"].zone == "hijau"
    assert units["Dinas Perhubungan"].grade == "tertinggi"
    assert units["Dinas Perhubungan"].quote == "Dinas Perhubungan | 90,15 | Hijau | A"
    assert units["Puskesmas Karangrejo"].zone == "kuning"
    assert units["Puskesmas Karangrejo"].grade == "sedang"


def test_cells_under_unnamed_columns_give_nothing() -> None:
    text = _LEAD + ("| Unit Layanan | Nilai | Keterangan |\n| Dinas Perhubungan | 90,15 | Hijau |\n")
    units = {u.name: u for u in _draft(text).units}
    assert units["Dinas Perhubungan"].score == 90.15
    assert units["Dinas Perhubungan"].zone is None
    assert units["Dinas Perhubungan"].grade is None


def test_region_rows_are_others_with_their_zone() -> None:
    text = _LEAD + (
        "Berikut nilai daerah lain di provinsi yang sama.\n\n"
        "| Pemda | Nilai | Zona |\n"
        "| Kota Magelang | 88,12 | Hijau |\n"
        "| Kabupaten Temanggung | 72,40 | Kuning |\n"
    )
    draft = _draft(text)
    others = {o.name: o for o in draft.others}
    assert others["Kota Magelang"].score == 88.12
    assert others["Kota Magelang"].zone == "hijau"
    assert others["Kabupaten Temanggung"].zone == "kuning"
    assert not draft.units


def test_head_of_unit_telling_a_change_is_no_unit() -> None:
    text = _LEAD + (
        "Kepala Dinas Perhubungan Kabupaten Wonosobo, Agus Wibowo, mengatakan bahwa capaian itu "
        "meningkat dari nilai 79,64 pada tahun 2023.\n"
    )
    draft = _draft(text)
    assert draft.score == 86.42
    assert not draft.units
    assert [(p.year, p.score) for p in draft.previous] == [(2023, 79.64)]


def test_unit_with_its_own_score_stays_a_unit() -> None:
    text = _LEAD + "Dinas Perhubungan memperoleh nilai 91,05 dalam penilaian yang sama.\n"
    draft = _draft(text)
    assert [(u.name, u.score) for u in draft.units] == [("Dinas Perhubungan", 91.05)]
    assert not draft.previous


def test_a_cell_typed_with_a_dotless_i_is_read_not_a_crash() -> None:
    """'Hıjau' in a Zona column is the zone hijau, read the way label words elsewhere are."""
    text = (
        "Pemkab Wonosobo meraih nilai 87,64 dalam Penilaian Kepatuhan Ombudsman 2024.\n\n"
        "| Unit | Nilai | Zona |\n| Dinas Sosial | 84,02 | Hıjau |\n"
    )
    (unit,) = _draft(text).units
    assert unit.zone is not None and unit.zone.value == "hijau"


def test_a_header_that_names_the_year_still_names_its_columns() -> None:
    """The header is the table's first row, numbers of a year in it or not."""
    text = _LEAD + (
        "| Unit Layanan | Nilai 2024 | Zona 2024 | Kategori 2024 |\n"
        "| Dinas Perhubungan | 90,15 | Hijau | A |\n"
        "| Puskesmas Karangrejo | 76,30 | Kuning | C |\n"
    )
    units = {u.name: u for u in _draft(text).units}
    assert (units["Dinas Perhubungan"].zone, units["Dinas Perhubungan"].grade) == ("hijau", "tertinggi")
    assert (units["Puskesmas Karangrejo"].zone, units["Puskesmas Karangrejo"].grade) == ("kuning", "sedang")


def test_a_row_without_numbers_is_no_header_of_the_rows_below() -> None:
    """A table without a header whose rows give names and zones only: each row's own cells are
    read; the row above is a row like it, not a header."""
    text = _LEAD + (
        "Berikut zona daerah lain di provinsi yang sama.\n\n"
        "| Kota Magelang | Zona Hijau |\n"
        "| Kabupaten Temanggung | Zona Kuning |\n"
        "| Kabupaten Purworejo | Zona Merah |\n"
    )
    others = {o.name: o.zone for o in _draft(text).others}
    assert others == {
        "Kota Magelang": "hijau",
        "Kabupaten Temanggung": "kuning",
        "Kabupaten Purworejo": "merah",
    }


def test_a_title_row_or_a_first_header_row_above_the_header_is_passed_over() -> None:
    """The header is the nearest row above that names columns: a table's title row above it, or
    the first of two header rows, is not taken for it."""
    titled = _LEAD + (
        "| Hasil Penilaian Kepatuhan 2024 | | |\n"
        "| Daerah | Nilai | Zona |\n"
        "| Kota Magelang | 88,12 | Hijau |\n"
        "| Kabupaten Temanggung | 72,40 | Kuning |\n"
    )
    two_rows = _LEAD + (
        "| No | Daerah | 2023 | | 2024 | |\n"
        "| | | Nilai | Zona | Nilai | Zona |\n"
        "| 1 | Kota Magelang | 85,10 | Hijau | 88,12 | Hijau |\n"
        "| 2 | Kabupaten Temanggung | 70,02 | Kuning | 72,40 | Kuning |\n"
    )
    for text in (titled, two_rows):
        zones = {o.name: o.zone for o in _draft(text).others}
        assert zones["Kota Magelang"] == "hijau" and zones["Kabupaten Temanggung"] == "kuning", text
