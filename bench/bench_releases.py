"""Time and memory of the same-release check (``extractor.checks._releases``) as the folder grows.

    .venv/bin/python bench/bench_releases.py [--sizes 1000 10000 50000] [--datasketch]

Synthetic articles on the compliance assessment, made from sentence templates with random
regions, officials, scores and word choices; about a third of them are copies of one release
(groups of 2 to 10) with what outlets change: title, dateline, reporter line, a sentence added
or dropped, two paragraphs swapped. The templates make different articles far more alike than
real ones are (many pairs share 5-15% of their shingles; real ones at most 4%): a hard case for
the candidate stage. For each size: the seconds of adding every text (the signatures) and of
finding the groups; the peak Python/numpy memory of both (tracemalloc, in a second run, as it
slows Python code; the texts are made beforehand and not counted); the signature file's size
(on disk, not in that peak); how many true groups were found whole and how many records were
wrongly linked. ``--datasketch`` does the same with datasketch's MinHash + MinHashLSH where it
is installed.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractor.checks._releases import PERMUTATIONS, SHINGLE_WORDS, THRESHOLD, ReleaseIndex, words

_SYLLABLES = [
    "ba",
    "ra",
    "ma",
    "na",
    "ja",
    "wa",
    "so",
    "lo",
    "ke",
    "di",
    "pa",
    "tu",
    "ri",
    "ga",
    "sa",
    "ku",
    "te",
    "mi",
    "ro",
    "an",
]
_OUTLETS = ["KOMPAS.com", "detikNews", "Tribunnews", "Radar", "ANTARA", "Suara", "Okezone", "iNews"]
_VERBS = ["meraih", "memperoleh", "mendapat", "mengantongi", "berhasil meraih"]
_PRAISE = ["kualitas tinggi", "kualitas tertinggi", "predikat hijau", "kategori A", "kategori B"]
_UNITS = [
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Disdukcapil",
    "DPMPTSP",
    "RSUD",
    "Puskesmas",
    "Dinas Pendidikan",
]
_SAY = ["kata", "ujar", "tutur", "jelas", "ungkap"]
_TEMPLATES = [
    "{region} {verb} nilai {score} dalam Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik {year}.",
    "Nilai itu menempatkan {region} di zona hijau dengan {praise}.",
    "Penyerahan hasil penilaian dilakukan di {city}, {day} ({date}).",
    "Kepala Ombudsman RI Perwakilan {province}, {person}, menyerahkan piagam kepada {official}.",
    "Penilaian mencakup {unit}, {unit2} dan {unit3} di lingkungan {region}.",
    "“Kami akan terus memperbaiki layanan di {unit},” {say} {official}.",
    "Tahun lalu {region} hanya {verb} {score2}, sehingga nilainya naik cukup jauh.",
    "{person} meminta {unit} menambah petugas dan memperbaiki sarana pengaduan.",
    "Menurut {person}, standar pelayanan harus dipajang di setiap {unit}.",
    "Warga {city} menyambut baik capaian itu dan berharap antrean di {unit} makin pendek.",
    "{official} menyebut {unit2} sebagai contoh layanan yang paling banyak berbenah.",
    "Ombudsman menilai dimensi input, proses, output dan pengaduan di {count} unit layanan.",
    "Sebanyak {count} unit di {region} dinilai langsung oleh tim {province}.",
    "Hasil ini diumumkan bersama {count} daerah lain di {province}.",
]


def _name(rnd: random.Random, parts: int) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _article_sentences(rnd: random.Random) -> tuple[str, list[str]]:
    region = f"Kabupaten {_name(rnd, 3)}"
    slots = {
        "region": region,
        "city": _name(rnd, 3),
        "province": f"Provinsi {_name(rnd, 2)}",
        "person": f"{_name(rnd, 2)} {_name(rnd, 3)}",
        "official": f"Bupati {_name(rnd, 2)} {_name(rnd, 2)}",
        "year": str(rnd.randint(2021, 2024)),
        "day": rnd.choice(["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]),
        "date": f"{rnd.randint(1, 28)}/12/{rnd.randint(2021, 2024)}",
        "count": str(rnd.randint(3, 12)),
    }
    sentences = []
    for template in rnd.choices(_TEMPLATES, k=rnd.randint(14, 30)):  # 200-450 words, as releases are
        units = rnd.sample(_UNITS, 3)
        sentences.append(
            template.format(
                **slots,
                verb=rnd.choice(_VERBS),
                praise=rnd.choice(_PRAISE),
                score=f"{rnd.uniform(60, 99):.2f}".replace(".", ","),
                score2=f"{rnd.uniform(50, 90):.2f}".replace(".", ","),
                unit=units[0],
                unit2=units[1],
                unit3=units[2],
                say=rnd.choice(_SAY),
            )
        )
    return region, sentences


def _printed(rnd: random.Random, sentences: list[str], edit: bool) -> str:
    """The release as one outlet prints it: its own title, dateline and reporter line; with
    ``edit`` also a sentence added, one dropped and two paragraphs swapped."""
    body = list(sentences)
    if edit:
        body.insert(rnd.randrange(1, len(body)), f"Berita ini juga dimuat {rnd.choice(_OUTLETS)}.")
        del body[rnd.randrange(1, len(body))]
    paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    if edit and len(paragraphs) > 2:
        i = rnd.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    outlet = rnd.choice(_OUTLETS)
    title = f"{_name(rnd, 3)} {rnd.choice(_VERBS)} zona hijau"
    byline = f"Penulis: {_name(rnd, 2)} {_name(rnd, 3)} | Editor: {_name(rnd, 3)}"
    return f"{title}\n\n{byline}\n\n{_name(rnd, 2).upper()}, {outlet} - " + "\n\n".join(paragraphs)


Article = tuple[str, str, int, str | None]  # (record id, text, true group or -1, subject)


@dataclass(frozen=True)
class Corpus:
    size: int
    subjects: bool = True  # give the index each record's subject, as check_folder does
    seed: int = 2024

    def __iter__(self) -> Iterator[Article]:
        """(record id, text, true group: -1 for an article printed once, subject), deterministic."""
        rnd = random.Random(self.seed)
        made, group = 0, 0
        while made < self.size:
            region, sentences = _article_sentences(rnd)
            subject = region if self.subjects else None
            copies = rnd.randint(2, 10) if rnd.random() < 0.08 else 1
            copies = min(copies, self.size - made)
            for i in range(copies):
                text = _printed(rnd, sentences, edit=i > 0)
                yield f"r{made:07d}", text, group if copies > 1 else -1, subject
                made += 1
            group += 1


def _score(found: list[tuple[str, ...]], truth: dict[str, int]) -> tuple[int, int, int]:
    """(true groups, of them found whole, records in a found group with a record of another release)."""
    expected: dict[int, set[str]] = {}
    for record_id, group in truth.items():
        if group >= 0:
            expected.setdefault(group, set()).add(record_id)
    whole = sum(1 for group in found if set(group) in expected.values())
    wrong = sum(len(group) for group in found if len({truth[r] for r in group}) > 1 or truth[group[0]] < 0)
    return len(expected), whole, wrong


def _ours(corpus: list[Article]) -> tuple[float, float, list[tuple[str, ...]], int]:
    """(seconds adding, seconds finding groups, the groups, signature bytes)."""
    with ReleaseIndex() as index:
        started = time.perf_counter()
        for record_id, text, _, subject in corpus:
            index.add(record_id, text, subject)
        added = time.perf_counter()
        groups = index.groups()
        return added - started, time.perf_counter() - added, groups, len(index) * PERMUTATIONS * 4


def _theirs(corpus: list[Article]) -> tuple[float, float, list[tuple[str, ...]], int]:
    """datasketch's MinHash (128 permutations, the same shingles) and MinHashLSH at the same
    threshold: insert every record, query each, verify candidates by their estimated Jaccard."""
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-not-found, unused-ignore]

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    hashes = {}
    for record_id, text, _, _ in corpus:  # MinHashLSH has no place for the subject
        found = words(text)
        shingles = {" ".join(found[i : i + SHINGLE_WORDS]) for i in range(len(found) - SHINGLE_WORDS + 1)}
        minhash = MinHash(num_perm=PERMUTATIONS)
        minhash.update_batch([s.encode() for s in shingles])
        lsh.insert(record_id, minhash)
        hashes[record_id] = minhash
    added = time.perf_counter()
    parent: dict[str, str] = {}

    def root(record_id: str) -> str:
        while parent.get(record_id, record_id) != record_id:
            record_id = parent[record_id]
        return record_id

    for record_id, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other > record_id and minhash.jaccard(hashes[other]) >= THRESHOLD:
                a, b = root(record_id), root(other)
                parent[max(a, b)] = min(a, b)
    members: dict[str, set[str]] = {}
    for record_id in list(parent):  # every record but the roots, which name themselves
        top = root(record_id)
        members.setdefault(top, {top}).add(record_id)
    groups = sorted(tuple(sorted(group)) for group in members.values())
    return added - started, time.perf_counter() - added, groups, 0


def _measure(
    corpus: Corpus, run: Callable[[list[Article]], tuple[float, float, list[tuple[str, ...]], int]]
) -> str:
    size = corpus.size
    articles = list(corpus)  # made before, so neither the time nor the peak counts making them
    truth = {record_id: group for record_id, _, group, _ in articles}
    add_s, groups_s, groups, file_bytes = run(articles)  # timed without tracemalloc: it slows Python code
    expected, whole, wrong = _score(groups, truth)
    tracemalloc.start()
    run(articles)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (
        f"{size:>8,} {add_s:>7.2f} {add_s / size * 1e3:>7.3f} {groups_s:>8.2f} {peak / 1e6:>8.1f} "
        f"{file_bytes / 1e6:>7.1f} {expected:>7,} {whole:>7,} {wrong:>6,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--datasketch", action="store_true", help="also time datasketch, if installed")
    parser.add_argument(
        "--no-subjects",
        action="store_true",
        help="texts alone: no subject keeps two regencies' releases apart",
    )
    args = parser.parse_args()
    header = (
        f"{'records':>8} {'add s':>7} {'ms/rec':>7} {'groups s':>8} {'peak MB':>8} {'file MB':>7} "
        f"{'groups':>7} {'whole':>7} {'wrong':>6}"
    )
    print("own MinHash (numpy) + LSH bands")
    print(header)
    for size in args.sizes:
        print(_measure(Corpus(size, subjects=not args.no_subjects), _ours), flush=True)
    if args.datasketch:
        print("\ndatasketch MinHash + MinHashLSH")
        print(header)
        for size in args.sizes:
            print(_measure(Corpus(size), _theirs), flush=True)


if __name__ == "__main__":
    main()
