"""The numbers a text holds, compared as numbers: a translation must keep every number of its source, but may
write it as its language does. One phone number written nationally (`033 448 11 86`) or internationally
(`+31 33 448 11 86`) is one number; `09:00-17:00`, `09:00–17:00` and `9–17` are the same hours, as `18-24` and
`18.–24.` are the same days (a dash never joins two numbers into one); `1.000` and `1 000` are one thousand."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import phonenumbers

TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
GROUPED = re.compile(r"\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?!\d)|\d+")


@dataclass(frozen=True)
class Number:
    value: str
    """What it means: +31334481186, 9 (9, 09:00), 17:30, 1000 (1.000, 1 000)."""
    written: str
    """As the text writes it."""


def numbers(text: str, country: str) -> list[Number]:
    """Every number of `text`: phone numbers first (as the country dials them), then hours, then the rest."""
    found: list[Number] = []
    for match in phonenumbers.PhoneNumberMatcher(text, country or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE):
        found.append(Number(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                            match.raw_string))
        text = text.replace(match.raw_string, " " * len(match.raw_string), 1)
    for match in TIME.finditer(text):  # 09:00 is the hour 9, as in `9–17 Uhr`; 17:30 stays itself
        found.append(Number(str(int(match[1])) if match[2] == "00" else f"{int(match[1])}:{match[2]}", match[0]))
    text = TIME.sub(lambda m: " " * len(m[0]), text)
    found += [Number(str(int(re.sub(r"\D", "", match[0]))), match[0]) for match in GROUPED.finditer(text)]
    return found


def differ(source: str, target: str, country: str) -> tuple[list[str], list[str]] | None:
    """(the source's numbers, the target's) as written, when the two do not hold the same numbers; else None."""
    ours, theirs = numbers(source, country), numbers(target, country)
    if Counter(n.value for n in ours) == Counter(n.value for n in theirs):
        return None
    return [n.written for n in ours], [n.written for n in theirs]
