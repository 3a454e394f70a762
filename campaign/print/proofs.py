"""Pictures of a finished product: its preview, and its QR code as a phone sees it (what preflight.decoded reads)."""
from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

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
