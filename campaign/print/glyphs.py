"""Characters no print font has, traced back to the text that holds them.

A worker finds that a product would print a character none of the fonts can draw (an emoji, a
script the fonts lack); the team must learn where it is written, not which PDF it would spoil. So
the printed sources are searched for it — the cards' Markdown and the YAML files — and each place
is reported with its line and field, and the products it would appear on.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.model import Site
from ..content.sources import read_yaml_mapping
from ..problems import Problem, Problems
from .scripts import coverage_hint

FONTS_HINT = "add a font that has it to campaign_assets/fonts/"


@dataclass(frozen=True)
class Missing:
    """What a worker found: a product would print characters no font has."""

    file: str
    languages: tuple[str, ...]
    characters: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    path: Path
    line: int | None
    field: str


def glyph_problems(site: Site, missing: list[Missing]) -> list[Problem]:
    """One error per place a missing character is written, naming the products it would print on; a character
    found in no content file (a theme string) is reported on the products themselves."""
    products: dict[str, list[str]] = {}
    for found in missing:
        for ch in found.characters:
            products.setdefault(ch, []).append(found.file)
    places: dict[Place, list[str]] = {}
    for place, ch in sources(site, set(products)):
        places.setdefault(place, [])
        if ch not in places[place]:
            places[place].append(ch)
    problems = [Problem(place.path, place.line, place.field,
                        f"no font the print products use has {shown(chars)}: it would print on "
                        f"{listed(sorted({f for ch in chars for f in products[ch]}, key=print_first))}; remove it, or {FONTS_HINT}",
                        error=True)
                for place, chars in places.items()]
    placed = {ch for chars in places.values() for ch in chars}
    for found in missing:
        rest = [ch for ch in found.characters if ch not in placed]
        if rest:
            problems.append(Problem(Path(found.file), None, "", f"no font has {shown(rest)} "
                                    f"({', '.join(found.languages)}): add a font that covers this language to "
                                    "campaign_assets/fonts/", error=True))
    return problems


def shown(chars: list[str]) -> str:
    """🎁 (WRAPPED PRESENT; Common script: …); several characters by themselves, then their scripts."""
    if len(chars) == 1:
        return f"{chars[0]} ({unicodedata.name(chars[0], f'U+{ord(chars[0]):04X}')}; {coverage_hint(chars[0])})"
    return f"the characters {' '.join(chars)} ({'; '.join(dict.fromkeys(coverage_hint(ch) for ch in chars))})"


def print_first(file: str) -> tuple[bool, str]:
    """Printed products before sharing images."""
    return not file.startswith("print/"), file


def listed(files: list[str]) -> str:
    return files[0] if len(files) == 1 else f"{files[0]} and {len(files) - 1} more"


def sources(site: Site, chars: set[str]) -> Iterator[tuple[Place, str]]:
    """(where, which character) for every printed text that holds one of `chars`."""
    for card_path in dict.fromkeys(card.path for card in site.cards):
        yield from in_markdown(card_path, chars)
    content = site.campaign.path.parent
    for name in ("campaign.yml", "services.yml", "stations.yml"):
        path = content / name
        data = read_yaml_mapping(path, Problems()) if path.exists() else None
        if data is not None:
            for line, field, text in texts(data, ""):
                for ch in dict.fromkeys(text):
                    if ch in chars:
                        yield Place(path, line, field), ch


def in_markdown(path: Path, chars: set[str]) -> Iterator[tuple[Place, str]]:
    """Lines of a card holding the characters, with the side they are on (the front matter's field otherwise)."""
    side = ""
    front = False
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if number == 1 and line.strip() == "---":
            front = True
            continue
        if front:
            front = line.strip() != "---"
            field = line.split(":", 1)[0].strip() if ":" in line else ""
        else:
            if line.startswith(":::") and line[3:].strip():
                side = line[3:].strip()
            field = side
        for ch in dict.fromkeys(line):
            if ch in chars:
                yield Place(path, number, field), ch


def texts(value: Any, where: str, line: int | None = None) -> Iterator[tuple[int | None, str, str]]:
    """(line, field, text) of every text in a YAML value; a list item with an `id` is named by it."""
    if isinstance(value, CommentedMap):
        for key, item in value.items():
            at = value.lc.value(key)[0] + 1 if key in value.lc.data else line
            yield from texts(item, f"{where}.{key}" if where else str(key), at)
    elif isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            at = value.lc.item(index)[0] + 1 if index in value.lc.data else line
            named = item.get("id") if isinstance(item, CommentedMap) else None
            yield from texts(item, str(named) if named else f"{where}[{index + 1}]", at)
    elif isinstance(value, str):
        yield line, where, value
