"""Portrait (and square, and tall columns): the campaign's name, the promise, the reality, the help numbers beside
the QR code (below it on a narrow format), the address under the code, then the partners."""
from __future__ import annotations

from .base import Box, Boxes, Room


def qr_room(area: Box) -> float:
    """The largest QR code (with its margin) the layout takes: the full width, and under a third of the height."""
    return min(area.w, 0.3 * area.h)


def boxes(room: Room) -> Boxes:
    """Top to bottom. What a poster does not have (partners) leaves its room to the rest; right to left, the QR
    code is on the left."""
    x, y, w, h = room.area.x, room.area.y, room.area.w, room.area.h
    qr, floor = room.qr, room.floor
    gap = 0.02 * w
    head = 0.07 * h * (1 + 0.35 * (room.names - 1))
    foot = max(0.05 * h, room.foot) if room.foot else 0.0
    url = max(0.15 * qr, 0.035 * w, 2.6 * floor)  # room for two lines: a long address breaks after a /
    beside = w - qr - gap >= 0.45 * w
    help_w = w - qr - gap if beside else w
    help_h = max(0.24 * h if beside else 0.22 * h, qr if beside else 0, 1.5 * floor * room.help_lines(help_w))
    below = help_h + url if beside else help_h + gap + qr + url
    side = (h - head - below - foot - 3 * gap - (gap if foot else 0)) / 2
    found = {"head": Box(x, y, w, head)}
    top = y + head + gap
    found["promise"] = Box(x, top, w, side)
    found["reality"] = Box(x, top + side + gap, w, side)
    top += 2 * (side + gap)
    if beside:
        found["help"] = Box(x + qr + gap if room.rtl else x, top, help_w, help_h)
        found["qr"] = Box(x if room.rtl else x + w - qr, top, qr, qr)
        top += help_h
    else:
        found["help"] = Box(x, top, w, help_h)
        found["qr"] = Box(x + (w - qr) / 2, top + help_h + gap, qr, qr)
        top += help_h + gap + qr
    found["url"] = Box(x, top, w, url)
    if foot:
        found["foot"] = Box(x, y + h - foot, w, foot)
    return found
