"""Landscape (wider than tall, up to 2.5 : 1): the campaign's name across the top, the promise and the reality
side by side, and under them the help numbers beside the QR code, the address under the code, then the
partners. Mirrored right to left: the promise on the right, the code on the left."""
from __future__ import annotations

from .base import Box, Boxes, Room, mirrored


def qr_room(area: Box) -> float:
    """The code sits beside the help numbers, under the card's sides: it leaves them more than half the height."""
    return min(0.3 * area.w, 0.4 * area.h)


def boxes(room: Room) -> Boxes:
    x, y, w, h = room.area.x, room.area.y, room.area.w, room.area.h
    qr, floor = room.qr, room.floor
    gap = 0.015 * w
    head = 0.07 * h * (1 + 0.3 * (room.names - 1))
    foot = max(0.05 * h, room.foot) if room.foot else 0.0
    url = max(0.15 * qr, 2.6 * floor)
    help_w = w - qr - gap
    help_h = max(qr, 1.5 * floor * room.help_lines(help_w))
    body = h - head - gap - (foot + gap if foot else 0)
    sides = body - help_h - url - gap
    side = (w - gap) / 2
    top = y + head + gap
    below = top + sides + gap
    found = {
        "head": Box(x, y, w, head),
        "promise": Box(x, top, side, sides),
        "reality": Box(x + side + gap, top, side, sides),
        "help": Box(x, below, help_w, help_h),
        "qr": Box(x + w - qr, below, qr, qr),
        "url": Box(x, below + help_h, w, url),
    }
    if foot:
        found["foot"] = Box(x, y + h - foot, w, foot)
    return mirrored(found, room.area) if room.rtl else found
