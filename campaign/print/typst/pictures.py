"""Station screens and sharing images laid out by Typst: RGB pictures that Typst writes as PNG itself.

A screen is the portrait poster's layout in px (theme/print/poster.typ with `unit: px`, inks in RGB); a sharing
image has its own template (theme/print/og.typ). Both fit every text box inside the compile, in 4 % steps down to
the picture's smallest size. One px is one pt: a PDF compile of the same document (the fonts and layout are reused,
so it costs little) is read back word by word (poppler), every word inside its box and the picture's margin; then
the PNG is rendered at 72 ppi, one pixel a px. Only in worker processes, as every Typst compile (engine.py).
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import segno

from ..artwork import Artwork, Studio
from ..layouts import Box
from ..pdf import Rendered, TextDoesNotFit
from .data import geometry, run, tag, template_data
from .engine import TEMPLATE, compiled, compiler, font_folders, stray_words, words
from ..scripts import language_families, tall

SHARING_TEMPLATE = "og.typ"
PX_PER_MM = 72 / 25.4
"""One px is one pt in these documents; poppler's word boxes come back in mm (engine.words)."""


class TypstPictures:
    """Renders the screens and sharing images of one worker: `render(art, code) -> Rendered` (the PNG's bytes)."""

    def __init__(self, studio: Studio) -> None:
        self.studio = studio
        folders = font_folders(studio)
        print_folder = studio.theme / "print"
        self.compilers = {"screen": compiler(print_folder / TEMPLATE, folders),
                          "og": compiler(print_folder / SHARING_TEMPLATE, folders)}

    def render(self, art: Artwork, code: segno.QRCode | None) -> Rendered:
        """The PNG, once a PDF compile of the same document shows every word inside its box and the margin."""
        inputs = self.inputs(art, code)
        found = [(Box(box.x * PX_PER_MM, box.y * PX_PER_MM, box.w * PX_PER_MM, box.h * PX_PER_MM), text)
                 for box, text in words(self.proof(art, inputs))]
        problems = stray_words(art, found)
        if problems:
            raise TextDoesNotFit(problems[0])  # the first is enough: the fix is the same for the others
        picture = compiled(self.compilers[art.job.kind], self.studio, art, sys_inputs=inputs, format="png", ppi=72)
        return Rendered(picture)

    def proof(self, art: Artwork, inputs: dict[str, str]) -> bytes:
        """The picture as a PDF (1 pt a px), whose words poppler reads back."""
        return compiled(self.compilers[art.job.kind], self.studio, art, sys_inputs=inputs, pdf_tags=False)

    def inputs(self, art: Artwork, code: segno.QRCode | None) -> dict[str, str]:
        """What the template reads (sys.inputs)."""
        if art.job.kind == "og":
            return {"data": json.dumps(sharing_data(self.studio, art), ensure_ascii=False)}
        assert code is not None
        return {"data": json.dumps(screen_data(self.studio, art, code), ensure_ascii=False)}


def screen_data(studio: Studio, art: Artwork, code: segno.QRCode) -> dict[str, Any]:
    """The poster's data, in px and RGB: the template's `unit` and hex inks; the background fills the screen. Words
    are hyphenated in their language, as a screen's narrow boxes need (a 46-letter Dutch compound at 30 px)."""
    whole = replace(art, bleed=Box(0, 0, *art.page))
    data = template_data(studio, whole, code) | {"unit": "px", "inks": studio.inks(rgb=True), "hyphenate": True}
    first = art.job.languages[0]
    for box in data["boxes"].values():
        box["words"] = [word | {"lang": tag(word.get("font", first))} for word in box["words"]]
    return data


def sharing_data(studio: Studio, art: Artwork) -> dict[str, Any]:
    """Both sides' labels and titles, and the campaign's name, with their boxes, in the card's language."""
    context, lang = art.context, art.context["lang"]
    own = tuple(face.family for face in studio.faces if face.own)
    card = context["card"]
    boxes: dict[str, dict[str, Any]] = {}
    for side in ("promise", "reality"):
        face = card.promise if side == "promise" else card.reality
        label = studio.t(lang, "The promise") if side == "promise" else studio.t(lang, "The reality")
        boxes[side] = geometry(context["sides"][side]) | {
            "label": label, "title": face.title, **run(lang)}
    boxes["name"] = geometry(context["name_box"]) | {
        "title": context["campaign_name"], **run(lang)}
    return {"page": list(art.page), "floor": art.floor, "fonts": list(language_families(None, own)),
            "families": {lang: list(language_families(lang, own))}, "tall": [lang] if tall(lang) else [],
            "title": context["campaign_name"], "inks": studio.inks(rgb=True), "boxes": boxes}
