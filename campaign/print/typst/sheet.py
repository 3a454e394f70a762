"""The contact sheet laid out by Typst (theme/print/contact-sheet.typ): every poster, card and screen's thumbnail,
labelled, on A4 pages, for approval (an RGB proof, not a print file).

Typst compiles only in worker processes (engine.py): `contact_sheet` is run in one (products.py). The thumbnails are
read from the print cache, which is the compile's root: Typst reads no file outside it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..extras import Product
from ..workshop import Workshop

if TYPE_CHECKING:
    import typst

TEMPLATE = "contact-sheet.typ"
PIECES = re.compile(r"[^-_]*[-_]|[^-_]+")
"""A file name's pieces, each ending in - or _: where a long name may break on the sheet."""
SHOWN = ("poster", "card", "screen")
"""The products on the sheet: sharing images are the website's, not print products to approve."""


def contact_sheet(shop: Workshop, products: list[Product]) -> bytes:
    """The sheet's PDF, its text in Noto Sans (file names, station ids and languages: Latin letters). Only Noto Sans's
    folder is given: the CJK collections beside it take 0.3 s more to index, for nothing here."""
    root = shop.cache.folder
    data = {"campaign": shop.site.campaign.slug,
            "products": [{"thumbnail": "/" + product.thumbnail.relative_to(root).as_posix(),
                          "pieces": PIECES.findall(product.job.file.removeprefix("print/")), "caption": caption(product)}
                         for product in products if product.job.kind in SHOWN]}
    compiler = sheet_compiler((shop.theme / "print" / TEMPLATE).read_bytes(), str(root))
    return compiler.compile(sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, pdf_tags=False)


def sheet_compiler(template: bytes, root: str) -> typst.Compiler:
    """A new one for every sheet: a compiler kept between sheets (the preview's warm worker) made the same sheet
    again after a save (tests/test_preview_print.py: the thumbnails are files it reads, not inputs)."""
    import typst

    return typst.Compiler(template, root=root, font_paths=[str(sans_folder())], ignore_system_fonts=True)


def caption(product: Product) -> str:
    """What the product is: kind · station · format · languages."""
    job = product.job
    parts = [job.kind, job.station.id if job.station else "", job.format.name if job.format else "", "-".join(job.languages)]
    return " · ".join(part for part in parts if part)


def sans_folder() -> Path:
    """The folder of Noto Sans, the sheet's one font."""
    from ..scripts import BASE, installed
    from .engine import NOTO_FOLDERS

    family = next((family for family in installed().values() if family.name == BASE), None)
    return family.files[0][0].parent if family else NOTO_FOLDERS[0]
