"""The docs as tests/test_docs.py reads them: the Markdown files, the `build.py` commands their shell blocks show, and
the sentences that state facts. Works on README.md alone and on README.md plus docs/**/*.md alike."""
from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

SHELLS = {"sh", "shell", "bash", "console"}
"""Fenced blocks with one of these info strings hold commands; plain ``` blocks hold what the tool prints."""
EXITS = re.compile(r"\bexits?\s+(?:with\s+)?(?:code\s+)?(\d+)")
"""A comment such as `# exits 1` after a command: the documented error it ends in (else 0)."""


def doc_files(project: Path) -> list[Path]:
    """The user docs: README.md and every page under docs/ (where the lead moves the README's sections)."""
    return [project / "README.md", *sorted((project / "docs").rglob("*.md"))]


@dataclass(frozen=True)
class Shown:
    """One `build.py` command a doc shows: where, its arguments, the folder a `cd` before it went to, its exit."""

    doc: Path
    line: int
    args: tuple[str, ...]
    cd: str | None = None
    exit: int = 0

    def where(self, project: Path) -> str:
        return f"{self.doc.relative_to(project) if self.doc.is_relative_to(project) else self.doc}:{self.line}"

    def __str__(self) -> str:
        return shlex.join(("build.py", *self.args))


def shell_blocks(text: str) -> Iterator[tuple[int, str, bool]]:
    """(1-based line of the block's first line, its text, whether lines need a `$ ` prompt) for each shell block:
    fenced ```sh / ```console blocks and indented code blocks that show a command."""
    for token in MarkdownIt("commonmark").parse(text):
        if token.map is None:
            continue
        info = token.info.strip().split(" ")[0].lower() if token.type == "fence" else ""
        if token.type == "fence" and info in SHELLS:
            yield token.map[0] + 2, token.content, info == "console"
        elif token.type == "code_block" and re.search(r"\bbuild\.py\b|^\s*(\$ )?make\b", token.content, re.M):
            yield token.map[0] + 1, token.content, token.content.lstrip().startswith("$ ")


def logical_lines(block: str, first: int) -> Iterator[tuple[int, str]]:
    """(line number, text) of each command, with `\\`-continued lines joined."""
    lines = block.splitlines()
    index = 0
    while index < len(lines):
        start, text = index, lines[index]
        while text.rstrip().endswith("\\") and index + 1 < len(lines):
            index += 1
            text = text.rstrip()[:-1] + " " + lines[index]
        index += 1
        yield first + start, text


def make_targets(makefile: Path) -> dict[str, tuple[str, ...] | None]:
    """Each Makefile target, with the arguments of the `build.py` command its recipe runs (None: it runs none)."""
    targets: dict[str, tuple[str, ...] | None] = {}
    target = None
    for line in makefile.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([\w-]+):", line):
            target = match[1]
            targets.setdefault(target, None)
        elif line.startswith("\t") and target and "build.py" in line:
            tokens = shlex.split(line.strip())
            targets[target] = tuple(tokens[[Path(t).name for t in tokens].index("build.py") + 1:])
    return targets


def commands_in(doc: Path, text: str, make: dict[str, tuple[str, ...] | None]) -> Iterator[Shown | str]:
    """Every `build.py` command the doc's shell blocks show (`make X` as the command its recipe runs), in order;
    a string naming the line for a `make` target the Makefile does not have."""
    for first, block, console in shell_blocks(text):
        cd = None
        for line, raw in logical_lines(block, first):
            command = raw.strip()
            if console:
                if not command.startswith("$ "):
                    continue  # what the command printed
                command = command[2:]
            comment = command.partition(" #")[2]
            exit_code = int(match[1]) if (match := EXITS.search(comment)) else 0
            tokens = shlex.split(command, comments=True)
            names = [Path(token).name for token in tokens]
            if not tokens:
                continue
            if tokens[0] == "cd" and len(tokens) == 2:
                cd = tokens[1]
            elif "build.py" in names:
                yield Shown(doc, line, tuple(tokens[names.index("build.py") + 1:]), cd, exit_code)
            elif tokens[0] == "make":
                for target in tokens[1:] or ["site"]:  # the Makefile's first target
                    if target not in make:
                        yield f"{doc}:{line}: `make {target}`: the Makefile has no such target"
                    elif (args := make[target]) is not None:
                        yield Shown(doc, line, args, cd, exit_code)


def shown_commands(docs: list[Path], makefile: Path) -> tuple[list[Shown], list[str]]:
    """(every command shown in the docs, the lines that name a `make` target that does not exist)."""
    make = make_targets(makefile)
    shown: list[Shown] = []
    wrong: list[str] = []
    for doc in docs:
        for found in commands_in(doc, doc.read_text(encoding="utf-8"), make):
            if isinstance(found, str):
                wrong.append(found)
            else:
                shown.append(found)
    return shown, wrong


def inline_commands(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(line, words) of each `build.py …` written in a code span of running text, placeholders such as <code>
    left as they are."""
    for match in re.finditer(r"`(?:[^`\n]*/)?build\.py((?: [^`\n]*)?)`", text):
        yield text.count("\n", 0, match.start()) + 1, tuple(match[1].split())


def command_words(args: tuple[str, ...]) -> tuple[str, ...]:
    """What names a command: its words before the first option or placeholder (`translations theme`)."""
    words: list[str] = []
    for arg in args:
        if arg.startswith("-") or not re.fullmatch(r"[a-z]+", arg):
            break
        words.append(arg)
    return tuple(words[:2]) if words[:1] == ["translations"] else tuple(words[:1])


def sentences(path: Path, pattern: str) -> list[tuple[int, re.Match[str]]]:
    """(line, match) of a fact's sentence in a doc; a space in `pattern` matches any run of white space (a
    sentence may wrap), and `>` at the start of a line (a quoted paragraph) is read through."""
    text = path.read_text(encoding="utf-8")
    flat = re.sub(r"\n[ \t>]*", lambda m: " " * len(m[0]), text)  # same offsets, so the line numbers hold
    regex = re.compile(pattern.replace(" ", r"\s+"))
    return [(text.count("\n", 0, m.start()) + 1, m) for m in regex.finditer(flat)]
