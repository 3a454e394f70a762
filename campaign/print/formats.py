"""Print formats: trim size, bleed, safe margin, the distance people read them from, and their shape.

Two distances. The reading distance sizes the text. The QR code takes the largest size its layout gives it, up
to a tenth of the reading distance (2 m → 20 cm): people walk up to a poster to scan it, and a code scans from
about ten times its width (`scans_from_m`). A code is too small only when its modules are under what a low-end
phone reads at arm's length (MIN_MODULE_MM): that alone refuses a format for its code.

What the tool makes (each refused with the limits when stations.yml is read):
- each side 50 to 12,500 mm (a 96-sheet billboard is 12,192 × 3,048 mm);
- up to 12 times as long as wide, either way;
- a side over 5,080 mm (200 in, the largest page PDF readers and RIPs take) is drawn at tenth size,
  1:10, as billboard printers ask: the file is a tenth of the printed size, everything in it too.
"""
from __future__ import annotations

import math

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

LARGE_MM = 2000.0
"""A format with a side over 2 m keeps its text 5 % of its short side from the trim, as large-format print houses
ask; smaller ones 3.5 % (at least 5 mm)."""
LARGE_MARGIN, MARGIN, LEAST_MARGIN_MM = 0.05, 0.035, 5.0

SCAN_RATIO = 10
"""A QR code scans from about ten times its width (common guidance, ../shared/PRINT.md)."""
MIN_MODULE_MM = 0.5
"""The smallest QR module a low-end phone reads at arm's length. Such a phone decodes from its 1280-px preview
stream with a field of view about 65° wide: held 25 cm away that is 0.25 mm a pixel, and a decoder wants two
pixels a module once focus blur is counted. (Printed codes under about 20 mm are risky on such phones: a 37-module
code, an address of about 70 characters, is 18.5 mm at 0.5 mm a module.)"""


class FormatRefused(ValueError):
    """A format the tool cannot make; the message says why and what to give instead."""


def default_bleed(width_mm: float, height_mm: float) -> float:
    """3 mm, as printers usually ask; 5 mm for anything larger than A1."""
    return 5.0 if width_mm * height_mm > A1_AREA else 3.0


def default_viewing(width_mm: float, height_mm: float) -> float:
    """A rough reading distance for a custom size, from its area: 2 m for an A0, 1 m for an A2; a pocket card is
    read from 25 cm."""
    return max(0.25, round(math.sqrt(width_mm * height_mm) / 500, 1))


def smallest_text_mm(fmt: PosterFormat) -> float:
    """At full size: readable from the format's viewing distance, and never under 9 pt in the hand."""
    least = CARD_SMALLEST_PT * PT_MM if max(fmt.width_mm, fmt.height_mm) <= POCKET_MM else SMALLEST_TEXT_MM
    return max(least, MM_PER_METRE_MIN_TEXT * fmt.viewing_m)


def safe_area(fmt: PosterFormat) -> Box:
    """The trim less the safe margin, in mm from the trim's top left corner, at full size."""
    return Box(0, 0, fmt.width_mm, fmt.height_mm).inset(fmt.safe_mm)


def symbol_mm(fmt: PosterFormat, modules: int) -> float:
    """The QR code's side without its margin, at full size: the largest the layout has room for, up to a tenth of
    the reading distance — or up to the smallest a low-end phone reads, if that is larger (in the layout's other
    arrangement if it must)."""
    least = MIN_MODULE_MM * modules
    wanted = max(fmt.viewing_m * 1000 / SCAN_RATIO, least)
    symbol = min(qr_room(fmt.shape, safe_area(fmt)) * modules / (modules + 2 * QUIET_ZONE), wanted)
    if symbol < least:
        symbol = min(qr_room(fmt.shape, safe_area(fmt), most=True) * modules / (modules + 2 * QUIET_ZONE), least)
    return symbol


def scans_from_m(symbol: float) -> float:
    """About how far (m) a code `symbol` mm wide scans from, rounded down to what a person would say."""
    metres = round(symbol, 1) * SCAN_RATIO / 1000  # from the width as stated (0.1 mm): 429.99 mm is 430 mm, 4.3 m
    per = 10 if metres >= 1 else 100
    return math.floor(round(metres * per, 6)) / per  # 430 mm: 4.3 m, not 4.2 (4.3 * 10 is 42.999… in floats)


def scan_note(fmt: PosterFormat, modules: int) -> str:
    """For the team: how wide the code is printed, from how far it scans, and from how far the text reads."""
    symbol = symbol_mm(fmt, modules)
    return (f"its QR code is printed {symbol:.0f} mm wide and scans from about {scans_from_m(symbol):g} m (ten times "
            f"its width); its text is sized to be read from {fmt.viewing_m:g} m")


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
    refuse_unreadable_code(fmt, modules)
    return fmt


def measured(name: str, width_mm: float, height_mm: float, bleed_mm: float | None, viewing_m: float | None,
             visible: tuple[float, float] | None = None, line: int | None = None) -> PosterFormat:
    visible_w, visible_h = visible or (width_mm, height_mm)
    hidden = max(width_mm - visible_w, height_mm - visible_h) / 2
    share = LARGE_MARGIN if max(width_mm, height_mm) > LARGE_MM else MARGIN
    safe = hidden + max(LEAST_MARGIN_MM, share * min(width_mm, height_mm))
    viewing = float(viewing_m if viewing_m is not None else default_viewing(width_mm, height_mm))
    return PosterFormat(
        name=name,
        width_mm=float(width_mm),
        height_mm=float(height_mm),
        bleed_mm=float(bleed_mm if bleed_mm is not None else default_bleed(width_mm, height_mm)),
        safe_mm=round(safe, 1),
        viewing_m=viewing,
        shape=shape_of(width_mm, height_mm, viewing),
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


def refuse_unreadable_code(fmt: PosterFormat, modules: int) -> None:
    """The one refusal for the QR code: a layout whose code would have modules too small for a low-end phone."""
    symbol = symbol_mm(fmt, modules)
    if symbol / modules < MIN_MODULE_MM - 1e-9:
        least = math.ceil(MIN_MODULE_MM * modules)
        raise FormatRefused(
            f"{fmt.size} leaves its QR code room for {symbol:.0f} mm, and its {modules} modules would be "
            f"{symbol / modules:.2f} mm wide, under the {MIN_MODULE_MM:g} mm a low-end phone reads at arm's length "
            f"(a code of at least {least} mm): give a larger format, or a shorter print: qr_base_url in campaign.yml")


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
