"""Translations written back into the content: Markdown files made from their main-language file's structure,
YAML maps given the language's text, everything else in those files left as it was (ruamel round trip)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.util import load_yaml_guess_indent

from ..content.sources import read_markdown
from ..problems import Problems
from .units import Unit, blocks, markdown_reader


STYLES = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (2, 4, 0), (4, 4, 2))
"""(mapping, sequence, offset) indentations people write YAML in: `- id:` under its key, or level with it."""


def round_trip(text: str) -> tuple[YAML, Any]:
    """A YAML reader and writer that keeps the file's comments, order, quoting and indentation: the first of the
    usual indentation styles that writes the file back exactly as it is (else the one ruamel guesses)."""
    _data, indent, offset = load_yaml_guess_indent(text)
    guessed = (indent or 2, (indent or 2) + (offset or 0), offset or 0)
    for style in (*STYLES, guessed):
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096  # never folds a long line the team wrote on one
        yaml.indent(mapping=style[0], sequence=style[1], offset=style[2])
        data = yaml.load(text)
        if dumped(yaml, data) == text or style == guessed:
            return yaml, data
    raise AssertionError("unreachable: the guessed style is always taken")


def dumped(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def yaml_file(text: str, units: list[tuple[Unit, str]], lang: str, languages: tuple[str, ...]) -> str:
    """The YAML text with each unit's map given `lang`'s text, after the languages that come before it."""
    yaml, data = round_trip(text)
    for unit, translation in units:
        texts: CommentedMap = data
        for step in unit.key:  # type: ignore[union-attr]
            texts = texts[step]
        if lang not in texts:
            before = [k for k in texts if k in languages and languages.index(k) < languages.index(lang)]
            texts.insert(list(texts).index(before[-1]) + 1 if before else len(texts), lang, translation)
        else:
            texts[lang] = translation
    return dumped(yaml, data)


def markdown_file(source: Path, target: Path, units: dict[str, str], card: bool, current: bool) -> str:
    """The target language's file: the main language's Markdown with each block's text translated (`units`: block
    key or front matter field → Markdown), and the target's own front matter fields kept where it has one.
    `current`: every text of it is translated from the source as it is now, so it gets the source's `updated:`
    date (not today's: a source dated later would make it stale at once); else its own date is kept."""
    md = markdown_reader()
    read = read_markdown(source, Problems())
    assert read is not None
    lines = read.body.split("\n")
    for block in sorted(blocks(md, read.body, card), key=lambda b: b.start, reverse=True):
        lines[block.start:block.end] = [block.prefix + continued(units[block.key], block.prefix)]
    existing = read_markdown(target, Problems()) if target.exists() else None
    front_text = front_matter(source) if existing is None else front_matter(target)
    if not front_text.strip() and not any(field in units for field in ("title", "description")):
        return "\n".join(lines).lstrip("\n") + ("" if lines[-1] == "" else "\n")
    yaml, front = round_trip(front_text or "{}\n")
    front = front if isinstance(front, CommentedMap) else CommentedMap()
    for field in ("title", "description"):
        if field in units:
            front[field] = units[field]
    stamp = read.front.get("updated")
    if current and stamp is not None and ("updated" in front or existing is None):
        front["updated"] = stamp
    return "---\n" + dumped(yaml, front) + "---\n" + "\n".join(lines)


def continued(text: str, prefix: str) -> str:
    """A block's text on its lines: after a hard line break, the next line is indented as the block's content
    (a list item's) or quoted again, so the break stays inside the block."""
    more = prefix if prefix.lstrip().startswith(">") else " " * len(prefix)
    return text.replace("\n", "\n" + more)


def front_matter(path: Path) -> str:
    """The YAML between the first two `---` lines, as written (empty when there is none)."""
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return ""
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), len(lines))
    return "\n".join(lines[1:end]) + "\n"
