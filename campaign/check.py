"""`python build.py check`: everything the build checks, without publishing; and what is left to translate."""
from __future__ import annotations

import sys
from pathlib import Path

from .catalogs import read_catalog, reviewed, theme_completeness
from .content.leftovers import leftovers
from .content.load import Version, translation_status
from .content.model import Site
from .options import Options
from .pipeline import Progress, build, inspect
from .problems import BuildFailed, Problems, report


def matrix(site: Site) -> list[list[str]]:
    """Rows of [what, status per language] for cards, pages and help services."""
    languages = site.campaign.languages
    rows = [["", *languages]]
    for kind, items in (("card", site.cards), ("page", site.pages)):
        files = [Version(item.id, item.lang, item.path) for item in items]
        for item_id, row in translation_status(files, items, languages).items():
            rows.append([f"{kind} {item_id}", *(row[lang] for lang in languages)])
    for service in site.services:
        rows.append([f"service {service.id}", *("present" if lang in service.description else "missing"
                                                for lang in languages)])
    return rows


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)


def theme_summary(site: Site, theme: Path, problems: Problems) -> str:
    """Per language: how much of the theme is translated, and whether a native speaker has reviewed it."""
    parts = []
    for lang in site.campaign.languages:
        count = theme_completeness(theme, lang, problems)
        if count is None:
            parts.append(f"{lang} source language")
            continue
        catalog = read_catalog(theme, lang, problems)
        review = "reviewed" if catalog is not None and reviewed(catalog) else "not reviewed"
        parts.append(f"{lang} {count.share:.0%} ({count.translated}/{count.total}, {review})")
    return "Theme strings translated: " + ", ".join(parts)


def notes(site: Site, options: Options) -> list[str]:
    """What the build left alone without a word, listed once: the files editors and systems leave behind."""
    ignored = [str(path) + ("/" if path.is_dir() else "") for path in leftovers(options.content, site.assets)]
    return ["Not read (files editors and operating systems leave behind): " + ", ".join(ignored)] if ignored else []


def check(options: Options, progress: Progress = lambda stage: None) -> int:
    """Everything the build checks, fitting on print included, without publishing: when this says
    ready, `build.py` succeeds. Then what is left to translate."""
    site, problems = inspect(options)
    if site is not None and not problems.fails(options.strict):
        try:
            problems = build(options, progress, publish=False).problems
        except BuildFailed as exc:
            problems = exc.problems
    report(problems)
    if site is not None:
        print("Translations (present, missing, stale = older than the first language's version):")
        print(table(matrix(site)))
        print(theme_summary(site, options.theme, Problems()))
        for line in notes(site, options):
            print(line)
    failed = problems.fails(options.strict)
    print(f"\n{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)"
          + (": the build would stop." if failed else ": ready to build."), file=sys.stderr)
    return 1 if failed else 0
