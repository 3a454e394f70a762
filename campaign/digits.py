"""Finding digits in long texts quickly: where numbers may be, in every page's text, at every build.

Python's regular expressions try a pattern at every character of a text, ~15 ns each: 45 us to find that a
page has no phone number, for each check that looks. `str.find` runs at memory speed. In a Latin-1 text (every
character below U+0100, as in most European languages) the only decimal digits are 0-9, so ten searches find
every place a number can start; a text in another script is searched with the pattern, as before.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

ASCII_DIGITS = "0123456789"
SHORT = 250
"""Below this many characters (a title, a label) the pattern itself is quicker than ten searches."""


def digit_positions(text: str) -> list[int] | None:
    """Where `text` has a decimal digit, in order; None when the text is not Latin-1 (then ask the pattern)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    positions = []
    for digit in ASCII_DIGITS:
        found = text.find(digit)
        while found != -1:
            positions.append(found)
            found = text.find(digit, found + 1)
    return sorted(positions)


def from_digits(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, the same matches, for a pattern whose every match starts with a decimal digit:
    it is tried only where a digit is."""
    positions = digit_positions(text) if len(text) >= SHORT else None
    if positions is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for position in positions:
        if position < end:
            continue
        match = pattern.match(text, position)
        if match:
            yield match
            end = max(match.end(), position + 1)
