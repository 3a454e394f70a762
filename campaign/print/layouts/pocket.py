"""Pocket formats (both sides 160 mm or less: a pocket card, an A6 flyer): only what can be read at that size — the
campaign's name, the main help line, the emergency number, the QR code and its address, which runs across the
bottom. Wider than tall (a pocket card), the code sits beside the numbers; taller than wide, under them, and a
flyer (130 mm tall or more) shows the reality side's title too. Mirrored right to left."""
from __future__ import annotations

from .base import Box, Boxes, Room, mirrored

HAND_FLOOR_MM = 9 * 25.4 / 72
"""Text held in the hand is never under 9 pt, so a pocket format's address takes two lines of at least this."""
NAME_LINE = 1.5
"""The height a line of the campaign's name takes, in sizes of its text: lines 1.25 apart, paragraphs 0.25 more."""
FLYER_MM = 120.0
"""A safe area this tall (a trim of 130 mm), taller than wide: a flyer, with room for the reality side's title."""


def gap(area: Box) -> float:
    return 0.04 * min(area.w, area.h)


def qr_room(area: Box) -> float:
    if area.w >= area.h:
        return min(under_name(area), 0.5 * area.w)
    return min(area.w, 0.5 * area.h)


def under_name(area: Box) -> float:
    """The largest code (with its margin) the arrangement with the name across the top has room for."""
    return area.h - 0.2 * area.h - 2.6 * HAND_FLOOR_MM - 2 * gap(area)


def most_qr_room(area: Box) -> float:
    """On a card so small that the code under the name would be too small to scan, it takes the whole height beside
    a column for the name and the numbers."""
    if area.w >= area.h:
        return max(qr_room(area), min(area.h - 2.6 * HAND_FLOOR_MM - gap(area), 0.55 * area.w))
    return qr_room(area)


def flyer(area: Box) -> bool:
    return area.h > area.w and area.h >= FLYER_MM


def shows(area: Box) -> tuple[str, ...]:
    return ("head", "headline", "help", "qr") if flyer(area) else ("head", "help", "qr")


def boxes(room: Room) -> Boxes:
    x, y, w, h = room.area.x, room.area.y, room.area.w, room.area.h
    qr, space = room.qr, gap(room.area)
    url = 2.6 * room.floor
    names = room.names * NAME_LINE * room.floor  # each language's name on its own line
    if w >= h and (names > 0.2 * h or qr > under_name(room.area) + 0.01):  # several names, or a code that needs the
        # whole height to scan: the name and the numbers share the column beside the code
        column, middle = w - qr - space, h - url - space
        found = {
            "head": Box(x, y, column, names),
            "help": Box(x, y + names + space, column, middle - names - space),
            "qr": Box(x + w - qr, y + (middle - qr) / 2, qr, qr),
            "url": Box(x, y + h - url, w, url),
        }
    elif w >= h:  # the name across the top, the numbers beside the code, the address along the bottom
        head = 0.2 * h
        middle = h - head - url - 2 * space
        found = {
            "head": Box(x, y, w, head),
            "help": Box(x, y + head + space, w - qr - space, middle),
            "qr": Box(x + w - qr, y + head + space + (middle - qr) / 2, qr, qr),
            "url": Box(x, y + h - url, w, url),
        }
    else:  # top to bottom
        head = max(0.12 * h, names)
        rest = h - head - qr - url - 3 * space  # for the numbers, and the title on a flyer
        found = {"head": Box(x, y, w, head)}
        top = y + head + space
        if flyer(room.area):
            found["headline"] = Box(x, top, w, 0.4 * rest)
            top += 0.4 * rest + space
            rest = 0.6 * rest - space
        found["help"] = Box(x, top, w, rest)
        found["qr"] = Box(x + (w - qr) / 2, top + rest + space, qr, qr)
        found["url"] = Box(x, y + h - url, w, url)
    return mirrored(found, room.area) if room.rtl else found
