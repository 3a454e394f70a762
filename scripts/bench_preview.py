"""Benchmark the preview: from saving a card to the new version being served over HTTP.

    python scripts/bench_preview.py [--runs 5] [--saves 20] [--intervals 1.0 0.3]    (also part of `make bench`)

Starts `build.py serve` on a copy of the sample campaign and edits the Dutch card shown on the Brussels
posters, in two ways:
- one save at a time (RUNS times, waiting for the posters in between): the card's page (polled until the new
  words are served) and the Brussels A0 poster (polled until its PDF shows them), as medians;
- typing: SAVES saves, one every INTERVAL seconds, as a person saving while writing: for each save, the time
  until its page (or a later save's) is served — median and 95th percentile — and, once the saving stops, the
  time from the last save to the poster showing it; also how many times the print products were published.
Budgets on this 2-core machine: the page 0.25 s (95th percentile 0.5 s), the posters 2 s after the last save.
Where Debian's `hugo` is installed, `hugo server` serves a page of the same card, edited the same way, for
comparison (it makes no posters).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from bench import write_hugo_site  # noqa: E402
from bench_print import keep_profile  # noqa: E402

CARD = "cards/dream-job.nl.md"
POSTER = "print/blind-betting_bruxelles-midi_a0_fr-nl.pdf"
MARK = re.compile(rb"zq(\d+)k")
"""The word each save writes, `zq<number>k`: short, so the poster never hyphenates it."""


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


def shown(data: bytes) -> int:
    """The number of the save a page or poster shows (-1: none yet)."""
    found = MARK.search(data)
    return int(found.group(1)) if found else -1


@dataclass
class Poster:
    """The poster as an open preview sees it: the small manifest is polled, and the PDF read again only when
    its checksum there changed (reading the PDF itself in a loop would take the CPU the print workers need)."""

    origin: str
    checksum: str = ""
    text: bytes = b""

    def shows(self) -> int:
        listed = {row["file"]: row["sha256"] for row in json.loads(fetch(f"{self.origin}/print/manifest.json") or b"[]")}
        checksum = listed.get(POSTER.removeprefix("print/"), "")
        if checksum != self.checksum:
            pdf = fetch(f"{self.origin}/{POSTER}")
            self.text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout if pdf else b""
            self.checksum = checksum if pdf else ""
        return shown(self.text)


def wait(condition: Callable[[], bool], started: float, seconds: float = 60) -> float:
    """Seconds from `started` until `condition` holds (polled every 10 ms)."""
    while time.perf_counter() - started < seconds:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.01)
    raise SystemExit("timed out: the change never arrived")


def save(card: Path, number: int) -> float:
    """Write the card with the save's word; returns when the save happened."""
    text = re.sub(r"Een fotograaf( zq\d+k)? zegt", f"Een fotograaf zq{number}k zegt", card.read_text(), count=1)
    started = time.perf_counter()
    card.write_text(text)
    return started


@dataclass
class Watcher:
    """Polls a page in a thread of its own: when each save's words (or a later save's) were first served."""

    url: str
    seen: list[tuple[float, int]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            number = shown(fetch(self.url))
            self.seen.append((time.perf_counter(), number))
            time.sleep(0.005)

    def latency(self, number: int, saved: float) -> float:
        return next(at for at, seen in self.seen if seen >= number and at >= saved) - saved


@contextmanager
def watching(url: str) -> Iterator[Watcher]:
    watcher = Watcher(url)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        yield watcher
    finally:
        watcher.stop.set()
        thread.join()


@dataclass
class Typing:
    pages: list[float]
    poster: float | None = None
    """From the last save to the poster showing it."""
    print_publishes: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.pages)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.pages, n=20, method="inclusive")[-1]


def type_saves(card: Path, page: str, first: int, saves: int, interval: float) -> tuple[list[float], float]:
    """SAVES saves INTERVAL apart; the page latency of each, and when the last save happened."""
    with watching(page) as watcher:
        start = time.perf_counter() + 0.2
        times = []
        for index in range(saves):
            time.sleep(max(0.0, start + index * interval - time.perf_counter()))
            times.append(save(card, first + index))
        last = first + saves - 1
        wait(lambda: bool(watcher.seen) and watcher.seen[-1][1] >= last, times[-1], 30)
        return [watcher.latency(first + index, at) for index, at in enumerate(times)], times[-1]


@contextmanager
def our_preview(root: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = root / "serve.log"
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port),
                               "--cache", str(root / "cache")], cwd=root, stdout=log.open("wb"),
                              stderr=subprocess.STDOUT)
    origin = f"http://127.0.0.1:{port}"
    try:
        wait(lambda: fetch(f"{origin}/print/manifest.json") != b"", time.perf_counter(), 300)
        yield origin, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def print_publishes(log: Path) -> int:
    """How many saves' print products were published: each save's posters come first (with the other products when
    the posters changed alone)."""
    said = log.read_text(errors="replace")
    return said.count("Rebuilt the posters") + said.count("Rebuilt the print products")


def ours(root: Path, runs: int, saves: int, intervals: list[float]) -> tuple[list[float], list[float], dict[float, Typing]]:
    card = root / "content" / CARD
    pages, posters, typing = [], [], {}
    with our_preview(root) as (origin, log):
        page = f"{origin}/nl/cards/dream-job/"
        preview = Poster(origin)
        number = 0
        for _ in range(runs):
            started = save(card, number)
            pages.append(wait(lambda: shown(fetch(page)) >= number, started))
            posters.append(wait(lambda: preview.shows() >= number, started))
            number += 1
            time.sleep(1)
        for interval in intervals:
            before = print_publishes(log)
            latencies, last = type_saves(card, page, number, saves, interval)
            number += saves
            poster = wait(lambda: preview.shows() >= number - 1, last)
            time.sleep(2)  # any later print publish would count: there should be none
            typing[interval] = Typing(latencies, poster, print_publishes(log) - before)
    return pages, posters, typing


def hugo(root: Path, runs: int, saves: int, intervals: list[float]) -> tuple[list[float], dict[float, Typing]] | None:
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
    pages, typing = [], {}
    try:
        wait(lambda: b"fotograaf" in fetch(page), time.perf_counter(), 60)
        number = 0
        for _ in range(runs):
            started = save(card, number)
            pages.append(wait(lambda: shown(fetch(page)) >= number, started))
            number += 1
            time.sleep(1)
        for interval in intervals:
            typing[interval] = Typing(type_saves(card, page, number, saves, interval)[0])
            number += saves
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return pages, typing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--intervals", type=float, nargs="*", default=[1.0, 0.3])
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    shutil.copytree(PROJECT / "content", root / "content")
    keep_profile(root / "cache")
    pages, posters, typing = ours(root, args.runs, args.saves, args.intervals)
    theirs = hugo(root, args.runs, args.saves, args.intervals)
    hugo_note = "" if theirs else "  (Hugo not installed: `apt-get install hugo` to compare)"
    print(f"preview, save to served (sample campaign, one card edited, 2 cores){hugo_note}:")
    print(f"  one save at a time (median of {args.runs}):")
    line = f"    the card's page          {statistics.median(pages):5.2f} s  (budget 0.25 s)"
    print(line + (f"   hugo server {statistics.median(theirs[0]):5.2f} s" if theirs else ""))
    print(f"    the poster showing it    {statistics.median(posters):5.2f} s  (budget 2 s)")
    for interval, ours_typing in typing.items():
        print(f"  typing: {args.saves} saves, one every {interval:g} s:")
        line = (f"    the card's page          median {ours_typing.median:5.2f} s, 95th percentile {ours_typing.p95:5.2f} s"
                "  (budgets 0.25 s, 0.5 s)")
        if theirs:
            hugo_typing = theirs[1][interval]
            line += f"   hugo server {hugo_typing.median:5.2f} s, {hugo_typing.p95:5.2f} s"
        print(line)
        print(f"    last save to its poster  {ours_typing.poster:5.2f} s  (budget 2 s); the print products were "
              f"published {ours_typing.print_publishes} time(s) for {args.saves} saves")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
