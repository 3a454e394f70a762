"""What goes on each print product, and where: geometry in mm (px for screen images) and texts.

The layout is computed here in plain numbers, so the templates in theme/print/ only place
boxes. Every text box is fitted later (pdf.py): its font size starts at `start` and may shrink
down to `minimum`, the smallest size readable from the product's viewing distance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..catalogs import translations
from ..content.campaign_yml import rgb_to_cmyk
from ..content.model import CMYK, Card, Service, Site
from ..l10n import direction
from .assets import FontFace
from .posters import OPEN_GRAPH, SCREEN, PrintJob
from .qr import QUIET_ZONE, svg_for_print

MARK_GAP_MM = 2.0
MARK_LENGTH_MM = 8.0
"""Crop marks start this far outside the bleed, so they never print into it."""
MM_PER_METRE_MIN_TEXT = 3.5
"""Smallest body text: 3.5 mm per metre of viewing distance (7 mm ≈ 20 pt on a poster read from 2 m)."""
SMALLEST_TEXT_MM = 2.5


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Fit:
    start: float
    minimum: float
    what: str
    """How the box is named in messages: 'the reality side (fr)'."""
    content: str = ""
    """What the box shows; boxes with the same content and proportions fit at the same relative size."""


@dataclass
class Artwork:
    """Everything needed to render one product."""

    job: PrintJob
    template: str
    unit: str
    page: tuple[float, float]
    trim: Box | None
    bleed: Box | None
    fits: dict[str, Fit]
    context: dict[str, Any] = field(default_factory=dict)
    pages: int = 1
    areas: dict[str, Box] = field(default_factory=dict)
    """The designed area of each fitted text box; its content must stay inside."""
    text: str = ""
    """All printed text, for the glyph check."""


def ink(cmyk: CMYK) -> str:
    return "device-cmyk({} {} {} {})".format(*(round(v, 4) for v in cmyk))


def short_url(url: str) -> str:
    """What people read under the code: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.hostname or "") + parts.path.rstrip("/")


def station_services(site: Site, regions: tuple[str, ...]) -> tuple[list[Service], list[Service]]:
    """(help services with a phone for these regions, emergency services): what a poster can list."""
    reachable = [s for s in site.services if s.phones and set(s.regions) & set(regions)]
    helpful = [s for s in reachable if not s.emergency and set(s.audiences) - {"professionals"}]
    return helpful, [s for s in reachable if s.emergency]


def local(texts: dict[str, str], lang: str, default: str) -> str:
    return texts.get(lang) or texts.get(default) or next(iter(texts.values()), "")


def names_in(texts: dict[str, str], langs: tuple[str, ...], default: str) -> list[tuple[str, str]]:
    """(language, name) for each language of a product, a name that reads the same only once."""
    seen: dict[str, str] = {}
    for lang in langs:
        seen.setdefault(local(texts, lang, default), lang)
    return [(lang, name) for name, lang in seen.items()]


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def cmyk_svg(svg: str) -> str:
    """A logo's hex colours rewritten as CMYK inks, so no RGB reaches the PDF (the preflight checks)."""
    def convert(match: re.Match[str]) -> str:
        value = match.group(0)
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        return ink(rgb_to_cmyk(value))
    return re.sub(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", convert, svg)


class Studio:
    """Builds the artwork of every product of one campaign."""

    def __init__(self, site: Site, theme: Path, faces: tuple[FontFace, ...]) -> None:
        self.site = site
        self.campaign = site.campaign
        self.faces = faces
        self.cards = {(c.id, c.lang): c for c in site.cards}
        self.gettext = {lang: translations(theme, lang).gettext for lang in self.campaign.languages}
        self.env = Environment(loader=FileSystemLoader(theme / "print"), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)

    def t(self, lang: str, message: str) -> str:
        return self.gettext[lang](message)

    def card(self, card_id: str, lang: str) -> Card:
        return self.cards.get((card_id, lang)) or self.cards[card_id, self.campaign.default_language]

    def inks(self, rgb: bool) -> dict[str, str]:
        colours = self.campaign.colours
        if rgb:
            return {"primary": colours.primary, "text": colours.text, "paper": colours.background,
                    "accent": colours.accent, "dark": "#000000", "white": "#ffffff", "registration": "#000000"}
        cmyk = self.campaign.print.cmyk
        return {"primary": ink(cmyk["primary"]), "text": ink(cmyk["text"]), "paper": ink((0, 0, 0, 0)),
                "accent": ink(cmyk["accent"]), "dark": ink((0, 0, 0, 1)), "white": ink((0, 0, 0, 0)),
                "registration": ink((1, 1, 1, 1))}

    def common(self, job: PrintJob, rgb: bool) -> dict[str, Any]:
        return {
            "job": job,
            "langs": job.languages,
            "dir": {lang: direction(lang) for lang in job.languages},
            "t": self.t,
            "faces": self.faces,
            "inks": self.inks(rgb),
            "campaign_name": local(self.campaign.name, job.languages[0], self.campaign.default_language),
            "created": self.campaign.start.isoformat(),
            "marks": [],
        }

    # --- posters and screens -------------------------------------------------------------

    def poster(self, job: PrintJob, code: segno.QRCode) -> Artwork:
        fmt = job.format
        assert fmt is not None and job.station is not None and job.url
        slug = fmt.bleed_mm + (MARK_GAP_MM + MARK_LENGTH_MM if self.campaign.print.crop_marks else 0)
        page = (fmt.width_mm + 2 * slug, fmt.height_mm + 2 * slug)
        trim = Box(slug, slug, fmt.width_mm, fmt.height_mm)
        bleed = Box(slug - fmt.bleed_mm, slug - fmt.bleed_mm, fmt.width_mm + 2 * fmt.bleed_mm, fmt.height_mm + 2 * fmt.bleed_mm)
        minimum = max(SMALLEST_TEXT_MM, MM_PER_METRE_MIN_TEXT * fmt.viewing_m)
        # The symbol itself is at least a tenth of the viewing distance; the quiet zone comes on top.
        symbol_mm = max(fmt.viewing_m * 100, 0.17 * min(fmt.width_mm, fmt.height_mm))
        modules = code.symbol_size(border=0)[0]
        boxes = self.layout(trim, fmt.safe_mm, symbol_mm * (modules + 2 * QUIET_ZONE) / modules, fmt.width_mm)
        qr_svg = svg_for_print(code)
        art = Artwork(job, "poster.html", "mm", page, trim, bleed, {}, self.common(job, rgb=False))
        art.context |= {"page": page, "trim": trim, "bleed": bleed, "boxes": boxes, "qr_svg": Markup(qr_svg),
                        "marks": crop_marks(trim, fmt.bleed_mm) if self.campaign.print.crop_marks else [],
                        "footnote": f"{fmt.name.upper()} · {fmt.width_mm:g} × {fmt.height_mm:g} mm"}
        self.fill(art, boxes, minimum)
        return art

    def screen(self, job: PrintJob, code: segno.QRCode) -> Artwork:
        qr_svg = svg_for_print(code)
        width, height = SCREEN
        trim = Box(0, 0, width, height)
        boxes = self.layout(trim, 60, 440, width)
        art = Artwork(job, "poster.html", "px", (width, height), None, None, {}, self.common(job, rgb=True))
        art.context |= {"page": (width, height), "trim": trim, "bleed": trim, "boxes": boxes,
                        "qr_svg": Markup(qr_svg.replace("device-cmyk(0 0 0 1)", "#000000")), "marks": [], "footnote": ""}
        self.fill(art, boxes, 30)
        return art

    def layout(self, trim: Box, safe: float, qr: float, width: float) -> dict[str, Box]:
        """Portrait: header, promise, reality, then help numbers beside the QR code, then partners."""
        x, y = trim.x + safe, trim.y + safe
        w, h = trim.w - 2 * safe, trim.h - 2 * safe
        gap = 0.02 * w
        head, foot = 0.07 * h, 0.045 * h
        url_line = max(0.09 * qr, 0.012 * width)
        help_h = max(0.24 * h, qr + url_line + gap)
        side_h = (h - head - foot - help_h - 4 * gap) / 2
        top = y + head + gap
        return {
            "head": Box(x, y, w, head),
            "promise": Box(x, top, w, side_h),
            "reality": Box(x, top + side_h + gap, w, side_h),
            "help": Box(x, top + 2 * (side_h + gap), w - qr - gap, help_h),
            "qr": Box(x + w - qr, top + 2 * (side_h + gap), qr, qr),
            "url": Box(x + w - qr, top + 2 * (side_h + gap) + qr, qr, url_line),
            "foot": Box(x, y + h - foot, w, foot),
        }

    def fill(self, art: Artwork, boxes: dict[str, Box], minimum: float) -> None:
        job, default = art.job, self.campaign.default_language
        langs = job.languages
        card = {lang: self.card(job.card, lang) for lang in langs}
        helpful, emergency = station_services(self.site, job.station.regions if job.station else ())
        cta = {lang: local(self.campaign.print.call_to_action, lang, default) or
               self.t(lang, "Help is free and confidential. You do not have to give your name.") for lang in langs}
        art.context |= {
            "card": card, "helpful": helpful, "emergency": emergency, "cta": cta,
            "names_of": lambda texts: names_in(texts, langs, default),
            "partners": self.partners(), "short_url": short_url(job.url or ""),
        }
        scale = boxes["promise"].w / 18  # deliberately large: fitting shrinks each text until it fills its box
        shown = {"promise": repr([(c.lang, c.promise) for c in card.values()]),
                 "reality": repr([(c.lang, c.reality) for c in card.values()]),
                 "help": repr((cta, [(s.name, s.phones) for s in helpful + emergency])),
                 "head": art.context["campaign_name"], "foot": repr(self.campaign.print.partners),
                 "url": str(len(art.context["short_url"]))}
        sides = {"promise": "the promise side", "reality": "the reality side", "help": "the help numbers"}
        for name, what in sides.items():
            art.fits[name] = Fit(scale * (1.15 if name == "help" else 1.0), minimum, f"{what} ({'-'.join(langs)})",
                                 repr(langs) + shown[name])
        art.fits["head"] = Fit(boxes["head"].h * 0.55, minimum, "the header", shown["head"])
        art.fits["foot"] = Fit(boxes["foot"].h * 0.42, minimum * 0.6, "the partners line", shown["foot"])
        art.fits["url"] = Fit(boxes["url"].h * 0.7, minimum * 0.8, "the address under the QR code", shown["url"])
        art.areas = {name: boxes[name] for name in art.fits}
        art.text = " ".join([art.context["campaign_name"], *cta.values(), *(self.t(lang, m) for lang in langs for m in (
            "The promise", "The reality", "In danger now?"))]
            + [f"{c.promise.title} {plain(c.promise.html)} {c.reality.title} {plain(c.reality.html)}" for c in card.values()]
            + [local(s.name, lang, default) for s in helpful + emergency for lang in langs]
            + [p.display for s in helpful + emergency for p in s.phones] + [p.name for p in self.campaign.print.partners])

    def partners(self) -> list[dict[str, Any]]:
        result = []
        for partner in self.campaign.print.partners:
            # The logo as cleaned when the content was loaded (content/logos.py): the file itself is not read here.
            svg = Markup(cmyk_svg(partner.svg)) if partner.svg else None
            result.append({"name": partner.name, "svg": svg})
        return result

    # --- the card and its Open Graph image --------------------------------------------------

    def card_file(self, job: PrintJob) -> Artwork:
        fmt = job.format
        assert fmt is not None
        slug = fmt.bleed_mm + (MARK_GAP_MM + MARK_LENGTH_MM if self.campaign.print.crop_marks else 0)
        page = (fmt.width_mm + 2 * slug, fmt.height_mm + 2 * slug)
        trim = Box(slug, slug, fmt.width_mm, fmt.height_mm)
        bleed = Box(slug - fmt.bleed_mm, slug - fmt.bleed_mm, fmt.width_mm + 2 * fmt.bleed_mm, fmt.height_mm + 2 * fmt.bleed_mm)
        lang = job.languages[0]
        card = self.card(job.card, lang)
        safe = fmt.safe_mm
        body = Box(trim.x + safe, trim.y + safe, trim.w - 2 * safe, trim.h - 2 * safe - 0.12 * trim.h)
        footer = Box(trim.x + safe, trim.y + trim.h - safe - 0.1 * trim.h, trim.w - 2 * safe, 0.1 * trim.h)
        help_url = short_url(self.campaign.base_url.rstrip("/") + f"/{lang}/help/")
        art = Artwork(job, "card.html", "mm", page, trim, bleed, {}, self.common(job, rgb=False), pages=2)
        art.context |= {"page": page, "trim": trim, "bleed": bleed, "card": card, "lang": lang, "body": body,
                        "footer": footer, "help_url": help_url,
                        "card_marks": crop_marks(trim, fmt.bleed_mm) if self.campaign.print.crop_marks else []}
        minimum = max(SMALLEST_TEXT_MM, MM_PER_METRE_MIN_TEXT * fmt.viewing_m)
        for side in ("promise", "reality"):
            art.fits[side] = Fit(body.w / 8, minimum, f"the {side} side of the card ({lang})", repr((lang, card)))
        art.fits["footer"] = Fit(footer.h * 0.3, minimum, f"the card's footer ({lang})", repr((lang, help_url)))
        art.areas = {"promise": body, "reality": body, "footer": footer}
        art.text = " ".join([card.promise.title, plain(card.promise.html), card.reality.title, plain(card.reality.html),
                             help_url, art.context["campaign_name"], self.t(lang, "The promise"), self.t(lang, "The reality")])
        return art

    def open_graph(self, job: PrintJob) -> Artwork:
        width, height = OPEN_GRAPH
        lang = job.languages[0]
        card = self.card(job.card, lang)
        art = Artwork(job, "og.html", "px", (width, height), None, None, {}, self.common(job, rgb=True))
        half = Box(40, 40, (width - 120) / 2, height - 130)
        art.context |= {"page": (width, height), "card": card, "lang": lang,
                        "promise": half, "reality": Box(80 + half.w, 40, half.w, half.h)}
        for side in ("promise", "reality"):
            art.fits[side] = Fit(54, 22, f"the {side} side of the sharing image ({lang})", repr((lang, card)))
        art.areas = {"promise": half, "reality": art.context["reality"]}
        art.text = " ".join([card.promise.title, card.reality.title, art.context["campaign_name"],
                             self.t(lang, "The promise"), self.t(lang, "The reality")])
        return art


def crop_marks(trim: Box, bleed: float) -> list[Box]:
    """Eight hairlines, two per corner, on the trim lines but starting outside the bleed."""
    start = bleed + MARK_GAP_MM
    weight = 0.1
    marks = []
    for x_edge, x_out in ((trim.x, -1), (trim.x + trim.w, 1)):
        for y_edge, y_out in ((trim.y, -1), (trim.y + trim.h, 1)):
            hx = x_edge + start if x_out > 0 else x_edge - start - MARK_LENGTH_MM
            marks.append(Box(hx, y_edge - weight / 2, MARK_LENGTH_MM, weight))
            vy = y_edge + start if y_out > 0 else y_edge - start - MARK_LENGTH_MM
            marks.append(Box(x_edge - weight / 2, vy, weight, MARK_LENGTH_MM))
    return marks
