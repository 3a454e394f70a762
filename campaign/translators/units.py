"""Every text of a campaign a translator translates, as units with stable ids, read from the content folder.

- a card's blocks: `cards/dream-job#promise.title`, `cards/dream-job#promise.1` (the side's paragraphs and
  list items, in order);
- a page's title, description and blocks: `pages/signs#title`, `pages/signs#body.3`;
- every per-language field of the YAML files: `campaign.yml#tagline`, `services.yml#pag-asa.name`,
  `services.yml#pag-asa.phones.1.label`, `stations.yml#bruxelles-midi.name` (list items are named by
  their `id`). A text written once for every language, or an address, is not a unit.

Each unit has the main language's text, the target language's where there is one, and where it is read.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.markdown import SIDES
from ..content.model import Site
from ..content.sources import read_markdown, read_yaml_mapping
from ..problems import Problems
from .markup import Text, parse_inline

YAML_FILES = ("campaign.yml", "services.yml", "stations.yml")
PRINTED = {  # where a YAML field is read: on the site, and on posters too
    "name": "the site and the posters", "call_to_action": "the posters", "label": "the site and the posters",
    "city": "the site", "tagline": "the site's home page", "intro": "the site's home page",
    "description": "the site", "address": "the help page", "note": "the help page",
}


@dataclass(frozen=True)
class Block:
    """One translatable block of a Markdown body: where it is, and its inline Markdown."""

    key: str
    start: int
    """Its first line in the body (0-based); `end` is past its last."""
    end: int
    prefix: str
    """What comes before the text on its first line: `## `, `- `, `1. `, `> `."""
    inline: str


@dataclass(frozen=True)
class Unit:
    id: str
    source: Text
    target: Text | None
    where: str
    """Where people read it, for the translator's note."""
    printed: bool
    file: Path
    """The file the translation goes into (it may not exist yet)."""
    origin: Path
    """The main language's file it is read from (the same file for YAML)."""
    key: tuple[str | int, ...] | str
    """The YAML path of a field, or the block's key (or front matter field) in a Markdown file."""


def markdown_reader() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    for side in SIDES:
        md.use(container_plugin, name=side)
    return md


def blocks(md: MarkdownIt, body: str, card: bool) -> list[Block]:
    """The blocks of a body in order: a card's are keyed by side (`promise.title`, `promise.1`), a page's `body.N`."""
    lines = body.split("\n")
    found: list[Block] = []
    side, count, kind = "body", 0, ""
    for token in md.parse(body):
        if token.type.startswith("container_") and token.type.endswith("_open"):
            side, count = token.type.removeprefix("container_").removesuffix("_open"), 0
        elif token.type in ("heading_open", "paragraph_open"):
            kind = token.type
        elif token.type == "inline" and token.map and token.content.strip():
            title = card and kind == "heading_open" and not any(b.key == f"{side}.title" for b in found)
            if not title:
                count += 1
            first = lines[token.map[0]]
            at = first.find(token.content.split("\n")[0])
            found.append(Block(f"{side}.title" if title else f"{side}.{count}", token.map[0], token.map[1],
                               first[:max(at, 0)], token.content))
    return found


def units(site: Site, lang: str) -> list[Unit]:
    """Every unit of the campaign for `lang`, in the order of the files."""
    md = markdown_reader()
    main = site.campaign.default_language
    found: list[Unit] = []
    for kind, items in (("cards", site.cards), ("pages", site.pages)):
        for item in items:
            if item.lang == main:
                found += markdown_units(md, kind, item.id, item.path, item.path.with_name(f"{item.id}.{lang}.md"))
    content = site.campaign.path.parent
    for name in YAML_FILES:
        data = read_yaml_mapping(content / name, Problems()) if (content / name).exists() else None
        if data is not None:
            found += [yaml_unit(content / name, data, path, texts, main, lang)
                      for path, texts in localised(data, (), site.campaign.languages)]
    return found


def markdown_units(md: MarkdownIt, kind: str, item_id: str, source: Path, target: Path) -> list[Unit]:
    read = read_markdown(source, Problems())
    if read is None:
        return []
    there = read_markdown(target, Problems()) if target.exists() else None
    theirs = {b.key: b.inline for b in blocks(md, there.body, kind == "cards")} if there else {}
    card = kind == "cards"
    where = f"the {'card' if card else 'page'} {item_id}" + (" on the site, and printed on posters and cards" if card
                                                              else " on the site")
    found = []
    for field in ("title", "description") if not card else ():
        text = read.front.get(field)
        if isinstance(text, str) and text.strip():
            own = there.front.get(field) if there else None
            found.append(Unit(f"{kind}/{item_id}#{field}", parse_inline(md, text),
                              parse_inline(md, own) if isinstance(own, str) and own.strip() else None,
                              f"{where} ({field})", False, target, source, field))
    for block in blocks(md, read.body, card):
        own = theirs.get(block.key)
        found.append(Unit(f"{kind}/{item_id}#{block.key}", parse_inline(md, block.inline),
                          parse_inline(md, own) if own else None, f"{where} ({block.key.replace('.', ', ')})",
                          card, target, source, block.key))
    return found


def localised(value: Any, path: tuple[str | int, ...],
              languages: tuple[str, ...]) -> Iterator[tuple[tuple[str | int, ...], CommentedMap]]:
    """(path, {lang: text}) of every per-language text: a mapping of the campaign's languages to texts, the main
    one among them (addresses aside: they are not translated)."""
    if isinstance(value, CommentedMap):
        if path and languages[0] in value and all(k in languages and isinstance(v, str) for k, v in value.items()):
            if not any(v.startswith(("https://", "http://", "mailto:")) for v in value.values()):
                yield path, value
            return
        for key, item in value.items():
            yield from localised(item, (*path, key), languages)
    elif isinstance(value, CommentedSeq):
        for index, item in enumerate(value):
            yield from localised(item, (*path, index), languages)


def yaml_unit(file: Path, data: CommentedMap, path: tuple[str | int, ...], texts: CommentedMap, main: str,
              lang: str) -> Unit:
    """A YAML text is plain text (the loader refuses markup in it): a unit without placeholders."""
    field = str(path[-1]) if not isinstance(path[-1], int) else "text"
    own = texts.get(lang)
    where = "the site" if file.name == "stations.yml" else PRINTED.get(field, "the site")
    name = named(data, path)
    return Unit(f"{file.name}#{name}", Text([str(texts[main])]), Text([own]) if isinstance(own, str) and own.strip() else None,
                f"{file.name}: {name}, read on {where}", "posters" in where, file, file, path)


def named(data: CommentedMap, path: tuple[str | int, ...]) -> str:
    """`pag-asa.phones.1.label`: list items by their `id` (services and stations), else by their number; the
    top-level `services:` and `stations:` lists are left out of the name."""
    parts: list[str] = []
    node: Any = data
    for step in path:
        node = node[step]
        if isinstance(step, int):
            item_id = node.get("id") if isinstance(node, CommentedMap) else None
            parts.append(str(item_id) if item_id else str(step + 1))
        elif not (step in ("services", "stations") and not parts):
            parts.append(step)
    return ".".join(parts)
