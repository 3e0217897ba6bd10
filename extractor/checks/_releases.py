"""Check 15: one press release printed by several outlets.

A regional Ombudsman office, or a Pemkab's press office, sends one release that many outlets
print lightly edited: another header and dateline, a reporter line, a sentence added or dropped,
paragraphs in another order. A dataset that counts those records counts one result several
times, so records whose article texts are near-duplicates are linked: each gets an info flag
naming the other records of its group. Nothing is compared pairwise; time is linear in the
folder's size:

1. Each text becomes its words (NFKC, case-folded, punctuation and whitespace dropped), its
   5-word shingles, and 128 MinHash values: 512 bytes a record, kept in a temporary file so
   memory stays flat however many records there are.
2. LSH: 64 bands of 2 values. Records with an equal band are candidates; in each band every
   record is paired with the first record of its run of equal keys only (a star), so a band
   adds at most one pair per record, however many records share a boilerplate key.
3. A candidate pair is kept when its estimated Jaccard similarity reaches ``THRESHOLD`` and the
   two records do not name different subjects (one template filled in for two regencies is two
   releases). Groups are the connected components of the kept pairs.
"""

from __future__ import annotations

import math
import re
import tempfile
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

import numpy as np
from numpy.typing import NDArray

from extractor.checks._base import flag
from schemas.record import Flag, Severity

SAME_RELEASE = "same_release"
CODES = (SAME_RELEASE,)

SHINGLE_WORDS = 5
ROWS = 2
BANDS = 64
PERMUTATIONS = ROWS * BANDS
# Exact Jaccard of 5-word shingles, measured on the 29 articles of seeds/ and tests/fixtures/:
# different articles (two of one region and year among them) share at most 0.04, and a release
# that pastes one paragraph of another 0.14; copies made with every edit above at once (new
# title, dateline, byline, a sentence added, one dropped, paragraphs swapped) share at least 0.40
# from 120 words, 0.29 in the worst case of an 80-word article. The estimate from 128 values
# has a standard deviation of 0.03-0.04 there, so 0.25 is 3.5 of them above the pasted paragraph
# and 3.7 below copies of 120 words or more; only the shortest copies with every edit at once
# may be missed (0.29 is one deviation above). With bands of 2 rows, a pair at 0.25 becomes a
# candidate with probability 1 - (1 - 0.25**2)**64 = 0.98, one at 0.29 with 0.996.
THRESHOLD = 0.25
_MIN_EQUAL = math.ceil(THRESHOLD * PERMUTATIONS)
_MAX_NAMED = 5
_PAIRS_AT_ONCE = 4_096  # pairs compared per numpy call: 4k x 2 x 512 bytes of signatures
_SHINGLES_AT_ONCE = 4_096  # bounds the shingles x permutations matrix of a very long article

_BASIS = (
    "outlets print one press release lightly edited; texts that share at least "
    f"{THRESHOLD:.0%} of their {SHINGLE_WORDS}-word shingles (MinHash estimate) report one result"
)
_WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1
_HIGH = np.uint64(np.iinfo(np.uint32).bits)  # the top half of a 64-bit product: a 32-bit value


def _splitmix64(seed: int, count: int) -> NDArray[np.uint64]:
    """Fixed pseudo-random 64-bit constants. Spelled out rather than drawn from numpy's generators,
    whose streams may change between versions: a pair near the threshold must not flip between
    two runs of ``extractor check`` and churn the flags."""
    values = []
    state = seed
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        values.append(z ^ (z >> 31))
    return np.array(values, dtype=np.uint64)


# Word hashes are combined into a shingle's 32-bit fingerprint by odd multipliers; each
# "permutation" is then a multiply-add-shift hash of the fingerprint (strongly universal for
# 32-bit keys), whose top 32 bits are the MinHash value.
_MIX = _splitmix64(0x5EED_0001, SHINGLE_WORDS) | np.uint64(1)
_MULTIPLY = _splitmix64(0x5EED_0002, PERMUTATIONS)
_ADD = _splitmix64(0x5EED_0003, PERMUTATIONS)


def words(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation: 'KOMPAS.com -' is 'kompas', 'com'."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def signature(text: str) -> NDArray[np.uint32] | None:
    """The text's 128 MinHash values over its 5-word shingles (one shingle of all its words when
    it has fewer); None for a text without a word."""
    found = words(text)
    if not found:
        return None
    # surrogatepass: a text from a JSON row may hold a lone surrogate, which must not stop the check
    encoded = (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in found)
    hashes = np.fromiter(encoded, dtype=np.uint64, count=len(found))
    width = min(SHINGLE_WORDS, len(hashes))
    count = len(hashes) - width + 1
    shingles = hashes[:count] * _MIX[0]
    for i in range(1, width):
        shingles += hashes[i : i + count] * _MIX[i]  # wraps modulo 2**64, as meant
    shingles >>= _HIGH
    lowest = np.full(PERMUTATIONS, _MASK64, dtype=np.uint64)
    for start in range(0, count, _SHINGLES_AT_ONCE):
        block = np.multiply.outer(shingles[start : start + _SHINGLES_AT_ONCE], _MULTIPLY)
        block += _ADD
        block >>= _HIGH
        np.minimum(lowest, block.min(axis=0), out=lowest)
    return lowest.astype(np.uint32)


def similarity(one: NDArray[np.uint32], other: NDArray[np.uint32]) -> float:
    """The estimated Jaccard similarity of two texts' shingles: the share of equal MinHash values."""
    return float(np.count_nonzero(one == other)) / PERMUTATIONS


class ReleaseIndex:
    """The signatures of every record of a folder, in a temporary file; in memory only the ids
    and a small number per record (about 80 bytes: 8 MB for 100,000 records).

    ``add`` each record once, then ask ``flags_for`` each one; the groups are found at the first
    question. A record that was never added (no text) is in no group and gets no flag.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by __exit__, like _cross's database)
        self._ids: list[str] = []
        self._subjects: list[int] = []  # an index into _subject_codes; -1: subject unknown
        self._subject_codes: dict[str, int] = {}
        self._groups: dict[str, tuple[str, ...]] | None = None

    def __enter__(self) -> ReleaseIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def add(self, record_id: str, text: str, subject: str | None = None) -> None:
        """``subject``: a key naming the record's subject (``subject_key``); None when unknown."""
        found = signature(text)
        if found is None:
            return
        self._file.write(found.tobytes())
        self._ids.append(record_id)
        self._subjects.append(
            -1 if subject is None else self._subject_codes.setdefault(subject, len(self._subject_codes))
        )
        self._groups = None

    def __len__(self) -> int:
        """The records added with a text that has words."""
        return len(self._ids)

    def groups(self) -> list[tuple[str, ...]]:
        """Each group of two or more records, its ids sorted; the groups in the order of their first id."""
        return sorted(set(self._grouped().values()))

    def flags_for(self, record_id: str) -> list[Flag]:
        """One info flag naming the other records of the record's group; none outside a group."""
        group = self._grouped().get(record_id)
        if group is None:
            return []
        return [_same_release([other for other in group if other != record_id])]

    def _grouped(self) -> dict[str, tuple[str, ...]]:
        if self._groups is None:
            self._groups = self._find_groups()
        return self._groups

    def _find_groups(self) -> dict[str, tuple[str, ...]]:
        count = len(self._ids)
        if count < 2:
            return {}
        self._file.flush()
        signatures = np.memmap(self._file, dtype=np.uint32, mode="r", shape=(count, PERMUTATIONS))
        kept = _similar_pairs(signatures, np.array(self._subjects, dtype=np.int64))
        del signatures  # unmaps the file before it is closed
        groups: dict[str, tuple[str, ...]] = {}
        for rows in _components(kept):
            group = tuple(sorted(self._ids[row] for row in rows))
            groups.update((record_id, group) for record_id in group)
        return groups


def _band_pairs(signatures: NDArray[np.uint32]) -> Iterator[NDArray[np.int64]]:
    """Per band, (first row of a run of equal keys, another row of that run): at most one pair
    per record and band, however many records share a key."""
    count = len(signatures)
    rows = np.arange(count, dtype=np.int64)
    # Two uint32 values of a band read as one uint64: the band's key, equal exactly when both are.
    keys = signatures.view(np.uint64)
    for band in range(BANDS):
        column = np.array(keys[:, band])
        order = np.argsort(column, kind="stable")  # stable: a run's first record is its lowest row
        ordered = column[order]
        starts = np.ones(count, dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        first = order[np.maximum.accumulate(np.where(starts, rows, 0))]
        yield np.stack([first[~starts], order[~starts]], axis=1)


def _similar_pairs(signatures: NDArray[np.uint32], subjects: NDArray[np.int64]) -> NDArray[np.int64]:
    """(row, later row) of every two records that share a band, do not name different subjects
    and share at least ``THRESHOLD`` of their MinHash values; each pair once.

    Candidates are verified band by band and only the similar ones kept: memory follows the
    similar pairs, not the candidates (a similar pair is verified once per band it shares).
    """
    count = len(signatures)
    found = [np.empty(0, dtype=np.int64)]
    for band, pairs in enumerate(_band_pairs(signatures)):
        theirs, mine = subjects[pairs[:, 0]], subjects[pairs[:, 1]]
        pairs = pairs[(theirs < 0) | (mine < 0) | (theirs == mine)]
        pairs = pairs[_equal_values(signatures, pairs) >= _MIN_EQUAL]
        found.append(pairs[:, 0] * count + pairs[:, 1])  # one int64 per pair
        if band % 8 == 7:  # the same pair comes from several bands: merging now and then bounds the list
            found = [_distinct(np.concatenate(found))]
    codes = _distinct(np.concatenate(found))
    return np.stack([codes // count, codes % count], axis=1)


def _distinct(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The values sorted, each once (by sorting: numpy's hash-based unique is slower here)."""
    values.sort()
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _equal_values(signatures: NDArray[np.uint32], pairs: NDArray[np.int64]) -> NDArray[np.int64]:
    """How many of the 128 MinHash values each pair's two records share."""
    equal = np.empty(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), _PAIRS_AT_ONCE):
        chunk = pairs[start : start + _PAIRS_AT_ONCE]
        equal[start : start + len(chunk)] = np.count_nonzero(
            signatures[chunk[:, 0]] == signatures[chunk[:, 1]], axis=1
        )
    return equal


def _components(pairs: NDArray[np.int64]) -> list[list[int]]:
    """The connected components of the pairs (union-find over the rows they name)."""
    parent: dict[int, int] = {}

    def root(row: int) -> int:
        top = row
        while parent.get(top, top) != top:
            top = parent[top]
        while row != top:  # path compression: later look-ups are short
            parent[row], row = top, parent[row]
        return top

    for one, other in pairs.tolist():
        parent.setdefault(one, one)
        parent.setdefault(other, other)
        a, b = root(one), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: defaultdict[int, list[int]] = defaultdict(list)
    for row in parent:
        members[root(row)].append(row)
    return list(members.values())


def _same_release(others: list[str]) -> Flag:
    named = ", ".join(others[:_MAX_NAMED])
    if len(others) > _MAX_NAMED:
        named += f" and {len(others) - _MAX_NAMED} more"
    count = len(others)
    return flag(
        SAME_RELEASE,
        Severity.info,
        "source",
        f"The same press release as {count} other record{'s' if count != 1 else ''}: {named} "
        "(a dataset should count this result once).",
        _BASIS,
        related_record=others[0],  # the group's first id, or the next one for the first record itself
    )


def same_release_flags(records: Iterable[tuple[str, str, str | None]]) -> dict[str, list[Flag]]:
    """Flags per record id of (record id, article text, subject key) records in a release group."""
    found: dict[str, list[Flag]] = {}
    with ReleaseIndex() as index:
        ids = []
        for record_id, text, subject in records:
            index.add(record_id, text, subject)
            ids.append(record_id)
        for record_id in ids:
            flags = index.flags_for(record_id)
            if flags:
                found[record_id] = flags
    return found
