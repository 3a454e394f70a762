"""What a logo may point at: only its own parts; a picture in it only when small and grey."""
from __future__ import annotations

import base64
import binascii
import io
import re

from PIL import Image, UnidentifiedImageError
from lxml import etree

from .svg import MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS, VECTOR_ASK, Cleaning, local


def href(source: etree._Element, value: str, target: etree._Element, cleaning: Cleaning) -> None:
    """A reference from <use>, <image>, a gradient or <textPath>: to a part of the logo, or a small picture."""
    value = value.strip()
    if local(source) == "image" and value.lower().startswith("data:"):
        check_picture(value, source.sourceline, cleaning)
        target.set("href", value)
    elif value.startswith("#"):
        target.set("href", value)
    elif local(source) != "a":
        check_reference(value, source.sourceline, cleaning)


def check_link(element: etree._Element, cleaning: Cleaning) -> None:
    for name, value in element.attrib.items():
        if etree.QName(name).localname == "href" and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
            cleaning.refuse("script-link", element.sourceline, "has a link that runs a script")


def check_reference(target: str, line: int | None, cleaning: Cleaning) -> None:
    """Anything but a part of the logo itself (`#id`) is refused: the build never fetches or reads it."""
    target = target.strip()
    if target.startswith("#"):
        return
    lowered = target.lower()
    if re.match(r"(https?:)?//", lowered):
        cleaning.refuse("network", line, f"loads something from another site ({target[:80]}), which the build never "
                                         "fetches")
    elif lowered.startswith("file:"):
        cleaning.refuse("file", line, f"refers to a file on a computer ({target[:80]})")
    elif re.match(r"(javascript|vbscript):", lowered):
        cleaning.refuse("script-link", line, "has a link that runs a script")
    elif lowered.startswith("data:"):
        cleaning.refuse("data", line, "embeds data outside a picture (a data: address)")
    else:
        cleaning.refuse("other-file", line, f"refers to another file ({target[:80]}) instead of holding its drawing")


def check_picture(value: str, line: int | None, cleaning: Cleaning) -> None:
    """An embedded picture may stay only if it is small and grey (a colour picture would print in RGB)."""
    header, _comma, payload = value.partition(",")
    if not re.fullmatch(r"data:image/(png|jpeg|jpg|gif);base64", header.strip().lower()):
        cleaning.refuse("picture", line, f"embeds something that is not a PNG, JPEG or GIF picture ({header[:40]})",
                        VECTOR_ASK)
        return
    try:
        raw = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
    except (binascii.Error, ValueError):
        cleaning.refuse("picture", line, "embeds a damaged picture", VECTOR_ASK)
        return
    if len(raw) > MAX_PICTURE_BYTES:
        cleaning.refuse("picture", line, f"embeds a picture of {len(raw) // 1000} KB: a logo must be drawn as vector art "
                                         "to print sharp at metres wide", VECTOR_ASK)
        return
    try:
        with Image.open(io.BytesIO(raw)) as picture:
            width, height, mode = picture.width, picture.height, picture.mode
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        cleaning.refuse("picture", line, "embeds a damaged picture", VECTOR_ASK)
        return
    if width * height > MAX_PICTURE_PIXELS:
        cleaning.refuse("picture", line, f"embeds a picture of {width} × {height} pixels: a logo must be vector art",
                        VECTOR_ASK)
    elif mode not in ("1", "L", "LA", "CMYK"):
        cleaning.refuse("picture", line, f"embeds a colour picture ({width} × {height} pixels), which would print in "
                                         "RGB, not in the printer's inks", VECTOR_ASK)

