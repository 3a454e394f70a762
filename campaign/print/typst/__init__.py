"""Station posters laid out by Typst: the artwork of poster_artwork.py (boxes of layouts/, texts) in, a PDF 1.4
out, every text box fitted in one compile (theme/print/poster.typ), for pdf.finish() to make print-ready."""
from __future__ import annotations

import os

ENGINE = "CAMPAIGN_POSTER_ENGINE"
"""`weasyprint` lays station posters out with WeasyPrint as before; anything else (the default) with Typst."""


def chosen() -> bool:
    return os.environ.get(ENGINE, "typst") != "weasyprint"
