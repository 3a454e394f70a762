"""Files that editors and operating systems leave beside a team's own: never content, never a problem.

A Mac writes `.DS_Store` and `._name` files, Windows `Thumbs.db` and `desktop.ini`, Word a `~$card.nl.md`
lock file while a card is open, Vim `.card.nl.md.swp`, Emacs `#card.nl.md#` and many editors `card.nl.md~`;
a folder may be a Git repository or unzipped with `__MACOSX/`. Every reader of the content and assets
folders skips them (`is_leftover`), and `build.py check` lists them once (`leftovers`), without a warning.
"""
from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from pathlib import Path

PATTERNS = (".*", "~$*", "*~", "*.swp", "*.swo", "*.swx", "#*#", "*.bak", "*.tmp", "thumbs.db", "ehthumbs.db",
            "desktop.ini", "__macosx", "$recycle.bin", "icon\r", "4913")
"""Matched without regard to case (Windows and macOS folders ignore it). `4913` is the file Vim writes to test
that a folder is writable; dotfiles include .DS_Store, .git/, ._* and LibreOffice's .~lock.*# files."""
PLACEHOLDERS = (".keep", ".gitkeep")
"""Ignored like the others, but not listed: they are put there on purpose, to keep an empty folder in Git."""


LEFTOVER = re.compile("|".join(fnmatch.translate(pattern) for pattern in PATTERNS))
"""The patterns as one expression: fnmatchcase() with each, one after the other, for every file of a campaign."""


def is_leftover(name: str) -> bool:
    return LEFTOVER.match(name.lower()) is not None


def leftovers(*folders: Path) -> Iterator[Path]:
    """Every leftover file or folder inside `folders` (a leftover folder once, not its contents), in order."""
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.iterdir()):
            if is_leftover(path.name):
                if path.name not in PLACEHOLDERS:
                    yield path
            elif path.is_dir() and not path.is_symlink():
                yield from leftovers(path)
