"""Check 15 (``same_release``): one press release printed by several outlets. Records whose
articles are near-duplicates get an info flag naming the others of their group; different
articles, even on the same regency and year, are not linked; the status is left alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from numpy.typing import NDArray

from extractor.checks import CODES, check_folder
from extractor.checks._releases import (
    BANDS,
    THRESHOLD,
    ReleaseIndex,
    _band_pairs,
    _similar_pairs,
    same_release_flags,
    signature,
    similarity,
)
from extractor.cli import main
from extractor.store import read_record, write_record
from schemas.record import Flag, Provenance, Record, Severity, Source, Status, Timing
from tests.checkkit import extraction

WONOSOBO = {
    "name_as_written": "Pemerintah Kabupaten Wonosobo",
    "name": "Kabupaten Wonosobo",
    "kind": "kabupaten",
}

# One release of the Ombudsman's Central Java office, as it was sent to the outlets.
RELEASE = [
    "Pemerintah Kabupaten Wonosobo meraih nilai 85,61 dan masuk zona hijau dengan predikat kualitas "
    "tinggi dalam Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik Tahun 2024 yang digelar "
    "Ombudsman Republik Indonesia.",
    "Hasil penilaian itu diserahkan Kepala Ombudsman RI Perwakilan Jawa Tengah, Siti Farida, kepada "
    "Bupati Wonosobo Afif Nurhidayat di Semarang, Selasa (17/12/2024). Nilai tersebut naik 6,20 poin "
    "dibandingkan tahun lalu, ketika Wonosobo memperoleh 79,41.",
    "Penilaian tahun ini mencakup empat unit layanan, yakni Dinas Penanaman Modal dan Pelayanan Terpadu "
    "Satu Pintu, Dinas Kependudukan dan Pencatatan Sipil, Dinas Kesehatan, serta Dinas Sosial. Tim "
    "Ombudsman menilai dimensi input, proses, output dan pengaduan di setiap unit.",
    "“Kami berterima kasih kepada seluruh petugas di garda depan pelayanan. Zona hijau bukan akhir, "
    "tetapi pengingat bahwa warga berhak atas layanan yang cepat, jelas dan tanpa pungutan,” kata Afif.",
    "Siti Farida mengingatkan agar pemerintah daerah tidak berpuas diri.",
    "Menurut dia, standar pelayanan harus dipajang, sarana pengaduan harus dijawab, dan petugas harus "
    "memakai tanda pengenal.",
]
# Three outlets print it: each its own title, dateline and reporter line; ANTARA adds a sentence,
# Radar Kedu drops the last one and swaps two paragraphs.
COPIES = {
    "kompas-101": "Wonosobo Raih Zona Hijau Ombudsman 2024\n\nSelasa, 17 Desember 2024 | 15:40 WIB\n"
    "Penulis: Andi Saputra | Editor: Rina Wati\n\nWONOSOBO, KOMPAS.com - " + "\n\n".join(RELEASE),
    "antara-202": "Pemkab Wonosobo masuk zona hijau kepatuhan pelayanan publik\n\n"
    "Rabu, 18 Desember 2024 09:12 WIB\n\nWonosobo (ANTARA) - "
    + "\n\n".join(
        [
            *RELEASE[:3],
            "Capaian ini menjadi yang tertinggi sejak Wonosobo pertama kali dinilai.",
            *RELEASE[3:],
        ]
    )
    + "\n\nPewarta: Budi Santoso\nEditor: Dewi Lestari",
    "radar-303": "Nilai Kepatuhan Wonosobo Naik 6,20 Poin\n\nWONOSOBO, Radar Kedu - "
    + "\n\n".join([RELEASE[0], RELEASE[2], RELEASE[1], RELEASE[3], RELEASE[4]]),
}
# The regency's own release on the same result: same facts and names, its own words, one
# paragraph pasted from the Ombudsman's release.
OTHER_RELEASE = (
    "Bupati Wonosobo Terima Piagam Zona Hijau dari Ombudsman\n\nWONOSOBO - Bupati Wonosobo Afif "
    "Nurhidayat menerima piagam penghargaan zona hijau dari Ombudsman RI atas kepatuhan penyelenggaraan "
    "pelayanan publik Tahun 2024. Pemkab Wonosobo mendapat nilai 85,61 dengan predikat kualitas tinggi.\n\n"
    "Afif mengatakan capaian itu buah kerja keras seluruh organisasi perangkat daerah. Ia meminta "
    "Dinas Kependudukan dan Pencatatan Sipil, Dinas Kesehatan dan Dinas Sosial menjaga mutu layanan, "
    "terutama di kecamatan yang jauh dari pusat kota.\n\n"
    "“Penghargaan ini milik masyarakat Wonosobo. Kami akan menambah loket dan memperpanjang jam "
    "layanan Mal Pelayanan Publik mulai Januari,” ujarnya di Pendopo Bupati, Kamis (19/12/2024).\n\n"
    + RELEASE[2]
    + "\n\nKepala Diskominfo Wonosobo menambahkan bahwa survei kepuasan masyarakat akan dilakukan setiap "
    "triwulan dan hasilnya diumumkan di laman resmi pemerintah kabupaten."
)
UNRELATED = (
    "Harga Cabai di Pasar Induk Wonosobo Naik Jelang Natal\n\nWONOSOBO - Harga cabai rawit di Pasar "
    "Induk Wonosobo naik menjadi Rp 80.000 per kilogram menjelang Natal dan Tahun Baru. Pedagang menyebut "
    "pasokan dari petani berkurang karena hujan deras sepanjang pekan. Dinas Perdagangan memantau harga "
    "setiap hari dan menyiapkan operasi pasar bila kenaikan berlanjut hingga akhir bulan."
)
TEXTS = {**COPIES, "pemkab-404": OTHER_RELEASE, "pasar-505": UNRELATED}
GROUP = sorted(COPIES)


def _record(articles: Path, record_id: str, text: str) -> Record:
    article = articles / f"{record_id}.txt"
    article.write_text(text, encoding="utf-8")
    return Record(
        record_id=record_id,
        source=Source(path=str(article), sha256=hashlib.sha256(article.read_bytes()).hexdigest()),
        provenance=Provenance(engine="test", tool_version="0"),
        status=Status.ok,
        timing=Timing(started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), seconds=0),
        attempts=1,
        # Every record names the regency, the unrelated one too: only the texts tell them apart.
        extraction=extraction(subject=WONOSOBO),  # nothing for the single-article checks to flag
    )


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    for record_id, text in TEXTS.items():
        write_record(out, _record(articles, record_id, text))
    return articles, out


def _same_release(out: Path, record_id: str) -> list[Flag]:
    return [f for f in read_record(out / f"{record_id}.json").flags if f.code == "same_release"]


def test_three_outlets_printing_one_release_are_one_group_each_naming_the_other_two(tmp_path: Path) -> None:
    """Three outlets' copies of one release (other headers, datelines, a sentence added or dropped,
    paragraphs swapped) each get one info flag on `source` naming the other two, sorted, the first
    of them as related_record."""
    _, out = _folder(tmp_path)
    check_folder(out)
    for record_id in GROUP:
        others = [other for other in GROUP if other != record_id]
        [found] = _same_release(out, record_id)
        assert (found.severity, found.field, found.related_record) == (Severity.info, "source", others[0])
        assert found.message == (
            f"The same press release as 2 other records: {others[0]}, {others[1]} "
            "(a dataset should count this result once)."
        )


def test_another_release_on_the_same_regency_and_year_and_an_unrelated_article_are_not_linked(
    tmp_path: Path,
) -> None:
    """The regency's own release on the same result (same names and score, one pasted paragraph)
    and an article on another topic get no flag, though their similarity to the copies is not zero."""
    _, out = _folder(tmp_path)
    check_folder(out)
    assert _same_release(out, "pemkab-404") == [] and _same_release(out, "pasar-505") == []
    pasted = similarity(_signature(OTHER_RELEASE), _signature(COPIES["kompas-101"]))
    assert 0.05 < pasted < THRESHOLD  # linked by nothing but its pasted paragraph, and not enough


def _signature(text: str) -> NDArray[np.uint32]:
    found = signature(text)
    assert found is not None
    return found


def test_copies_share_far_more_than_the_threshold_and_different_releases_far_less() -> None:
    """The margin the threshold rests on: each two copies share at least half their shingles
    (estimated), the other release and the unrelated article at most 0.15."""
    copies = [_signature(COPIES[record_id]) for record_id in GROUP]
    others = [_signature(OTHER_RELEASE), _signature(UNRELATED)]
    assert min(similarity(a, b) for a in copies for b in copies) >= 0.5
    assert max(similarity(a, b) for a in copies for b in others) <= 0.15


def test_case_punctuation_and_whitespace_do_not_change_a_signature() -> None:
    """A text case-folded, its punctuation and line breaks changed, has the signature of the
    original; a changed word does change it."""
    text = COPIES["kompas-101"]
    variant = text.upper().replace(" - ", " — ").replace("\n\n", "\n").replace(",", " , ")
    assert (_signature(text) == _signature(variant)).all()
    assert not (_signature(text) == _signature(text.replace("85,61", "85,16"))).all()


SHORT = [
    "Pemerintah Kota Magelang meraih nilai 88,02 dan zona hijau dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Tahun 2024 dari Ombudsman RI.",
    "Wali Kota Magelang Muchamad Nur Aziz mengatakan nilai itu naik dari 81,37 pada tahun lalu.",
    "“Kami akan menjaga layanan tetap cepat dan ramah,” ujarnya, Rabu (18/12/2024).",
    "Penilaian mencakup Dinas Kesehatan dan Dinas Kependudukan dan Pencatatan Sipil.",
]


def test_a_short_release_with_every_edit_at_once_is_still_linked() -> None:
    """A 60-word release printed twice with everything an outlet changes (title, dateline,
    reporter line, photo caption, a 'Baca juga' line, a sentence added, one dropped, two
    paragraphs swapped) shares only about a third of its shingles: still above the threshold."""
    one = "Magelang Raih Zona Hijau\n\nMAGELANG, KOMPAS.com - " + "\n\n".join(SHORT)
    one += "\n\n(Foto: Humas Pemkot Magelang)"
    other = "\n\n".join(
        [
            "Kota Magelang masuk zona hijau Ombudsman\n\nRabu, 18 Desember 2024 10:05 WIB",
            "Magelang (ANTARA) - " + SHORT[0],
            SHORT[2],
            SHORT[1],
            "Capaian itu diumumkan di Semarang.",
            "Baca juga: Kota Semarang kembali raih zona hijau Ombudsman",
            "Pewarta: Budi Santoso",
        ]
    )
    assert THRESHOLD < similarity(_signature(one), _signature(other)) < 0.4
    assert set(same_release_flags([("one", one, "code:33.71"), ("other", other, "code:33.71")])) == {
        "one",
        "other",
    }


def test_a_template_filled_in_for_another_regency_is_not_the_same_release() -> None:
    """The same wording with another regency and score is two releases when the records name
    different subjects; without subjects the texts alone would have linked them."""
    kompas = COPIES["kompas-101"]
    other = kompas.replace("Wonosobo", "Banjarnegara").replace("85,61", "80,12")
    assert set(same_release_flags([("a", kompas, None), ("b", other, None)])) == {"a", "b"}
    assert same_release_flags([("a", kompas, "code:33.07"), ("b", other, "code:33.04")]) == {}
    assert set(same_release_flags([("a", kompas, "code:33.07"), ("b", other, None)])) == {"a", "b"}


def test_a_record_whose_article_is_gone_is_left_out_without_a_crash(tmp_path: Path) -> None:
    """An article deleted since extraction: its record gets no same_release flag (the
    source_text_unavailable note says why) and the other two copies name only each other."""
    articles, out = _folder(tmp_path)
    (articles / "radar-303.txt").unlink()
    report = check_folder(out)
    assert [rid for rid, _ in report.text_unavailable] == ["radar-303"]
    assert _same_release(out, "radar-303") == []
    assert {f.code for f in read_record(out / "radar-303.json").flags} == {"source_text_unavailable"}
    [on_kompas] = _same_release(out, "kompas-101")
    assert on_kompas.message.startswith("The same press release as 1 other record: antara-202 (")


def test_rechecking_keeps_one_flag_per_record_and_drops_a_deleted_record(tmp_path: Path) -> None:
    """`extractor check` twice: one same_release flag per record, counted in the report, nothing
    rewritten the second time; once a copy's record is deleted the others stop naming it."""
    _, out = _folder(tmp_path)
    first = json.loads(CliRunner().invoke(main, ["check", str(out), "--json"]).output)
    assert first["flags"]["same_release"] == {"info": 3} and first["rewritten"] == 3
    second = json.loads(CliRunner().invoke(main, ["check", str(out), "--json"]).output)
    assert second["flags"]["same_release"] == {"info": 3} and second["rewritten"] == 0
    assert all(len(_same_release(out, record_id)) == 1 for record_id in GROUP)
    (out / "antara-202.json").unlink()
    check_folder(out)
    [on_kompas] = _same_release(out, "kompas-101")
    assert "radar-303" in on_kompas.message and "antara-202" not in on_kompas.message


def test_the_info_flag_leaves_an_otherwise_ok_record_ok(tmp_path: Path) -> None:
    """A record with nothing but the same_release note stays `ok`; the code is a known check code,
    so a later check replaces it instead of keeping it as another tool's flag."""
    _, out = _folder(tmp_path)
    report = check_folder(out)
    kompas = read_record(out / "kompas-101.json")
    assert [f.code for f in kompas.flags] == ["same_release"] and kompas.status == Status.ok
    assert report.status["ok"] == 5 and "same_release" in CODES


def test_a_large_group_names_five_and_counts_the_rest() -> None:
    """Eight copies: each flag names five others, sorted, then 'and 2 more'."""
    records = [(f"copy-{i}", f"Dimuat ulang oleh media {i}. {COPIES['kompas-101']}", None) for i in range(8)]
    flags = same_release_flags(records)
    [on_first] = flags["copy-0"]
    assert "7 other records: copy-1, copy-2, copy-3, copy-4, copy-5 and 2 more (" in on_first.message
    assert len(flags) == 8


def test_a_thousand_copies_of_one_text_cost_a_thousand_pairs_per_band_not_half_a_million() -> None:
    """Each band pairs a record only with the first of its run of equal keys: 1,000 identical
    texts give 999 pairs per band and 999 distinct similar pairs (all pairs would be 499,500),
    and still one group."""
    copies = _signature(COPIES["radar-303"])[None, :].repeat(1000, axis=0)
    assert [len(pairs) for pairs in _band_pairs(copies)] == [999] * BANDS
    assert len(_similar_pairs(copies, np.full(1000, -1, dtype=np.int64))) == 999
    with ReleaseIndex() as index:
        for i in range(1000):
            index.add(f"r{i:04d}", COPIES["radar-303"])
        [group] = index.groups()
    assert len(group) == 1000 and group[0] == "r0000"


def test_a_text_without_words_is_in_no_group() -> None:
    """Empty or punctuation-only texts have no signature and are never linked to each other."""
    assert signature(" -- \n ") is None
    assert same_release_flags([("a", "", None), ("b", " -- ", None), ("c", "", None)]) == {}


def test_extract_through_the_cli_stores_the_flags(tmp_path: Path) -> None:
    """`extractor extract FOLDER --engine rules` ends with the folder check: the stored JSON of
    each copy carries the same_release flag naming the other two; the others carry none, and a
    copy is `flagged` only if a warning or error says so."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for record_id, text in TEXTS.items():
        (folder / f"{record_id}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(folder), "--engine", "rules", "--out", str(out)])
    assert result.exit_code == 0, result.output
    stored = {
        record_id: json.loads((out / f"{record_id}.json").read_text(encoding="utf-8")) for record_id in TEXTS
    }
    for record_id in GROUP:
        [found] = [f for f in stored[record_id]["flags"] if f["code"] == "same_release"]
        others = [other for other in GROUP if other != record_id]
        assert found["severity"] == "info" and found["related_record"] == others[0]
        assert all(other in found["message"] for other in others)
        # The note alone never makes a record `flagged` (the rules engine's own flags may).
        review = any(f["severity"] in ("warning", "error") for f in stored[record_id]["flags"])
        assert stored[record_id]["status"] == ("flagged" if review else "ok")
    assert not any(f["code"] == "same_release" for f in stored["pemkab-404"]["flags"])
    assert not any(f["code"] == "same_release" for f in stored["pasar-505"]["flags"])
