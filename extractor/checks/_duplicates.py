"""Check 10: the same unit or the same official listed twice.

Names are compared with case and punctuation aside, and a unit's parenthesised short form
counts as its name too: "Dinas Sosial (Dinsos)" and "Dinsos" are one unit, and so are a unit's
long and usual short name ("Dinas Kependudukan dan Pencatatan Sipil" and "Disdukcapil"). An
official is the same with or without titles, degrees and ranks ("Prof. Dr. Ir. X, MT", "Irjen
X", "Hj. X, SE, MM") and with a one-letter spelling difference ("Mokhamad" / "Mokhammad", "Achmad" /
"Ahmad"), which is only a warning. The later entry is flagged, pointing back at the first.
"""

from __future__ import annotations

from extractor.checks._base import Context, flag, num
from extractor.checks._text import name_variants, words
from extractor.matching import same_person
from schemas.record import Flag, Severity

DUPLICATE_UNIT = "duplicate_unit"
DUPLICATE_OFFICIAL = "duplicate_official"
CODES = (DUPLICATE_UNIT, DUPLICATE_OFFICIAL)

_BASIS = "each assessed unit and each official appears once in a record"

# The usual short forms of the service units the Ombudsman assesses in a pemerintah daerah, as
# the press prints them beside or instead of the long name (OMBUDSMAN.md, 'The exercise': "a
# handful of service units ... Dispendukcapil, DPMPTSP, Dinas Sosial, Dinas Pendidikan,
# Puskesmas X"). Each short form -> the long name, both folded as ``words`` folds them.
UNIT_SHORT_FORMS: dict[str, str] = {
    "dinsos": "dinas sosial",
    "disdukcapil": "dinas kependudukan dan pencatatan sipil",
    "dispendukcapil": "dinas kependudukan dan pencatatan sipil",
    "dukcapil": "dinas kependudukan dan pencatatan sipil",
    "dpmptsp": "dinas penanaman modal dan pelayanan terpadu satu pintu",
    "dinkes": "dinas kesehatan",
    "disdik": "dinas pendidikan",
    "dispendik": "dinas pendidikan",
    "dishub": "dinas perhubungan",
    "disnaker": "dinas tenaga kerja",
    "disnakertrans": "dinas tenaga kerja dan transmigrasi",
    "dinas pmptsp": "dinas penanaman modal dan pelayanan terpadu satu pintu",
    "rsud": "rumah sakit umum daerah",
}

# Words before a person's name that are not part of it: religious and academic titles, and the
# ranks of the police and the armed forces printed before the names of Kapolres and Dandim.
_BEFORE_NAME = frozenset({
    "h", "hj", "kh", "dr", "drs", "dra", "ir", "prof", "hc", "ing", "apt", "ns", "irjen", "brigjen",
    "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu",
    "bripda", "jenderal", "letjen", "mayjen", "laksma", "marsma", "kolonel", "letkol", "mayor",
    "kapten", "lettu", "letda", "pol",
})  # fmt: skip
# Degrees printed after a name ("Ir Budi, MT", "Hj. Sari, SE, MM", "Andi S.Sos"): the usual
# Indonesian academic degrees and professional titles, folded. Without a comma before it, a
# trailing word counts as a degree only when printed as one (in capitals or with a dot).
_DEGREES = frozenset({
    "st", "se", "sh", "sp", "sag", "spd", "spdi", "sos", "ssos", "sip", "skm", "sked", "skep", "stp",
    "sik", "sikom", "ssi", "sst", "sstp", "sth", "shi", "sei", "sr", "mt", "mm", "mh", "msi", "mpd",
    "mpdi", "msc", "mba", "mkes", "mkm", "map", "mag", "mtp", "mhum", "mse", "mep", "mec", "phd", "ak",
    "ca", "cpa", "ked", "kes", "pd", "pdi", "ip", "ik", "hum", "kom", "ipu", "ipm", "ap", "dr",
})  # fmt: skip


def check_duplicates(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    flags: list[Flag] = []
    seen: dict[str, int] = {}
    for i, unit in enumerate(e.units):
        keys = unit_keys(unit.name)
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            other = e.units[first]
            same = other.score == unit.score
            scores = (
                ""
                if unit.score is None
                else f" ({num(unit.score)}" + (")" if same else f" vs {num(other.score or 0)})")
            )
            flags.append(
                flag(
                    DUPLICATE_UNIT,
                    Severity.error,
                    f"units[{i}]",
                    f"Unit {unit.name!r}{scores} is listed again: it is units[{first}] {other.name!r}.",
                    _BASIS,
                    ctx.spans(f"units[{first}]", f"units[{i}]"),
                )
            )
        for key in keys:
            seen.setdefault(key, i)
    for i, official in enumerate(e.officials):
        match = next(
            ((j, exact) for j in range(i) if (exact := _same_official(e.officials[j].name, official.name))),
            None,
        )
        if match is None:
            continue
        first, exact = match
        same_role = words(e.officials[first].role) == words(official.role)
        spelled = "" if exact == "name" else " (spelled differently)"
        flags.append(
            flag(
                DUPLICATE_OFFICIAL,
                Severity.error if same_role and exact == "name" else Severity.warning,
                f"officials[{i}]",
                f"{official.name} ({official.role}) is listed again{spelled}: officials[{first}] is "
                f"{e.officials[first].name} ({e.officials[first].role}).",
                _BASIS,
                ctx.spans(f"officials[{first}]", f"officials[{i}]"),
            )
        )
    return flags


def unit_keys(name: str) -> list[str]:
    """A unit's names as written (``name_variants``) and each short form's long name."""
    keys = name_variants(name)
    return list(dict.fromkeys([*keys, *(UNIT_SHORT_FORMS[k] for k in keys if k in UNIT_SHORT_FORMS)]))


def bare_name(name: str) -> str:
    """'Prof. Dr. Ir. Budi Santoso, MT' -> 'budi santoso': titles, ranks and degrees out."""
    tokens = name.split(",")[0].split()  # degrees after a comma go with the comma
    while len(tokens) > 1 and words(tokens[0]).replace(" ", "") in _BEFORE_NAME:
        tokens.pop(0)
    while len(tokens) > 1 and _printed_degree(tokens[-1]):
        tokens.pop()
    return words(" ".join(tokens))


def _printed_degree(token: str) -> bool:
    """'MT', 'S.Sos', 'M.Si.': a degree as printed after a name."""
    folded = words(token).replace(" ", "")
    return folded in _DEGREES and (token.isupper() or "." in token)


def _same_official(a: str, b: str) -> str | None:
    """'name' when two officials' names are one person's, 'spelling' when they differ by one
    letter in one word, None otherwise."""
    x, y = bare_name(a), bare_name(b)
    if same_person(a, b) or x == y:
        return "name"
    xs, ys = x.split(), y.split()
    if len(xs) != len(ys):
        return None  # a one-word name ("Afrizal"/"Affrizal") too: the edits allowed are that narrow
    differ = [(p, q) for p, q in zip(xs, ys, strict=True) if p != q]
    if len(differ) == 1 and min(len(differ[0][0]), len(differ[0][1])) >= 5 and _one_edit(*differ[0]):
        return "spelling"
    return None


# Letters the press swaps in one name ("Jusuf"/"Yusuf", "Hendri"/"Hendry", "Mulyono"/"Mulyana" is
# not one of them): old and new spelling (j/y) and i/y.
_SWAPS = frozenset({("i", "y"), ("y", "i"), ("j", "y"), ("y", "j")})


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one name spelled two ways: a letter doubled or not
    ("Mokhamad"/"Mokhammad"), an 'h' (or the 'c' of 'ch') in or out ("Achmad"/"Ahmad"), or one
    old-spelling swap ("Jusuf"/"Yusuf"). Another changed letter makes another name ("Hartono"/
    "Harsono")."""
    if len(a) == len(b):
        differ = [(p, q) for p, q in zip(a, b, strict=True) if p != q]
        return len(differ) == 1 and differ[0] in _SWAPS
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] != short:
            continue
        letter = long[i]
        doubled = (i > 0 and long[i - 1] == letter) or (i + 1 < len(long) and long[i + 1] == letter)
        if doubled or letter == "h" or (letter == "c" and long[i + 1 : i + 2] == "h"):
            return True
    return False
