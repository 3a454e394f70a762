"""Finishing one print product laid out by Typst (typst/) for print, and what its layouts share.

Finishing (pikepdf): TrimBox and BleedBox written exactly, no ArtBox, colour spaces a page declares but never uses
removed, crop marks in the registration colour, the PDF/X output intent with the campaign's CMYK profile, a document
ID derived from the file's content, for a tenth-size file its scale in the metadata, and what prepress checks besides
(prepress.py: subset tags, fonts in a PDF 1.4 form, the PDF/X keys).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..problems import Refused
from .artwork import Artwork
from .assets import OutputProfile
from .layouts import Box
from .prepress import prepress

PT_PER_MM = 72 / 25.4


class TextDoesNotFit(Refused):
    """Raised with a problem for the comms team: which product, which text, what to do."""


@dataclass
class Rendered:
    """A product as its layout wrote it: a PDF to finish, or a PNG picture."""

    data: bytes


def viewing(art: Artwork) -> str:
    fmt = art.job.format
    return f"{fmt.viewing_m:g} m" if fmt else "a screen"


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
    so the printer can trim each sheet exactly."""
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
