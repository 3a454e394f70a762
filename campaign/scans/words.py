"""The scan report's words in the campaign's main language: strings from the theme's report catalogs, dates and
numbers from Babel.

The report's strings are a gettext domain of their own, `report`, kept beside the site's in the theme's
folders (`theme/translations/<locale>/LC_MESSAGES/report.po`, from `report.pot`: `make translations`), so
that they never count among the site's theme strings: a language without them is no less ready to publish.
A main language that no report catalog speaks gets the report in English, dates and numbers included (a
sentence and its dates in one language); a catalog that lacks a string shows it in English, marked so for
screen readers, as the site does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations

from ..catalogs import SOURCE_LANGUAGE, compiled, is_source, marked_fallbacks, read_catalog_file
from ..l10n import date_range, direction, locale
from ..problems import Problems
from ..tags import best_match

DOMAIN = "report"


def N_(message: str) -> str:
    """Marks a string for the report's catalogs where it is defined; it is translated where it is shown."""
    return message


def report_catalogs(theme: Path) -> dict[str, Path]:
    """The theme's report catalogs, by locale folder name (`nl`, `zh_Hans`)."""
    folder = theme / "translations"
    if not folder.is_dir():
        return {}
    return {entry.name: path for entry in sorted(folder.iterdir())
            if (path := entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()}


@dataclass(frozen=True)
class Words:
    """How the report speaks: its language, its strings, and Babel's dates and numbers in that language."""

    lang: str
    """The campaign's main language, or English when no report catalog speaks it."""
    catalog: NullTranslations
    wanted: str
    """The campaign's main language, which the report is in when it can be."""

    @classmethod
    def of(cls, theme: Path, main: str) -> Words:
        if is_source(main):
            return cls(main, NullTranslations(), main)
        catalogs = report_catalogs(theme)
        match = best_match(main, list(catalogs))
        catalog = read_catalog_file(catalogs[match.code], Problems()) if match.code else None
        if catalog is None:
            return cls(SOURCE_LANGUAGE, NullTranslations(), main)
        return cls(main, compiled(catalog), main)

    @property
    def in_wanted_language(self) -> bool:
        return self.lang == self.wanted

    @property
    def locale(self) -> Locale:
        return locale(self.lang)

    @property
    def direction(self) -> str:
        return direction(self.lang)

    # --- plain text, for the terminal ---
    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    # --- for the HTML report: a string the catalog lacks is English, inside <span lang="en"> ---
    def html_gettext(self) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
        return marked_fallbacks(self.lang, self.catalog)

    # --- numbers and dates ---
    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def decimal(self, value: float) -> str:
        """One decimal: seconds taken."""
        return format_decimal(value, "0.0", locale=self.locale)

    def share(self, part: int, whole: int) -> str:
        """A whole percentage, '–' when there is nothing to take a share of."""
        return format_percent(part / whole, locale=self.locale) if whole else "–"

    def long_date(self, day: date) -> str:
        """'maandag 19 oktober 2026', 'Monday, October 19, 2026'."""
        return format_date(day, "full", locale=self.locale)

    def date_range(self, start: date, end: date) -> str:
        return date_range(start, end, self.lang)
