"""The review page's local web server: standard library only, loopback only, a small JSON API.

Routes: ``GET /`` (the page), ``GET /static/<file>``, ``GET /api/queue`` (filtered rows, the
filter choices and the progress), ``GET /api/records/<id>``, ``POST /api/records/<id>/decision``
(accept, correct, reject, undo or reopen: each one more decision appended; see ``_requests``).

Only this machine's browser may talk to it. Binding to 127.0.0.1 keeps other machines out; the
Host check defeats DNS rebinding (a hostile page whose name resolves to 127.0.0.1); the Origin
and Sec-Fetch-Site checks plus the JSON content type (which a cross-site form cannot send
without a CORS preflight, never answered here) stop another site's page from writing. The CSP
keeps the page to its own files: nothing is fetched from anywhere else, so it works offline.
"""

from __future__ import annotations

import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from extractor.inputs import source_text
from extractor.review._effective import NewFlags, corrected, decide, effective, new_flags
from extractor.review._paths import CorrectionError
from extractor.review._requests import BadRequest, parse_decision
from extractor.review._store import StaleRecord, UnknownRecord, load, replace_if_current
from extractor.review._views import flag_json, matches, progress, queue_row, record_view
from extractor.store import iter_record_paths, try_read_record
from schemas.record import Record, ReviewAction

_MAX_BODY = 1_000_000
_STATIC_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": message, **extra}


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, out_dir: Path, reviewer: str, port: int = 0, *, log: bool = False) -> None:
        self.out_dir = out_dir
        self.reviewer = reviewer
        self.log = log
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    # -- the API, independent of HTTP ------------------------------------------------------------

    def queue(self, query: dict[str, str]) -> dict[str, Any]:
        rows, invalid = [], []
        for path in iter_record_paths(self.out_dir):
            record = try_read_record(path)
            try:
                if record is None:
                    raise CorrectionError(["not a valid record"])
                text = source_text(record, self.out_dir)[0] if corrected(record) else None
                rows.append(queue_row(record, effective(record, text)))
            except CorrectionError:
                invalid.append(path.name)
        wanted = [
            row
            for row in rows
            if matches(
                row,
                query.get("code", ""),
                query.get("status", ""),
                query.get("subject", ""),
                query.get("year", ""),
            )
        ]
        return {
            "rows": wanted,
            "total": len(rows),
            "invalid": invalid,
            "reviewer": self.reviewer,
            "progress": progress(rows),
            "choices": {
                "codes": sorted({code for row in rows for code in row["codes"]}),
                "statuses": sorted({row["status"] for row in rows}),
                "years": sorted({row["year"] for row in rows if row["year"] is not None}),
            },
        }

    def view(self, record: Record, version: str) -> dict[str, Any]:
        text, why = source_text(record, self.out_dir)
        return record_view(record, version, effective(record, text), text, why)

    def record(self, record_id: str) -> dict[str, Any]:
        record, version = load(self.out_dir, record_id)
        return self.view(record, version)

    def decision(self, record_id: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            request = parse_decision(body)
        except BadRequest as exc:
            raise ApiError(HTTPStatus.BAD_REQUEST, str(exc)) from None

        def change(record: Record) -> Record:
            text = source_text(record, self.out_dir)[0]
            request.check_quotes(text)
            updated = decide(
                record,
                request.action,
                changes=request.changes,
                evidence=request.evidence,
                confirm=request.confirm,
                note=request.note,
                reviewer=self.reviewer,
                text=text,
            )
            # What a correction raises itself is shown before it is saved: nothing is settled unseen.
            unseen = new_flags(record, updated, text) if request.action == ReviewAction.correct else []
            if unseen:
                raise NewFlags(unseen)
            return updated

        record, new_version = replace_if_current(self.out_dir, record_id, request.version, change)
        return self.view(record, new_version)


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            sys.stderr.write(f"review: {format % args}\n")

    def do_GET(self) -> None:
        self._handle(write=False)

    def do_POST(self) -> None:
        self._handle(write=True)

    def _handle(self, write: bool) -> None:
        try:
            self._guard(write)
            url = urlsplit(self.path)
            path = unquote(url.path)
            if write:
                self._route_post(path)
            else:
                self._route_get(path, {k: v[0] for k, v in parse_qs(url.query).items()})
        except ApiError as exc:
            self._json(exc.status, exc.body)
        except UnknownRecord as exc:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no record {exc} in this folder"})
        except StaleRecord as exc:
            self._json(HTTPStatus.CONFLICT, {"error": str(exc), "stale": True})
        except CorrectionError as exc:
            self._json(
                HTTPStatus.UNPROCESSABLE_ENTITY,
                {"error": "not saved: " + "; ".join(exc.problems), "problems": exc.problems},
            )
        except NewFlags as exc:
            message = (
                "not saved yet: this correction raises new flags. Look at them, then confirm that the "
                "correction stands (they are settled with it) or change it."
            )
            flags = [flag_json(f, i, exc.flags) for i, f in enumerate(exc.flags)]
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": message, "new_flags": flags})

    def _guard(self, write: bool) -> None:
        host = self.headers.get("Host", "")
        if host not in self.server.allowed_hosts():
            raise ApiError(HTTPStatus.FORBIDDEN, f"refused: Host {host!r} is not this local review server")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.server.allowed_hosts()}:
            raise ApiError(HTTPStatus.FORBIDDEN, f"refused: a page from {origin!r} may not use this server")
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            raise ApiError(HTTPStatus.FORBIDDEN, f"refused: a {site} request may not use this server")
        if write and self.headers.get_content_type() != "application/json":
            raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")

    def _route_get(self, path: str, query: dict[str, str]) -> None:
        if path in ("/", "/index.html"):
            self._static("index.html")
        elif path.startswith("/static/"):
            self._static(path.removeprefix("/static/"))
        elif path == "/api/queue":
            self._json(HTTPStatus.OK, self.server.queue(query))
        elif path.startswith("/api/records/"):
            self._json(HTTPStatus.OK, self.server.record(path.removeprefix("/api/records/")))
        else:
            raise ApiError(HTTPStatus.NOT_FOUND, f"no page {path}")

    def _route_post(self, path: str) -> None:
        record_id = path.removeprefix("/api/records/").removesuffix("/decision")
        if not (path.startswith("/api/records/") and path.endswith("/decision")):
            raise ApiError(HTTPStatus.NOT_FOUND, f"no endpoint {path}")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True  # the body's end is unknown: the connection cannot go on
            raise ApiError(HTTPStatus.BAD_REQUEST, "Content-Length must be a number of bytes")
        if length > _MAX_BODY:
            self.close_connection = True  # the body is not read
            too_large = f"request too large (at most {_MAX_BODY:,} bytes)"
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(HTTPStatus.BAD_REQUEST, "the body is not JSON") from None
        if not isinstance(body, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
        self._json(HTTPStatus.OK, self.server.decision(record_id, body))

    def _static(self, name: str) -> None:
        suffix = Path(name).suffix
        resource = resources.files("extractor.review").joinpath("static", name)
        if "/" in name or suffix not in _STATIC_TYPES or not resource.is_file():
            raise ApiError(HTTPStatus.NOT_FOUND, f"no file {name}")
        self._send(HTTPStatus.OK, resource.read_bytes(), f"{_STATIC_TYPES[suffix]}; charset=utf-8")

    def _json(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", _CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(data)
