"""Reading the comms team's files: text, YAML and Markdown front matter.

Every reader reports problems with the file and line instead of raising, so one run
lists every mistake, whatever a file holds. YAML is read as YAML 1.2 (ruamel.yaml): `no`
stays the language code for Norwegian instead of becoming `false`, and line numbers are
kept for messages. YAML tags (`!foo`, `!!python/object`) are refused: campaign files never
need them. Also here: what counts as an invisible character (see `invisible_characters`).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problems
from .merges import conflicts
from .merges import message as merge_message
from .regular import NotRegular, read_regular
from .yaml_messages import explain

MAX_TEXT_BYTES = 1_000_000
"""Content files are short copy; anything this large is a mistake (a pasted binary, a log)."""


def read_text(path: Path, problems: Problems) -> str | None:
    """The file as text with Unix line endings and no BOM, or None after reporting why not."""
    try:
        raw = read_regular(path)
    except NotRegular as exc:
        problems.error(path, None, "", f"is {exc.what}, not a file: the build reads only regular files; put the "
                                       "file itself here")
        return None
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
    found = list(conflicts(text))
    for line, markers in found:  # before any parser: YAML would blame the indentation, Markdown publish them
        problems.error(path, line, "", merge_message(markers))
    return None if found else text


def outside(path: Path, folder: Path) -> bool:
    """True when `path` (usually a link) leads out of `folder`: the build reads only the campaign's own folders."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def report_outside(path: Path, folder: Path, problems: Problems) -> bool:
    """Report a file that leads out of `folder`; True when it does (and must not be read)."""
    if not outside(path, folder):
        return False
    problems.error(path, None, "", "is a link to a file outside the campaign's folder, which the build does not read: "
                                   "copy the file itself here")
    return True


VALUE_ERRORS = (ValueError, TypeError, KeyError, OverflowError, AttributeError, IndexError)
"""What ruamel's constructors raise, unmarked, for a value it scanned but cannot build (2026-02-30, `!!int x`)."""


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text; `first_line` is the file line the text starts on (for front matter)."""
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        report_marked(exc, text, path, problems, first_line)
    except YAMLError as exc:
        problems.error(path, None, "", f"is not valid YAML ({exc}): check the indentation and quotes")
    except RecursionError:
        problems.error(path, None, "", "is nested too deeply to be read (hundreds of brackets or indents): "
                                       "check the file; campaign files are a few levels deep")
    except VALUE_ERRORS as exc:
        report_unbuildable(text, path, problems, first_line, exc)
    except Exception as exc:  # noqa: BLE001 - ruamel's own failures (fuzzing found "overlap in comment")
        report_unreadable(text, path, problems, first_line, exc)
    else:
        return None if report_tags(data, path, problems, first_line) else data
    return None


def report_marked(exc: MarkedYAMLError, text: str, path: Path, problems: Problems, first_line: int) -> None:
    """The reader's complaint in the team's words, at the line where the mistake starts (yaml_messages.py)."""
    explained = explain(exc, text)
    problems.error(path, explained.line + first_line if explained.line is not None else None, "", explained.message)


def report_unreadable(text: str, path: Path, problems: Problems, first_line: int, exc: Exception) -> None:
    """The round-trip reader failed on its own; the plain reader usually says where the YAML goes wrong."""
    try:
        YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as found:
        report_marked(found, text, path, problems, first_line)
        return
    except Exception:  # noqa: BLE001, S110 - nothing more precise to say than below
        pass
    problems.error(path, None, "", f"cannot be read as YAML ({type(exc).__name__}: {str(exc)[:80]}): check the "
                                   "indentation, and the comments (#) around the lines changed last")


def report_unbuildable(text: str, path: Path, problems: Problems, first_line: int, exc: Exception) -> None:
    """Find the value that could not be built (ruamel does not say where) and explain it with its line."""
    yaml = YAML(typ="rt", pure=True)
    try:
        for node in scalar_nodes(yaml.compose(text)):
            try:
                yaml.constructor.construct_object(node, deep=True)
            except VALUE_ERRORS as found:
                line, column = node.start_mark.line + first_line, node.start_mark.column + 1
                problems.error(path, line, "", unbuildable_message(node, found), column=column)
                return
    except (YAMLError, RecursionError, *VALUE_ERRORS):
        pass
    problems.error(path, None, "", f"has a value that cannot be read ({exc}): check the dates and numbers in it")


def unbuildable_message(node: ScalarNode, exc: Exception) -> str:
    tag = shown_tag(str(node.tag))
    if tag == "!!timestamp":
        return (f'"{node.value}" is not a real date ({exc}): check the day and the month, '
                "written as YYYY-MM-DD, e.g. 2026-10-18")
    return f'"{node.value}" cannot be read as `{tag}`: remove the `{tag}` before it'


def scalar_nodes(node: Node | None, seen: set[int] | None = None) -> Iterator[ScalarNode]:
    """Every scalar (keys too) under a composed node, in file order; aliases are visited once."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from scalar_nodes(item, seen)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from scalar_nodes(key, seen)
            yield from scalar_nodes(value, seen)


def shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def tag_of(value: Any) -> str | None:
    """The YAML tag a loaded value was written with, if any: plain campaign files have none."""
    if isinstance(value, TaggedScalar):
        return shown_tag(str(value.tag.value))
    if isinstance(value, (bytes, AbstractSet)):
        return "!!binary" if isinstance(value, bytes) else "!!set"
    tag = getattr(value, "tag", None) if isinstance(value, (CommentedMap, CommentedSeq)) else None
    return shown_tag(str(tag.value)) if tag is not None and tag.value is not None else None


def report_tags(data: Any, path: Path, problems: Problems, first_line: int) -> int:
    """Report every tagged value (line of its key or list item); returns how many were found."""
    found = 0
    stack: list[tuple[Any, int | None]] = [(data, first_line)]
    seen: set[int] = set()
    while stack:
        value, line = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        tag = tag_of(value)
        if tag:
            found += 1
            problems.error(path, line, "", f"`{tag}` is a YAML tag, which campaign files do not use: remove it "
                                           "(put the value in quotes if it must stay text)")
            continue
        stack.extend(reversed(list(children(value, first_line))))
    return found


def children(value: Any, first_line: int) -> Iterator[tuple[Any, int | None]]:
    """(child, its file line) of a mapping (keys and values) or a list."""
    known = value.lc.data or {} if isinstance(value, (CommentedMap, CommentedSeq)) else {}
    if isinstance(value, CommentedMap):
        for key, item in value.items():
            line = known[key][0] + first_line if key in known else None
            yield key, line
            yield item, line
    elif isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            yield item, known[index][0] + first_line if index in known else None


YamlReader = Callable[[Path, Problems], "CommentedMap | None"]
"""read_yaml_mapping, or the same through the parsed cache (parsed.py)."""


def read_yaml_mapping(path: Path, problems: Problems) -> CommentedMap | None:
    """A YAML file whose top level must be a mapping of fields."""
    if report_outside(path, path.parent, problems):
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    known = len(problems.items)
    data = parse_yaml(text, path, problems)
    if data is None:
        if len(problems.items) == known:  # valid YAML with nothing in it: only comments, or `null`
            problems.error(path, None, "", "has no fields, only comments or an empty value: write its fields (see docs/writing-content.md)")
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
    except Exception:  # noqa: BLE001 - whatever libyaml cannot read, the exact reader reports with its line
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


INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
"""Characters that draw nothing but are not controls: fillers and blanks used to fake names."""
JOINERS = frozenset("\u200c\u200d")
SOFT_HYPHEN = "\u00ad"
INVISIBLE = ("what people see would not be what is written; delete it (if you cannot see it, delete the text "
             "around it and type it again)")
INVISIBLE_IN_PROSE = ("readers do not see it, but it changes how the text is searched, copied or read aloud; delete it "
                      "unless it is meant to be there")


def invisible_characters(text: str, *, prose: bool) -> Iterator[tuple[int, str]]:
    """(index, character) of each character a reader cannot see, or that makes the text around it read
    otherwise than it was written: controls, bidirectional controls, zero-width characters, fillers.
    Kept: line breaks and tabs; a joiner where a script or an emoji needs it (Persian, Hindi, 👩‍⚕️);
    in running text (`prose`), a soft hyphen, which only marks where a long word may break."""
    if surely_visible(text):
        return
    for found in unseen().finditer(text):
        index, ch = found.start(), found.group()
        if ch in "\n\t" or (prose and ch == SOFT_HYPHEN):
            continue
        if ch in JOINERS and needed_joiner(text, index):
            continue
        yield index, ch


def surely_visible(text: str) -> bool:
    """True for most texts, quickly: a Latin-1 text (every character below U+0100) whose characters are all
    printable, line breaks and tabs set aside. The only invisible characters below U+0100 are controls and the
    soft hyphen, neither of them printable. (A no-break space is not `printable` either: such a text is searched
    character by character, as every text was, at ~15 ns a character.)"""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return text.replace("\n", "").replace("\t", "").isprintable()


@functools.cache
def unseen() -> re.Pattern[str]:
    """Every control, format and line/paragraph separator character (by this Python's Unicode data), and the
    invisible letters: one pattern, so that a text without any is passed over at the speed of `re`. They all
    lie in planes 0, 1 and 14; made once, on first use."""
    planes = (*range(0x20000), *range(0xE0000, 0xE1000))
    category, wanted = unicodedata.category, {"Cc", "Cf", "Zl", "Zp"}
    points = [c for c in planes if category(chr(c)) in wanted]
    points += sorted(ord(ch) for ch in INVISIBLE_LETTERS)
    ranges: list[list[int]] = []
    for point in sorted(points):  # as ranges: a class of single characters beyond U+FFFF is 20 times slower
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in ranges) + "]")


def needed_joiner(text: str, index: int) -> bool:
    """A zero-width (non-)joiner between two letters of a script that shapes with it, or a joiner
    inside an emoji sequence; between Latin letters it only hides something."""
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if not before or not after:
        return False
    if text[index] == "\u200d" and unicodedata.category(after) == "So" and (
            unicodedata.category(before) in ("So", "Sk") or before == "\ufe0f"):
        return True
    letters = all(unicodedata.category(c)[0] in "LM" for c in (before, after))
    return letters and max(ord(before), ord(after)) >= 0x370


def character_name(ch: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE): how a character is named in messages."""
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a control character')})"
