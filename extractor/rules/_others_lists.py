"""Lists of other subjects given one zone or grade, without scores: "yang masuk zona hijau, yaitu
Kota A, Kabupaten B dan C", "A dan B masuk zona kuning", and the label stated in the sentence
before the list ("Lima daerah meraih zona hijau. Mereka adalah A, B, ...", "Zona merah:" then the
list) or in the list that a sentence goes on with ("Berikutnya C dan D").

Each name of the run gets the label; a count ("34 kota di zona hijau") names nobody and gives
nothing, nor does a plan ("diharapkan masuk zona hijau").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from extractor.rules._anchored import Cued
from extractor.rules._article import Article
from extractor.rules._entities import Category, Mention
from extractor.rules._labels import Label, first_labels, labels_in
from extractor.rules._others_cues import ANAPHOR, CONTINUATION, OPENER, WHOLE_GROUP
from extractor.rules._others_names import is_other
from extractor.rules._results import PLACE_BEFORE
from extractor.rules._stated import denied_label, other_index_label, present_labels
from extractor.rules._unit_lists import LIST_GAP
from schemas.draft import DraftOther
from schemas.values import SubjectKind, Zone

# After a list, the verb that hands it the label that follows ("A dan B masuk zona kuning", "...
# masih tertahan di zona kuning", "... naik ke zona hijau": the zone they are in now; not "naik dari").
_ADVERBS = r"\s*,?\s*(?:(?:juga|pun|sama-sama|semuanya|masih|tetap|kembali|berhasil|sudah|telah)\s+){0,2}"
_CLOSER = re.compile(
    _ADVERBS + r"(?:masuk|berada|meraih|memperoleh|mendapat(?:kan)?|menyandang|berpredikat|tergolong|"
    r"termasuk|tertahan|bertahan|terjebak|menempati|(?:naik|turun|merosot)\s+ke)\b[^.;\n]{0,30}$",
    re.IGNORECASE,
)
# A label that is its own verb ("A masih berpredikat kepatuhan rendah", "B berkepatuhan tinggi").
_VERB_LABEL = re.compile(r"ber(?:predikat|kepatuhan)\b", re.IGNORECASE)
_ONLY_ADVERBS = re.compile(_ADVERBS, re.IGNORECASE)
# "Tingkat kepatuhan Kota X terhadap aturan ... masih rendah dan masuk ke zona merah": the sentence
# describes one name's compliance level, and the verb that hands it the label comes later, joined
# by "dan"/"sehingga" within the clause.
_LEVEL_OF = re.compile(r"\b(?:tingkat|nilai|predikat|hasil\s+penilaian)\s+kepatuhan\s+$", re.IGNORECASE)
_LATE_CLOSER = re.compile(
    r"[^.;,\n]{0,80}?\b(?:dan|sehingga|serta)\s+(?:(?:juga|pun)\s+)?(?:masuk|berada|tergolong|termasuk)\b"
    r"[^.;\n]{0,30}$",
    re.IGNORECASE,
)
# Words of the sentence that put a label out of the list's reach: a plan, a wish.
_NOT_RESULT = re.compile(
    r"\b(?:akan|target\w*|menargetkan|ditargetkan|berharap|harapan|diharapkan|tahun\s+depan)\b", re.IGNORECASE
)
# (each match holds one of these: a sentence without them is passed over without a regex search)
NOT_RESULT = Cued(_NOT_RESULT, ("akan", "target", "harap", "depan"))
# "Polres jajaran Polda Jabar, ...": the office whose ranks the list is of, not one of them.
_RANKS_OF = Cued(re.compile(r"\bjajaran\s*$", re.IGNORECASE), ("jajaran",))


def runs(
    article: Article, names: list[Mention], subject: Mention | None, unit_names: set[str]
) -> list[list[Mention]]:
    """Runs of other subjects' names joined by commas, "dan", "serta", within one sentence."""
    text, doc = article.text, article.doc
    found: list[list[Mention]] = []
    run: list[Mention] = []
    for mention in names:
        if (
            mention.category == Category.group
            and run
            and LIST_GAP.fullmatch(text, run[-1].end, mention.start)
        ):
            run.append(mention)  # an unknown name holds its place on the list (``_others_bare``)
            continue
        # (the place words last: two searches, where most names are ruled out before them)
        if (
            not is_other(mention, subject, unit_names)
            or doc.in_title(mention.start)
            or PLACE_BEFORE.search(text, max(0, mention.start - 12), mention.start) is not None
            or _RANKS_OF.search(text, max(0, mention.start - 12), mention.start) is not None
        ):
            if run:  # another kind of name ends the list
                found.append(run)
                run = []
            continue
        if run and (
            LIST_GAP.fullmatch(text, run[-1].end, mention.start) is None
            or doc.sentence_of(mention.start) != doc.sentence_of(run[0].start)
        ):
            found.append(run)
            run = []
        run.append(mention)
    if run:
        found.append(run)
    for run in found:
        while run and run[-1].category == Category.group:
            run.pop()
    return [run for run in found if any(m.category != Category.group for m in run)]


def listed(
    article: Article,
    names: list[Mention],
    subject: Mention | None,
    year: int | None,
    unit_names: set[str],
    blocked: set[int],
) -> list[tuple[int, DraftOther, str]]:
    """Each name of each labelled run, with the run's label (``blocked``: the sentences of another
    body's index)."""
    text, doc = article.text, article.doc
    scored = sorted(s.number.start for s in article.scores)
    starts = [m.start for m in names]  # (names are in order: looked up by bisection, not scanned)
    found: list[tuple[int, DraftOther, str]] = []
    by_sentence: dict[int, list[Label]] = {}  # the labels each sentence's list got
    for run in runs(article, names, subject, unit_names):
        index = doc.sentence_of(run[0].start)
        if index in doc.skipped or index in blocked:
            continue
        start, end = doc.sentence_span(index)
        at = bisect_left(scored, run[0].start)
        if NOT_RESULT.search(text, start, end) or (at < len(scored) and scored[at] < run[-1].end):
            continue
        labels = (
            _before(names, starts, text, run, start, year)
            or _after(starts, text, run, end, year)
            or _from_before(article, starts, run, index, year, blocked, by_sentence)
        )
        labels = own_labels(text, labels)
        zone, grade = first_labels(labels)
        if zone is None and grade is None:
            continue
        by_sentence[index] = labels
        quote_start = min(run[0].start, labels[0].start)
        quote_end = max(run[-1].end, labels[-1].end)
        for mention in run:
            if mention.category == Category.group:
                continue
            draft = DraftOther(
                name=mention.name,
                kind=mention.kind,
                assessment_year=year,
                zone=zone,
                grade=grade,
                quote=text[quote_start:quote_end],
            )
            found.append((mention.start, draft, mention.key))
    return found


def _before(
    names: list[Mention], starts: list[int], text: str, run: list[Mention], start: int, year: int | None
) -> list[Label]:
    """The labels before the run, in its sentence, that an opener hands to it."""
    lead = start
    last = bisect_left(starts, run[0].start) - 1  # the last name before the run
    if last >= 0 and starts[last] >= start:
        lead = names[last].end  # a label before another name is that name's
    labels = _labels(text, lead, run[0].start, year)
    if not labels or OPENER.fullmatch(text, labels[-1].end, run[0].start) is None:
        return []
    return labels


def _after(starts: list[int], text: str, run: list[Mention], end: int, year: int | None) -> list[Label]:
    """The labels right after the run that a verb hands to it ("A dan B masuk zona kuning")."""
    following = bisect_right(starts, run[-1].end)  # the first name after the run
    stop = starts[following] if following < len(starts) and starts[following] < end else end
    labels = _labels(text, run[-1].end, stop, year)
    if not labels:
        return []
    verb_label = _VERB_LABEL.match(text, labels[0].start) and _ONLY_ADVERBS.fullmatch(
        text, run[-1].end, labels[0].start
    )
    if (
        _CLOSER.match(text, run[-1].end, labels[0].start) is None
        and not verb_label
        and not (
            len(run) == 1
            and _LEVEL_OF.search(text, max(0, run[0].start - 40), run[0].start)
            and _LATE_CLOSER.match(text, run[-1].end, labels[0].start)
        )
    ):
        return []
    return labels[:2] if len(labels) > 1 and labels[1].start - labels[0].end < 20 else labels[:1]


def _from_before(
    article: Article,
    starts: list[int],
    run: list[Mention],
    index: int,
    year: int | None,
    blocked: set[int],
    by_sentence: dict[int, list[Label]],
) -> list[Label]:
    """The label of the sentence before, when the run's sentence takes it up: "Mereka adalah A, B"
    or "Kelima pemda itu ialah ..." after a sentence that gives a group a label, a list under a
    heading that ends with a colon ("Zona hijau:"), or "Berikutnya C dan D" after a labelled list."""
    text, doc = article.text, article.doc
    start = doc.sentence_starts[index]
    first = bisect_left(starts, start)
    if first < len(starts) and starts[first] < run[0].start:
        return []  # another name opens the sentence: the list is not the whole of it
    previous = index - 1
    while previous in doc.skipped:
        previous -= 1
    if previous < 0 or previous in blocked or previous in article.scale_sentences:
        return []
    before_start, before_end = doc.sentence_span(previous)
    if doc.in_title(before_start) or NOT_RESULT.search(text, before_start, before_end):
        return []
    lead = text[start : run[0].start]
    if CONTINUATION.fullmatch(lead) and previous in by_sentence:
        return by_sentence[previous]
    heading = text[before_start:before_end].rstrip().endswith(":") and not lead.strip(" \t-•*")
    if not heading and ANAPHOR.fullmatch(lead) is None:
        return []
    labels = own_labels(text, _labels(text, before_start, before_end, year))
    zones = {lab.zone for lab in labels if lab.zone}
    grades = {lab.grade for lab in labels if lab.grade}
    if len(zones) > 1 or len(grades) > 1:
        return []  # a sentence of several labels gives none of them to the whole list
    return labels


# "masuk kategori nilai terendah", "kategori nilai tertinggi": the lowest or highest scores of a
# ranking, not the grade of that name ("kategori nilai sedang" is a grade).
_SUPERLATIVE = re.compile(r"\bnilai\s+(?:tertinggi|terendah)\b", re.IGNORECASE)


# "berada pada tingkat kepatuhan sedang (kuning)": a colour in brackets after the words of a level.
_BRACKET_ZONE = re.compile(r"\((?:zona\s+)?(hijau|kuning|merah)\)", re.IGNORECASE)
_ZONES = {zone.value: zone for zone in Zone}


def _labels(text: str, start: int, end: int, year: int | None) -> list[Label]:
    """The zone and grade words of ``text[start:end]``, and a colour alone in brackets."""
    labels = labels_in(text, start, end, year)
    if "(" in text[start:end]:
        labels += [
            Label(m.start(), m.end(), zone=_ZONES[m.group(1).lower()])
            for m in _BRACKET_ZONE.finditer(text, start, end)
            if not any(lab.start <= m.start() < lab.end for lab in labels)
        ]
        labels.sort(key=lambda lab: lab.start)
    return labels


def own_labels(text: str, labels: list[Label]) -> list[Label]:
    """The labels that are an other subject's result: not another body's index, not a superlative,
    not denied, and not one the clause puts in the past when it gives one of the same kind now."""
    return present_labels(
        text,
        [
            lab
            for lab in labels
            if not other_index_label(text, lab)
            and not denied_label(text, lab)
            and not _SUPERLATIVE.search(text, lab.start, lab.end)
        ],
    )


# A whole group's label is not given where the sentence denies or doubts it.
_DENIED = re.compile(r"\b(?:tidak|belum|bukan|tanpa|kecuali)\b", re.IGNORECASE)


def whole_group_zone(
    article: Article, names: list[Mention], others: list[DraftOther], blocked: set[int]
) -> None:
    """ "Seluruh pemerintah daerah di Provinsi X berada pada predikat zona hijau": the zone of each
    other kabupaten and kota (of that province, where one is named) that has none of its own."""
    text, doc = article.text, article.doc
    for group in WHOLE_GROUP.finditer(text):
        index = doc.sentence_of(group.start())
        if (
            index in blocked
            or index in doc.skipped
            or index in article.scale_sentences
            or doc.in_title(group.start())
        ):
            continue
        start, end = doc.sentence_span(index)
        if _DENIED.search(text, start, end) or NOT_RESULT.search(text, start, end):
            continue
        zones = {lab.zone for lab in labels_in(text, group.end(), end, None) if lab.zone}
        if len(zones) != 1:
            continue
        zone = zones.pop()
        provinces = {
            m.key.split(":")[1] for m in names if start <= m.start < end and m.kind == SubjectKind.provinsi
        }
        for other in others:
            if other.zone is None and other.kind in (SubjectKind.kabupaten, SubjectKind.kota):
                code = _region_code(names, other.name)
                if not provinces or (code is not None and code.split(".")[0] in provinces):
                    other.zone = zone
        return


def _region_code(names: list[Mention], name: str) -> str | None:
    key = next((m.key for m in names if m.name == name and m.key.startswith("region:")), None)
    return key.split(":")[1] if key is not None else None
