"""`build.py translations export` and `build.py translations import`: the campaign's texts out to translators'
tools and back.

Export writes one XLIFF (or PO) file for a language with the units it lacks (or all). Import reads such a
file, checks every unit (placeholders kept, the numbers the source has), writes the translations into a copy
of the content folder and checks that copy as `build.py check` does; only when all is well are the changed
files copied into the content folder, with the record of what each translation was made from.
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.load import Version, translation_status
from ..content.model import Site
from ..options import Options
from ..problems import Problem, Problems, report
from ..tags import best_match, unknown_language
from .files import Entry, Returned, Unreadable, read, write_po, write_xliff
from .markup import Text, flatten
from .record import Record, read_record, record_path
from .units import Unit, units
from .writeback import markdown_file, yaml_file

ONLY = {"todo": ("new", "stale"), "missing": ("new",), "stale": ("stale",), "all": ("new", "stale", "translated")}
DIGITS = re.compile(r"\d+(?:[ .\-/]\d+)*")
"""A number as people write one: digits, maybe grouped by single spaces, dots, hyphens or slashes."""


@dataclass(frozen=True)
class Request:
    language: str
    only: str = "todo"
    format: str = "xliff"
    to: Path | None = None


def states(site: Site, lang: str, found: list[Unit], record: Record) -> dict[str, str]:
    """Each unit's state: by the text its translation was made from (the record), else by the `updated:` dates."""
    dated = older(site, lang)
    result = {}
    for unit in found:
        state = record.state(unit)
        if state == "translated" and unit.id not in record.made_from and unit.id.split("#")[0] in dated:
            state = "stale"
        result[unit.id] = state
    return result


def older(site: Site, lang: str) -> set[str]:
    """`cards/<id>` and `pages/<id>` whose `lang` file has an older `updated:` date than the main language's."""
    found = set()
    for kind, items in (("cards", site.cards), ("pages", site.pages)):
        versions = [Version(item.id, item.lang, item.path) for item in items]
        for item_id, row in translation_status(versions, items, site.campaign.languages).items():
            if row.get(lang) == "stale":
                found.add(f"{kind}/{item_id}")
    return found


def note(unit: Unit, state: str, record: Record) -> str:
    parts = [f"Read on {unit.where}." if not unit.where.startswith("the ") else f"Where: {unit.where}."]
    if unit.printed:
        parts.append(f"Printed too: posters shrink text to fit, down to the smallest size readable from where they "
                     f"hang, so keep it about as long as the source ({len(unit.source.plain)} characters).")
    if state == "stale":
        change = record.change(unit) if unit.id in record.made_from else "its `updated:` date is newer"
        parts.append(f"The source changed since it was translated: {change}")
    if unit.source.ids():
        parts.append("Keep every placeholder: they are the text's emphasis and links.")
    return " ".join(parts)


def export(options: Options, request: Request, site: Site) -> int:
    main, lang = site.campaign.default_language, request.language
    problem = language_refused(site, lang)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    record = read_record(site.campaign.path.parent, lang)
    found = units(site, lang)
    state = states(site, lang, found, record)
    entries = [Entry(u.id, u.source, u.target, state[u.id], note(u, state[u.id], record),
                     record.made_from.get(u.id) if state[u.id] == "stale" else None)
               for u in found if state[u.id] in ONLY[request.only]]
    suffix = "po" if request.format == "po" else "xlf"
    target = request.to or Path(f"{site.campaign.slug}.{lang}.{suffix}")
    write = write_po if request.format == "po" else write_xliff
    target.write_bytes(write(entries, site.campaign.slug, main, lang))
    counts = Counter(state.values())
    print(f"Wrote {target}: {len(entries)} texts to translate into {lang} ({', '.join(f'{counts[s]} {s}' for s in ('new', 'stale', 'translated'))} "
          f"in the campaign; --only {request.only}).")
    return 0


def language_refused(site: Site, lang: str) -> str | None:
    campaign = site.campaign
    if lang == campaign.default_language:
        return f"{lang} is the campaign's main language, which the others are translated from: give another"
    if lang not in campaign.languages:
        reason = unknown_language(lang, campaign.languages, "add it to `languages` first", campaign.country)
        return f"{campaign.path}: {reason}"
    return None


def import_file(options: Options, path: Path, site: Site) -> int:
    problems = Problems()
    try:
        returned = read(path)
    except (Unreadable, OSError) as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return 1
    lang = best_match(returned.language, site.campaign.languages).code or returned.language  # ro-RO from a CAT tool is ro
    refused = wrong_file(site, returned.campaign, lang)
    if refused:
        print(f"error: {path}: {refused}", file=sys.stderr)
        return 1
    known = {unit.id: unit for unit in units(site, lang)}
    accepted = checked(path, returned, known, problems)
    changes = planned(site, lang, known, accepted, problems)
    if not problems.errors:
        verify(options, site, changes, problems)
    if problems.errors:
        report(problems)
        print(f"\nNothing was imported: {len(problems.errors)} problem(s) to fix in {path} (listed above).", file=sys.stderr)
        return 1
    report(problems)
    written = 0
    for file, text in changes.items():
        was = file.read_text(encoding="utf-8") if file.exists() else None
        if was != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            written += file != record_path(site.campaign.path.parent, lang)
            print(f"  {'changed' if was is not None else 'created'}: {file}")
    print(f"Imported {len(accepted)} texts in {lang}: {written} file(s) changed. They are marked as not reviewed in "
          f"{record_path(site.campaign.path.parent, lang)} until a native speaker has checked them.")
    return 0


def wrong_file(site: Site, campaign: str, lang: str) -> str | None:
    if campaign != site.campaign.slug:
        return (f"is a translation of the campaign \"{campaign or 'unknown'}\", not of "
                f"\"{site.campaign.slug}\": import it into that campaign's folder")
    return language_refused(site, lang) if lang else "says no target language"


def checked(path: Path, returned: Returned, known: dict[str, Unit], problems: Problems) -> dict[str, Text]:
    """The translations that can be written: the placeholders of the source, and its numbers, kept."""
    accepted = {}
    for unit_id, message in returned.broken.items():
        problems.error(path, None, unit_id, f"the placeholders do not pair up ({message}): keep them as the source has them")
    for unit_id, pieces in returned.targets.items():
        unit = known.get(unit_id)
        if unit is None:
            problems.warn(path, None, unit_id, "is no longer a text of the campaign (its source was changed or removed "
                                               "since the export): not imported; export again to translate what is there now")
            continue
        target = Text(pieces, unit.source.markup)
        if sorted(target.ids()) != sorted(unit.source.ids()):
            problems.error(path, None, unit_id, f"the placeholders are {placeholders(target)} where the source has "
                           f"{placeholders(unit.source)}: keep each of them once (they are its emphasis and links)")
            continue
        numbers, theirs = Counter(numbers_in(unit.source)), Counter(numbers_in(target))
        if numbers != theirs:
            problems.error(path, None, unit_id, f"the numbers differ from the source's ({', '.join(numbers) or 'none'}; "
                           f"the translation has {', '.join(theirs) or 'none'}): write them exactly as the source does")
            continue
        accepted[unit_id] = target
    return accepted


def placeholders(text: Text) -> str:
    return ", ".join(f"<{i}>" for i in sorted(text.ids(), key=int)) or "none"


def numbers_in(text: Text) -> list[str]:
    """The numbers a text holds, as digits: however a translator spaces a phone number, its digits must stay."""
    plain = flatten(text.pieces, lambda key, inner: f" {inner} " if inner else " ")
    return [re.sub(r"\D", "", match) for match in DIGITS.findall(plain)]


def planned(site: Site, lang: str, known: dict[str, Unit], accepted: dict[str, Text],
            problems: Problems) -> dict[Path, str]:
    """The files to write, with their new text: the YAML files and the Markdown files of the units imported,
    a Markdown file only when every text of it is translated; then the record."""
    by_file: dict[Path, list[Unit]] = {}
    for unit in known.values():
        by_file.setdefault(unit.file, []).append(unit)
    changes: dict[Path, str] = {}
    content = site.campaign.path.parent
    for file, members in by_file.items():
        if not any(u.id in accepted for u in members):
            continue
        if file.suffix == ".yml":
            pairs = [(u, accepted[u.id].markdown()) for u in members if u.id in accepted]
            changes[file] = yaml_file(file.read_text(encoding="utf-8"), pairs, lang, site.campaign.languages)
            continue
        texts = {str(u.key): (accepted[u.id] if u.id in accepted else u.target) for u in members}
        missing = [u.id for u in members if texts[str(u.key)] is None]
        if missing:
            problems.warn(file, None, "", f"not written: {len(missing)} of its {len(members)} texts have no {lang} "
                          f"translation yet ({', '.join(missing[:3])}{'…' if len(missing) > 3 else ''})")
            continue
        changes[file] = markdown_file(members[0].origin, file, {k: t.markdown() for k, t in texts.items() if t},
                                      members[0].id.startswith("cards/"))
    if accepted:
        record = read_record(content, lang)
        record.made_from.update({unit_id: known[unit_id].source.markdown() for unit_id in accepted})
        changes[record.path] = record.save(site.campaign.default_language)
    return changes


def verify(options: Options, site: Site, changes: dict[Path, str], problems: Problems) -> None:
    """Build-check a copy of the content folder with the changes in it, as `build.py check` does; its problems are
    reported against the real files."""
    from ..pipeline import build
    from ..problems import BuildFailed

    content = site.campaign.path.parent
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content, copy)
        for file, text in changes.items():
            moved = copy / file.relative_to(content)
            moved.parent.mkdir(parents=True, exist_ok=True)
            moved.write_text(text, encoding="utf-8")
        checked_options = replace(options, content=copy, assets=options.assets_folder, cache=options.cache_folder,
                                  output=Path(scratch) / "output")
        try:
            found = build(checked_options, publish=False).problems
        except BuildFailed as exc:
            found = exc.problems
    for item in found.errors:
        path = content / item.path.relative_to(copy) if item.path.is_relative_to(copy) else item.path
        problems.items.append(Problem(path, item.line, item.field, item.message, error=True, column=item.column))
