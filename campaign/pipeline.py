"""The whole build, top to bottom: load → theme strings → plan print → plan pages → render → print → publish.

Every stage adds to one `Problems` list; nothing is published unless the run has no
errors (and, under --strict, no warnings). Rendering happens in a staging folder that
replaces `output/` in one atomic step only when everything succeeded.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalogs import check_catalogs
from .content.load import load_site
from .content.model import Site
from .options import Options
from .output.publish import staging
from .print.posters import PrintPlan, plan_print
from .problems import BuildFailed, Problems
from .site.plan import Plan, plan_site
from .site.render import render_site


@dataclass(frozen=True)
class Built:
    site: Site
    plan: Plan
    prints: PrintPlan
    problems: Problems
    seconds: float


def inspect(options: Options) -> tuple[Site | None, Problems]:
    """Load and check everything the build will publish; None when campaign.yml is unusable."""
    problems = Problems()
    site = load_site(options.content, problems, options.assets, options.cache_folder)  # 1. content → model
    if site is not None:
        check_catalogs(options.theme, site.campaign.languages, problems)         # 2. theme strings
    return site, problems


Progress = Callable[[str], None]
"""Told what the build is doing, a stage at a time (the command line shows it)."""


def build(options: Options, progress: Progress = lambda stage: None) -> Built:
    started = time.perf_counter()
    progress("checking the content")
    site, problems = inspect(options)
    if site is None or problems.fails(options.strict):
        raise BuildFailed(problems)
    prints = plan_print(site)                                                    # 3. print products, QR targets
    plan = plan_site(site, prints)                                               # 4. every page, its translations
    with staging(options.output) as stage:                                       # 7. publish on success only
        progress(f"writing {len(plan.pages)} pages in {len(site.campaign.languages)} languages")
        errors = render_site(site, plan, options, stage)                         # 5. one Pelican run per language
        for path, line, message in errors:
            problems.error(path, line, "template", message)
        if not errors and not options.site_only:                                 # 6. posters, cards, screens
            from .print.products import print_products  # fontTools, Pillow and WeasyPrint load only to print
            for message in print_products(site, prints, stage, options.cache_folder, options.theme, progress):
                problems.error(Path(message.split(": ", 1)[0]), None, "", message.split(": ", 1)[1])
        if problems.errors:
            raise BuildFailed(problems)
        progress(f"publishing {options.output}/")
    return Built(site, plan, prints, problems, time.perf_counter() - started)
