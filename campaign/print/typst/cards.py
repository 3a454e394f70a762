"""The two-sided campaign card laid out by Typst (theme/print/card.typ): the artwork of Studio.card_file in, a
two-page PDF 1.4 out, for pdf.finish() to make print-ready (boxes on both pages, crop marks, output intent).

The card's boxes are fitted in one compile, each side's title kept the largest text of its page; then every word
of each page is read back from the file and must lie inside one of that page's boxes and the safe area.
"""
from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from ..artwork import Artwork, Studio
from ..pdf import Rendered, TextDoesNotFit
from ..scripts import language_families, tall
from .data import LONGEST, geometry, inks, longest, paragraphs, run, tag
from .engine import compiler, font_folders, stray_words, typeset, words

TEMPLATE = "card.typ"
PAGES = (("primary", ("promise", "footer")), ("dark", ("reality", "help")))
"""Each page (the promise, then the reality): its ground (an ink of data.inks) and its text boxes, the side first."""
ISOLATED = re.compile("\u2066([^\u2069]*)\u2069")
"""A number, a time or an address in a card's text, isolated left to right (data.isolated)."""
TITLE_EM = 1.5
NUMBER_EM = 1.25
"""A side's title and a help number, in ems of their box's size."""


class TypstCards:
    """Renders the card files of one worker: `render(art) -> Rendered`, as TypstPosters does."""

    def __init__(self, studio: Studio) -> None:
        self.studio = studio
        self.compiler = compiler(studio.theme / "print" / TEMPLATE, font_folders(studio))

    def render(self, art: Artwork) -> Rendered:
        pdf = typeset(self.compiler, self.studio, art, json.dumps(card_data(self.studio, art), ensure_ascii=False))
        for number, (_ground, names) in enumerate(PAGES, 1):
            page = dataclasses.replace(art, areas={name: art.areas[name] for name in names})
            problems = stray_words(page, words(pdf, number))
            if problems:
                raise TextDoesNotFit(problems[0])  # the first is enough: the fix is the same for the others
        return Rendered(pdf)


def card_data(studio: Studio, art: Artwork) -> dict[str, Any]:
    """What card.typ reads: the page, the bleed, the floor, the fonts and inks, and each page's boxes in order."""
    lang = art.context["lang"]
    own = tuple(face.family for face in studio.faces if face.own)
    specs = {"promise": side_spec(studio, art, "promise"), "reality": side_spec(studio, art, "reality"),
             "footer": footer_spec(art), "help": help_spec(art)}
    faces = []
    for ground, names in PAGES:
        boxes = [{"name": name, "start": art.fits[name].start} | geometry(art.areas[name]) | specs[name] for name in names]
        faces.append({"ground": ground, "boxes": boxes})
    return {"page": list(art.page), "bleed": geometry(art.bleed), "floor": art.floor,
            "fonts": list(language_families(None, own)), "families": {lang: list(language_families(lang, own))},
            "tall": [lang] if tall(lang) else [], "title": art.context["campaign_name"], "inks": inks(studio),
            "faces": faces}


def side_spec(studio: Studio, art: Artwork, name: str) -> dict[str, Any]:
    lang = art.context["lang"]
    face = getattr(art.context["card"], name)
    label = studio.t(lang, "The promise") if name == "promise" else studio.t(lang, "The reality")
    paras = paragraphs(face.html)
    words = longest([face.title], TITLE_EM, True, lang) + longest(paras, 1.0, False, lang)
    hyphenated = [word | {"hyphenate": True, "lang": tag(lang)} for word in words]  # card.typ hyphenates its sides
    numbers = [{"text": number, "em": 1.0, "bold": False, "font": lang}  # never broken (card.typ's `running`)
               for number in sorted({found for para in paras for found in ISOLATED.findall(para)}, key=len)[-LONGEST:]]
    return {**run(lang), "label": label, "title": face.title, "paras": paras, "title_em": TITLE_EM,
            "words": hyphenated + numbers + longest([label.upper()], 0.6, True, lang)}


def footer_spec(art: Artwork) -> dict[str, Any]:
    """The campaign's name at the foot of the promise side, below the side's title (TITLE_EM times its size)."""
    lang, name = art.context["lang"], art.context["campaign_name"]
    return {**run(lang), "text": name, "words": longest([name], 1.0, True, lang),
            "below": {"box": "promise", "ratio": TITLE_EM}}


def help_spec(art: Artwork) -> dict[str, Any]:
    """The help numbers, each with who answers it, and the help page's address in pieces that each end in a / (it
    may break between them, never inside a word); the numbers stay below the reality side's title."""
    lang, address = art.context["lang"], art.context["help_url"]
    numbers = [{"number": phone.display, "who": who} for phone, who in art.context["numbers"]]
    pieces = [piece + "/" for piece in address.split("/")[:-1]] + [address.split("/")[-1]]
    words = [{"text": number["number"], "em": NUMBER_EM, "bold": True} for number in numbers]
    words += longest([number["who"] for number in numbers], 1.0, False, lang) + longest(pieces, 1.0, True)
    return {**run(lang), "numbers": numbers, "pieces": pieces, "number_em": NUMBER_EM, "words": words,
            "below": {"box": "reality", "ratio": TITLE_EM / NUMBER_EM}}
