"""`python build.py check`: everything the build checks, without publishing; and what is left to translate."""
from __future__ import annotations

import sys

from .content.leftovers import leftovers
from .content.load import Version, translation_status
from .content.model import Service, Site
from .options import Options
from .pipeline import Progress, build, inspect
from .problems import BuildFailed, Problems, report, strict_reason
from .theme_strings import shown, summary
from .translators.record import recorded_languages, stale_units


def matrix(site: Site) -> list[list[str]]:
    """Rows of [what, status per language] for cards, pages and help services."""
    languages = site.campaign.languages
    stale = {(lang, stale_key(unit.id)) for lang in recorded_languages(site) for unit in stale_units(site, lang)}
    rows = [["", *languages]]
    for kind, items in (("card", site.cards), ("page", site.pages)):
        files = [Version(item.id, item.lang, item.path) for item in items]
        untranslated = {(item.id, item.lang) for item in items if item.written_in}
        for item_id, row in translation_status(files, items, languages).items():
            rows.append([f"{kind} {item_id}", *(cell(row[lang], (item_id, lang) in untranslated,
                                                     (lang, f"{kind}s/{item_id}") in stale) for lang in languages)])
    for service in site.services:
        rows.append([f"service {service.id}", *(cell(service_status(service, lang), False,
                                                     (lang, f"service {service.id}") in stale) for lang in languages)])
    return rows


def cell(status: str, placeholder: bool, stale: bool) -> str:
    """What the matrix says of one version: a placeholder is to translate; a present one made from an older text is stale."""
    if placeholder:
        return "to translate"
    return "stale" if stale and status == "present" else status


def stale_key(unit_id: str) -> str:
    """The matrix row a unit belongs to: `cards/x#promise.1` → card x, `services.yml#pag-asa.name` → service pag-asa."""
    where, _, name = unit_id.partition("#")
    if where == "services.yml":
        return f"service {name.split('.')[0]}"
    return where


def service_status(service: Service, lang: str) -> str:
    """Present when every text given per language has one in `lang`: the name, the description, the labels."""
    texts = [service.name, service.description, *(phone.label for phone in service.phones if phone.label)]
    return "present" if all(lang in text for text in texts) else "missing"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)


def theme_table(site: Site, options: Options) -> str:
    """Per language: the catalogs its theme strings come from, how much they translate, whether they are reviewed."""
    return table(summary(options.theme, site.assets, site.campaign.languages, site.print_languages))


def notes(site: Site, options: Options) -> list[str]:
    """What the build did without a word, listed once: files it left alone, numbers it wrote as services.yml does."""
    lines = []
    ignored = [shown(path) + ("/" if path.is_dir() else "") for path in leftovers(options.content, site.assets)]
    if ignored:
        lines.append("Not read (files editors and operating systems leave behind): " + ", ".join(ignored))
    for number in site.respelled:
        where = f"{shown(number.path)}:{number.line}" if number.line else shown(number.path)
        lines.append(f"{where}: {number.written} is shown as services.yml writes it, {number.shown}")
    return lines


def counts(problems: Problems, cli_strict: bool) -> str:
    """'2 error(s), 3 warning(s)'; under strict the warnings are said to stop the build too."""
    if problems.strict and problems.warnings:
        return (f"{len(problems.errors)} error(s) and {len(problems.warnings)} warning(s), which stop the build too "
                f"under {strict_reason(cli_strict)}")
    return f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)"


def check(options: Options, progress: Progress = lambda stage: None) -> int:
    """Everything the build checks, fitting on print included, without publishing: when this says
    ready, `build.py` succeeds. Then what is left to translate."""
    try:  # the content read once, as a build reads it (its workers start parsing at once)
        built = build(options, progress, publish=False)
        site, problems = built.site, built.problems
    except BuildFailed as exc:  # the content again, for the tables below: only when something is wrong
        site, problems = inspect(options)[0], exc.problems
    report(problems)
    if site is not None:
        print("Translations (present, missing, stale = made from an older text of the first language, or dated before "
              "it, to translate = the English starter text or a copy of another language's version):")
        print(table(matrix(site)))
        print("Theme strings (buttons, headings and poster labels), by language:")
        print(theme_table(site, options))
        for line in notes(site, options):
            print(line)
    failed = problems.fails(options.strict)
    print(f"\n{counts(problems, options.strict)}" + (": the build would stop." if failed else ": ready to build."),
          file=sys.stderr)
    return 1 if failed else 0
