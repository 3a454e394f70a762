"""What a logo may hold and what cleaning one found: the allow-lists, and the record of refusals."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ...problems import Problems


SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
ASK = "ask the partner for a plain SVG logo without scripts or linked images"
VECTOR_ASK = "ask the partner for the logo as vector art: an SVG without pictures in it"
MAX_ELEMENTS = 20_000
"""A logo is a few hundred shapes; tens of thousands is a traced photo or a trap."""
MAX_PICTURE_BYTES = 32_000
MAX_PICTURE_PIXELS = 512 * 512
"""A small grey picture (a texture, a signature) may stay; anything larger should be vector art."""

DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "image",
})
TEXT = frozenset({"text", "tspan", "textPath"})
NOT_DRAWN = frozenset({"title", "desc", "metadata", "style"})
"""Left out without a word: they draw nothing (style sheets are applied first)."""
REFUSED = {
    "script": "a script (<script>)",
    "foreignObject": "web page content (<foreignObject>), which can hold anything",
    "iframe": "an embedded web page (<iframe>)", "embed": "embedded content (<embed>)",
    "object": "embedded content (<object>)", "handler": "a script (<handler>)", "listener": "a script (<listener>)",
    "audio": "sound (<audio>)", "video": "video (<video>)", "canvas": "a canvas (<canvas>)",
}
REFUSED_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "web page content (HTML)",
    "http://www.w3.org/2001/XInclude": "an instruction to include another file (XInclude)",
}
GEOMETRY = frozenset({
    "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy", "fr", "x1", "y1", "x2", "y2", "points",
    "d", "viewBox", "preserveAspectRatio", "transform", "gradientUnits", "gradientTransform", "spreadMethod",
    "offset", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
    "maskContentUnits", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "pathLength", "id",
})
PRESENTATION = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "stop-color",
    "stop-opacity", "clip-path", "clip-rule", "mask", "display", "visibility", "font-family", "font-size",
    "font-weight", "font-style", "font-variant", "font-stretch", "text-anchor", "letter-spacing", "word-spacing",
    "text-decoration", "dominant-baseline", "alignment-baseline", "baseline-shift", "writing-mode", "direction",
    "color", "paint-order", "vector-effect", "overflow",
})
PAINTS = {"fill": "fill-opacity", "stroke": "stroke-opacity", "stop-color": "stop-opacity", "color": None}
"""Colour properties, each with the opacity that takes a colour's alpha."""
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
HEX = re.compile(r"#[0-9a-f]{6}")
NOT_SVG = (
    (b"\x89PNG", "a PNG picture"), (b"\xff\xd8\xff", "a JPEG photo"), (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF file (perhaps an Illustrator file)"), (b"%!PS", "a PostScript or EPS file"),
    (b"PK\x03\x04", "a zip archive (perhaps a Word or Office file)"), (b"RIFF", "a WebP picture"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x1f\x8b", "a compressed file (SVGZ)"),
)


class Refused(Exception):
    """Stops the cleaning of one logo when nothing more can be checked (not SVG, unreadable)."""


@dataclass
class Cleaning:
    """What cleaning one logo found: refusals (kind → first line, message, count) and what was left out."""

    path: Path
    prefix: str
    refusals: dict[str, list] = field(default_factory=dict)
    """kind → [first line, message, count, what to ask the partner for]."""
    left_out: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def refuse(self, kind: str, line: int | None, message: str, ask: str = ASK) -> None:
        """One message per kind of refusal, at its first line, with how many more there are."""
        known = self.refusals.get(kind)
        if known is None:
            self.refusals[kind] = [line, message, 1, ask]
            return
        known[2] += 1
        if line is not None and (known[0] is None or line < known[0]):
            known[0], known[1] = line, message

    def report(self, problems: Problems) -> None:
        for line, message, count, ask in sorted(self.refusals.values(), key=lambda r: r[0] or 0):
            more = f" (and {count - 1} more like it)" if count > 1 else ""
            problems.error(self.path, line, "logo", f"{message}{more}: {ask}")


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace if isinstance(element.tag, str) else None


def is_svg(element: etree._Element) -> bool:
    return namespace(element) in (SVG, None)


Declarations = dict[str, str]

