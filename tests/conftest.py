"""Shared fixtures: the sample campaign built once, and scratch campaigns in temporary folders."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from support import CACHE, SAMPLE, Result, Scratch, built, run
from team import DUTCH_OVERRIDE, PERSIAN_STRINGS, translated_catalog, write_chinese, write_dutch_persian


SLOW = ("browser/", "test_print.py", "test_incremental.py", "test_output_safety.py", "test_languages.py",
        "test_formats.py", "test_properties.py", "test_preview_print.py", "test_campaigns.py", "test_cache_keys.py",
        "test_fuzz.py", "test_distances.py", "test_typst_posters.py", "test_interrupt.py", "test_prepress.py",
        "test_cat_properties.py", "test_servers.py", "test_serve.py", "test_format_catalogue.py",
        "test_scripts_print.py", "test_adapt.py", "test_typst_cards.py")
"""The test files that drive a browser, lay out many posters, start real servers or search a space: `make test`
runs them (CI too); `make test-fast`, the everyday loop, leaves them out."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        relative = item.path.relative_to(Path(__file__).parent).as_posix()
        if relative.startswith(SLOW) or relative.endswith(SLOW):
            item.add_marker(pytest.mark.slow)


TALLIES = pytest.StashKey[dict[str, Counter[str]]]()
Tally = Callable[[str, str], None]


@pytest.fixture(scope="session")
def tally(request: pytest.FixtureRequest) -> Tally:
    """`tally(test, outcome)`: a generated test counts what became of its examples (built, refused and why),
    and the run prints the counts at its end — a refusal is not a pass, so it is never hidden."""
    counts = request.config.stash.setdefault(TALLIES, {})

    def add(test: str, outcome: str) -> None:
        counts.setdefault(test, Counter())[re.sub(r"\d+(\.\d+)?", "N", outcome)[:120]] += 1
    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    for test, counts in config.stash.get(TALLIES, {}).items():
        terminalreporter.write_sep("-", f"{test}: {sum(counts.values())} examples")
        for outcome, count in counts.most_common():
            terminalreporter.write_line(f"{count:5} {outcome}")


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
    result = run("--content", str(SAMPLE), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output



def built_scratch(root: Path, write: Callable[[Scratch], None]) -> tuple[Scratch, Result]:
    campaign = Scratch(root)
    write(campaign)
    return campaign, run("--content", str(campaign.content), "--output", str(campaign.output), "--cache", str(CACHE))


@pytest.fixture(scope="session")
def dutch_persian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scratch, Result]:
    """Built once (tests/team.py): Dutch with posters, Persian for the website only, both with campaign catalogs."""
    def write(campaign: Scratch) -> None:
        write_dutch_persian(campaign)
        translated_catalog(campaign, "fa", PERSIAN_STRINGS)
        translated_catalog(campaign, "nl", DUTCH_OVERRIDE)

    campaign, result = built_scratch(tmp_path_factory.mktemp("kijk-uit"), write)
    assert result.code == 0, result.err
    return campaign, result


@pytest.fixture(scope="session")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scratch, Result]:
    """Built once (tests/team.py): a campaign whose main language is written `zh`, with a poster in it."""
    campaign, result = built_scratch(tmp_path_factory.mktemp("kan-qingchu"), write_chinese)
    assert result.code == 0, result.err
    return campaign, result


@pytest.fixture(scope="session")
def spanish_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spanish campaign's content folder (tests/spanish.py), written once: tests that change it copy it."""
    from spanish import write_spanish_campaign
    content = tmp_path_factory.mktemp("ojos-abiertos") / "content"
    write_spanish_campaign(content)
    return content


@pytest.fixture(scope="session")
def spanish_output(spanish_content: Path) -> Path:
    """The Spanish campaign built once, print products included, for every test that only reads the result."""
    return built(spanish_content, spanish_content.parent / "output")


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish_content: Path) -> Scratch:
    """A copy of the Spanish campaign of the test's own; the current folder is its root."""
    shutil.copytree(spanish_content, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Scratch(tmp_path)
