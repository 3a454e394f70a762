"""Station posters laid out by Typst: the artwork of poster_artwork.py (boxes of layouts/, texts) in, a PDF 1.4
out, every text box fitted in one compile (theme/print/poster.typ), for pdf.finish() to make print-ready."""
from __future__ import annotations

import os

ENGINE = "CAMPAIGN_POSTER_ENGINE"
"""`typst` lays station posters out with Typst; anything else (the default, for now) with WeasyPrint."""


def chosen() -> bool:
    return os.environ.get(ENGINE, "weasyprint") == "typst"
