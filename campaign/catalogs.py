"""Theme strings: gettext catalogs found by language tag, read, and compiled in memory by the build.

Catalogs come from two places:
- the theme's, `theme/translations/<locale>/LC_MESSAGES/messages.po`, extracted from the templates with
  `make translations`: the tool's own, shared by every campaign;
- the campaign's, `campaign_assets/translations/<code>.po` (`build.py translations theme --language fa` writes one):
  a language the theme lacks, or single strings the campaign words otherwise. Its translated strings win.

A campaign language uses, from each place, the catalog that speaks it best (tags.best_match): `zh` and `zh-CN`
the theme's zh_Hans, `pt-PT` the theme's pt, `no` a campaign's nb.po. The templates are written in English, so
English needs no catalog. `.mo` files are never written or committed: each build compiles the `.po` it reads, so
a stale `.mo` can never be served.

Each catalog says in its header comment whether a native speaker has reviewed it: `# Reviewed: no (...)` for a
draft, `# Reviewed: yes, by <name>, <date>` once checked (theme_strings.py warns about drafts).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from .content.leftovers import is_leftover
from .content.merges import conflicts
from .content.merges import message as merge_message
from .content.regular import read_regular
from .content.sources import outside
from .l10n import direction
from .problems import Problems
from .tags import babel_locale, best_match, written

SOURCE_LANGUAGE = "en"
CAMPAIGN_FOLDER = "translations"
"""Inside campaign_assets/: the campaign's own catalogs, one `<language code>.po` each."""


def is_source(lang: str) -> bool:
    """English in any region: the language the templates are written in."""
    return lang.split("-")[0].lower() == SOURCE_LANGUAGE


def catalog_path(theme: Path, locale: str) -> Path:
    """Where the theme keeps the catalog of a locale folder name (`fr`, `zh_Hans`) or tag (`zh-Hans`)."""
    return theme / "translations" / locale.replace("-", "_") / "LC_MESSAGES" / "messages.po"


def template_path(theme: Path) -> Path:
    return theme / "translations" / "messages.pot"


def campaign_catalog_path(assets: Path, lang: str) -> Path:
    return assets / CAMPAIGN_FOLDER / f"{lang}.po"


def theme_catalogs(theme: Path) -> dict[str, Path]:
    """The theme's catalogs by locale folder name."""
    folder = theme / "translations"
    if not folder.is_dir():
        return {}
    return {entry.name: catalog_path(theme, entry.name) for entry in sorted(folder.iterdir())
            if not is_leftover(entry.name) and catalog_path(theme, entry.name).is_file()
            and not outside(catalog_path(theme, entry.name), theme)}


def campaign_catalogs(assets: Path | None) -> dict[str, Path]:
    """The campaign's catalogs by the language code that names them (`fa.po` → fa); other files are not read."""
    folder = assets / CAMPAIGN_FOLDER if assets else None
    if folder is None or not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.iterdir())
            if path.suffix == ".po" and path.is_file() and not is_leftover(path.name) and not outside(path, assets)
            and written(path.stem.replace("_", "-")) is not None}


@dataclass(frozen=True)
class Sources:
    """Where one campaign language's theme strings come from."""

    lang: str
    theme: Path | None
    """The theme's catalog that speaks it, if any."""
    campaign: Path | None
    """The campaign's own catalog that speaks it, if any: its translated strings override the theme's."""
    tied: tuple[Path, ...] = ()
    """Catalogs of one place that speak the language equally well: the build cannot choose between them."""

    @property
    def catalogs(self) -> tuple[Path, ...]:
        return tuple(path for path in (self.theme, self.campaign) if path)


def sources(theme: Path, assets: Path | None, lang: str) -> Sources:
    found = []
    tied: list[Path] = []
    for catalogs in (theme_catalogs(theme), campaign_catalogs(assets)):
        match = best_match(lang, list(catalogs))
        found.append(catalogs[match.code] if match.code else None)
        tied += [catalogs[code] for code in match.tied]
    return Sources(lang, found[0], found[1], tuple(tied))


def catalog_code(path: Path) -> str:
    """The language a catalog file is for: its theme folder's name, or its own name in the campaign's folder."""
    return path.parent.parent.name if path.name == "messages.po" else path.stem


def read_catalog_file(path: Path, problems: Problems) -> Catalog | None:
    """A catalog, or None after reporting why it cannot be read. Parsed once per version of the file: the preview
    reads every catalog on every save. The same version gives the same object: copy it before changing it."""
    try:
        found = path.stat()
    except OSError as exc:
        problems.error(path, None, "", f"cannot be read ({exc.strerror})")
        return None
    catalog, error = parsed_catalog(path, found.st_mtime_ns, found.st_size, found.st_ino)
    if error is not None:
        problems.error(path, error[0], "", error[1])
    return catalog


@functools.lru_cache(maxsize=64)
def parsed_catalog(path: Path, *version: int) -> tuple[Catalog | None, tuple[int | None, str] | None]:
    """The catalog in `path` as it is in this `version` (modification time, size, inode), or where and why it
    cannot be read."""
    try:
        locale = babel_locale(catalog_code(path).replace("_", "-"))
    except (UnknownLocaleError, ValueError):
        locale = None
    try:
        data = read_regular(path)
        merge = next(conflicts(data.decode("utf-8", errors="replace")), None)
        if merge is not None:  # before the reader, whose message would be about quotes
            return None, (merge[0], merge_message(merge[1]))
        return read_po(BytesIO(data), locale=locale, abort_invalid=True), None
    except PoFileError as exc:
        return None, (getattr(exc, "lineno", None), f"is not a valid catalog ({exc}): compare it with messages.pot")
    except (UnicodeDecodeError, ValueError) as exc:
        return None, (None, f"cannot be read ({exc}): save it as UTF-8")
    except OSError as exc:
        return None, (None, f"cannot be read ({exc.strerror})")


def read_catalog(theme: Path, lang: str, problems: Problems) -> Catalog | None:
    """The theme's catalog that speaks `lang`, if any."""
    path = sources(theme, None, lang).theme
    return read_catalog_file(path, problems) if path else None


def compiled(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog)  # untranslated and fuzzy messages are left out: they fall back to the next catalog
    buffer.seek(0)
    return Translations(fp=buffer)


def translations(theme: Path, lang: str, assets: Path | None = None) -> NullTranslations:
    """The compiled strings for `lang`: the theme's catalog, overridden by the campaign's own where it translates
    a string (English, and a language without any catalog, show the templates' own text)."""
    catalogs = [catalog for path in sources(theme, assets, lang).catalogs
                if (catalog := read_catalog_file(path, Problems())) is not None]
    if not catalogs:
        return NullTranslations()
    merged = compiled(catalogs[0])
    for catalog in catalogs[1:]:
        merged.merge(compiled(catalog))
    return merged


def speaks(theme: Path, assets: Path | None, lang: str, messages: tuple[str, ...]) -> bool:
    """True when `lang` has every one of `messages` in its own words (English always has)."""
    if is_source(lang):
        return True
    known = getattr(translations(theme, lang, assets), "_catalog", {})
    return all(message in known for message in messages)


def untranslated(theme: Path, assets: Path, lang: str, message: str) -> tuple[Path, str]:
    """(catalog, what is wrong) for a string a print product in `lang` needs and no catalog translates."""
    found = sources(theme, assets, lang)
    own = found.campaign or campaign_catalog_path(assets, lang)
    write = (f"write {own} with `build.py translations theme --language {lang}`" if not found.campaign
             else f"translate it in {own}")
    if not found.catalogs:
        return own, (f"there are no theme strings in {lang} (no catalog in the theme or the campaign), and print "
                     f"products in {lang} cannot carry English labels: {write}, or print nothing in {lang}")
    return Path(found.campaign or found.theme), (f'"{message}" is not translated into {lang}, and print products in '
                                                 f"{lang} cannot carry English labels: {write}")


def reviewed(catalog: Catalog) -> bool:
    """True when the header comment says a native speaker has reviewed the catalog."""
    for line in (catalog.header_comment or "").splitlines():
        key, _, value = line.lstrip("# ").partition(":")
        if key.strip().lower() == "reviewed":
            return value.strip().lower().startswith("yes")
    return False


def translated_ids(catalog: Catalog) -> set[str]:
    """Messages translated in every form (a plural counts only when all are, unlike pybabel's count), not fuzzy."""
    done = set()
    for message in catalog:
        forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.id and not message.fuzzy and all(forms):
            done.add(message.id if isinstance(message.id, str) else message.id[0])
    return done


@dataclass(frozen=True)
class Completeness:
    translated: int
    total: int

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def completeness(catalog: Catalog) -> Completeness:
    return Completeness(len(translated_ids(catalog)), len([m for m in catalog if m.id]))


def marked_fallbacks(lang: str, catalog: NullTranslations) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """gettext and ngettext for the site's templates: a string with no translation in `lang` shows in
    English inside <span lang="en">, so that a screen reader reads it with an English voice (WCAG 3.1.2).
    In an attribute or a <title>, where no element can go, templates strip the span with |striptags."""
    if is_source(lang):
        return catalog.gettext, catalog.ngettext
    known = getattr(catalog, "_catalog", {})  # translated messages only: a word the same in both ("Menu") is known
    # In a right-to-left page an English run also needs its own direction, or "In danger now?" shows "?In danger now"
    english = Markup('<span lang="en">{}</span>' if direction(lang) == "ltr" else '<span lang="en" dir="ltr">{}</span>')

    def gettext(message: str) -> str:
        text = catalog.gettext(message)
        return english.format(text) if text == message and message not in known else text

    def ngettext(singular: str, plural: str, count: int) -> str:
        text = catalog.ngettext(singular, plural, count)
        untranslated = text in (singular, plural) and (singular, 0) not in known
        return english.format(text) if untranslated else text

    return gettext, ngettext


class EveryLanguage:
    """Theme strings in each of the campaign's languages at once, for the pages that come before a reader has
    chosen one (the root page and its 404): each language's text in its own `<span lang>`, the same text once."""

    SEPARATOR = Markup(" · ")

    def __init__(self, theme: Path, languages: tuple[str, ...], assets: Path | None = None) -> None:
        self.theme = theme
        self.assets = assets
        self.languages = languages
        self.catalogs: dict[str, NullTranslations] = {}

    def catalog(self, lang: str) -> NullTranslations:
        if lang not in self.catalogs:
            self.catalogs[lang] = translations(self.theme, lang, self.assets)
        return self.catalogs[lang]

    def texts(self, translate: Callable[[NullTranslations], str], key: object, source: tuple[str, ...],
              languages: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """(language, text) per language, the same text once; a text the language's catalog lacks is English."""
        seen: dict[str, str] = {}
        for lang in languages or self.languages:
            catalog = self.catalog(lang)
            text = translate(catalog)
            own = (is_source(lang) or text not in source
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
        if own == lang:
            return text
        if direction(own) != direction(lang):  # an English run in an Urdu link keeps its question mark at its end
            return Markup('<span lang="{}" dir="{}">{}</span>').format(own, direction(own), text)
        return Markup('<span lang="{}">{}</span>').format(own, text)
