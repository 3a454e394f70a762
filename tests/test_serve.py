"""The preview: serves on 127.0.0.1, rebuilds on save, and keeps the last good site on a mistake."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from support import CACHE, PROJECT, Scratch, free_port


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def test_serve_previews_and_rebuilds_on_change(scratch: Scratch, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/cards/dream-job/"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port), "--cache", str(CACHE)],
                              cwd=scratch.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "TMPDIR": str(temporary)})
    try:
        assert wait_for(lambda: "A modelling job abroad" in fetch(url)), "the preview serves the built site"
        assert hostile_requests(port) == [421, 421, 400, 414, 404, 200], "a status for each, the content for none"
        scratch.edit("cards/dream-job.en.md", "## A modelling job abroad", "## A photo shoot in Paris")
        assert wait_for(lambda: "A photo shoot in Paris" in fetch(url)), "a saved change shows up"
        scratch.edit("services.yml", '"02 511 64 64"', '"0900 12 345"')
        scratch.edit("cards/dream-job.en.md", "## A photo shoot in Paris", "## Not published")
        time.sleep(3)
        assert "A photo shoot in Paris" in fetch(url), "a broken save keeps the last good site"
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "premium-rate number" in output
    assert "The preview still shows the last good build" in output
    assert server.returncode == 0 and "Traceback" not in output, "SIGTERM stops the preview as Ctrl+C does"
    assert str(scratch.output.resolve()) not in output, "the output path is never shown for a request"
    assert not list(temporary.iterdir()), "nothing is left behind in the temporary folder"


def hostile_requests(port: int) -> list[int]:
    """What a page on another site (after DNS rebinding) and a careless or hostile client send; the statuses."""
    import http.client
    import struct
    requests = [("GET", "/en/cards/dream-job/", "evil.example"), ("GET", "/__preview/events?since=0", f"evil.example:{port}"),
                ("GET", "/__preview/events?since=abc", None), ("GET", "/" + "a" * 300, None),
                ("HEAD", "/__preview/view?file=//evil.example/x.png", None), ("HEAD", "/en/cards/dream-job/", None)]
    statuses = []
    for method, path, host in requests:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        statuses.append(connection.getresponse().status)
        connection.close()
    for _ in range(10):  # a client that goes away in the middle of the page
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(f"GET /en/cards/dream-job/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            sock.recv(10)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return statuses


def test_the_preview_serves_the_campaigns_own_not_found_pages(sample_output: Path) -> None:
    """Not Python's default page: the campaign's, in the language of the address, with status 404."""
    import functools
    import threading
    import urllib.error
    from campaign.preview.serve import PreviewHandler, PreviewServer

    server = PreviewServer(("127.0.0.1", 0), functools.partial(PreviewHandler, directory=str(sample_output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path, lang in (("/fr/nowhere/", "fr"), ("/de/cards/gone/", "de"), ("/nowhere.html", "nl"),
                           ("/../etc/passwd", "nl")):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=5)
                raise AssertionError(f"{path} was found")
            except urllib.error.HTTPError as error:
                assert error.code == 404
                page = error.read().decode()
            assert f'<html lang="{lang}"' in page, path
            assert "Error response" not in page
    finally:
        server.shutdown()
        server.server_close()


def test_a_port_in_use_is_named_with_what_to_do_before_anything_is_built(spanish: Scratch) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port), "--site-only",
                                 "--cache", str(CACHE)], cwd=spanish.root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: port {port} is in use, by another preview or another program: stop it, "
                                    "or choose another port with --port, e.g. --port "), result.stderr
    assert not spanish.output.exists(), "nothing was built for a preview that cannot be served"


def test_without_port_the_preview_takes_the_next_free_one_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from campaign.preview import serve
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        monkeypatch.setattr(serve, "DEFAULT_PORT", port)
        server = serve.listen(serve.PreviewHandler, None)
        assert server is not None
        try:
            taken = server.server_address[1]
            assert taken > port
        finally:
            server.server_close()
    assert capsys.readouterr().out == (f"Port {port} is in use (by another preview, or another program), so this "
                                       f"preview uses port {taken}; choose one yourself with --port.\n")


def test_a_port_that_is_not_one_is_refused_by_the_command_line(spanish: Scratch) -> None:
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "serve", "--port", "70000"], cwd=spanish.root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "70000 is not a port: give a number from 1024 to 65535" in result.stderr
