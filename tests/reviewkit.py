"""Records for the review, report and export tests, written by hand through the pydantic models;
and the review page in a browser.

Each record's article is a real file (offsets index it as ``read_article`` returns it) and its
evidence offsets are found the way the grounding step finds them. ``folder`` writes a small run:
a record with a mistyped score, one that is not an Ombudsman result, and one that is fine;
``folder_v2`` adds a 2021 result, a 2025 opini and an article with many units.

``review_process`` starts `extractor review` as a user does; ``watched_page`` opens its page in
Debian's Chromium (Playwright drives it; no browser is downloaded) and fails the test if the page
asked for anything but its own server or logged an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from extractor.checks import check_extraction, status_for
from extractor.review import ReviewServer
from extractor.store import write_record
from schemas.record import Evidence, Extraction, Flag, Provenance, Record, Severity, Source, Timing

BATU = (
    "Ombudsman RI Perwakilan Jawa Timur menyerahkan hasil Penilaian Kepatuhan Penyelenggaraan "
    "Pelayanan Publik tahun 2024 kepada Pemerintah Kota Batu.\n"
    "Kota Batu meraih nilai 82,28 dan masuk zona hijau dengan kualitas tinggi.\n"
    "Penjabat Wali Kota Batu, Aries Agung Paewai, berterima kasih atas penilaian itu.\n"
)
MALANG = (
    "Badan Pusat Statistik mencatat Indeks Pembangunan Manusia Kabupaten Malang tahun 2024 "
    "sebesar 74,51. Kepala BPS Kabupaten Malang, Umar Sjaifudin, menyampaikan hasil itu.\n"
)
KEDIRI = (
    "Ombudsman RI memberikan penghargaan Penilaian Kepatuhan tahun 2023 kepada Kabupaten Kediri.\n"
    "Kabupaten Kediri meraih nilai 88,10 dan masuk zona hijau.\n"
)


def evidence(text: str, quotes: dict[str, str]) -> dict[str, Evidence]:
    found = {}
    for key, quote in quotes.items():
        start = text.find(quote)
        found[key] = (
            Evidence(quote=quote, start=start, end=start + len(quote), aligned=True)
            if start >= 0
            else Evidence(quote=quote, aligned=False)
        )
    return found


def write(
    out_dir: Path,
    record_id: str,
    text: str,
    values: dict[str, Any],
    quotes: dict[str, str],
    flags: list[Flag] | None = None,
) -> Record:
    """Write the article beside the folder and its record into it; flags from the checks unless given."""
    article = out_dir.parent / "articles" / f"{record_id}.txt"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(text, encoding="utf-8")
    extraction = Extraction.model_validate({**values, "evidence": evidence(text, quotes)})
    flags = check_extraction(extraction, text) if flags is None else flags
    record = Record(
        record_id=record_id,
        source=Source(path=str(article), sha256=hashlib.sha256(text.encode()).hexdigest(), size=len(text)),
        provenance=Provenance(engine="rules", model="rules-1", tool_version="0.1.0"),
        status=status_for(flags),
        timing=Timing(started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), seconds=0.1),
        attempts=1,
        extraction=extraction,
        flags=flags,
    )
    write_record(out_dir, record)
    return record


def flag(code: str, field: str, severity: Severity = Severity.warning) -> Flag:
    return Flag(code=code, severity=severity, field=field, message=f"{code} on {field}", basis="a test rule")


def folder(out_dir: Path) -> dict[str, Record]:
    """A small run of three flagged records: 'batu' (score typed 28,82 for 82,28), 'malang' (a BPS
    index, not an Ombudsman result; its official's quote is not in the article) and 'kediri'
    (right, with a warning a reviewer accepts)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    batu_values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kota Batu", "name": "Kota Batu", "kind": "kota"},
        "assessment_year": 2024,
        "score": 28.82,
        "zone": "hijau",
        "grade": "tinggi",
        "officials": [{"name": "Aries Agung Paewai", "role": "Penjabat Wali Kota Batu"}],
    }
    batu_quotes = {
        "subject": "Kota Batu",
        "assessment_year": "tahun 2024",
        "score": "meraih nilai 82,28",
        "zone": "zona hijau",
        "grade": "kualitas tinggi",
        "officials[0]": "Penjabat Wali Kota Batu, Aries Agung Paewai",
    }
    malang_values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kabupaten Malang", "name": "Kabupaten Malang", "kind": "kabupaten"},
        "assessment_year": 2024,
        "score": 74.51,
        "officials": [{"name": "Umar Sjaifudin", "role": "Kepala BPS Kabupaten Malang"}],
    }
    # The official's quote is not in the article (the model paraphrased): unaligned evidence.
    malang_quotes = {
        "subject": "Kabupaten Malang",
        "score": "sebesar 74,51",
        "officials[0]": "Kepala BPS Umar Sjaifudin",
    }
    kediri_values = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kabupaten Kediri", "name": "Kabupaten Kediri", "kind": "kabupaten"},
        "assessment_year": 2023,
        "score": 88.1,
        "zone": "hijau",
    }
    kediri_quotes = {"subject": "Kabupaten Kediri", "score": "meraih nilai 88,10", "zone": "zona hijau"}
    return {
        "batu": write(out_dir, "batu", BATU, batu_values, batu_quotes),
        "malang": write(
            out_dir, "malang", MALANG, malang_values, malang_quotes, [flag("other_body_score", "score")]
        ),
        "kediri": write(
            out_dir, "kediri", KEDIRI, kediri_values, kediri_quotes, [flag("unit_count_mismatch", "units")]
        ),
    }


@contextmanager
def running_server(out_dir: Path, reviewer: str = "ana") -> Iterator[ReviewServer]:
    """A review server on a free loopback port, serving from a thread while the block runs."""
    server = ReviewServer(out_dir, reviewer)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def call(
    server: ReviewServer,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, JSON body, headers) of one request; the Host is the server's unless given."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    sent = {"Host": f"127.0.0.1:{server.port}"}
    if body is not None:
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in sent.items():
        connection.putheader(name, value)
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = {"raw": raw.decode("utf-8", "replace")}
    return response.status, parsed, dict(response.getheaders())


TOMOHON = (
    "Ombudsman RI menyerahkan hasil Penilaian Kepatuhan Standar Pelayanan Publik tahun 2021 kepada "
    "Pemerintah Kota Tomohon.\nKota Tomohon meraih nilai 85,50 dan masuk zona hijau dengan predikat "
    "kepatuhan tinggi.\n"
)
AMBON = (
    "Ombudsman RI menyerahkan Opini Pengawasan Penyelenggaraan Pelayanan Publik tahun 2025 kepada "
    "Pemerintah Kota Ambon.\nKota Ambon meraih opini Kualitas Tertinggi Tanpa Maladministrasi.\n"
)
UNIT_NAMES = [f"Dinas Nomor {i}" for i in range(1, 15)]
JEMBER = "Ombudsman RI menyerahkan hasil Penilaian Kepatuhan tahun 2024 kepada Kabupaten Jember.\n" + "".join(
    f"{name} meraih nilai {80 + i},00 dan masuk zona hijau.\n" for i, name in enumerate(UNIT_NAMES)
)


def folder_v2(out_dir: Path) -> dict[str, Record]:
    """``folder`` and three more flagged records: 'tomohon' (2021: zones only, no grades), 'ambon'
    (a 2025 opini, a grade without a score) and 'jember' (14 units: a long page of values)."""
    records = folder(out_dir)
    tomohon = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kota Tomohon", "name": "Kota Tomohon", "kind": "kota"},
        "assessment_year": 2021,
        "score": 85.5,
        "zone": "hijau",
    }
    tomohon_quotes = {"subject": "Kota Tomohon", "score": "meraih nilai 85,50", "zone": "zona hijau"}
    ambon = {
        "assessment": "ombudsman_opini_2025",
        "subject": {"name_as_written": "Kota Ambon", "name": "Kota Ambon", "kind": "kota"},
        "assessment_year": 2025,
        "grade": "tertinggi",
    }
    ambon_quotes = {"subject": "Kota Ambon", "grade": "Kualitas Tertinggi Tanpa Maladministrasi"}
    jember = {
        "assessment": "ombudsman_compliance",
        "subject": {"name_as_written": "Kabupaten Jember", "name": "Kabupaten Jember", "kind": "kabupaten"},
        "assessment_year": 2024,
        "units": [{"name": name, "score": 80 + i, "zone": "hijau"} for i, name in enumerate(UNIT_NAMES)],
    }
    jember_quotes = {"subject": "Kabupaten Jember"} | {
        f"units[{i}]": f"{name} meraih nilai {80 + i},00" for i, name in enumerate(UNIT_NAMES)
    }
    records["tomohon"] = write(
        out_dir, "tomohon", TOMOHON, tomohon, tomohon_quotes, [flag("unit_count_mismatch", "units")]
    )
    records["ambon"] = write(out_dir, "ambon", AMBON, ambon, ambon_quotes, [flag("close_call", "grade")])
    records["jember"] = write(
        out_dir, "jember", JEMBER, jember, jember_quotes, [flag("unit_count_mismatch", "units")]
    )
    return records


# -- the page in a browser ------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "review"


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium under Playwright, for a module's ``browser`` fixture; the test
    is skipped, saying why, when either is missing. Screenshots go to ``SHOTS``."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


# Chromium logs every 4xx answer; a refused correction (422) or stale write (409) is expected.
_EXPECTED_ERRORS = re.compile(r"^Failed to load resource: .* status of (409|422)\b")


@contextmanager
def review_process(out_dir: Path, reviewer: str = "ana") -> Iterator[str]:
    """`extractor review OUT` as a user starts it; the address its first line prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor", "review", str(out_dir), "--no-browser", "--reviewer", reviewer],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DISPLAY": ""},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"no address in {line!r}: {process.stderr.read() if process.stderr else ''}"
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(60)


@contextmanager
def watched_page(browser: Any, url: str, **context: Any) -> Iterator[Any]:
    """The review page in a new browser context (``context``: viewport, locale, has_touch...).

    Anything not from the review server is refused and remembered: the page must work offline;
    at the end no such request and no error in the page may have happened.
    """
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    foreign: list[str] = []
    errors: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    try:
        yield page
    finally:
        ctx.close()
    assert foreign == [], f"the page asked for {foreign}"
    unexpected = [error for error in errors if not _EXPECTED_ERRORS.match(error)]
    assert unexpected == [], f"errors in the page: {unexpected}"


def browser_context(size: str, locale: str = "en-US") -> dict[str, Any]:
    """A wide screen, or a phone (touch, mobile viewport), as Playwright's context options."""
    phone = size == "phone"
    return {"viewport": SIZES[size], "has_touch": phone, "is_mobile": phone, "locale": locale}


def shot(page: Any, size: str, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"v2-{size}-{name}.png"))


def tab(page: Any, size: str, name: str) -> None:
    """On a phone, bring a panel forward with the tab bar; on a wide screen all are in view."""
    from playwright.sync_api import expect

    if size == "phone":
        page.locator(f'#tabs [data-tab="{name}"]').tap()
        expect(page.locator(f'#tabs [data-tab="{name}"]')).to_have_attribute("aria-selected", "true")


def press(page: Any, size: str, selector: str) -> None:
    """A tap on a phone, a click elsewhere."""
    if size == "phone":
        page.locator(selector).tap()
    else:
        page.locator(selector).click()


def open_record(page: Any, size: str, record_id: str) -> None:
    """Open a record from the queue and show its values."""
    from playwright.sync_api import expect

    tab(page, size, "queue")
    press(page, size, f'#queue-list li[data-id="{record_id}"]')
    expect(page.locator("#title")).to_contain_text(record_id)
    tab(page, size, "panel")


# -- a round-up with other subjects' results (opt-in: ``folder`` and ``folder_v2`` stay as they are) --

ROUNDUP = (
    "Ombudsman RI Perwakilan Jawa Tengah mengumumkan hasil Penilaian Kepatuhan tahun 2024 kepada "
    "Kabupaten Sleman.\nKabupaten Sleman meraih nilai 99,10 dan masuk zona hijau.\n"
    "Kabupaten Grobogan meraih nilai 98,02 dan berada di zona hijau. "
    "Kabupaten Badung di peringkat kedua dengan nilai 97,53.\n"
)
ROUNDUP_OTHER_QUOTES = (
    "Kabupaten Grobogan meraih nilai 98,02 dan berada di zona hijau",
    "Kabupaten Badung di peringkat kedua dengan nilai 97,53",
)


def folder_others(out_dir: Path) -> Record:
    """One flagged record, 'roundup': Kabupaten Sleman's result and two others the article gives
    (Grobogan, Badung), their quotes located as the grounding step locates them. Grobogan's score
    is mistyped 89,02 for 98,02 (``ungrounded_value`` on ``others[0].score``); Badung's score
    carries a cross-article conflict. Add it beside ``folder``'s records where a test wants others."""
    from extractor.grounding import Locator

    names = ("Sleman", "Grobogan", "Badung")
    out_dir.mkdir(parents=True, exist_ok=True)
    kab = [
        {"name_as_written": f"Kabupaten {n}", "name": f"Kabupaten {n}", "kind": "kabupaten"} for n in names
    ]
    others = [{"subject": kab[1], "assessment_year": 2024, "score": 89.02, "zone": "hijau"}]  # 98,02
    others.append({"subject": kab[2], "assessment_year": 2024, "score": 97.53})
    values = {"assessment": "ombudsman_compliance", "subject": kab[0], "assessment_year": 2024}
    values |= {"score": 99.1, "zone": "hijau", "others": others}
    quotes = {"subject": "Kabupaten Sleman", "score": "meraih nilai 99,10", "zone": "zona hijau"}
    record = write(out_dir, "roundup", ROUNDUP, values, quotes, [])
    assert record.extraction is not None
    locator = Locator(ROUNDUP)
    located = {f"others[{i}]": locator.find(quote) for i, quote in enumerate(ROUNDUP_OTHER_QUOTES)}
    evidence = record.extraction.evidence | {key: ev for key, ev in located.items() if ev is not None}
    extraction = record.extraction.model_copy(update={"evidence": evidence})
    flags = [*check_extraction(extraction, ROUNDUP), flag("cross_article_conflict", "others[1].score")]
    record = record.model_copy(update={"extraction": extraction, "flags": flags, "status": status_for(flags)})
    write_record(out_dir, record)
    return record
