"""What a YAML reader's complaint means, in the comms team's words, at the line where the mistake starts.

The reader says where it gave up ("mapping values are not allowed here", "expected <block end>, but found
'<scalar>'"), which is often a line or more after the mistake: a quote that is never closed runs on to the next
quote, a bracket that is never closed to the next line's colon. This module looks at the text around that point
(and the tokens read before it) to say what went wrong where it was typed, and what to write instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import ScalarToken

CHECK = "check the indentation, and that every quote and bracket opened on a line is closed"


@dataclass(frozen=True)
class Explained:
    line: int | None
    """0-based, in the text given."""
    message: str


def explain(error: MarkedYAMLError, text: str) -> Explained:
    """The reader's error as the team should read it."""
    problem = (error.problem or error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else None
    context = (error.context or "").strip()
    if "'\\t'" in problem or "\t" in problem:
        return Explained(line, "is indented with a tab: YAML must be indented with spaces, replace the tab")
    if context == "while scanning a quoted scalar" and error.context_mark:
        return unclosed_quote(error.context_mark.line, text)
    started = quoted_across_lines(text, line)
    if started is not None:
        return unclosed_quote(started, text)
    if context.startswith("while parsing a flow") and error.context_mark and mark and error.context_mark.line < mark.line:
        return unclosed_bracket(error.context_mark.line, error.context_mark.column, text)
    if mark and at_colon(text, mark.line, mark.column) and re.search(r"[\w'\")]: ", line_text(text, mark.line)[:mark.column]):
        explained = colon_in_text(mark.line, mark.column, text)
        if explained:
            return explained
    if problem == "mapping values are not allowed here" and mark and indented_further(text, mark.line):
        return Explained(mark.line, "this line is indented further than the line above, so YAML reads it as the rest "
                                    "of the text above: indent it like the fields around it")
    if mark and problem.startswith("expected <block end>") and quoted_then_more(text, mark.line, mark.column):
        return text_after_quotes(mark.line, text)
    return Explained(line, f"YAML cannot read this line: {CHECK} (the YAML reader says: {problem or 'unreadable'})")


def indented_further(text: str, line: int) -> bool:
    """The line starts further right than the last line with something on it before it."""
    def indent(content: str) -> int:
        return len(content) - len(content.lstrip(" "))
    before = [content for content in text.split("\n")[:line] if content.strip() and not content.lstrip().startswith("#")]
    return bool(before) and indent(line_text(text, line)) > indent(before[-1])


def line_text(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def at_colon(text: str, line: int, column: int) -> bool:
    return line_text(text, line)[column:column + 1] == ":"


def quoted_across_lines(text: str, line: int | None) -> int | None:
    """The line on which a quoted text starts that runs on to the line where reading stopped: a quote never
    closed, whose text ended at the next quote of the file."""
    if line is None:
        return None
    found = None
    try:
        for token in YAML(typ="rt", pure=True).scan(text):
            if isinstance(token, ScalarToken) and token.style in ('"', "'") and token.start_mark.line < token.end_mark.line \
                    and token.end_mark.line <= line:
                found = token.start_mark.line
    except (YAMLError, RecursionError):  # the tokens before the mistake are all it needs
        pass
    return found


def unclosed_quote(line: int, text: str) -> Explained:
    content = line_text(text, line)
    opened = re.search(r"""(?:^|[\s{\[,:])(["'])""", content)
    quote = opened[1] if opened else '"'
    key = re.search(r"([\w-]+):\s*$", content[:opened.start(1)]) if opened else None
    example = f"{key[1]}: {quote}…{quote}" if key else f"{quote}…{quote}"
    return Explained(line, f"the text in quotes that starts on this line is never closed: end it with {quote} on "
                           f"the same line ({example}); without it YAML reads on to the next {quote} in the file")


def unclosed_bracket(line: int, column: int, text: str) -> Explained:
    bracket = line_text(text, line)[column:column + 1] or "{"
    closing = {"{": "}", "[": "]"}.get(bracket, "}")
    return Explained(line, f"the {bracket} on this line is never closed: end the line with {closing} (a text that "
                           f"contains a comma, a colon or a bracket must be in quotes inside it)")


def colon_in_text(line: int, column: int, text: str) -> Explained | None:
    """A colon and a space inside a text (`description: Llama: gratis`): YAML takes it for a new field."""
    content = line_text(text, line)
    flow = max(content.rfind("{", 0, column), content.rfind(",", 0, column), content.rfind("[", 0, column))
    start = flow + 1 if flow >= 0 else len(content) - len(content.lstrip(" -"))
    key, _sep, value = content[start:].partition(": ")
    end = min([i for i in (value.find(","), value.find("}"), value.find("]")) if i >= 0], default=len(value)) \
        if flow >= 0 else len(value)
    value = value[:end].strip()
    if not value or re.search(r"[{}\[\]]", key):  # not a text after a field's name: nothing simple to suggest
        return None
    return Explained(line, f"the text has a colon followed by a space ({value}), which YAML reads as the start of "
                           f"another field: put the text in quotes: {key.strip()}: {in_quotes(value)}")


def quoted_then_more(text: str, line: int, column: int) -> bool:
    """A text that starts with a quote and goes on after the closing one (`name: "Ojos" abiertos`)."""
    before = line_text(text, line)[:column].rstrip()
    return before.endswith(('"', "'"))


def text_after_quotes(line: int, text: str) -> Explained:
    content = line_text(text, line)
    key, _sep, value = content.strip().lstrip("- ").partition(": ")
    value = value.strip()
    return Explained(line, f"a text that starts with a quote must end with it, but more follows the closing quote "
                           f"here: put the whole text in the other kind of quotes: {key}: {in_quotes(value)}")


def in_quotes(value: str) -> str:
    """`value` as YAML reads it back: in double quotes, or in single quotes (a ' doubled) if it holds a ". """
    return "'" + value.replace("'", "''") + "'" if '"' in value else f'"{value}"'
