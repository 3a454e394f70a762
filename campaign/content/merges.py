"""An unfinished git merge left in a team's file: its marker lines, found before anything parses the text.

Git writes a conflict as `<<<<<<< ours`, (with diff3) `||||||| base`, `=======`, `>>>>>>> theirs`, each marker
seven characters at the start of a line. Left in a card, the markers would be published (`=======` even turns
the line above it into a heading); left in services.yml, YAML would complain about indentation and send the team
looking in the wrong place. A `=======` line is a marker only inside a conflict: elsewhere it underlines a
Markdown heading.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

OPENING = re.compile(r"<{7}(?:[ \t]|$)")
CLOSING = re.compile(r">{7}(?:[ \t]|$)")
BASE = re.compile(r"\|{7}(?:[ \t]|$)")
MIDDLE = re.compile(r"={7}[ \t]*$")
MESSAGE = "an unfinished git merge: keep one version, delete the marker lines"


def conflicts(text: str) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(first line, all marker lines) of each conflict in `text`, lines counted from 1. A closing or base
    marker with no opening one is a conflict of its own (its start was deleted by hand)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "|||||||" not in text:
        return  # most files: one pass of `in`, no line splitting
    markers: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        if OPENING.match(line):
            if markers:
                yield markers[0], tuple(markers)
            markers = [number]
        elif BASE.match(line) or (markers and MIDDLE.match(line)):
            markers.append(number)
        elif CLOSING.match(line):
            yield (markers or [number])[0], (*markers, number)
            markers = []
    if markers:
        yield markers[0], tuple(markers)


def message(lines: tuple[int, ...]) -> str:
    if len(lines) == 1:
        return MESSAGE
    return f"{MESSAGE} (marker lines {', '.join(map(str, lines))})"
