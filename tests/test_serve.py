"""The preview: serves on 127.0.0.1, rebuilds on save, and keeps the last good site on a mistake."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

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


def test_serve_previews_and_rebuilds_on_change(scratch: Scratch) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/cards/dream-job/"
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port), "--cache", str(CACHE)],
                              cwd=scratch.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(lambda: "A modelling job abroad" in fetch(url)), "the preview serves the built site"
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


def test_the_preview_serves_the_campaigns_own_not_found_pages(sample_output: Path) -> None:
    """Not Python's default page: the campaign's, in the language of the address, with status 404."""
    import functools
    import threading
    import urllib.error
    from http.server import ThreadingHTTPServer

    from campaign.preview.serve import PreviewHandler

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PreviewHandler, directory=str(sample_output)))
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


def test_a_busy_port_is_said_and_the_next_free_one_taken(tmp_path: Path) -> None:
    """No traceback when the port is in use: the preview says so and serves on the next free port."""
    import socket

    from shapes import write_campaign
    write_campaign(tmp_path, [{"id": "zwolle", "languages": ["nl"], "formats": ["a2"]}])
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--site-only", "--port", str(port),
                               "--cache", str(CACHE)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        said = server.stdout.readline() if server.stdout else ""
        assert f"Port {port} is in use" in said and "`--port` chooses one" in said, said
        other = int(said.split("uses port ")[1].split()[0])
        assert other != port and wait_for(lambda: "Twee kanten" in fetch(f"http://127.0.0.1:{other}/nl/"))
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
        busy.close()
    assert "Traceback" not in output
