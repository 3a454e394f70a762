"""Only regular files are read: a named pipe, socket or device where a team's file would be is never opened.

Opening a named pipe waits until something writes into it (a build that never ends); a device may never end
(`/dev/zero`) or have side effects when opened. Such a path is said once, by what it is, and skipped.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
         (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))


class NotRegular(OSError):
    """What lies at the path is not a file: `what` names it ("a named pipe")."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a file")
        self.what = what
        self.strerror = f"it is {what}, not a file"


def special(path: Path) -> str | None:
    """What `path` is when it is something other than a regular file (following links), else None; a path that
    cannot be looked at is None too: reading it says why."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return kind(mode)


def kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in KINDS if test(mode)), "not a file")


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; NotRegular for anything else, found before opening it and checked again on
    what was opened (non-blocking, so that a pipe swapped in meanwhile cannot make the build wait)."""
    what = special(path)
    if what is not None:
        raise NotRegular(path, what)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as handle:
        what = kind(os.fstat(descriptor).st_mode)
        if what is not None:
            raise NotRegular(path, what)
        return handle.read()
