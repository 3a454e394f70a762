"""What every print worker needs, computed once per build: its own module, so that the products and what comes
with them (extras.py) both take it without importing each other."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.model import Site
from ..publish.cache import Cache
from ..workers import Turn
from .assets import FontFace, OutputProfile


@dataclass(frozen=True)
class Workshop:
    """What every worker needs, computed once per build."""

    site: Site
    theme: Path
    cache: Cache
    faces: tuple[FontFace, ...]
    profile: OutputProfile
    fingerprint: str
    """Hash of the code, templates, fonts and profile: any change there invalidates every product."""
    turn: Turn | None = None
