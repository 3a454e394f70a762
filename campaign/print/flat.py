"""Partner logos as flat drawing in the printer's inks.

PDF/X-1a, what printers ask for, allows no transparency, and an SVG gradient is laid out as an RGB
shading whatever its stops say. So before a (cleaned, content/logos/) logo is printed:
- a gradient paints with the average of its stops' colours;
- a colour with an opacity is mixed with the background the logo is printed on, and the opacity
  dropped (a group's opacity is passed on to what it contains);
- every #rrggbb colour becomes device-cmyk(...) of the output profile.
The logo may look a little plainer than the partner's file; it prints exactly as previewed.
"""
from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..content.model import CMYK
from .colour import hex_rgb

SVG = "{http://www.w3.org/2000/svg}"
OPACITY = {"fill": "fill-opacity", "stroke": "stroke-opacity"}


def flat_svg(svg: str, background: str, cmyk: Callable[[str], CMYK], ink: Callable[[CMYK], str]) -> str:
    """The logo with no gradient and no transparency left, its colours as CMYK inks."""
    return etree.tostring(flat_tree(svg, background, lambda colour: ink(cmyk(colour))), encoding="unicode")


def flat_rgb(svg: str, background: str) -> str:
    """The logo with no gradient and no transparency left, its colours still #rrggbb: for Typst, which reads no
    CMYK in an SVG (its colours are converted in the PDF it writes: typst/inks.py)."""
    return etree.tostring(flat_tree(svg, background, lambda colour: colour), encoding="unicode")


def flat_tree(svg: str, background: str, paint: Callable[[str], str]) -> etree._Element:
    root = etree.fromstring(svg.encode(), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    gradients = {element.get("id"): average_stop(element, background) for element in root.iter()
                 if isinstance(element.tag, str) and element.tag in (f"{SVG}linearGradient", f"{SVG}radialGradient")}
    flatten(root, 1.0, {"fill": ("#000000", 1.0), "stroke": ("none", 1.0)}, gradients, background)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and element.tag in (f"{SVG}linearGradient", f"{SVG}radialGradient"):
            element.getparent().remove(element)
        elif isinstance(element.tag, str):
            for name in OPACITY:
                value = element.get(name)
                if value and value.startswith("#"):
                    element.set(name, paint(value))
    return root


Paint = tuple[str, float]
"""A paint as written (a colour, `none` or `url(#…)`) and the opacity it is drawn with."""


def flatten(element: etree._Element, group: float, inherited: dict[str, Paint], gradients: dict[str | None, str],
            background: str) -> None:
    """Every element gets its fill and stroke as one opaque colour: inheritance resolved, gradients averaged,
    opacities (its own, inherited, and its groups') mixed with the background."""
    group *= number(element.attrib.pop("opacity", None))
    state = {}
    for name, own in OPACITY.items():
        paint, alpha = inherited[name]
        if own in element.attrib:
            alpha = number(element.attrib.pop(own))
        paint = element.get(name, paint)
        state[name] = (paint, alpha)
        if paint.startswith("url("):
            target = paint[paint.find("#") + 1:paint.find(")")].strip("'\" ")
            paint = gradients.get(target) or paint.partition(")")[2].strip() or "none"
        element.set(name, mix(paint, background, alpha * group))
    for child in element:
        if isinstance(child.tag, str):
            flatten(child, group, state, gradients, background)


def average_stop(gradient: etree._Element, background: str) -> str:
    """One colour for a gradient: the average of its stops, each mixed with the background by its opacity."""
    stops = [mix(stop.get("stop-color") or "#000000", background, number(stop.get("stop-opacity")))
             for stop in gradient if isinstance(stop.tag, str) and stop.tag == f"{SVG}stop"]
    if not stops:
        return background
    channels = [sum(hex_rgb(colour)[i] for colour in stops) / len(stops) for i in range(3)]
    return "#{:02x}{:02x}{:02x}".format(*(round(c) for c in channels))


def mix(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn at `alpha` over `background`, as one opaque colour."""
    if alpha >= 1 or not colour.startswith("#"):
        return colour
    front, back = hex_rgb(colour), hex_rgb(background)
    return "#{:02x}{:02x}{:02x}".format(*(round(alpha * f + (1 - alpha) * b) for f, b in zip(front, back, strict=True)))


def number(value: str | None) -> float:
    try:
        return min(1.0, max(0.0, float(value))) if value is not None else 1.0
    except ValueError:
        return 1.0
