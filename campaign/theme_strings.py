"""Each campaign language's theme strings: checked, shown by `build.py check`, and started in the campaign's folder.

The same checks hold for the theme's catalogs and the campaign's own (catalogs.py says where they are): a broken
placeholder is an error (the page would crash or lie), a draft no native speaker has reviewed and a string left
untranslated are warnings. A language with no catalog at all shows its pages' buttons and headings in English, a
warning; but its print products could only carry English labels, so for a language something is printed in
(a station's, or one of `print: card_languages`) it is an error.
"""
from __future__ import annotations

import copy
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .catalogs import (
    CAMPAIGN_FOLDER,
    Completeness,
    Sources,
    campaign_catalog_path,
    campaign_catalogs,
    is_source,
    read_catalog_file,
    reviewed,
    sources,
    template_path,
    translated_ids,
)
from .content.campaign_yml import load_campaign
from .content.leftovers import is_leftover
from .content.regular import special
from .content.sources import report_outside
from .problems import Problems
from .tags import babel_locale, tag_problem, unknown_language

REVIEW_HINT = "have them checked, then write `# Reviewed: yes, by <name>, <date>` at the top of this file"


def check_catalogs(theme: Path, languages: tuple[str, ...], problems: Problems, assets: Path | None = None,
                   printed: tuple[str, ...] = ()) -> None:
    """Every language's catalogs; `printed`: the languages print products are made in."""
    used: set[Path] = set()
    for lang in languages:
        found = sources(theme, assets, lang)
        used.update(found.catalogs)
        if found.tied:
            names = ", ".join(path.name if path.name != "messages.po" else path.parent.parent.name
                              for path in found.tied)
            problems.error(found.tied[0], None, "", f"{names} speak {lang} equally well, so the build cannot choose "
                           f"between them: keep one, or write the language in campaign.yml as one of them")
        for path in found.catalogs:
            check_catalog(path, lang, problems)
        if found.catalogs or is_source(lang):
            count = strings_count(theme, found)
            marked = warn_marked(found.campaign, lang, problems) if found.campaign else 0
            if count.translated + marked < count.total:
                problems.warn(found.campaign or found.catalogs[0], None, "", f"{count.total - count.translated} of "
                              f"{count.total} theme strings are not translated into {lang} (they show in English)")
            continue
        target = campaign_catalog_path(assets, lang) if assets else theme / "translations" / f"{lang}.po"
        write = f"write it with `build.py translations theme --language {lang}` and translate it"
        if lang in printed:
            problems.error(target, None, "", f"there are no theme strings in {lang} (no catalog in the theme or the "
                           f"campaign), and the print products in {lang} cannot carry English labels: {write}; or "
                           f"print nothing in {lang} (leave it out of the stations' languages and `print: "
                           "card_languages` in campaign.yml)")
        else:
            problems.warn(target, None, "", f"there are no theme strings in {lang}: the buttons and headings of its "
                          f"pages show in English (marked as English for screen readers); to translate them, {write}")
    if assets:
        check_campaign_folder(assets, used, problems)


def check_catalog(path: Path, lang: str, problems: Problems) -> None:
    catalog = read_catalog_file(path, problems)
    if catalog is None:
        return
    for message, errors in catalog.check():
        for error in errors:
            shown = message.id if isinstance(message.id, str) else message.id[0]
            problems.error(path, message.lineno, f'msgid "{shown}"',
                           f"{error}: keep every %(name)s placeholder of the original exactly as it is")
    if not reviewed(catalog):
        problems.warn(path, None, "", f"the {lang} theme strings are a draft no native speaker has reviewed: "
                      + REVIEW_HINT)


def warn_marked(path: Path, lang: str, problems: Problems) -> int:
    """A warning for each string still marked to translate (`#, fuzzy`), at its line; how many there are."""
    catalog = read_catalog_file(path, Problems())
    marked = [message for message in catalog or () if message.id and message.fuzzy]
    for message in marked:
        shown = message.id if isinstance(message.id, str) else message.id[0]
        problems.warn(path, message.lineno, f'msgid "{shown}"', f"not translated into {lang} yet (marked `#, fuzzy`): "
                      f"it shows in English; translate it, then delete its `#, fuzzy` line")
    return len(marked)


def check_campaign_folder(assets: Path, used: set[Path], problems: Problems) -> None:
    """Files in campaign_assets/translations/ the build would not use: a misnamed catalog must not go unnoticed."""
    folder = assets / CAMPAIGN_FOLDER
    if not folder.is_dir():
        return
    catalogs = set(campaign_catalogs(assets).values())
    for path in sorted(folder.iterdir()):
        if is_leftover(path.name):
            continue
        if path.suffix != ".po" or path.is_dir():
            problems.warn(path, None, "", "is not read by the build: the campaign's own theme strings are one "
                          "<language code>.po file per language, e.g. fa.po (the build compiles them itself)")
        elif what := special(path):
            problems.warn(path, None, "", f"is {what}, not a file: skipped (the build reads only regular files)")
        elif report_outside(path, assets, problems):
            continue
        elif path not in catalogs:
            problems.error(path, None, "file name", f"must be a language code and .po: {tag_problem(path.stem)}")
        elif path not in used:
            problems.warn(path, None, "", f"is not used: {path.stem} is none of the campaign's languages (add it to "
                          "`languages` in campaign.yml, or rename the file after the language it translates)")


def template_ids(theme: Path) -> set[str] | None:
    path = template_path(theme)
    template = read_catalog_file(path, Problems()) if path.is_file() else None
    return None if template is None else {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}


def strings_count(theme: Path, found: Sources) -> Completeness:
    """How many of the theme's strings the language's catalogs translate together (a plural only in every form)."""
    catalogs = [catalog for path in found.catalogs if (catalog := read_catalog_file(path, Problems())) is not None]
    done = set().union(*(translated_ids(catalog) for catalog in catalogs))
    wanted = template_ids(theme)
    if wanted is None:  # a theme without its template: the catalogs' own messages
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for catalog in catalogs for m in catalog if m.id}
    if is_source(found.lang) and not catalogs:
        return Completeness(len(wanted), len(wanted))
    return Completeness(len(done & wanted), len(wanted))


# --- what `build.py check` shows ----------------------------------------------------------------------------

def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def summary(theme: Path, assets: Path | None, languages: tuple[str, ...], printed: tuple[str, ...]) -> list[list[str]]:
    """Rows of [language, catalogs used, translated, reviewed, where it appears] for `build.py check`."""
    rows = [["", "catalog", "translated", "reviewed", "used on"]]
    for lang in languages:
        found = sources(theme, assets, lang)
        where = "website and print" if lang in printed else "website only"
        if is_source(lang) and not found.catalogs:
            rows.append([lang, "none needed (the theme is written in English)", "", "", where])
            continue
        names = [f"theme {found.theme.parent.parent.name}" if found.theme else "",
                 shown(found.campaign) if found.campaign else ""]
        used = " + ".join(name for name in names if name) or "none: shown in English"
        count = strings_count(theme, found)
        states = []
        for path in found.catalogs:
            catalog = read_catalog_file(path, Problems())
            state = "yes" if catalog is not None and reviewed(catalog) else "no"
            place = "theme" if path == found.theme else "campaign"
            states.append(f"{place} {state}" if len(found.catalogs) > 1 else state)
        rows.append([lang, used, f"{count.share:.0%} ({count.translated}/{count.total})", ", ".join(states), where])
    return rows


# --- `build.py translations`: a campaign's own catalog, ready to fill ---------------------------------------

@dataclass(frozen=True)
class Written:
    path: Path
    new: int
    """Strings added to fill in."""
    kept: int
    """Strings the file already had (an update keeps their translations)."""
    translated: int


def write_catalog(theme: Path, assets: Path, lang: str, prefill: bool = False) -> Written:
    """Write (or bring up to date with the theme's template) the campaign's catalog for `lang`, every string the
    theme uses ready to fill in; the theme's own translation, where it has one, shown as a comment. With `prefill`
    (`new`), a new catalog's strings hold the English text, each marked to translate. Raises OSError; the file is
    replaced in one step."""
    found = sources(theme, assets, lang)
    path = found.campaign or campaign_catalog_path(assets, lang)
    with template_path(theme).open("rb") as handle:
        template = read_po(handle)
    theirs = read_catalog_file(found.theme, Problems()) if found.theme else None
    for message in template:
        if message.id and theirs is not None and (translated := theirs.get(message.id)) and translated.string:
            forms = translated.string if isinstance(translated.string, (list, tuple)) else [translated.string]
            message.auto_comments = [f"The theme's {found.theme.parent.parent.name} text: {' | '.join(forms)}"]
    existing = read_catalog_file(path, Problems()) if path.exists() else None
    catalog = copy.deepcopy(existing) if existing else new_catalog(lang, bool(theirs), prefill)  # the read one is shared
    before = {m.id for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    for message in catalog:  # the template has two plural forms; the language may have one, or six
        if message.pluralizable and not any(message.string) and len(message.string) != catalog.num_plurals:
            message.string = ("",) * catalog.num_plurals
    if prefill and existing is None:
        english(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with fresh.open("wb") as handle:
            write_po(handle, catalog, width=100, no_location=True, ignore_obsolete=True)
        fresh.replace(path)
    finally:
        fresh.unlink(missing_ok=True)
    after = {m.id for m in catalog if m.id}
    return Written(path, len(after - before), len(after & before), len(translated_ids(catalog)))


TO_TRANSLATE = "To translate: the English text, pre-filled by `build.py new`"


def english(catalog: Catalog) -> None:
    """Every string pre-filled with its English text and marked `#, fuzzy`, as .po editors mark a text to translate:
    the website shows it in English marked `lang="en"` until it is translated (gettext leaves fuzzy ones out), and
    each is a warning."""
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:  # the first form is the singular; every other form the plural
            message.string = (message.id[0], *[message.id[1]] * (catalog.num_plurals - 1))
        else:
            message.string = message.id
        message.flags.add("fuzzy")
        message.auto_comments = [*message.auto_comments, TO_TRANSLATE]


def new_catalog(lang: str, overrides: bool, prefill: bool = False) -> Catalog:
    locale = babel_locale(lang)
    empty = ("each holds the English text, marked `#, fuzzy` (it shows in English until you translate it and delete "
             "that line)" if prefill else "a string left empty keeps the theme's own translation" if overrides
             else "a string left empty shows in English")
    by = "`build.py new`" if prefill else f"`build.py translations theme --language {lang}`"
    about = (f"Theme strings in {locale.get_display_name('en')} ({lang}) for this campaign: buttons, headings and "
             f"poster labels. Written by {by} from the theme's messages.pot. "
             f"Fill in each msgstr and keep every %(name)s as it is; {empty}.")
    review = "Reviewed: no (a draft until a native speaker has checked it)"
    comment = "\n".join(f"# {line}" for line in [*textwrap.wrap(about, 70), review])  # short: .po editors rewrap
    return Catalog(locale=locale, header_comment=comment, project="campaign", version="1", fuzzy=False)


def translations_command(theme: Path, content: Path, assets: Path, language: str | None) -> int:
    """`build.py translations [--language CODE]`: the campaign's catalog for CODE, or for every campaign language
    that has none, written ready to fill (or brought up to date with the theme) into campaign_assets/translations/."""
    path = content / "campaign.yml"  # for the campaign's country and languages, if it loads
    campaign = load_campaign(path, assets, Problems()) if path.is_file() else None
    country = campaign.country if campaign else ""
    if language is not None and (problem := tag_problem(language, country)):
        print(f"error: --language: {problem}", file=sys.stderr)
        return 1
    if language is None and campaign is None:
        print(f"error: {content / 'campaign.yml'} cannot be read, so its languages are unknown: give one with "
              "--language CODE (or run `build.py check` to see what is wrong)", file=sys.stderr)
        return 1
    if not template_path(theme).is_file():
        print(f"error: {template_path(theme)}: the theme has no messages.pot to start from", file=sys.stderr)
        return 1
    wanted = [language] if language else [lang for lang in campaign.languages  # type: ignore[union-attr]
                                          if not is_source(lang) and not sources(theme, assets, lang).catalogs]
    if not wanted:
        print("Every language of the campaign has theme strings (see `build.py check`); to change some in the "
              "campaign's own words, give --language CODE.")
        return 0
    for lang in wanted:
        try:
            done = write_catalog(theme, assets, lang)
        except OSError as exc:
            print(f"error: {exc.filename or assets}: {exc.strerror or exc}: nothing was written; check that you may "
                  "write in the campaign's folder", file=sys.stderr)
            return 1
        if done.kept:
            print(f"Updated {shown(done.path)}: {done.new or 'no'} new theme strings, {done.kept} kept "
                  f"({done.translated} translated)")
        else:
            print(f"Wrote {shown(done.path)}: {done.new} theme strings to translate into "
                  f"{babel_locale(lang).get_display_name('en')} ({lang})")
        if campaign is not None and lang not in campaign.languages:
            print(f"  {unknown_language(lang, campaign.languages, 'add it to `languages` in campaign.yml')}")
    print("Fill in each msgstr (keep every %(name)s as it is), then run `build.py check`. A file stays a draft, and "
          "the build warns, until a native speaker has checked it and written `# Reviewed: yes, by <name>, <date>` "
          "at its top.")
    return 0
