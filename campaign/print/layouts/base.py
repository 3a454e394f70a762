"""What every layout works with: boxes in mm (px for screens) and the room a product offers."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def inset(self, margin: float) -> Box:
        return Box(self.x + margin, self.y + margin, self.w - 2 * margin, self.h - 2 * margin)

    def scaled(self, factor: float, x: float = 0.0, y: float = 0.0) -> Box:
        """The box drawn `factor` times its size, moved by (x, y): a tenth-size file, or a trim placed on its page."""
        return Box(x + self.x * factor, y + self.y * factor, self.w * factor, self.h * factor)

    @property
    def usable(self) -> bool:
        return self.w > 0 and self.h > 0


@dataclass(frozen=True)
class Room:
    """What a layout places its boxes in."""

    area: Box
    """The safe area: nothing printed outside it."""
    qr: float
    """The QR code's side, its blank margin included."""
    rtl: bool
    """The first language is written right to left: the layout is mirrored."""
    names: int
    """How many names the head shows: the campaign's name in each language, once where it reads the same."""
    floor: float
    """The smallest text size."""
    foot: float = 0.0
    """The height the partners' row needs; 0 when there are no partners."""
    help_lines: Callable[[float], float] = lambda width: 8.0
    """About how many lines of the smallest text the help numbers take in a box this wide."""


Boxes = dict[str, Box]
"""Named boxes: head (the campaign's name), promise and reality (the card's sides), headline (the reality side's
title alone), help (the numbers), qr, url (the address under the code) and foot (the partners)."""


def mirrored(boxes: Boxes, area: Box) -> Boxes:
    """The same layout read from the right: every box flipped across the middle of the area."""
    return {name: Box(2 * area.x + area.w - box.x - box.w, box.y, box.w, box.h) for name, box in boxes.items()}
