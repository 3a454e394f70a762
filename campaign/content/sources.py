"""Reading the comms team's files: text, YAML and Markdown front matter.

Every reader reports problems with the file and line instead of raising, so one run
lists every mistake. YAML is read as YAML 1.2 (ruamel.yaml): `no` stays the language
code for Norwegian instead of becoming `false`, and line numbers are kept for messages.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..problems import Problems

MAX_TEXT_BYTES = 1_000_000
"""Content files are short copy; anything this large is a mistake (a pasted binary, a log)."""


def read_text(path: Path, problems: Problems) -> str | None:
    """The file as text with Unix line endings and no BOM, or None after reporting why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, None, "", f"cannot be read ({exc.strerror})")
        return None
    if len(raw) > MAX_TEXT_BYTES:
        problems.error(path, None, "", f"is {len(raw) // 1000} KB; content files must be under 1 MB")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, "", "is not UTF-8 text: save it as UTF-8 (in most editors: Save as, Encoding, UTF-8)")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.error(path, None, "", "is empty: write its content or delete the file")
        return None
    return text


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text; `first_line` is the file line the text starts on (for front matter)."""
    try:
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = (exc.problem or exc.context or "unreadable").strip()
        if "'\\t'" in what or "\t" in what:
            problems.error(path, line, "", "is indented with a tab: YAML must be indented with spaces, replace the tab")
        else:
            problems.error(path, line, "", f"is not valid YAML ({what}): check the indentation and quotes around this line")
    except YAMLError as exc:
        problems.error(path, None, "", f"is not valid YAML ({exc}): check the indentation and quotes")
    return None


def read_yaml_mapping(path: Path, problems: Problems) -> CommentedMap | None:
    """A YAML file whose top level must be a mapping of fields."""
    text = read_text(path, problems)
    if text is None:
        return None
    known = len(problems.items)
    data = parse_yaml(text, path, problems)
    if data is None:
        if len(problems.items) == known:  # valid YAML with nothing in it: only comments, or `null`
            problems.error(path, None, "", "has no fields, only comments or an empty value: write its fields (see the README)")
        return None
    if not isinstance(data, CommentedMap):
        problems.error(path, 1, "", "must be made of `name: value` lines at the top (such as `services:`), "
                                    "not a list or a single value")
        return None
    return data


@dataclass(frozen=True)
class MarkdownFile:
    front: dict[str, Any]
    """A ruamel CommentedMap (with line numbers) when read exactly, else a plain dict."""
    body: str
    body_line: int
    """The file line (1-based) on which the body starts."""


def quick_front_matter(text: str) -> dict[str, Any] | None:
    """Front matter through libyaml: ~20× faster than ruamel, but YAML 1.1 (`no` reads as false) and no
    line numbers. None when it cannot tell; the caller then reads the file exactly."""
    try:
        data = libyaml.load(text, Loader=libyaml.CSafeLoader)
    except libyaml.YAMLError:
        return None
    return data if isinstance(data, dict) or data is None else None


def read_markdown(path: Path, problems: Problems, *, exact: bool = True) -> MarkdownFile | None:
    """A Markdown file with an optional YAML front matter block between `---` lines.

    `exact=False` reads the front matter quickly: for the many files with nothing to report. A
    caller that finds anything to report in them reads the file again exactly, so messages keep
    their line numbers and values their YAML 1.2 meaning."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return MarkdownFile(CommentedMap(), text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        problems.error(path, 1, "", "the front matter that starts with `---` on line 1 is never closed: add a `---` line after it")
        return None
    if not exact and (quick := quick_front_matter("\n".join(lines[1:end]))) is not None:
        return MarkdownFile(quick, "\n".join(lines[end + 1 :]), end + 2)
    if not exact and not "\n".join(lines[1:end]).strip():
        return MarkdownFile({}, "\n".join(lines[end + 1 :]), end + 2)
    known = len(problems.items)
    front = parse_yaml("\n".join(lines[1:end]), path, problems, first_line=2)
    if len(problems.items) > known:
        return None
    if front is None:  # an empty or comment-only front matter
        front = CommentedMap()
    if not isinstance(front, CommentedMap):
        problems.error(path, 2, "", "the front matter must be `name: value` lines")
        return None
    return MarkdownFile(front, "\n".join(lines[end + 1 :]), end + 2)
