"""Partner logos: read as untrusted SVG, written out again as plain drawing with every colour as #rrggbb.

Logos arrive by e-mail. An SVG is a program as much as a picture: it can hold scripts, load
images from other sites or files on the computer, define entities that expand to gigabytes, or
be something else renamed to .svg. So each logo named in campaign.yml is

- parsed by a hardened XML parser: no DTD, no entities, no network, no huge trees;
- refused, naming the file, line and what to ask the partner for, when it holds a script, an
  event attribute, web page content (`foreignObject`), a reference to anything outside itself
  (another site, a `file:`, another file), or a picture that is large or in colour;
- rebuilt from an allow-list of drawing elements and attributes (editors' private data is left
  out; other SVG features that print cannot use are left out with a warning);
- given plain colours: `style` attributes and `<style>` sheets become presentation attributes,
  and every colour (`#abc`, `rgb()`, `hsl()`, named, `currentColor`, gradient stops) becomes
  `#rrggbb`, with any transparency moved to an opacity attribute. Print turns them into CMYK.

Ids are prefixed with the logo's name, so two logos on one poster cannot use each other's
gradients. The result is stored in the model (`Partner.svg`): print never reads the file.
"""
from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cssselect2
import tinycss2
import tinycss2.color4
from lxml import etree
from PIL import Image, UnidentifiedImageError

from ..problems import Problems

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


def clean_logo(path: Path, problems: Problems) -> str | None:
    """The logo as a cleaned SVG string, or None after reporting why it cannot be printed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, None, "logo", f"cannot be read ({exc.strerror}): save the logo again and check the file")
        return None
    cleaning = Cleaning(path, "logo-" + (re.sub(r"[^a-zA-Z0-9]+", "-", path.stem).strip("-").lower() or "x") + "-")
    try:
        root = parse(data, cleaning)
        clean = rebuild(root, style_sheets(root, cleaning), cleaning)
    except Refused as exc:
        problems.error(path, exc.args[1], "logo", exc.args[0])
        return None
    give_plain_colours(clean, cleaning)
    if cleaning.refusals:
        cleaning.report(problems)
        return None
    finish(clean, cleaning, problems)
    return serialise(clean)


# --- reading ------------------------------------------------------------------------------

def parse(data: bytes, cleaning: Cleaning) -> etree._Element:
    """The XML tree, or Refused: for files that are not SVG, are broken, or define entities."""
    start = data.lstrip()[:8]
    for magic, what in NOT_SVG:
        if start.startswith(magic):
            raise Refused(f"is {what}, not an SVG file, although it is named .svg: ask the partner for the logo "
                          "as an SVG file (vector art), exported from the drawing program", None)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True, dtd_validation=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"cannot be read as SVG ({exc.msg}): it is damaged or not an SVG file; ask the partner to "
                      "export the logo again as SVG", exc.lineno) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise Refused(f"cannot be read as SVG ({exc}): ask the partner to export the logo again as SVG", None) from None
    doctype = root.getroottree().docinfo.internalDTD
    if doctype is not None and (list(doctype.iterentities()) or list(doctype.iterelements())):
        raise Refused("defines its own entities (<!ENTITY …> in its DOCTYPE), which can make it read other files or "
                      "grow without end: ask the partner to export the logo again as plain SVG", 1)
    if local(root) != "svg" or namespace(root) not in (SVG, None):
        raise Refused(f"is not an SVG file (it is XML of another kind, <{local(root)}>): ask the partner for the logo "
                      "as an SVG file", root.sourceline)
    count = sum(1 for _ in root.iter())
    if count > MAX_ELEMENTS:
        raise Refused(f"has {count} parts, far more than a logo (it is probably a traced photo): ask the partner "
                      "for the vector logo", None)
    if any(True for _ in root.iter(etree.Entity)):
        raise Refused("uses entities (&name;) that are not defined: ask the partner to export the logo again as SVG",
                      None)
    return root


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace if isinstance(element.tag, str) else None


def is_svg(element: etree._Element) -> bool:
    return namespace(element) in (SVG, None)


# --- style sheets -------------------------------------------------------------------------

Declarations = dict[str, str]


def style_sheets(root: etree._Element, cleaning: Cleaning) -> dict[etree._Element, Declarations]:
    """What the logo's <style> sheets say for each element, in cascade order (later rules win). The keys
    keep each element's proxy alive, so lxml hands out the same object when the tree is walked again."""
    matcher = cssselect2.Matcher()
    rules = 0
    for style in (e for e in root.iter() if is_svg(e) and local(e) == "style"):
        for rule in tinycss2.parse_stylesheet(style.text or "", skip_whitespace=True, skip_comments=True):
            rules += add_rule(matcher, rule, style.sourceline, cleaning)
    if not rules:
        return {}
    found: dict[etree._Element, Declarations] = {}
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        matches = sorted((m for m in matcher.match(wrapper) if m[2] is None), key=lambda m: (m[0], m[1]))
        if matches:
            merged: Declarations = {}
            for *_order, declarations in matches:
                merged |= declarations
            found[wrapper.etree_element] = merged
    return found


def add_rule(matcher: cssselect2.Matcher, rule: object, line: int | None, cleaning: Cleaning) -> int:
    """Add one rule of a <style> sheet; at-rules are refused (@import, fonts) or left out. Returns 1 if added."""
    if rule.type == "at-rule":
        text = tinycss2.serialize([rule])
        for target in URL.findall(text) + re.findall(r"@import\s+['\"]([^'\"]*)", text):
            check_reference(target[1] if isinstance(target, tuple) else target, line, cleaning)
        if rule.lower_at_keyword == "import":
            cleaning.refuse("import", line, "its style sheet imports another file (@import)")
        else:
            cleaning.left_out.add(f"@{rule.lower_at_keyword} rules")
        return 0
    if rule.type != "qualified-rule":
        cleaning.left_out.add("style rules it cannot read")
        return 0
    try:
        selectors = cssselect2.compile_selector_list(rule.prelude)
    except cssselect2.SelectorError:
        cleaning.left_out.add("style rules it cannot read")
        return 0
    declarations = declarations_of(rule.content, line, cleaning)
    for selector in selectors:
        matcher.add_selector(selector, declarations)
    return 1


def declarations_of(tokens: list | str, line: int | None, cleaning: Cleaning) -> Declarations:
    """`fill: red; stroke: …` as {name: value}, for the properties a logo may keep."""
    result: Declarations = {}
    for item in tinycss2.parse_blocks_contents(tokens, skip_whitespace=True, skip_comments=True):
        if item.type != "declaration":
            continue
        value = tinycss2.serialize(item.value).strip()
        for _quote, target in URL.findall(value):
            check_reference(target, line, cleaning)
        if item.lower_name in PRESENTATION:
            result[item.lower_name] = value
    return result


# --- rebuilding from the allow-list ---------------------------------------------------------

def rebuild(root: etree._Element, sheets: dict[etree._Element, Declarations], cleaning: Cleaning) -> etree._Element:
    """A new tree holding only what is allowed; refusals are collected in `cleaning`."""
    clean = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG})
    clean.sourceline = root.sourceline
    copy_attributes(root, clean, sheets, cleaning)
    copy_children(root, clean, sheets, cleaning)
    return clean


def copy_children(source: etree._Element, target: etree._Element, sheets: dict[etree._Element, Declarations],
                  cleaning: Cleaning) -> None:
    for child in source:
        name = allowed_element(child, cleaning)
        if name is None:
            continue
        copy = etree.SubElement(target, f"{{{SVG}}}{name}")
        copy.sourceline = child.sourceline  # so that colours checked later are reported with their line
        copy_attributes(child, copy, sheets, cleaning)
        if name in TEXT:
            copy.text = child.text
        copy_children(child, copy, sheets, cleaning)
        if local(source) in TEXT:  # words between the spans of one text
            copy.tail = child.tail


def allowed_element(element: etree._Element, cleaning: Cleaning) -> str | None:
    """The SVG name to copy the element as, or None to leave it out (refusing it if it is dangerous)."""
    if not isinstance(element.tag, str):
        return None
    name, ns = local(element), namespace(element)
    if ns in REFUSED_NAMESPACES:
        cleaning.refuse(ns, element.sourceline, f"contains {REFUSED_NAMESPACES[ns]}")
        return None
    if ns not in (SVG, None):
        return None  # an editor's private data (Inkscape, Illustrator, Sketch): never drawn
    if name in REFUSED:
        cleaning.refuse(name, element.sourceline, f"contains {REFUSED[name]}")
        return None
    if name == "a":  # a link around part of the drawing: print keeps the drawing, not the link
        check_link(element, cleaning)
        return "g"
    if name in NOT_DRAWN:
        return None
    if name not in DRAWING:
        cleaning.left_out.add(f"<{name}>")
        return None
    return name


def copy_attributes(source: etree._Element, target: etree._Element, sheets: dict[etree._Element, Declarations],
                    cleaning: Cleaning) -> None:
    """Geometry as it is; presentation from attributes, then the style sheet, then `style=""` (the cascade);
    references only inside the logo."""
    line = source.sourceline
    presentation: Declarations = {}
    for name, value in source.attrib.items():
        qname = etree.QName(name)
        attr, ns = qname.localname, qname.namespace
        if attr.lower().startswith("on") and ns is None:
            cleaning.refuse("event", line, f"has an event attribute ({attr}=…), which runs a script")
        elif attr == "href" and ns in (XLINK, None):
            href(source, value, target, cleaning)
        elif ns is not None:
            continue  # xml:space, editors' attributes
        elif attr == "style":
            continue  # applied last, below
        elif attr in PRESENTATION:
            presentation[attr] = value.strip()
            for _quote, reference in URL.findall(value):
                check_reference(reference, line, cleaning)
        elif attr in GEOMETRY:
            target.set(attr, value)
    presentation |= sheets.get(source, {})
    style = source.get("style")
    if style:
        presentation |= declarations_of(style, line, cleaning)
    for name, value in presentation.items():  # references were checked where they were read
        target.set(name, value)
    if target.get("id"):
        cleaning.ids.add(target.get("id"))


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


# --- colours ------------------------------------------------------------------------------

def give_plain_colours(root: etree._Element, cleaning: Cleaning) -> None:
    """Every colour as #rrggbb, inherited `color` resolved for currentColor, black made explicit where
    SVG would draw it by default (left implicit, WeasyPrint writes it as RGB)."""
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


# --- finishing ------------------------------------------------------------------------------

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
        # PDF/X-1a has no transparency, and WeasyPrint writes gradients in RGB: print flattens them (print/flat.py).
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


def colours_in(svg: str) -> Iterator[str]:
    """Every colour value the cleaned SVG holds (for checks and tests)."""
    root = etree.fromstring(svg.encode())
    for element in root.iter():
        for name in ("fill", "stroke", "stop-color"):
            if element.get(name) is not None:
                yield element.get(name)
