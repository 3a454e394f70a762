"""Cards and pages not translated yet: the English starter text `build.py new` wrote, or a copy of another language's
version. They are listed by `check` as "to translate", warned about (errors under --strict), and published marked with
the language they are really written in (`lang` on their title and text), so that a screen reader reads the English
starter text on the Bengali site with English rules, while the page around it (buttons, headings) stays Bengali.

They are marked rather than left out: a reader who reads some English still finds the safety page and the cards in
their own language's site, and one who does not loses nothing they could have read.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TypeVar

from ..catalogs import SOURCE_LANGUAGE, is_source
from ..problems import Problems
from .model import Campaign, Card, Page

Item = TypeVar("Item", Card, Page)


def words(item: Card | Page) -> tuple[str, ...]:
    """What a reader sees of a card or page, its spacing evened out and its links to the site's pages without their
    language (`/bn/help/` → `/help/`, as written): the same words are the same text."""
    parts = ((item.promise.title, item.promise.html, item.reality.title, item.reality.html) if isinstance(item, Card)
             else (item.title, item.html))
    marker = f"/{item.lang}/"
    own = re.compile(rf'(href="[^"]*?){re.escape(marker)}')
    evened = (" ".join(part.split()) for part in parts)
    return tuple(own.sub(r"\1/", part) if marker in part else part for part in evened)


def same_language(a: str, b: str) -> bool:
    """en-IN and en, pt and pt-BR: one text may well serve both."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def written_in(items: Iterable[Item], languages: tuple[str, ...],
               starters: set[tuple[str, ...]]) -> dict[tuple[str, str], str]:
    """(id, language) → the language its text is really in, for each version that is not a translation: English for
    the starter text; for a copy, the language of the version it copies (the first language, else the first of the
    campaign's languages among those that have it)."""
    order = {lang: index for index, lang in enumerate(languages)}
    texts: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for item in items:
        texts.setdefault((item.id, words(item)), []).append(item.lang)
    found: dict[tuple[str, str], str] = {}
    for (item_id, text), sharing in texts.items():
        english = {lang for lang in sharing if not is_source(lang) and text in starters}
        found.update({(item_id, lang): SOURCE_LANGUAGE for lang in english})
        sharing = [lang for lang in sharing if lang not in english]
        if not sharing:
            continue
        owner = min(sharing, key=lambda lang: order.get(lang, len(order)))
        found.update({(item_id, lang): owner for lang in sharing if not same_language(lang, owner)})
    return found


def mark_untranslated(items: list[Item], campaign: Campaign, starters: set[tuple[str, ...]], kind: str,
                      problems: Problems) -> list[Item]:
    """The items, each not yet translated marked with the language it is written in, and a warning for it."""
    found = written_in(items, campaign.languages, starters)
    paths = {(item.id, item.lang): item.path for item in items}
    marked = []
    for item in items:
        lang = found.get((item.id, item.lang))
        if lang is None:
            marked.append(item)
            continue
        what = ("is still the English starter text `build.py new` wrote" if words(item) in starters
                else f"is the same text as {paths[item.id, lang].name}")
        problems.warn(item.path, None, "text", f"{what}: translate this {kind} into {item.lang} (until then its "
                      f"{item.lang} pages show it marked as {lang}, for screen readers)")
        marked.append(dataclasses.replace(item, written_in=lang))
    return marked

