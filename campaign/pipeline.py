"""The whole build, top to bottom: load → plan print → plan pages → print → render pages → publish.

Every stage adds to one `Problems` list; nothing is published unless the run has no
errors (and, under --strict, no warnings). Rendering happens in a staging folder that
replaces `output/` in one atomic step only when everything succeeded.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

from .catalogs import speaks
from .content.load import load_site
from .content.model import Site
from .options import Options
from .translators.record import translation_problems
from .print.posters import SHARING_STRINGS, PrintPlan, plan_print, scan_notes
from .problems import BuildFailed, Problems, os_error
from .progress import Progress
from .publish.cache import Cache
from .publish.guard import OutputBusy, OutputRefused, one_build_at_a_time, previous_campaign, refuse_unsafe_output
from .publish.staging import Stage, scratch, staging
from .site.plan import Plan, plan_site
from .site.render import render_site
from .theme_strings import check_catalogs
from .website_workers import WebsiteWorkers
from .workers import Turn


@dataclass(frozen=True)
class Built:
    site: Site
    plan: Plan
    prints: PrintPlan
    problems: Problems
    seconds: float
    waiting: tuple[str, ...] = ()
    """Print files left as they were published, to be made by the next print part (the contact sheet)."""
    later: tuple[str, ...] = ()
    """Print products left as they were published while the posters came first: the next print part makes them."""
    products: dict[str, str] | None = None
    """The cache key of each print product published (job file → key), when this build placed them."""


def inspect(options: Options) -> tuple[Site | None, Problems]:
    """Load and check everything the build will publish; None when campaign.yml is unusable."""
    problems = Problems()
    return load(options, problems), problems


def load(options: Options, problems: Problems, helpers: WebsiteWorkers | None = None) -> Site | None:
    site = load_site(options.content, problems, options.assets, options.cache_folder, helpers)
    problems.strict = options.strict or (site is not None and site.campaign.strict)
    if site is not None:  # without print products (--site-only), a language with no theme strings only warns
        printed = () if options.site_only else site.print_languages
        check_catalogs(options.theme, site.campaign.languages, problems, site.assets, printed)
        translation_problems(site, problems)  # imported translations gone stale, or not reviewed yet
    return site


def reuse(options: Options, problems: Problems, loaded: Site) -> Site:
    """The content as another part of the same preview save loaded and checked it."""
    problems.strict = options.strict or loaded.campaign.strict
    return loaded


def sharing_languages(options: Options, site: Site) -> tuple[str, ...]:
    """The languages whose theme strings can label a card's sharing image; the others share the main language's."""
    return tuple(lang for lang in site.campaign.languages if speaks(options.theme, site.assets, lang, SHARING_STRINGS))


def build(options: Options, progress: Progress = lambda stage: None, publish: bool = True,
          warm: Pool | None = None, part: str = "all", turn: Turn | None = None, loaded: Site | None = None,
          sheet: bool = True, shown: dict[str, str] | None = None) -> Built:
    """Check, render and publish. Raises BuildFailed with every problem found; nothing is published then.
    Without `publish` (`build.py check`) everything is rendered and checked all the same, then thrown away.
    The preview passes `warm` print workers, and publishes in two parts: `part="pages"` renders the pages
    and keeps the published print products; `part="print"` then renders those and keeps the pages. Its
    `turn` is the save the print part is for: a newer save stops it (Superseded), with nothing published;
    `loaded`, the content as that save's pages part loaded and checked it; without `sheet`, its posters are
    published before the contact sheet is made (Built.waiting); with `shown`, the keys of the print products
    published (Built.products), before the other products too (Built.later)."""
    started = time.perf_counter()
    problems = Problems()
    notices: list[Notice] = []  # reported once the build succeeded, as notes: worth knowing, never a reason to stop
    caches: list[Cache] = []
    helpers = WebsiteWorkers()  # worker processes that parse the content, then render the pages: started if needed
    try:
        if publish:
            refuse_unsafe_output(options.output, options.kept_safe())           # never replace what we did not make
        progress("checking the content")
        site = load(options, problems, helpers) if loaded is None else reuse(options, problems, loaded)  # 1. content
        # → model, theme strings (or the model the pages part of the same preview save made)
        if site is None or problems.fails():
            raise BuildFailed(problems)
        prints = plan_print(site, sharing_languages(options, site))             # 2. print products, QR targets
        plan = plan_site(site, prints)                                           # 3. every page, its translations
        caches = [Cache(options.cache_folder / "pages"), Cache(options.cache_folder / "print")]
        printed = None
        if not options.site_only and part != "pages":                           # 4. posters, cards, screens: into
            from .print.products import print_products  # the cache, before taking the output (the preview's
            problems.notes.extend(scan_notes(site, prints))                      # from how far each code scans
            printed = print_products(site, prints, caches[1], options.theme, progress, warm, turn, sheet,  # pages go on)
                                     shown)
            problems.items.extend(printed.problems)
            problems.notes.extend(printed.notes)
        with destination(options, site.campaign.slug, notices, progress, publish) as stage:  # 6. publish on success
            if turn is not None:
                turn.check()  # a newer save's pages are already out: these products would show an older text
            if part != "print":
                progress(f"writing {len(plan.pages)} pages in {len(site.campaign.languages)} languages")
                for path, line, message in render_site(site, plan, options, stage, caches[0], helpers):  # 5. a Pelican
                    problems.error(path, line, "template", message)                                     # run per language
            if printed is not None:
                printed.place(stage, options.output.resolve())
            if part != "all":
                stage.carry(options.output.resolve(), print_part=part == "pages")
            elif options.site_only and publish and previous_campaign(options.output) == site.campaign.slug:
                stage.carry(options.output.resolve(), print_part=True)  # pages point og:image at them: keep the last
            if problems.fails():  # errors; under --strict, a poster not printed (print/adapt.py) too
                raise BuildFailed(problems)
    except (OutputRefused, OutputBusy) as exc:
        problems.error(options.output, None, "--output", str(exc))
        raise BuildFailed(problems) from None
    except OSError as exc:
        for cache in caches:
            cache.sweep()  # this build's unfinished files
        problems.error(*os_error(exc, options.output, options.cache_folder))
        raise BuildFailed(problems) from None
    finally:
        helpers.close()
    for cache in caches:
        notices += [(path, f"{reason}: dropped this damaged cache entry and rendered it again")
                    for path, reason in cache.damaged]
        cache.sweep()  # unfinished files of builds that were killed
    for path, message in notices:
        problems.note(path, None, "", message)
    if printed is None:
        return Built(site, plan, prints, problems, time.perf_counter() - started)
    return Built(site, plan, prints, problems, time.perf_counter() - started, printed.waiting, printed.later,
                 printed.keys)


Notice = tuple[Path, str]
"""(path, what happened): a note for the team once the build is done."""


@contextmanager
def destination(options: Options, slug: str, notices: list[Notice], progress: Progress, publish: bool) -> Iterator[Stage]:
    """The folder to build into: swapped into the output when the block succeeds, one build at a time
    (publish); or a scratch folder beside the cache, thrown away (check)."""
    if not publish:
        with scratch(options.cache_folder) as stage:
            yield stage
        return
    with one_build_at_a_time(options.output, options.wait, progress), staging(options.output, slug, notices.append) as stage:
        yield stage
        notices += changed_campaign(options.output, slug)
        progress(f"publishing {options.output}/")


def changed_campaign(output: Path, slug: str) -> list[Notice]:
    before = previous_campaign(output)
    if before is None or before == slug:
        return []
    return [(output, f"held the campaign \"{before}\" until now; it now holds \"{slug}\"")]
