"""Print formats: trim size, bleed, safe margin, the distance people read them from, and their shape.

The viewing distance drives the smallest text and the QR code size: a code must be at least
a tenth of the distance it is scanned from (2 m → 20 cm), and text must stay readable. A format
whose layout has no room for such a code is scanned from nearer: without a distance given, the
distance its code serves is taken; with one given that it cannot serve, the format is refused.

What the tool makes (each refused with the limits when stations.yml is read):
- each side 50 to 12,500 mm (a 96-sheet billboard is 12,192 × 3,048 mm);
- up to 12 times as long as wide, either way;
- a side over 5,080 mm (200 in, the largest page PDF readers and RIPs take) is drawn at tenth size,
  1:10, as billboard printers ask: the file is a tenth of the printed size, everything in it too.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ..content.model import PosterFormat
from .layouts import POCKET_MM, Box, qr_room, shape_of
from .qr import QUIET_ZONE

# name: (width mm, height mm, viewing distance m, visible area mm or None)
KNOWN = {
    "a0": (841, 1189, 2.0, None),
    "a1": (594, 841, 1.5, None),
    "a2": (420, 594, 1.0, None),
    "b1": (707, 1000, 2.0, None),
    "abri": (1185, 1750, 2.0, (1160, 1720)),  # street-furniture panel: the frame hides the edges
}
CARD_SIZES = {
    "a6": (105, 148),
    "a5": (148, 210),
}
CARD_VIEWING_M = 0.4
A1_AREA = 594 * 841

SIDES_MM = (50.0, 12_500.0)
LONGEST_RATIO = 12.0
PAGE_LIMIT_MM = 5080.0
"""200 inches: PDF's largest page side at the default unit (14,400 points)."""
TENTH = 10

MM_PER_METRE_MIN_TEXT = 3.5
"""Smallest text: 3.5 mm per metre of viewing distance (7 mm ≈ 20 pt on a poster read from 2 m)."""
SMALLEST_TEXT_MM = 2.5
CARD_SMALLEST_PT = 9.0
"""No text on anything held in the hand (the card, a pocket format) under 9 pt."""
PT_MM = 25.4 / 72


class FormatRefused(ValueError):
    """A format the tool cannot make; the message says why and what to give instead."""


def default_bleed(width_mm: float, height_mm: float) -> float:
    """3 mm, as printers usually ask; 5 mm for anything larger than A1."""
    return 5.0 if width_mm * height_mm > A1_AREA else 3.0


def default_viewing(width_mm: float, height_mm: float) -> float:
    """A rough reading distance for a custom size, from its area: 2 m for an A0, 1 m for an A2; a pocket card is
    scanned from 25 cm."""
    return max(0.25, round(math.sqrt(width_mm * height_mm) / 500, 1))


def smallest_text_mm(fmt: PosterFormat) -> float:
    """At full size: readable from the format's viewing distance, and never under 9 pt in the hand."""
    least = CARD_SMALLEST_PT * PT_MM if max(fmt.width_mm, fmt.height_mm) <= POCKET_MM else SMALLEST_TEXT_MM
    return max(least, MM_PER_METRE_MIN_TEXT * fmt.viewing_m)


def safe_area(fmt: PosterFormat) -> Box:
    """The trim less the safe margin, in mm from the trim's top left corner, at full size."""
    return Box(0, 0, fmt.width_mm, fmt.height_mm).inset(fmt.safe_mm)


def symbol_mm(fmt: PosterFormat) -> float:
    """The QR code's side without its margin: a tenth of the viewing distance, larger on large posters."""
    return max(fmt.viewing_m * 100, 0.17 * min(fmt.width_mm, fmt.height_mm))


def with_margin(symbol: float, modules: int) -> float:
    return symbol * (modules + 2 * QUIET_ZONE) / modules


def poster_format(name: str, width_mm: float, height_mm: float, *, bleed_mm: float | None = None,
                  viewing_m: float | None = None, visible: tuple[float, float] | None = None,
                  modules: int = 29, line: int | None = None) -> PosterFormat:
    """A format with its bleed, safe margin (inside the visible area, if the frame hides part), viewing distance,
    shape and scale. `modules`: the QR code's size in modules (from the length of its address). Raises
    FormatRefused for a format the tool cannot make."""
    refuse_impossible(width_mm, height_mm)
    fmt = measured(name, width_mm, height_mm, bleed_mm, viewing_m, visible, line)
    return scanned_from_where_it_fits(fmt, modules, given=viewing_m is not None)


def measured(name: str, width_mm: float, height_mm: float, bleed_mm: float | None, viewing_m: float | None,
             visible: tuple[float, float] | None = None, line: int | None = None) -> PosterFormat:
    visible_w, visible_h = visible or (width_mm, height_mm)
    hidden = max(width_mm - visible_w, height_mm - visible_h) / 2
    safe = hidden + max(5.0, 0.035 * min(width_mm, height_mm))
    return PosterFormat(
        name=name,
        width_mm=float(width_mm),
        height_mm=float(height_mm),
        bleed_mm=float(bleed_mm if bleed_mm is not None else default_bleed(width_mm, height_mm)),
        safe_mm=round(safe, 1),
        viewing_m=float(viewing_m if viewing_m is not None else default_viewing(width_mm, height_mm)),
        shape=shape_of(width_mm, height_mm),
        scale=TENTH if max(width_mm, height_mm) > PAGE_LIMIT_MM else 1,
        line=line,
    )


def refuse_impossible(width_mm: float, height_mm: float) -> None:
    least, most = SIDES_MM
    size = f"{width_mm:g} × {height_mm:g} mm"
    if not (least <= width_mm <= most and least <= height_mm <= most):
        raise FormatRefused(f"{size} cannot be made: each side must be {least:,.0f} to {most:,.0f} mm "
                            "(a 96-sheet billboard is 12,192 × 3,048 mm)")
    long, short = max(width_mm, height_mm), min(width_mm, height_mm)
    if long > LONGEST_RATIO * short:
        raise FormatRefused(f"{size} is {long / short:.1f} times as long as it is wide, and the tool lays out formats "
                            f"up to {LONGEST_RATIO:g} : 1 (a 3,600 × 300 mm strip): make the short side at least "
                            f"{math.ceil(long / LONGEST_RATIO):,} mm, or split it into two formats")


def scanned_from_where_it_fits(fmt: PosterFormat, modules: int, *, given: bool) -> PosterFormat:
    """The format with a viewing distance its layout has room to serve: the QR code for it must fit."""
    room = qr_room(fmt.shape, safe_area(fmt))
    largest = room * modules / (modules + 2 * QUIET_ZONE)  # the largest symbol, without its margin
    if fmt.viewing_m * 100 <= largest + 0.05:
        return fmt
    serves = math.floor(largest) / 100
    if given:
        raise FormatRefused(
            f"a QR code scanned from {fmt.viewing_m:g} m must be {fmt.viewing_m * 100:.0f} mm wide "
            f"({math.ceil(with_margin(fmt.viewing_m * 100, modules))} mm with its blank margin), and this {fmt.shape} "
            f"format ({fmt.size}) has room for {math.floor(room)} mm: give viewing_distance_m: {serves:g} or less "
            "(people scan it from nearer), or a larger format")
    return replace(fmt, viewing_m=serves)


def known_format(name: str, bleed_mm: float | None = None, modules: int = 29, line: int | None = None) -> PosterFormat | None:
    if name not in KNOWN:
        return None
    width, height, viewing, visible = KNOWN[name]
    return poster_format(name, width, height, bleed_mm=bleed_mm, viewing_m=viewing, visible=visible, modules=modules,
                         line=line)


def card_format(name: str, bleed_mm: float | None = None) -> PosterFormat | None:
    if name not in CARD_SIZES:
        return None
    width, height = CARD_SIZES[name]
    return measured(name, width, height, bleed_mm if bleed_mm is not None else 3.0, CARD_VIEWING_M)
