"""What issue 28's speed work (point 7) replaced must see what the old way saw: the preview PDFium renders in the
worker (instead of pdftoppm) is the page pdftoppm draws, its QR code decodes, and the preflight that reads only the
colour and text operators finds every RGB colour, every ink over the limit and all rich black text among any
number of path operators. Generated PDFs, made here with pikepdf: quick, no build."""
from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from campaign.print.preflight import content_problems, decoded
from campaign.print.proofs import page_image

PT_PER_MM = 72 / 25.4


def pdf_with(content: bytes, width_pt: float, height_pt: float) -> bytes:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(width_pt, height_pt))
    page.Contents = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def qr_paths(url: str, x: float, y: float, module: float) -> bytes:
    """The QR code of `url` as black CMYK squares, its quiet zone left white: as a poster draws it."""
    rows = segno.make_qr(url, error="m").matrix
    squares = [f"{x + column * module:.3f} {y + (len(rows) - 1 - row) * module:.3f} {module:.3f} {module:.3f} re"
               for row, values in enumerate(rows) for column, dark in enumerate(values) if dark]
    return ("0 0 0 1 k\n" + "\n".join(squares) + "\nf\n").encode()


def pdftoppm(data: bytes, long_side: int, tmp: Path) -> Image.Image:
    path = tmp / "page.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftoppm", "-singlefile", "-scale-to", str(long_side), str(path)],
                            capture_output=True, check=True)
    return Image.open(io.BytesIO(result.stdout)).convert("RGB")


@settings(derandomize=True, max_examples=12, deadline=None)
@given(width_mm=st.integers(50, 3000), height_mm=st.integers(50, 3000), long_side=st.integers(300, 1600),
       code=st.text("abcdefghjkmnpqrstuvwxyz23456789", min_size=5, max_size=5))
def test_the_preview_is_the_page_pdftoppm_draws_and_its_qr_code_reads(width_mm: int, height_mm: int, long_side: int,
                                                                     code: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    width, height = width_mm * PT_PER_MM, height_mm * PT_PER_MM
    url = f"https://help.example/s/{code}/"
    modules = segno.make_qr(url, error="m").symbol_size(border=0)[0] + 8
    # the code as large as the page allows, at 4 px a module at least (the poster's previews give 3 and more)
    module = min(width, height) / modules * 0.9
    if long_side * module / max(width, height) < 4:
        long_side = round(4 * max(width, height) / module) + 1
    content = b"0.2 0.9 0 0 k 0 0 %.3f %.3f re f\n" % (width, height / 10)  # a coloured band at the foot
    content += qr_paths(url, (width - module * (modules - 8)) / 2, height / 2 - module * (modules - 8) / 2, module)
    data = pdf_with(content, width, height)
    ours = page_image(data, long_side=long_side)
    theirs = pdftoppm(data, long_side, tmp_path_factory.mktemp("ppm"))
    assert ours.mode == "RGB"
    assert max(ours.size) == long_side
    assert abs(ours.size[0] - theirs.size[0]) <= 1 and abs(ours.size[1] - theirs.size[1]) <= 1
    same = theirs.resize(ours.size)
    difference = ImageChops.difference(ours.convert("L"), same.convert("L"))
    histogram = difference.histogram()
    assert sum(histogram[64:]) <= 0.02 * ours.size[0] * ours.size[1]  # edges may differ by a pixel, not the page
    assert decoded(ours) == [url]


def test_a_page_without_a_code_decodes_to_nothing() -> None:
    data = pdf_with(b"0 0 0 1 k 10 10 100 20 re f\n", 300, 400)
    assert decoded(page_image(data, long_side=800)) == []


PATHS = st.lists(st.sampled_from([b"10 10 m", b"20 20 l", b"1 2 3 4 5 6 c", b"h", b"5 5 10 10 re", b"f", b"S", b"q",
                                  b"Q", b"1 0 0 1 3 3 cm", b"0.5 w", b"n", b"W n"]), max_size=400)
"""Operators the preflight has no reason to read (a QR code's path has thousands): skipped while parsing."""


@settings(derandomize=True, max_examples=60, deadline=None)
@given(before=PATHS, after=PATHS, kind=st.sampled_from(["rgb", "stroke rgb", "too much ink", "rich black text",
                                                         "solid black text", "cmyk under the limit"]),
       ink=st.floats(0.05, 1))
def test_the_preflight_finds_each_colour_problem_among_any_path_operators(before: list[bytes], after: list[bytes],
                                                                         kind: str, ink: float) -> None:
    colour = {
        "rgb": b"%.2f 0 0 rg" % ink,
        "stroke rgb": b"0 %.2f 0 RG" % ink,
        "too much ink": b"1 1 1 %.2f k" % ink,
        "rich black text": b"0.6 0.6 %.2f 1 k BT /F1 12 Tf (Hilf) Tj ET" % ink,
        "solid black text": b"0 0 0 1 k BT /F1 12 Tf (Hilf) Tj ET",
        "cmyk under the limit": b"%.2f 0.5 0 0.2 K" % ink,
    }[kind]
    stream = b"\n".join([*before, colour, *after])
    with pikepdf.open(io.BytesIO(pdf_with(stream, 200, 200))) as pdf:
        found = content_problems(pdf, limit=3.0)
    expected = {"rgb": "RGB colour (rg)", "stroke rgb": "RGB colour (RG)", "too much ink": "of ink in all",
                "rich black text": "text in rich black"}.get(kind)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found
