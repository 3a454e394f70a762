"""Benchmark the preview: from saving a card to the new version being served over HTTP.

    python scripts/bench_preview.py [--runs 5]      (also part of `make bench`)

Starts `build.py serve` on a copy of the sample campaign, edits the Dutch card shown on the Brussels
posters RUNS times, and measures, as medians: the card's page (polled until the new words are served)
and the print products that show it (polled until print/manifest.json, published with them, changes).
Budgets on this 2-core machine: the page 0.25 s, the posters 2 s. Where Debian's `hugo` is installed,
`hugo server` serves a page of the same card, edited the same way, for comparison.
"""
from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from bench import write_hugo_site  # noqa: E402
from bench_print import keep_profile  # noqa: E402

CARD = "cards/dream-job.nl.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


def wait(condition: Callable[[], bool], started: float, seconds: float = 60) -> float:
    """Seconds from `started` until `condition` holds (polled every 10 ms)."""
    while time.perf_counter() - started < seconds:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.01)
    raise SystemExit("timed out: the change never arrived")


def save(card: Path, word: str) -> float:
    """Write the card with a new word; returns when the save happened."""
    text = re.sub(r"Een fotograaf( \S+)? zegt", f"Een fotograaf {word} zegt", card.read_text(), count=1)
    started = time.perf_counter()
    card.write_text(text)
    return started


def ours(root: Path, runs: int) -> tuple[list[float], list[float]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port),
                               "--cache", str(root / "cache")], cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    page, manifest = f"http://127.0.0.1:{port}/nl/cards/dream-job/", f"http://127.0.0.1:{port}/print/manifest.json"
    pages, posters = [], []
    try:
        wait(lambda: fetch(manifest) != b"", time.perf_counter(), 300)
        for run in range(runs):
            before = fetch(manifest)
            word = f"w{run}x{time.time_ns()}"
            started = save(root / "content" / CARD, word)
            pages.append(wait(lambda: word.encode() in fetch(page), started))
            posters.append(wait(lambda: fetch(manifest) != before, started))
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return pages, posters


def hugo(root: Path, runs: int) -> list[float] | None:
    command = shutil.which("hugo")
    if not command:
        return None
    site = root / "hugo"
    (site / "content" / "nl").mkdir(parents=True)
    for lang in ("fr", "de", "en"):
        (site / "content" / lang).mkdir()
    write_hugo_site(site)
    card = site / "content" / "nl" / "dream-job.md"
    card.write_text("---\ntitle: Dream job\n---\n\n" + (PROJECT / "content" / CARD).read_text().split("---", 2)[-1])
    port = free_port()
    server = subprocess.Popen([command, "server", "-s", str(site), "--bind", "127.0.0.1", "--port", str(port),
                               "--disableFastRender"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/nl/dream-job/"
    times = []
    try:
        wait(lambda: b"fotograaf" in fetch(page), time.perf_counter(), 60)
        for run in range(runs):
            word = f"w{run}x{time.time_ns()}"
            started = save(card, word)
            times.append(wait(lambda: word.encode() in fetch(page), started))
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    shutil.copytree(PROJECT / "content", root / "content")
    keep_profile(root / "cache")
    pages, posters = ours(root, args.runs)
    theirs = hugo(root, args.runs)
    print(f"preview, save to served (median of {args.runs}, sample campaign, one card edited, 2 cores):")
    line = f"  the card's page        {statistics.median(pages):5.2f} s  (budget 0.25 s)"
    if theirs:
        line += f"   hugo server {statistics.median(theirs):5.2f} s"
    print(line)
    print(f"  the posters showing it {statistics.median(posters):5.2f} s  (budget 2 s)")
    if not theirs:
        print("  (Hugo not installed: `apt-get install hugo` to compare)")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
