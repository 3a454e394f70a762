"""Stage 3: render the planned pages, one Pelican run per language, languages in parallel.

Each language is one job for a worker process: it works out the cache key of each of its files
(views.py), links the unchanged ones from the page cache, and renders the others in one Pelican run,
with pelicanconf.py and per-language overrides. Pelican supplies the theme's Jinja environment and its
settings; the `CampaignGenerator` below (registered through PLUGINS) renders our pages, writes each into
the stage and links it into the page cache, hashed from memory as it is written.
Theme strings come from the language's gettext catalog (strings.py); dates, hours and language names
from Babel.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from jinja2 import FileSystemBytecodeCache, TemplateError, pass_context
from markupsafe import Markup, escape
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.settings import read_settings

from .. import workers
from ..catalogs import EveryLanguage, campaign_catalogs, marked_fallbacks, translations
from ..content.hours import format_range
from ..content.model import Service, Site, text_in
from ..l10n import date_range, direction, isolate_ltr, language_name, language_name_in, locale, long_date
from ..options import PROJECT, Options
from ..publish.cache import Cache
from ..publish.staging import Stage, files_digest
from .plan import Plan
from .policy import CSP, HEADERS
from .strings import PageStrings
from .views import Output, Views

PELICANCONF = PROJECT / "pelicanconf.py"
CODE = Path(__file__).resolve().parent.parent
TEMPLATES_CACHE = "templates"
"""Beside the page cache: the templates compiled by Jinja, kept for the next language and the next build."""


@dataclass(frozen=True)
class RenderJob:
    """One language's files, for a worker."""

    site: Site
    """The campaign, with the cards and pages of this language only (less to send to the worker)."""
    plan: Plan
    lang: str
    shared: bool
    """Also write the language-neutral files: root page, sitemap, robots.txt, style sheet."""
    fingerprint: str
    """The theme's, the catalogs' and the code's: part of every file's cache key."""
    cache: Cache


TemplateProblem = tuple[Path, "int | None", str]
"""(template file, line, what went wrong)."""


@dataclass
class Rendered:
    """What a job did, for the main process: its stage and cache are the worker's copies."""

    placed: set[str] = field(default_factory=set)
    damaged: list[str] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Work:
    """What the generator of one Pelican run renders: the outputs whose cache entry is missing."""

    job: RenderJob
    views: Views
    todo: list[tuple[Output, str]]
    """(output, its cache key)."""
    stage: Stage


def render_site(site: Site, plan: Plan, options: Options, stage: Stage, cache: Cache) -> list[TemplateProblem]:
    """Write every page into `stage`: unchanged pages are linked from the page cache, the others rendered,
    one job per language, languages in parallel. Returns the template problems."""
    fingerprint = theme_fingerprint(options.theme, site.assets)
    forget_templates(options.cache_folder / TEMPLATES_CACHE, fingerprint)
    for asset in sorted(p for p in (options.theme / "static").rglob("*") if p.is_file()):
        data = asset.read_bytes()
        key = f"static-{hashlib.sha256(data).hexdigest()[:40]}"
        stage.place(cache.find(key) or cache.write(key, data), Path("static") / asset.relative_to(options.theme / "static"))
    languages = site.campaign.languages
    jobs = [RenderJob(in_language(site, lang), plan, lang, index == 0, fingerprint, cache)
            for index, lang in enumerate(languages)]
    run = functools.partial(render_language, options=options, stage=stage.root)
    if len(jobs) == 1:
        results = [run(jobs[0])]
    else:
        with workers.pool(len(jobs)) as pool:
            results = pool.map(run, jobs)
    for result in results:
        stage.placed |= result.placed
        cache.damaged += result.damaged
    return [problem for result in results for problem in result.problems]


def in_language(site: Site, lang: str) -> Site:
    return replace(site, cards=tuple(c for c in site.cards if c.lang == lang),
                   pages=tuple(p for p in site.pages if p.lang == lang))


def theme_fingerprint(theme: Path, assets: Path) -> str:
    """Everything besides the content that a page depends on: templates, catalogs (the campaign's too; not the scan
    report's), this code."""
    return files_digest(sorted([*(theme / "templates").rglob("*"), *(theme / "translations").rglob("messages.po"),
                                *campaign_catalogs(assets).values(), PELICANCONF, *CODE.rglob("*.py")]))


def render_language(job: RenderJob, options: Options, stage: Path) -> Rendered:
    """Link the language's unchanged files from the cache; render the others."""
    views, here = Views(job), Stage(stage)
    todo = []
    for output in views.outputs():
        key = views.key(job.fingerprint, output)
        entry = job.cache.find(key)
        if entry is None or not here.place(entry, output.file):
            todo.append((output, key))
    problems = run_pelican(Work(job, views, todo, here), options) if todo else []
    return Rendered(here.placed, job.cache.damaged, problems)


def run_pelican(work: Work, options: Options) -> list[TemplateProblem]:
    settings = read_settings(str(PELICANCONF), override={
        "PATH": str(options.content.resolve()),
        "THEME": str(options.theme.resolve()),
        "OUTPUT_PATH": str(work.stage.root),
        "SITEURL": work.job.site.campaign.base_url.rstrip("/"),
        "DEFAULT_LANG": work.job.lang,
        "THEME_STATIC_PATHS": [],  # copied once by render_site
        "CAMPAIGN_WORK": work,
    })
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                     "bytecode_cache": compiled_templates(options, work.job.fingerprint)}
    logging.getLogger("pelican").setLevel(logging.ERROR)  # this worker's logging only
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's per-run summary is noise here
            Pelican(settings).run()
    except TemplateError as exc:
        return [template_error(exc)]
    return []


def compiled_templates(options: Options, fingerprint: str) -> FileSystemBytecodeCache:
    """Jinja's compiled templates, kept between runs: compiling them again costs each language a tenth of a
    second. Named by the fingerprint (templates, settings, code), so a change compiles them afresh."""
    folder = options.cache_folder / TEMPLATES_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder), f"{fingerprint[:16]}-%s.cache")


def forget_templates(folder: Path, fingerprint: str) -> None:
    """Templates compiled for another fingerprint: never used again."""
    if folder.is_dir():
        for path in folder.iterdir():
            if not path.name.startswith(fingerprint[:16]):
                path.unlink(missing_ok=True)


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
        self.work: Work = self.settings["CAMPAIGN_WORK"]
        self.job = self.work.job
        site = self.job.site
        gettext, ngettext = marked_fallbacks(self.job.lang, translations(Path(self.theme), self.job.lang, site.assets))
        # Pages a reader reaches before choosing a language (`neutral`) say everything in every language.
        self.every = EveryLanguage(Path(self.theme), site.campaign.languages, site.assets)
        PageStrings(gettext, ngettext, self.every).install(self.env)
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
        """Each file rendered as Pelican's writer would, with the same context, written into the stage and
        linked into the cache (hashed from memory, not read back)."""
        for output, key in self.work.todo:
            context = self.context.copy()
            context["localsiteurl"] = context.get("localsiteurl")
            context["output_file"] = output.file
            context.update(self.work.views.context(output))
            data = self.env.get_template(output.template).render(context).encode("utf-8")
            self.job.cache.keep_written(key, self.work.stage.write(output.file, data), data)


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
