"""The filters the site's templates use: a campaign text in the page's language, phone numbers, dates."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from babel.lists import format_list
from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup, escape

from ..content.hours import format_range
from ..content.model import Service, text_in
from ..l10n import date_range as date_range_in
from ..l10n import direction, language_name_in, locale
from ..l10n import long_date as long_date_in


@pass_context
def local(context: Any, texts: dict[str, str]) -> Markup:
    """The text in the page's language; else the main language's, marked with its own `lang`."""
    lang, default = context["lang"], context["default_lang"]
    if lang in texts:
        return escape(texts[lang])
    fallback = default if default in texts else next(iter(texts), None)
    if fallback is None:
        return Markup("")
    if direction(fallback) != direction(lang):  # Hindi in an Urdu page: its own direction, or its punctuation moves
        return Markup('<span lang="{}" dir="{}">{}</span>').format(fallback, direction(fallback), texts[fallback])
    return Markup('<span lang="{}">{}</span>').format(fallback, texts[fallback])


@pass_context
def plain(context: Any, texts: dict[str, str]) -> str:
    """The text in the page's language, else the main language's, as plain text (for titles, attributes)."""
    return text_in(texts, context["lang"], context["default_lang"])


def written_in(item: Any) -> Markup:
    """` lang="en" dir="ltr"` for a card or page not translated yet (content/untranslated.py), on the elements that
    hold its text: a screen reader reads it in the language it is really in, the page around it in its own."""
    lang = getattr(item, "written_in", None)
    return Markup(' lang="{}" dir="{}"').format(lang, direction(lang)) if lang else Markup("")


def in_its_language(item: Any, text: str) -> Markup:
    """A title of a card or page not translated yet inside a sentence or a menu of the page's language."""
    return Markup("<span{}>{}</span>").format(written_in(item), text) if getattr(item, "written_in", None) else escape(text)


def host(url: str) -> str:
    """'pag-asa.be' for https://www.pag-asa.be/: short, readable, and easy to check."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


@pass_context
def language_in(context: Any, code: str) -> str:
    return language_name_in(code, context["lang"])


@pass_context
def number(context: Any, value: int) -> str:
    """Digits as the language writes them (Babel/CLDR), e.g. for counts in plural strings."""
    return format_decimal(value, locale=locale(context["lang"]))


@pass_context
def listed(context: Any, items: list[str]) -> str:
    """Items joined as the page's language joins a list (CLDR): "Hindi, Bengali and Tamil", "ہندی، بنگلہ اور تمل"."""
    return format_list(items, locale=locale(context["lang"]))


def digits(number: str) -> str:
    """A phone number as a screen reader should say it: digit by digit ("1 1 6 0 0 0", not "116 000" read as
    an amount), keeping a leading +."""
    spoken = " ".join(ch for ch in number if ch.isdigit())
    return "+ " + spoken if number.lstrip().startswith("+") else spoken


@pass_context
def hours(context: Any, service: Service) -> list[tuple[str, str]]:
    if service.hours is None or service.hours.always:
        return []
    return [format_range(r, context["lang"]) for r in service.hours.ranges]


@pass_context
def date_range(context: Any, campaign: Any) -> str:
    return date_range_in(campaign.start, campaign.end, context["lang"])


@pass_context
def long_date(context: Any, day: Any) -> str:
    return long_date_in(day, context["lang"])


def striptags(value: Any) -> str:
    """Jinja's own `striptags`, exactly: the text (the markup of a Markup) without its tags, entities resolved."""
    text = str(value.__html__()) if hasattr(value, "__html__") else str(value)
    return Markup(text).striptags()


LanguageFilter = Callable[[Any, Any], str]


def by_language(filter_: LanguageFilter) -> LanguageFilter:
    """A filter that depends only on the page's language and its value (a number, a date, a language code, a theme
    string to strip), remembered per language and value: the pages of a language ask for the same few again and
    again. Make one per render, not per process: nothing is kept from one build to the next."""
    known: dict[tuple[str, Any], str] = {}

    @pass_context
    def remembered(context: Any, value: Any) -> str:
        key = (context["lang"], type(value), value)
        if key not in known:
            known[key] = filter_(context, value)
        return known[key]

    return remembered


def language_filters() -> dict[str, Callable[..., Any]]:
    """The filters for one render, those that can be remembered made to remember."""
    return {"local": local, "plain": plain, "hours": hours, "host": host, "digits": digits, "date_range": date_range,
            "written_in": written_in, "listed": listed,
            "number": by_language(number), "long_date": by_language(long_date),
            "language_in": by_language(language_in),
            "striptags": by_language(lambda _context, value: striptags(value))}
