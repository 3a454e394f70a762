"""Station posters laid out by Typst: the artwork of poster_artwork.py (boxes of layouts/, texts) in, a PDF 1.4
out, every text box fitted in one compile (theme/print/poster.typ), for pdf.finish() to make print-ready. Screens
and sharing images too, as PNG (pictures.py), and the contact sheet (sheet.py)."""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..posters import PrintJob

ENGINE = "CAMPAIGN_POSTER_ENGINE"
"""`weasyprint` lays station posters, screens and sharing images out with WeasyPrint as before; anything else (the
default) with Typst."""


def chosen() -> bool:
    return os.environ.get(ENGINE, "typst") != "weasyprint"


KINDS = ("poster", "screen", "og")
"""What Typst lays out unless ENGINE says weasyprint: station posters, and the screens and sharing images (RGB
pictures, pictures.py). Card files (cards.py) always."""


def typst_in(jobs: Iterable[PrintJob]) -> bool:
    """Whether Typst lays some of these out. Typst then runs in a worker, never in the build's own process: a process
    that has compiled with it forks workers that hang at their first compile (its thread pool stays behind), and
    the preview and the tests build again and again in one process."""
    return any(job.kind == "card" or (chosen() and job.kind in KINDS) for job in jobs)
