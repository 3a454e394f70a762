"""`python build.py new FOLDER`: a new campaign folder that builds at once.

Answers (options, or questions on a terminal) → the files, written into a hidden folder beside FOLDER →
checked exactly as `build.py check` checks (posters included) → renamed into place in one step, or
thrown away with the build's own messages. So a bad answer gets the message a bad file gets, and a
folder that exists builds.
"""
from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .catalogs import is_source, sources
from .progress import StatusLine
from .content.starter import (
    DEFAULT_COLOURS,
    EXAMPLE_CARD,
    Answers,
    Starter,
    campaign_yml,
    country_known,
    emergency_numbers,
    official_languages,
    services_yml,
    starter_texts,
    stations_yml,
)
from .options import PROJECT, Options
from .pipeline import build, inspect
from .problems import BuildFailed, Problem, Problems, report
from .theme_strings import write_catalog

Ask = Callable[[str], str]
"""Asks one question on the terminal and returns the answer (`input`)."""
COLOURS = ("primary", "text", "background", "accent")


@dataclass(frozen=True)
class Question:
    key: str
    option: str
    question: str
    what: str
    example: str
    """`what` and `example` make the message for an answer left out with no terminal to ask it on."""


QUESTIONS = (
    Question("name", "--name", "Campaign name", "the campaign's name", '"Open your eyes"'),
    Question("country", "--country", "Country, as its two-letter code (e.g. NL)", "the two-letter country code", "NL"),
    Question("languages", "--languages", "Languages, the main one first, separated by commas",
             "the language codes, the main one first", "nl,en"),
    Question("base_url", "--base-url", "Web address the site will have (https://...)",
             "the address the site will have", "https://open-your-eyes.example/"),
    Question("quick_exit", "--quick-exit",
             'Quick-exit page: the neutral site the "Leave now" button opens, e.g. a weather service (https://...)',
             'the neutral page the "Leave now" button opens', "https://weather.example/"),
)
COLOUR_QUESTION = "Main colour, as # and six hex digits"
OPTION_OF_FIELD = {"name": "--name", "slug": "--name", "country": "--country", "languages": "--languages",
                   "base_url": "--base-url", "quick_exit": "--quick-exit",
                   **{f"colours.{colour}": f"--{colour}-colour" for colour in COLOURS}}
"""campaign.yml's fields by the option that gave them: what to answer differently."""


@dataclass(frozen=True)
class Given:
    """The answers on the command line; None where an option was left out."""

    name: str | None = None
    country: str | None = None
    languages: str | None = None
    base_url: str | None = None
    quick_exit: str | None = None
    colours: dict[str, str] | None = None


class Missing(Exception):
    """Answers left out with no terminal to ask them on: one message per option."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def new(folder: Path, given: Given, options: Options, ask: Ask | None, today: date | None = None) -> int:
    """Make FOLDER with a campaign that builds, or nothing at all. `ask` is None without a terminal."""
    if refusal := refuse_folder(folder):
        print(f"error: {folder}: {refusal}", file=sys.stderr)
        return 1
    try:
        answers = collect(given, options.theme, ask)
    except Missing as exc:
        for line in exc.messages:
            print(f"error: {line}", file=sys.stderr)
        print("\nNothing was created. Give the option(s) above (`build.py new` asks only on a terminal).",
              file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print(f"\nStopped: {folder} was not created.", file=sys.stderr)
        return 130
    try:
        return create(folder, answers, options, today or date.today())
    except KeyboardInterrupt:
        print(f"\nStopped: {folder} was not created.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"error: {exc.filename or folder}: {exc.strerror or exc}: nothing was created; choose a folder "
              "you may write to, on a disk with free space", file=sys.stderr)
        return 1


def create(folder: Path, answers: Answers, options: Options, today: date) -> int:
    """Write the campaign into a hidden folder beside FOLDER, check it, and rename it into place if it builds."""
    target = folder.resolve()
    scratch = target.parent / f".{target.name}.new-{secrets.token_hex(4)}"
    try:
        scratch.mkdir()
        catalogs = write_catalogs(scratch / "campaign_assets", answers, options) if options.assets is None else []
        starters = write_campaign(scratch / "content", answers, options.theme, today, printable(answers, options.theme))
        progress = StatusLine(sys.stderr)
        try:
            problems = shown_in(validate(scratch, options, progress), scratch, folder)
        finally:
            progress.done()
        if problems.errors:
            return refused(problems, folder)
        if options.cache is None:  # its print products are keyed by the hidden folder's paths: no use in FOLDER
            shutil.rmtree(scratch / ".cache")
        os.rename(scratch, target)  # one step: FOLDER is either complete or absent (an empty FOLDER is replaced)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # after a refusal or an interruption; gone once renamed
    report(marked_once(problems))  # the warnings the build will give too, such as the theme's draft translations
    print(summary(folder, answers, starters, options, [path.stem for path in catalogs]))
    return 0


def marked_once(problems: Problems) -> Problems:
    """The warnings, a catalog's strings marked to translate said once per catalog (`check` lists each with its line)."""
    shown = Problems()
    marked: dict[Path, int] = {}
    for problem in problems.items:
        if problem.field.startswith('msgid "') and not problem.error:
            marked[problem.path] = marked.get(problem.path, 0) + 1
        else:
            shown.items.append(problem)
    for path, count in marked.items():
        shown.warn(path, None, "", f"{count} theme strings to translate: each holds the English text, marked `#, fuzzy` "
                   "(`build.py check` lists them with their lines)")
    return shown


def refuse_folder(folder: Path) -> str | None:
    """Why FOLDER cannot become the new campaign: `new` never writes into what exists."""
    if folder.resolve() == Path.cwd().resolve():
        return "is the current folder: give the new folder's name, e.g. build.py new open-eyes, from the folder above"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return "is a file or a link, not a folder: give the path of a new folder"
    if folder.is_dir() and any(folder.iterdir()):
        return "the folder exists and is not empty: give a new folder (`build.py new` never writes over files)"
    if not folder.parent.resolve().is_dir():
        return f"{folder.parent} does not exist: create it first, or give a folder inside an existing one"
    return None


# --- answers ---------------------------------------------------------------------------------------

def collect(given: Given, theme: Path, ask: Ask | None) -> Answers:
    """The answers given as options; the others asked on the terminal, or, without one, Missing."""
    values: dict[str, str | None] = {q.key: getattr(given, q.key) for q in QUESTIONS}
    missing: list[str] = []
    for q in QUESTIONS:
        if values[q.key] is not None:
            continue
        default = default_answer(q.key, values, theme)
        if ask is None:
            example = default.replace(" ", "") if default else q.example
            missing.append(f"{q.option}: missing: give {q.what}, e.g. {q.option} {example}")
        else:
            values[q.key] = question(ask, q.question, default)
    if missing:
        raise Missing(missing)
    colours = dict(given.colours or {})
    if ask is not None and "primary" not in colours:
        colours["primary"] = question(ask, COLOUR_QUESTION, DEFAULT_COLOURS["primary"])
    return Answers(name=values["name"] or "", country=(values["country"] or "").upper(),
                   languages=split_languages(values["languages"] or ""), base_url=values["base_url"] or "",
                   quick_exit=values["quick_exit"] or "", colours=colours)


def default_answer(key: str, values: dict[str, str | None], theme: Path) -> str | None:
    """Only where reliable data gives one: the country's official languages that the theme speaks (CLDR)."""
    country = (values.get("country") or "").upper()
    if key == "languages" and country_known(country):
        return ", ".join(official_languages(country, theme)) or None
    return None


def question(ask: Ask, text: str, default: str | None) -> str:
    """One question; an empty answer takes the default. Without one it stays empty, and the loader says so."""
    answer = ask(f"{text} [{default}]: " if default else f"{text}: ").strip()
    return answer or default or ""


def split_languages(text: str) -> tuple[str, ...]:
    return tuple(code for code in re.split(r"[,\s]+", text.strip()) if code)


# --- files -----------------------------------------------------------------------------------------

def starter_folder(theme: Path) -> Path:
    """The theme's starter texts; the built-in theme's for a theme that has none of its own."""
    own = theme / "starter"
    return own if own.is_dir() else PROJECT / "theme" / "starter"


def write_campaign(content: Path, answers: Answers, theme: Path, today: date,
                   printable: tuple[str, ...] | None = None) -> list[Starter]:
    starters = starter_texts(starter_folder(theme), answers.usable_languages)
    files = {"campaign.yml": campaign_yml(answers, today), "services.yml": services_yml(answers, theme),
             "stations.yml": stations_yml(answers, printable), **{starter.target: starter.text for starter in starters}}
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return starters


def needs_catalog(lang: str, theme: Path) -> bool:
    """A language neither the templates (English) nor any theme catalog speaks."""
    return not is_source(lang) and not sources(theme, None, lang).catalogs


def write_catalogs(assets: Path, answers: Answers, options: Options) -> list[Path]:
    """For each language the theme has no strings in, the campaign's own catalog, every string the English text,
    marked to translate (theme_strings.write_catalog): its pages build at once, its buttons shown in English."""
    return [write_catalog(options.theme, assets, lang, prefill=True).path
            for lang in answers.usable_languages if needs_catalog(lang, options.theme)]


def printable(answers: Answers, theme: Path) -> tuple[str, ...]:
    """The languages a poster can be printed in at once: those with the theme's strings (or English)."""
    return tuple(lang for lang in answers.usable_languages if not needs_catalog(lang, theme))


# --- checking -------------------------------------------------------------------------------------

def validate(root: Path, options: Options, progress: Callable[[str], None]) -> Problems:
    """What `build.py check` says about the campaign in `root`, posters included (unless --site-only):
    the loader alone cannot tell that a poster has no theme strings in its language, or that a name
    does not fit. Not strict: the starter texts and the theme's strings are drafts by design."""
    checking = replace(options, content=root / "content", output=root / "output", strict=False)
    site, problems = inspect(checking)
    if site is None or problems.errors:
        return problems
    try:
        return build(checking, progress, publish=False).problems
    except BuildFailed as exc:
        return exc.problems


def shown_in(problems: Problems, scratch: Path, folder: Path) -> Problems:
    """The problems with the paths they will have in FOLDER, not in the hidden folder they were found in."""
    shown = Problems()
    for problem in problems.items:
        path = folder / problem.path.relative_to(scratch) if problem.path.is_relative_to(scratch) else problem.path
        shown.items.append(replace(problem, path=path, message=problem.message.replace(str(scratch), str(folder))))
    return shown


def refused(problems: Problems, folder: Path) -> int:
    """The errors only: the warnings (draft translations) are the same for every new folder and fix nothing."""
    errors = Problems()
    errors.items = problems.errors
    report(errors)
    options = dict.fromkeys(option for problem in errors.items if (option := answered_by(problem)))
    again = f" Give other answers for {', '.join(options)}." if options else ""
    print(f"\n{folder} was not created: {len(errors.items)} problem(s) to fix (listed above).{again}", file=sys.stderr)
    return 1


def answered_by(problem: Problem) -> str | None:
    if problem.path.name != "campaign.yml":
        return None
    return OPTION_OF_FIELD.get(problem.field) or OPTION_OF_FIELD.get(problem.field.split(".")[0])


# --- what to do next ------------------------------------------------------------------------------

def summary(folder: Path, answers: Answers, starters: list[Starter], options: Options, catalogs: list[str]) -> str:
    langs = answers.usable_languages
    poster = next((lang for lang in langs if lang not in catalogs), None)
    numbers = emergency_numbers(answers.country)
    others = ", ".join(numbers[1:])
    found = (f"the emergency number {numbers[0]} of {answers.country} (libphonenumber), which "
             + (f"also lists {others} and can miss others (such as a police force's own): confirm, complete and "
                "label them" if others else "can miss others (such as a police force's own): add those you have "
                "confirmed, labelled")
             if numbers else f"no emergency number: libphonenumber knows none for {answers.country}; add them")
    lines = [
        f"Created {folder}/ for \"{answers.name}\" ({answers.country}; {', '.join(langs)}):",
        "  content/campaign.yml    the campaign; it runs from today for four weeks: change the dates",
        f"  content/services.yml    {found}; add the help services",
        f"  content/stations.yml    one example station with an A2 poster in {poster}" if poster else
        "  content/stations.yml    an example station, left as a comment: no language has theme strings to print yet",
        f"  content/cards/          an example card ({EXAMPLE_CARD}.<language>.md) in {', '.join(langs)}",
        f"  content/pages/          the safety page (safety.<language>.md) in {', '.join(langs)}",
    ]
    if catalogs:
        lines += [f"  campaign_assets/translations/  the theme strings (buttons, headings, poster labels) in "
                  f"{', '.join(catalogs)}: the English text, each string marked to translate (`#, fuzzy`); its "
                  "posters wait until they are translated"]
    drafts = [s.target for s in starters if not s.reviewed]
    if drafts:
        lines += ["Drafts no native speaker has reviewed (have them checked before the campaign goes live):",
                  *wrapped(drafts)]
    english = [s.target for s in starters if s.translate]
    if english:
        lines += ["English texts to translate (the theme has no starter text in their language):", *wrapped(english)]
    tool = [sys.executable, str(PROJECT / "build.py")]
    extra = [*(["--theme", str(options.theme.resolve())] if options.theme.resolve() != (PROJECT / "theme") else []),
             *(["--assets", str(options.assets.resolve())] if options.assets else []),
             *(["--site-only"] if options.site_only else [])]
    lines += [
        "",
        "Next steps, from the new folder:",
        f"  cd {shlex.quote(str(folder))}",
        f"  1. {shlex.join([*tool, 'check', *extra])}",
        "     checks everything the build checks, and shows what is left to translate",
        f"  2. {shlex.join([*tool, *extra])}",
        "     builds the site" + ("" if options.site_only else " and the print products") + " into output/",
        f"  3. {shlex.join([*tool, 'serve', *extra])}",
        "     previews the site on http://127.0.0.1:8000, rebuilt on every save",
    ]
    return "\n".join(lines)


def wrapped(paths: list[str], width: int = 100) -> list[str]:
    """`content/...` paths, several to a line."""
    lines: list[str] = []
    for path in (f"content/{p}" for p in paths):
        if lines and len(lines[-1]) + len(path) + 2 <= width:
            lines[-1] += f", {path}"
        else:
            lines.append(f"  {path}")
    return lines
