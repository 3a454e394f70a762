"""One Pelican run: render a language's pages that the cache lacks.

Pelican reads pelicanconf.py with per-language overrides and supplies the theme's Jinja environment;
the `CampaignGenerator` below (registered through PLUGINS) renders our pages, writes each into the
stage and links it into the page cache, hashed from memory as it is written. Theme strings come from
the language's gettext catalog (strings.py); dates, hours and language names from Babel (filters.py).
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, TemplateError
from markupsafe import Markup
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.log import console
from pelican.settings import read_settings

from ..catalogs import EveryLanguage, marked_fallbacks, translations
from ..l10n import direction, isolate_ltr, language_name
from ..options import Options
from ..publish.staging import Stage
from . import filters
from .hosting import HOSTING
from .policy import CSP, HEADERS
from .jobs import PELICANCONF, TEMPLATES_CACHE, RenderJob, TemplateProblem
from .strings import PageStrings
from .views import Output, Views


@dataclass(frozen=True)
class Work:
    """What the generator of one Pelican run renders: the outputs whose cache entry is missing."""

    job: RenderJob
    views: Views
    todo: list[tuple[Output, str]]
    """(output, its cache key)."""
    stage: Stage


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
    logging.getLogger("pelican").setLevel(logging.ERROR)
    console.quiet = True  # Pelican's per-run summary is noise here (and the preview's other thread may be printing)
    try:
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
        self.env.filters.update(filters.language_filters(), direction=direction, isolate=isolate_ltr,
                                everywhere=self.everywhere)
        self.env.globals.update(url=self.url, absolute=self.absolute, language_name=language_name,
                                in_language=self.every.in_language, csp=CSP, headers=HEADERS, hosting=HOSTING,
                                remembered=self.remembered)
        self.fragments: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = {}

    def remembered(self, name: str, *inputs: Any, caller: Callable[[], str]) -> str:
        """`{% call remembered(name, inputs…) %}…{% endcall %}`: the block rendered on the first page that gives these
        inputs (the same objects: the campaign, a service, the emergency list, True or False), then reused. The
        inputs are kept with it, so that no other object can take their ids meanwhile."""
        key = (name, *map(id, inputs))
        if key not in self.fragments:
            self.fragments[key] = (inputs, caller())
        return self.fragments[key][1]

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
        return self.job.site.campaign.absolute(path)

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
