"""The FAKE chat server itself: a client that hangs up is normal, not a fault to print."""

from __future__ import annotations

import json
import re
import socket
import struct
import time

import pytest

from tests.fake_chat_server import FakeChatServer, FakeReply


def test_a_client_that_resets_its_connection_leaves_no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    """A client killed with a kept-alive connection open (the server waiting on it for the next
    request gets a reset) is counted as a hang-up, and nothing is printed on stderr."""
    fake = FakeChatServer([FakeReply(content="{}")])
    with fake.running():
        host, port = fake.base_url.split("//")[1].split("/")[0].split(":")
        body = json.dumps({"model": "fake-model", "messages": []}).encode()
        client = socket.create_connection((host, int(port)))
        client.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        client.settimeout(30)
        answer = client.recv(65536)
        head, _, received = answer.partition(b"\r\n\r\n")
        declared = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
        assert declared is not None
        length = int(declared.group(1))
        while len(received) < length:  # the whole answer: the server now waits for a next request
            received += client.recv(65536)
        assert head.startswith(b"HTTP/1.1 200")
        deadline = time.monotonic() + 30
        # SO_LINGER 0: close with a reset, as the kernel does for a killed process's socket.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        while not fake._httpd.hang_ups and time.monotonic() < deadline:
            time.sleep(0.005)
        assert fake._httpd.hang_ups >= 1, "the reset went unseen"

    assert capfd.readouterr().err == ""


def test_wait_until_idle_waits_for_an_open_connection_and_returns_once_it_is_closed() -> None:
    """A killed client's last request is counted only once its connection is served and closed:
    wait_until_idle times out while one is open, and returns once the client has gone."""
    fake = FakeChatServer([FakeReply(content="{}")])
    with fake.running():
        host, port = fake.base_url.split("//")[1].split("/")[0].split(":")
        client = socket.create_connection((host, int(port)))
        client.sendall(b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
        client.settimeout(30)
        answer = b""
        while b"fake-model" not in answer:  # served; the keep-alive connection stays open
            answer += client.recv(65536)
        with pytest.raises(TimeoutError, match="1 connection"):
            fake.wait_until_idle(timeout_s=0.3)
        client.close()
        fake.wait_until_idle(timeout_s=30)


def test_a_request_cut_off_by_a_client_that_hung_up_is_not_counted_as_a_request() -> None:
    """A batch killed while sending leaves headers and part of a body: that is a hang-up, not a
    request the model was asked (the kill tests count requests per article)."""
    fake = FakeChatServer([FakeReply(content="{}")])
    with fake.running():
        host, port = fake.base_url.split("//")[1].split("/")[0].split(":")
        client = socket.create_connection((host, int(port)))
        client.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 500\r\n\r\n{"model": "fake-model", "mess'
        )
        client.close()
        fake.wait_until_idle(timeout_s=30)
        assert fake.requests == []
        assert fake._httpd.hang_ups == 1
