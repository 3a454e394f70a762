"""Reading printed PDFs back as a person would see them: words and their boxes (poppler's pdftotext), the trim,
digits in the order they are printed, and QR codes decoded from a rendering (pdftoppm, zxing-cpp)."""
from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import zxingcpp
from PIL import Image

MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page: int

    @property
    def core(self) -> tuple[float, float]:
        """The middle half of the word's height. Poppler boxes a word by its font's whole ascent and
        descent, which for Arabic is twice the height of the letters: only the middle is surely ink."""
        quarter = (self.y1 - self.y0) / 4
        return self.y0 + quarter, self.y1 - quarter

    @property
    def across(self) -> tuple[float, float]:
        """Where its ink can be, left to right: full-width punctuation that ends a line (a closing bracket, 。) or
        starts one (an opening bracket) is set half as wide there, its ink in the half toward the word, while
        poppler boxes it at its whole advance."""
        x0, x1 = self.x0, self.x1
        if self.text and all(unicodedata.east_asian_width(ch) in "WF" for ch in self.text):
            half = (x1 - x0) / len(self.text) / 2
            x1 -= half if self.text[-1] in "）」』】〉》。，、．！？：；" else 0
            x0 += half if self.text[0] in "（「『【〈《" else 0
        return x0, x1


def words(pdf: Path) -> list[Word]:
    """Every word poppler finds on the pages, with its box in points from the top left of the page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            found.append(Word(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]), number))
    return found


def trim(pdf: Path) -> tuple[float, float, float, float]:
    """The TrimBox as (left, top, right, bottom) in points from the top left, as pdftotext counts."""
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.TrimBox)
        height = float(page.MediaBox[3])
    return x0, height - y1, x1, height - y0


ISOLATES = "\u2066\u2067\u2068\u2069"
"""The bidi controls around a number in running text: Typst's text layer keeps them (they print nothing), and
poppler may then read a space before one as inside a word ("Bel ⁦033")."""


def digit_runs(pdf: Path) -> list[list[str]]:
    """On each line: the groups of digits, left to right as printed."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in words(pdf):
        lines.setdefault((word.page, round(word.y1)), []).append(word)
    return [[text.rstrip(",.") for text in (re.sub(f"[{ISOLATES}]", "", part) for w in sorted(line, key=lambda w: w.x0)
                                             for part in w.text.split()) if re.fullmatch(r"\d+[,.]?", text)]
            for line in lines.values()]


def decoded(pdf: Path, dpi: int) -> list[zxingcpp.Barcode]:
    """The QR codes found on the first page rendered at `dpi`."""
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-png", str(pdf)],
                         capture_output=True, check=True).stdout
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))


def decoded_closely(pdf: Path, dpi: int, tile: int = 6000, overlap: int = 600) -> list[zxingcpp.Barcode]:
    """The QR codes found on the first page rendered at `dpi` a tile at a time: a small code on a large poster needs
    more pixels than a rendering of the whole page can have. Tiles overlap by more than the code is wide."""
    with pikepdf.open(pdf) as document:
        box = [float(v) for v in document.pages[0].MediaBox]
    width, height = (round((box[2] - box[0]) / 72 * dpi), round((box[3] - box[1]) / 72 * dpi))
    found: dict[str, zxingcpp.Barcode] = {}
    for y in range(0, max(1, height - overlap), tile - overlap):
        for x in range(0, max(1, width - overlap), tile - overlap):
            png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-png", "-x", str(x), "-y", str(y),
                                  "-W", str(tile), "-H", str(tile), str(pdf)], capture_output=True, check=True).stdout
            for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png))):
                found.setdefault(code.text, code)
    return list(found.values())


def font_sizes_pt(pdf: Path) -> list[float]:
    """Every font size set in the PDF (Tf), in points: scaled by the transformations (cm) it is drawn under."""
    sizes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            scale, saved = 1.0, []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "q":
                    saved.append(scale)
                elif str(op) == "Q":
                    scale = saved.pop()
                elif str(op) == "cm":
                    scale *= abs(float(operands[0]))
                elif str(op) == "Tf":
                    sizes.append(float(operands[1]) * scale)
    return sizes


def inked(word: Word) -> bool:
    """Whether the word prints anything: Typst hangs the space that ends a right-to-left line, with the bidi control
    closing a number's isolate (U+2069), at the line's left end, over the first letters there; poppler reads it as a
    word of its own, which has no ink."""
    return any(not letter.isspace() and unicodedata.category(letter) != "Cf" for letter in word.text)


def overlapping(placed: list[Word]) -> Iterator[tuple[Word, Word]]:
    """Pairs of words printed over each other on the same page. Poppler may cut a word before a combining mark
    (an Arabic shadda, a Thai tone mark): the piece that starts with it sits on the letter before by design, and
    is not checked against its neighbours. It cuts Thai, which has no spaces, between clusters whose boxes
    touch: a sliver of 2 % of the line's height is not an overlap. A piece of no width (Typst's PDF gives poppler an
    Arabic letter with its shadda or tanween twice, once with no width on the letter itself) has no ink of its own,
    nor has a space with a bidi control (see inked)."""
    whole = [w for w in placed if not unicodedata.category(w.text[:1]).startswith("M") and w.x1 > w.x0 and inked(w)]
    for i, a in enumerate(whole):
        for b in whole[i + 1:]:
            slack = 0.5 + 0.02 * min(a.y1 - a.y0, b.y1 - b.y0)
            if (a.page == b.page and a.x0 < b.x1 - slack and b.x0 < a.x1 - slack
                    and a.core[0] < b.core[1] and b.core[0] < a.core[1]):
                yield a, b
