"""Wide strips (from 2.5 : 1 to 12 : 1): one row — the campaign's name, the reality side's title, the main help
line and the emergency number with the address under them, and the QR code at the end. Mirrored right to left."""
from __future__ import annotations

from .base import Box, Boxes, Room, mirrored


def qr_room(area: Box) -> float:
    """The code takes the strip's height, and no more than a third of its length."""
    return min(area.h, 0.3 * area.w)


def boxes(room: Room) -> Boxes:
    x, y, w, h = room.area.x, room.area.y, room.area.w, room.area.h
    qr, floor = room.qr, room.floor
    gap = max(0.05 * h, 0.01 * w)
    rest = w - qr - 3 * gap
    name, headline = 0.26 * rest, 0.40 * rest
    numbers = rest - name - headline
    url = max(0.3 * h, 2.6 * floor)
    left = x
    found = {"head": Box(left, y, name, h)}
    left += name + gap
    found["headline"] = Box(left, y, headline, h)
    left += headline + gap
    found["help"] = Box(left, y, numbers, h - url)
    found["url"] = Box(left, y + h - url, numbers, url)
    found["qr"] = Box(x + w - qr, y + (h - qr) / 2, qr, qr)
    return mirrored(found, room.area) if room.rtl else found


def shows(area: Box) -> tuple[str, ...]:
    return ("head", "headline", "help", "qr")
