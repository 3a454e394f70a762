"""Layouts that adapt instead of refusing (issue 28, point 3): what is left out and in which order, the billboard
layout, and a poster whose essentials cannot be printed legibly — not printed, named with its format and the
smallest format that carries it, without blocking the rest unless --strict."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import manifest, write_campaign
from support import CACHE, PROJECT, run

from campaign.print.adapt import ORDER, steps
from campaign.print.formats import measured
from campaign.print.layouts import BILLBOARD_M, BILLBOARD_MM, POCKET_MM, STRIP_RATIO, shape_of
from campaign.print.posters import PrintJob

NEVER = ("head", "help", "qr", "url")
"""The boxes no step may take away: the campaign's name, the help numbers, the QR code and its address."""


@settings(max_examples=200, derandomize=True, deadline=None)
@given(width=st.floats(50, 12_500), height=st.floats(50, 12_500), metres=st.floats(0.2, 50))
def test_a_billboard_is_over_3_m_or_read_from_over_10_m_and_not_a_strip_or_in_the_hand(width: float, height: float,
                                                                                       metres: float) -> None:
    shape = shape_of(width, height, metres)
    if max(width, height) <= POCKET_MM:
        assert shape == "pocket"
    elif width >= STRIP_RATIO * height:
        assert shape == "strip"
    else:
        assert (shape == "billboard") == (max(width, height) > BILLBOARD_MM or metres > BILLBOARD_M), shape


@settings(max_examples=100, derandomize=True, deadline=None)
@given(width=st.floats(50, 12_500), height=st.floats(50, 12_500), metres=st.floats(0.2, 50),
       langs=st.integers(1, 3), partners=st.booleans())
def test_what_a_poster_may_leave_out_keeps_the_stated_order(width: float, height: float, metres: float, langs: int,
                                                            partners: bool) -> None:
    fmt = measured("custom", width, height, None, metres)
    job = PrintJob("poster", "print/x.pdf", ("nl", "en", "uk")[:langs], "werk", fmt)
    shows = {"promise", "reality"} if fmt.shape in ("portrait", "landscape") else {"headline"}
    found = steps(job, shows, fmt.shape not in ("portrait", "landscape"), partners)
    assert list(found) == sorted(found, key=ORDER.index), "in the stated order"
    assert not set(found) & set(NEVER)
    assert ("other-languages" in found) == (langs > 1), "one language keeps its texts: nothing to leave"
    assert ("partners" in found) == (partners and fmt.shape in ("portrait", "landscape"))


SQUARE = {"name": "square", "width_mm": 60, "height_mm": 60, "viewing_distance_m": 0.4}
"""Too small for the help number at 9 pt beside its QR code (of 0.5 mm modules)."""


@pytest.fixture(scope="module")
def too_small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, int]:
    root = tmp_path_factory.mktemp("too-small")
    content = write_campaign(root, [{"id": "lelystad", "languages": ["nl"], "formats": ["a2", SQUARE]}])
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    return content, root / "output", result.err, result.code


def test_a_poster_whose_essentials_do_not_fit_is_not_printed_and_the_rest_is(too_small: tuple[Path, Path, str, int]) -> None:
    content, output, said, code = too_small
    assert code == 0, said
    warnings = [line for line in said.splitlines() if line.startswith("warning:") and "is not printed" in line]
    assert len(warnings) == 1, said
    assert re.match(rf"warning: {content}/services.yml: phones: print/twee-kanten_lelystad_square_nl.pdf is not "
                    r"printed: the block of help numbers .* does not fit .*\. Its format, square \(60 × 60 mm\), cannot "
                    r"carry even the essentials legibly from 0.4 m; the smallest format of its proportions that carries "
                    r"them is \d+ × \d+ mm\. The other products and the pages are published", warnings[0])
    assert f"{content}/stations.yml:" in warnings[0] and "Traceback" not in said
    assert not [line for line in said.splitlines() if line.startswith("error:")]
    posters = [row["format"] for row in manifest(output) if row["kind"] == "poster"]
    assert posters == ["a2"], "the other poster, the cards and the pages are published"
    assert (output / "print" / "twee-kanten_lelystad_a2_nl.pdf").is_file()
    assert not (output / "print" / "twee-kanten_lelystad_square_nl.pdf").exists()
    assert (output / "nl" / "index.html").is_file() or any(output.glob("**/index.html"))


def test_the_format_the_refusal_names_carries_the_poster(too_small: tuple[Path, Path, str, int],
                                                          tmp_path: Path) -> None:
    _content, _output, said, _code = too_small
    width, height = (int(v) for v in re.search(r"carries them is (\d+) × (\d+) mm", said).groups())
    assert 60 < width < 120
    content = write_campaign(tmp_path, [{"id": "lelystad", "languages": ["nl"], "formats": [
        SQUARE | {"width_mm": width, "height_mm": height}]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0 and "is not printed" not in result.err, result.err
    assert [row["format"] for row in manifest(tmp_path / "output") if row["kind"] == "poster"] == ["square"]


def reviewed_theme(root: Path) -> Path:
    """The theme with every language's strings marked reviewed: their drafts would stop --strict first."""
    theme = root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    for catalog in theme.glob("translations/*/LC_MESSAGES/messages.po"):
        catalog.write_text(re.sub(r"(?m)^# Reviewed: no.*$", "# Reviewed: yes, by T. Tester, 2026-12-07",
                                  catalog.read_text(encoding="utf-8")), encoding="utf-8")
    return theme


def test_under_strict_a_poster_not_printed_stops_the_build(too_small: tuple[Path, Path, str, int],
                                                           tmp_path: Path) -> None:
    content, output, _said, _code = too_small
    before = {path: path.stat().st_mtime_ns for path in output.rglob("*")}
    result = run("--content", str(content), "--output", str(output), "--cache", str(CACHE), "--strict",
                 "--theme", str(reviewed_theme(tmp_path)))
    assert result.code == 1, result.err
    stops = [line for line in result.err.splitlines() if line.startswith("error")]
    assert len(stops) == 1 and "print/twee-kanten_lelystad_square_nl.pdf is not printed" in stops[0], result.err
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*")} == before, "the last output is untouched"


def test_a_48_sheet_read_from_30_m_is_a_billboard_of_the_essentials(tmp_path: Path) -> None:
    content = write_campaign(tmp_path, [{"id": "sloterdijk", "languages": ["nl"], "formats": [
        {"name": "48-sheet", "width_mm": 6096, "height_mm": 3048, "viewing_distance_m": 30}]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    assert "sloterdijk.formats.48-sheet: 6096 × 3048 mm is a billboard: its posters show" in result.err
    row = next(row for row in manifest(tmp_path / "output") if row["kind"] == "poster")
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "output" / "print" / row["file"]), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    for shown in ("Twee kanten", "REALITEIT", "033 448 11 86", "Hulplijn mensenhandel (test)", "112", "noodgeval"):
        assert shown in text, shown
    for left in ("BELOFTE", "Gemeente Voorbeeldstad"):  # the promise side and the partners
        assert left not in text, left


def test_a_small_trilingual_poster_leaves_out_in_the_stated_order_and_says_so(tmp_path: Path) -> None:
    """An A5 read from 0.6 m in French, Dutch and Tigrinya: the partners, then the card's texts, go first; the
    titles, the help line with who answers it and the emergency number stay."""
    content = write_campaign(tmp_path, [{"id": "gent", "languages": ["fr", "nl", "ti"], "formats": [
        {"name": "a5", "width_mm": 148, "height_mm": 210, "viewing_distance_m": 0.6}]}], extra=("fr", "pl"))
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    notes = [line for line in result.err.splitlines() if " leaves out " in line]
    assert notes == [f"note: {content}/stations.yml:12: gent.formats.a5: print/twee-kanten_gent_a5_fr-nl-ti.pdf leaves "
                     "out the partners' row, the promise side's text, the reality side's text: not everything fits at "
                     "the smallest size readable from 0.6 m (a larger format, or shorter texts, show more)"], result.err
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "output" / "print" / "twee-kanten_gent_a5_fr-nl-ti.pdf"),
                                    "-"], capture_output=True, text=True, check=True).stdout.split())
    for shown in ("033 448 11 86", "Hulplijn mensenhandel (test)", "112", "BELOFTE", "REALITEIT"):
        assert shown in text, shown
    body = (PROJECT / "theme/starter/card.nl.md").read_text().split("::: reality")[1].split("\n\n")[1].split()[:3]
    assert " ".join(body) not in text and "Gemeente Voorbeeldstad" not in text
