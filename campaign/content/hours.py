"""Opening hours: parsed from the team's short notation, shown in each language by Babel.

Notation in services.yml: `hours: 24/7`, or a list such as `- mon-fri 09:00-17:00`.
Weekday names and time ranges come from CLDR through Babel, never from OS locales.
"""
from __future__ import annotations

import re
from datetime import time

from babel.dates import format_interval, get_day_names

from ..l10n import locale
from .model import Hours, OpeningRange

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(
    r"^(?P<first>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})$"
)
HOURS_HELP = "write `24/7`, or a list of lines such as `- mon-fri 09:00-17:00`"


class HoursError(ValueError):
    """Opening hours the build cannot read; the message shows the notation."""


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 23 or minutes > 59:
        raise HoursError(f'"{text}" is not a time of day (00:00 to 23:59)')
    return time(hours, minutes)


def parse_range(text: str) -> OpeningRange:
    match = _RANGE.match(text.strip().lower())
    if not match:
        raise HoursError(f'"{text}" is not an opening time: {HOURS_HELP}')
    first, last = match["first"], match["last"] or match["first"]
    for day in (first, last):
        if day not in DAYS:
            raise HoursError(f'"{day}" is not a day: use {", ".join(DAYS)}')
    opens, closes = _clock(match["opens"]), _clock(match["closes"])
    if closes <= opens:
        raise HoursError(f'"{text}" closes before it opens')
    return OpeningRange(DAYS.index(first), DAYS.index(last), opens.isoformat("minutes"), closes.isoformat("minutes"))


def parse_hours(value: str | list[str]) -> Hours:
    if isinstance(value, str):
        if value.strip() == "24/7":
            return Hours(always=True)
        value = [value]
    return Hours(always=False, ranges=tuple(parse_range(line) for line in value))


def format_range(opening: OpeningRange, lang: str) -> tuple[str, str]:
    """('maandag–vrijdag', '09:00–17:00') in Dutch, ('lundi–vendredi', '09:00 – 17:00') in French: apart,
    because the times are a left-to-right run even in a right-to-left language."""
    names = get_day_names("wide", "format", locale=locale(lang))
    days = names[opening.first_day]
    if opening.last_day != opening.first_day:
        days = f"{days}–{names[opening.last_day]}"
    opens, closes = (time.fromisoformat(t) for t in (opening.opens, opening.closes))
    return days, format_interval(opens, closes, "Hm", locale=locale(lang))
