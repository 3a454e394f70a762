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
from ..problems import Problems, report
from ..tags import best_match, unknown_language
from .accept import Accepted, accepted
from .files import Entry, write_po, write_xliff
from .markup import Text, parse_inline
from .reading import Returned, Unreadable, read
from .record import Record, read_record, record_path
from .units import Unit, markdown_reader, units
from .writeback import markdown_file, yaml_file

ONLY = {"todo": ("new", "stale"), "missing": ("new",), "stale": ("stale",), "all": ("new", "stale", "translated")}


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
    entries = [Entry(u.id, u.source, u.target or waiting(u, record), state[u.id], note(u, state[u.id], record),
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


def waiting(unit: Unit, record: Record) -> Text | None:
    """The translation that waits in the record for the rest of its page or card: shown to the translator, still
    to be confirmed (it goes out as new, or fuzzy in PO)."""
    if unit.id in record.pending and record.made_from.get(unit.id) == unit.source.markdown():
        return parse_inline(markdown_reader(), record.pending[unit.id])
    return None


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
    lang = best_match(returned.language.replace("_", "-"), site.campaign.languages).code or returned.language
    known = {unit.id: unit for unit in units(site, lang)}
    refused = wrong_file(site, path, returned, lang, known)
    if refused:
        print(f"error: {path}: {refused}", file=sys.stderr)
        return 1
    taken = accepted(path, returned, known, lang, site.campaign.country, problems)
    changes = planned(site, lang, known, taken, problems)
    if not problems.errors and changes:
        verify(options, site, changes, problems)
    if problems.errors:
        report(problems)
        print(f"\nNothing was imported: {len(problems.errors)} problem(s) to fix in {path} (listed above).", file=sys.stderr)
        return 1
    report(problems)
    record = record_path(site.campaign.path.parent, lang)
    written = 0
    for file, text in changes.items():
        was = file.read_text(encoding="utf-8") if file.exists() else None
        if was != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            written += file != record
            print(f"  {'changed' if was is not None else 'created'}: {file}")
    print(f"Imported {len(taken)} texts in {lang}: {written} file(s) changed."
          + (f" They are marked as not reviewed in {record} until a native speaker has checked them." if taken else ""))
    return 0


def wrong_file(site: Site, path: Path, returned: Returned, lang: str, known: dict[str, Unit]) -> str | None:
    """Why the file is not one of this campaign's languages; a file without its campaign's name (a PO re-made from
    a template) is recognised by its unit ids."""
    campaign = returned.campaign or (site.campaign.slug if ours(returned, known) else "")
    if campaign != site.campaign.slug:
        return (f"is a translation of the campaign \"{campaign or 'unknown'}\", not of "
                f"\"{site.campaign.slug}\": import it into that campaign's folder")
    if not lang:
        return "says no target language"
    named = named_language(path, site.campaign.languages)
    if named and named != lang:
        return (f"its name says {named} but its header says {returned.language}: which is it? Rename the file or "
                "correct its target language")
    return language_refused(site, lang)


def ours(returned: Returned, known: dict[str, Unit]) -> bool:
    """Most of the file's unit ids are this campaign's."""
    return bool(returned.units) and 2 * sum(u.id in known for u in returned.units) > len(returned.units)


def named_language(path: Path, languages: tuple[str, ...]) -> str | None:
    """The campaign language a file's name says (`blind-betting.de.xlf`, `de_DE.po`), when it says one."""
    part = path.stem.split(".")[-1].replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", part):
        return None
    return best_match(part, languages).code


def planned(site: Site, lang: str, known: dict[str, Unit], taken: dict[str, Accepted],
            problems: Problems) -> dict[Path, str]:
    """The files to write, with their new text: the YAML files and the Markdown files of the units imported, a
    Markdown file only when every text of it is translated (the others wait in the record); then the record."""
    content = site.campaign.path.parent
    record = read_record(content, lang)
    by_file: dict[Path, list[Unit]] = {}
    for unit in known.values():
        by_file.setdefault(unit.file, []).append(unit)
    changes: dict[Path, str] = {}
    for file, members in by_file.items():
        if not any(u.id in taken for u in members):
            continue
        if file.suffix == ".yml":
            pairs = [(u, taken[u.id].text.markdown()) for u in members if u.id in taken]
            changes[file] = yaml_file(file.read_text(encoding="utf-8"), pairs, lang, site.campaign.languages)
            continue
        texts = {str(u.key): markdown_of(u, taken, record) for u in members}
        missing = [u.id for u in members if texts[str(u.key)] is None]
        waiting = [u for u in members if missing and u.id in taken and not already(u, taken[u.id])]
        for unit in members:  # what waited is written now, or replaced by what came back
            if not missing or unit.id in taken:
                record.pending.pop(unit.id, None)
        record.pending.update({u.id: taken[u.id].text.markdown() for u in waiting})
        if missing:
            problems.warn(file, None, "", f"not written yet: {len(missing)} of its {len(members)} texts have no {lang} "
                          f"translation ({', '.join(missing[:3])}{'…' if len(missing) > 3 else ''})"
                          + (f"; the {len(waiting)} that came back wait in the record for the rest" if waiting else ""))
            continue
        current = all(u.id in taken or record.made_from.get(u.id) == u.source.markdown() for u in members)
        changes[file] = markdown_file(members[0].origin, file, {k: t for k, t in texts.items() if t},
                                      members[0].id.startswith("cards/"), current)
    for unit_id, item in taken.items():
        record.made_from[unit_id] = known[unit_id].source.markdown()
        mark = item.review or ("draft" if record.reviewed else None)
        if mark:
            record.review[unit_id] = mark
        else:
            record.review.pop(unit_id, None)
    if taken:
        changes[record.path] = record.save(site.campaign.default_language)
    return changes


def already(unit: Unit, item: Accepted) -> bool:
    """The translation is the one its file already has: nothing waits to be written."""
    return unit.target is not None and unit.target.markdown() == item.text.markdown()


def markdown_of(unit: Unit, taken: dict[str, Accepted], record: Record) -> str | None:
    """A unit's Markdown for its file: imported now, or waiting in the record (made from the source as it is), or
    the translation already there."""
    if unit.id in taken:
        return taken[unit.id].text.markdown()
    if unit.id in record.pending and record.made_from.get(unit.id) == unit.source.markdown():
        return record.pending[unit.id]
    return unit.target.markdown() if unit.target is not None else None


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
    written = set(changes)
    for item in found.items:
        path = content / item.path.relative_to(copy) if item.path.is_relative_to(copy) else item.path
        if item.error or path in written:  # the build's warnings about what the import writes are shown too
            problems.items.append(replace(item, path=path))
