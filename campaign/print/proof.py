"""A finished PDF's first page as an image, in the worker's own process (PDFium, through pypdfium2): the preview
the QR code is decoded from, and the thumbnail.

poppler's pdftoppm took 26 ms of CPU for an A0 poster's preview, most of it starting the process and loading the
fonts again; PDFium renders it in 6 ms. The word check (typst/engine.py) still reads words with poppler's
pdftotext: PDFium boxes a letter by its ink where the ink passes its advance (an "f" at the end of a line), which
would refuse lines that poppler, and the printed poster, show inside their box.
"""
from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image


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
