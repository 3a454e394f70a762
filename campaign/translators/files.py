"""The files translators' tools read: XLIFF 1.2 and PO, written and read with translate-toolkit.

One file per campaign and language. XLIFF: one <file> whose `original` is the campaign's slug, one
<trans-unit> per unit with its id, the main language's text as <source>, the translation as <target>
(state new, needs-translation when stale, translated) and a <note> saying where it is read; markup is
<g>/<x> placeholders a CAT tool protects. PO: `msgctxt` is the unit's id, markup <1>…</1> and <2/>,
stale translations fuzzy with the text they were made from as the previous msgid.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate.storage import pypo, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from .markup import Piece, Text, from_po

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
STATES = {"new": "new", "stale": "needs-translation", "translated": "translated"}


class Unit12(xliff.xliffunit):
    namespace = XLIFF_12


class Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF, declared as version 1.2 (it writes 1.1 by default; the two differ only there)."""

    UnitClass = Unit12
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


@dataclass(frozen=True)
class Entry:
    """A unit as it goes out: id, source, current translation, state, and the note for the translator."""

    id: str
    source: Text
    target: Text | None
    state: str
    note: str
    made_from: str | None = None
    """For a stale unit: the main language's text the translation was made from."""


@dataclass(frozen=True)
class Returned:
    """What a translated file brings back."""

    campaign: str
    language: str
    targets: dict[str, list[Piece]]
    """Unit id → the translation as pieces (placeholders by id); units left empty, or still marked as needing
    translation (a stale unit the translator did not confirm), are not in it."""
    broken: dict[str, str]
    """Unit id → what is wrong with its placeholders."""


class Unreadable(ValueError):
    """Not a file this tool wrote, or damaged: the message says what is wrong."""


def write_xliff(entries: list[Entry], slug: str, main: str, lang: str) -> bytes:
    store = Xliff12(sourcelanguage=main, targetlanguage=lang)
    store.setfilename(store.getfilenode("NoName"), slug)
    store.switchfile(slug)
    for entry in entries:
        unit = store.addsourceunit(entry.source.plain, filename=slug)
        unit.setid(entry.id)
        unit.rich_source = [rich(entry.source.pieces)]
        if entry.target is not None:
            unit.rich_target = [rich(entry.target.pieces)]
        unit.xmlelement.set("approved", "no")
        target = unit.getlanguageNode(lang=None, index=1)
        if target is not None:
            target.set("state", STATES[entry.state])
        unit.addnote(entry.note, origin="developer")
    return bytes(store)


def write_po(entries: list[Entry], slug: str, main: str, lang: str) -> bytes:
    store = pypo.pofile()
    store.updateheader(add=True, Language=lang, X_Campaign=slug, X_Source_Language=main,
                       Content_Type="text/plain; charset=UTF-8")
    for entry in entries:
        unit = store.addsourceunit(entry.source.po())
        unit.setcontext(entry.id)
        if entry.target is not None:
            unit.target = entry.target.po()
        if entry.state == "stale":
            unit.markfuzzy(True)
            if entry.made_from is not None:
                unit.prev_source = entry.made_from
        unit.addnote(entry.note, origin="developer")
    return bytes(store)


def rich(pieces: list[Piece]) -> StringElem:
    parts: list[object] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif piece[1] is None:
            parts.append(placeables.X(id=piece[0]))
        else:
            parts.append(placeables.G(id=piece[0], sub=[rich(piece[1])]))
    return StringElem(parts)


def pieces_of(element: object) -> list[Piece]:
    """A translate-toolkit rich string back into pieces; other placeables than <g> and <x> are refused."""
    if isinstance(element, str):
        return [element]
    if isinstance(element, placeables.X):
        return [(str(element.id), None)]
    if isinstance(element, placeables.G):
        return [(str(element.id), [p for sub in element.sub for p in pieces_of(sub)])]
    if type(element) is StringElem:
        return [p for sub in element.sub for p in pieces_of(sub)]
    raise Unreadable(f"a placeholder this tool did not write ({type(element).__name__})")


def read(path: Path) -> Returned:
    data = path.read_bytes()
    if data.lstrip()[:5] == b"<?xml" or b"<xliff" in data[:500]:
        return read_xliff(data)
    return read_po(data)


def read_xliff(data: bytes) -> Returned:
    try:
        store = Xliff12.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - whatever lxml or translate-toolkit cannot read
        raise Unreadable(f"is not an XLIFF file this tool can read ({str(exc).splitlines()[0][:120]})") from None
    files = store.getfilenames()
    if len(files) != 1:
        raise Unreadable("is not a file written by `build.py translations export` (it holds several <file>s)")
    node = store.getfilenode(files[0])
    targets, broken = {}, {}
    for unit in store.units:
        if not unit.target or unit.get_state_n() < unit.S_NEEDS_REVIEW:
            continue
        unit_id = unit.getid().split(xliff.ID_SEPARATOR)[-1]
        try:
            targets[unit_id] = [p for elem in unit.rich_target for p in pieces_of(elem)]
        except Unreadable as exc:
            broken[unit_id] = str(exc)
    return Returned(files[0], node.get("target-language") or "", targets, broken)


def read_po(data: bytes) -> Returned:
    try:
        store = pypo.pofile(data)
    except Exception as exc:  # noqa: BLE001 - whatever the PO parser cannot read
        raise Unreadable(f"is neither XLIFF nor a PO file this tool can read ({str(exc)[:120]})") from None
    header = store.parseheader()
    targets, broken = {}, {}
    for unit in store.units:
        if unit.isheader() or not unit.target or unit.isobsolete() or unit.isfuzzy():
            continue
        try:
            targets[unit.getcontext()] = from_po(unit.target)
        except ValueError as exc:
            broken[unit.getcontext()] = str(exc)
    return Returned(header.get("X-Campaign", ""), header.get("Language", ""), targets, broken)
