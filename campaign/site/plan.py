"""Stage 2: decide every page of the site, its address, and which pages translate each other.

The plan is computed once, from the loaded content, before any rendering: the language
switcher, hreflang links and sitemap of every language then agree by construction.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..content.model import Site
from ..print.posters import PrintPlan


@dataclass(frozen=True)
class PlannedPage:
    key: str
    """Language-neutral identity shared by translations: 'home', 'help', 'card:dream-job'."""
    lang: str
    path: str
    """Address below the site's prefix: '/nl/cards/dream-job/'."""
    template: str
    item: str = ""
    """The card or page id the page shows, if any."""
    regions: tuple[str, ...] | None = None
    """A poster's landing page: the regions of its station, whose help line it offers first (None: every region)."""
    image: str | None = None
    """A card page's sharing image (og:image), relative to the output: its language's, else the main language's."""

    @property
    def file(self) -> str:
        """Output file relative to the output folder: clean URLs end in index.html."""
        name = self.path.lstrip("/")
        return name + "index.html" if name.endswith("/") or not name else name


@dataclass(frozen=True)
class Plan:
    pages: tuple[PlannedPage, ...]
    by_key: dict[str, dict[str, PlannedPage]] = field(default_factory=dict, compare=False)
    """Filled on creation: the translations of each page, found in constant time on large sites."""

    def __post_init__(self) -> None:
        for page in self.pages:
            self.by_key.setdefault(page.key, {})[page.lang] = page

    def language(self, lang: str) -> Iterator[PlannedPage]:
        return (page for page in self.pages if page.lang == lang)

    def versions(self, key: str) -> dict[str, PlannedPage]:
        """The page in every language it exists in, in campaign language order."""
        return self.by_key.get(key, {})

    def in_sitemap(self) -> Iterator[PlannedPage]:
        return (page for page in self.pages if page.key != "404" and not page.key.startswith("landing:"))


def plan_site(site: Site, prints: PrintPlan) -> Plan:
    pages: list[PlannedPage] = []
    images = {(job.card, job.languages[0]): job.file for job in prints.of_kind("og")}
    default = site.campaign.default_language
    for lang in site.campaign.languages:
        pages.append(PlannedPage("home", lang, f"/{lang}/", "home"))
        pages.extend(PlannedPage(f"card:{c.id}", lang, f"/{lang}/cards/{c.id}/", "card", c.id,
                                 image=images.get((c.id, lang)) or images.get((c.id, default)))
                     for c in site.cards if c.lang == lang)
        pages.append(PlannedPage("help", lang, f"/{lang}/help/", "help"))
        pages.extend(PlannedPage(f"page:{p.id}", lang, f"/{lang}/{p.id}/", "page", p.id)
                     for p in site.pages if p.lang == lang)
        pages.append(PlannedPage("404", lang, f"/{lang}/404.html", "404"))
    # Each poster's own neutral landing page, in the poster's (first) language: scans per poster
    # can be counted in the host's access log, and the help services come first.
    pages.extend(PlannedPage(f"landing:{job.code}", job.languages[0], job.landing_path or "", "landing",
                             regions=job.station.regions if job.station else None)
                 for job in prints.landings())
    return Plan(tuple(pages))
