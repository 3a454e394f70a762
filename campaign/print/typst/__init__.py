"""Every print product laid out by Typst: station posters (engine.py: the artwork of poster_artwork.py in, a PDF 1.4
out, every text box fitted in one compile of theme/print/poster.typ, for pdf.finish() to make print-ready), card
files (cards.py), screens and sharing images as PNG (pictures.py), and the contact sheet (sheet.py).

Typst runs in worker processes only, never in the build's own process: a process that has compiled with it forks
workers that hang at their first compile (its thread pool stays behind), and the preview and the tests build again
and again in one process."""
