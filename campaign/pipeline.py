"""The whole build, top to bottom: load → plan → print → render pages → publish.

`build()` is the command line's build (and `check`'s, which publishes nothing), composed of the steps of a `Run`;
the preview composes the same steps into its parts (preview/parts.py). Every step adds to one `Problems` list;
nothing is published unless the run has no errors (and, under --strict, no warnings). Rendering happens in a
staging folder that replaces `output/` in one atomic step only when everything succeeded.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from .print.products import Printed


def build(options: Options, progress: Progress = lambda stage: None, publish: bool = True) -> Built:
    """Check, render and publish. Raises BuildFailed with every problem found; nothing is published then.
    Without `publish` (`build.py check`) everything is rendered and checked all the same, then thrown away."""
    with running(options, progress, publish) as run:  # first refuses an output the tool did not make
        site = run.load()                                # 1. content → model, theme strings
        prints, plan = run.plan(site)                    # 2. print products, QR targets; 3. every page
        printed = None if options.site_only else run.make_print(site, prints)  # 4. into the cache, output not taken
        with run.destination(site.campaign.slug) as stage:  # 6. published on success, one build at a time
            run.render_pages(site, plan, stage)          # 5. a Pelican run per language
            if printed is not None:
                run.place(printed, stage)
            elif publish and previous_campaign(options.output) == site.campaign.slug:
                run.keep_published(stage, print_part=True)  # --site-only: pages point og:image at the last ones
            run.stop_on_problems()                       # errors; under --strict, a poster not printed too
    return run.built(site, plan, prints, printed)


@dataclass(frozen=True)
class Built:
    """What a build published (or, for `check`, would have), for the command to report and the preview to show."""

    site: Site
    plan: Plan
    prints: PrintPlan
    problems: Problems
    seconds: float
    printed: Printed | None = None
    """The print products this build placed in the output (none with --site-only, or in the preview's pages part)."""


@contextmanager
def running(options: Options, progress: Progress = lambda stage: None, publish: bool = True) -> Iterator[Run]:
    """One build, to compose of the `Run`'s steps: a problem with the output or the disk ends it with BuildFailed
    (the output untouched), and once it succeeded the team is told what it tidied (damaged cache entries…).
    Without `publish`, it renders into a scratch folder, thrown away."""
    run = Run(options, progress, publish)
    try:
        if publish:
            refuse_unsafe_output(options.output, options.kept_safe())  # never replace what we did not make
        yield run
    except (OutputRefused, OutputBusy) as exc:
        run.problems.error(options.output, None, "--output", str(exc))
        raise BuildFailed(run.problems) from None
    except OSError as exc:
        for cache in run.caches.values():
            cache.sweep()  # this build's unfinished files
        run.problems.error(*os_error(exc, options.output, options.cache_folder))
        raise BuildFailed(run.problems) from None
    finally:
        run.helpers.close()
    run.tidy()


@dataclass
class Run:
    """What the steps of one build share: its problems, the caches it renders into, the website's workers."""

    options: Options
    progress: Progress
    publish: bool
    problems: Problems = field(default_factory=Problems)
    notices: list[Notice] = field(default_factory=list)
    """Reported once the build succeeded, as notes: worth knowing, never a reason to stop."""
    caches: dict[str, Cache] = field(default_factory=dict)
    """The "pages" and "print" caches, opened by `plan`."""
    helpers: WebsiteWorkers = field(default_factory=WebsiteWorkers)
    """Worker processes that parse the content, then render the pages: started if needed."""
    started: float = field(default_factory=time.perf_counter)

    def load(self) -> Site:
        """The content read into the model and checked, with the theme strings; BuildFailed on an error."""
        self.progress("checking the content")
        site = load(self.options, self.problems, self.helpers)
        if site is None or self.problems.fails():
            raise BuildFailed(self.problems)
        return site

    def reuse(self, loaded: Site) -> Site:
        """The content as an earlier run loaded and checked it (the preview's pages part of the same save)."""
        self.problems.strict = self.options.strict or loaded.campaign.strict
        return loaded

    def plan(self, site: Site) -> tuple[PrintPlan, Plan]:
        """The print products and their QR targets, then every page and its translations; the caches that keep
        what is rendered are opened here, before anything is."""
        prints = plan_print(site, sharing_languages(self.options, site))
        plan = plan_site(site, prints)
        self.caches = {name: Cache(self.options.cache_folder / name) for name in ("pages", "print")}
        return prints, plan

    def make_print(self, site: Site, prints: PrintPlan, warm: Pool | None = None, turn: Turn | None = None,
                   shown: dict[str, str] | None = None) -> Printed:
        """Render the print products not in the cache yet, before taking the output (so a preview's pages go on
        meanwhile). The preview's arguments are print_products'."""
        from .print.products import print_products  # the print code: not loaded without print

        self.problems.notes.extend(scan_notes(site, prints))  # from how far each code scans
        printed = print_products(site, prints, self.caches["print"], self.options.theme, self.progress, warm, turn,
                                 shown)
        self.problems.items.extend(printed.problems)
        self.problems.notes.extend(printed.notes)
        return printed

    @contextmanager
    def destination(self, slug: str) -> Iterator[Stage]:
        """The folder to build into: swapped into the output when the block succeeds, one build at a time
        (publish); or a scratch folder beside the cache, thrown away (check)."""
        options = self.options
        if not self.publish:
            with scratch(options.cache_folder) as stage:
                yield stage
            return
        with one_build_at_a_time(options.output, options.wait, self.progress), \
                staging(options.output, slug, self.notices.append) as stage:
            yield stage
            self.notices += changed_campaign(options.output, slug)
            self.progress(f"publishing {options.output}/")

    def render_pages(self, site: Site, plan: Plan, stage: Stage) -> None:
        self.progress(f"writing {len(plan.pages)} pages in {len(site.campaign.languages)} languages")
        for path, line, message in render_site(site, plan, self.options, stage, self.caches["pages"], self.helpers):
            self.problems.error(path, line, "template", message)

    def place(self, printed: Printed, stage: Stage) -> None:
        printed.place(stage)

    def keep_published(self, stage: Stage, print_part: bool) -> None:
        """Keep one part of the published output as it is: the print products (print/, og/), or the rest."""
        stage.carry(self.options.output.resolve(), print_part)

    def stop_on_problems(self) -> None:
        if self.problems.fails():
            raise BuildFailed(self.problems)

    def tidy(self) -> None:
        """Once the build succeeded: the damaged cache entries it dropped become notes, and the unfinished files
        of builds that were killed are removed."""
        for cache in self.caches.values():
            self.notices += [(path, f"{reason}: dropped this damaged cache entry and rendered it again")
                             for path, reason in cache.damaged]
            cache.sweep()
        for path, message in self.notices:
            self.problems.note(path, None, "", message)

    def built(self, site: Site, plan: Plan, prints: PrintPlan, printed: Printed | None = None) -> Built:
        return Built(site, plan, prints, self.problems, time.perf_counter() - self.started, printed)


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


def sharing_languages(options: Options, site: Site) -> tuple[str, ...]:
    """The languages whose theme strings can label a card's sharing image; the others share the main language's."""
    return tuple(lang for lang in site.campaign.languages if speaks(options.theme, site.assets, lang, SHARING_STRINGS))


Notice = tuple[Path, str]
"""(path, what happened): a note for the team once the build is done."""


def changed_campaign(output: Path, slug: str) -> list[Notice]:
    before = previous_campaign(output)
    if before is None or before == slug:
        return []
    return [(output, f"held the campaign \"{before}\" until now; it now holds \"{slug}\"")]
