"""What a prepress department checks beyond the page boxes and colours, fixed in the finished file (pikepdf):

- each embedded font subset gets a six-letter tag of its own (`ABCDEF+Noto-Sans`), derived from the product and the
  subset's glyphs: files ganged on one sheet, or a RIP's font cache, never mix two subsets under one name;
- CFF-based OpenType fonts (the CJK fonts) are embedded as bare CFF (`FontFile3 /CIDFontType0C`), which PDF 1.3
  has, not as `FontFile3 /OpenType`, which is PDF 1.6 and not allowed in a PDF/X-1a (PDF 1.4) file;
- the PDF/X identification as ISO 15930-4 states it (see PDFX_VERSION).
"""
from __future__ import annotations

import hashlib
import io
import string
from collections.abc import Iterator

import pikepdf
from fontTools.ttLib import TTFont

PDFX_VERSION = "PDF/X-1:2003"
PDFX_CONFORMANCE = "PDF/X-1a:2003"
"""ISO 15930-4:2003 (PDF/X-1a:2003) names the part in GTS_PDFXVersion and the conformance level in
GTS_PDFXConformance, both in the document information dictionary: `PDF/X-1:2003` and `PDF/X-1a:2003`. (The
standard's text is sold by ISO and could not be read here: these are the values that producers following it
closely write — mPDF, Scribus-derived and prepress tools — and poppler reads `PDF/X-1:2003` as ISO 15930-4.
`PDF/X-1a:2003` in both keys is a form some strict preflights refuse.) The XMP copy (pdfx:
namespace) says the same; the pdfxid: namespace belongs to PDF/X-4 and later, so it is removed."""

TAG_LETTERS = 6


def prepress(pdf: pikepdf.Pdf, product: str) -> None:
    """Every fix above, on an open PDF about to be saved; `product`: the file's name in the output."""
    for font, named in embedded_fonts(pdf):
        bare_cff(pdf, font)
        retag(font, named, product)
    identify(pdf)


def embedded_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, list[pikepdf.Dictionary]]]:
    """(the font whose descriptor holds the program, every font dictionary carrying its name): a composite font's
    descendant with the two of them, a simple font with itself."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        if obj.get("/Subtype") == pikepdf.Name.Type0:
            descendant = obj.DescendantFonts[0]
            if "/FontDescriptor" in descendant:
                yield descendant, [obj, descendant]
        elif "/FontDescriptor" in obj and obj.get("/Subtype") not in (pikepdf.Name.CIDFontType0, pikepdf.Name.CIDFontType2):
            yield obj, [obj]


def program(font: pikepdf.Dictionary) -> pikepdf.Stream | None:
    descriptor = font.FontDescriptor
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key]
    return None


def bare_cff(pdf: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
    """An OpenType font program holding CFF outlines, as its CFF table alone: `/CIDFontType0C` for a CIDFont,
    `/Type1C` for a simple font. A CFF font's glyphs are found the same way (by CID through its charset, or by
    glyph index) whether it is wrapped in OpenType or not, so the text prints the same glyphs."""
    descriptor = font.FontDescriptor
    stream = descriptor.get("/FontFile3")
    if stream is None or stream.get("/Subtype") != pikepdf.Name.OpenType:
        return
    table = TTFont(io.BytesIO(stream.read_bytes()), lazy=True)
    if "CFF " not in table:  # not seen (TrueType outlines come as FontFile2): the preflight refuses the file
        return
    cidfont = font.get("/Subtype") == pikepdf.Name.CIDFontType0
    descriptor.FontFile3 = pdf.make_stream(table.reader["CFF "], Subtype=pikepdf.Name.CIDFontType0C if cidfont
                                           else pikepdf.Name.Type1C)


def retag(font: pikepdf.Dictionary, named: list[pikepdf.Dictionary], product: str) -> None:
    """A subset's tag from the product and its glyphs (the embedded program): two different subsets, in one file
    or in two, never share a name."""
    stream = program(font)
    name = str(font.FontDescriptor.get("/FontName", ""))
    if stream is None or len(name) < TAG_LETTERS + 2 or name[TAG_LETTERS + 1] != "+":
        return  # not a subset
    digest = hashlib.sha256(product.encode() + b"\0" + stream.read_raw_bytes()).digest()
    number = int.from_bytes(digest[:8], "big")
    tag = ""
    for _ in range(TAG_LETTERS):
        number, letter = divmod(number, 26)
        tag += string.ascii_uppercase[letter]
    old = name[:TAG_LETTERS + 2]  # "/ABCDEF+"
    font.FontDescriptor.FontName = pikepdf.Name(f"/{tag}+{name[len(old):]}")
    for dictionary in named:  # a composite font's name may add its encoding: ABCDEF+Noto-Sans-CJK-Identity-H
        base = str(dictionary.get("/BaseFont", ""))
        if base.startswith(old):
            dictionary.BaseFont = pikepdf.Name(f"/{tag}+{base[len(old):]}")


def identify(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)
    pdf.docinfo["/GTS_PDFXConformance"] = pikepdf.String(PDFX_CONFORMANCE)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfx:GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdfx:GTS_PDFXConformance"] = PDFX_CONFORMANCE
        if "pdfxid:GTS_PDFXVersion" in meta:
            del meta["pdfxid:GTS_PDFXVersion"]
