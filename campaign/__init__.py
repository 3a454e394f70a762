"""Static-site and print build for awareness campaigns against human trafficking.

The build reads top to bottom in pipeline.py; each stage has a folder of its own:
content/ (files → model) → site/ (model → web pages) and print/ (model → posters, cards, images)
→ publish/ (into the output folder atomically, never over a folder the build did not make).
preview/ serves it.
"""
