"""A cached product is never older than the code and content it shows, and what the build reports is what happened:
every module of the tool and the whole of campaign.yml are in each product's key; a worker's problem comes back with
its file, line and field; a damaged cache entry is a note, said once, also under --strict."""
from __future__ import annotations

import pickle
import re
import shutil
import uuid
from pathlib import Path

import pytest
from support import SERVICES, Result, Scratch, write_arabic_campaign

from campaign import options
from campaign.options import Options
from campaign.pipeline import build
from campaign.print.artwork import NoRoom
from campaign.problems import BuildFailed, Problem


def rendered(result: Result) -> tuple[int, int]:
    """(products rendered, products in all) as the build's progress line says."""
    assert result.code == 0, result.err
    found = re.search(r"print: (\d+) of (\d+) products to render", result.err)
    assert found, result.err
    return int(found[1]), int(found[2])


@pytest.fixture
def arabic(empty_campaign: Scratch) -> Scratch:
    """A small right-to-left campaign with one station: an A2 poster, a screen, a card file, sharing images."""
    write_arabic_campaign(empty_campaign, stations=True)
    return empty_campaign


@pytest.fixture
def tool_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tool's code as the cache keys see it: a copy, the same as the running code until a test changes it."""
    copy = tmp_path / "tool" / "campaign"
    shutil.copytree(options.TOOL, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(options, "TOOL", copy)
    return copy


@pytest.mark.parametrize("module", ["print/layouts/portrait.py", "content/model.py", "digits.py", "site/views.py"])
def test_a_change_to_any_module_makes_every_product_again(arabic: Scratch, tool_copy: Path, module: str) -> None:
    first = rendered(arabic.build())
    changed = tool_copy / module
    changed.write_text(changed.read_text() + f"\n# {uuid.uuid4()}: a change this run alone has made\n")
    again = rendered(arabic.build())
    assert again == (first[1], first[1]), f"a change to {module} may change any product: all are made again"
    assert rendered(arabic.build()) == (0, first[1]), "then none, until something changes again"


def test_the_campaigns_languages_are_in_every_products_key(arabic: Scratch) -> None:
    arabic.edit("campaign.yml", "Blind Betting}", f"Blind Betting {uuid.uuid4().hex[:6]}}}")  # products no run made
    total = rendered(arabic.build())[1]
    arabic.write("pages/safety.en.md", "---\ntitle: Staying safe online\n---\n\nThe quick-exit button hides the page.\n")
    assert rendered(arabic.build()) == (0, total), "a web page is on no print product"
    arabic.edit("campaign.yml", "languages: [ar, en]", "languages: [en, ar]")  # the main language, the fallback
    assert rendered(arabic.build()) == (total, total)
    assert rendered(arabic.build()) == (0, total)


def test_a_print_workers_problem_keeps_its_file_and_field(arabic: Scratch) -> None:
    many = "".join(f"""  - id: line-{i}
    name: {{ar: خدمة المساعدة رقم {i} للضحايا والأسر, en: A help service with quite a long name number {i}}}
    description: {{ar: وصف, en: What it does}}
    phones: ["02 511 64 {10 + i}"]
    regions: [national]
    audiences: [victims]
""" for i in range(40))
    arabic.write("services.yml", SERVICES + many)
    with pytest.raises(BuildFailed) as failed:
        build(Options(arabic.content, arabic.output))
    # the posters are not printed (warnings: print/adapt.py), the screen stops the build
    refused = [p for p in failed.value.problems.items if "does not fit on print/" in p.message]
    assert refused, [p.render() for p in failed.value.problems.items]
    for problem in refused:  # as made in the worker, not a line of text split again at its first colon
        assert problem.path == arabic.content / "services.yml" and problem.field == "phones", problem
        assert re.match(r"(print/\S+ is not printed: )?the block of help numbers", problem.message), problem


def test_a_refusal_crosses_a_process_boundary_whole() -> None:
    problem = Problem(Path("content/stations.yml"), 7, "gare.formats.strip", "leaves no room for the QR code", True)
    assert pickle.loads(pickle.dumps(NoRoom(problem))).problem == problem  # what a print worker sends back


def english_only(campaign: Scratch) -> None:
    """The small campaign in English alone: the theme's own language, so a build under --strict has no warning."""
    for name in ("campaign.yml", "services.yml", "stations.yml"):
        text = re.sub(r"ar: [^,}]*, ", "", campaign.path(name).read_text(encoding="utf-8"))
        campaign.write(name, re.sub(r"languages: \[ar(, en)?\]", "languages: [en]", text))
    for name in ("cards/job.ar.md", "pages/safety.ar.md"):
        campaign.path(name).unlink()


def test_a_damaged_cache_entry_is_one_note_also_under_strict(arabic: Scratch, tmp_path: Path) -> None:
    english_only(arabic)
    cache = tmp_path / "cache"
    assert arabic.build("--site-only", "--cache", str(cache)).code == 0
    damaged = sorted(p for p in (cache / "pages").iterdir() if p.is_file())[:3]
    for entry in damaged:
        entry.write_bytes(b"\0" * entry.stat().st_size)
    result = arabic.build("--site-only", "--strict", "--cache", str(cache))
    assert result.code == 0, result.err
    notes = [line for line in result.err.splitlines() if "dropped this damaged cache entry" in line]
    assert len(notes) == len(damaged) and all(line.startswith("note: ") for line in notes), result.err
    assert not [line for line in result.err.splitlines() if line.startswith(("error", "warning"))], result.err
