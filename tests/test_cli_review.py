"""`extractor review OUT_DIR` as a user starts it: the address it prints, --port, and a busy port."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main
from tests import reviewkit
from tests.conftest import default_sigint


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor", "review", *args, "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DISPLAY": ""},
        preexec_fn=default_sigint,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_review_prints_its_loopback_address_serves_the_page_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    reviewkit.folder(tmp_path / "out")
    port = _free_port()
    process = _start(str(tmp_path / "out"), "--port", str(port), "--reviewer", "ana")
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert re.search(rf"Reviewing 3 record\(s\) in .* as 'ana' at http://127\.0\.0\.1:{port}/", line), (
            line
        )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.status == 200 and b'<script type="module" src="/static/app.js">' in response.read()
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        stdout, _ = process.communicate(timeout=60)
    assert "every decision is already saved" in stdout


def test_a_port_already_taken_is_a_clear_error(tmp_path: Path) -> None:
    reviewkit.folder(tmp_path / "out")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["review", str(tmp_path / "out"), "--port", str(port), "--no-browser"]
        )
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_review_help_names_the_keyboard_shortcuts() -> None:
    """The help lists every key of the page, undo and reopen included."""
    result = CliRunner().invoke(main, ["review", "--help"])
    keys = "j/k next/previous, a accept, r reject, e correct, u undo, o reopen, Esc cancel, / filter"
    assert result.exit_code == 0 and keys in result.output


def test_check_and_re_extraction_keep_a_reviewed_record_reviewed(tmp_path: Path) -> None:
    """`extractor check` re-runs the checks but leaves a reviewed record `reviewed`; a forced
    re-extraction archives the reviewed record under _superseded/ instead of dropping it."""
    from extractor.checks import check_folder
    from extractor.pipeline import run_batch
    from extractor.review import decide
    from extractor.rules import RulesEngine
    from extractor.store import read_record, write_record
    from schemas.record import ReviewAction, Status

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "Pemerintah Kota Batu meraih nilai 82,28 dan zona kuning dalam Penilaian Kepatuhan "
        "Penyelenggaraan Pelayanan Publik Ombudsman RI Tahun 2024.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_batch([articles / "a.txt"], RulesEngine(), out)
    record = read_record(out / "a.json")
    assert record.status == Status.flagged  # 82,28 is hijau in 2024, the article says kuning
    write_record(out, decide(record, ReviewAction.accept, reviewer="tester", text=None))
    assert read_record(out / "a.json").status == Status.reviewed

    check_folder(out)
    assert read_record(out / "a.json").status == Status.reviewed

    run_batch([articles / "a.txt"], RulesEngine(), out)  # unchanged: the review is kept
    assert read_record(out / "a.json").review
    run_batch([articles / "a.txt"], RulesEngine(), out, force=True)
    archived = list((out / "_superseded").glob("a-*.json"))
    assert len(archived) == 1
    assert read_record(archived[0]).review
