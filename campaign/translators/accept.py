"""Which returned units are imported: each is checked against the campaign's source as it is now, its state, its
placeholders, its numbers, its characters and its script. What is refused is an error naming the unit; what is
left out (untranslated, pre-filled, fuzzy, stale, unknown) is listed once per kind, by id."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problems
from .markup import Piece, Text, flatten, literal
from .numbers import differ
from .reading import Returned, ReturnedUnit
from .record import change
from .trust import unsafe, wrong_script
from .units import Unit

SHOWN = 5
"""Ids named in a list of units left out; the rest are counted."""
REVIEW = {"review": "needed", "reviewed": "yes"}
WRAPPED = re.compile(r"[ \t]*\n[ \t]*")
UNKNOWN = "not texts of the campaign (removed since the export, or from another file)"


@dataclass(frozen=True)
class Accepted:
    text: Text
    review: str | None
    """The tool's review mark: needed, yes, or None (translated, not reviewed)."""


def accepted(path: Path, returned: Returned, known: dict[str, Unit], lang: str, country: str,
             problems: Problems) -> dict[str, Accepted]:
    left: dict[str, list[str]] = {}
    found: dict[str, Accepted] = {}
    for unit_id in dict.fromkeys(returned.duplicates):
        problems.error(path, None, unit_id, "is in the file more than once (the tool or an edit duplicated it): keep "
                       "one of them, so that it is clear which translation is meant")
    for item in returned.units:
        if item.id in returned.duplicates:
            continue
        unit = known.get(item.id)
        if unit is None:
            left.setdefault(UNKNOWN, []).append(item.id)
            continue
        reason = left_out(item, unit)
        if reason:
            left.setdefault(reason, []).append(item.id)
            continue
        if item.source is not None and not same(item.source, unit.source.pieces):
            problems.warn(path, item.line, item.id, f"its source in the file is not the campaign's ([-the file's-] "
                          f"{{+the campaign's+}}: {change(plain(item.source), unit.source.plain)}): not imported, it "
                          "stays to translate — the source changed since the export, or was edited in the tool "
                          "(export again)")
            continue
        refusal = refused(item, unit, lang, country)
        if refusal:
            problems.error(path, item.line, item.id, refusal)
            continue
        target = one_line(item.target or [])
        if in_markdown(unit):
            target = literal(target, unit.source.markup)
        found[item.id] = Accepted(Text(target, unit.source.markup), REVIEW.get(item.state))
    for reason, ids in left.items():
        problems.warn(path, None, "", f"{len(ids)} unit(s) not imported, {reason}: {', '.join(ids[:SHOWN])}"
                      + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""))
    return found


def left_out(item: ReturnedUnit, unit: Unit) -> str | None:
    """Why a unit is not imported though nothing is wrong with it, or None."""
    if item.broken:
        return None
    if item.state == "fuzzy":
        return "fuzzy (the translator has not confirmed them)"
    if item.target is None:
        return "untranslated"
    if item.state != "reviewed" and same(item.target, item.source or unit.source.pieces):
        return "pre-filled with the source (mark them final or approved in the tool if they are right as they are)"
    if item.state == "new":
        return "still marked as needing translation"
    return None


def refused(item: ReturnedUnit, unit: Unit, lang: str, country: str) -> str | None:
    """Why a translation cannot be published, or None."""
    if item.broken:
        return f"the placeholders do not pair up ({item.broken}): keep them as the source has them"
    target = Text(item.target or [], unit.source.markup)
    if sorted(target.ids()) != sorted(unit.source.ids()):
        return (f"the placeholders are {placeholders(target)} where the source has {placeholders(unit.source)}: keep "
                "each of them once (they are its emphasis, links and line breaks)")
    text = flatten(target.pieces, lambda key, inner: f" {inner} " if inner else " ")
    why = unsafe(text)
    if why:
        return f"the translation {why}"
    script = wrong_script(text, lang)
    if script:
        return f"the translation is written in {script} letters, which {lang} is not written in: is it the right text?"
    numbers = differ(flatten(unit.source.pieces, lambda key, inner: f" {inner} " if inner else " "), text, country)
    if numbers:
        ours, theirs = (", ".join(dict.fromkeys(n)) or "none" for n in numbers)
        return f"the numbers differ from the source's ({ours}; the translation has {theirs}): keep each of them"
    return None


def placeholders(text: Text) -> str:
    return ", ".join(f"<{i}>" for i in sorted(text.ids(), key=int)) or "none"


def plain(pieces: list[Piece]) -> str:
    return flatten(pieces, lambda key, inner: inner or "")


def same(a: list[Piece], b: list[Piece]) -> bool:
    """Whether two texts are the same, placeholders and all, whitespace aside."""
    return " ".join(Text(a).po().split()) == " ".join(Text(b).po().split())


def in_markdown(unit: Unit) -> bool:
    """A block of a Markdown body (a page's title and description, and YAML texts, are plain text)."""
    return unit.file.suffix == ".md" and unit.key not in ("title", "description")


def one_line(pieces: list[Piece], top: bool = True) -> list[Piece]:
    """Line feeds in a translation's text are spaces (a tool's line wrapping or pretty printing): only a line break
    placeholder breaks a line, as in the source. Space around the text goes (four would start a code block)."""
    out: list[Piece] = [WRAPPED.sub(" ", p) if isinstance(p, str) else (p[0], None if p[1] is None else
                                                                         one_line(p[1], False)) for p in pieces]
    if top and out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if top and out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return [p for p in out if p != ""]
