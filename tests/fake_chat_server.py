"""FAKE OpenAI chat-completions server for fault tests. Not a recording of any real server.

It answers ``POST /v1/chat/completions`` from a script of ``FakeReply`` items, one per request
(the last one repeats), so that a test can stage 429s, 5xx, slow answers, malformed bodies and
answers cut off at max_tokens, and then see what the client did. Every request body is kept.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeReply:
    status: int = 200
    content: str | None = None  # the assistant message's content, for a 200
    tool_arguments: str | None = None  # answer as a function call instead (tools mode)
    body: str | None = None  # a raw body instead of a completion (malformed JSON...)
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
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
        self.arrivals: list[float] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                data = json.dumps(
                    {"object": "list", "data": [{"id": m, "object": "model"} for m in server.models]}
                ).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                reply = server._next(payload)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
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
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True

    def _next(self, payload: dict[str, Any]) -> FakeReply:
        with self._lock:
            self.requests.append(payload)
            self.arrivals.append(time.monotonic())
            if self.policy is not None:
                return self.policy(payload)
            index = min(len(self.requests), len(self.script)) - 1
            return self.script[index]

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
    parser.add_argument("--answer-file", required=True, help="the assistant content to answer with")
    args = parser.parse_args()
    with open(args.answer_file, encoding="utf-8") as handle:
        answer = handle.read()
    server = FakeChatServer([FakeReply(content=answer, delay_s=args.latency)])
    server._httpd.request_queue_size = 256
    print(server.base_url, flush=True)
    sys.stdout.close()
    server._httpd.serve_forever()


if __name__ == "__main__":
    main()
