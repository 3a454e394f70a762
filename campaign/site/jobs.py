"""What the website's stages hand each other: a language's render job and what a template run reports.

Its own module so that the render stage, the views and the Pelican generator can share it without importing one
another in a circle.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.model import Site
from ..options import PROJECT
from ..publish.cache import Cache
from .plan import Plan

PELICANCONF = PROJECT / "pelicanconf.py"
TEMPLATES_CACHE = "templates"
"""Beside the page cache: the templates compiled by Jinja, kept for the next language and the next build."""


@dataclass(frozen=True)
class RenderJob:
    """One language's files, for a worker."""

    site: Site
    """The campaign, with the cards and pages of this language only (less to send to the worker)."""
    plan: Plan
    lang: str
    pages: bool
    """Write the language's pages."""
    shared: bool
    """Write the language-neutral files (root page, sitemap, robots.txt, style sheet), with this language's."""
    fingerprint: str
    """The theme's, the catalogs' and the code's: part of every file's cache key."""
    cache: Cache


TemplateProblem = tuple[Path, "int | None", str]
"""(template file, line, what went wrong)."""
