"""Rebuilding a logo from the allow-list: only drawing, no references outside itself, small grey pictures only."""
from __future__ import annotations

from lxml import etree

from .references import check_link, check_reference, href
from .styles import declarations_of
from .svg import (DRAWING, GEOMETRY, NOT_DRAWN, PRESENTATION, REFUSED, REFUSED_NAMESPACES, SVG, TEXT, URL, XLINK,
                  Cleaning, Declarations, local, namespace)


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
