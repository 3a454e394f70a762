"""The print font of each script and language, from the Noto families the set-up installs.

No list of font files: the Noto folders are scanned, and each `Noto{Sans,Serif}<Script>` file is matched to its
script by the Unicode script names fontTools knows (Noto names its files after them: NotoSansBengali, NotoSansOriya),
the sans face preferred (Tibetan has only a serif one). Noto Sans itself draws Latin, Greek and Cyrillic; Urdu and
the other languages read in Nastaliq get Noto Nastaliq Urdu; Chinese (Simplified, Traditional, Hong Kong), Japanese
and Korean each get their own face of the Noto Sans CJK collection, found by its family name. A language's
families come first for its text, then every other installed family as a fallback by coverage.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from fontTools import unicodedata as ucd
from fontTools.ttLib import TTCollection, TTFont, TTLibError

from ..site.fonts import NASTALIQ_LANGUAGES
from ..tags import maximal

FONTS = Path("/usr/share/fonts")
FILE = re.compile(r"Noto(Sans|Serif)([A-Za-z]*)-Regular\.(?:ttf|otf)")
BASE = "Noto Sans"
BASE_SCRIPTS = ("Latn", "Grek", "Cyrl")
NASTALIQ = "Noto Nastaliq Urdu"
CJK = {"Hans": "SC", "Hant": "TC", "Hant-HK": "HK", "Jpan": "JP", "Kore": "KR"}
"""A CJK writing (script, or script-region) → its face in Noto Sans CJK."""
CJK_SCRIPTS = {"Hani": "Hans", "Hira": "Jpan", "Kana": "Jpan", "Hang": "Kore", "Bopo": "Hant"}
"""The Unicode script of a character → the writing whose CJK face has it."""
CJK_PACKAGE = "fonts-noto-cjk"
GENERAL_PACKAGE = "fonts-noto-core (or fonts-noto-extra)"


@dataclass(frozen=True)
class Family:
    name: str
    files: tuple[tuple[Path, int], ...]
    """(file, face number in a collection): regular, then bold where there is one."""


@functools.lru_cache(maxsize=4)
def installed(root: Path = FONTS) -> Mapping[str, Family]:
    """Script code (ISO 15924, or a CJK writing of CJK, or "Nastaliq") → the installed family that prints it."""
    names = {name.replace("_", "").lower(): code for code, name in ucd.Scripts.NAMES.items()}
    found: dict[str, Family] = {}
    for path in sorted(root.glob("*/noto/Noto*-Regular.*"), key=lambda p: "Serif" not in p.name):  # sans last: wins
        match = FILE.fullmatch(path.name)
        if match is None:
            if path.name.startswith("NotoNastaliqUrdu-"):
                found["Nastaliq"] = Family(NASTALIQ, styles(path, 0))
            continue
        script = match[2].lower()
        family = Family(collection_families(path, path.stat().st_mtime_ns)[0], styles(path, 0))
        for code in (BASE_SCRIPTS if not script else (names[script],) if script in names else ()):
            found[code] = family
    for path in sorted(root.glob("*/noto/NotoSansCJK-Regular.ttc")):
        for number, family in enumerate(collection_families(path, path.stat().st_mtime_ns)):
            writing = next((w for w, region in CJK.items() if family == f"Noto Sans CJK {region}"), None)
            if writing:
                found[writing] = Family(family, styles(path, number))
    return MappingProxyType(found)  # read once per process, shared: never changed


def styles(regular: Path, number: int) -> tuple[tuple[Path, int], ...]:
    bold = regular.with_name(regular.name.replace("-Regular.", "-Bold."))
    return ((regular, number),) + (((bold, number),) if bold.exists() else ())


def regular(family: Family) -> TTFont:
    """The family's regular face, read lazily: only the tables asked for are read."""
    path, number = family.files[0]
    return TTCollection(path, lazy=True).fonts[number] if path.suffix == ".ttc" else TTFont(path, lazy=True)


@functools.lru_cache(maxsize=512)
def collection_families(path: Path, _version: int) -> tuple[str, ...]:
    """The family name of each face of a font file (several in a collection, .ttc), in order."""
    try:
        fonts = TTCollection(path, lazy=True).fonts if path.suffix == ".ttc" else [TTFont(path, lazy=True)]
        return tuple(font["name"].getDebugName(16) or font["name"].getDebugName(1) or path.stem for font in fonts)
    except (TTLibError, OSError, KeyError):
        return (path.stem,)


def writing(lang: str | None) -> str | None:
    """The key of `installed()` that prints a language: its likely script (CLDR), Nastaliq for Urdu and its kin
    where Noto Nastaliq Urdu has all their letters (Balochi's ێ it lacks), the region's CJK face (zh-Hant-HK)."""
    tag = maximal(lang) if lang else None
    if tag is None or tag.script is None:
        return None
    if tag.script == "Arab" and tag.language in NASTALIQ_LANGUAGES and draws("Nastaliq", lang or ""):
        return "Nastaliq"
    if tag.script == "Hant" and tag.region in ("HK", "MO"):
        return "Hant-HK"
    return tag.script


@functools.lru_cache(maxsize=64)
def draws(key: str, lang: str) -> bool:
    """Whether the installed family `key` has every letter of the language's names of the days and months (CLDR):
    a sample of its alphabet."""
    family = installed().get(key)
    if family is None:
        return False
    try:
        names = Locale.parse(lang.replace("-", "_"))
        sample = " ".join([*names.days["format"]["wide"].values(), *names.months["format"]["wide"].values()])
    except (ValueError, UnknownLocaleError):
        return True
    characters = regular(family).getBestCmap()
    return all(ord(ch) in characters for ch in sample if ch.isalpha())


def language_families(lang: str | None, own: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The families to set `lang` in, in order: the campaign's own fonts (an override), the language's script,
    Noto Sans (Latin digits and words), then every other installed family, for a character of another script.
    Without a language (numbers, addresses): Noto Sans first."""
    fonts = installed()
    key = writing(lang)
    first = (fonts[key].name,) if key in fonts else ()
    others = sorted(fonts.items(), key=lambda item: item[0] == "Nastaliq")  # Arabic by default in Noto Sans Arabic
    return tuple(dict.fromkeys((*own, *first, BASE, *(family.name for _key, family in others))))


def script_key(ch: str) -> str:
    """The key of `installed()` whose family should have a character: its script's, a CJK character's SC face."""
    code = ucd.script(ch)
    return CJK_SCRIPTS.get(code, code)


LINE_BOX = (1.013, 0.237)
"""The line box every run is set in, in ems above and below the baseline (theme/print/poster.typ): Noto Sans's."""


@functools.lru_cache(maxsize=64)
def tall(lang: str) -> bool:
    """Whether the language's own family reaches so far above or below its baseline (Nastaliq, Tibetan, Myanmar)
    that even the middle half of its height (what the word check holds to be ink, as poppler boxes a word by its
    font's ascent and descent) would stand out of the usual line box: its lines are then as tall as the font."""
    family = installed().get(writing(lang) or "")
    if family is None:
        return False
    font = regular(family)
    em, ascent, descent = font["head"].unitsPerEm, font["hhea"].ascent, -font["hhea"].descent
    quarter = (ascent + descent) / 4
    return (ascent - quarter) / em > LINE_BOX[0] or (descent - quarter) / em > LINE_BOX[1]


def line_em(lang: str) -> float:
    """How tall a line of `lang` is, in ems: the usual line box, or for a tall script (tall()) its font's whole
    ascent and descent (2.5 em for Nastaliq), for layouts that must leave room for its lines."""
    family = installed().get(writing(lang) or "")
    if family is None or not tall(lang):
        return sum(LINE_BOX)
    font = regular(family)
    return (font["hhea"].ascent - font["hhea"].descent) / font["head"].unitsPerEm


def coverage_hint(ch: str) -> str:
    """Where a character no installed font has may be found: its script, and the Noto family and Debian package."""
    code = ucd.script(ch)
    name = ucd.script_name(code, default=code).replace("_", " ")
    if code in ("Zyyy", "Zinh", "Zzzz"):
        return f"{name} script: no Noto font for print has it (an emoji or a symbol)"
    if code in CJK_SCRIPTS:
        return f"{name} script: in Noto Sans CJK, Debian package {CJK_PACKAGE}"
    family = installed().get(code)
    if family:
        return f"{name} script: the installed {family.name} lacks it"
    return f"{name} script: in Noto Sans {name}, Debian package {GENERAL_PACKAGE}"
