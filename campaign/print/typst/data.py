"""What the Typst template of a poster reads: the artwork of poster_artwork.py as plain JSON.

Boxes in mm from the page's corner, inks as CMYK fractions (Typst writes them as DeviceCMYK), texts as strings
(Typst sets strings as text, never as markup: nothing to escape), the QR code as runs of dark modules. Numbers,
times and addresses inside running text are wrapped in Unicode isolates, so a right-to-left paragraph keeps
their digits in order; the numbers of the help block are laid out as units of their own.
"""
from __future__ import annotations

import html
import re
from typing import Any

import segno

from ...l10n import LTR_RUN, direction
from ..artwork import Artwork, Studio, logo_ratio, short_url
from ..flat import flat_rgb
from ..poster_artwork import fact_word
from ..layouts import Box
from ..scripts import language_families, tall
from ..qr import QUIET_ZONE

SIDES = ("promise", "reality", "headline")
TITLE_EM = {"promise": 1.55, "reality": 1.55, "headline": 1.3}
LONGEST = 4
"""How many of a box's longest words (per size and weight) the template checks across the box."""
BREAK = re.compile(r"</p>|<br\s*/?>|</li>|</h\d>|</blockquote>", re.I)
TAG = re.compile(r"<[^>]+>")
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
"""Scripts written without spaces between words (Thai, Lao, Burmese, Khmer, Chinese, Japanese kana): Typst breaks
their lines between characters (Thai and its neighbours between dictionary words)."""
UNIT = re.compile(f"[{UNSPACED}]|[^ \\t\\n{UNSPACED}]+")
"""A unit a line does not break inside: a character of those scripts, or a word (a phone number's groups are joined
by no-break spaces, isolated(): one word)."""


def template_data(studio: Studio, art: Artwork, code: segno.QRCode) -> dict[str, Any]:
    context, placed = art.context, art.context["boxes"]
    boxes: dict[str, dict[str, Any]] = {}
    for name, area in placed.items():
        if name == "qr":
            continue
        spec = SPECS[name](studio, art) | geometry(area)
        spec["start"] = art.fits[name].start
        spec["padded"] = name in SIDES
        boxes[name] = spec
    own = tuple(face.family for face in studio.faces if face.own)
    return {"page": list(art.page), "bleed": geometry(art.bleed), "floor": art.floor,
            "fonts": list(language_families(None, own)),
            "families": {lang: list(language_families(lang, own)) for lang in art.job.languages},
            "tall": [lang for lang in art.job.languages if tall(lang)],
            "title": context["campaign_name"], "inks": inks(studio), "boxes": boxes,
            "qr": geometry(art.qr) | {"rows": dark_runs(code), "quiet": QUIET_ZONE}}


def tag(lang: str) -> str:
    """The language as Typst takes it (ISO 639 only, for hyphenation and shaping): zh-Hans → zh."""
    return lang.split("-")[0].lower()


def run(lang: str) -> dict[str, str]:
    """A run of text in `lang`, as the template sets it: the language Typst shapes and hyphenates it as, its
    direction, and (`font`) the campaign's tag, which names its families in the data's `families`."""
    return {"lang": tag(lang), "dir": direction(lang), "font": lang}


def geometry(box: Box | None) -> dict[str, float]:
    assert box is not None
    return {"x": box.x, "y": box.y, "w": box.w, "h": box.h}


def inks(studio: Studio) -> dict[str, list[float]]:
    return {"primary": list(studio.cmyk("primary")), "text": list(studio.cmyk("text")),
            "paper": list(studio.cmyk("background")), "accent": list(studio.cmyk("accent")),
            "dark": [0, 0, 0, 1], "white": [0, 0, 0, 0]}


def dark_runs(code: segno.QRCode) -> list[list[tuple[int, int]]]:
    """Each row of the symbol as (first column, length) of its runs of dark modules: few rectangles to draw."""
    rows = []
    for row in code.matrix:
        runs, start = [], None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((start, column - start))
                start = None
        rows.append(runs)
    return rows


def paragraphs(markup: str) -> list[str]:
    """The card's HTML as plain paragraphs, numbers and addresses isolated left to right."""
    parts = (html.unescape(TAG.sub("", part)).strip() for part in BREAK.split(markup))
    return [isolated(" ".join(part.split())) for part in parts if part]


def isolated(text: str) -> str:
    """Numbers and addresses as isolated left-to-right runs, a phone number's groups joined by no-break spaces: it
    never breaks across lines."""
    return LTR_RUN.sub(lambda found: "\u2066" + found[0].replace(" ", "\u00a0") + "\u2069", text)


def longest(texts: list[str], em: float, bold: bool, lang: str | None = None) -> list[dict[str, Any]]:
    """The longest words, measured in `lang`'s families (the default ones without). In a script written without
    spaces a line may break after any character: a character is what must fit across (a Thai word, longer, is still
    proven inside its box from the PDF). A phone number is one word (UNIT)."""
    words = sorted({word for text in texts for word in UNIT.findall(text)}, key=len, reverse=True)[:LONGEST]
    return [{"text": word, "em": em, "bold": bold} | ({"font": lang} if lang else {}) for word in words]


def side_spec(name: str):
    def spec(studio: Studio, art: Artwork) -> dict[str, Any]:
        context, left = art.context, art.context.get("left_out", ())
        langs = art.job.languages[:1] if "other-languages" in left else art.job.languages
        label = "The promise" if name == "promise" else "The reality"
        parts, words = [], []
        for lang in langs:
            face = context["card"][lang].promise if name == "promise" else context["card"][lang].reality
            paras = [] if name == "headline" or f"{name}-text" in left else paragraphs(face.html)
            parts.append({**run(lang), "label": studio.t(lang, label), "title": face.title,
                          "paras": paras})
            words += longest([face.title], TITLE_EM[name], True, lang) + longest(paras, 1.0, False, lang)
            words += longest([studio.t(lang, label).upper()], 0.6, True, lang)
        return {"langs": parts, "title_em": TITLE_EM[name], "words": words,
                "ink": "text" if name == "promise" else "white"}
    return spec


def numbers(lines: list[tuple[Any, list[tuple[str, str]]]]) -> list[dict[str, Any]]:
    return [{"number": phone.display, "who": [{**run(lang), "text": name} for lang, name in who]}
            for phone, who in lines]


def help_spec(studio: Studio, art: Artwork) -> dict[str, Any]:
    context, langs = art.context, art.job.languages
    essentials = context["essentials"]
    said = not essentials and "call-to-action" not in context.get("left_out", ())
    cta = [{**run(lang), "text": isolated(context["cta"][lang])} for lang in langs] if said else []
    ask = [] if essentials or not context["emergency"] else \
        [{**run(lang), "text": studio.t(lang, "In danger now?")} for lang in langs]
    lines = context["helpful"] + context["emergency"]
    facts = fact_runs(studio, context.get("facts", []), langs)
    words = [{"text": phone.display, "em": 1.25, "bold": True} for phone, _who in lines]
    for lang in langs:  # each language's words in its own families
        words += longest([part["text"] for part in cta + ask if part["font"] == lang], 1.1, True, lang)
        words += longest([name for _phone, who in lines for at, name in who if at == lang], 1.0, False, lang)
        words += longest([part["text"] for fact in facts for part in fact if part["font"] == lang], 1.0, False, lang)
    return {"cta": cta, "ask": ask, "helpful": numbers(context["helpful"]), "emergency": numbers(context["emergency"]),
            "facts": facts, "mixed": context["mixed"], "words": words, "dir": direction(langs[0])}


def fact_runs(studio: Studio, facts: list[tuple[str, str]], langs: tuple[str, ...]) -> list[list[dict[str, str]]]:
    """The main help line's facts (poster_artwork.service_facts), each as its runs: free and confidential in each of
    the poster's languages (the template joins them with a /), the hours and the languages it answers in as they
    are written (in the first language's run: a name in another script falls back to its font)."""
    return [[{**run(lang), "text": fact_word(studio, lang, value)} for lang in langs] if kind == "word"
            else [{**run(langs[0]), "text": isolated(value)}] for kind, value in facts]


def head_spec(studio: Studio, art: Artwork) -> dict[str, Any]:
    names = art.context["names"]
    return {"names": [{**run(lang), "text": name} for lang, name in names],
            "words": [word for lang, name in names for word in longest([name], 1.0, True, lang)]}


def url_spec(studio: Studio, art: Artwork) -> dict[str, Any]:
    """The address in pieces, each ending in a /: it may break between them, never inside a word."""
    address = short_url(art.job.url or "")
    pieces = [piece + "/" for piece in address.split("/")[:-1]] + [address.split("/")[-1]]
    return {"pieces": pieces, "align": art.context["url_align"],
            "words": longest(pieces, 1.0, True)}


def foot_spec(studio: Studio, art: Artwork) -> dict[str, Any]:
    """The partners, each by its logo where it has one, else by its name. A logo is flattened (flat.py), its colours
    left #rrggbb: the PDF's are converted to the profile's inks (inks.py)."""
    background = studio.campaign.colours.primary
    partners = [{"name": partner.name, "svg": flat_rgb(partner.svg, background) if partner.svg else None,
                 "ratio": (logo_ratio(partner.svg) or None) if partner.svg else None}  # 0 wide: no ratio
                for partner in studio.campaign.print.partners]
    names = [partner["name"] for partner in partners if partner["svg"] is None]
    lang = art.job.languages[0]
    return {"partners": partners, **run(lang),
            "words": [{"text": name, "em": 1.0, "bold": False} for name in sorted(names, key=len)[-LONGEST:]]}


SPECS = {"promise": side_spec("promise"), "reality": side_spec("reality"), "headline": side_spec("headline"),
         "help": help_spec, "head": head_spec, "url": url_spec, "foot": foot_spec}
