"""Every colour of a logo as #rrggbb, its alpha moved to an opacity: print turns them into CMYK."""
from __future__ import annotations

from collections.abc import Iterator

import tinycss2.color4
from lxml import etree

from .svg import PAINTS, Cleaning, local


def give_plain_colours(root: etree._Element, cleaning: Cleaning) -> None:
    """Every colour as #rrggbb, inherited `color` resolved for currentColor, black made explicit where
    SVG would draw it by default (left implicit, no colour step would see it to turn it into the printer's inks)."""
    stack = [(root, "#000000")]
    while stack:
        element, inherited = stack.pop()
        current = plain_colour(element, "color", element.get("color"), inherited, cleaning) or inherited
        element.attrib.pop("color", None)
        for name in ("fill", "stroke", "stop-color"):
            value = element.get(name)
            if value is None and name == "stop-color" and local(element) == "stop":
                value = "#000000"
            if value is not None:
                colour = plain_colour(element, name, value, current, cleaning)
                if colour is None:
                    del element.attrib[name]
                else:
                    element.set(name, colour)
        stack.extend((child, current) for child in element)
    if root.get("fill") is None:
        root.set("fill", "#000000")


def plain_colour(element: etree._Element, name: str, value: str | None, current: str,
                 cleaning: Cleaning) -> str | None:
    """`value` as #rrggbb, `none`, or a `url(#id)` paint with a plain fallback; alpha goes to the opacity."""
    if value is None:
        return None
    value = value.strip()
    lowered = value.lower()
    if lowered == "none" and name != "color":
        return lowered
    if lowered == "inherit":  # what fill and stroke do anyway; dropped so the default black is made explicit
        return None
    if lowered.startswith("url("):
        reference, _space, fallback = value.partition(")")
        fallback = fallback.strip()
        plain = plain_colour(element, name, fallback, current, cleaning) if fallback else None
        return f"{reference})" + (f" {plain}" if plain else "")
    first = value.split()[0] if value.split() and value.split()[0].startswith("#") else value  # `#f00 icc-color(…)`
    parsed = tinycss2.color4.parse_color(first)
    if parsed == "currentcolor":
        return current
    try:
        red, green, blue = (min(1.0, max(0.0, c)) for c in parsed.to("srgb").coordinates)
        alpha = parsed.alpha
    except (AttributeError, NotImplementedError, TypeError, ValueError):
        cleaning.refuse(f"colour {value}", element.sourceline, f"uses a colour the build cannot read ({value[:40]})",
                        "ask the partner for the logo with its colours in hex or RGB (or CMYK values to print it exactly)")
        return None
    if alpha < 1 and PAINTS.get(name):
        if alpha <= 0:
            return "none"
        opacity = PAINTS[name]
        element.set(opacity, f"{alpha * opacity_of(element.get(opacity)):.3g}")
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (red, green, blue)))


def opacity_of(value: str | None) -> float:
    try:
        return min(1.0, max(0.0, float(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)))
    except (AttributeError, ValueError):
        return 1.0


def colours_in(svg: str) -> Iterator[str]:
    """Every colour value the cleaned SVG holds (for checks and tests)."""
    root = etree.fromstring(svg.encode())
    for element in root.iter():
        for name in ("fill", "stroke", "stop-color"):
            if element.get(name) is not None:
                yield element.get(name)
