"""Who the article names: regions (via the Kemendagri gazetteer), ministries, agencies, vertical
offices (Polres, Kanwil, Kantor Pertanahan) and service units (Dinas, Puskesmas, DPMPTSP...).

Each mention carries a key, so that "Pemkot Batu", "Kota Batu" and a bare "Batu" after them are
one entity, and "Kemdikbudristek" is the "Kementerian ... (Kemendikbudristek)" named before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from extractor.names import PREFIX_KINDS
from extractor.regions import PROVINCE_ABBREVIATIONS, Gazetteer, Region, name_key
from extractor.rules._text import STOP_WORDS
from schemas.values import SubjectKind


class Category(StrEnum):
    region = "region"
    ministry = "ministry"
    agency = "agency"
    office = "office"
    unit = "unit"


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    key: str
    category: Category
    kind: SubjectKind
    written: str
    name: str  # the normalised name: "Kota Batu", "Kantor Wilayah ATR/BPN Provinsi Maluku"
    in_role: bool = False  # part of an official's title ("Wali Kota Batu")
    ignored: bool = False  # the Ombudsman's own office ("Ombudsman RI Jawa Timur"), "se-Jateng"
    bare: bool = False  # a region named without Kota/Kabupaten/Provinsi


_WORD = r"[A-Z][\w'’.-]*"
_REGION_PREFIX = re.compile(
    r"(?:Pemerintah\s+(Kota|Kabupaten|Kab\.|Provinsi|Prov\.)(?:\s*\((?:Pemkot|Pemko|Pemkab|Pemprov)\))?|"
    r"Pemkot|Pemko|Pemkab|Pemprov|Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+(?=[A-Z])"
)
_CAP_TOKEN = re.compile(r"[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)?")
_TOKEN_AT = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)?)")
_ROLE_BEFORE = re.compile(
    r"(?:Wali|Wakil\s+Wali|Bupati|Gubernur|Walikota|Sekda|Sekretaris\s+Daerah|Setda|Sekretariat\s+Daerah|"
    r"Bagian\s+\w+|Ibu|Kepala\s+\w+)\s*$",
    re.IGNORECASE,
)
_OMBUDSMAN_BEFORE = re.compile(
    r"(?:Ombudsman(?:\s+(?:RI|Republik\s+Indonesia))?(?:\s+Perwakilan)?(?:\s+Provinsi)?|Perwakilan(?:\s+Provinsi)?)\s*$"
)
_SE_BEFORE = re.compile(r"\bse-?\s*$", re.IGNORECASE)

_MINISTRY_LONG = re.compile(
    r"Kementerian\s+(?:[A-Z][\w-]*(?:,\s*(?:dan\s+)?|\s+(?:dan\s+)?))*[A-Z][\w-]*\s*\((?P<abbr>[A-Za-z-]{3,20})\)"
    r"|Kementerian(?:[ \t]+(?:dan[ \t]+)?[A-Z][\w-]*)+"
)
_MINISTRY_ABBR = re.compile(
    r"Kem(?:en)?(?:-)?(?:PAN-?RB|PANRB|dikbud\w*|dikdasmen|diktisaintek|kes|ag|kumham|ham|keu|tan|hub|sos|"
    r"naker|nakertrans|dagri|lu|pora|parekraf|kominfo|komdigi|desa\w*|pupr|PUPR|ATR\w*|lhk|KKP|perin|dag|"
    r"investasi|ristek\w*|imipas|koperasi\w*|PPPA|pppa|BUMN|ESDM|esdm|PU|P2MI|PKP|sesneg|enko\w*)\b"
)
# The ministries' portfolios and the short forms the press uses for them, so that "Kementerian
# Agama" and "Kemenag" are one entity, and "Menteri Agama X" ends its title at "Agama".
PORTFOLIOS: dict[str, str] = {
    "Agama": "Kemenag",
    "Keuangan": "Kemenkeu",
    "Kesehatan": "Kemenkes",
    "Ketenagakerjaan": "Kemnaker",
    "Perhubungan": "Kemenhub",
    "Sosial": "Kemensos",
    "Dalam Negeri": "Kemendagri",
    "Luar Negeri": "Kemenlu",
    "Hukum dan HAM": "Kemenkumham",
    "Hukum dan Hak Asasi Manusia": "Kemenkumham",
    "Hukum": "Kemenkum",
    "Hak Asasi Manusia": "KemenHAM",
    "Imigrasi dan Pemasyarakatan": "Kemenimipas",
    "Pertanian": "Kementan",
    "Perdagangan": "Kemendag",
    "Perindustrian": "Kemenperin",
    "Pekerjaan Umum dan Perumahan Rakyat": "KemenPUPR",
    "Pekerjaan Umum": "KemenPU",
    "Kelautan dan Perikanan": "KKP",
    "Lingkungan Hidup dan Kehutanan": "KLHK",
    "Komunikasi dan Informatika": "Kemkominfo",
    "Komunikasi dan Digital": "Komdigi",
    "Pemuda dan Olahraga": "Kemenpora",
    "Pariwisata dan Ekonomi Kreatif": "Kemenparekraf",
    "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi": "KemenPAN-RB",
    "Badan Usaha Milik Negara": "KemenBUMN",
    "Energi dan Sumber Daya Mineral": "KemenESDM",
    "Sekretariat Negara": "Kemensetneg",
    "Agraria dan Tata Ruang/Badan Pertanahan Nasional": "KemenATR/BPN",
    "Agraria dan Tata Ruang": "KemenATR",
    "Pendidikan, Kebudayaan, Riset, dan Teknologi": "Kemendikbudristek",
    "Pendidikan dan Kebudayaan": "Kemendikbud",
    "Pendidikan Dasar dan Menengah": "Kemendikdasmen",
    "Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi": "Kemendes",
    "Koperasi dan UKM": "KemenKopUKM",
    "Investasi": "Kemeninvestasi",
}
PORTFOLIO = re.compile(
    "|".join(
        r"\s+".join(re.escape(word) for word in name.split())
        for name in sorted(PORTFOLIOS, key=len, reverse=True)
    )
    + r"(?![\w/-])"
)
_PORTFOLIO_AT = re.compile(r"[ \t]+")
_AGENCIES = re.compile(
    r"(?:BPOM|Badan\s+Pengawas\s+Obat\s+dan\s+Makanan|BPJS\s+(?:Kesehatan|Ketenagakerjaan)|BKN|BNN|BPS|"
    r"Badan\s+Pusat\s+Statistik|LKPP|BNPB|Basarnas|BMKG|BP2MI|Polri|Kepolisian\s+Negara\s+Republik\s+Indonesia|"
    r"Kejaksaan\s+Agung|Mahkamah\s+Agung|BPN|Badan\s+Pertanahan\s+Nasional|Bakamla|Bapeten|BRIN|LAN|ANRI|"
    r"Perpustakaan\s+Nasional|Perpusnas|BKPM|BSSN|Bawaslu|KPU)\b"
)
_OFFICE = re.compile(
    r"(?P<head>Kanwil|Kantor\s+Wilayah|Kantor\s+Pertanahan|Kantah|Polresta|Polrestabes|Polres|Polda|"
    r"Kepolisian\s+Resor(?:\s+Kota)?|Kantor\s+Imigrasi|Kanim|Lapas|Rutan|Kejaksaan\s+Negeri|Kejari|"
    r"Kantor\s+Kementerian\s+Agama|Kantor\s+Pelayanan\s+Pajak|KPP\s+Pratama|Samsat|Kantor\s+Cabang|"
    r"Pengadilan\s+Negeri|Pengadilan\s+Agama|Balai\s+Besar|Kantor\s+SAR)"
)
UNIT_HEAD = re.compile(
    r"(?:Dinas|Badan|Direktorat(?:\s+Jenderal)?|Puskesmas|RSUD|Rumah\s+Sakit(?:\s+Umum)?(?:\s+Daerah)?|Kecamatan|Kelurahan|"
    r"Satuan|Inspektorat|UPTD?|Mal(?:l)?\s+Pelayanan\s+Publik|MPP|Kantor\s+Camat|Bagian)\b"
)
_UNIT_ABBR = re.compile(
    r"(?:DPMPTSP|DPM-PTSP|DPM\s?PTSP|Dispendukcapil|Disdukcapil|Dukcapil|Disdikbud|Disdik|Dinsos|"
    r"Dinkes|Disnaker|Disnakertrans|Disperindag|Disperkim|DLH|BPBD|Bapenda|Bappenda|BPKAD|Bappeda|"
    r"Satpol\s?PP|Dishub|Diskominfo|DPUPR|PUPR|Distan|Disbudpar|DP3A|DPPKB|DPMD|Dispenda|Disporapar|"
    r"Disparbud|Disdag|Diskes)\b"
)


def _word_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a word (the patterns above leave their leading \\b to this)."""
    return pos == 0 or not text[pos - 1].isalnum()


_PAREN_ABBR = re.compile(r"\s*\(([A-Za-z][\w/.-]{1,24})\)")
_TAIL_WORD = re.compile(r"[ \t]+(?:(?:dan|&)[ \t]+(?=[A-Z]))?([A-Z][\w/'’.-]*)")


# Words that end the name of a unit or office (fewer than STOP_WORDS: "Pelayanan Terpadu Satu Pintu",
# "Satuan Lalu Lintas").
_NAME_STOP = STOP_WORDS - {"pelayanan", "publik", "standar", "dan", "kualitas", "pemerintah", "hasil", "lalu"}


def _tail(text: str, pos: int, limit: int, region_end: Callable[[int], int | None] | None = None) -> int:
    """End of the run of capitalised words (plus 'dan', roman numerals, '(ABBR)', a 'dr.' inside a
    hospital's name) from ``pos``; with ``region_end``, the name ends after a region named with
    its kind ("Dinas Kesehatan Kota Kediri Fajar Ridwan": the name ends at Kediri)."""
    end = pos
    words = 0
    while words < limit:
        paren = _PAREN_ABBR.match(text, end)
        if paren is not None and (
            words or _TAIL_WORD.match(text, paren.end()) or _HONORIFIC_IN_NAME.match(text, paren.end())
        ):
            end = paren.end()  # "Kantor Pertanahan (Kantah) Kabupaten Bogor"
            continue
        honorific = _HONORIFIC_IN_NAME.match(text, end)
        if honorific is not None:
            end = honorific.end()  # "RSUD dr. Iskak"
            continue
        if region_end is not None:
            after_region = region_end(end)
            if after_region is not None:
                return after_region
        match = _TAIL_WORD.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if word.lower().rstrip(".") in _NAME_STOP:
            break
        end = match.end()
        words += 1
        if word.endswith("."):
            end -= 1
            break
    return end


_HONORIFIC_IN_NAME = re.compile(r"[ \t]+(?:dr|drg|Dr|Prof)\.?(?=[ \t]+[A-Z])")
_KIND_BEFORE_REGION = re.compile(r"[ \t]+(Kota|Kabupaten|Kab\.|Provinsi)[ \t]+(?=[A-Z])")
_DI_REGION = re.compile(r"[ \t]+di[ \t]+(?=[A-Z])")
_ALL_CAPS = re.compile(r"[A-Z]{2,}$")
_WORD_START = re.compile(r"[ \t]+(?=[A-Z])")


class EntityFinder:
    """Finds the mentions of one article; built once per process around the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Whether a capitalised word may begin a bare region name, by the word: articles repeat
        # the same few hundred words, and the answer needs a gazetteer look-up.
        self._bare_word: dict[str, bool] = {}

    def _bare_candidates(self, text: str) -> list[str]:
        """The capitalised words of ``text`` (each once) that may begin a region's name."""
        known = self._bare_word
        found: list[str] = []
        for token in set(_CAP_TOKEN.findall(text)):
            ok = known.get(token)
            if ok is None:
                ok = self.gazetteer.may_start(token) and token.lower() not in STOP_WORDS
                if len(known) < 100_000:
                    known[token] = ok
            if ok:
                found.append(token)
        return found

    def region_at(
        self, text: str, pos: int, kind: SubjectKind | None, *, ambiguous: bool = False
    ) -> tuple[Region, int] | None:
        """The longest gazetteer name starting at ``pos`` (up to four words).

        ``ambiguous``: a name shared by a kota and a kabupaten still counts (for its extent).
        """
        first = _TOKEN_AT.match(text, pos)
        if first is None or not first.group(1)[:1].isupper():
            return None  # a name starts with a capital
        may_start = self.gazetteer.may_start
        words: list[str] = []
        ends: list[int] = []
        joined = ""
        match: re.Match[str] | None = first
        for _ in range(self.gazetteer.max_words):
            if match is None:
                break
            word = match.group(1)
            joined += word
            if not may_start(joined):
                break
            words.append(word)
            ends.append(match.end())
            match = _TOKEN_AT.match(text, match.end())
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count])
            region = self.gazetteer.lookup(name, kind)
            if region is None and kind is not None and count == 1:
                region = self.gazetteer.lookup(name, None)  # "Pemkab Bukittinggi": a kota
            if region is None and ambiguous:
                found = self.gazetteer.candidates(name)
                region = found[0] if found else None
            if region is not None:
                return region, ends[count - 1]
        return None

    def region_end(self, text: str, pos: int) -> int | None:
        """End of a region named at ``pos`` (after a space) with its kind word, or of a province."""
        kind = _KIND_BEFORE_REGION.match(text, pos)
        if kind is not None:
            found = self.region_at(text, kind.end(), PREFIX_KINDS[kind.group(1).lower()])
            return found[1] if found is not None else None
        space = _WORD_START.match(text, pos)
        if space is None:
            return None
        found = self.region_at(text, space.end(), SubjectKind.provinsi)
        return found[1] if found is not None and found[0].kind == SubjectKind.provinsi else None

    def _office_end(self, text: str, start: int, head_end: int) -> int:
        end = _tail(text, head_end, 9, lambda at: self.region_end(text, at))
        di = _DI_REGION.match(text, end)
        last = text[start:end].split()[-1] if end > head_end else ""
        if di is not None and _ALL_CAPS.match(last):  # "Balai Besar POM di Surabaya"
            found = self.region_at(text, di.end(), None, ambiguous=True)
            if found is not None:
                return found[1]
        return end

    def _without_region(self, text: str, start: int, end: int) -> str:
        """The unit's name without a trailing region ("RSUD dr. Iskak Tulungagung" -> "RSUD dr.
        Iskak"; "Disdukcapil Lombok Timur" -> "Disdukcapil"), for its key."""
        written = text[start:end]
        for space in _SPACES.finditer(written):
            at = start + space.end()
            kind = _KIND_BEFORE_REGION.match(text, start + space.start())
            found = (
                self.region_at(text, kind.end(), PREFIX_KINDS[kind.group(1).lower()])
                if kind is not None
                else self.region_at(text, at, None, ambiguous=True)
            )
            if found is not None and found[1] == end:
                return written[: space.start()]
        return written

    def find(self, text: str, title_end: int) -> list[Mention]:
        mentions: list[Mention] = []
        taken = bytearray(len(text) + 1)  # 1 where a mention already covers the text

        def free(start: int, end: int) -> bool:
            return taken.find(1, start, end) < 0

        def add(mention: Mention) -> None:
            mentions.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

        for match in _OFFICE.finditer(text):
            if not _word_start(text, match.start()):
                continue
            end = self._office_end(text, match.start(), match.end())
            if end == match.end():
                continue
            written = text[match.start() : end]
            name = _office_name(written)
            add(Mention(match.start(), end, "office:" + _office_key(name), Category.office,
                        SubjectKind.other, written, name))  # fmt: skip
        for match in _MINISTRY_LONG.finditer(text):
            if not _word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            written = match.group(0)
            abbr = match.group("abbr")
            if not abbr:  # a headline in title case: "Kementerian Luar Negeri Raih Predikat ..."
                words = written.split()
                keep = next((i for i, w in enumerate(words[1:], 1) if w.lower() in _NAME_STOP), len(words))
                if keep == 1:
                    continue
                written = " ".join(words[:keep])
            portfolio = PORTFOLIO.match(written, len("Kementerian") + 1) if not abbr else None
            if portfolio is not None:  # "Kementerian Agama" = "Kemenag"
                written = written[: portfolio.end()]
            if abbr:
                key = _ministry_key(abbr)
            elif portfolio is not None:
                key = _ministry_key(PORTFOLIOS[" ".join(portfolio.group(0).split())])
            else:
                key = name_key(written)
            add(Mention(match.start(), match.start() + len(written), "ministry:" + key, Category.ministry,
                        SubjectKind.kementerian, written, written))  # fmt: skip
        for match in _MINISTRY_ABBR.finditer(text):
            if not _word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            key = _ministry_key(match.group(0))
            add(Mention(match.start(), match.end(), "ministry:" + key, Category.ministry,
                        SubjectKind.kementerian, match.group(0), match.group(0)))  # fmt: skip
        for match in _AGENCIES.finditer(text):
            if not _word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            add(Mention(match.start(), match.end(), "agency:" + name_key(match.group(0)), Category.agency,
                        SubjectKind.lembaga, match.group(0), match.group(0)))  # fmt: skip
        for match in UNIT_HEAD.finditer(text):
            if not _word_start(text, match.start()) or not free(match.start(), match.end()):
                continue
            end = _tail(text, match.end(), 9, lambda at: self.region_end(text, at))
            if end == match.end():
                continue
            written = text[match.start() : end].strip()
            base = self._without_region(text, match.start(), end)
            if len(base.split()) < 2:
                base = written  # "Puskesmas Batu": the region is the name
            name = _unit_name(written)
            add(Mention(match.start(), end, "unit:" + _unit_key(_unit_name(base)), Category.unit,
                        SubjectKind.other, written, name))  # fmt: skip
        for match in _UNIT_ABBR.finditer(text):
            if not _word_start(text, match.start()) or not free(match.start(), match.end()):
                continue
            end = match.end()
            found = self.region_end(text, end)
            if found is None and _WORD_START.match(text, end):
                region = self.region_at(text, _WORD_START.match(text, end).end(), None)  # type: ignore[union-attr]
                found = region[1] if region is not None else None
            if found is not None and free(end, found):
                end = found  # "Disdukcapil Lombok Timur"
            written = text[match.start() : end]
            add(Mention(match.start(), end, "unit:" + _unit_key(match.group(0)), Category.unit,
                        SubjectKind.other, written, written))  # fmt: skip
        self._regions(text, title_end, taken, free, add)
        mentions.sort(key=lambda m: m.start)
        _locations(text, mentions)
        _link_abbreviations(mentions)
        return mentions

    def _regions(
        self,
        text: str,
        title_end: int,
        taken: bytearray,
        free: Callable[[int, int], bool],
        add: Callable[[Mention], None],
    ) -> None:
        prefixed: set[str] = set()
        for match in _REGION_PREFIX.finditer(text):
            if not _word_start(text, match.start()):
                continue
            word = (match.group(1) or match.group(0).split()[0]).lower()
            kind = PREFIX_KINDS[word]
            found = self.region_at(text, match.end(), kind)
            if found is None:
                continue
            region, end = found
            if not free(match.start(), end):
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            mention = _region_mention(text, match.start(), end, region, before)
            if mention.ignored and text[match.start() : match.start() + 3] == "Pem":
                mention.ignored = False  # "Perwakilan ... Pemprov X": the government, not the office
            prefixed.add(mention.key)
            add(mention)
        # Bare names: provinces always; a kota/kabupaten when it was named with its prefix,
        # or when a headline names it alone ("Limapuluh Kota dan Mentawai Dapat Rapor Merah").
        starts: list[int] = []
        # few words per article: find them directly, not word by word
        for token in self._bare_candidates(text):
            at = text.find(token)
            while at >= 0:
                after = at + len(token)
                if after >= len(text) or not (text[after].isalpha() or text[after] in "'’"):
                    starts.append(at)
                at = text.find(token, after)
        for start in sorted(starts):
            glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")
            if glued and not _SE_BEFORE.search(text[max(0, start - 3) : start]):
                continue
            if taken[start]:
                continue  # inside a mention found before
            found = self.region_at(text, start, None)
            if found is None:
                continue
            region, end = found
            if not free(start, end):
                continue
            key = _region_key(region)
            unknown = region.kind != SubjectKind.provinsi and key not in prefixed
            if unknown and (start >= title_end or len(text[start:end]) < 4):
                continue
            before = text[max(0, start - 40) : start]
            mention = _region_mention(text, start, end, region, before)
            mention.bare = True
            add(mention)


def _region_key(region: Region) -> str:
    return "region:" + region.code


_ROLE_WORDS = frozenset({"wali", "bupati", "gubernur", "walikota", "sekda", "setda", "ibu", "daerah"})
_OMBUDSMAN_TAIL = frozenset({"ri", "republik", "indonesia", "perwakilan", "provinsi"})


def _region_mention(text: str, start: int, end: int, region: Region, before: str) -> Mention:
    mention = Mention(start, end, _region_key(region), Category.region, region.kind, text[start:end],
                      region.official_name)  # fmt: skip
    words = before.split()[-5:]
    last = words[-1].lower() if words else ""
    # "Wali Kota Batu", "Bupati Batang", "Sekretaris Daerah Kota Blitar", "Ibu Kota Kendari"
    mention.in_role = last in _ROLE_WORDS or (len(words) > 1 and words[-2].lower() == "kepala")
    # "Ombudsman RI Jawa Timur", "Perwakilan Provinsi Maluku", "se-Jawa Tengah"
    for word in reversed(words):
        folded = word.lower()
        if folded in ("ombudsman", "perwakilan"):
            mention.ignored = True
            break
        if folded not in _OMBUDSMAN_TAIL:
            break
    if before.endswith(("se-", "se ")) and (len(before) < 4 or not before[-4].isalnum()):
        mention.ignored = True
    return mention


_KANWIL = re.compile(r"^Kanwil\b")
_OFFICE_PAREN = re.compile(r"^(Kantor\s+\w+)\s*\([^)]*\)")
_PROVINSI = re.compile(r"\bProvinsi\b")
_PAREN_AT_END = re.compile(r"\(([^)]+)\)\s*$")
_SPACES = re.compile(r"[ \t]+")


def _paren_at_end(written: str) -> re.Match[str] | None:
    """'(ABBR)' closing a name ("Kantor Pertanahan (Kantah)"); most names have no bracket."""
    return _PAREN_AT_END.search(written) if ")" in written else None


_KANTAH = re.compile(r"^Kantah\b")
_LONG_WITH_ABBR = re.compile(
    r"^(?P<head>Kantor\s+Wilayah|Kantor\s+Pertanahan)\s+(?P<long>.+?)\s*\((?P<abbr>[^)]+)\)"
)


def _office_name(written: str) -> str:
    """'Kanwil ATR/BPN ...' -> 'Kantor Wilayah ATR/BPN ...'; a long form with (ABBR) -> the ABBR."""
    name = _KANWIL.sub("Kantor Wilayah", " ".join(written.split()))
    name = _KANTAH.sub("Kantor Pertanahan", name)
    name = _OFFICE_PAREN.sub(r"\1", name)  # "Kantor Pertanahan (Kantah) X"
    match = _LONG_WITH_ABBR.match(name)
    if match:
        name = f"{match.group('head')} {match.group('abbr')}{name[match.end() :]}"
    return name


def _office_key(name: str) -> str:
    words = _PROVINSI.sub("", name).split()
    return name_key(" ".join(PROVINCE_ABBREVIATIONS.get(w.lower(), w) for w in words))


_HEAD_PAREN = re.compile(r"^(?P<head>.+?)\s*\((?P<abbr>[A-Z][\w/.-]{1,24})\)\s+(?=\S)")


def _unit_name(written: str) -> str:
    """'Rumah Sakit Umum Daerah (RSUD) dr. Iskak' -> 'RSUD dr. Iskak': the abbreviation of the
    head stands for it when a name follows."""
    match = _HEAD_PAREN.match(written)
    if match is None or not UNIT_HEAD.fullmatch(match.group("head")):
        return written
    return f"{match.group('abbr')} {written[match.end() :]}"


def _ministry_key(abbr: str) -> str:
    key = name_key(abbr)
    return "kem" + key[5:] if key.startswith("kemen") else key


def _unit_key(written: str) -> str:
    paren = _paren_at_end(written)
    return name_key(paren.group(1)) if paren else name_key(written)


def office_head(name: str) -> str:
    """The kind of a vertical office: 'polres', 'kantor pertanahan', 'kantor wilayah'..."""
    match = _OFFICE.match(name)
    return " ".join(match.group("head").lower().split()) if match else name.lower()


def _locations(text: str, mentions: list[Mention]) -> None:
    """'Kota Samarinda, Kalimantan Timur,': a province in apposition to a kota or kabupaten is
    where it lies, not another entity."""
    for before, mention in itertools.pairwise(mentions):
        if (
            mention.category == Category.region
            and mention.kind == SubjectKind.provinsi
            and before.category == Category.region
            and before.kind != SubjectKind.provinsi
            and text[before.end : mention.start].strip() == ","
        ):
            mention.ignored = True


def _link_abbreviations(mentions: list[Mention]) -> None:
    """A unit or ministry named once as 'Long Form (ABBR)' is the same entity as a later 'ABBR'."""
    by_abbr: dict[str, str] = {}
    for mention in mentions:
        paren = _paren_at_end(mention.written)
        if paren and mention.category in (Category.unit, Category.ministry):
            by_abbr[name_key(paren.group(1))] = mention.key
    for mention in mentions:
        if mention.category == Category.unit:
            alias = by_abbr.get(name_key(mention.written))
            if alias:
                mention.key = alias
