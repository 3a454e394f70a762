"""The numbers a text holds, compared as numbers: a translation must keep every number of its source, but may
write it as its language does. One phone number written nationally (`033 448 11 86`) or internationally
(`+31 33 448 11 86`) is one number; `09:00-17:00`, `09:00–17:00` and `9–17` are the same hours; `1.000` and
`1 000` are one thousand."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import phonenumbers

RANGE = re.compile(r"(?<![\d:])(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?(?![\d:])")
TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
GROUPED = re.compile(r"\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?!\d)|\d+")


@dataclass(frozen=True)
class Number:
    value: str
    """What it means: +31334481186, 9:00, 1000."""
    written: str
    """As the text writes it."""


def numbers(text: str, country: str) -> list[Number]:
    """Every number of `text`: phone numbers first (as the country dials them), then hours, then the rest."""
    found: list[Number] = []
    for match in phonenumbers.PhoneNumberMatcher(text, country or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE):
        found.append(Number(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                            match.raw_string))
        text = text.replace(match.raw_string, " " * len(match.raw_string), 1)
    for pattern in (RANGE, TIME):
        for match in pattern.finditer(text):
            hours = [(match[i], match[i + 1]) for i in range(1, len(match.groups()), 2)]
            found += [Number(f"{int(h)}:{m or '00'}", match[0]) for h, m in hours if int(h) <= 24]
        text = pattern.sub(lambda m: " " * len(m[0]), text)
    found += [Number(str(int(re.sub(r"\D", "", match[0]))), match[0]) for match in GROUPED.finditer(text)]
    return found


def differ(source: str, target: str, country: str) -> tuple[list[str], list[str]] | None:
    """(the source's numbers, the target's) as written, when the two do not hold the same numbers; else None."""
    ours, theirs = numbers(source, country), numbers(target, country)
    if Counter(n.value for n in ours) == Counter(n.value for n in theirs):
        return None
    return [n.written for n in ours], [n.written for n in theirs]
