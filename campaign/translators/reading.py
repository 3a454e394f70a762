"""Reading what translators' tools return: XLIFF 1.2 (segmented or not), XLIFF 2.0 and PO, as units with their
returned source, target and state, never trusted: a size bound before parsing, no DTD or entity, duplicate ids
and every parse failure reported as a problem of the file, never a traceback.

PO is read with translate-toolkit. XLIFF is read here with lxml (safe settings), because translate-toolkit's
readers lose what a check needs: its XLIFF 2.0 reader splits a unit's segments and drops the `<ignorable>`
spacing between them, and its 1.2 reader folds whitespace, hiding a carriage return a target holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import pypo

from .markup import Piece, from_po

LIMIT = 5_000_000
"""The largest file read (bytes): an export of a whole campaign is a few hundred kilobytes."""
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"
PAIRED = {"g", "pc"}
ALONE = {"x", "ph", "bx", "ex", "sc", "ec", "bpt", "ept", "it"}  # a tool's native codes: they must match the source
TRANSPARENT = {"mrk", "sm", "em"}  # segment and annotation markers: their text is the unit's text
STATES_12 = {"new": "new", "needs-translation": "new", "needs-adaptation": "new", "needs-l10n": "new",
             "needs-review-translation": "review", "needs-review-adaptation": "review", "needs-review-l10n": "review",
             "translated": "translated", "signed-off": "reviewed", "final": "reviewed"}
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
STATES_SDL = {"Draft": "new", "RejectedTranslation": "new", "Translated": "translated", "RejectedSignOff": "review",
              "ApprovedTranslation": "reviewed", "ApprovedSignOff": "reviewed"}
"""Trados (SDLXLIFF) keeps each segment's confirmation in `<sdl:seg conf>`, not in the target's `state`."""
STATES_20 = {"initial": "new", "translated": "translated", "reviewed": "reviewed", "final": "reviewed"}
ORDER = ("new", "review", "translated", "reviewed")
"""States from least to most done: a unit of several segments is as done as its least done segment."""


class Unreadable(ValueError):
    """Not a translators' file this tool can read, or damaged: the message says what is wrong."""


@dataclass(frozen=True)
class ReturnedUnit:
    id: str
    source: list[Piece] | None
    """The source the file holds (None when the tool left it out): compared with the campaign's."""
    target: list[Piece] | None
    state: str
    """new (untranslated), fuzzy, review (needs review), translated or reviewed."""
    line: int | None = None
    broken: str | None = None
    """What is wrong with its placeholders or characters, when something is."""


@dataclass(frozen=True)
class Returned:
    campaign: str
    language: str
    units: list[ReturnedUnit]
    duplicates: list[str] = field(default_factory=list)
    """Ids found more than once."""


def read(path: Path, limit: int = LIMIT) -> Returned:
    size = path.stat().st_size
    if size > limit:
        raise Unreadable(f"is {size / 1e6:.1f} MB, larger than a translators' file of a campaign can be "
                         f"({limit / 1e6:.0f} MB): export again and send only this campaign's file")
    data = path.read_bytes()
    head = data[:1000].lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        if head.startswith(b"<") or b"<xliff" in head:
            return read_xliff(data)
        return read_po(data)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is the sender's problem, never a traceback
        said = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise Unreadable(f"cannot be read ({type(exc).__name__}: {said})") from None


def read_xliff(data: bytes) -> Returned:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"is not well-formed XML ({exc}): export again, or ask the translator to save it "
                         "again") from None
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise Unreadable("declares a DTD (entities), which translators' tools never write: refused, for safety")
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "xliff" or namespace not in (XLIFF_12, XLIFF_20):
        raise Unreadable("is XML but not XLIFF 1.2 or 2.0")
    files = root.findall(f"{{{namespace}}}file")
    if len(files) != 1:
        raise Unreadable(f"holds {len(files)} <file>s where an export has one: send the campaign's file as exported")
    if namespace == XLIFF_12:
        campaign, language = files[0].get("original", ""), files[0].get("target-language", "")
        units = [unit_12(node) for node in files[0].iter(f"{{{XLIFF_12}}}trans-unit")]
    else:
        campaign, language = files[0].get("original", ""), root.get("trgLang", "")
        units = [unit_20(node) for node in files[0].iter(f"{{{XLIFF_20}}}unit")]
    return Returned(campaign, language, units, duplicated([u.id for u in units]))


def duplicated(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in ids if i in seen or seen.add(i)]  # type: ignore[func-returns-value]


def unit_12(node: etree._Element) -> ReturnedUnit:
    unit_id = node.get("id", "")
    source, target = node.find(f"{{{XLIFF_12}}}source"), node.find(f"{{{XLIFF_12}}}target")
    state = STATES_12.get(target.get("state", "translated") if target is not None else "new", "new")
    if node.get("approved") == "yes" and state == "translated":
        state = "reviewed"
    confirmed = [STATES_SDL.get(seg.get("conf", ""), "new") for seg in node.iter(f"{{{SDL}}}seg")]
    if confirmed:
        state = min(confirmed, key=ORDER.index)
    return inline_unit(unit_id, node.sourceline, [source] if source is not None else [],
                       [target] if target is not None else [], state)


def unit_20(node: etree._Element) -> ReturnedUnit:
    """A 2.0 unit: its segments and ignorables in order, each a source and maybe a target, joined."""
    sources, targets, states = [], [], []
    for part in node:
        if not isinstance(part.tag, str) or etree.QName(part).localname not in ("segment", "ignorable"):
            continue
        source, target = part.find(f"{{{XLIFF_20}}}source"), part.find(f"{{{XLIFF_20}}}target")
        ignorable = etree.QName(part).localname == "ignorable"
        sources.append(source)
        targets.append(source if target is None and ignorable else target)  # an ignorable is kept as it is
        if not ignorable:
            states.append(STATES_20.get(part.get("state", "translated" if target is not None else "initial"), "new"))
    state = min(states or ["new"], key=ORDER.index)
    return inline_unit(node.get("id", ""), node.sourceline, [s for s in sources if s is not None],
                       [] if any(t is None for t in targets) else targets, state)


def inline_unit(unit_id: str, line: int | None, sources: list[etree._Element], targets: list[etree._Element],
                state: str) -> ReturnedUnit:
    try:
        source = [p for s in sources for p in pieces(s)] if sources else None
        target = [p for t in targets for p in pieces(t)] if targets else None
    except Unreadable as exc:
        return ReturnedUnit(unit_id, None, None, state, line, str(exc))
    if not target or not plain(target).strip():
        target, state = None, "new"
    return ReturnedUnit(unit_id, source, target, state, line)


def plain(found: list[Piece]) -> str:
    return "".join(p if isinstance(p, str) else plain(p[1] or []) for p in found)


def pieces(element: etree._Element) -> list[Piece]:
    """An XLIFF element's content as pieces: text; (id, pieces) for <g>/<pc>; (id, None) for <x>/<ph>."""
    found: list[Piece] = [element.text] if element.text else []
    for child in element:
        if isinstance(child, etree._Entity):
            raise Unreadable(f"holds the entity reference {child.text}, which no translators' tool writes: "
                             "write the character itself")
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            key = child.get("id", "")
            if name in PAIRED:
                found.append((key, pieces(child)))
            elif name in ALONE:
                found.append((key, None))
            elif name in TRANSPARENT:
                found += pieces(child)
            else:
                raise Unreadable(f"holds a <{name}> element, which is not markup this tool exported")
        if child.tail:
            found.append(child.tail)
    return found


def read_po(data: bytes) -> Returned:
    try:
        store = pypo.pofile(data)
    except Exception as exc:  # noqa: BLE001 - whatever the PO parser cannot read
        raise Unreadable(f"is neither XLIFF nor a PO file this tool can read ({str(exc)[:120]})") from None
    header = store.parseheader()
    if not store.units:
        raise Unreadable("holds no texts: is it an XLIFF or PO file exported for translators?")
    units = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():  # `#~` entries: what the tool kept of old texts
            continue
        unit_id, line = unit.getcontext(), None
        state = "fuzzy" if unit.isfuzzy() else "translated" if unit.target else "new"
        try:
            units.append(ReturnedUnit(unit_id, from_po(unit.source), from_po(unit.target) if unit.target else None,
                                      state, line))
        except ValueError as exc:
            units.append(ReturnedUnit(unit_id, None, None, state, line, str(exc)))
    return Returned(str(header.get("X-Campaign", "")), str(header.get("Language", "")), units,
                    duplicated([u.id for u in units]))
