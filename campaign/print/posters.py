"""Stage 3a: decide every print product, its file name, and the address its QR code encodes.

- a poster per station × format, in the station's languages together (Brussels: one
  bilingual fr + nl poster, as signs there are), e.g. blind-betting_bruxelles-midi_a0_fr-nl.pdf
  (a tenth-size file says so: blind-betting_antwerpen-centraal_48-sheet-1to10_nl.pdf);
- a 1080 × 1920 screen image per station and language;
- the two-sided card as a duplex print file per card and card language (`print: card_languages`, by default
  the stations' languages: a language for the website only gets no print file);
- an Open Graph image per card and language whose theme strings it can print.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..content.model import Card, PosterFormat, Site, Station
from ..problems import Problem
from .formats import scan_note
from .qr import modules_for, path_code

SCREEN = (1080, 1920)
OPEN_GRAPH = (1200, 630)
SHARING_STRINGS = ("The promise", "The reality")
"""The theme strings a sharing image prints (theme/print/og.typ, typst/pictures.py)."""


@dataclass(frozen=True)
class PrintJob:
    kind: str
    """'poster', 'screen', 'card' or 'og'."""
    file: str
    """Relative to the output folder."""
    languages: tuple[str, ...]
    card: str
    format: PosterFormat | None = None
    station: Station | None = None
    code: str | None = None
    """The landing path code, for products with a QR code."""
    url: str | None = None
    """What the QR code encodes."""

    @property
    def landing_path(self) -> str | None:
        return f"/s/{self.code}/" if self.code else None


@dataclass(frozen=True)
class PrintPlan:
    jobs: tuple[PrintJob, ...]

    def of_kind(self, kind: str) -> Iterator[PrintJob]:
        return (job for job in self.jobs if job.kind == kind)

    def landings(self) -> Iterator[PrintJob]:
        return (job for job in self.jobs if job.code)


def shown_card(cards: dict[tuple[str, str], Card], card_id: str, lang: str, default: str) -> Card:
    """The card a product shows in `lang`: its version in that language, else the main language's."""
    return cards.get((card_id, lang)) or cards[card_id, default]


def station_card(site: Site, station: Station) -> str:
    first = next(card.id for card in site.cards if card.lang == site.campaign.default_language)
    return station.card or first


def plan_print(site: Site, sharing: tuple[str, ...] | None = None) -> PrintPlan:
    """Posters and screens in the stations' languages, the card file in `site.card_languages`, sharing images in the
    `sharing` languages (those with the theme strings they print; None: every language)."""
    campaign = site.campaign
    slug, qr_base = campaign.slug, campaign.print.qr_base_url
    jobs: list[PrintJob] = []
    if not any(card.lang == campaign.default_language for card in site.cards):
        return PrintPlan(())
    for station in site.stations:
        card = station_card(site, station)
        languages = station.languages
        for fmt in station.formats:
            code = path_code(slug, station.id, fmt.name, *languages)
            jobs.append(PrintJob("poster", f"print/{slug}_{station.id}_{fmt.label}_{'-'.join(languages)}.pdf",
                                 languages, card, fmt, station, code, f"{qr_base}s/{code}/"))
        for lang in languages:
            code = path_code(slug, station.id, "screen", lang)
            jobs.append(PrintJob("screen", f"print/screens/{slug}_{station.id}_screen_{lang}.png",
                                 (lang,), card, None, station, code, f"{qr_base}s/{code}/"))
    for card in site.cards:
        size = campaign.print.card_size
        if card.lang in site.card_languages:
            jobs.append(PrintJob("card", f"print/{slug}_card-{card.id}_{size.name}_{card.lang}.pdf", (card.lang,),
                                 card.id, size))
        if sharing is None or card.lang in sharing:
            jobs.append(PrintJob("og", f"og/{card.id}.{card.lang}.png", (card.lang,), card.id))
    return PrintPlan(tuple(jobs))


def scan_notes(site: Site, plan: PrintPlan) -> list[Problem]:
    """For each station's format, once: how wide its QR code is printed and from how far it scans (the build's
    output says it; never a reason to stop)."""
    modules = modules_for(site.campaign.print.qr_base_url)
    stations = site.campaign.path.with_name("stations.yml")
    formats = {(job.station.id, job.format.name): job.format for job in plan.of_kind("poster")
               if job.station and job.format}
    return [Problem(stations, fmt.line, f"{station}.formats.{name}", scan_note(fmt, modules), error=False)
            for (station, name), fmt in formats.items()]
