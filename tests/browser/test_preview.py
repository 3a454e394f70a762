"""The preview in a real browser: a saved card changes the open page by itself, a broken save shows
its problems over the last good page, and fixing it brings the page back. Timings are the benchmark's
(scripts/bench_preview.py); here, only that it happens without anyone reloading."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from support import CACHE, PROJECT, SAMPLE, Scratch, free_port

CARD = "cards/dream-job.nl.md"
POSTER_PREVIEW = "print/previews/blind-betting_bruxelles-midi_a0_fr-nl.png"


@dataclass
class Preview:
    campaign: Scratch
    origin: str
    log: Path


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def started(root: Path, ready: str, *options: str) -> Iterator[Preview]:
    """`build.py serve` on the campaign in `root`, once `ready` (an address) is served; stopped afterwards."""
    port, log = free_port(), root / "serve.log"
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--port", str(port), "--cache",
                               str(CACHE), *options], cwd=root, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while not served(origin + ready):
        assert server.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    yield Preview(Scratch(root), origin, log)
    server.terminate()
    server.wait(timeout=30)


def until(page: Page, expression: str, seconds: float) -> None:
    """Wait for `expression` to be true in the page. (Playwright's wait_for_function evaluates its predicate with
    eval() inside the page, which the viewer's policy, rightly, refuses.)"""
    deadline = time.monotonic() + seconds
    while not evaluated(page, expression):
        assert time.monotonic() < deadline, f"{expression} within {seconds} s"
        time.sleep(0.1)


def evaluated(page: Page, expression: str) -> object:
    try:
        return page.evaluate(expression)
    except PlaywrightError:  # the page is reloading: its context went away under the evaluation
        return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(SAMPLE, root / "content")
    yield from started(root, "/print/manifest.json")


@pytest.fixture(scope="module")
def spanish_preview(tmp_path_factory: pytest.TempPathFactory, spanish_content: Path) -> Iterator[Preview]:
    """The Spanish campaign (tests/spanish.py), previewed without print products: quicker, and enough for pages."""
    root = tmp_path_factory.mktemp("spanish-preview")
    shutil.copytree(spanish_content, root / "content")
    yield from started(root, "/es/help/", "--site-only")


def test_a_saved_card_changes_the_open_page_by_itself_and_keeps_its_place(preview: Preview, page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 400})
    page.goto(preview.origin + "/nl/cards/dream-job/")
    page.evaluate("window.scrollTo(0, 300); window.notReloaded = true")
    preview.campaign.edit(CARD, "Een fotograaf zegt", "Een fotograaf uit Gent zegt")
    expect(page.locator("main")).to_contain_text("Een fotograaf uit Gent zegt", timeout=20_000)
    assert page.evaluate("window.notReloaded") is None, "the page reloaded itself"
    assert abs(page.evaluate("window.scrollY") - 300) < 40, "at the same place"


def test_a_broken_save_shows_its_problems_over_the_last_good_page_until_fixed(preview: Preview, page: Page) -> None:
    page.goto(preview.origin + "/nl/help/")
    preview.campaign.edit("services.yml", '"02 511 64 64"', '"0900 12 345"')
    panel = page.locator("#preview-problems")
    expect(panel).to_contain_text("is a premium-rate number", timeout=20_000)
    expect(panel).to_have_attribute("role", "alert")
    expect(page.locator("main")).to_contain_text("02 511 64 64")  # the last good page stays under it
    preview.campaign.edit("services.yml", '"0900 12 345"', '"02 511 64 64"')
    expect(panel).to_have_count(0, timeout=20_000)
    assert "premium-rate number" in preview.log.read_text(), "and in the terminal"


def test_an_open_poster_preview_refreshes_after_the_card_it_shows(preview: Preview, page: Page) -> None:
    page.goto(preview.origin + "/__preview/view?file=" + POSTER_PREVIEW)
    page.evaluate("window.notReloaded = true")
    preview.campaign.edit(CARD, "Hij regelt de reis", "Hij betaalt de reis")
    until(page, "window.notReloaded === undefined", seconds=60)
    manifest = urllib.request.urlopen(preview.origin + "/print/manifest.json", timeout=5).read().decode()
    assert "bruxelles-midi_a0_fr-nl.pdf" in manifest


def test_the_preview_home_lists_every_page_and_print_preview(preview: Preview, page: Page) -> None:
    page.goto(preview.origin + "/")
    for lang in ("nl", "fr", "de", "en"):
        expect(page.locator(f'a[href="/{lang}/cards/dream-job/"]')).to_have_count(1)
    expect(page.locator(f'img[src="/{POSTER_PREVIEW}"]')).to_have_count(1)
    expect(page.locator(".warnings")).to_contain_text("a draft no native speaker has reviewed")
    for _attempt in range(3):  # the home page reloads itself when a build is published (the earlier tests' posters
        page.locator('a[href="/index.html"]').click()  # may still be coming): a click it swallowed is made again
        try:
            expect(page.locator("html")).to_have_attribute("lang", "nl")
            break
        except AssertionError:
            continue
    expect(page.locator("html")).to_have_attribute("lang", "nl")  # the site's own first page, one click away


def test_the_published_output_has_nothing_of_the_preview(preview: Preview) -> None:
    output = preview.campaign.output
    for html in output.rglob("*.html"):
        text = html.read_text()
        assert "__preview" not in text, html
        if "Content-Security-Policy" in text:
            assert "connect-src &#39;none&#39;" in text, f"{html}: the published policy is unchanged"
    assert not list(output.rglob("live.js"))


def test_a_page_opened_or_reloaded_while_the_build_is_broken_says_so_too(spanish_preview: Preview, page: Page) -> None:
    log = spanish_preview.log
    failures = log.read_text().count("The preview still shows the last good build")
    spanish_preview.campaign.edit("services.yml", 'phones: ["116 000"]', 'phones: ["116 00"]')
    deadline = time.monotonic() + 20
    while log.read_text().count("The preview still shows the last good build") == failures:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    page.goto(spanish_preview.origin + "/ro/help/")  # opened after the save that broke the build
    panel = page.locator("#preview-problems")
    expect(panel).to_contain_text("The last save did not build", timeout=10_000)
    expect(panel).to_contain_text('"116 00" is not a valid phone number for ES')
    expect(page.locator("main")).to_contain_text("116 000")  # under it, the last good page
    page.reload()
    expect(panel).to_contain_text('"116 00" is not a valid phone number for ES', timeout=10_000)
    spanish_preview.campaign.edit("services.yml", 'phones: ["116 00"]', 'phones: ["116 000"]')
    expect(panel).to_have_count(0, timeout=20_000)
    page.goto(spanish_preview.origin + "/es/help/")
    page.wait_for_timeout(500)
    expect(panel).to_have_count(0)  # once fixed, a page opened says nothing


def test_the_previews_own_pages_work_under_their_policy(preview: Preview, page: Page) -> None:
    """The home and the viewer are served with a strict policy (no page elsewhere may frame or script them), and
    everything they use (their script, style sheet, the output's images) still loads under it."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    for path in ("/", "/__preview/view?file=" + POSTER_PREVIEW):
        response = page.goto(preview.origin + path)
        assert response is not None and "default-src 'none'" in response.headers["content-security-policy"]
    until(page, "document.images.length === 1 && document.images[0].naturalWidth > 0", seconds=10)
    expect(page.locator('link[href="/__preview/preview.css"]')).to_have_count(1)
    assert page.evaluate("getComputedStyle(document.body).margin") != "8px", "the preview's style sheet applies"
    assert refused == []
