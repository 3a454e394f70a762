"""The campaign as the build understands it, after loading and validation.

Plain frozen dataclasses: they are what every later stage reads, and they pickle cheaply
to the per-language worker processes. Text that varies by language is a `Localised`
mapping from language code to text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

Localised = dict[str, str]


def text_in(texts: Localised, lang: str, default: str) -> str:
    """The text in `lang`; else the main language's; else any (a text written once for every language)."""
    return texts.get(lang) or texts.get(default) or next(iter(texts.values()), "")

AUDIENCES = ("victims", "minors", "relatives", "professionals")
"""Who a help service is for; the order is the order of the help page."""


@dataclass(frozen=True)
class Colours:
    primary: str
    text: str
    background: str
    accent: str


@dataclass(frozen=True)
class Campaign:
    name: Localised
    slug: str
    country: str
    start: date
    end: date
    languages: tuple[str, ...]
    base_url: str
    allowed_domains: tuple[str, ...]
    quick_exit: str
    safety_page: str
    """Id of the page that explains the quick exit and safe browsing."""
    colours: Colours
    tagline: Localised
    intro: Localised
    regions: dict[str, Localised]
    print: PrintSettings
    path: Path = field(repr=False, compare=False)
    """Where campaign.yml is, for messages; not in repr, which cache keys are made of: the same campaign
    in another folder renders the same files."""
    timezone: str | None = None
    """Where scan counts' days begin and end (tz database name); None: the country's zone."""
    main_help_line: str | None = None
    """Id of the service the site offers first (`main_help_line:`); None: the first help line of a page's regions."""
    main_help_line_at: int | None = field(default=None, repr=False, compare=False)
    """Its line in campaign.yml, for messages (not part of a page: a moved line renders nothing again)."""
    strict: bool = field(default=False, repr=False, compare=False)
    """`strict: true`: every build stops for a warning, as under --strict (for a campaign that is live)."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def url_prefix(self) -> str:
        """The path the site lives under on its domain: '' for https://x.org/, '/help' for https://x.org/help/."""
        return urlsplit(self.base_url).path.rstrip("/")

    def absolute(self, path: str) -> str:
        """The full address of one of the site's paths ('/nl/help/'): the base URL, which holds any prefix, then it."""
        return self.base_url.rstrip("/") + path


@dataclass(frozen=True)
class Side:
    title: str
    html: str


@dataclass(frozen=True)
class Card:
    id: str
    lang: str
    promise: Side
    reality: Side
    order: int
    updated: date | None
    path: Path = field(repr=False, compare=False)
    written_in: str | None = None
    """The language its text is really in, when it is not a translation yet (content/untranslated.py)."""


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    title: str
    description: str
    html: str
    order: int
    updated: date | None
    path: Path = field(repr=False, compare=False)
    written_in: str | None = None
    """The language its text is really in, when it is not a translation yet (content/untranslated.py)."""


@dataclass(frozen=True)
class Phone:
    display: str
    tel: str
    """The `tel:` target: E.164 for normal numbers, bare digits for short codes."""
    label: Localised = field(default_factory=dict)


@dataclass(frozen=True)
class OpeningRange:
    first_day: int
    """0 = Monday, as Babel counts."""
    last_day: int
    opens: str
    closes: str


@dataclass(frozen=True)
class Hours:
    always: bool
    ranges: tuple[OpeningRange, ...] = ()


@dataclass(frozen=True)
class Service:
    id: str
    name: Localised
    description: Localised
    phones: tuple[Phone, ...]
    chat: Localised
    website: Localised
    email: str | None
    address: Localised
    hours: Hours | None
    note: Localised
    languages: tuple[str, ...]
    regions: tuple[str, ...]
    audiences: tuple[str, ...]
    emergency: bool
    free: bool = False
    """Confirmed free of charge for the caller (`free: true`): printed on flyers and pocket cards."""
    confidential: bool = False
    """Confirmed confidential (`confidential: true`): printed on flyers and pocket cards."""


@dataclass(frozen=True)
class PosterFormat:
    name: str
    width_mm: float
    height_mm: float
    bleed_mm: float
    safe_mm: float
    """Margin inside the trim that text and codes keep clear of (includes any part a frame hides)."""
    viewing_m: float
    """Typical distance people read and scan it from."""
    shape: str = "portrait"
    """Its layout: portrait, landscape, strip or pocket (print/layouts/)."""
    scale: int = 1
    """The file is drawn at 1:scale of the printed size: 10 (tenth size) for a side over 5,080 mm."""
    line: int | None = field(default=None, repr=False, compare=False)
    """Where stations.yml lists it, for messages (not part of a product: a moved line renders nothing again)."""

    @property
    def label(self) -> str:
        """Its name in file names: `billboard-1to10` for a tenth-size file, so nobody prints it at that size."""
        return f"{self.name}-1to{self.scale}" if self.scale > 1 else self.name

    @property
    def size(self) -> str:
        return f"{self.width_mm:g} × {self.height_mm:g} mm"


@dataclass(frozen=True)
class Station:
    id: str
    name: Localised
    city: Localised
    regions: tuple[str, ...]
    """Its posters show the help services of these regions."""
    languages: tuple[str, ...]
    formats: tuple[PosterFormat, ...]
    card: str | None
    """The card its posters show; None for the campaign's first card."""


@dataclass(frozen=True)
class Partner:
    name: str
    logo: str | None
    """File name in campaign_assets/logos/ (SVG), or None to print the name."""
    svg: str | None = None
    """The logo as cleaned at load time (content/logos/): plain drawing, every colour #rrggbb."""


CMYK = tuple[float, float, float, float]
"""Ink coverage, each 0–1."""


@dataclass(frozen=True)
class PrintSettings:
    card_size: PosterFormat
    crop_marks: bool
    bleed_mm: float | None
    """Overrides every format's own bleed when set."""
    call_to_action: Localised
    partners: tuple[Partner, ...]
    cmyk: dict[str, CMYK]
    """Inks given exactly for some brand colours, by the screen colours' names; the print stage converts
    the others with the output profile (LittleCMS)."""
    qr_base_url: str
    """Where QR codes point: the site itself, or a short domain that serves it."""
    card_languages: tuple[str, ...] | None = None
    """The languages the two-sided card's print file is made in (`print: card_languages`); None: the stations'."""
    on_website: bool = False
    """`print: on_website`: the server configs serve print/ too (else it answers 404: it is for printers)."""


def help_lines(services: tuple[Service, ...] | list[Service], regions: tuple[str, ...]) -> list[Service]:
    """The help services with a phone for these regions, for the public (not for professionals only), emergency
    services apart, in the order of services.yml: the numbers a poster lists, and the site offers first."""
    return [s for s in services if s.phones and not s.emergency and set(s.regions) & set(regions)
            and set(s.audiences) - {"professionals"}]


@dataclass(frozen=True)
class Respelled:
    """A number in a card or page written otherwise than services.yml writes it, shown as services.yml does."""

    path: Path
    line: int | None
    written: str
    shown: str


@dataclass(frozen=True)
class Site:
    """Everything the build publishes, loaded from one content folder."""

    campaign: Campaign
    cards: tuple[Card, ...]
    pages: tuple[Page, ...]
    services: tuple[Service, ...]
    stations: tuple[Station, ...]
    assets: Path
    """The campaign's print assets: logos/, fonts/, translations/, and optionally the printer's ICC profile."""
    respelled: tuple[Respelled, ...] = field(default=(), compare=False)
    """Numbers in card and page text that are now shown as services.yml writes them."""

    @property
    def station_languages(self) -> tuple[str, ...]:
        """The languages posters and screens are made in, in the campaign's order."""
        used = {lang for station in self.stations for lang in station.languages}
        return tuple(lang for lang in self.campaign.languages if lang in used)

    @property
    def card_languages(self) -> tuple[str, ...]:
        """The languages of the card's print file: as campaign.yml says, else the stations' languages."""
        chosen = self.campaign.print.card_languages
        return self.station_languages if chosen is None else chosen

    @property
    def print_languages(self) -> tuple[str, ...]:
        """Every language something is printed in; the others are for the website only."""
        used = {*self.station_languages, *self.card_languages}
        return tuple(lang for lang in self.campaign.languages if lang in used)

    def main_help_line(self, regions: tuple[str, ...] | None = None) -> Service | None:
        """The help line a page offers first, as a tap-to-call button: the one campaign.yml names where it serves
        `regions`, else the first help line of `regions` (None: the campaign's regions, all of them)."""
        regions = tuple(self.campaign.regions) if regions is None else regions
        named = next((s for s in self.services if s.id == self.campaign.main_help_line), None)
        if named and named.phones and not named.emergency and set(named.regions) & set(regions):
            return named
        return next(iter(help_lines(self.services, regions)), None)
