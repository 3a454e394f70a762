"""`python build.py check`: everything the build checks, without publishing; and what is left to translate."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .catalogs import read_catalog, reviewed, theme_completeness
from .content.load import Version, translation_status
from .content.model import Card, Page, Service, Site
from .content.sources import read_markdown
from .content.starter import STARTER_SOURCE
from .options import Options
from .pipeline import Progress, build, inspect
from .problems import BuildFailed, Problems, report, strict_reason


def matrix(site: Site, theme: Path) -> list[list[str]]:
    """Rows of [what, status per language] for cards, pages and help services."""
    languages = site.campaign.languages
    rows = [["", *languages]]
    for kind, items in (("card", site.cards), ("page", site.pages)):
        files = [Version(item.id, item.lang, item.path) for item in items]
        untranslated = placeholders(items, starter_body(theme, "card" if kind == "card" else "safety"),
                                    site.campaign.default_language)
        for item_id, row in translation_status(files, items, languages).items():
            rows.append([f"{kind} {item_id}", *("to translate" if (item_id, lang) in untranslated else row[lang]
                                                for lang in languages)])
    for service in site.services:
        rows.append([f"service {service.id}", *(service_status(service, lang) for lang in languages)])
    return rows


def service_status(service: Service, lang: str) -> str:
    """Present when every text given per language has one in `lang`: the name, the description, the labels."""
    texts = [service.name, service.description, *(phone.label for phone in service.phones if phone.label)]
    return "present" if all(lang in text for text in texts) else "missing"


def body(path: Path) -> str | None:
    """A card's or page's text without its front matter, its spacing evened out; None if it cannot be read."""
    read = read_markdown(path, Problems(), exact=False)
    return " ".join(read.body.split()) if read else None


def starter_body(theme: Path, kind: str) -> str | None:
    """The English starter text `new` writes, to translate, in a language the theme has no starter text for."""
    path = theme / "starter" / f"{kind}.{STARTER_SOURCE}.md"
    return body(path) if path.is_file() else None


def placeholders(items: Sequence[Card | Page], starter: str | None, main: str) -> set[tuple[str, str]]:
    """(id, language) of the versions that are not translations yet: the English starter text under another
    language's name, or the very text of the main language's version."""
    texts = {(item.id, item.lang): body(item.path) for item in items}
    return {(item_id, lang) for (item_id, lang), text in texts.items() if text and lang != main and (
        (text == starter and lang != STARTER_SOURCE) or text == texts.get((item_id, main)))}


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


def counts(problems: Problems, cli_strict: bool) -> str:
    """'2 error(s), 3 warning(s)'; under strict the warnings are said to stop the build too."""
    if problems.strict and problems.warnings:
        return (f"{len(problems.errors)} error(s) and {len(problems.warnings)} warning(s), which stop the build too "
                f"under {strict_reason(cli_strict)}")
    return f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)"


def check(options: Options, progress: Progress = lambda stage: None) -> int:
    """Everything the build checks, fitting on print included, without publishing: when this says
    ready, `build.py` succeeds. Then what is left to translate."""
    site, problems = inspect(options)
    if site is not None and not problems.fails():
        try:
            problems = build(options, progress, publish=False).problems
        except BuildFailed as exc:
            problems = exc.problems
    report(problems)
    if site is not None:
        print("Translations (present, missing, stale = older than the first language's version, to translate = the "
              "English starter text or a copy of the first language's):")
        print(table(matrix(site, options.theme)))
        print(theme_summary(site, options.theme, Problems()))
    failed = problems.fails(options.strict)
    print(f"\n{counts(problems, options.strict)}" + (": the build would stop." if failed else ": ready to build."),
          file=sys.stderr)
    return 1 if failed else 0
