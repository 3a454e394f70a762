"""What a returned translation must not hold, whatever the tool says: characters that make the page read
otherwise than it is written (direction controls that turn `112` into `211`, carriage returns that start new
Markdown blocks), and text in another script than its language's (Cyrillic under `lang="de"`)."""
from __future__ import annotations

import unicodedata

from ..content.sources import character_name
from ..tags import maximal

DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
SCRIPT_NAMES = {  # ISO 15924 code → the first word of its letters' Unicode names
    "Latn": ("LATIN",), "Cyrl": ("CYRILLIC",), "Grek": ("GREEK",), "Arab": ("ARABIC",), "Hebr": ("HEBREW",),
    "Hans": ("CJK",), "Hant": ("CJK",), "Jpan": ("CJK", "HIRAGANA", "KATAKANA"), "Kore": ("HANGUL", "CJK"),
    "Thai": ("THAI",), "Ethi": ("ETHIOPIC",), "Armn": ("ARMENIAN",), "Geor": ("GEORGIAN",), "Deva": ("DEVANAGARI",),
    "Beng": ("BENGALI",), "Taml": ("TAMIL",), "Khmr": ("KHMER",), "Mymr": ("MYANMAR",), "Sinh": ("SINHALA",),
}
FOREIGN_SHARE = 0.5
"""A text most of whose letters are of another script is in another language (a name or a word quoted in another
script stays below it)."""


def unsafe(text: str) -> str | None:
    """Why `text` cannot be published as it is, or None."""
    for ch in text:
        if ch in DIRECTION_CONTROLS:
            return (f"holds {character_name(ch)}, a direction control that makes a number or a word read otherwise "
                    f"than it is written (`112` shown as `211`): delete it")
        if ch == "\r":
            return ("holds a carriage return, which would start a new paragraph, heading or list item on the page: "
                    "write the text on one line")
    return None


def script_of(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ")[0]


def wrong_script(text: str, lang: str) -> str | None:
    """The script most of `text`'s letters are in when it is not `lang`'s (by CLDR's likely script), else None."""
    tag = maximal(lang)
    expected = SCRIPT_NAMES.get(tag.script if tag else "")
    letters = [script_of(ch) for ch in text if ch.isalpha()]
    if not expected or not letters:
        return None
    foreign = [name for name in letters if name not in expected]
    if len(foreign) <= FOREIGN_SHARE * len(letters):
        return None
    most = max(set(foreign), key=foreign.count)
    return most.title()
