"""Station posters laid out by Typst (campaign/print/typst/, CAMPAIGN_POSTER_ENGINE=typst): the sample's and a
campaign of every shape, left to right and right to left, checked from the files alone — print-ready
(check_pdf), PDF 1.4 without object streams, every word inside the trim's safe margin, the QR code decoded,
and the main help line's number printed larger than the address under the QR code and the partners' names."""
from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfs import Word, decoded, words
from shapes import BASE_URL, HELPLINE, manifest, poster_problems, write_campaign
from support import CACHE, SAMPLE, run

from campaign.print.colour import ink_limit
from campaign.print.preflight import check_pdf
from campaign.print.typst import ENGINE

SHAPES = [  # every layout, right to left too
    {"id": "utrecht-centraal", "languages": ["nl", "en"], "formats": [{"name": "a1", "width_mm": 594, "height_mm": 841}]},
    {"id": "zwolle", "languages": ["ar", "nl"], "formats": [{"name": "wide", "width_mm": 1200, "height_mm": 800}]},
    {"id": "rotterdam-centraal", "languages": ["ar"], "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 300}]},
    {"id": "amersfoort", "languages": ["nl", "en"], "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 400}]},
    {"id": "schiphol", "languages": ["nl"], "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55}]},
    {"id": "den-haag-centraal", "languages": ["ar"],
     "formats": [{"name": "flyer", "width_mm": 105, "height_mm": 148, "viewing_distance_m": 0.5}]},
    {"id": "sloterdijk", "languages": ["nl"], "formats": [{"name": "48-sheet", "width_mm": 6096, "height_mm": 3048}]},
]
SAMPLE_HELPLINE = "078 05 58 00"
SAMPLE_PARTNERS = ("Myria", "PAG-ASA", "Payoke")


def typst_build(content: Path, output: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENGINE, "typst")
        result = run("--content", str(content), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output


@pytest.fixture(scope="session")
def typst_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return typst_build(SAMPLE, tmp_path_factory.mktemp("typst-sample") / "output")


@pytest.fixture(scope="session")
def typst_shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typst-shapes")
    return typst_build(write_campaign(root, SHAPES), root / "output")


def posters(output: Path) -> list[dict[str, str]]:
    return [row for row in manifest(output) if row["kind"] == "poster"]


def limit() -> float:
    return ink_limit(next(CACHE.glob("**/fogra39-*")))


def height(found: list[Word], text: str) -> float:
    """The tallest word box among the words of `text` (poppler boxes a word by its font's ascent and descent: in
    the same font, its height is proportional to the size)."""
    parts = set(text.split())
    heights = [word.y1 - word.y0 for word in found if word.text in parts]
    assert heights, f"{text!r} is not printed"
    return max(heights)


@pytest.mark.parametrize("built", ["typst_sample", "typst_shapes"])
def test_every_typst_poster_is_print_ready_pdf_14(built: str, request: pytest.FixtureRequest) -> None:
    output = request.getfixturevalue(built)
    rows = posters(output)
    assert rows
    for row in rows:
        pdf = output / "print" / row["file"]
        assert check_pdf(pdf, limit()) == [], row["file"]
        with pikepdf.open(pdf) as document:
            assert "Typst" in str(document.docinfo.get("/Creator", "")), row["file"]
            assert document.pdf_version == "1.4", row["file"]
            assert not [o for o in document.objects if isinstance(o, pikepdf.Stream) and o.get("/Type") == "/ObjStm"]
            assert document.Root.OutputIntents[0].S == "/GTS_PDFX"


def test_every_shape_reads_right_from_its_file(typst_shapes: Path) -> None:
    """Trim, fonts, every word inside the safe margin and over no other, numbers in dialling order, the code
    decoded and a tenth of the viewing distance wide (tests/shapes.py), for every layout in both directions."""
    found = {row["file"]: poster_problems(typst_shapes, row) for row in posters(typst_shapes)}
    assert {file: problems for file, problems in found.items() if problems} == {}
    assert len(found) == len(SHAPES)


def test_the_help_line_is_louder_than_the_address_on_every_shape(typst_shapes: Path) -> None:
    address = BASE_URL.removeprefix("https://").split("/")[0]
    for row in posters(typst_shapes):
        placed = words(typst_shapes / "print" / row["file"])
        url = [word for word in placed if address in word.text]
        assert url, row["file"]
        assert height(placed, HELPLINE) > max(word.y1 - word.y0 for word in url), row["file"]


def test_the_help_line_is_louder_than_the_address_and_the_partners_on_the_sample(typst_sample: Path) -> None:
    for row in posters(typst_sample):
        placed = words(typst_sample / "print" / row["file"])
        number = height(placed, SAMPLE_HELPLINE)
        url = [word.y1 - word.y0 for word in placed if "blind-betting" in word.text]
        assert url and number > max(url), row["file"]
        partners = [height(placed, name) for name in SAMPLE_PARTNERS]
        assert number > max(partners), row["file"]


def test_the_sample_posters_decode_and_keep_their_words_inside_the_trim(typst_sample: Path) -> None:
    for row in posters(typst_sample):
        pdf = typst_sample / "print" / row["file"]
        assert [code.text for code in decoded(pdf, 20)] == [row["url"]], row["file"]
        with pikepdf.open(pdf) as document:
            x0, y0, x1, y1 = (float(v) for v in document.pages[0].TrimBox)
            top = float(document.pages[0].MediaBox[3])
        for word in words(pdf):
            assert x0 <= word.x0 and word.x1 <= x1 and top - y1 <= word.y0 and word.y1 <= top - y0, word


def test_the_right_to_left_posters_are_mirrored(typst_shapes: Path) -> None:
    """Arabic first: the QR code on the left half, and the help numbers to its right."""
    for row in posters(typst_shapes):
        if not row["languages"].startswith("ar") or row["format"] == "flyer":
            continue
        pdf = typst_shapes / "print" / row["file"]
        code = decoded(pdf, 30)[0].position
        with pikepdf.open(pdf) as document:
            middle = float(document.pages[0].MediaBox[2]) / 2 * 30 / 72
        number = [word for word in words(pdf) if word.text == HELPLINE.split()[0]][0]
        assert code.top_left.x < middle, row["file"]
        assert number.x0 * 30 / 72 > code.top_right.x, row["file"]
