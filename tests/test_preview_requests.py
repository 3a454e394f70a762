"""The preview's server against a hostile visitor: only its own Host names, bounded connections and event streams,
read timeouts, a status for every bad request and never a traceback, HEAD as GET, a CSP on its own pages, and
nothing served from outside output/. Every server here listens on 127.0.0.1 and is stopped by its test."""
from __future__ import annotations

import functools
import http.client
import os
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support import SAMPLE

from campaign.options import Options
from campaign.preview.builds import Builds
from campaign.preview.handler import CSP, PreviewHandler, PreviewServer
from campaign.preview.pages import Preview

Answer = tuple[int, dict[str, str], bytes]


class Served:
    """A preview server on 127.0.0.1 for one test (or module), with a client that sends any Host header."""

    def __init__(self, server: PreviewServer) -> None:
        self.server = server
        self.port = server.server_address[1]
        self.host = f"127.0.0.1:{self.port}"

    def request(self, method: str, path: str, host: str | None = "", headers: dict[str, str] | None = None) -> Answer:
        """`host` None sends no Host header; "" sends the right one."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if host is not None:
                connection.putheader("Host", host or self.host)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read() if method != "HEAD" else b""
            return response.status, {k.lower(): v for k, v in response.getheaders() if k.lower() != "date"}, body
        finally:
            connection.close()

    def stream(self) -> socket.socket | None:
        """An event stream opened with the right Host, once its status line has arrived; None when refused."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.sendall(f"GET /__preview/events?since=0 HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        if sock.recv(64).startswith(b"HTTP/1.0 200"):
            return sock
        sock.close()
        return None


def received(sock: socket.socket, wanted: bytes, seconds: float = 5) -> bool:
    """Whether `wanted` arrives on `sock` within `seconds`."""
    data, deadline = b"", time.monotonic() + seconds
    while wanted not in data and time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return wanted in data


def start(output: Path, preview: Preview | None, timeout: float = 5.0, connections: int = 32) -> Served:
    handler = type("Handler", (PreviewHandler,), {"preview": preview, "timeout": timeout})
    server = PreviewServer(("127.0.0.1", 0), functools.partial(handler, directory=str(output)), connections=connections)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(server)


def stop(served: Served) -> None:
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="module")
def preview(sample_output: Path) -> Iterator[Served]:
    """The sample's output as the preview serves it (its home and viewer included), shared by the module."""
    served = start(sample_output, Preview(Builds(Options(content=SAMPLE, output=sample_output))))
    yield served
    stop(served)


@pytest.fixture
def quiet(capsys: pytest.CaptureFixture[str], sample_output: Path) -> Iterator[None]:
    """After the test: nothing on the terminal (no traceback, no output path), whatever the requests were."""
    yield
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert str(sample_output) not in captured.err + captured.out
    assert not captured.err, captured.err


# --- Host: the names of this preview only (DNS rebinding) -------------------------------------------------------

@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
def test_the_preview_answers_its_own_names(preview: Served, name: str) -> None:
    status, _, body = preview.request("GET", "/en/", host=f"{name}:{preview.port}")
    assert status == 200 and b"<html" in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "localhost", "127.0.0.1:1",
                                  "localhost.evil.example:{port}", "127.0.0.1:{port}.evil.example", "[::1]",
                                  "127.0.0.2:{port}", "0.0.0.0:{port}", "[::ffff:127.0.0.1]:{port}", ""])
@pytest.mark.parametrize("path", ["/", "/en/", "/__preview/events?since=0", "/__preview/view?file=404.html",
                                  "/static/site.css"])
def test_any_other_host_gets_421_and_none_of_the_content(preview: Served, quiet: None, host: str, path: str) -> None:
    status, headers, body = preview.request("GET", path, host=host.format(port=preview.port) or " ")
    assert status == 421
    assert headers["content-type"].startswith("text/html") and b"Preview" not in body and b"site.css" not in body


def test_a_request_without_host_gets_400(preview: Served, quiet: None) -> None:
    assert preview.request("GET", "/en/", host=None)[0] == 400


@settings(derandomize=True, max_examples=40, deadline=None)
@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=40))
def test_generated_hosts_are_refused_unless_they_are_the_previews(preview: Served, host: str) -> None:
    status = preview.request("GET", "/en/", host=host or None)[0]
    assert status == (200 if host.lower() in {f"{n}:{preview.port}" for n in ("127.0.0.1", "localhost", "[::1]")}
                      else 400 if not host else 421)


# --- bad requests: a status, never a traceback ------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [
    ("/__preview/events?since=abc", 400), ("/__preview/events?since=-1", 400), ("/__preview/events?since=1e3", 400),
    ("/__preview/events?since=" + "9" * 40, 400), ("/" + "a" * 256, 414), ("/en/" + "%C3%A9" * 50 + "/", 414),
    ("/" + "a" * 255, 404), ("/%00", 404), ("/en/%00/", 404), ("/../../etc/passwd", 404), ("/en/%2e%2e/%2e%2e/x", 404),
    ("/__preview/nothing", 404), ("/__preview/view", 404), ("/__preview/view?file=", 404),
])
def test_bad_requests_get_a_status(preview: Served, quiet: None, path: str, status: int) -> None:
    assert preview.request("GET", path)[0] == status


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), min_size=1, max_size=4),
       st.text(max_size=60))
def test_generated_addresses_get_a_status_never_an_error(preview: Served, segments: list[str], query: str) -> None:
    from urllib.parse import quote
    path = "/" + "/".join(quote(segment, safe="") for segment in segments) + "?" + quote(query, safe="=&")
    assume(not path.startswith("/__preview/events?"))  # a good one streams for as long as the page is open
    status, _, _ = preview.request("GET", path)
    assert status in (200, 301, 400, 404, 414), path


def test_clients_that_go_away_leave_the_terminal_quiet(preview: Served, quiet: None, sample_output: Path) -> None:
    """A reset in the middle of a large file, and a client that closes before its request is complete."""
    poster = next((sample_output / "print").glob("*.pdf")).relative_to(sample_output).as_posix()
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", preview.port), timeout=5) as sock:
            sock.sendall(f"GET /{poster} HTTP/1.1\r\nHost: {preview.host}\r\n\r\n".encode())
            sock.recv(10)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        with socket.create_connection(("127.0.0.1", preview.port), timeout=5) as sock:
            sock.sendall(b"GET /en/ HTT")
    time.sleep(0.3)  # the server's threads meet the closed connections
    assert preview.request("GET", "/en/")[0] == 200


# --- HEAD answers as GET, without the body ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/__preview/", "/en/", "/en", "/en/index.html", "/nowhere/", "/static/site.css",
                                  "/print/", "/static/", "/__preview/live.js", "/__preview/nothing",
                                  "/__preview/view?file=404.html", "/__preview/view?file=//evil.example/x.png",
                                  "/__preview/events?since=abc", "/" + "a" * 300])
@pytest.mark.parametrize("host", ["", "evil.example"])
def test_head_answers_as_get_would(preview: Served, quiet: None, path: str, host: str) -> None:
    got, head = preview.request("GET", path, host=host), preview.request("HEAD", path, host=host)
    assert head[:2] == got[:2], path
    assert head[2] == b""
    if got[0] == 200 and "content-length" in got[1]:
        assert int(got[1]["content-length"]) == len(got[2])


def test_head_of_the_event_stream_answers_as_its_get_without_streaming(preview: Served) -> None:
    status, headers, _ = preview.request("HEAD", "/__preview/events?since=0")
    assert status == 200 and headers["content-type"] == "text/event-stream"


# --- the preview's own pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/__preview/", "/__preview/view?file=404.html"])
def test_the_previews_own_pages_carry_a_policy(preview: Served, path: str) -> None:
    status, headers, _ = preview.request("GET", path)
    assert status == 200
    policy = headers["content-security-policy"]
    assert policy == CSP and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_the_viewer_shows_a_file_of_the_output(preview: Served, sample_output: Path) -> None:
    shown = next((sample_output / "print" / "previews").glob("*.png")).relative_to(sample_output).as_posix()
    status, _, body = preview.request("GET", f"/__preview/view?file={shown}")
    assert status == 200
    assert re.findall(r'<img src="([^"]*)"', body.decode()) == [f"/{shown}"]


@pytest.mark.parametrize("file", ["//evil.example/x.png", "/evil.example/x.png", "https://evil.example/x.png",
                                  "evil.example/x.png", "../../../etc/hostname", "print/../../x.png", "print/previews/",
                                  "\\\\evil.example\\x.png", "javascript:alert(1)", "print/previews/missing.png", "/404.html"])
def test_the_viewer_takes_only_files_of_the_output(preview: Served, quiet: None, file: str) -> None:
    from urllib.parse import quote
    status, _, body = preview.request("GET", f"/__preview/view?file={quote(file, safe='')}")
    assert status == 404
    assert b"evil.example" not in body and b"<img src=\"//" not in body


# --- links placed in output/ are not followed out of it ---------------------------------------------------------

def test_links_in_the_output_are_served_only_inside_it(tmp_path: Path, quiet: None) -> None:
    output = tmp_path / "output"
    (output / "en").mkdir(parents=True)
    (output / "en" / "index.html").write_text("<html><head></head><body>inside</body></html>")
    (output / "404.html").write_text("<html lang=\"nl\"><head></head><body>not here</body></html>")
    (output / "same.html").symlink_to(output / "en" / "index.html")
    (output / "leak.txt").symlink_to("/etc/hostname")
    (output / "etc").symlink_to("/etc")
    (output / "up").symlink_to(tmp_path)
    (tmp_path / "secret.txt").write_text("a key")
    os.mkfifo(output / "pipe.txt")
    served = start(output, None)
    try:
        assert served.request("GET", "/same.html")[:1] == (200,), "a link inside the output is served"
        for path in ("/leak.txt", "/etc/hostname", "/etc/", "/up/secret.txt", "/pipe.txt"):
            status, _, body = served.request("GET", path)
            assert status == 404 and b"not here" in body, path
            assert served.request("HEAD", path)[0] == 404
    finally:
        stop(served)


# --- bounded: slow clients time out, excess connections and streams get 503 at once -----------------------------

def test_slow_and_excess_connections_are_bounded(sample_output: Path, quiet: None) -> None:
    served = start(sample_output, Preview(Builds(Options(content=SAMPLE, output=sample_output))), timeout=0.5,
                   connections=4)
    silent = [socket.create_connection(("127.0.0.1", served.port), timeout=5) for _ in range(4)]
    try:
        time.sleep(0.1)  # each has its thread now
        started = time.monotonic()
        status = served.request("GET", "/en/")[0]
        assert status == 503 and time.monotonic() - started < 0.5, "the excess is refused at once"
        for sock in silent:  # a client that sends nothing is dropped after the read timeout
            sock.settimeout(3)
            assert sock.recv(1024) == b""
        assert time.monotonic() - started < 2
        deadline = time.monotonic() + 3
        while served.request("GET", "/en/")[0] != 200:
            assert time.monotonic() < deadline, "the slots of the silent clients came back"
            time.sleep(0.1)
    finally:
        for sock in silent:
            sock.close()
        stop(served)


def test_event_streams_are_bounded(sample_output: Path, quiet: None) -> None:
    preview = Preview(Builds(Options(content=SAMPLE, output=sample_output)))
    preview.streams = threading.BoundedSemaphore(2)
    served = start(sample_output, preview)
    streams = [sock for _ in range(2) if (sock := served.stream()) is not None]
    try:
        assert len(streams) == 2
        started = time.monotonic()
        assert served.request("GET", "/__preview/events?since=0")[0] == 503
        assert time.monotonic() - started < 1
        assert served.request("GET", "/en/")[0] == 200, "pages are still served"
        preview.channel.publish(("en/index.html",))
        assert received(streams[0], b"en/index.html"), "the open streams still work"
        streams.pop().close()
        deadline = time.monotonic() + 20  # the closed stream's thread notices at its next write
        while (sock := served.stream()) is None:
            assert time.monotonic() < deadline, "a closed stream's place is taken again"
            preview.channel.publish(())
            time.sleep(0.2)
        streams.append(sock)
    finally:
        for sock in streams:
            sock.close()
        stop(served)
