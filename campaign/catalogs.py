"""Theme strings: gettext catalogs per language, checked and compiled in memory by the build.

Catalogs live at theme/translations/<locale>/LC_MESSAGES/messages.po (extracted from the
templates with `make translations`). The templates are written in English, so English
needs no catalog. `.mo` files are never written or committed: each build compiles the
`.po` it reads, so a stale `.mo` can never be served.

Each catalog says in its header comment whether a native speaker has reviewed it:
`# Reviewed: no (...)` for a draft, `# Reviewed: yes, by <name>, <date>` once checked. A draft
is a warning, so `--strict` refuses it before a campaign goes live.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from .l10n import direction
from .problems import Problems

SOURCE_LANGUAGE = "en"


def catalog_path(theme: Path, lang: str) -> Path:
    return theme / "translations" / lang.replace("-", "_") / "LC_MESSAGES" / "messages.po"


def read_catalog(theme: Path, lang: str, problems: Problems) -> Catalog | None:
    path = catalog_path(theme, lang)
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang.replace("-", "_"), abort_invalid=True)
    except PoFileError as exc:
        problems.error(path, getattr(exc, "lineno", None), "", f"is not a valid catalog ({exc}): compare it with messages.pot")
    except (UnicodeDecodeError, ValueError) as exc:
        problems.error(path, None, "", f"cannot be read ({exc}): save it as UTF-8")
    return None


def check_catalogs(theme: Path, languages: tuple[str, ...], problems: Problems) -> None:
    """Broken placeholders are errors (the page would crash or lie); gaps are warnings."""
    for lang in languages:
        catalog = read_catalog(theme, lang, problems)
        path = catalog_path(theme, lang)
        if catalog is None:
            if lang != SOURCE_LANGUAGE and not path.exists():
                problems.warn(path, None, "", f"no theme translation for {lang}: buttons and headings show in English "
                              f"(create it with `make translations LANG_CODE={lang.replace('-', '_')}`)")
            continue
        for message, errors in catalog.check():
            for error in errors:
                problems.error(path, message.lineno, f'msgid "{message.id if isinstance(message.id, str) else message.id[0]}"',
                               f"{error}: keep every %(name)s placeholder of the original exactly as it is")
        count = completeness(catalog)
        if count.translated < count.total:
            problems.warn(path, None, "", f"{count.total - count.translated} of {count.total} theme strings are not "
                          f"translated into {lang} (they show in English)")
        if not reviewed(catalog):
            problems.warn(path, None, "", f"the {lang} theme strings are a draft no native speaker has reviewed: have "
                          "them checked, then write `# Reviewed: yes, by <name>, <date>` at the top of this file")


def reviewed(catalog: Catalog) -> bool:
    """True when the header comment says a native speaker has reviewed the catalog."""
    for line in (catalog.header_comment or "").splitlines():
        key, _, value = line.lstrip("# ").partition(":")
        if key.strip().lower() == "reviewed":
            return value.strip().lower().startswith("yes")
    return False


@dataclass(frozen=True)
class Completeness:
    translated: int
    total: int

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def completeness(catalog: Catalog) -> Completeness:
    """Translated messages; a plural counts as translated only when every form is (unlike pybabel's count)."""
    messages = [m for m in catalog if m.id]
    translated = 0
    for message in messages:
        forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        translated += not message.fuzzy and all(forms)
    return Completeness(translated, len(messages))


def theme_completeness(theme: Path, lang: str, problems: Problems) -> Completeness | None:
    """None for the source language without a catalog (nothing to translate)."""
    catalog = read_catalog(theme, lang, problems)
    if catalog is not None:
        return completeness(catalog)
    if lang == SOURCE_LANGUAGE:
        return None
    with (theme / "translations" / "messages.pot").open("rb") as handle:
        return Completeness(0, completeness(read_po(handle)).total)


def translations(theme: Path, lang: str) -> NullTranslations:
    """The compiled catalog for `lang` (English falls back to the template text)."""
    catalog = read_catalog(theme, lang, Problems())
    if catalog is None:
        return NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def marked_fallbacks(lang: str, catalog: NullTranslations) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """gettext and ngettext for the site's templates: a string with no translation in `lang` shows in
    English inside <span lang="en">, so that a screen reader reads it with an English voice (WCAG 3.1.2).
    In an attribute or a <title>, where no element can go, templates strip the span with |striptags."""
    if lang.split("-")[0] == SOURCE_LANGUAGE:
        return catalog.gettext, catalog.ngettext
    known = getattr(catalog, "_catalog", {})  # translated messages only: a word the same in both ("Menu") is known

    def gettext(message: str) -> str:
        text = catalog.gettext(message)
        return Markup('<span lang="en">{}</span>').format(text) if text == message and message not in known else text

    def ngettext(singular: str, plural: str, count: int) -> str:
        text = catalog.ngettext(singular, plural, count)
        untranslated = text in (singular, plural) and (singular, 0) not in known
        return Markup('<span lang="en">{}</span>').format(text) if untranslated else text

    return gettext, ngettext


class EveryLanguage:
    """Theme strings in each of the campaign's languages at once, for the pages that come before a reader has
    chosen one (the root page and its 404): each language's text in its own `<span lang>`, the same text once."""

    SEPARATOR = Markup(" · ")

    def __init__(self, theme: Path, languages: tuple[str, ...]) -> None:
        self.theme = theme
        self.languages = languages
        self.catalogs: dict[str, NullTranslations] = {}

    def catalog(self, lang: str) -> NullTranslations:
        if lang not in self.catalogs:
            self.catalogs[lang] = translations(self.theme, lang)
        return self.catalogs[lang]

    def texts(self, translate: Callable[[NullTranslations], str], key: object, source: tuple[str, ...],
              languages: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """(language, text) per language, the same text once; a text the language's catalog lacks is English."""
        seen: dict[str, str] = {}
        for lang in languages or self.languages:
            catalog = self.catalog(lang)
            text = translate(catalog)
            own = (lang.split("-")[0] == SOURCE_LANGUAGE or text not in source
                   or key in getattr(catalog, "_catalog", {}))  # translated as the English word itself ("Menu")
            seen.setdefault(text, lang if own else SOURCE_LANGUAGE)
        return [(lang, text) for text, lang in seen.items()]

    def join(self, texts: list[tuple[str, str]]) -> Markup:
        """Each text in its own language and direction (an English run in an Arabic page stays in order)."""
        return self.SEPARATOR.join(Markup('<span lang="{}" dir="{}">{}</span>').format(lang, direction(lang), text)
                                   for lang, text in texts)

    def gettext(self, message: str) -> Markup:
        return self.join(self.texts(lambda catalog: catalog.gettext(message), message, (message,)))

    def ngettext(self, singular: str, plural: str, count: int) -> Markup:
        return self.join(self.texts(lambda catalog: catalog.ngettext(singular, plural, count), (singular, 0),
                                    (singular, plural)))

    def in_language(self, lang: str, message: str) -> str:
        """One language's text (an untranslated one is English, and marked so)."""
        [(own, text)] = self.texts(lambda catalog: catalog.gettext(message), message, (message,), (lang,))
        return text if own == lang else Markup('<span lang="{}">{}</span>').format(own, text)
