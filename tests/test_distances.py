"""Two distances (issue 28, point 2): the text is sized from the distance a poster is read from; the QR code takes
the largest size its layout gives it, up to a tenth of that distance, and scans from about ten times its width,
as the manifest and the build say. No format is refused for its QR code, unless its modules would be under what a
low-end phone reads at arm's length (0.5 mm, the README's limit). Checked from the printed files."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfs import MM, font_sizes_pt, trim, words
from shapes import manifest, poster_problems, write_campaign
from support import CACHE, run

from campaign.print.formats import FormatRefused, poster_format, scans_from_m

BASE_46 = "https://twee-kanten.example.nl/hulp/campagnes/"
"""A base URL of 46 characters, as a host may give a team: its pocket card must carry it."""

ISSUE_28 = [  # the formats issue 28 names, as written (the 48-sheet at 30 m: see below)
    {"id": "amersfoort", "languages": ["nl"],
     "formats": [{"name": "a3", "width_mm": 297, "height_mm": 420, "viewing_distance_m": 1}]},
    {"id": "venlo", "languages": ["en", "pl"],
     "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 300, "viewing_distance_m": 3}]},
    {"id": "breda", "languages": ["nl"],
     "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55, "viewing_distance_m": 0.4}]},
    {"id": "tilburg", "languages": ["nl"],  # the distance the old advice went round in circles over
     "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55, "viewing_distance_m": 0.2}]},
    {"id": "utrecht", "languages": ["fr", "nl", "ti"],
     "formats": [{"name": "landscape", "width_mm": 1200, "height_mm": 800}]},
]


@pytest.fixture(scope="session")
def distances(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The formats of issue 28 under a 46-character base URL, built once: (output, what the build said)."""
    assert len(BASE_46) == 46
    root = tmp_path_factory.mktemp("distances")
    content = write_campaign(root, ISSUE_28, extra=("fr", "pl"), base_url=BASE_46)
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    assert result.code == 0 and " is not printed: " not in result.err, result.err
    return root / "output", result.err


def poster(output: Path, station: str) -> dict[str, str]:
    return next(row for row in manifest(output) if row["kind"] == "poster" and row["station"] == station)


@pytest.mark.parametrize("station", [s["id"] for s in ISSUE_28])
def test_the_formats_of_issue_28_build_and_print_right(distances: tuple[Path, str], station: str) -> None:
    """Inside the safe margin (5 % of the short side over 2 m), nothing overlapping, numbers in dialling order, a
    code that reads its address, as wide as the manifest says, within a tenth of the distance, modules ≥ 0.5 mm."""
    output, _said = distances
    assert poster_problems(output, poster(output, station)) == []


def test_the_build_and_the_manifest_say_from_how_far_each_code_scans(distances: tuple[Path, str]) -> None:
    output, said = distances
    for station in ISSUE_28:
        row = poster(output, station["id"])
        symbol = float(row["qr_mm"])
        said_m = float(row["scans_from_m"])  # ten times its width, rounded down: to 1 cm under 1 m, 10 cm above
        assert symbol / 100 - (0.1 if said_m >= 1 else 0.01) < said_m <= symbol / 100 + 1e-9, (said_m, symbol)
        note = next(line for line in said.splitlines()
                    if f"{station['id']}.formats.{row['format']}: its QR code" in line)
        assert note.startswith("note: ") and (f"its QR code is printed {symbol:.0f} mm wide and scans from about "
                                              f"{row['scans_from_m']} m") in note, note
        assert f"its text is sized to be read from {row['viewing_m']} m" in note


@pytest.mark.parametrize("station, reading_m", [("amersfoort", 1.0), ("venlo", 3.0)])
def test_text_is_sized_from_the_reading_distance_and_the_code_from_its_room(distances: tuple[Path, str],
                                                                          station: str, reading_m: float) -> None:
    """The smallest text is readable from where people read the poster (3.5 mm a metre), though the code, with
    no room for a tenth of that distance, scans from nearer: people step up to scan it."""
    output, _said = distances
    row = poster(output, station)
    assert row["viewing_m"] == f"{reading_m:g}"
    assert float(row["scans_from_m"]) < reading_m
    smallest_mm = min(font_sizes_pt(output / "print" / row["file"])) / MM
    assert smallest_mm >= 3.5 * reading_m - 0.01


def test_a_pocket_card_carries_a_46_character_base_url_under_its_code(distances: tuple[Path, str]) -> None:
    output, _said = distances
    row = poster(output, "breda")
    printed = "".join(w.text for w in words(output / "print" / row["file"]))
    assert row["url"].removeprefix("https://").rstrip("/") in printed


def test_margins_are_5_percent_of_the_short_side_over_2_m(distances: tuple[Path, str]) -> None:
    """The strip (3000 × 300 mm): no word nearer the trim than 15 mm; the A3 keeps 3.5 % (10.4 mm)."""
    output, _said = distances
    for station, margin_mm in (("venlo", 15.0), ("amersfoort", 0.035 * 297)):
        pdf = output / "print" / poster(output, station)["file"]
        left, top, right, bottom = trim(pdf)
        placed = words(pdf)
        nearest = min(min(w.x0 - left, right - w.x1, w.core[0] - top, bottom - w.core[1]) for w in placed) / MM
        assert nearest >= margin_mm - 0.2, f"{station}: a word {nearest:.1f} mm from the trim"
        assert nearest < margin_mm + 6, f"{station}: the text is placed from the margin, not far inside it"


def test_a_48_sheet_read_from_30_m_is_not_refused_for_its_qr_code(tmp_path: Path) -> None:
    content = write_campaign(tmp_path, [{"id": "sloterdijk", "languages": ["nl"], "formats": [
        {"name": "48-sheet", "width_mm": 6096, "height_mm": 3048, "viewing_distance_m": 30}]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert "QR code" not in "\n".join(line for line in result.err.splitlines() if line.startswith("error:"))
    assert "sloterdijk.formats.48-sheet: its QR code is printed" in result.err


def test_a_48_sheet_read_from_30_m_builds(tmp_path: Path) -> None:
    content = write_campaign(tmp_path, [{"id": "sloterdijk", "languages": ["nl"], "formats": [
        {"name": "48-sheet", "width_mm": 6096, "height_mm": 3048, "viewing_distance_m": 30}]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0 and " is not printed: " not in result.err, result.err
    assert [row["format"] for row in manifest(tmp_path / "output") if row["kind"] == "poster"] == ["48-sheet"]


def test_a_code_too_small_for_a_low_end_phone_is_refused_with_its_line(tmp_path: Path) -> None:
    """A 50 × 50 mm card under a 60-character base URL: 37 modules in a 16 mm code, 0.44 mm each."""
    base = "https://twee-kanten.example.nl/hulp/campagne/stations/2027a/"
    assert len(base) == 60
    content = write_campaign(tmp_path, [{"id": "lelystad", "languages": ["nl"], "formats": [
        "a2", {"name": "stamp", "width_mm": 50, "height_mm": 50}]}], base_url=base)
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert result.code == 1 and len(errors) == 1, result.err
    assert re.match(rf"error: {content}/stations.yml:\d+: lelystad.formats.stamp: 50 × 50 mm leaves its QR code "
                    r"room for \d+ mm, and its 37 modules would be 0\.\d\d mm wide, under the 0\.5 mm a low-end phone "
                    r"reads at arm's length", errors[0]), errors[0]
    assert "qr_base_url" in errors[0] and "Traceback" not in result.err
    assert not (tmp_path / "output").exists()


EDGES = [  # regressions the generated format test found (test_formats.py)
    {"id": "sticker", "languages": ["nl"], "formats": [{"name": "sticker", "width_mm": 50, "height_mm": 50}]},
    {"id": "near-billboard", "languages": ["ar", "nl"],  # a 20 mm code on a 5.9 m poster: once a 500 MP preview
     "formats": [{"name": "wall", "width_mm": 5886, "height_mm": 3124, "viewing_distance_m": 0.2}]},
    {"id": "far-card", "languages": ["nl", "ar"],  # text for 4 m on a card: no room, once an error for the campaign
     "formats": [{"name": "card", "width_mm": 77, "height_mm": 56, "viewing_distance_m": 4}]},
]


def test_a_sticker_a_billboard_read_close_and_a_card_read_far_are_made_or_said(tmp_path: Path) -> None:
    """A billboard read from 0.2 m is checked from its code's own region. A 50 × 50 mm sticker (its code beside the
    numbers, at 0.5 mm a module) and a card read from 4 m cannot carry their essentials legibly: each is not printed,
    said at its line with the smallest format that carries it, and the rest is published. Once the sticker was
    refused as stations.yml was read, the card stopped the whole campaign and the billboard crashed the build."""
    content = write_campaign(tmp_path, EDGES)
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    output = tmp_path / "output"
    assert poster_problems(output, poster(output, "near-billboard")) == []
    said = sorted(line for line in result.err.splitlines() if " is not printed" in line)  # as the workers end
    far, sticker = (next(line for line in said if mark in line) for mark in ("far-card.formats.card", "_sticker_sticker_"))
    assert len(said) == 2 and re.search(r"carries them is 7\d × 7\d mm", sticker) and "not even" in far, said
    assert {row["station"] for row in manifest(output) if row["kind"] == "poster"} == {"near-billboard"}


def test_a_distance_out_of_range_is_refused_without_advice_that_goes_round(tmp_path: Path) -> None:
    """0.19 m was once advised for a pocket card read from 0.2 m, then refused as no reading distance."""
    content = write_campaign(tmp_path, [{"id": "breda", "languages": ["nl"], "formats": [
        {"name": "pocket", "width_mm": 85, "height_mm": 55, "viewing_distance_m": 0.19}]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert result.code == 1 and len(errors) == 1
    assert errors[0].endswith("viewing_distance_m: 0.19 m is not a reading distance: give 0.2 to 50 m"), errors[0]


@st.composite
def accepted(draw: st.DrawFn) -> tuple[float, float, float | None, int]:
    """Any format the loader takes — 50 to 12,500 mm a side, up to 12 : 1 — read from 0.2 to 50 m or from where
    the tool guesses, under a base URL whose code has 21 to 41 modules (versions 1 to 6)."""
    long = draw(st.floats(50, 12_500))
    short = draw(st.floats(max(50.0, long / 11.999), long))
    width, height = draw(st.permutations([long, short]))
    viewing = draw(st.one_of(st.none(), st.floats(0.2, 50)))
    return width, height, viewing, draw(st.sampled_from([21, 25, 29, 33, 37, 41]))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(fmt=accepted())
def test_no_format_is_refused_for_its_code_but_below_the_module_limit(fmt: tuple[float, float, float | None, int]) -> None:
    """The reading distance given is the one the text is sized from; the only refusal left for the code names the
    module size, and never advises a distance."""
    width, height, viewing, modules = fmt
    try:
        made = poster_format("custom", width, height, viewing_m=viewing, modules=modules)
    except FormatRefused as refused:
        assert "low-end phone" in str(refused) and "viewing_distance_m" not in str(refused), str(refused)
        assert min(width, height) < 75, f"{width:.0f} × {height:.0f} mm refused: {refused}"  # only the smallest
        return
    if viewing is not None:
        assert made.viewing_m == viewing


@pytest.mark.parametrize("width_mm, stated_mm, metres", [(429.99999, "430.0", 4.3), (96.44, "96.4", 0.96),
                                                         (1000.04, "1000.0", 10.0), (19.449, "19.4", 0.19)])
def test_the_scan_distance_follows_the_width_as_the_manifest_states_it(width_mm: float, stated_mm: str,
                                                                      metres: float) -> None:
    """Regression: a 48-sheet's code of 429.99999 mm was stated as 430.0 mm wide and 4.2 m away."""
    assert f"{width_mm:.1f}" == stated_mm and scans_from_m(width_mm) == metres
