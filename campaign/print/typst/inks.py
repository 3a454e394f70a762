"""The colours Typst writes for an SVG (a partner's logo), as the output profile's inks.

Typst reads no CMYK in an SVG: it writes the logo's colours as sRGB (`/c0 cs r g b scn`, an ICCBased space of
three components) and its greys in an ICCBased gray space. PDF/X-1a allows neither RGB nor a gray that bypasses
the profile's black, so each such colour is set again here as DeviceCMYK (`k`/`K`), converted the way the rest
of the poster's colours are (colour.Inks: LittleCMS with the output profile, neutrals on the black plate only).
The template's own colours are cmyk() already and are left as they are; gray left in an ICC-based space (a grey
picture) becomes DeviceGray.
"""
from __future__ import annotations

from decimal import Decimal

import pikepdf

from ..colour import Inks
from ..preflight import resource_holders

FILL_OPS = {"sc": "fill", "scn": "fill", "SC": "stroke", "SCN": "stroke"}
DEVICE_OPS = {"rg": ("fill", 3), "RG": ("stroke", 3), "g": ("fill", 1), "G": ("stroke", 1)}
Spaces = dict[str, int]
"""What the fill and the stroke are set in: the number of components of an RGB or gray space to convert (0: one
that is left as it is, such as DeviceCMYK)."""


def as_inks(pdf: pikepdf.Pdf, inks: Inks) -> None:
    """Every RGB and gray colour set on the pages and their forms, set again as the profile's CMYK."""
    holders = [(holder, icc_spaces(holder.get("/Resources") or pikepdf.Dictionary()))
               for page in pdf.pages for _name, holder in resource_holders(page)]
    for holder, converted in holders:  # every content first: a page and its forms may share their spaces
        if not converted:  # the template's own content: cmyk() only
            continue
        data = pikepdf.unparse_content_stream(recoloured(pikepdf.parse_content_stream(holder), converted, inks))
        if isinstance(holder, pikepdf.Page):
            holder.obj.Contents = pdf.make_stream(data)
        else:
            holder.write(data)
    for holder, converted in holders:  # then the spaces nothing sets any more
        spaces = holder.Resources.get("/ColorSpace") if converted else None
        for name in converted:
            if spaces is not None and name in spaces:
                del spaces[name]


def icc_spaces(resources: pikepdf.Dictionary) -> dict[str, int]:
    """The resource names of the ICC-based RGB and gray spaces, with their number of components."""
    spaces = resources.get("/ColorSpace") or pikepdf.Dictionary()
    return {str(name): int(space[1].get("/N", 0)) for name, space in spaces.items()
            if isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased" and int(space[1].get("/N", 0)) in (1, 3)}


def recoloured(instructions: list, converted: dict[str, int], inks: Inks) -> list:
    """The content with each colour of a `converted` space (or DeviceRGB, DeviceGray) set as CMYK instead; the
    spaces are followed through `q`/`Q`, which save and restore them."""
    out = []
    state: Spaces = {"fill": 0, "stroke": 0}
    saved: list[Spaces] = []
    for instruction in instructions:
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            saved.append(dict(state))
        elif op == "Q" and saved:
            state = saved.pop()
        elif op in ("cs", "CS"):
            which = "fill" if op == "cs" else "stroke"
            state[which] = converted.get(str(operands[0]), 0)
            if state[which]:
                continue  # the colour that follows sets DeviceCMYK itself
        elif op in FILL_OPS and state[FILL_OPS[op]] and len(operands) == state[FILL_OPS[op]]:
            out.append(cmyk_instruction([float(v) for v in operands], inks, op.islower()))
            continue
        elif op in DEVICE_OPS and len(operands) == DEVICE_OPS[op][1]:
            state[DEVICE_OPS[op][0]] = 0
            out.append(cmyk_instruction([float(v) for v in operands], inks, op.islower()))
            continue
        elif op in ("k", "K"):
            state["fill" if op == "k" else "stroke"] = 0
        out.append(instruction)
    return out


def cmyk_instruction(components: list[float], inks: Inks, fill: bool) -> pikepdf.ContentStreamInstruction:
    """`r g b` (or a gray level) as the profile's C M Y K, set with `k` (fill) or `K` (stroke)."""
    rgb = components * 3 if len(components) == 1 else components
    colour = "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)
    values = [Decimal(f"{v:g}") for v in inks.cmyk(colour)]
    return pikepdf.ContentStreamInstruction(values, pikepdf.Operator("k" if fill else "K"))


def gray_as_device(pdf: pikepdf.Pdf) -> None:
    """Gray left in an ICC-based space (a small grey picture in a logo) as DeviceGray, which PDF/X-1a allows: it prints
    on the black plate."""
    for page in pdf.pages:
        for _name, holder in resource_holders(page):
            resources = holder.get("/Resources") or pikepdf.Dictionary()
            spaces = resources.get("/ColorSpace") or pikepdf.Dictionary()
            for name, space in spaces.items():
                if icc_gray(space):
                    spaces[name] = pikepdf.Name.DeviceGray
            for xobject in resources.get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Image" and icc_gray(xobject.get("/ColorSpace")):
                    xobject.ColorSpace = pikepdf.Name.DeviceGray


def icc_gray(space: object) -> bool:
    return isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased" and int(space[1].get("/N", 0)) == 1
