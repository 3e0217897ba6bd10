"""The review server's JSON API: queue and filters, decisions in the files, stale writes, foreign pages."""

from __future__ import annotations

import json
import socket
import threading
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from extractor.review import ReviewServer
from extractor.store import read_record, record_path
from schemas.record import ReviewAction, Status
from tests import reviewkit
from tests.reviewkit import call


@pytest.fixture
def out(tmp_path: Path) -> Path:
    reviewkit.folder(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def server(out: Path) -> Any:
    with reviewkit.running_server(out) as running:
        yield running


def _ids(server: ReviewServer, query: str = "") -> list[str]:
    status, body, _ = call(server, "GET", f"/api/queue{query}")
    assert status == 200
    return [row["record_id"] for row in body["rows"]]


def _decide(server: ReviewServer, record_id: str, **payload: Any) -> tuple[int, dict[str, Any]]:
    if "version" not in payload:
        payload["version"] = call(server, "GET", f"/api/records/{record_id}")[1]["version"]
    status, body, _ = call(server, "POST", f"/api/records/{record_id}/decision", payload)
    return status, body


def test_the_server_listens_on_loopback_only(server: ReviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1" and server.url.startswith("http://127.0.0.1:")


def test_the_queue_filters_by_flag_code_status_subject_and_year(server: ReviewServer) -> None:
    assert _ids(server, "?status=flagged") == ["batu", "kediri", "malang"]
    assert _ids(server, "?status=all") == ["batu", "kediri", "malang"]
    assert _ids(server, "?status=all&code=other_body_score") == ["malang"]
    assert _ids(server, "?status=all&subject=kediri") == ["kediri"]
    assert _ids(server, "?status=all&year=2023") == ["kediri"]
    body = call(server, "GET", "/api/queue")[1]
    assert body["choices"]["years"] == [2023, 2024] and "other_body_score" in body["choices"]["codes"]
    assert body["reviewer"] == "ana"


def test_a_record_comes_with_its_article_highlights_and_flags_by_field(server: ReviewServer) -> None:
    status, view, _ = call(server, "GET", "/api/records/malang")
    assert status == 200
    assert view["text"].startswith("Badan Pusat Statistik")
    rows = {row["key"]: row for row in view["rows"]}
    assert [f["code"] for f in rows["score"]["flags"]] == ["other_body_score"]
    assert rows["score"]["flags"][0]["basis"] == "a test rule" and rows["score"]["flags"][0]["open"]
    assert rows["officials[0]"]["evidence"]["aligned"] is False  # shown as "quote not found"
    start = view["text"].index("sebesar 74,51")
    assert [start, start + len("sebesar 74,51"), ["score"], []] in view["segments"]
    assert rows["score"]["colour"] != rows["subject"]["colour"]


def test_an_article_that_changed_is_shown_without_highlights_and_says_why(
    out: Path, server: ReviewServer
) -> None:
    (out.parent / "articles" / "kediri.txt").write_text("another text", encoding="utf-8")
    view = call(server, "GET", "/api/records/kediri")[1]
    assert view["text"] is None and view["segments"] == []
    assert "changed since extraction" in view["text_problem"]
    assert view["rows"][0]["leaves"][0]["value"] == "Kabupaten Kediri"


def test_accept_reject_and_correct_are_written_to_the_json_files(out: Path, server: ReviewServer) -> None:
    assert _decide(server, "malang", action="reject", note="BPS, not Ombudsman")[0] == 200
    status, view = _decide(server, "batu", action="correct", changes=[{"field": "score", "new": "82,28"}])
    assert status == 200 and view["status"] == "reviewed"
    assert _decide(server, "kediri", action="accept")[0] == 200
    malang, batu = read_record(record_path(out, "malang")), read_record(record_path(out, "batu"))
    assert malang.review[0].action == ReviewAction.reject and malang.review[0].note == "BPS, not Ombudsman"
    assert batu.extraction is not None and batu.extraction.score == 28.82  # the machine's answer
    assert batu.review[0].corrections[0].new == 82.28 and batu.status == Status.reviewed
    assert read_record(record_path(out, "kediri")).review[0].reviewer == "ana"
    assert _ids(server, "?status=flagged") == []


def test_a_score_of_182_is_refused_with_422_and_the_reason(out: Path, server: ReviewServer) -> None:
    before = record_path(out, "batu").read_bytes()
    status, body = _decide(server, "batu", action="correct", changes=[{"field": "score", "new": "182"}])
    assert status == 422
    assert "score: Input should be less than or equal to 100" in body["error"]
    assert record_path(out, "batu").read_bytes() == before


def test_a_decision_on_a_stale_version_is_refused_and_the_other_session_s_decision_kept(out: Path) -> None:
    with reviewkit.running_server(out, "ana") as one, reviewkit.running_server(out, "budi") as two:
        seen_by_one = call(one, "GET", "/api/records/malang")[1]["version"]
        seen_by_two = call(two, "GET", "/api/records/malang")[1]["version"]
        assert _decide(one, "malang", action="accept", version=seen_by_one)[0] == 200
        status, body = _decide(two, "malang", action="reject", version=seen_by_two)
    assert status == 409 and body["stale"] and "Reload" in body["error"]
    record = read_record(record_path(out, "malang"))
    assert [(d.action, d.reviewer) for d in record.review] == [(ReviewAction.accept, "ana")]


def test_simultaneous_decisions_on_one_version_save_exactly_one(out: Path, server: ReviewServer) -> None:
    version = call(server, "GET", "/api/records/batu")[1]["version"]
    statuses: list[int] = []

    def accept() -> None:
        statuses.append(_decide(server, "batu", action="accept", version=version)[0])

    threads = [threading.Thread(target=accept) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
    assert len(read_record(record_path(out, "batu")).review) == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Host": "evil.example:80"}, 403),  # DNS rebinding: a foreign name resolving to 127.0.0.1
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Content-Type": "text/plain"}, 415),  # what a cross-site form could send without a preflight
    ],
)
def test_a_write_from_another_page_or_host_is_refused(
    out: Path, server: ReviewServer, headers: dict[str, str], expected: int
) -> None:
    version = call(server, "GET", "/api/records/malang")[1]["version"]
    status, body, _ = call(
        server, "POST", "/api/records/malang/decision", {"version": version, "action": "reject"}, headers
    )
    assert status == expected
    assert ("refused" if expected == 403 else "send JSON") in body["error"]
    assert read_record(record_path(out, "malang")).review == []


def test_a_read_with_a_foreign_host_is_refused(server: ReviewServer) -> None:
    assert call(server, "GET", "/api/queue", headers={"Host": "evil.example"})[0] == 403
    assert call(server, "GET", "/", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_a_record_whose_id_has_spaces_and_non_ascii_letters_opens(out: Path, server: ReviewServer) -> None:
    """Every id `extract` makes (a file stem, as the user named the file) opens in the page."""
    record = read_record(record_path(out, "batu"))
    odd = "Berita Kota Batu — zona hijau"
    renamed = record.model_copy(update={"record_id": odd})
    record_path(out, odd).write_text(renamed.model_dump_json(), encoding="utf-8")

    assert odd in _ids(server, "?status=all")
    status, view, _ = call(server, "GET", "/api/records/" + quote(odd))
    assert status == 200 and view["record_id"] == odd


@pytest.mark.parametrize(
    "path", ["/api/records/nope", "/api/records/..%2F..%2Fetc%2Fpasswd", "/api/records/_summary"]
)
def test_an_unknown_record_or_a_path_outside_the_folder_is_404(server: ReviewServer, path: str) -> None:
    assert call(server, "GET", path)[0] == 404


def test_a_malformed_decision_is_a_400_with_a_reason(server: ReviewServer) -> None:
    assert _decide(server, "batu", action="maybe")[0] == 400
    assert call(server, "POST", "/api/records/batu/decision", {"action": "accept"})[0] == 400  # no version
    assert call(server, "POST", "/api/records/batu/decision", [1, 2])[0] == 400


def test_the_page_and_its_files_load_nothing_from_elsewhere(server: ReviewServer) -> None:
    status, _, headers = call(server, "GET", "/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    static = resources.files("extractor.review").joinpath("static")
    names = ["/", *(f"/static/{item.name}" for item in static.iterdir())]
    assert {"/static/app.js", "/static/rows.js", "/static/narrow.css"} <= set(names)
    for name in names:
        status, body, _ = call(server, "GET", name)
        assert status == 200, name
        assert "http://" not in body["raw"] and "https://" not in body["raw"] and "@import" not in body["raw"]
    assert call(server, "GET", "/static/../_server.py")[0] == 404


def test_the_queue_lists_an_invalid_file_instead_of_failing(out: Path, server: ReviewServer) -> None:
    (out / "broken.json").write_text(json.dumps({"record_id": "broken"}), encoding="utf-8")
    body = call(server, "GET", "/api/queue?status=all")[1]
    assert body["invalid"] == ["broken.json"] and body["total"] == 3


@pytest.mark.parametrize(
    ("length", "expected"), [("abc", "400 Bad Request"), ("-5", "400 Bad Request"), ("99999999", "413")]
)
def test_a_bad_or_huge_content_length_is_refused_without_a_traceback(
    server: ReviewServer, length: str, expected: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """A non-numeric, negative or oversized Content-Length gets 400/413, not a server error."""
    request = (
        f"POST /api/records/batu/decision HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{}}"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(request.encode())
        status_line = connection.makefile("rb").readline().decode()

    assert expected in status_line
    assert "Traceback" not in capfd.readouterr().err
