"""Compiling a poster's artwork with Typst, and proving the result from the PDF itself.

Only in worker processes (typst_in, in __init__.py): a process that has compiled with Typst cannot fork a worker that
compiles again (the child hangs). One `typst.Compiler` per worker process and template (its fonts are loaded
once: the campaign's own, then the Noto folders); each poster is one compile, its text boxes fitted inside it (theme/print/poster.typ). Typst writes
PDF 1.7 and sets colours not given as cmyk() (a partner's logo) in ICC-based RGB and gray spaces: `pdf14` writes the
file PDF/X-1a asks for (PDF 1.4, no object streams, those colours as the profile's CMYK: inks.py), for pdf.finish()
to add the boxes and the output intent. Then
every word is read back from the file (poppler's `pdftotext -bbox`): each must lie in its box and the safe area
(across, the whole word; up and down, the middle half of its box, as tests/pdfs.py reads words).
"""
from __future__ import annotations

import functools
import io
import json
import re
import subprocess
import tempfile
import unicodedata
from html import unescape
from pathlib import Path
from typing import Any

import pikepdf
import segno
import typst

from ...problems import Problem, Refused
from ..artwork import Artwork, Studio
from ..colour import Inks
from ..layouts import Box
from ..pdf import Rendered, TextDoesNotFit, viewing
from .data import template_data
from .inks import as_inks, gray_as_device

NOTO_FOLDERS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
TEMPLATE = "poster.typ"
PT_MM = 25.4 / 72
TOLERANCE_MM = 0.3
"""Rounding in the PDF's coordinates and in poppler's word boxes; at a tenth's scale, a tenth of it."""
TOLERANCE_PX = 1.0
"""On a screen or a sharing image: a pixel (a Tibetan mark's box starts 0.8 px left of where its line does)."""
CLOSING_PUNCTUATION = "。，、．！？：；）」』】〉》"
"""Full-width punctuation that Typst sets half as wide at the end of a line (its ink is in the left half), while
poppler boxes it at its whole advance: the right half of such a word's box holds nothing."""
OPENING_PUNCTUATION = "（「『【〈《"
"""Full-width punctuation that Typst sets half as wide at the start of a line (its ink is in the right half)."""
EM_PER_BOX = 1.448
"""A CJK face's line box (ascent and descent, as poppler boxes its words) in ems: Noto Sans CJK's 1.16 + 0.288."""
WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
NO_FIT = re.compile(r"nofit:(\w+)")


@functools.lru_cache(maxsize=4)  # posters and screens (poster.typ), sharing images (og.typ), cards
def compiler(template: Path, fonts: tuple[Path, ...]) -> typst.Compiler:
    """Kept for the life of the worker: the fonts are read once, and unchanged parts of a layout are reused."""
    return typst.Compiler(str(template), font_paths=[str(folder) for folder in fonts], ignore_system_fonts=True)


def font_folders(studio: Studio) -> tuple[Path, ...]:
    own = tuple(dict.fromkeys(face.path.parent for face in studio.faces if face.own))
    return own + tuple(folder for folder in NOTO_FOLDERS if folder.is_dir())


class TypstPosters:
    """Renders the posters of one worker (`render(art, code) -> Rendered`), its compiler kept for the next."""

    def __init__(self, studio: Studio) -> None:
        self.studio = studio
        self.compiler = compiler(studio.theme / "print" / TEMPLATE, font_folders(studio))

    def render(self, art: Artwork, code: segno.QRCode) -> Rendered:
        data14 = typeset(self.compiler, self.studio, art, json.dumps(template_data(self.studio, art, code),
                                                                     ensure_ascii=False))
        problems = stray_words(art, words(data14))
        if problems:
            raise TextDoesNotFit(problems[0])  # the first is enough: the fix is the same for the others
        return Rendered(data14)


def logo_problem(studio: Studio, error: str) -> Problem:
    """A partner's logo that the cleaning kept but Typst cannot draw (a width or height of 0, say): for the team, the
    logos of campaign.yml to have exported again (Typst does not say which)."""
    logos = [partner.logo for partner in studio.campaign.print.partners if partner.svg and partner.logo]
    return Problem(studio.campaign.path, None, "print.partners.logo",
                   f"{' or '.join(logos) or 'a logo'} cannot be drawn on the posters ({error}): ask the partner to export "
                   "the logo again as plain SVG with its size, or leave out `logo:` to print the partner's name",
                   error=True)


def typeset(compiler: typst.Compiler, studio: Studio, art: Artwork, data: str) -> bytes:
    """The product compiled from its template's `data` (JSON), as PDF 1.4 (pdf14)."""
    pdf = compiled(compiler, studio, art, sys_inputs={"data": data}, pdf_tags=False)
    return pdf14(pdf, art.context["created"], studio.inks_for_print)


def compiled(compiler: typst.Compiler, studio: Studio, art: Artwork, **options: Any) -> bytes:
    """The compile's output (PDF, or PNG for a picture); a box whose text does not fit even at the smallest size (the
    template's panic "nofit:<box>") or a logo Typst cannot draw is a problem for the team, naming the file to edit."""
    try:
        return compiler.compile(**options)
    except typst.TypstError as exc:  # its text holds the template's panic
        found = NO_FIT.search(str(exc))
        if not found and "SVG" in str(exc):
            raise Refused(logo_problem(studio, str(exc))) from None
        if not found:
            raise
        fit = art.fits[found[1]]
        raise TextDoesNotFit(Problem(
            fit.source, None, fit.field, f"{fit.what} does not fit on {art.job.file}, even at the smallest size "
            f"readable from {viewing(art)} ({fit.minimum * art.scale:.1f} {art.unit}): {art.advice}",
            error=True)) from None


def pdf14(data: bytes, created: str, inks: Inks) -> bytes:
    """PDF 1.4 without object streams, a logo's RGB and gray as the profile's CMYK (inks.py), any gray space left as
    DeviceGray: the structure PDF/X-1a asks for, dated `created` (the campaign's start, ISO), so the same poster is
    the same file. The PDF/X keys are written by pdf.finish() (prepress.py)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        as_inks(pdf, inks)
        stamp = "D:" + created.replace("-", "") + "000000Z"
        for key in ("/CreationDate", "/ModDate"):
            pdf.docinfo[key] = pikepdf.String(stamp)
        pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
        gray_as_device(pdf)
        out = io.BytesIO()
        pdf.save(out, force_version="1.4", object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 fix_metadata_version=False)
        return out.getvalue()


def words(data: bytes, page: int = 1) -> list[tuple[Box, str]]:
    """Every word of one page with its box in mm from the page's top left corner, as poppler reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), file.name, "-"],
                                capture_output=True, check=True, text=True)
    return [(Box(float(x0) * PT_MM, float(y0) * PT_MM, (float(x1) - float(x0)) * PT_MM, (float(y1) - float(y0)) * PT_MM),
             unescape(text)) for x0, y0, x1, y1, text in WORD.findall(result.stdout)]


def inside(word: Box, box: Box, slack: float) -> bool:
    """Across, the whole word; up and down, the middle half of its height (poppler boxes a word by its font's
    whole ascent and descent, which for Arabic is twice the height of the letters: only the middle is surely ink)."""
    quarter = word.h / 4
    return (word.x >= box.x - slack and word.y + quarter >= box.y - slack and word.x + word.w <= box.x + box.w + slack
            and word.y + word.h - quarter <= box.y + box.h + slack)


def stray_words(art: Artwork, found: list[tuple[Box, str]]) -> list[Problem]:
    """Words outside every text box, or closer to the edge than the safe margin: for the comms team."""
    slack = TOLERANCE_MM / art.scale if art.unit == "mm" else TOLERANCE_PX
    problems = []
    for word, text in found:
        half = em(word, text) / 2 if text else 0.0  # of the word as poppler boxes it, before either end is trimmed
        if text and text[-1] in CLOSING_PUNCTUATION:
            word = Box(word.x, word.y, word.w - half, word.h)
        if text and text[0] in OPENING_PUNCTUATION:  # at a line's start, the same: its ink is in the right half
            word = Box(word.x + half, word.y, word.w - half, word.h)
        home = next((name for name, box in art.areas.items() if inside(word, box, slack)), None)
        if home is None:
            fit = art.fits[min(art.areas, key=lambda name: distance(word, art.areas[name]))]
            message = f'"{text}" in {fit.what} on {art.job.file} runs outside its box: {art.advice}'
        elif not inside(word, art.safe, slack):
            fit = art.fits[home]
            message = f'"{text}" in {fit.what} on {art.job.file} comes closer to the edge than the safe margin: {art.advice}'
        else:
            continue
        problems.append(Problem(fit.source, None, fit.field, message, error=True))
    return problems


def em(word: Box, text: str) -> float:
    """The size of a CJK word: its advance per character when every character is full-width (however poppler boxes
    its height: 1 em for a subset whose descriptor gives Noto Sans CJK's 0.88 + 0.12), else from its height."""
    if all(unicodedata.east_asian_width(ch) in "WF" for ch in text):  # the larger: one may be set half wide
        return max(word.w / len(text), word.h / EM_PER_BOX)
    return word.h / EM_PER_BOX


def distance(word: Box, box: Box) -> float:
    dx = max(box.x - word.x, 0.0, word.x + word.w - box.x - box.w)
    dy = max(box.y - word.y, 0.0, word.y + word.h - box.y - box.h)
    return dx + dy
