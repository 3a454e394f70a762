"""Every format a station can have: landscape, strips, billboards and pocket cards lay out and print right,
or stop with a message naming stations.yml — checked from the files, on a campaign unlike the sample
(tests/shapes.py: Dutch first, six scripts, a base URL with a path)."""
from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from random import Random

import pikepdf
import pytest
from pdfs import decoded, digit_runs, font_sizes_pt, overlapping, words
from shapes import EMERGENCY, HELPLINE, LANGS, manifest, poster_problems, write_campaign
from support import CACHE, Result, run

FIXED = [  # the examples of issue 17, and the same shapes right to left and in other scripts
    {"id": "utrecht-centraal", "languages": ["nl", "en", "uk"],
     "formats": [{"name": "landscape", "width_mm": 1200, "height_mm": 800}]},
    {"id": "rotterdam-centraal", "languages": ["ar"], "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 300}]},
    {"id": "sloterdijk", "languages": ["nl"], "formats": [{"name": "48-sheet", "width_mm": 6096, "height_mm": 3048}]},
    {"id": "den-haag-centraal", "languages": ["th"],
     "formats": [{"name": "flyer", "width_mm": 105, "height_mm": 148, "viewing_distance_m": 0.5}]},
    {"id": "schiphol", "languages": ["ti"], "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55}]},
    {"id": "zwolle", "languages": ["ar", "nl"], "formats": [{"name": "wide", "width_mm": 1750, "height_mm": 1185}]},
    {"id": "arnhem", "languages": ["zh-Hans"], "formats": [{"name": "platform", "width_mm": 2400, "height_mm": 200}]},
]


@pytest.fixture(scope="session")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The fixed examples, built once: (output, what the build said)."""
    root = tmp_path_factory.mktemp("shapes")
    content = write_campaign(root, FIXED)
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return root / "output", result.err


def poster(output: Path, station: str) -> dict[str, str]:
    return next(row for row in manifest(output) if row["kind"] == "poster" and row["station"] == station)


@pytest.mark.parametrize("station", [s["id"] for s in FIXED])
def test_each_fixed_format_prints_right(shapes: tuple[Path, str], station: str) -> None:
    output, _said = shapes
    assert poster_problems(output, poster(output, station)) == []


def test_a_landscape_poster_sets_the_two_sides_side_by_side(shapes: tuple[Path, str]) -> None:
    output, _said = shapes
    pdf = output / "print" / poster(output, "utrecht-centraal")["file"]
    placed = words(pdf)
    promise = next(w for w in placed if w.text == "BELOFTE")
    reality = next(w for w in placed if w.text == "REALITEIT")
    assert abs(promise.y0 - reality.y0) < 5 and reality.x0 > promise.x1 + 100, "side by side, the promise first"
    number = next(w for w in placed if w.text == "033")
    assert number.y0 > promise.y1, "the help numbers under the sides"
    with pikepdf.open(pdf) as document:
        page_width = float(document.pages[0].TrimBox[2])
    codes = decoded(pdf, 30)
    assert codes[0].position.top_left.x / 30 * 72 > page_width / 2, "the QR code on the right, beside the numbers"


def test_the_mixed_landscape_is_mirrored(shapes: tuple[Path, str]) -> None:
    """ar + nl: read from the right, the promise is on the right and the QR code on the left."""
    output, _said = shapes
    pdf = output / "print" / poster(output, "zwolle")["file"]
    with pikepdf.open(pdf) as document:
        middle = float(document.pages[0].TrimBox[2]) / 2
    placed = words(pdf)
    assert next(w for w in placed if w.text == "BELOFTE").x0 > middle
    assert next(w for w in placed if w.text == "REALITEIT").x1 < middle
    assert decoded(pdf, 30)[0].position.top_right.x / 30 * 72 < middle


def test_a_strip_is_one_row_ending_in_the_qr_code(shapes: tuple[Path, str]) -> None:
    output, _said = shapes
    for station, code_side in (("rotterdam-centraal", "left"), ("arnhem", "right")):  # Arabic reads from the right
        pdf = output / "print" / poster(output, station)["file"]
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        lang = LANGS[poster(output, station)["languages"]]
        assert lang.name in text and lang.helpline in text.replace("\n", " "), "the name and who answers the number"
        assert "twee-kanten.example.nl/hulp/campagne/s/" in text.replace("\n", ""), "the address under the numbers"
        with pikepdf.open(pdf) as document:
            width = float(document.pages[0].TrimBox[2])
        code = decoded(pdf, 60)[0]
        on_left = code.position.top_left.x / 60 * 72 < width / 2
        assert on_left == (code_side == "left"), station


def test_a_billboard_is_drawn_at_tenth_size_and_says_so(shapes: tuple[Path, str]) -> None:
    output, _said = shapes
    row = poster(output, "sloterdijk")
    assert row["file"] == "twee-kanten_sloterdijk_48-sheet-1to10_nl.pdf"
    assert (row["scale"], row["trim_mm"], row["printed_mm"]) == ("1:10", "609.6x304.8", "6096x3048")
    with pikepdf.open(output / "print" / row["file"]) as pdf:
        assert max(float(v) for v in pdf.pages[0].MediaBox) < 14_400, "within PDF's 200-inch page"
        description = pdf.open_metadata()["dc:description"]
    assert "1:10" in description and "1000 %" in description and "6096 × 3048 mm" in description


def test_a_pocket_card_keeps_the_essentials_and_says_what_it_leaves_out(shapes: tuple[Path, str]) -> None:
    output, said = shapes
    pdf = output / "print" / poster(output, "schiphol")["file"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert LANGS["ti"].helpline in flat and LANGS["ti"].emergency in flat, "the numbers with who answers them"
    card = (Path(__file__).parent.parent / "theme" / "starter" / "card.ti.md").read_text()
    body = card.split("::: reality")[1].split("\n\n")[1].split()[0]
    assert body not in flat, "no card text, which cannot be read at that size"
    assert ("note: " in said and "schiphol.formats.pocket: 85 × 55 mm is a pocket format: its posters show what can "
            "be read at that size") in said


def test_nothing_prints_under_9_pt_on_hand_held_formats(shapes: tuple[Path, str]) -> None:
    output, _said = shapes
    for station in ("schiphol", "den-haag-centraal"):
        sizes = font_sizes_pt(output / "print" / poster(output, station)["file"])
        assert sizes and min(sizes) >= 9 - 0.01, station


@pytest.mark.parametrize("lang", ["nl", "ar", "ti"])
def test_the_a6_cards_reality_side_ends_with_the_help_line_and_the_emergency_number(shapes: tuple[Path, str],
                                                                                     lang: str) -> None:
    """The card is what a person keeps: its reality side gives the number to call, who answers it, and 112."""
    output, _said = shapes
    card = output / "print" / f"twee-kanten_card-werk_a6_{lang}.pdf"
    back = [w for w in words(card) if w.page == 2]
    runs = ["".join(run) for run in digit_runs(card)]
    assert any(HELPLINE.replace(" ", "") in line for line in runs), f"{HELPLINE} in dialling order: {runs}"
    assert any(line == EMERGENCY for line in runs)
    printed = " ".join(w.text for w in back)
    for name in (LANGS[lang].helpline.split()[0], LANGS[lang].emergency.split()[0]):  # poppler gives Arabic
        assert name in printed or name[::-1] in printed, name                          # in visual order
    assert list(overlapping(back)) == []
    assert "twee-kanten.example.nl/hulp/campagne/" in "".join(w.text for w in back)


# --- formats the tool cannot make, said when stations.yml is read --------------------------------

@pytest.mark.parametrize("fmt, expected", [
    ({"name": "ribbon", "width_mm": 4000, "height_mm": 300},
     "ribbon: 4000 × 300 mm is 13.3 times as long as it is wide, and the tool lays out formats up to 12 : 1"),
    ({"name": "stamp", "width_mm": 40, "height_mm": 40}, "stamp: 40 × 40 mm cannot be made: each side must be 50 to"),
])
def test_a_format_that_cannot_be_made_is_refused_with_its_line(tmp_path: Path, fmt: dict, expected: str) -> None:
    content = write_campaign(tmp_path, [{"id": "lelystad", "languages": ["nl"], "formats": ["a2", fmt]}])
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith(f"error: {content}/stations.yml:") and expected in lines[0], result.err
    assert not (tmp_path / "output").exists()


# --- the space of formats ---------------------------------------------------------------------------

def spread(random: Random, low: float, high: float) -> float:
    """From `low` to `high`, evenly in proportion: as many pocket sizes as billboards."""
    return low * (high / low) ** random.random()


def random_format(random: Random) -> dict[str, object]:
    """Long sides from 50 to 12,500 mm, 1 to 12 times as long as wide, either way up, read from where the tool
    guesses or (one time in three) from a distance given; one in five a little past one of the limits (a side under
    50 mm, over 12,500 mm, or over 12 : 1), where the tool must refuse it. Drawn evenly in proportion (as many
    pocket sizes as billboards)."""
    past = random.choice(("small", "large", "thin")) if random.random() < 0.2 else None
    long = spread(random, 12_501, 13_500) if past == "large" else spread(random, 700 if past == "thin" else 50, 12_500)
    ratio = spread(random, 12.2, 14) if past == "thin" else spread(random, 1, min(12.0, long / 50))
    short = spread(random, 30, 49.4) if past == "small" else long / ratio
    width, height = sorted((round(long), round(short)), reverse=random.random() < 0.5)
    fmt: dict[str, object] = {"name": "custom", "width_mm": width, "height_mm": height}
    if random.random() < 1 / 3:
        fmt["viewing_distance_m"] = round(spread(random, 0.2, 12), 1)
    return fmt


def within_limits(fmt: dict) -> bool:
    """What the loader accepts: 50 to 12,500 mm long, at most 12 times as long as wide."""
    long, short = max(fmt["width_mm"], fmt["height_mm"]), min(fmt["width_mm"], fmt["height_mm"])
    return 50 <= short and long <= 12_500 and long <= 12 * short


CONTENT_FILES = ("stations.yml:", "cards/werk.", "services.yml", "campaign.yml")
EXAMPLES = 16
"""Formats a run draws for each length of text: a campaign of them built at once (a build each cost 20 s)."""


@pytest.mark.parametrize("long", [False, True], ids=["short-texts", "long-texts"])
def test_any_format_builds_and_prints_right_or_stops_with_a_content_error(tmp_path: Path, long: bool,
                                                                           tally: Callable[[str, str], None]) -> None:
    """Formats drawn across the whole space (a fixed seed, random_format), each for a station in one to three of
    the tool's scripts. Those the loader accepts are built as one campaign: every poster prints right, or, where
    its essentials cannot be read at its size, is said not printed with a format that carries them — a refusal
    fails. Those past the limits, as another: each is refused at its own line of stations.yml. Every outcome is
    counted and printed at the end of the run (conftest.tally)."""
    random = Random(f"formats-{long}")
    drawn = [(random_format(random), random.sample(sorted(LANGS), random.randint(1, 3))) for _ in range(EXAMPLES)]
    accepted = [(f"s{i}", fmt, langs) for i, (fmt, langs) in enumerate(drawn) if within_limits(fmt)]
    past = [(f"s{i}", fmt, langs) for i, (fmt, langs) in enumerate(drawn) if not within_limits(fmt)]
    assert accepted and past, "the seed draws both kinds"
    for kind, stations in (("accepted", accepted), ("past", past)):
        root = tmp_path / kind
        content = write_campaign(root, [{"id": id_, "languages": langs, "formats": [fmt]}
                                        for id_, fmt, langs in stations], long=long)
        result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))  # never raises
        if kind == "accepted":
            check_accepted(root / "output", result, stations, tally)
        else:
            check_refused(content, result, stations, tally)


def check_accepted(output: Path, result: Result, stations: list[tuple[str, dict, list[str]]],
                   tally: Callable[[str, str], None]) -> None:
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    for line in errors:
        tally("generated formats", "refused: " + line.split(": ", 2)[-1])
    assert result.code == 0 and not errors, f"formats the loader accepts were refused:\n{result.err}"
    said = [line for line in result.err.splitlines() if " is not printed" in line]
    printed = {row["station"]: row for row in manifest(output) if row["kind"] == "poster"}
    for id_, fmt, langs in stations:
        mine = [line for line in said if f"_{id_}_custom_" in line]
        if mine:  # its essentials cannot be read at its size: said, with a format that carries them
            tally("generated formats", "not printed: " + mine[0].split("is not printed", 1)[1].strip(" :"))
            assert id_ not in printed, mine[0]
            assert re.search(r"carries them is \d+ × \d+ mm|not even \d+ × \d+ mm", mine[0]), mine[0]
            continue
        tally("generated formats", "built")
        assert poster_problems(output, printed[id_]) == [], (fmt, langs)


def check_refused(content: Path, result: Result, stations: list[tuple[str, dict, list[str]]],
                  tally: Callable[[str, str], None]) -> None:
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert result.code == 1 and errors, result.err
    for line in errors:  # the content file to edit first: stations.yml, at the format's line
        assert line.startswith(tuple(f"error: {content}/{name}" for name in CONTENT_FILES)), line
    for id_, fmt, _langs in stations:
        mine = [line for line in errors if re.search(rf"stations\.yml:\d+: {id_}\.formats\.custom: ", line)]
        assert mine, f"{id_} ({fmt}) past the limits, not refused at its line:\n{result.err}"
        tally("generated formats past the limits", "refused: " + mine[0].split(": ", 2)[-1])
