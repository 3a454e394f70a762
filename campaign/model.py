"""The campaign as the build understands it, after loading and validation.

Plain frozen dataclasses: they are what every later stage reads, and they pickle cheaply
to the per-language worker processes. Text that varies by language is a `Localised`
mapping from language code to text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

Localised = dict[str, str]

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
    path: Path

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def url_prefix(self) -> str:
        """The path the site lives under on its domain: '' for https://x.org/, '/help' for https://x.org/help/."""
        return urlsplit(self.base_url).path.rstrip("/")


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
    path: Path


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    title: str
    description: str
    html: str
    order: int
    updated: date | None
    path: Path


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


@dataclass(frozen=True)
class PosterFormat:
    name: str
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Station:
    id: str
    name: Localised
    city: Localised
    region: str
    languages: tuple[str, ...]
    formats: tuple[PosterFormat, ...]


@dataclass(frozen=True)
class Site:
    """Everything the build publishes, loaded from one content folder."""

    campaign: Campaign
    cards: tuple[Card, ...]
    pages: tuple[Page, ...]
    services: tuple[Service, ...]
    stations: tuple[Station, ...]
