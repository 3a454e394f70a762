"""The preview's print part (issue 20), on the Spanish campaign (tests/spanish.py): print work for a save that a
newer save replaced stops and publishes nothing; a burst of saves publishes the posters once, of the last save,
then the other products with the contact sheet. Timings are the benchmark's (scripts/bench_preview.py). And the preview publishes what the command line does for the same content (issue 32):
both compose the same steps of the pipeline."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CACHE, Scratch, built, file_digests, tree_digest

from campaign import workers
from campaign.options import Options
from campaign.pipeline import inspect
from campaign.preview import parts
from campaign.preview.builds import Builds
from campaign.print.products import SHEET

CARD = "cards/example.es.md"
POSTER = "print/ojos-abiertos_estacion-norte_a2_es-ro.pdf"
PRINT_FOLDERS = ("print", "og")


def options(campaign: Scratch, cache: Path = CACHE) -> Options:
    return Options(content=campaign.content, output=campaign.output, cache=cache)


def fresh_cache(folder: Path) -> Path:
    """An empty cache but for the print profile (made once per test session: 10 s)."""
    cache = folder / "cache"
    shutil.copytree(CACHE / "print", cache / "print", ignore=lambda at, names: [
        name for name in names if not name.startswith("fogra39") and at == str(CACHE / "print")])
    return cache


def say(campaign: Scratch, words: str) -> None:
    """A new text for the card's promise title, which every print product in Spanish shows."""
    card = campaign.path(CARD)
    lines = card.read_text(encoding="utf-8").splitlines(keepends=True)
    title = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines[title] = f"## {words}\n"
    card.write_text("".join(lines), encoding="utf-8")


def poster_text(campaign: Scratch) -> str:
    return subprocess.run(["pdftotext", str(campaign.output / POSTER), "-"], capture_output=True, text=True).stdout


@pytest.fixture
def warm() -> Iterator[workers.Pool]:
    from campaign.print import pdf  # noqa: F401  (as the preview does: loaded once, inherited by its workers)

    pool = workers.warm_pool()
    yield pool
    pool.terminate()


def test_print_work_for_a_replaced_save_stops_and_publishes_nothing(spanish: Scratch) -> None:
    assert spanish.build().code == 0
    before = tree_digest(spanish.output)
    say(spanish, "Un trabajo soñado zqa")  # not in the cache: every Spanish product is to render
    loaded, _ = inspect(options(spanish))  # as the save's pages part loaded it
    assert loaded is not None
    turns = workers.Turns()
    try:
        old = turns.next()
        stopper = threading.Timer(0.3, turns.next)  # the next save, while the products are being fitted
        stopper.start()
        with pytest.raises(workers.Superseded):
            parts.printed(options(spanish), loaded, None, old)
        stopper.join()
    finally:
        turns.close()
    assert tree_digest(spanish.output) == before, "nothing was published for the replaced save"


def part(output: Path, print_part: bool) -> dict[str, str]:
    """The files of the output's print part (print/, og/), or of the rest."""
    return {name: digest for name, digest in file_digests(output).items()
            if (name.split("/", 1)[0] in PRINT_FOLDERS and "/" in name) == print_part}


def test_the_preview_publishes_what_the_command_line_does(spanish: Scratch, spanish_output: Path,
                                                          warm: workers.Pool) -> None:
    """Its first build, pages and print at once; after a save, the pages at once with the print products as they
    were, then the print products: each time the files the command line publishes for the same content."""
    command_line = Scratch(spanish.root / "command-line")
    shutil.copytree(spanish.content, command_line.content)
    builds = Builds(options(spanish), warm=warm)
    try:
        assert builds.first()
        assert file_digests(spanish.output) == file_digests(spanish_output), "the first build"
        for campaign in (spanish, command_line):
            say(campaign, "Un trabajo soñado zqs")
        built(command_line.content, command_line.output)
        builds.saved()
        assert part(spanish.output, print_part=False) == part(command_line.output, print_part=False), \
            "the save's pages are the command line's"
        assert part(spanish.output, print_part=True) == part(spanish_output, print_part=True), \
            "the print products stay the last ones until the save's are made"
        builds.start_printing()
        deadline = time.monotonic() + 60
        while (published := file_digests(spanish.output)) != (wanted := file_digests(command_line.output)) \
                and time.monotonic() < deadline:
            time.sleep(0.3)
        assert published == wanted, "then the print part: the command line's files, every one"
    finally:
        builds.close()


def test_a_turn_is_over_when_a_newer_one_starts_or_the_series_ends() -> None:
    turns = workers.Turns()
    first = turns.next()
    assert not first.superseded()
    second = turns.next()
    assert first.superseded() and not second.superseded()
    turns.close()
    assert second.superseded(), "nobody waits for work once the preview has stopped"


def test_a_burst_of_saves_publishes_the_posters_once_of_the_last_save(spanish: Scratch, warm: workers.Pool,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path) -> None:
    builds = Builds(options(spanish, fresh_cache(tmp_path)), warm=warm)  # the saves' products rendered, not found
    updates: list = []
    listening = threading.Event()

    def listen() -> None:  # as open pages do: every update, in order
        while not listening.is_set():
            update = builds.channel.wait(updates[-1].number if updates else builds.channel.latest.number, 0.1)
            if update is not None and (not updates or update.number > updates[-1].number):
                updates.append(update)

    try:
        assert builds.first()
        sheet = (spanish.output / SHEET).read_bytes()
        builds.start_printing()
        threading.Thread(target=listen, daemon=True).start()
        capsys.readouterr()
        for number in range(4):
            say(spanish, f"Un trabajo soñado zq{number}b")
            builds.saved()
            assert f"zq{number}b" in (spanish.output / "es" / "cards" / "example" / "index.html").read_text(), \
                "each save's page is published before the next save"
            time.sleep(0.05)  # a burst: faster than the posters are made (about 0.2 s each with Typst)
        deadline = time.monotonic() + 120
        while "zq3b" not in poster_text(spanish):
            assert time.monotonic() < deadline, "the last save's poster never came"
            time.sleep(0.2)
        while (spanish.output / SHEET).read_bytes() == sheet:
            assert time.monotonic() < deadline, "the contact sheet was not made again"
            time.sleep(0.2)
        time.sleep(1)
        said = capsys.readouterr().out
    finally:
        listening.set()
        builds.close()
    assert said.count("Rebuilt the pages") == 4
    parts = ("Rebuilt the posters", "Rebuilt the other print products")
    assert [said.count(part) for part in parts] == [1, 1], said
    assert said.index(parts[0]) < said.index(parts[1]), "the posters first"
    posters, others = updates[-2:]
    manifest = json.loads((spanish.output / "print" / "manifest.json").read_text())
    kinds = {row["file"]: row["kind"] for row in manifest}
    def products(update: object) -> set[str]:
        return {kinds[name.removeprefix("print/")] for name in update.changed if name.removeprefix("print/") in kinds}
    assert POSTER in posters.changed and products(posters) == {"poster"}, posters.changed
    assert products(others) and "poster" not in products(others), others.changed
    for part in (posters, others):
        assert not any(name.endswith(".html") and not name.startswith("print/") for name in part.changed), \
            "the print part tells of its files only"
    assert SHEET not in posters.changed, "the posters do not wait for the contact sheet"
    assert SHEET in others.changed, "the contact sheet comes with the other products"
    for row in manifest:  # every part published is whole: the manifest describes the files the output holds
        assert row["sha256"] == hashlib.sha256((spanish.output / "print" / row["file"]).read_bytes()).hexdigest()
