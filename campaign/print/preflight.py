"""Preflight: what a printer checks before accepting a file, checked by the build on every PDF.

- every font embedded, none as OpenType (a PDF 1.6 form);
- CMYK only: no RGB, Lab or 3-component ICC colour set anywhere (page content, form XObjects,
  patterns, images, shadings);
- a PDF/X output intent with a CMYK profile;
- no colour over the profile's total ink limit, and no text in rich black;
- no transparency (PDF/X-1a has none): no soft mask, alpha or transparency group;
- the QR code, decoded from the rendered page with zxing-cpp, says exactly what was intended.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import zxingcpp
from PIL import Image

RGB_OPERATORS = {"rg", "RG"}
COLOUR_OPERATORS = " ".join(["cs", "CS", "k", "K", "sc", "scn", "SC", "SCN", "BT", "ET", "Tj", "TJ", "'", '"',
                             *RGB_OPERATORS])
"""The operators content_problems reads; the others (a QR code's thousands of path operators among them) are
skipped while parsing, in pikepdf's C++ rather than in a Python loop."""
NON_CMYK_FAMILIES = {"/DeviceRGB", "/CalRGB", "/Lab", "/RGB"}


def colour_space_is_cmyk_safe(space: object) -> bool:
    """DeviceCMYK, DeviceGray, Pattern, Separation/DeviceN and 4- or 1-component ICC are fine."""
    if isinstance(space, pikepdf.Name):
        return str(space) not in NON_CMYK_FAMILIES
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        family = str(space[0])
        if family in NON_CMYK_FAMILIES:
            return False
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) in (1, 4)
        if family == "/Indexed":
            return colour_space_is_cmyk_safe(space[1])
    return True


def resource_holders(page: pikepdf.Page) -> Iterator[tuple[str, pikepdf.Object]]:
    """The page, every form XObject and every tiling pattern reachable from it: each has content to parse."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, pikepdf.Object]] = [("page", page)]
    while stack:
        name, holder = stack.pop()
        yield name, holder
        resources = holder.get("/Resources") if hasattr(holder, "get") else None
        inner = [*(resources.get("/XObject", {}) if resources else {}).items(),
                 *(resources.get("/Pattern", {}) if resources else {}).items()]
        for key, xobject in inner:
            drawn = xobject.get("/Subtype") == "/Form" or xobject.get("/PatternType") == 1
            if drawn and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                stack.append((key, xobject))


def transparency_problems(pdf: pikepdf.Pdf) -> list[str]:
    """PDF/X-1a has no transparency: no soft masks, no constant alpha below 1, no transparency groups."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        for name, holder in resource_holders(page):
            group = holder.get("/Group")
            if group is not None and group.get("/S") == "/Transparency":
                problems.append(f"page {number}, {name}: a transparency group")
            resources = holder.get("/Resources") or pikepdf.Dictionary()
            for key, state in resources.get("/ExtGState", {}).items():
                if float(state.get("/CA", 1)) < 1 or float(state.get("/ca", 1)) < 1:
                    problems.append(f"page {number}, {name}: transparency ({key})")
                if state.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_:
                    problems.append(f"page {number}, {name}: a soft mask ({key})")
    return problems


def resource_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Pictures and shadings (gradients) in anything but CMYK or grey."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        for _name, holder in resource_holders(page):
            resources = holder.get("/Resources") or pikepdf.Dictionary()
            for key, xobject in resources.get("/XObject", {}).items():
                if xobject.get("/Subtype") == "/Image" and not colour_space_is_cmyk_safe(xobject.get("/ColorSpace", pikepdf.Name.DeviceGray)):
                    problems.append(f"page {number}, image {key}: RGB picture (convert it to CMYK)")
            shadings = [*resources.get("/Shading", {}).items(),
                        *((key, pattern.Shading) for key, pattern in resources.get("/Pattern", {}).items()
                          if pattern.get("/PatternType") == 2)]
            for key, shading in shadings:
                if not colour_space_is_cmyk_safe(shading.get("/ColorSpace")):
                    problems.append(f"page {number}, shading {key}: colour space is not CMYK")
    return problems


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    return sorted(set(name for name, descriptor in font_descriptors(pdf)
                      if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))))


def opentype_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Fonts embedded as OpenType (FontFile3 /OpenType), a PDF 1.6 form a PDF/X-1a (PDF 1.4) file may not hold."""
    return sorted(set(name for name, descriptor in font_descriptors(pdf)
                      if descriptor.get("/FontFile3", {}).get("/Subtype") == pikepdf.Name.OpenType))


def font_descriptors(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """(the font's name, the descriptor of each of its parts) of every font the pages and their forms use."""
    for page in pdf.pages:
        for _name, holder in resource_holders(page):
            resources = holder.get("/Resources") or pikepdf.Dictionary()
            for font in resources.get("/Font", {}).values():
                descendants = font.get("/DescendantFonts", [font])
                for part in descendants:
                    if part.get("/Subtype") == "/Type3":
                        continue
                    yield str(font.get("/BaseFont", "?")), part.get("/FontDescriptor", pikepdf.Dictionary())


def output_intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    intents = pdf.Root.get("/OutputIntents")
    if not intents:
        return ["no output intent (PDF/X needs one)"]
    intent = intents[0]
    profile = intent.get("/DestOutputProfile")
    if intent.get("/S") != "/GTS_PDFX" or profile is None or int(profile.get("/N", 0)) != 4:
        return ["the output intent is not a PDF/X intent with a CMYK profile"]
    return []


RICH_BLACK = (0.8, 0.15)
"""K at least 0.8 with 15 % or more of C+M+Y: a black made of four inks, which never register exactly in text."""


def content_problems(pdf: pikepdf.Pdf, limit: float) -> list[str]:
    """What the content of every page, form and tiling pattern draws with, read in one pass: no RGB operator
    or colour space; CMYK colours (`k`/`K`, or `sc`/`scn` in a four-component space) within the press's total
    ink limit, and no text in rich black. Separation colours (the registration marks) are not CMYK."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        for name, holder in resource_holders(page):
            where = f"page {number}, {name}"
            spaces = (holder.get("/Resources") or pikepdf.Dictionary()).get("/ColorSpace", {})
            four = {"fill": False, "stroke": False}
            fill: tuple[float, ...] | None = None
            in_text = False
            for operands, op in pikepdf.parse_content_stream(holder, COLOUR_OPERATORS):
                op = str(op)
                if op in RGB_OPERATORS:
                    problems.append(f"{where}: RGB colour ({op})")
                elif op in ("cs", "CS"):
                    space = spaces.get(str(operands[0]), operands[0])
                    if not colour_space_is_cmyk_safe(space):
                        problems.append(f"{where}: colour space {operands[0]} is not CMYK")
                    components = 4 if str(space) == "/DeviceCMYK" else (
                        int(space[1].get("/N", 0)) if isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased" else 0)
                    four["fill" if op == "cs" else "stroke"] = components == 4
                elif op in ("k", "K") or (op in ("sc", "scn", "SC", "SCN") and four["fill" if op.islower() else "stroke"]
                                          and len(operands) == 4):
                    colour = tuple(float(v) for v in operands)
                    fill = colour if op.islower() else fill
                    if sum(colour) > limit + 0.01:
                        problems.append(f"{where}: {sum(colour) * 100:.0f} % of ink in all, more than the profile's "
                                        f"{limit * 100:.0f} %")
                elif op in ("BT", "ET"):
                    in_text = op == "BT"
                elif in_text and op in ("Tj", "TJ", "'", '"') and fill and fill[3] >= RICH_BLACK[0] \
                        and sum(fill[:3]) >= RICH_BLACK[1]:
                    problems.append(f"{where}: text in rich black (C M Y K {' '.join(f'{v:g}' for v in fill)}): "
                                    "black text must be printed with black ink only")
    return list(dict.fromkeys(problems))


def check_pdf(path: Path, ink_limit: float) -> list[str]:
    """Everything a printer would reject, as short phrases; empty when the file is print-ready."""
    with pikepdf.open(path) as pdf:
        problems = content_problems(pdf, ink_limit) + resource_problems(pdf) + transparency_problems(pdf)
        problems += output_intent_problems(pdf)
        problems += [f"font {name} is not embedded" for name in unembedded_fonts(pdf)]
        problems += [f"font {name} is embedded as OpenType, which PDF 1.4 (PDF/X-1a) does not have"
                     for name in opentype_fonts(pdf)]
    return problems


def decoded(image: Image.Image) -> list[str]:
    """Every QR code on the image (only QR codes are looked for: trying each kind of linear barcode on every row
    took four fifths of the time)."""
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]
