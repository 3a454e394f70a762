"""The filters the site's templates use: a campaign text in the page's language, phone numbers, dates."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup, escape

from ..content.hours import format_range
from ..content.model import Service, text_in
from ..l10n import date_range as date_range_in
from ..l10n import language_name_in, locale
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
    return Markup('<span lang="{}">{}</span>').format(fallback, texts[fallback])


@pass_context
def plain(context: Any, texts: dict[str, str]) -> str:
    """The text in the page's language, else the main language's, as plain text (for titles, attributes)."""
    return text_in(texts, context["lang"], context["default_lang"])


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
