"""Finishing a cleaned logo: prefixed ids, a viewBox, and a word about what print leaves out."""
from __future__ import annotations

import re

from lxml import etree

from ...problems import Problems
from .svg import DRAWING, Cleaning, local


def finish(root: etree._Element, cleaning: Cleaning, problems: Problems) -> None:
    """Prefixed ids, a viewBox, and a word about anything the print leaves out or a logo that draws nothing."""
    prefix_ids(root, cleaning)
    if root.get("viewBox") is None:
        width, height = (number(root.get(side)) for side in ("width", "height"))
        if width and height:
            root.set("viewBox", f"0 0 {width:g} {height:g}")
        else:
            problems.warn(cleaning.path, None, "logo", "has no size (no viewBox, width or height), so it may print at a "
                                                       "size nobody chose: ask the partner to export it again as SVG")
    if any(local(e) in ("linearGradient", "radialGradient", "pattern") for e in root.iter()):
        # PDF/X-1a has no transparency, and a gradient would print as an RGB shading: print flattens them (print/flat.py).
        problems.warn(cleaning.path, None, "logo", "has colour gradients or patterns: posters print each gradient as "
                                                   "one flat colour (and leave patterns out); check the logo on a "
                                                   "poster preview, or ask the partner for a version in flat colours")
    if cleaning.left_out:
        problems.warn(cleaning.path, None, "logo", f"left out of the print: {', '.join(sorted(cleaning.left_out))}; "
                                                   "check the logo on a poster preview (print/previews/)")
    if not any(local(e) in DRAWING - {"svg", "g", "defs", "symbol", "linearGradient", "radialGradient", "stop",
                                       "clipPath", "mask", "pattern"} for e in root.iter()):
        problems.warn(cleaning.path, None, "logo", "draws nothing: the partner's name is not printed either; "
                                                   "ask the partner for the logo again")


UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def number(value: str | None) -> float | None:
    """A width or height in user units (px), for the viewBox a logo without one gets."""
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|mm|cm|in)?\s*", value or "")
    return float(match.group(1)) * UNITS[match.group(2) or ""] if match else None


def prefix_ids(root: etree._Element, cleaning: Cleaning) -> None:
    """Ids and the references to them, prefixed with the logo's name (ids are shared by the whole page)."""
    def renamed(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"url(#{cleaning.prefix}{name})" if name in cleaning.ids else "none"

    for element in root.iter():
        if element.get("id"):
            element.set("id", cleaning.prefix + element.get("id"))
        for name, value in element.attrib.items():
            if "url(" in value:
                element.set(name, re.sub(r"url\(\s*(['\"]?)#([^'\")]*)\1\s*\)", renamed, value))
        reference = element.get("href")
        if reference is not None and reference.startswith("#"):
            element.set("href", f"#{cleaning.prefix}{reference[1:]}")


def serialise(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode")

