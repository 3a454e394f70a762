"""Typed, line-aware access to the fields of one YAML mapping.

Each getter returns a clean Python value or None, and reports a problem naming the
file, line and field when the value is missing or of the wrong kind. Messages say what
to write, because the people reading them edit YAML by hand and are not programmers.

Every text is also checked for what a reader would not see as written: invisible characters
(an error in names, numbers, addresses and links; a warning in running text, `prose=True`)
and markup (HTML, Markdown links), which YAML texts show as typed.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..problems import Problems
from ..tags import unknown_language
from .markdown import markup_in_text
from .sources import INVISIBLE, INVISIBLE_IN_PROSE, character_name, invisible_characters


def describe(value: Any) -> str:
    """How a wrong value is shown in a message: short, and in YAML terms."""
    if isinstance(value, CommentedMap):
        return "a group of fields"
    if isinstance(value, CommentedSeq):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    text = str(value)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


class Fields:
    """The fields of one mapping in one file; `where` is the field path shown in messages."""

    def __init__(
        self,
        data: CommentedMap | dict[str, Any],
        path: Path,
        problems: Problems,
        where: str = "",
        first_line: int = 1,
    ) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.where = where
        self.first_line = first_line

    # --- reporting -------------------------------------------------------------------

    def line(self, key: str | None = None) -> int | None:
        """The key's line; for a missing key, the line its group starts on (none at the top of a file)."""
        if not hasattr(self.data, "lc"):  # read quickly, without line numbers
            return None
        if key is not None and key in self.data:
            return self.data.lc.key(key)[0] + self.first_line
        return self.data.lc.line + self.first_line if self.where else None

    def item_line(self, key: str, index: int) -> int | None:
        """The line of item `index` in the list under `key`, or of the key when it holds one value."""
        value = self.data.get(key)
        if isinstance(value, CommentedSeq) and index < len(value):
            return value.lc.item(index)[0] + self.first_line
        if not hasattr(self.data, "lc"):
            return None
        return self.line(key)

    def name(self, key: str | None) -> str:
        if not key:
            return self.where
        return f"{self.where}.{key}" if self.where else key

    def error(self, key: str | None, message: str) -> None:
        self.problems.error(self.path, self.line(key), self.name(key), message)

    def warn(self, key: str | None, message: str) -> None:
        self.problems.warn(self.path, self.line(key), self.name(key), message)

    def check_known(self, allowed: Iterable[str]) -> None:
        """Unknown field names are errors: a typo must not silently drop a value."""
        allowed = list(allowed)
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known fields: " + ", ".join(allowed)
            self.error(str(key), f"unknown field; {hint}")

    # --- getters ---------------------------------------------------------------------

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def require(self, key: str, what: str) -> Any:
        value = self.data.get(key)
        if value is None:
            self.error(key, f"missing: add `{key}:` with {what}")
        return value

    def value_line(self, key: str) -> int | None:
        """The line a key's value starts on (a value may start on the line after its key)."""
        known = getattr(self.data, "lc", None)
        if known is not None and known.data and key in known.data:
            return known.value(key)[0] + self.first_line
        return self.line(key)

    def check_text(self, key: str, text: str, *, prose: bool, line: int | None = None) -> None:
        """Report invisible characters and markup in one text read from `key` (`line`: a list item's)."""
        line = line if line is not None else self.value_line(key)
        found = list(invisible_characters(text, prose=prose))
        if found:
            index, ch = found[0]
            at_line, column = self.locate(text, index, line)
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            what = f"an invisible character, {character_name(ch)}{more}: "
            if prose:
                self.problems.warn(self.path, at_line, self.name(key), what + INVISIBLE_IN_PROSE, column=column)
            else:
                self.problems.error(self.path, at_line, self.name(key), what + INVISIBLE, column=column)
        markup = markup_in_text(text)
        if markup:
            self.problems.error(self.path, line, self.name(key), markup)

    def locate(self, text: str, index: int, line: int | None) -> tuple[int | None, int | None]:
        """The file line and column of text[index], found by reading the file again (only when there is
        something to report); the value's own line without a column when the file writes it escaped."""
        if line is None:
            return None, None
        ch, occurrence = text[index], text[:index].count(text[index])
        try:
            lines = self.path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
        except OSError:
            return line, None
        for number in range(line - 1, len(lines)):
            row = lines[number]
            position = -1
            for _ in range(occurrence + 1):
                position = row.find(ch, position + 1)
                if position < 0:
                    break
            if position >= 0:
                return number + 1, position + 1
            occurrence -= row.count(ch)
        return line, None

    def text(self, key: str, *, required: bool = False, what: str = "a short text", prose: bool = False) -> str | None:
        value = self.require(key, what) if required else self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(key, f"must be {what}, not {describe(value)}")
            return None
        text = str(value).strip()
        if not text and required:
            self.error(key, f"is empty: write {what}")
            return None
        self.check_text(key, text, prose=prose)
        return text or None

    def localised(
        self, key: str, languages: tuple[str, ...], *, required: bool = False, what: str = "a short text",
        prose: bool = False,
    ) -> dict[str, str]:
        """Text that is either the same in every language or given per language code."""
        value = self.require(key, f"{what} (one text, or one per language)") if required else self.data.get(key)
        if value is None:
            return {}
        if isinstance(value, CommentedMap):
            sub = self.sub(key)
            result: dict[str, str] = {}
            previous = None
            for lang in value:
                if lang not in languages:
                    hint = ""
                    if " " in str(lang).strip() or not str(lang).strip().replace("-", "").isalnum():
                        # `{fr: Gratuit, jour et nuit.}`: YAML read the comma as the end of the French text.
                        example = f'{previous}: "{value[previous]}, {lang}"' if previous else f'xx: "…, {lang}"'
                        hint = (": it looks like the end of a text. Inside { } a comma separates the languages, so "
                                f"put a text that contains a comma in quotes: {{{example}}}")
                    sub.error(str(lang), f"`{lang}` is not one of the campaign's languages ({', '.join(languages)}){hint}"
                              if hint else unknown_language(str(lang), languages))
                    continue
                previous = lang
                text = sub.text(str(lang), what=what, prose=prose)
                if text:
                    result[str(lang)] = text
            if not value:
                self.warn(key, f"is empty, so nothing is shown: write {what}, or remove `{key}:`")
            return result
        text = self.text(key, what=what, prose=prose)
        return {lang: text for lang in languages} if text else {}

    def date(self, key: str, *, required: bool = False) -> date | None:
        what = "a date written as YYYY-MM-DD, e.g. 2026-10-18"
        value = self.require(key, what) if required else self.data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(key, f"must be {what}, not {describe(value)}")
            return None

    def integer(self, key: str, default: int) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"must be a whole number, not {describe(value)}")
            return default
        return value

    def number(self, key: str, *, required: bool = False) -> float | None:
        value = self.require(key, "a number") if required else self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, f"must be a number, not {describe(value)}")
            return None
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"must be `true` or `false`, not {describe(value)}")
            return default
        return value

    def text_list(self, key: str, *, required: bool = False, what: str = "a list of values") -> list[str]:
        """A list of short texts; a single text is accepted as a list of one."""
        value = self.require(key, what) if required else self.data.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            self.check_text(key, str(value).strip(), prose=False)
            return [str(value).strip()]
        if not isinstance(value, CommentedSeq):
            self.error(key, f"must be {what}, not {describe(value)}")
            return []
        if not value and not required:
            self.warn(key, f"is an empty list, so it does nothing: give {what}, or remove `{key}:`")
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                self.problems.error(self.path, self.item_line(key, index), self.name(key),
                                    f"item {index + 1} must be a short text, not {describe(item)}")
                continue
            items.append(str(item).strip())
            self.check_text(key, items[-1], prose=False, line=self.item_line(key, index))
        if required and not items:
            self.error(key, f"is empty: give {what}")
        return items

    def sub(self, key: str) -> Fields:
        """The nested mapping under `key` (which the caller has checked is a mapping)."""
        return Fields(self.data[key], self.path, self.problems, self.name(key), self.first_line)

    def mapping(self, key: str, *, required: bool = False, what: str = "a group of fields") -> Fields | None:
        value = self.require(key, what) if required else self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, CommentedMap):
            self.error(key, f"must be {what} (indented `name: value` lines), not {describe(value)}")
            return None
        if not value:
            self.warn(key, f"is empty, so it does nothing: give {what}, or remove `{key}:`")
        return self.sub(key)

    def items(self, key: str, *, what: str) -> list[Fields]:
        """A list of mappings, such as the services in services.yml."""
        value = self.require(key, what)
        if value is None:
            return []
        if not isinstance(value, CommentedSeq):
            self.error(key, f"must be a list of {what}, each starting with `- `")
            return []
        if not value:
            self.warn(key, f"is an empty list, so nothing is made from it: add {what}, each starting with `- `")
        result: list[Fields] = []
        for index, item in enumerate(value):
            if not isinstance(item, CommentedMap):
                self.problems.error(self.path, self.item_line(key, index), f"{self.name(key)}[{index + 1}]",
                                    f"must be {what} (`name: value` lines), not {describe(item)}")
                continue
            label = item.get("id") if isinstance(item.get("id"), str) else f"{key}[{index + 1}]"
            result.append(Fields(item, self.path, self.problems, label, self.first_line))
        return result
