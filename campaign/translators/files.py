"""The files translators' tools read: XLIFF 1.2 and PO, written and read with translate-toolkit.

One file per campaign and language. XLIFF: one <file> whose `original` is the campaign's slug, one
<trans-unit> per unit with its id, the main language's text as <source>, the translation as <target>
(state new, needs-translation when stale, translated) and a <note> saying where it is read; markup is
<g>/<x> placeholders a CAT tool protects. PO: `msgctxt` is the unit's id, markup <1>…</1> and <2/>,
stale translations fuzzy with the text they were made from as the previous msgid.
"""
from __future__ import annotations

from dataclasses import dataclass

from translate.storage import pypo, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from .markup import Piece, Text

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
        if entry.state == "stale" or (entry.state == "new" and entry.target is not None):  # not confirmed yet
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
