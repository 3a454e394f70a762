"""The preview's builds, composed of the pipeline's steps as `build()` is (pipeline.py): a save's pages are published
at once with the print products as they are; its print products follow, from the content the pages were made of,
with the pages as they are. The first build publishes both at once. builds.py decides when each runs.
"""
from __future__ import annotations

from multiprocessing.pool import Pool

from ..content.model import Site
from ..options import Options
from ..pipeline import Built, running
from ..workers import Turn


def everything(options: Options, warm: Pool | None) -> Built:
    """The pages and the print products in one publish, the print made by the `warm` workers (as `build()` does,
    but for --site-only: the preview then builds its pages part alone)."""
    with running(options) as run:
        site = run.load()
        prints, plan = run.plan(site)
        printed = run.make_print(site, prints, warm)
        with run.destination(site.campaign.slug) as stage:
            run.render_pages(site, plan, stage)
            run.place(printed, stage)
            run.stop_on_problems()
    return run.built(site, plan, prints, printed)


def pages(options: Options) -> Built:
    """A save's pages, published with the print products (print/, og/) kept as they are."""
    with running(options) as run:
        site = run.load()
        prints, plan = run.plan(site)
        with run.destination(site.campaign.slug) as stage:
            run.render_pages(site, plan, stage)
            run.keep_published(stage, print_part=True)
            run.stop_on_problems()
    return run.built(site, plan, prints)


def printed(options: Options, loaded: Site, warm: Pool | None, turn: Turn,
            shown: dict[str, str] | None = None) -> Built:
    """A save's print products, from the content its pages part `loaded`, published with the pages kept as they
    are. A newer save than `turn` stops it (Superseded), nothing published; `shown` is print_products': with it
    the posters come first."""
    with running(options) as run:
        site = run.reuse(loaded)
        prints, plan = run.plan(site)
        made = run.make_print(site, prints, warm, turn, shown)
        with run.destination(site.campaign.slug) as stage:
            turn.check()  # a newer save's pages are already out: these products would show an older text
            run.place(made, stage)
            run.keep_published(stage, print_part=False)
            run.stop_on_problems()
    return run.built(site, plan, prints, made)
