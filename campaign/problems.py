"""Problems found in content, reported together as `path[:line]: field: what is wrong`.

Loading never stops at the first mistake: every stage adds what it finds to one
`Problems` list, and the build refuses to publish if any of them is an error.
"""
from __future__ import annotations

import errno
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
        self.strict = False
        """Warnings stop the build too: --strict, or `strict: true` in campaign.yml (set once it is read)."""
        self.items: list[Problem] = []
        self.notes: list[Problem] = []
        """Worth knowing, never a reason to stop (not even under --strict): what a format leaves out, say."""

    def error(self, path: Path, line: int | None, field: str, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, field, message, error=True, column=column))

    def warn(self, path: Path, line: int | None, field: str, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, field, message, error=False, column=column))

    def note(self, path: Path, line: int | None, field: str, message: str) -> None:
        self.notes.append(Problem(path, line, field, message, error=False))

    def joined(self, later: Problems) -> Problems:
        """These problems, then those of a later part of the same build that are not among them."""
        joined = Problems()
        joined.strict = self.strict or later.strict
        joined.items = list(dict.fromkeys([*self.items, *later.items]))
        joined.notes = list(dict.fromkeys([*self.notes, *later.notes]))
        return joined

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.error]

    def fails(self, strict: bool = False) -> bool:
        """True when the build must not publish: any error, or any warning under --strict or `strict: true`."""
        return bool(self.errors) or ((strict or self.strict) and bool(self.warnings))

    @property
    def stopping(self) -> int:
        """How many of them stop the build: the errors, and under strict the warnings too."""
        return len(self.errors) + (len(self.warnings) if self.strict else 0)


WHAT_TO_DO = {
    errno.ENOSPC: "the disk is full: free some space (or build onto another disk with --output and --cache) "
                  "and build again",
    errno.EDQUOT: "your disk quota is used up: free some space and build again",
    errno.EACCES: "permission denied: build into a folder you may write to (--output, --cache), "
                  "or ask whoever manages this computer to give you access",
    errno.EPERM: "this is not allowed here: build into a folder you may write to (--output, --cache)",
    errno.EROFS: "this disk is read-only: build into a folder on a writable disk (--output, --cache)",
    errno.EMFILE: "too many files are open: close other programs, or raise the limit (`ulimit -n 4096`), "
                  "and build again",
    errno.ENFILE: "the system has too many files open: close other programs and build again",
    errno.ENAMETOOLONG: "the path is too long for this disk: use a shorter folder name",
    errno.ENOENT: "it does not exist (any more): check the folder, and that nothing else moved it meanwhile",
}


def os_error(exc: OSError, output: Path, cache: Path) -> tuple[Path, None, str, str]:
    """An operating-system error as a problem: the path, what happened and what to do."""
    what = WHAT_TO_DO.get(exc.errno or 0, f"{exc.strerror or exc}: check that this folder exists and can be written")
    if exc.filename:
        return Path(exc.filename), None, "", what
    return output, None, "", f"while writing the output or the cache ({cache}): {what}"


class Refused(Exception):
    """One thing that cannot be made (a print product, say), with its problem as a value: it crosses process
    boundaries whole, file, line and field kept, never as text to be split again."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)  # the only argument, so the exception pickles as it is
        self.problem = problem


class BuildFailed(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems


STRICT_LABEL = "error (strict)"
"""How a warning is labelled when it stops the build: under --strict or `strict: true` in campaign.yml."""


def label(problem: Problem, strict: bool) -> str:
    return "error" if problem.error else STRICT_LABEL if strict else "warning"


def strict_reason(cli: bool) -> str:
    return "--strict" if cli else "`strict: true` in campaign.yml"


def report(problems: Problems, out: TextIO | None = None, said: set[str] | None = None) -> None:
    """Errors first, then warnings, then notes, each on one line with its path relative to the current folder.
    With `said` (the preview, rebuilding on every save), a warning or note already said there is not repeated."""
    out = out or sys.stderr
    root = Path.cwd()
    for problem in problems.errors:
        print(f"error: {problem.render(root)}", file=out)
    lines = [f"{label(problem, problems.strict)}: {problem.render(root)}" for problem in problems.warnings]
    lines += [f"note: {problem.render(root)}" for problem in problems.notes]
    for line in lines:
        if said is None or line not in said:
            print(line, file=out)
    if said is not None:
        repeated = sum(line in said for line in lines)
        if repeated:
            print(f"({repeated} warning(s) and note(s) said before, still true, are not repeated)", file=out)
        said.update(lines)
