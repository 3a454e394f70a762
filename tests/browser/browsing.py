"""Helpers for the browser tests: the served site, the browser settings, a stand-in exit page."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext
from support import CACHE, SAMPLE, Scratch, run, write_arabic_campaign

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Site:
    """A built campaign served on loopback."""

    name: str
    output: Path
    origin: str
    prefix: str
    languages: tuple[str, ...]
    quick_exit: str
    pages: list[str] = field(default_factory=list)
    """Every public page's address below the origin, e.g. /campaign/ar/help/ (print/ is for the team)."""

    def url(self, path: str) -> str:
        return self.origin + path


def addresses(output: Path, prefix: str) -> list[str]:
    pages = []
    for file in sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "print"):
        relative = file.relative_to(output).as_posix()
        pages.append(prefix + "/" + relative.removesuffix("index.html"))
    return pages


def build_site(name: str, root: Path) -> tuple[Path, str, tuple[str, ...], str]:
    content = root / "content"
    if name == "sample":
        shutil.copytree(SAMPLE, content)
        prefix, languages, exit_url = "", ("nl", "fr", "de", "en"), "https://www.meteo.be/"
    else:
        write_arabic_campaign(Scratch(root), stations=True)
        prefix, languages, exit_url = "/campaign", ("ar", "en"), "https://www.meteo.be/"
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return root / "output", prefix, languages, exit_url


def stand_in_for_exit(context: BrowserContext, site: Site) -> None:
    """Answer the neutral exit destination locally, so the test never leaves this machine."""
    context.route(site.quick_exit + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Sunny</p>"))
