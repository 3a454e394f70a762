"""Print colour: the campaign's sRGB colours as the inks of the output profile, by LittleCMS.

- Colours go through colour management (Pillow's ImageCms, relative colorimetric, into the
  printer's or the FOGRA39 profile), never through a formula: the same #8a1538 prints as the
  same red on any press the profile describes, within its total ink limit.
- Neutral colours (no visible hue) print on the black plate only: a grey becomes the K tint of
  the same lightness, and near-black text becomes 100 % K. Printers reject rich black in small
  text: four inks never register exactly, and small letters get coloured fringes.
- Inks given exactly in campaign.yml (print: colours:) are used as they are, but must stay
  within the profile's total ink limit.
"""
from __future__ import annotations

import io
import math
from functools import cached_property, lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from ..content.model import CMYK

NEUTRAL_CHROMA = 4.0
"""Lab chroma below which a colour has no visible hue: printed with black ink only."""
SOLID_BLACK_L = 22.0
"""Neutrals darker than this (Lab L*) print as solid black: a 90 % tint of text is screened, not solid."""


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def inks_for(profile: Path) -> Inks:
    """The profile's inks, made once per worker process while the file stays the same: LittleCMS takes about
    50 ms to build the transforms, and the preview's workers make products for one save after another."""
    stat = profile.stat()
    return cached_inks(profile, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def cached_inks(profile: Path, _mtime_ns: int, _size: int) -> Inks:
    return Inks(profile)


def ink_limit(profile: Path) -> float:
    """The profile's total ink limit, worked out once while the file stays the same (the preview checks it on every
    save)."""
    stat = profile.stat()
    return cached_limit(profile, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def cached_limit(profile: Path, _mtime_ns: int, _size: int) -> float:
    return Inks(profile).limit


class Inks:
    """Converts colours into one output profile's CMYK."""

    def __init__(self, profile: Path) -> None:
        # From bytes, not from the file: LittleCMS reads an opened file's tags lazily, and the workers a process forks
        # after opening it share the file's offset, so they read garbage ("Could not determine profile size").
        cmyk = ImageCms.getOpenProfile(io.BytesIO(profile.read_bytes()))
        srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
        intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
        self.to_cmyk = ImageCms.buildTransform(srgb, cmyk, "RGB", "CMYK", renderingIntent=intent)
        self.to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", renderingIntent=intent)
        self.ink_to_lab = ImageCms.buildTransform(cmyk, lab, "CMYK", "LAB", renderingIntent=intent)
        self.converted: dict[str, CMYK] = {}
        """Each colour once per worker: a neutral's black tint takes ten transforms, and every poster asks for the
        campaign's four colours again."""

    def cmyk(self, colour: str) -> CMYK:
        """An sRGB `#rrggbb` colour as C, M, Y, K coverage from 0 to 1."""
        if colour not in self.converted:
            self.converted[colour] = self.converted_now(colour)
        return self.converted[colour]

    def converted_now(self, colour: str) -> CMYK:
        lightness, chroma = self.lab(colour)
        if chroma < NEUTRAL_CHROMA:
            return (0.0, 0.0, 0.0, self.black_for(lightness))
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), hex_rgb(colour)), self.to_cmyk).getpixel((0, 0))
        return tuple(round(value / 255, 3) for value in pixel)  # type: ignore[return-value]

    def lab(self, colour: str) -> tuple[float, float]:
        """(L*, chroma) of an sRGB colour."""
        lightness, a, b = ImageCms.applyTransform(Image.new("RGB", (1, 1), hex_rgb(colour)), self.to_lab).getpixel((0, 0))
        return lightness * 100 / 255, math.hypot(a - 128, b - 128)

    def ink_lightness(self, cmyk: tuple[int, int, int, int]) -> float:
        return ImageCms.applyTransform(Image.new("CMYK", (1, 1), cmyk), self.ink_to_lab).getpixel((0, 0))[0] * 100 / 255

    def black_for(self, lightness: float) -> float:
        """The black-only tint that prints at this lightness (solid black for near-black)."""
        if lightness < max(SOLID_BLACK_L, self.ink_lightness((0, 0, 0, 255))):
            return 1.0
        if lightness >= self.ink_lightness((0, 0, 0, 0)):
            return 0.0  # white, or as light as the paper: no ink
        low, high = 0, 255  # the black tint's lightness falls as it grows: bisect on it
        while high - low > 1:
            middle = (low + high) // 2
            if self.ink_lightness((0, 0, 0, middle)) > lightness:
                low = middle
            else:
                high = middle
        return round(high / 255, 3)

    @cached_property
    def limit(self) -> float:
        """The profile's total ink limit (0–4): what it prints for the darkest colour it has."""
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (0, 0, 0)), self.to_cmyk).getpixel((0, 0))
        return math.ceil(sum(pixel) / 255 * 100) / 100
