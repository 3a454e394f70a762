"""Rendering one print product: HTML → WeasyPrint layout with text fitted → PDF finished for print.

Fitting: every box marked `data-fit` starts at its largest size and, laid out on its own,
shrinks by the square root of its overflow (text area grows with the square of its size) until
it fits, usually within three small layouts. A box that still overflows at the smallest size
readable from the product's viewing distance is an error naming the product, language and text.

Finishing (pikepdf): TrimBox and BleedBox written exactly (WeasyPrint caps BleedBox at 3.53 mm),
the unused Lab colour spaces WeasyPrint declares removed, and the PDF/X output intent with
the campaign's CMYK profile added.
"""
from __future__ import annotations

import io
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from jinja2 import Environment
from PIL import Image
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from .artwork import Artwork, Box, Fit
from .assets import OutputProfile
from .fetcher import LocalFetcher

PT_PER_MM = 72 / 25.4


class TextDoesNotFit(Exception):
    """Raised with a message for the comms team: which product, which text, what to do."""


@dataclass
class Rendered:
    data: bytes
    sizes: dict[str, float]


@dataclass
class Search:
    """Where the fitting of one box stands."""

    size: float
    too_big: float | None = None
    fits: float | None = None
    steps: int = 0

    def next(self, ratio: float, fit: Fit) -> bool:
        """Take one layout's verdict; True when this box is done."""
        if ratio > 1.0005:
            self.too_big = self.size
            if self.fits is not None:  # a bisection step that went too far
                self.size = self.fits
                return self.steps >= 2
            if self.size <= fit.minimum:
                raise TextDoesNotFit(f"{fit.what} does not fit, even at the smallest size readable from ")
            # The text's area grows with the square of its size; shrink at least 3 % a step, so this ends.
            self.size = max(fit.minimum, self.size * min(0.97, 0.99 / math.sqrt(ratio)))
            return False
        self.fits = self.size
        if self.too_big is None or self.too_big / self.size < 1.04 or self.steps >= 2:
            return True
        self.steps += 1  # grow back towards the box: bisect between what fits and what did not
        self.size = math.sqrt(self.size * self.too_big)
        return False


class Fitter:
    """Renders artworks in one worker. All text boxes of a product are fitted together, laid out on
    their own on a tall page, a round at a time. Sizes found are remembered relative to the box's
    width, by the box's content and proportions: posters sharing texts, or in formats of the same
    proportions (A0, A1, A2 and B1 are all 1:√2), are fitted once. One full layout then checks
    every box and writes the file."""

    def __init__(self, env: Environment, fetcher: LocalFetcher) -> None:
        self.env = env
        self.fetcher = fetcher
        self.fonts = FontConfiguration()
        self.relative: dict[tuple[str, ...], float] = {}

    def layout(self, art: Artwork, sizes: dict[str, float], only: set[str] | None) -> Any:
        html = self.env.get_template(art.template).render(
            **art.context, unit=art.unit, only=only, sizes={k: round(v, 3) for k, v in sizes.items()})
        return HTML(string=html, url_fetcher=self.fetcher).render(font_config=self.fonts)

    def key(self, art: Artwork, name: str) -> tuple[str, ...]:
        """Same content, same proportions within 3 % (ISO sizes are rounded to whole mm)."""
        area = art.areas[name]
        proportion = round(math.log(area.w / area.h) / math.log(1.03))
        return art.template, art.unit, name, art.fits[name].content, str(proportion)

    def render(self, art: Artwork) -> Rendered:
        sizes = {name: self.relative[self.key(art, name)] * art.areas[name].w
                 for name, fit in art.fits.items() if self.key(art, name) in self.relative}
        sizes = {name: size for name, size in sizes.items() if size >= art.fits[name].minimum}
        sizes |= self.search(art, [name for name in art.fits if name not in sizes])
        document = self.layout(art, sizes, only=None)
        overflowing = [name for name, ratio in overflow(document, art).items() if ratio > 1.0005]
        if overflowing:  # a remembered size that does not carry over exactly: search these for real
            sizes |= self.search(art, overflowing)
            document = self.layout(art, sizes, only=None)
            if any(ratio > 1.0005 for ratio in overflow(document, art).values()):
                raise TextDoesNotFit(f"{art.job.file}: {art.fits[overflowing[0]].what} does not fit: shorten the text")
        return Rendered(document.write_pdf(pdf_variant="pdf/x-1a" if art.unit == "mm" else None,
                                           font_config=self.fonts), sizes)

    def search(self, art: Artwork, names: list[str]) -> dict[str, float]:
        searches = {name: Search(art.fits[name].start) for name in names}
        active = set(names)
        while active:
            ratios = overflow(self.layout(art, {n: searches[n].size for n in active}, only=active), art)
            for name in sorted(active):
                fit = art.fits[name]
                try:
                    done = searches[name].next(ratios.get(name, 0.0), fit)
                except TextDoesNotFit:
                    raise TextDoesNotFit(
                        f"{art.job.file}: {fit.what} does not fit, even at the smallest size readable from "
                        f"{viewing(art)} ({fit.minimum:.1f} {art.unit}): shorten the text") from None
                if done:
                    active.discard(name)
        found = {name: search.fits or search.size for name, search in searches.items()}
        for name, size in found.items():
            self.relative[self.key(art, name)] = size / art.areas[name].w
        return found


def viewing(art: Artwork) -> str:
    fmt = art.job.format
    return f"{fmt.viewing_m:g} m" if fmt else "a screen"


def overflow(document: Any, art: Artwork) -> dict[str, float]:
    """For each `data-fit` box: how much bigger its content (with its padding) is than its designed
    area, 1.0 being an exact fit. Text pushed onto a page the product does not have overflows too."""
    px = 96 / 25.4 if art.unit == "mm" else 1.0
    ratios: dict[str, float] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            name = element.get("data-fit") if element is not None and box.element_tag else None
            box = getattr(box, "_box", box)  # an absolutely positioned box sits in a placeholder
            if not name or not hasattr(box, "border_box_y") or box.element is not element:
                continue
            area = art.areas[name]
            top, left = box.border_box_y(), box.border_box_x()
            bottom, right = box.content_box_y(), box.content_box_x()
            for child in box.descendants():
                if child is box or not hasattr(child, "margin_height"):
                    continue
                bottom = max(bottom, child.position_y + child.margin_height())
                right = max(right, child.position_x + child.margin_width())
            bottom += box.padding_bottom + box.border_bottom_width
            right += box.padding_right + box.border_right_width
            ratio = max((bottom - top) / (area.h * px), (right - left) / (area.w * px))
            if number >= art.pages:
                ratio = max(ratio, 1.5)
            ratios[name] = max(ratios.get(name, 0.0), ratio)
    return ratios


def finish(data: bytes, art: Artwork, profile: OutputProfile) -> bytes:
    """Exact print boxes, no stray colour spaces, and the PDF/X output intent."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            height = art.page[1] * PT_PER_MM
            page.TrimBox = pdf_box(art.trim, height)
            page.BleedBox = pdf_box(art.bleed, height)
            page.ArtBox = pdf_box(art.trim, height)
            remove_unused_colour_spaces(page)
        icc = pdf.make_stream(profile.path.read_bytes())
        icc.N = 4
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(profile.identifier),
            OutputCondition=pikepdf.String(profile.info),
            RegistryName=pikepdf.String("http://www.color.org"),
            Info=pikepdf.String(profile.info),
            DestOutputProfile=icc,
        )])
        pdf.docinfo["/Title"] = art.context["campaign_name"]
        out = io.BytesIO()
        pdf.save(out, static_id=True)
        return out.getvalue()


def pdf_box(box: Box | None, page_height_pt: float) -> pikepdf.Array:
    """A box given in mm from the top-left corner, as PDF points from the bottom-left."""
    assert box is not None
    x0, x1 = box.x * PT_PER_MM, (box.x + box.w) * PT_PER_MM
    y1 = page_height_pt - box.y * PT_PER_MM
    y0 = y1 - box.h * PT_PER_MM
    return pikepdf.Array([round(v, 4) for v in (x0, y0, x1, y1)])


def remove_unused_colour_spaces(page: pikepdf.Page) -> None:
    spaces = page.Resources.get("/ColorSpace")
    if spaces is None:
        return
    used = {str(operands[0]) for operands, op in pikepdf.parse_content_stream(page) if str(op) in ("cs", "CS")}
    for name in list(spaces.keys()):
        if name not in used:
            del spaces[name]


def raster(pdf: Path, *, long_side: int, gray: bool = False, size: tuple[int, int] | None = None) -> Image.Image:
    """The first page as an image, by poppler's pdftoppm (as PPM: its own PNG encoder is 7× slower)."""
    command = ["pdftoppm", "-singlefile", "-f", "1", "-l", "1"]
    command += ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])] if size else ["-scale-to", str(long_side)]
    if gray:
        command.append("-gray")
    result = subprocess.run([*command, str(pdf)], capture_output=True, check=True)
    return Image.open(io.BytesIO(result.stdout))
