"""Reading a logo: a hardened XML parser, and what is refused before anything else is looked at."""
from __future__ import annotations

from lxml import etree

from .svg import MAX_ELEMENTS, NOT_SVG, SVG, Cleaning, Refused, local, namespace


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

