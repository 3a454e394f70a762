"""What a long command tells the team while it works, a stage at a time: beside Problems, which it tells at the end.

Its own module so that every command (build, check, new, scans) can show it without importing the command line.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str], None]
"""Told what the build is doing, a stage at a time (the command line shows it)."""


class StatusLine:
    """On a terminal, one status line rewritten in place; elsewhere (CI logs), one line per stage."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.live = out.isatty()
        self.started = time.perf_counter()

    def __call__(self, stage: str) -> None:
        line = f"[{time.perf_counter() - self.started:5.1f} s] {stage}"
        if self.live:
            self.out.write("\r\033[K" + line)
        else:
            self.out.write(line + "\n")
        self.out.flush()

    def done(self) -> None:
        if self.live:
            self.out.write("\r\033[K")
            self.out.flush()
