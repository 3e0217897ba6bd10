"""FAKE OpenAI chat-completions server for fault tests. Not a recording of any real server.

It answers ``POST /v1/chat/completions`` from a script of ``FakeReply`` items, one per request
(the last one repeats), so that a test can stage 429s, 5xx, slow answers, malformed bodies and
answers cut off at max_tokens, and then see what the client did. Every request body is kept.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import random
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# A client that hangs up (killed, timed out, closed its pool) is normal here, not a fault.
_HANG_UPS = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)


class _Server(ThreadingHTTPServer):
    hang_ups = 0  # connections a client dropped while the server read from or wrote to them

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Connections accepted and not yet closed, counted when accepted (in the accept loop,
        # before the connection's thread starts), so that none is missed while its thread starts.
        self.open = 0
        self.closed = threading.Condition()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.closed:
            self.open += 1
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.closed:
                self.open -= 1
                self.closed.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], _HANG_UPS):
            self.hang_ups += 1
            return  # no traceback on stderr for a client that went away
        super().handle_error(request, client_address)


@dataclass
class FakeReply:
    status: int = 200
    content: str | None = None  # the assistant message's content, for a 200
    tool_arguments: str | None = None  # answer as a function call instead (tools mode)
    body: str | None = None  # a raw body instead of a completion (malformed JSON...)
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    jitter: float = 0.0  # the delay varies uniformly by this fraction either way (mean delay_s)
    finish_reason: str = "stop"
    prompt_tokens: int = 100
    completion_tokens: int = 20


def completion_body(reply: FakeReply, model: str, tool_name: str | None = None) -> str:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.tool_arguments is not None:
        message["tool_calls"] = [
            {
                "id": "call_fake",
                "type": "function",
                "function": {"name": tool_name or "tool", "arguments": reply.tool_arguments},
            }
        ]
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": reply.finish_reason,
                }
            ],
            "usage": {
                "prompt_tokens": reply.prompt_tokens,
                "completion_tokens": reply.completion_tokens,
                "total_tokens": reply.prompt_tokens + reply.completion_tokens,
            },
        }
    )


class FakeChatServer:
    def __init__(
        self,
        script: list[FakeReply] | None = None,
        models: tuple[str, ...] = ("fake-model",),
        policy: Callable[[dict[str, Any]], FakeReply] | None = None,
    ) -> None:
        """Replies come from ``script`` in order (the last repeats) or, given a ``policy``,
        from calling it with each request body."""
        self.script = list(script or [FakeReply()])
        self.policy = policy
        self.models = models
        self.requests: list[dict[str, Any]] = []
        self.files: dict[str, str] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.arrivals: list[float] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints do: no connect per request
            disable_nagle_algorithm = True  # else headers then body stall on delayed ACKs (40 ms)

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _send_json(
                self, payload: Any, status: int = 200, content_type: str = "application/json"
            ) -> None:
                data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.startswith("/v1/batches/"):
                    self._send_json(server._batch_view(self.path.rsplit("/", 1)[1]))
                elif self.path.startswith("/v1/files/") and self.path.endswith("/content"):
                    self._send_json(server.files[self.path.split("/")[3]], content_type="application/jsonl")
                else:
                    models = [
                        {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in server.models
                    ]
                    self._send_json({"object": "list", "data": models})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                if len(raw) < length:  # the client hung up mid-request (a killed batch): no request
                    server._httpd.hang_ups += 1
                    self.close_connection = True
                    return
                if self.path.endswith("/files"):
                    self._send_json(server._store_upload(self.headers.get("content-type", ""), raw))
                    return
                if self.path.endswith("/batches"):
                    self._send_json(server._create_batch(json.loads(raw)))
                    return
                payload = json.loads(raw or b"{}")
                reply = server._next(payload)
                if reply.delay_s:
                    time.sleep(reply.delay_s * random.uniform(1 - reply.jitter, 1 + reply.jitter))
                if reply.body is not None:
                    text = reply.body
                elif reply.status == 200:
                    tools = payload.get("tools") or [{}]
                    tool_name = tools[0].get("function", {}).get("name")
                    text = completion_body(reply, payload.get("model", "fake"), tool_name)
                else:
                    text = json.dumps({"error": {"message": f"fake {reply.status}", "type": "fake"}})
                data = text.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except _HANG_UPS:
                    server._httpd.hang_ups += 1  # the client gave up (a timeout test, a killed batch)

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True

    # --- a FAKE of the Files and Batches endpoints: a batch "runs" when it is created, and
    # reports in_progress on the first poll, completed afterwards.

    def _store_upload(self, content_type: str, raw: bytes) -> dict[str, Any]:
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"content-type: {content_type}\r\n\r\n".encode() + raw
        )
        content = ""
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "file":
                content = part.get_payload(decode=True).decode("utf-8")
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": 0,
            "filename": "requests.jsonl",
            "purpose": "batch",
            "status": "processed",
        }

    def _create_batch(self, request: dict[str, Any]) -> dict[str, Any]:
        output = []
        for line in self.files[request["input_file_id"]].splitlines():
            item = json.loads(line)
            reply = self._next(item["body"])
            body = json.loads(completion_body(reply, item["body"].get("model", "fake")))
            if reply.status != 200:
                body = {"error": {"message": f"fake {reply.status}"}}
            output.append(
                json.dumps(
                    {
                        "id": f"req-{item['custom_id']}",
                        "custom_id": item["custom_id"],
                        "response": {"status_code": reply.status, "body": body},
                    }
                )
            )
        output_id = f"file-{len(self.files) + 1}"
        self.files[output_id] = "\n".join(output) + "\n"
        batch_id = f"batch-{len(self.batches) + 1}"
        self.batches[batch_id] = {
            "output_file_id": output_id,
            "polls": 0,
            "input_file_id": request["input_file_id"],
        }
        return self._batch_view(batch_id, poll=False)

    def _batch_view(self, batch_id: str, poll: bool = True) -> dict[str, Any]:
        batch = self.batches[batch_id]
        if poll:
            batch["polls"] += 1
        done = batch["polls"] >= 2
        return {
            "id": batch_id,
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "completion_window": "24h",
            "created_at": 0,
            "input_file_id": batch["input_file_id"],
            "status": "completed" if done else "in_progress",
            "output_file_id": batch["output_file_id"] if done else None,
            "error_file_id": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
        }

    def _next(self, payload: dict[str, Any]) -> FakeReply:
        with self._lock:
            self.requests.append(payload)
            self.arrivals.append(time.monotonic())
            if self.policy is not None:
                return self.policy(payload)
            index = min(len(self.requests), len(self.script)) - 1
            return self.script[index]

    def wait_until_idle(self, timeout_s: float = 60.0) -> None:
        """Wait until every connection is closed and served: after a client is killed, a request
        it sent may still be on its way through a server thread, and counts must include it."""
        # Connections still in the listen backlog are accepted first (FIFO): once a connection of
        # our own has been served, every earlier one is counted in ``open``.
        host, port = self._httpd.server_address[:2]
        with socket.create_connection((str(host), int(port)), timeout=timeout_s) as probe:
            probe.sendall(b"GET /v1/models HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n")
            while probe.recv(65536):
                pass
        httpd = self._httpd
        with httpd.closed:
            if not httpd.closed.wait_for(lambda: httpd.open == 0, timeout_s):
                raise TimeoutError(f"{httpd.open} connection(s) still open after {timeout_s} s")

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @contextmanager
    def running(self) -> Iterator[FakeChatServer]:
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()


def main() -> None:
    """Serve in a process of its own (benchmarks: the fake's CPU must not share our GIL)."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="FAKE chat-completions server on 127.0.0.1")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument(
        "--jitter", type=float, default=0.0, help="latency varies by this fraction either way"
    )
    parser.add_argument("--answer-file", required=True, help="the assistant content to answer with")
    args = parser.parse_args()
    with open(args.answer_file, encoding="utf-8") as handle:
        answer = handle.read()
    server = FakeChatServer([FakeReply(content=answer, delay_s=args.latency, jitter=args.jitter)])
    server._httpd.request_queue_size = 256
    print(server.base_url, flush=True)
    sys.stdout.close()
    server._httpd.serve_forever()


if __name__ == "__main__":
    main()
