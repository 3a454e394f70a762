"""Pictures of a finished product: its preview, and its QR code as a phone sees it (what preflight.decoded reads).

The preview is drawn in the worker's own process by PDFium (pypdfium2): poppler's pdftoppm took 26 ms of CPU for an
A0 poster's, most of it starting the process and loading the fonts again; PDFium takes 6 ms. The word check
(typst/engine.py) still reads words with poppler's pdftotext: PDFium boxes a letter by its ink where the ink passes
its advance (an "f" at the end of a line), which would refuse lines that poppler, and the printed poster, show
inside their box.
"""
from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
from PIL import Image

from .layouts import Box
from .qr import QUIET_ZONE

if TYPE_CHECKING:
    import segno

    from .artwork import Artwork

PREVIEW_PX = 1000
MODULE_PX = 3
"""Previews are 1000 px on their long side; longer for strips (300 px across at least, up to 4000 px). The QR code is
decoded at 3 px per module: from the preview where it has that many, else from its own region at that resolution."""


def preview_side(art: Artwork) -> int:
    long, short = max(art.page), min(art.page)
    return round(max(PREVIEW_PX, min(4 * PREVIEW_PX, 300 * long / short)))


def code_picture(pdf: Path, art: Artwork, code: segno.QRCode | None, preview: Image.Image) -> Image.Image:
    """The QR code as a phone sees it: the preview, or the code's region with a margin of paper around it, rendered
    alone at MODULE_PX a module (a 20 mm code on a 6 m billboard would need a picture of 500 million pixels)."""
    if code is None or art.qr is None:
        return preview
    modules = code.symbol_size(border=0)[0] + 2 * QUIET_ZONE
    needed = MODULE_PX * modules / art.qr.w  # px per mm of the file
    if preview.width / art.page[0] >= needed:
        return preview
    return raster_box(pdf, art.qr.inset(-0.25 * art.qr.w), needed)


def raster_box(pdf: Path, box: Box, px_per_mm: float) -> Image.Image:
    """Part of the first page (`box`, in mm from its top left corner) at `px_per_mm`: a small QR code on a large
    poster, read at the resolution a phone sees it without rasterising the whole poster at that resolution."""
    dpi = px_per_mm * 25.4
    x, y, w, h = (round(value * px_per_mm) for value in (box.x, box.y, box.w, box.h))
    command = ["pdftoppm", "-singlefile", "-f", "1", "-l", "1", "-r", f"{dpi:.3f}", "-x", str(max(x, 0)),
               "-y", str(max(y, 0)), "-W", str(w), "-H", str(h), str(pdf)]
    return Image.open(io.BytesIO(subprocess.run(command, capture_output=True, check=True).stdout))


def page_image(data: bytes, *, long_side: int) -> Image.Image:
    """The first page as an RGB image `long_side` pixels on its longer side (its crop box, as pdftoppm draws it)."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        # PDFium rounds each side up: a hair under the scale keeps a float's last digit from adding a pixel
        bitmap = page.render(scale=(long_side - 1e-6) / max(page.get_size()))
        return bitmap.to_pil().copy()  # its own pixels: the bitmap's buffer goes with the document
    finally:
        document.close()
