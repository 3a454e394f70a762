"""Helpers shared by the tests: running the command line, scratch campaigns, reading built pages."""
from __future__ import annotations

import contextlib
import hashlib
import io
import socket
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from campaign.cli import main

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "content"
CACHE = PROJECT / ".cache" / "tests"
"""Rendered print products, shared by every build of the test run: a scratch copy of the sample
renders only what its test changed."""


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(*args: str) -> Result:
    """Run the command line in-process, capturing what the comms team would see."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())


class Scratch:
    """A campaign folder of the test's own: content/ (a copy of the sample unless told) and output/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"

    def path(self, name: str) -> Path:
        return self.content / name

    def write(self, name: str, text: str | bytes) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())

    def edit(self, name: str, old: str, new: str) -> None:
        text = self.path(name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        self.path(name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self, *args: str) -> Result:
        return run("--content", "content", "--output", "output", "--cache", str(CACHE), *args)


ARABIC_CAMPAIGN = """\
name: {ar: الرهان الأعمى, en: Blind Betting}
slug: blind-betting-ar
country: BE
start: 2026-10-18
end: 2026-10-24
languages: [ar, en]
base_url: https://example.org/campaign/
quick_exit: https://www.meteo.be/
tagline: {ar: لا تراهن على مستقبلك, en: Don't gamble with your future}
regions:
  national: {ar: كل بلجيكا, en: All of Belgium}
"""

SERVICES = """\
services:
  - id: child-focus
    name: Child Focus
    description: {ar: مجاني ليلا ونهارا, en: "Free, day and night"}
    phones: ["116 000"]
    hours: 24/7
    regions: [national]
    audiences: [minors]
  - id: emergency
    name: {ar: الطوارئ, en: Emergency}
    description: {ar: في خطر؟ اتصل الآن, en: In danger? Call now}
    phones: ["112"]
    regions: [national]
    emergency: true
"""

CARD = """\
::: promise
## {promise}

{text}
:::

::: reality
## {reality}

{text}
:::
"""


STATIONS = """\
stations:
  - id: gare-du-midi
    name: {ar: محطة الجنوب, en: South station}
    city: {ar: بروكسل, en: Brussels}
    regions: [national]
    languages: [ar]
    formats: [a2]
"""


def write_arabic_campaign(campaign: Scratch, stations: bool = False) -> None:
    """A small right-to-left campaign: Arabic first, English second, one card, two services; with `stations`,
    one station with an Arabic A2 poster and screen, each with its landing page."""
    campaign.write("campaign.yml", ARABIC_CAMPAIGN)
    campaign.write("services.yml", SERVICES)
    campaign.write("cards/job.ar.md", CARD.format(promise="عمل في الخارج", reality="لا يوجد عمل", text="نص قصير."))
    campaign.write("cards/job.en.md", CARD.format(promise="A job abroad", reality="There is no job", text="Short text."))
    campaign.write("pages/safety.ar.md", "---\ntitle: الأمان على الإنترنت\n---\n\nزر الخروج السريع يفتح صفحة الطقس فوراً.\n")
    campaign.write("pages/safety.en.md", "---\ntitle: Staying safe online\n---\n\nThe quick-exit button opens a weather page at once.\n")
    if stations:
        campaign.write("stations.yml", STATIONS)




def built(content: Path, output: Path) -> Path:
    """A campaign folder's content built into `output` with the shared cache; the output, or a failed test."""
    result = run("--content", str(content), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on (only loopback addresses are used by servers and tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


DRAFT_CATALOG = "theme strings are a draft no native speaker has reviewed"


def other_warnings(stderr: str) -> list[str]:
    """Warnings besides the ones every build of the sample gives while its catalogs are unreviewed drafts."""
    return [line for line in stderr.splitlines() if line.startswith("warning:") and DRAFT_CATALOG not in line]


def tree_digest(folder: Path) -> str:
    """One hash over every file's path and bytes: equal digests mean identical trees."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digests(folder: Path) -> dict[str, str]:
    """Each file's path → the SHA-256 of its bytes: equal when the trees are, and a diff naming the files when not."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


class Elements(HTMLParser):
    """Every start tag of a page as (tag, attributes), plus the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Start tags named `tag` whose attributes match (http_equiv= means http-equiv=)."""
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
