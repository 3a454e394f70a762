"""Print formats: trim size, bleed, safe margin and the distance people read them from.

The viewing distance drives the smallest text and the QR code size: a code must be at least
a tenth of the distance it is scanned from (2 m → 20 cm), and text must stay readable.
"""
from __future__ import annotations

from ..content.model import PosterFormat

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


def default_bleed(width_mm: float, height_mm: float) -> float:
    """3 mm, as printers usually ask; 5 mm for anything larger than A1."""
    return 5.0 if width_mm * height_mm > A1_AREA else 3.0


def default_viewing(width_mm: float, height_mm: float) -> float:
    """A rough reading distance for a custom size: 1 m per 600 mm of height, at least 0.4 m."""
    return max(0.4, round(max(width_mm, height_mm) / 600, 1))


def poster_format(name: str, width_mm: float, height_mm: float, *, bleed_mm: float | None = None,
                  viewing_m: float | None = None, visible: tuple[float, float] | None = None) -> PosterFormat:
    """A format with its bleed, safe margin (inside the visible area, if the frame hides part) and viewing distance."""
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
    )


def known_format(name: str, bleed_mm: float | None = None) -> PosterFormat | None:
    if name not in KNOWN:
        return None
    width, height, viewing, visible = KNOWN[name]
    return poster_format(name, width, height, bleed_mm=bleed_mm, viewing_m=viewing, visible=visible)


def card_format(name: str, bleed_mm: float | None = None) -> PosterFormat | None:
    if name not in CARD_SIZES:
        return None
    width, height = CARD_SIZES[name]
    return poster_format(name, width, height, bleed_mm=bleed_mm if bleed_mm is not None else 3.0, viewing_m=CARD_VIEWING_M)
