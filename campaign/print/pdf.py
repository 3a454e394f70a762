"""Rendering one print product: HTML → WeasyPrint layout with text fitted and checked → PDF finished for print.

Fitting: every box marked `data-fit` is laid out on its own, a round at a time, and its size found
in 4 % steps up from the smallest size readable from the product's viewing distance: the largest
step that fits, proven by a layout of it and of the next (Search; for a size remembered from the same
texts, the product's full layout is the proof that it fits). A box that overflows even at
the smallest size is an error naming the file to edit, the box, its languages and the product.
Then the whole product is laid out once more and every run of text and every logo is checked
inside its box, inside the safe area and above the smallest size (outside()).

Finishing (pikepdf): TrimBox and BleedBox written exactly (WeasyPrint caps BleedBox at 3.53 mm),
no ArtBox, the unused Lab colour spaces WeasyPrint declares removed, crop marks in the
registration colour, the PDF/X output intent with the campaign's CMYK profile, a document
ID derived from the file's content, for a tenth-size file its scale in the metadata, and what
prepress checks besides (prepress.py: subset tags, fonts in a PDF 1.4 form, the PDF/X keys).
"""
from __future__ import annotations

import io
import math
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from jinja2 import Environment
from PIL import Image

from ..problems import Problem, Refused
from ..workers import Turn
from .artwork import Artwork, Fit
from .assets import OutputProfile
from .layouts import Box
from .prepress import prepress

if TYPE_CHECKING:
    from .fetcher import LocalFetcher
# WeasyPrint (about a second to import) loads where a layout is made: a worker rendering only Typst posters,
# and finishing, never import it.

PT_PER_MM = 72 / 25.4


class TextDoesNotFit(Refused):
    """Raised with a problem for the comms team: which product, which text, what to do."""


class AtSmallest(Exception):
    """A box's search reached the smallest readable size, and the text still does not fit."""


@dataclass
class Rendered:
    data: bytes
    sizes: dict[str, float]


STEP = 1.04
"""Text sizes come in steps of 4 % up from the smallest readable size. A box's size is the largest step
that fits, proven by a layout of that step (fits) and of the next (does not): so the result is the
same whatever path found it, from scratch or from a size remembered from another product."""


FITS = 1.0005
"""The largest share of its box a text may take (rounding in the layout aside)."""


@dataclass
class Search:
    """Where the fitting of one box stands, in steps: the largest known to fit, the smallest known not to."""

    minimum: float
    step: int
    fits: int | None = None
    too_big: int | None = None
    grow: int = 1
    power: float = 2.0
    """How the box's ratio grows with the size: 2 for wrapped text (its area), 1 for a single line."""
    last: tuple[int, float] | None = None
    claim: int | None = None
    """A step taken to fit without a layout of its own (the size remembered for these texts): the product's
    full layout proves it, so a text that has not changed is fitted in two layouts, not three."""
    settled: bool = False

    @classmethod
    def near(cls, fit: Fit, size: float) -> Search:
        return cls(fit.minimum, max(0, round(math.log(max(size, fit.minimum) / fit.minimum) / math.log(STEP))))

    @classmethod
    def claimed(cls, fit: Fit, size: float) -> Search:
        """Starts above the remembered step: that it is too big, and the full layout, prove the step."""
        step = cls.near(fit, size).step
        return cls(fit.minimum, step + 1, claim=step)

    @property
    def size(self) -> float:
        return self.minimum * STEP ** self.step

    def next(self, ratio: float) -> bool:
        """Take one layout's verdict on `step`; True when this box is done (`step` is then the answer)."""
        fits = ratio <= FITS
        if fits:
            self.fits = self.step if self.fits is None else max(self.fits, self.step)
        else:
            self.too_big = self.step if self.too_big is None else min(self.too_big, self.step)
            if self.step == 0:
                raise AtSmallest()
        if self.claim is not None:
            if not fits and self.step == self.claim + 1:
                self.step, self.settled = self.claim, True
                return True  # for the full layout to prove
            self.claim = None  # the text needs less room now: search on
        if self.fits is not None and self.too_big is not None and self.too_big - self.fits <= 1:
            self.step, self.settled = self.fits, True
            return True
        # Where the edge of the box should be. Wrapped text's area grows with the square of its size, a
        # single line's length with the size itself: after two layouts, their ratios tell which. A box
        # filled edge to edge says nothing of its room: then grow faster each time.
        if self.last and self.last[0] != self.step and self.last[1] > 0 and ratio > 0:
            measured = math.log(ratio / self.last[1]) / ((self.step - self.last[0]) * math.log(STEP))
            self.power = min(3.0, max(0.7, measured))
        self.last = (self.step, ratio)
        towards = -math.log(max(ratio, 0.05)) / (self.power * math.log(STEP))
        if not fits:
            guess = self.step - max(1, math.ceil(-towards))
        elif ratio < 0.99:
            guess = self.step + max(1, math.floor(towards))
        else:
            guess, self.grow = self.step + self.grow, self.grow * 2
        lowest = self.fits + 1 if self.fits is not None else 0
        highest = self.too_big - 1 if self.too_big is not None else guess
        if self.fits is not None and self.too_big is not None:  # both sides known: never slower than halving
            guess = min(max(guess, lowest), highest)
            if guess in (lowest, highest) and highest - lowest > 2:
                guess = (lowest + highest) // 2
        self.step = min(max(guess, lowest), highest)
        return False


class Fitter:
    """Renders artworks in one worker. All text boxes of a product are fitted together, laid out on
    their own on a tall page, a round at a time. The step found is remembered relative to the box's
    width, by the box's content and proportions: posters sharing texts, or in formats of the same
    proportions (A0, A1, A2 and B1 are all 1:√2), start their search there and usually need two
    rounds to prove it. One full layout then checks every box and writes the file. With a `turn` (the preview),
    each layout first makes sure a newer save has not made the work pointless (Superseded)."""

    def __init__(self, env: Environment, fetcher: LocalFetcher, turn: Turn | None = None) -> None:
        self.env = env
        self.fetcher = fetcher
        self.turn = turn
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self.relative: dict[tuple[str, ...], float] = {}

    def layout(self, art: Artwork, sizes: dict[str, float], only: set[str] | None) -> Any:
        if self.turn is not None:
            self.turn.check()
        html = self.env.get_template(art.template).render(
            **art.context, unit=art.unit, only=only, floor=art.floor, sizes={k: round(v, 4) for k, v in sizes.items()})
        from weasyprint import HTML

        return HTML(string=html, url_fetcher=self.fetcher).render(font_config=self.fonts)

    def key(self, art: Artwork, name: str) -> tuple[str, ...]:
        """Same content, same proportions within 3 % (ISO sizes are rounded to whole mm)."""
        area = art.areas[name]
        proportion = round(math.log(area.w / area.h) / math.log(1.03))
        return art.template, art.unit, name, art.fits[name].content, str(proportion)

    def render(self, art: Artwork, hints: dict[str, float] | None = None) -> Rendered:
        """`hints`: the sizes this product's boxes had when it was last rendered, where its search starts when
        no product of this batch fitted the same text: an edit changes a size by a step or two, if at all."""
        searches = {name: self.start(art, name, hints or {}) for name in art.fits}
        while True:
            sizes = self.search(art, searches)
            document = self.layout(art, sizes, only=None)
            if not self.disproved(art, searches, document):
                break
        for name, size in sizes.items():
            self.relative[self.key(art, name)] = size / art.areas[name].w
        problems = outside(document, art)  # proven from the layout that is printed, not from the fitting
        if problems:
            raise TextDoesNotFit(problems[0])  # the first is enough: the fix is the same for the others
        return Rendered(document.write_pdf(pdf_variant="pdf/x-1a" if art.unit == "mm" else None), sizes)

    def start(self, art: Artwork, name: str, hints: dict[str, float]) -> Search:
        """Where a box's search starts: the size remembered for the same texts in this batch, or the hint."""
        fit = art.fits[name]
        remembered = self.relative.get(self.key(art, name))
        size = remembered * art.areas[name].w if remembered else hints.get(name)
        return Search.near(fit, fit.start) if size is None else Search.claimed(fit, size)

    def disproved(self, art: Artwork, searches: dict[str, Search], document: Any) -> bool:
        """Whether the full layout shows a claimed step not to fit: that box's search then goes on (from the
        claim, by its own layouts). Every claim is settled here, either way."""
        claimed = [name for name, search in searches.items() if search.claim is not None]
        ratios = overflow(document, art) if claimed else {}
        disproved = False
        for name in claimed:
            search = searches[name]
            search.claim = None
            if ratios.get(name, 0.0) > FITS:
                search.settled, disproved = False, True
        return disproved

    def search(self, art: Artwork, searches: dict[str, Search]) -> dict[str, float]:
        """The size of every box: the largest step that fits, each proven by a layout (or claimed, for the
        full layout to prove)."""
        active = {name for name, search in searches.items() if not search.settled}
        while active:
            ratios = overflow(self.layout(art, {n: searches[n].size for n in active}, only=active), art)
            for name in sorted(active):
                fit = art.fits[name]
                try:
                    done = searches[name].next(ratios.get(name, 0.0))
                except AtSmallest:
                    raise TextDoesNotFit(Problem(
                        fit.source, None, fit.field, f"{fit.what} does not fit on {art.job.file}, even at the smallest "
                        f"size readable from {viewing(art)} ({fit.minimum * art.scale:.1f} {art.unit}): {art.advice}",
                        error=True)) from None
                if done:
                    active.discard(name)
        return {name: search.size for name, search in searches.items()}


def viewing(art: Artwork) -> str:
    fmt = art.job.format
    return f"{fmt.viewing_m:g} m" if fmt else "a screen"


def fitted_boxes(document: Any) -> Iterator[tuple[int, str, Any]]:
    """(page number, name, layout box) of every `data-fit` box."""
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            name = element.get("data-fit") if element is not None and box.element_tag else None
            box = getattr(box, "_box", box)  # an absolutely positioned box sits in a placeholder
            if name and hasattr(box, "border_box_y") and box.element is element:
                yield number, name, box


def drawn(box: Any) -> Iterator[Any]:
    """What puts ink on the page inside a box: runs of glyphs and pictures (logos)."""
    from weasyprint.formatting_structure import boxes

    return (child for child in box.descendants() if isinstance(child, (boxes.TextBox, boxes.ReplacedBox)))


def overflow(document: Any, art: Artwork) -> dict[str, float]:
    """For each `data-fit` box: how much of its designed area its content takes, 1.0 being an exact fit
    and more not fitting — in height (from the highest line to the last, with the padding) and in width
    (the span of what is drawn: a short single line takes less than 1; a word or number wider than the
    box more, on either side, as right-to-left text overflows to the left). Text pushed onto a page the
    product does not have overflows too."""
    px = 96 / 25.4 if art.unit == "mm" else 1.0
    ratios: dict[str, float] = {}
    for number, name, box in fitted_boxes(document):
        area = art.areas[name]
        extents = [(child.position_y, child.position_y + child.margin_height()) for child in box.descendants()
                   if child is not box and hasattr(child, "margin_height")]
        # From the highest to the lowest line: vertically centred content overflows at the top too.
        content = max(y1 for _y0, y1 in extents) - min(y0 for y0, _y1 in extents) if extents else 0.0
        spans = [(child.position_x, child.position_x + child.margin_width()) for child in drawn(box)]
        drawn_width = max(x1 for _x0, x1 in spans) - min(x0 for x0, _x1 in spans) if spans else 0.0
        tall = (content + box.border_height() - box.height) / (area.h * px)  # the padding counts as taken
        wide = (drawn_width + area.w * px - box.width) / (area.w * px)  # the padding counts as taken
        ratio = max(tall, wide, 1.5 if number >= art.pages else 0.0)
        ratios[name] = max(ratios.get(name, 0.0), ratio)
    return ratios


TOLERANCE_PX = 0.5


def outside(document: Any, art: Artwork) -> list[Problem]:
    """Every run of text and every logo must lie inside its box and the safe area, and no text may be
    smaller than the product's smallest readable size. Returns what does not, for the comms team."""
    from weasyprint.formatting_structure import boxes

    px = 96 / 25.4 if art.unit == "mm" else 1.0
    problems = []
    safe = art.safe
    for _number, name, box in fitted_boxes(document):
        fit, area = art.fits[name], art.areas[name]
        for child in drawn(box):
            x0, y0 = child.position_x / px, child.position_y / px
            x1, y1 = x0 + child.margin_width() / px, y0 + child.margin_height() / px
            text = f'"{child.text.strip()}"' if isinstance(child, boxes.TextBox) else "a logo"
            where = f"{text} in {fit.what} on {art.job.file}"
            slack = TOLERANCE_PX / px
            found = []
            if x0 < area.x - slack or x1 > area.x + area.w + slack or y0 < area.y - slack or y1 > area.y + area.h + slack:
                found.append(f"{where} runs outside its box: {art.advice}")
            elif x0 < safe.x - slack or x1 > safe.x + safe.w + slack or y0 < safe.y - slack or y1 > safe.y + safe.h + slack:
                found.append(f"{where} comes closer to the edge than the safe margin: {art.advice}")
            if isinstance(child, boxes.TextBox) and child.style["font_size"] < art.floor * px - 0.01:
                found.append(f"{where} is smaller than the smallest readable size ({art.floor * art.scale:.1f} {art.unit})")
            problems += [Problem(fit.source, None, fit.field, message, error=True) for message in found]
    return problems


def finish(data: bytes, art: Artwork, profile: OutputProfile) -> bytes:
    """Exact print boxes, no stray colour spaces, and the PDF/X output intent."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            height = art.page[1] * PT_PER_MM
            page.TrimBox = pdf_box(art.trim, height)
            page.BleedBox = pdf_box(art.bleed, height)
            remove_unused_colour_spaces(page)
            if art.marks:
                draw_marks(pdf, page, art.marks, height)
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
        if art.scale > 1:  # said inside the file too, for whoever opens it without the manifest
            fmt = art.job.format
            assert fmt is not None
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:description"] = (f"Artwork at 1:{art.scale} scale: print at {art.scale * 100} % "
                                          f"for {fmt.size} (trim), with {fmt.bleed_mm:g} mm bleed at full size")
        prepress(pdf, Path(art.job.file).name)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)  # the same file always gets the same ID, another file another
        return out.getvalue()


def draw_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, marks: list[Box], page_height_pt: float) -> None:
    """Crop marks as hairlines in the registration colour (Separation /All): every plate prints them,
    so the printer can trim each sheet exactly. WeasyPrint cannot draw a separation colour itself."""
    tint = pdf.make_indirect(pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1))
    spaces = page.Resources.get("/ColorSpace") or pikepdf.Dictionary()
    spaces.CSRegistration = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint])
    page.Resources.ColorSpace = spaces
    lines = ["q /CSRegistration CS 1 SCN 0.25 w"]
    for mark in marks:  # each mark is a thin box: stroke along its middle
        x0, x1 = mark.x * PT_PER_MM, (mark.x + mark.w) * PT_PER_MM
        y0, y1 = page_height_pt - mark.y * PT_PER_MM, page_height_pt - (mark.y + mark.h) * PT_PER_MM
        if mark.w > mark.h:
            lines.append(f"{x0:.3f} {(y0 + y1) / 2:.3f} m {x1:.3f} {(y0 + y1) / 2:.3f} l S")
        else:
            lines.append(f"{(x0 + x1) / 2:.3f} {y0:.3f} m {(x0 + x1) / 2:.3f} {y1:.3f} l S")
    lines.append("Q")
    page.contents_add(pdf.make_stream("\n".join(lines).encode()), prepend=False)


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
    used = {str(operands[0]) for operands, _op in pikepdf.parse_content_stream(page, "cs CS")}
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

