"""Billboards (a side over 3 m, or read from over 10 m, and not a strip): what can be read from across a road —
the campaign's name, the reality side's title, the main help line and the emergency number with the address under
them, and the QR code beside them, nothing else. Mirrored right to left: the code on the left."""
from __future__ import annotations

from .base import Box, Boxes, Room, mirrored


def qr_room(area: Box) -> float:
    """The code beside the texts: at most half the height (the name and the title keep the rest of its column) and
    a third of the width."""
    return min(0.5 * area.h, 0.3 * area.w)


def boxes(room: Room) -> Boxes:
    x, y, w, h = room.area.x, room.area.y, room.area.w, room.area.h
    qr, floor = room.qr, room.floor
    gap = 0.03 * h
    column = w - qr - gap  # the texts, beside the code
    head = 0.16 * h * (1 + 0.3 * (room.names - 1))
    url = max(0.08 * h, 2.6 * floor)
    help_h = max(0.34 * h, 1.5 * floor * room.help_lines(column))  # the help line: loud, from across a road
    headline = h - head - help_h - url - 2 * gap
    found = {
        "head": Box(x, y, w, head),
        "headline": Box(x, y + head + gap, column, headline),
        "help": Box(x, y + h - url - help_h, column, help_h),
        "url": Box(x, y + h - url, column, url),
        "qr": Box(x + w - qr, y + h - qr, qr, qr),
    }
    if qr > h - head - gap:  # a tall code: the name keeps to the texts' column
        found["head"] = Box(x, y, column, head)
    return mirrored(found, room.area) if room.rtl else found


def shows(area: Box) -> tuple[str, ...]:
    return ("head", "headline", "help", "qr")
