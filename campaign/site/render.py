"""Stage 3: render the planned pages, one Pelican run per language, languages in parallel.

Each language is one job for a worker process: it works out the cache key of each of its files
(views.py), links the unchanged ones from the page cache, and renders the others in one Pelican run
(generator.py). A build with nothing to render never loads Pelican.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..catalogs import campaign_catalogs
from ..content.model import Site
from ..content.regular import read_regular, special
from ..content.sources import outside
from ..options import Options, tool_code
from ..publish.cache import Cache, Damage
from ..publish.staging import Stage, files_digest
from ..website_workers import WebsiteWorkers
from .jobs import PELICANCONF, TEMPLATES_CACHE, RenderJob, TemplateProblem
from .plan import Plan
from .views import Views

IN_WORKERS = 200
"""From this many pages on, languages are rendered in the workers, in parallel; a smaller site is rendered here, one
language after the other: sending each worker its language costs more than the second core saves (a preview's save,
which renders a page or two, takes half the time)."""
ROOT_ASSETS = ("favicon.ico",)
"""Theme static files also placed at the site's root, where browsers ask for them whatever a page says."""


@dataclass
class Rendered:
    """What a job did, for the main process: its stage and cache are the worker's copies."""

    placed: set[str] = field(default_factory=set)
    damaged: list[Damage] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)


def render_site(site: Site, plan: Plan, options: Options, stage: Stage, cache: Cache,
                helpers: WebsiteWorkers | None = None) -> list[TemplateProblem]:
    """Write every page into `stage`: unchanged pages are linked from the page cache, the others rendered,
    one job per language, languages in parallel (by `helpers`, the build's worker processes, or workers of
    its own). Returns the template problems."""
    # Pages link /static/ by a fingerprint (`?v=`): its files are part of what every page depends on.
    assets, refused = theme_static(options.theme)
    statics = place_static(options.theme, assets, stage, cache)
    fingerprint = hashlib.sha256(f"{theme_fingerprint(options.theme, site.assets)}|{statics}".encode()).hexdigest()
    forget_templates(options.cache_folder / TEMPLATES_CACHE, fingerprint)
    jobs = render_jobs(site, plan, fingerprint, cache)
    run = functools.partial(render_language, options=options, stage=stage.root)
    if len(jobs) == 1 or len(plan.pages) < IN_WORKERS:
        results = [run(job) for job in jobs]
    elif helpers is not None:
        results = helpers.render(run, jobs)
    else:
        with WebsiteWorkers() as own:
            results = own.render(run, jobs)
    for result in results:
        stage.placed |= result.placed
        cache.merge(result.damaged)
    return [*refused, *(problem for result in results for problem in result.problems)]


def theme_static(theme: Path) -> tuple[list[Path], list[TemplateProblem]]:
    """The theme's static files, to publish; a link leading out of the theme (it would publish whatever it points
    to, /etc/hostname or a key) and anything that is not a regular file are refused, never opened."""
    files, refused = [], []
    for path in sorted((theme / "static").rglob("*")):
        if outside(path, theme):
            refused.append((path, None, "is a link to a file outside the theme, which the build does not publish: "
                                        "copy the file itself into the theme"))
        elif what := special(path):
            if what != "a folder":
                refused.append((path, None, f"is {what}, not a file: the build publishes only regular files"))
        else:
            files.append(path)
    return files, refused


def place_static(theme: Path, assets: list[Path], stage: Stage, cache: Cache) -> str:
    """The theme's static files (`assets`, from theme_static) into /static/ (the favicon at the root too), through
    the cache; their digest."""
    keys = []
    for asset in assets:
        data = read_regular(asset)
        key = f"static-{hashlib.sha256(data).hexdigest()[:40]}"
        entry, relative = cache.find(key) or cache.write(key, data), asset.relative_to(theme / "static")
        stage.place(entry, Path("static") / relative)
        if relative.as_posix() in ROOT_ASSETS:
            stage.place(entry, relative)
        keys.append(f"{relative.as_posix()}:{key}")
    return hashlib.sha256("|".join(keys).encode()).hexdigest()


def render_jobs(site: Site, plan: Plan, fingerprint: str, cache: Cache) -> list[RenderJob]:
    """One job per language; the language-neutral files are one more, last, when there are several languages:
    with the first language's pages they would keep its worker busy after the other's has finished."""
    languages = site.campaign.languages
    jobs = [RenderJob(in_language(site, lang), plan, lang, True, len(languages) == 1, fingerprint, cache)
            for lang in languages]
    if len(languages) > 1:
        jobs.append(replace(jobs[0], pages=False, shared=True))
    return jobs


def in_language(site: Site, lang: str) -> Site:
    return replace(site, cards=tuple(c for c in site.cards if c.lang == lang),
                   pages=tuple(p for p in site.pages if p.lang == lang))


def theme_fingerprint(theme: Path, assets: Path) -> str:
    """Everything besides the content that a page depends on: templates, catalogs (the campaign's too; not the scan
    report's), this code."""
    return files_digest(sorted([*(theme / "templates").rglob("*"), *(theme / "translations").rglob("messages.po"),
                                *campaign_catalogs(assets).values(), PELICANCONF, *tool_code()]))


def render_language(job: RenderJob, options: Options, stage: Path) -> Rendered:
    """Link the language's unchanged files from the cache; render the others."""
    views, here = Views(job), Stage(stage)
    todo = []
    for output in views.outputs():
        key = views.key(job.fingerprint, output)
        entry = job.cache.find(key)
        if entry is None or not here.place(entry, output.file):
            todo.append((output, key))
    problems = []
    if todo:
        from .generator import Work, run_pelican  # Pelican, Jinja and docutils load only where something is rendered
        problems = run_pelican(Work(job, views, todo, here), options)
    return Rendered(here.placed, job.cache.damaged, problems)


def forget_templates(folder: Path, fingerprint: str) -> None:
    """Templates compiled for another fingerprint: never used again."""
    if folder.is_dir():
        for path in folder.iterdir():
            if not path.name.startswith(fingerprint[:16]):
                path.unlink(missing_ok=True)
