"""What each template sees, and the cache key of each file a language writes.

A language's pages share most of what they show: the campaign, the emergency numbers, the menu, the
language's names. That part is built and described (for the cache key) once per language; each page adds
only its own part. The key of a file is a hash of both parts, the template and everything else a page
depends on (the theme's fingerprint), so a page is rendered again exactly when something it shows changed.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..content.model import AUDIENCES, Service, Site
from ..l10n import direction, language_name
from .filters import in_its_language
from .fonts import font_rules
from .plan import PlannedPage

if TYPE_CHECKING:
    from .jobs import RenderJob

SHARED_FILES = (("index.html", "root.html"), ("404.html", "root_404.html"), ("sitemap.xml", "sitemap.xml"),
                ("robots.txt", "robots.txt"), ("static/site.css", "site.css"), ("_headers", "_headers"),
                ("nginx.conf", "nginx.conf"), ("nginx-http.conf", "nginx-http.conf"), (".htaccess", "htaccess"),
                ("apache.conf", "apache.conf"), ("Caddyfile", "Caddyfile"), ("logrotate.conf", "logrotate.conf"))
"""The language-neutral files (output file, template), written with the first language."""


@dataclass(frozen=True)
class LanguageLink:
    """One language in the language switcher. (An object, not a dict: Jinja looks `link.path` up as an attribute
    first, and a dict's failed attribute look-up raises an exception, four times a link, on every page.)"""

    lang: str
    name: str
    path: str
    current: bool


@dataclass(frozen=True)
class Output:
    """One file a language writes: its template, and what the template sees besides the language's shared part."""

    file: str
    template: str
    own: dict[str, Any]


class Views:
    """Builds the template context of each page of one language."""

    def __init__(self, job: RenderJob) -> None:
        self.job = job
        self.site = job.site
        self.lang = job.lang
        self.cards = {c.id: c for c in self.site.cards if c.lang == job.lang}
        self.pages = {p.id: p for p in self.site.pages if p.lang == job.lang}
        self.prefix = self.site.campaign.url_prefix
        # The content pages' menu is the same on every page of a language: written once, not per page.
        self.menu_links = Markup("").join(
            Markup('<li><a href="{}">{}</a></li>\n').format(self.prefix + p.path,
                                                           in_its_language(self.pages[p.item], self.pages[p.item].title))
            for p in job.plan.language(job.lang) if p.template == "page")
        self.names = {lang: language_name(lang) for lang in self.site.campaign.languages}
        # One object for the help page and every poster's landing page: their services are rendered once.
        self.groups = help_groups(self.site)
        self.shared = self.common()
        # What every page of the language shows, described once: the page's key adds only its own part.
        # (The menu is the same long list on every page: its links stand in for it; the page is in the key.)
        self.digest = hashlib.sha256(f"{self.menu_links}|{self.shared!r}".encode()).hexdigest()
        self.main_lines: dict[tuple[str, ...] | None, Service | None] = {}
        self.descriptions: dict[int, str] = {}
        """repr() of the main help lines, by id: a few services, each the same on most pages."""

    def common(self) -> dict[str, Any]:
        campaign = self.site.campaign
        return {
            "lang": self.lang,
            "dir": direction(self.lang),
            "campaign": campaign,
            "default_lang": campaign.default_language,
            "emergency": [s for s in self.site.services if s.emergency],
            "home": f"/{self.lang}/",
            "safety_path": f"/{self.lang}/{campaign.safety_page}/" if campaign.safety_page in self.pages else None,
            "neutral": False,
            "safety_links": [],
            "main_line": None,
            "current_language": self.names[self.lang],
            # /static/ is cached for a year (hosting.py): pages link it by a fingerprint of what makes it, the theme
            # (its static files included) and the campaign (site.css has its colours).
            "asset_version": hashlib.sha256(f"{self.job.fingerprint}|{campaign!r}".encode()).hexdigest()[:12],
        }

    def context(self, output: Output) -> dict[str, Any]:
        """Everything the output's template sees. The menu is made here, only for what is rendered: the key
        has the menu's links (in the language's part) and the page's address (in its own part) instead."""
        return self.shared | output.own | {"menu": self.menu(output.own["page"])}

    def key(self, fingerprint: str, output: Output) -> str:
        """The cache key of the output: a hash of everything its template sees, and of the theme and code."""
        own = ", ".join(f"{name}: {self.described(name, value)}" for name, value in output.own.items())
        return hashlib.sha256(f"{fingerprint}|{self.digest}|{output.template}|{own}".encode()).hexdigest()[:40]

    def described(self, name: str, value: Any) -> str:
        return self.descriptions[id(value)] if name == "main_line" else repr(value)

    def main_line(self, regions: tuple[str, ...] | None) -> Service | None:
        """The page's main help line: found, and described for the key, once per set of regions."""
        if regions not in self.main_lines:
            line = self.main_lines[regions] = self.site.main_help_line(regions)
            self.descriptions[id(line)] = repr(line)
        return self.main_lines[regions]

    def own(self, page: PlannedPage) -> dict[str, Any]:
        """What a page shows besides what every page of the language shows."""
        versions = self.job.plan.versions(page.key)
        landing = page.key.startswith("landing:")
        own = {
            "page": page,
            "canonical": f"/{self.lang}/help/" if landing else page.path,
            "alternates": [] if landing else alternates(versions, self.site.campaign.default_language, page.key),
            "switcher": self.switcher(page, versions),
            "main_line": self.main_line(page.regions),
        }
        if page.template == "home":
            own["cards"] = list(self.cards.values())
        elif page.template == "card":
            own["card"] = self.cards[page.item]
            order = list(self.cards)
            index = order.index(page.item)
            following = self.cards[order[(index + 1) % len(order)]]
            # Only what the link shows: an edit to the next card's text must not re-render this page.
            own["next_card"] = ({"id": following.id, "title": in_its_language(following, following.promise.title)}
                                if len(order) > 1 else None)
        elif page.template == "page":
            own["content"] = self.pages[page.item]
        elif page.template in ("help", "landing"):
            own["groups"] = self.groups
        return own

    def outputs(self) -> Iterator[Output]:
        """Every file this language writes."""
        if self.job.pages:
            for page in self.job.plan.language(self.lang):
                yield Output(page.file, f"{page.template}.html", self.own(page))
        if self.job.shared:
            yield from self.shared_outputs()

    def shared_outputs(self) -> Iterator[Output]:
        """The language-neutral files, written with the first language."""
        plan, campaign = self.job.plan, self.site.campaign
        # The sitemap's addresses are absolute: made here, thousands at a time, not by the template's absolute().
        sitemap = [(campaign.absolute(p.path), [(lang, campaign.absolute(path)) for lang, path in
                                                alternates(plan.versions(p.key), campaign.default_language, p.key)])
                   for p in plan.in_sitemap()]
        safety = plan.versions(f"page:{campaign.safety_page}")
        safety_links = [(lang, safety[lang].path) for lang in campaign.languages if lang in safety]
        for name, template in SHARED_FILES:
            page = PlannedPage("root", self.lang, "/" + name.removesuffix("index.html"), template)
            yield Output(name, template, {
                "page": page, "alternates": [], "switcher": [], "canonical": page.path,
                "languages": campaign.languages, "sitemap": sitemap, "colours": campaign.colours,
                "font_rules": Markup(font_rules(campaign.languages)),  # the style sheet's stack per script
                # No language chosen yet: the quick exit, skip links and emergency numbers speak every language.
                "neutral": True, "safety_links": safety_links})

    def menu(self, page: PlannedPage) -> Markup:
        """The menu's content pages, the current one marked for screen readers."""
        link = Markup('<a href="{}">').format(self.prefix + page.path)
        current = Markup('<a href="{}" aria-current="page">').format(self.prefix + page.path)
        return Markup(self.menu_links.replace(link, current, 1))

    def switcher(self, page: PlannedPage, versions: dict[str, PlannedPage]) -> list[LanguageLink]:
        """Every language; the same page where it exists, else that language's home page."""
        links = []
        for lang in self.site.campaign.languages:
            if page.key.startswith("landing:"):
                path = f"/{lang}/help/" if lang != self.lang else page.path
            else:
                target = versions.get(lang) if page.key != "404" else None
                path = target.path if target else f"/{lang}/"
            links.append(LanguageLink(lang, self.names[lang], path, lang == self.lang))
        return links


def alternates(versions: dict[str, PlannedPage], default: str, key: str) -> list[tuple[str, str]]:
    """(hreflang, path) for every translation plus x-default; none for error pages."""
    if key == "404":
        return []
    pairs = [(lang, page.path) for lang, page in versions.items()]
    fallback = versions.get(default) or next(iter(versions.values()))
    return pairs + [("x-default", fallback.path)]


@dataclass(frozen=True)
class HelpGroup:
    audience: str
    regions: list[tuple[str, list[Service]]]
    count: int


def help_groups(site: Site) -> list[HelpGroup]:
    """Services by audience, then region, in the campaign's order; emergency services apart."""
    groups = []
    for audience in AUDIENCES:
        services = [s for s in site.services if audience in s.audiences and not s.emergency]
        by_region = [(region, [s for s in services if region in s.regions]) for region in site.campaign.regions]
        by_region = [(region, items) for region, items in by_region if items]
        if by_region:
            groups.append(HelpGroup(audience, by_region, len(services)))
    return groups
