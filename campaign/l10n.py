"""Languages, directions and dates from Babel/CLDR (this machine has no OS locales, and needs none).

Campaign language codes are BCP 47 as used in URLs and `lang` attributes (`nl`, `pt-BR`), kept as the team
wrote them; Babel wants `pt_BR`, so every call goes through `locale()` (tags.py reads the tag).
"""
from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date, format_interval
from markupsafe import Markup

from .tags import babel_locale


def locale(lang: str) -> Locale:
    """Babel's locale for a campaign language tag (tags.py: `zh-CN`, `pt-br` and `no-NO` all have one)."""
    return babel_locale(lang)


def language_name(lang: str) -> str:
    """The language's name in itself, capitalised where the script has capitals: 'Français'."""
    name = locale(lang).get_display_name(locale(lang)) or lang
    return name[:1].upper() + name[1:]


def language_name_in(lang: str, reader: str) -> str:
    """The name of `lang` in the reader's language: 'Frans' for a Dutch reader."""
    return locale(lang).get_display_name(locale(reader)) or lang


def direction(lang: str) -> str:
    return locale(lang).text_direction


def long_date(day: date, lang: str) -> str:
    return format_date(day, "long", locale=locale(lang))


def date_range(start: date, end: date, lang: str) -> str:
    """'18–24 oktober 2026' in Dutch, '18.–24. Okt. 2026' in German."""
    return format_interval(start, end, "yMMMMd", locale=locale(lang))


LTR_RUN = re.compile(r"""
    [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # an e-mail address
  | https?://[^\s<>"]*[^\s<>".,;:!?)]         # a web address
  | (?<![&\#\w])\+?\d+(?:[ .\-/:–]\d+)*       # a number: 112, a phone number, a time, 24/7 (not &#39;)
""", re.VERBOSE)
TAG = re.compile(r"(<[^>]*>)")
SEPARATED_DIGITS = re.compile(r"\d[ .\-/:–]\d")
"""Two groups of digits: what a phone number, a time or a date has (digits.py finds it quickly)."""
DIGIT = re.compile(r"\d")


def may_hold_ltr_run(text: str) -> bool:
    """Whether `text` has what each kind of LTR_RUN must contain (an @, a ://, a digit): texts without are passed
    over quickly (LTR_RUN itself tries an e-mail address at every letter)."""
    return "@" in text or "://" in text or DIGIT.search(text) is not None


def isolate_ltr(html: str) -> Markup:
    """Phone numbers, times, e-mail and web addresses in (already safe) HTML text as isolated left-to-right runs.

    In a right-to-left paragraph the Unicode bidi algorithm lays out groups of digits from right to
    left: `033 448 11 86` would print as `86 11 448 033`. A <bdi dir="ltr"> keeps the order it was
    written in, and changes nothing in a left-to-right paragraph. Every number is isolated, `112` too:
    a direction override written around it (`112` shown as `211`) does not reach into an isolate."""
    if not may_hold_ltr_run(html):
        return Markup(html)
    parts = TAG.split(str(html))
    inside_bdi = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            inside_bdi = part.startswith("<bdi") or (inside_bdi and part != "</bdi>")
        elif not inside_bdi and may_hold_ltr_run(part):
            parts[index] = LTR_RUN.sub(r'<bdi dir="ltr">\g<0></bdi>', part)
    return Markup("".join(parts))
