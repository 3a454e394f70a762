"""Layouts per shape: where each box of a poster goes, chosen from the format's proportions and size.

- pocket: both sides 160 mm or less (a pocket card, an A6 flyer) — the essentials only;
- strip: 2.5 to 12 times as wide as tall (a platform strip) — one row, the essentials;
- billboard: a side over 3 m, or read from over 10 m — the essentials, large, the code beside them;
- landscape: wider than tall, up to 2.5 : 1 — the card's sides side by side, the help column beside them;
- portrait: everything else, from square to 1 : 12 columns — one column, top to bottom.

"The essentials" are what a person must be able to read and scan: the campaign's name, the main help line,
the emergency number, the QR code and its address, and the reality side's title where there is room. Every layout is mirrored
when the poster's first language is written right to left.
"""
from __future__ import annotations

from types import ModuleType

from . import billboard, landscape, pocket, portrait, strip
from .base import Box, Boxes, Room

__all__ = ["Box", "Boxes", "Room", "BILLBOARD_MM", "BILLBOARD_M", "ESSENTIALS", "POCKET_MM", "STRIP_RATIO", "boxes", "essentials", "qr_room", "shape_of"]

POCKET_MM = 160.0
"""Both sides at most this long: a format held in the hand."""
STRIP_RATIO = 2.5
"""At least this many times as wide as tall: a strip."""
BILLBOARD_MM = 3000.0
"""A side longer than this (and not a strip): a billboard."""
BILLBOARD_M = 10.0
"""Read from farther than this: a billboard, whatever its size."""
SQUARE_RATIO = 1.15
"""Up to this many times as wide as tall, the portrait layout still serves."""
ESSENTIALS = frozenset({"pocket", "strip", "billboard"})
"""The shapes that show only the essentials."""
SHAPES: dict[str, ModuleType] = {"portrait": portrait, "landscape": landscape, "strip": strip, "pocket": pocket,
                                   "billboard": billboard}


def shape_of(width: float, height: float, viewing_m: float = 0.0) -> str:
    if max(width, height) <= POCKET_MM:
        return "pocket"
    if width >= STRIP_RATIO * height:
        return "strip"
    if max(width, height) > BILLBOARD_MM or viewing_m > BILLBOARD_M:
        return "billboard"
    if width > SQUARE_RATIO * height:
        return "landscape"
    return "portrait"


def qr_room(shape: str, area: Box, most: bool = False) -> float:
    """The largest QR code, its blank margin included, the shape's layout has room for in `area`; `most`: or its
    other arrangement, where there is one, for a code that would otherwise be too small to scan (pocket.py)."""
    module = SHAPES[shape]
    return module.most_qr_room(area) if most and hasattr(module, "most_qr_room") else module.qr_room(area)


def boxes(shape: str, room: Room) -> Boxes:
    return SHAPES[shape].boxes(room)


def essentials(shape: str, area: Box) -> tuple[str, ...]:
    """The boxes a shape that shows only the essentials has in `area` (see Boxes): what the team is told it shows."""
    return SHAPES[shape].shows(area)
