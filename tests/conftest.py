"""Shared fixtures: the sample campaign built once, and scratch campaigns in temporary folders."""
from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from campaign.cli import main

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "content"


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
        return run("--content", "content", "--output", "output", *args)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    """A copy of the sample campaign; the current folder is its root, so messages say content/..."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Scratch(tmp_path)


@pytest.fixture
def empty_campaign(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return Scratch(tmp_path)


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample campaign, built once for every test that only reads the result."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = run("--content", str(SAMPLE), "--output", str(output))
    assert result.code == 0, result.err
    return output


def tree_digest(folder: Path) -> str:
    """One hash over every file's path and bytes: equal digests mean identical trees."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
