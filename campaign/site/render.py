"""Stage 3: render the planned pages, one Pelican run per language, languages in parallel.

Each run gets pelicanconf.py with per-language overrides and a `RenderJob` saying what to
write. Pelican supplies the theme's Jinja environment, the writer and the copying of theme
assets; the `CampaignGenerator` below (registered through PLUGINS) writes our pages.
Theme strings come from the language's gettext catalog; dates, hours and language names
from Babel.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from jinja2 import TemplateError, pass_context
from markupsafe import Markup, escape
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.settings import read_settings

from .. import workers
from ..catalogs import EveryLanguage, campaign_catalogs, marked_fallbacks, translations
from ..content.hours import format_range
from ..content.model import AUDIENCES, Service, Site, text_in
from ..l10n import date_range, direction, isolate_ltr, language_name, language_name_in, locale, long_date
from ..options import PROJECT, Options
from ..publish.cache import Cache
from ..publish.staging import Stage, files_digest
from .plan import Plan, PlannedPage
from .policy import CSP, HEADERS

PELICANCONF = PROJECT / "pelicanconf.py"
CODE = Path(__file__).resolve().parent.parent

@dataclass(frozen=True)
class RenderJob:
    site: Site
    plan: Plan
    lang: str
    shared: bool
    """Also write the language-neutral files: root page, sitemap, robots.txt, style sheet."""
    todo: dict[str, str] = field(default_factory=dict)
    """The files to render (relative to the output) and the cache key each is kept under."""
    cache: Cache | None = None


TemplateProblem = tuple[Path, "int | None", str]
"""(template file, line, what went wrong)."""


def render_site(site: Site, plan: Plan, options: Options, stage: Stage, cache: Cache) -> list[TemplateProblem]:
    """Write every page into `stage`: unchanged pages are linked from the page cache, the others rendered
    by one Pelican run per language that has any, in parallel. Returns the template problems."""
    fingerprint = theme_fingerprint(options.theme, site.assets)
    jobs = []
    for index, lang in enumerate(site.campaign.languages):
        job = RenderJob(site, plan, lang, shared=index == 0)
        views = Views(job)
        todo = {}
        for file, template, context in views.outputs():
            # The menu is the same long list on every page: its digest stands in for it (the page is in the key).
            inputs = repr({name: value for name, value in context.items() if name != "menu"})
            key = hashlib.sha256(f"{fingerprint}|{views.menu_digest}|{template}|{inputs}".encode()).hexdigest()[:40]
            entry = cache.find(key)
            if entry is None or not stage.place(entry, file):
                todo[file] = key
                stage.expect(file)
        if todo:
            jobs.append(replace(job, todo=todo, cache=cache))
    for asset in sorted(p for p in (options.theme / "static").rglob("*") if p.is_file()):
        data = asset.read_bytes()
        key = f"static-{hashlib.sha256(data).hexdigest()[:40]}"
        stage.place(cache.find(key) or cache.write(key, data), Path("static") / asset.relative_to(options.theme / "static"))
    if len(jobs) <= 1:
        return [error for job in jobs for error in render_language(job, options, stage.root)]
    with workers.pool(len(jobs)) as pool:
        results = pool.map(functools.partial(render_language, options=options, stage=stage.root), jobs)
        return [error for errors in results for error in errors]


def theme_fingerprint(theme: Path, assets: Path) -> str:
    """Everything besides the content that a page depends on: templates, catalogs (the campaign's too; not the scan
    report's), this code."""
    return files_digest(sorted([*(theme / "templates").rglob("*"), *(theme / "translations").rglob("messages.po"),
                                *campaign_catalogs(assets).values(), PELICANCONF, *CODE.rglob("*.py")]))


def render_language(job: RenderJob, options: Options, stage: Path) -> list[TemplateProblem]:
    settings = read_settings(str(PELICANCONF), override={
        "PATH": str(options.content.resolve()),
        "THEME": str(options.theme.resolve()),
        "OUTPUT_PATH": str(stage),
        "SITEURL": job.site.campaign.base_url.rstrip("/"),
        "DEFAULT_LANG": job.lang,
        "THEME_STATIC_PATHS": [],  # copied once by render_site
        "CAMPAIGN_JOB": job,
    })
    logging.getLogger("pelican").setLevel(logging.ERROR)  # this worker's logging only
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's per-run summary is noise here
            Pelican(settings).run()
    except TemplateError as exc:
        return [template_error(exc)]
    return []


def template_error(exc: TemplateError) -> TemplateProblem:
    """Where in the theme a template failed, from Jinja's error or its rewritten traceback."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):
        return Path(exc.filename), exc.lineno, exc.message or str(exc)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if "templates" in Path(frame.filename).parts:
            return Path(frame.filename), frame.lineno, exc.message or str(exc)
    return Path("theme/templates"), None, exc.message or str(exc)


# --- the Pelican generator --------------------------------------------------------------

def register() -> None:
    signals.get_generators.connect(campaign_generator)


def campaign_generator(_pelican: Pelican) -> type[Generator]:
    return CampaignGenerator


class CampaignGenerator(Generator):
    """Writes the planned pages of one language (and, once, the shared files)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job: RenderJob = self.settings["CAMPAIGN_JOB"]
        site = self.job.site
        gettext, ngettext = marked_fallbacks(self.job.lang, translations(Path(self.theme), self.job.lang, site.assets))
        # Pages a reader reaches before choosing a language (`neutral`) say everything in every language.
        self.every = EveryLanguage(Path(self.theme), site.campaign.languages, site.assets)

        @pass_context
        def page_gettext(context: Any, message: str) -> str:
            return self.every.gettext(message) if context.get("neutral") else gettext(message)

        @pass_context
        def page_ngettext(context: Any, singular: str, plural: str, count: int) -> str:
            if context.get("neutral"):
                return self.every.ngettext(singular, plural, count)
            return ngettext(singular, plural, count)

        self.env.install_gettext_callables(page_gettext, page_ngettext, newstyle=True)
        self.env.filters.update(local=local, plain=plain, hours=hours, host=host, direction=direction, isolate=isolate_ltr,
                                language_in=language_in, number=number, date_range=date_range_filter,
                                long_date=long_date_filter, digits=digits, everywhere=self.everywhere)
        self.env.globals.update(url=self.url, absolute=self.absolute, language_name=language_name,
                                in_language=self.every.in_language, csp=CSP, headers=HEADERS)

    def everywhere(self, texts: dict[str, str]) -> Markup:
        """A campaign text in each language it is written in, the same text once (for language-neutral pages)."""
        seen: dict[str, str] = {}
        for lang in self.job.site.campaign.languages:
            if lang in texts:
                seen.setdefault(texts[lang], lang)
        return self.every.join([(lang, text) for text, lang in seen.items()])

    def url(self, path: str) -> str:
        return self.job.site.campaign.url_prefix + path

    def absolute(self, path: str) -> str:
        return self.job.site.campaign.base_url.rstrip("/") + path

    def generate_output(self, writer: Any) -> None:
        views = Views(self.job)
        for file, template, context in views.outputs():
            if file in self.job.todo:
                writer.write_file(file, self.env.get_template(template), self.context, **context)
                self.job.cache.keep(self.job.todo[file], Path(self.output_path) / file)


# --- what each template sees ------------------------------------------------------------

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
            Markup('<li><a href="{}">{}</a></li>\n').format(self.prefix + p.path, self.pages[p.item].title)
            for p in job.plan.language(job.lang) if p.template == "page")
        self.menu_digest = hashlib.sha256(self.menu_links.encode()).hexdigest()
        self.emergency = [s for s in self.site.services if s.emergency]
        self.names = {lang: language_name(lang) for lang in self.site.campaign.languages}

    def common(self) -> dict[str, Any]:
        campaign = self.site.campaign
        return {
            "lang": self.lang,
            "dir": direction(self.lang),
            "campaign": campaign,
            "default_lang": campaign.default_language,
            "emergency": self.emergency,
            "home": f"/{self.lang}/",
            "safety_path": f"/{self.lang}/{campaign.safety_page}/" if campaign.safety_page in self.pages else None,
            "neutral": False,
            "safety_links": [],
            "main_line": None,
            "current_language": self.names[self.lang],
        }

    def context(self, page: PlannedPage) -> dict[str, Any]:
        versions = self.job.plan.versions(page.key)
        landing = page.key.startswith("landing:")
        context = self.common() | {
            "page": page,
            "menu": self.menu(page),
            "canonical": f"/{self.lang}/help/" if landing else page.path,
            "alternates": [] if landing else alternates(versions, self.site.campaign.default_language, page.key),
            "switcher": self.switcher(page, versions),
            "main_line": self.site.main_help_line(page.regions),
        }
        if page.template == "home":
            context["cards"] = list(self.cards.values())
        elif page.template == "card":
            context["card"] = self.cards[page.item]
            order = list(self.cards)
            index = order.index(page.item)
            following = self.cards[order[(index + 1) % len(order)]]
            # Only what the link shows: an edit to the next card's text must not re-render this page.
            context["next_card"] = {"id": following.id, "title": following.promise.title} if len(order) > 1 else None
        elif page.template == "page":
            context["content"] = self.pages[page.item]
        elif page.template in ("help", "landing"):
            context["groups"] = help_groups(self.site)
        return context

    def outputs(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(file, template, context) of every file this language writes."""
        for page in self.job.plan.language(self.lang):
            yield page.file, f"{page.template}.html", self.context(page)
        if self.job.shared:
            yield from self.shared_outputs()

    def shared_outputs(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """The language-neutral files, written with the first language."""
        plan, campaign = self.job.plan, self.site.campaign
        sitemap = [(p.path, alternates(plan.versions(p.key), campaign.default_language, p.key)) for p in plan.in_sitemap()]
        safety = plan.versions(f"page:{campaign.safety_page}")
        safety_links = [(lang, safety[lang].path) for lang in campaign.languages if lang in safety]
        for name, template in (("index.html", "root.html"), ("404.html", "root_404.html"),
                               ("sitemap.xml", "sitemap.xml"), ("robots.txt", "robots.txt"),
                               ("static/site.css", "site.css"), ("_headers", "_headers"), ("nginx.conf", "nginx.conf"),
                               ("nginx-http.conf", "nginx-http.conf")):
            page = PlannedPage("root", self.lang, "/" + name.removesuffix("index.html"), template)
            yield name, template, self.common() | {
                "page": page, "alternates": [], "switcher": [], "canonical": page.path, "menu": self.menu(page),
                "languages": campaign.languages, "sitemap": sitemap, "colours": campaign.colours,
                # No language chosen yet: the quick exit, skip links and emergency numbers speak every language.
                "neutral": True, "safety_links": safety_links}

    def menu(self, page: PlannedPage) -> Markup:
        """The menu's content pages, the current one marked for screen readers."""
        link = Markup('<a href="{}">').format(self.prefix + page.path)
        current = Markup('<a href="{}" aria-current="page">').format(self.prefix + page.path)
        return Markup(self.menu_links.replace(link, current, 1))

    def switcher(self, page: PlannedPage, versions: dict[str, PlannedPage]) -> list[dict[str, Any]]:
        """Every language; the same page where it exists, else that language's home page."""
        links = []
        for lang in self.site.campaign.languages:
            if page.key.startswith("landing:"):
                path = f"/{lang}/help/" if lang != self.lang else page.path
            else:
                target = versions.get(lang) if page.key != "404" else None
                path = target.path if target else f"/{lang}/"
            links.append({"lang": lang, "name": self.names[lang], "path": path, "current": lang == self.lang})
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


# --- filters ----------------------------------------------------------------------------

@pass_context
def local(context: Any, texts: dict[str, str]) -> Markup:
    """The text in the page's language; else the main language's, marked with its own `lang`."""
    lang, default = context["lang"], context["default_lang"]
    if lang in texts:
        return escape(texts[lang])
    fallback = default if default in texts else next(iter(texts), None)
    if fallback is None:
        return Markup("")
    return Markup('<span lang="{}">{}</span>').format(fallback, texts[fallback])


@pass_context
def plain(context: Any, texts: dict[str, str]) -> str:
    """The text in the page's language, else the main language's, as plain text (for titles, attributes)."""
    return text_in(texts, context["lang"], context["default_lang"])


def host(url: str) -> str:
    """'pag-asa.be' for https://www.pag-asa.be/: short, readable, and easy to check."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


@pass_context
def language_in(context: Any, code: str) -> str:
    return language_name_in(code, context["lang"])


@pass_context
def number(context: Any, value: int) -> str:
    """Digits as the language writes them (Babel/CLDR), e.g. for counts in plural strings."""
    return format_decimal(value, locale=locale(context["lang"]))


def digits(number: str) -> str:
    """A phone number as a screen reader should say it: digit by digit ("1 1 6 0 0 0", not "116 000" read as
    an amount), keeping a leading +."""
    spoken = " ".join(ch for ch in number if ch.isdigit())
    return "+ " + spoken if number.lstrip().startswith("+") else spoken


@pass_context
def hours(context: Any, service: Service) -> list[tuple[str, str]]:
    if service.hours is None or service.hours.always:
        return []
    return [format_range(r, context["lang"]) for r in service.hours.ranges]


@pass_context
def date_range_filter(context: Any, campaign: Any) -> str:
    return date_range(campaign.start, campaign.end, context["lang"])


@pass_context
def long_date_filter(context: Any, day: Any) -> str:
    return long_date(day, context["lang"])
