"""What goes on each print product, and where: geometry in mm (px for screen images) and texts.

The layout is computed in plain numbers (posters and screens: poster_artwork.py and layouts/; the
card and its sharing image: here), so the Typst templates in theme/print/ only place boxes. Every text box
is fitted by its template (typst/; `start` is the largest size it may take): its font size is the largest that
fits, never under the product's smallest readable size, and the finished layout is checked to lie inside its
boxes and the safe area.

A poster whose first language is written right to left is mirrored: the QR code goes to the
left, text aligns right. Each language's block keeps its own direction, and numbers, codes and
addresses are left-to-right runs isolated from the text around them (l10n.isolate_ltr).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..catalogs import SOURCE_LANGUAGE, translations, untranslated
from ..content.model import CMYK, Card, Phone, Service, Site, help_lines, text_in
from ..l10n import direction
from ..problems import Problem, Refused
from .assets import FontFace
from .scripts import line_em
from .colour import inks_for
from .flat import flat_svg
from .formats import CARD_SMALLEST_PT, MM_PER_METRE_MIN_TEXT, PT_MM
from .layouts import Box
from .posters import OPEN_GRAPH, PrintJob, shown_card

MARK_GAP_MM = 2.0
MARK_LENGTH_MM = 8.0
"""Crop marks start this far outside the bleed, so they never print into it."""
SCREEN_SMALLEST_PX = 30
OPEN_GRAPH_SMALLEST_PX = 22


class Untranslated(Refused):
    """A theme string a print product needs has no translation in its language; the problem says which."""


class NoRoom(Refused):
    """A format's layout leaves a box no room at all; the problem names the format in stations.yml."""


@dataclass(frozen=True)
class Fit:
    start: float
    minimum: float
    what: str
    """How the box is named in messages: 'the reality side (fr)'."""
    source: Path
    """The file to edit when it does not fit: 'content/cards/dream-job.fr.md'."""
    field: str
    """The field of it that the box shows ('' for a card's text)."""


@dataclass
class Artwork:
    """Everything needed to render one product."""

    job: PrintJob
    unit: str
    page: tuple[float, float]
    trim: Box | None
    bleed: Box | None
    safe: Box
    """No text outside it: the trim less the safe margin (a frame may hide more), or the screen less a margin."""
    floor: float
    """No text smaller than this, in `unit`."""
    fits: dict[str, Fit] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    pages: int = 1
    areas: dict[str, Box] = field(default_factory=dict)
    """The designed area of each fitted text box; its content must stay inside."""
    marks: list[Box] = field(default_factory=list)
    """Crop marks, drawn in the registration colour when the PDF is finished."""
    text: str = ""
    """All printed text, for the glyph check."""
    scale: int = 1
    """Drawn at 1:scale of the printed size (10 for a tenth-size billboard); messages give printed sizes."""
    qr: Box | None = None
    """Where the QR code is, its margin included."""
    advice: str = "shorten the text"
    """What to do when a text does not fit."""


def ink(cmyk: CMYK) -> str:
    return "device-cmyk({} {} {} {})".format(*(round(v, 4) for v in cmyk))


def short_url(url: str) -> str:
    """What people read under the code: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.hostname or "") + parts.path.rstrip("/")


def breakable_url(url: str) -> Markup:
    """An address that may break after each / (never inside a word), as one left-to-right run."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(Markup("/<wbr>").join(url.split("/")))


def station_services(site: Site, regions: tuple[str, ...]) -> tuple[list[Service], list[Service]]:
    """(help services with a phone for these regions, emergency services): what a poster can list."""
    emergency = [s for s in site.services if s.phones and s.emergency and set(s.regions) & set(regions)]
    helpful = help_lines(site.services, regions)
    first = site.main_help_line(regions)  # the number the site offers first comes first on the poster too
    return ([first, *(s for s in helpful if s is not first)] if first else helpful), emergency


def names_in(texts: dict[str, str], langs: tuple[str, ...], default: str) -> list[tuple[str, str]]:
    """(language, text) for each language of a product; a text that reads the same only once."""
    seen: dict[str, str] = {}
    for lang in langs:
        seen.setdefault(text_in(texts, lang, default), lang)
    return [(lang, name) for name, lang in seen.items()]


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def logo_ratio(svg: str) -> float | None:
    """Width over height of an SVG logo, from its viewBox (or width and height)."""
    head = svg[:2000]
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', head)
    size = box or re.search(r'width="([\d.]+)[a-z]*"[^>]*height="([\d.]+)[a-z]*"', head)
    if not size or not float(size[2]):
        return None
    return float(size[1]) / float(size[2])


def card_help_height(numbers: list[tuple[Phone, str]], url: str, safe: Box, floor: float, line: float = 1.25) -> float:
    """Room for the card's help numbers and address: their lines at the smallest size, with room to grow (the
    fitting makes them as large as the box allows), never less than a fifth of the card nor more than half. `line`:
    a line of the card's language in ems (scripts.line_em: twice the usual for Nastaliq or Tibetan)."""
    per_line = max(1.0, safe.w / (0.6 * floor))  # characters of bold Noto Sans in a line
    number_line = max(1.25 * 1.25, line)  # a number, 1.25 em, and who answers it, in the language's lines
    ems = sum(math.ceil(len(f"{phone.display}  {who}") * 1.25 / per_line) * number_line for phone, who in numbers)
    ems += (math.ceil(len(url) / per_line) + 0.5) * 1.25  # the address, and the space above it
    return min(0.5 * safe.h, max(0.2 * safe.h, floor * ems * 1.5))


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


class Studio:
    """Builds the artwork of every product of one campaign."""

    def __init__(self, site: Site, theme: Path, faces: tuple[FontFace, ...], profile: Path) -> None:
        self.site = site
        self.campaign = site.campaign
        self.faces = faces
        self.inks_for_print = inks_for(profile)
        self.cards = {(c.id, c.lang): c for c in site.cards}
        self.theme = theme
        self.gettext = {lang: translations(theme, lang, site.assets).gettext for lang in self.campaign.languages}

    def t(self, lang: str, message: str) -> str:
        """A theme string in `lang`; a poster may not fall back to English (Untranslated)."""
        text = self.gettext[lang](message)
        if text == message and lang.split("-")[0] != SOURCE_LANGUAGE:
            path, what = untranslated(self.theme, self.site.assets, lang, message)
            raise Untranslated(Problem(path, None, "", what, error=True))
        return text

    def card(self, card_id: str, lang: str) -> Card:
        return shown_card(self.cards, card_id, lang, self.campaign.default_language)

    def cmyk(self, name: str) -> CMYK:
        """A brand colour for print: the exact inks campaign.yml gives, else converted with the profile."""
        return self.campaign.print.cmyk.get(name) or self.inks_for_print.cmyk(getattr(self.campaign.colours, name))

    def inks(self, rgb: bool) -> dict[str, str]:
        colours = self.campaign.colours
        if rgb:
            return {"primary": colours.primary, "text": colours.text, "paper": colours.background,
                    "accent": colours.accent, "dark": "#000000", "white": "#ffffff"}
        return {"primary": ink(self.cmyk("primary")), "text": ink(self.cmyk("text")),
                "paper": ink(self.cmyk("background")), "accent": ink(self.cmyk("accent")),
                "dark": ink((0, 0, 0, 1)), "white": ink((0, 0, 0, 0))}

    def common(self, job: PrintJob, rgb: bool) -> dict[str, Any]:
        langs = job.languages
        return {
            "rtl": direction(langs[0]) == "rtl",
            "inks": self.inks(rgb),
            "campaign_name": text_in(self.campaign.name, langs[0], self.campaign.default_language),
            "created": self.campaign.start.isoformat(),
        }

    def fit(self, art: Artwork, name: str, box: Box, start: float, minimum: float, what: str,
            source: tuple[Path, str]) -> None:
        art.fits[name] = Fit(max(start, minimum), minimum, what, *source)
        art.areas[name] = box

    def who(self, service: Service, phone: Phone, langs: tuple[str, ...]) -> list[tuple[str, str]]:
        """(language, text) naming who answers a number: for emergency numbers their label (112: emergency,
        101: police); for a help service its name, then what its label says of the number (toll-free, chat…)."""
        default = self.campaign.default_language
        if service.emergency:
            return names_in(phone.label or service.name, langs, default)
        if phone.label:
            return names_in({lang: f"{text_in(service.name, lang, default)} – {text_in(phone.label, lang, default)}"
                             for lang in langs}, langs, default)
        return names_in(service.name, langs, default)

    def partners(self) -> list[dict[str, Any]]:
        result = []
        for partner in self.campaign.print.partners:
            # The logo as cleaned when the content was loaded (content/logos/): the file itself is not read here.
            svg = Markup(flat_svg(partner.svg, self.campaign.colours.primary, self.inks_for_print.cmyk, ink)) \
                if partner.svg else None
            result.append({"name": partner.name, "svg": svg})
        return result

    # --- the card and its Open Graph image --------------------------------------------------

    def card_file(self, job: PrintJob) -> Artwork:
        """The two-sided card, a page a side. Its reality side ends with what a person keeps it for: the main help
        line with who answers it, the emergency number, and the help page's address."""
        fmt = job.format
        assert fmt is not None
        slug = fmt.bleed_mm + (MARK_GAP_MM + MARK_LENGTH_MM if self.campaign.print.crop_marks else 0)
        page = (fmt.width_mm + 2 * slug, fmt.height_mm + 2 * slug)
        trim = Box(slug, slug, fmt.width_mm, fmt.height_mm)
        safe = trim.inset(fmt.safe_mm)
        lang = job.languages[0]
        card = self.card(job.card, lang)
        floor = max(CARD_SMALLEST_PT * PT_MM, MM_PER_METRE_MIN_TEXT * fmt.viewing_m)  # held in the hand
        art = Artwork(job, "mm", page, trim, trim.inset(-fmt.bleed_mm), safe, floor,
                      context=self.common(job, rgb=False), pages=2)
        art.marks = crop_marks(trim, fmt.bleed_mm) if self.campaign.print.crop_marks else []
        help_url = short_url(self.campaign.absolute(f"/{lang}/help/"))
        numbers = self.card_numbers(lang)
        gap = 0.02 * trim.h
        body = Box(safe.x, safe.y, safe.w, safe.h - 0.14 * trim.h)
        footer = Box(safe.x, safe.y + safe.h - 0.12 * trim.h, safe.w, 0.12 * trim.h)
        help_h = card_help_height(numbers, help_url, safe, floor, line_em(lang))
        reality = Box(safe.x, safe.y, safe.w, safe.h - help_h - gap)
        help_box = Box(safe.x, safe.y + safe.h - help_h, safe.w, help_h)
        art.context |= {"card": card, "lang": lang, "numbers": numbers, "help_url": help_url}
        for side, box in (("promise", body), ("reality", reality)):
            self.fit(art, side, box, box.w / 8, floor, f"the {side} side of the card ({lang})", (card.path, ""))
        self.fit(art, "footer", footer, footer.h * 0.3, floor, f"the card's footer ({lang})", (self.campaign.path, "name"))
        services = self.campaign.path.with_name("services.yml")
        self.fit(art, "help", help_box, help_box.h / 4, floor, f"the block of help numbers on the card ({lang})",
                 (services, "phones"))
        art.text = " ".join([card.promise.title, plain(card.promise.html), card.reality.title, plain(card.reality.html),
                             help_url, art.context["campaign_name"], self.t(lang, "The promise"),
                             self.t(lang, "The reality"), *(f"{phone.display} {who}" for phone, who in numbers)])
        return art

    def card_numbers(self, lang: str) -> list[tuple[Phone, str]]:
        """(number, who answers it) for the card: the main help line of the whole campaign, then the first
        emergency number; the numbers the site and the pocket posters put first."""
        helpful, emergency = station_services(self.site, tuple(self.campaign.regions))
        return [(service.phones[0], " · ".join(name for _lang, name in self.who(service, service.phones[0], (lang,))))
                for service in (helpful[:1] + emergency[:1])]

    def open_graph(self, job: PrintJob) -> Artwork:
        width, height = OPEN_GRAPH
        lang = job.languages[0]
        card = self.card(job.card, lang)
        canvas = Box(0, 0, width, height)
        art = Artwork(job, "px", (width, height), None, None, canvas.inset(30), OPEN_GRAPH_SMALLEST_PX,
                      context=self.common(job, rgb=True))
        half = (width - 120) / 2
        name_h = max(60.0, 1.1 * OPEN_GRAPH_SMALLEST_PX * line_em(lang))  # a line of Tibetan is 2.8 em tall
        sides = {"promise": Box(40, 40, half, height - 90 - name_h), "reality": Box(80 + half, 40, half, height - 90 - name_h)}
        if art.context["rtl"]:  # read from the right: the promise comes first
            sides = {"promise": sides["reality"], "reality": sides["promise"]}
        art.context |= {"page": (width, height), "card": card, "lang": lang, "sides": sides,
                        "name_box": Box(40, height - 35 - name_h, width - 80, name_h)}
        for side in ("promise", "reality"):
            self.fit(art, side, sides[side], 54, art.floor, f"the {side} side of the sharing image ({lang})",
                     (card.path, ""))
        self.fit(art, "name", art.context["name_box"], 34, art.floor, "the campaign's name on the sharing image",
                 (self.campaign.path, "name"))
        art.text = " ".join([card.promise.title, card.reality.title, art.context["campaign_name"],
                             self.t(lang, "The promise"), self.t(lang, "The reality")])
        return art
