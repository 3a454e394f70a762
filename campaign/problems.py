"""Problems found in content, reported together as `path[:line]: field: what is wrong`.

Loading never stops at the first mistake: every stage adds what it finds to one
`Problems` list, and the build refuses to publish if any of them is an error.
"""
from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str
    message: str
    error: bool
    column: int | None = None
    """1-based, where it helps to find an invisible character; shown as path:line:column."""

    def render(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None and self.path.is_relative_to(root):
            shown = self.path.relative_to(root)
        where = f"{shown}:{self.line}" if self.line else str(shown)
        if self.line and self.column:
            where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return printable(f"{where}:{field} {self.message}")


def printable(text: str) -> str:
    """Control and invisible characters quoted from a file are shown as <U+202E>: printed raw, they
    could clear the terminal or reverse the rest of the line, hiding what the message says."""
    return "".join(" " if ch in "\t\n" else f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
                   else ch for ch in text)


class Problems:
    """An ordered collection of errors and warnings from one build."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: Path, line: int | None, field: str, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, field, message, error=True, column=column))

    def warn(self, path: Path, line: int | None, field: str, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, field, message, error=False, column=column))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.error]

    def fails(self, strict: bool) -> bool:
        """True when the build must not publish: any error, or any warning under --strict."""
        return bool(self.errors) or (strict and bool(self.warnings))


class BuildFailed(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems


def report(problems: Problems, out: TextIO | None = None) -> None:
    """Errors first, then warnings, each on one line with its path relative to the current folder."""
    out = out or sys.stderr
    root = Path.cwd()
    for problem in problems.errors:
        print(f"error: {problem.render(root)}", file=out)
    for problem in problems.warnings:
        print(f"warning: {problem.render(root)}", file=out)
