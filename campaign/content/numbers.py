"""Phone numbers in the text of cards, pages and campaign.yml, held against services.yml: one number, one spelling.

services.yml is the campaign's directory: every number the campaign shows is a service's, with who answers it. A
number written in running text is found as libphonenumber finds numbers in text (PhoneNumberMatcher), short codes
(112, 116 000) by their digits, and then:
- the directory has it: it is shown as the directory writes it (`0334481186` → `033 448 11 86`), so that a reader
  never sees one number spelled two ways; `build.py check` lists what was rewritten;
- the directory lacks it and it is a real number, or it is a digit or two away from one the directory has (a typo
  that would be printed): an error naming the file, the line and the closest number of the directory.
What is only number-like (a date, a time, an amount) is left alone: it is neither valid nor close to a number
of the directory.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, shortnumberinfo

from ..digits import from_digits
from ..problems import Problems
from .model import Campaign, Card, Page, Respelled, Service, Side

SHORT_RUN = re.compile(r"(?<![\w+])(?:\d{3}[ \u00a0\u202f.-]\d{3}|\d{2,6})(?![\w-])")
"""Where a short code may be written: 112, 1712, 116000 or 116 000 (digits as a whole word)."""
DIGIT_RUN = re.compile(r"\d(?:[\d \u00a0\u202f.()/-]*\d)?")
"""Digits and what numbers are written with between them: where a number can be (a leading + or ( is added).
It starts on a digit, so digits.from_digits tries it only where there is one."""
TEL = re.compile(r'href="tel:([^"]*)"')
SPACES = re.compile(r"[\s\u00a0\u202f]+")
MAX_TYPO = 2
"""A number this many digits away from one of the directory is taken for a mistyped one."""


@dataclass(frozen=True)
class Listed:
    key: str
    """What is dialled: E.164 (`+3278055800`), or the digits of a short code (`116000`)."""
    shown: str
    service: str


@dataclass(frozen=True)
class Found:
    raw: str
    start: int
    end: int
    key: str
    real: bool
    """A valid number, or a valid short code: worth an error when the directory lacks it."""


def directory(services: list[Service], region: str) -> dict[str, Listed]:
    return {(key := dialled_key(phone.tel.removeprefix("tel:"), region)): Listed(key, phone.display, service.id)
            for service in services for phone in service.phones if phone.tel}


def dialled_key(target: str, region: str) -> str:
    """E.164 for a number, also one linked in its national form (India's toll-free 1800 numbers); a short code's
    digits as they are."""
    if target.startswith("+"):
        return target
    try:
        parsed = phonenumbers.parse(target, region)
    except phonenumbers.NumberParseException:
        return target
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164) if phonenumbers.is_valid_number(parsed) else target


def found_numbers(text: str, region: str, short_codes: set[str], shortest: int = 6) -> list[Found]:
    """Every phone number and short code written in a plain text, in order; `shortest`: the fewest digits a
    number of the region has (libphonenumber reads only runs of at least that many: prose costs nothing)."""
    found: list[Found] = []
    for run in from_digits(DIGIT_RUN, text):
        count = len(digits_of(run.group()))
        if count < 2:
            continue
        begin = lead(text, run.start())
        if count >= shortest:
            found += [matched(match, begin, region, short_codes)
                      for match in PhoneNumberMatcher(text[begin:run.end()], region, leniency=Leniency.POSSIBLE)]
        for match in SHORT_RUN.finditer(run.group()):
            start = run.start() + match.start()
            if any(f.start <= start < f.end for f in found):
                continue
            digits = digits_of(match.group())
            if digits in short_codes or (len(digits) >= 5 and short_code(digits, region)):  # 116 123: a short code
                found.append(Found(match.group(), start, start + len(match.group()), digits, True))
    return sorted(found, key=lambda f: f.start)


def lead(text: str, start: int) -> int:
    """Where a run of digits begins once a + or ( written just before it is counted in: +32 2…, (02) 511…"""
    while start and text[start - 1] in "+(":
        start -= 1
    return start


def matched(match: phonenumbers.PhoneNumberMatch, offset: int, region: str, short_codes: set[str]) -> Found:
    valid = phonenumbers.is_valid_number(match.number)
    digits = digits_of(match.raw_string)
    start, end = offset + match.start, offset + match.end
    if digits in short_codes or (not valid and short_code(digits, region)):  # 116000 may look like a number too
        return Found(match.raw_string, start, end, digits, True)
    return Found(match.raw_string, start, end, phonenumbers.format_number(match.number, PhoneNumberFormat.E164), valid)


def digits_of(text: str) -> str:
    """The digits of a text as ASCII (a Persian or Arabic text may write ۱۱۲ for 112)."""
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


def short_code(digits: str, region: str) -> bool:
    """A short number dialled as it is in `region` (112, 116 000), by libphonenumber's short-number data."""
    try:
        return shortnumberinfo.is_valid_short_number_for_region(phonenumbers.parse(digits, region), region)
    except phonenumbers.NumberParseException:
        return False


def distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings of digits: how many digits to change, add or drop."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class Numbers:
    """Checks and respells the numbers of one campaign's texts against its directory."""

    def __init__(self, services: list[Service], region: str, problems: Problems) -> None:
        self.listed = directory(services, region)
        self.region = region
        self.problems = problems
        self.short_codes = {key for key in self.listed if not key.startswith("+")}
        lengths = phonenumbers.PhoneMetadata.metadata_for_region(region).general_desc.possible_length
        self.shortest = min(6, *lengths) if lengths else 6
        self.respelled: list[Respelled] = []
        self.seen: dict[tuple[Path, str], int] = {}
        """How often a text was met in a file so far: the n-th is looked for on the n-th line that has it."""

    def card(self, card: Card) -> Card:
        sides = [Side(self.plain(side.title, card.path), self.html(side.html, card.path))
                 for side in (card.promise, card.reality)]
        return card if sides == [card.promise, card.reality] else replace(card, promise=sides[0], reality=sides[1])

    def page(self, page: Page) -> Page:
        texts = (self.plain(page.title, page.path), self.plain(page.description, page.path),
                 self.html(page.html, page.path))
        if texts == (page.title, page.description, page.html):
            return page
        return replace(page, title=texts[0], description=texts[1], html=texts[2])

    def campaign(self, campaign: Campaign) -> Campaign:
        def texts(values: dict[str, str]) -> dict[str, str]:
            return {lang: self.plain(text, campaign.path) for lang, text in values.items()}

        return replace(campaign, tagline=texts(campaign.tagline), intro=texts(campaign.intro),
                       print=replace(campaign.print, call_to_action=texts(campaign.print.call_to_action)))

    def plain(self, text: str, path: Path) -> str:
        """A plain text with each number of the directory in its spelling; the others reported."""
        parts, last = [], 0
        for number in found_numbers(text, self.region, self.short_codes, self.shortest):
            parts += [text[last:number.start], self.spelled(number, path)]
            last = number.end
        return "".join([*parts, text[last:]]) if parts else text

    def html(self, html: str, path: Path) -> str:
        """The same in HTML text (never inside a tag); a `tel:` link must call a number of the directory too."""
        parts, last = [], 0
        for run in from_digits(DIGIT_RUN, html):
            start = lead(html, run.start())
            written = html[start:run.end()]
            digits = digits_of(written)
            if len(digits) < min(5, self.shortest) and digits not in self.short_codes:
                continue  # too short to be a number (a year, a count)
            if html.endswith("&#", 0, start) or html.rfind("<", 0, start) > html.rfind(">", 0, start):
                continue  # an entity (&#39;), or inside a tag (<h2>, an address)
            shown = self.plain(written, path)
            if shown != written:
                parts += [html[last:start], shown]
                last = run.end()
        for target in TEL.findall(html) if "tel:" in html else ():
            self.check_link(target, path)
        return "".join([*parts, html[last:]]) if parts else html

    def spelled(self, number: Found, path: Path) -> str:
        line = self.line(path, number.raw)
        listed = self.listed.get(number.key)
        if listed is not None:
            if SPACES.sub(" ", number.raw) != SPACES.sub(" ", listed.shown):
                self.respelled.append(Respelled(path, line, number.raw, listed.shown))
                return listed.shown
            return number.raw
        closest = self.closest(number.key)
        gap = distance(number.key, closest.key) if closest else None
        if closest and (number.real or (gap is not None and gap <= MAX_TYPO)):
            self.report(path, line, number.raw, closest, gap)
        return number.raw

    def check_link(self, target: str, path: Path) -> None:
        try:
            parsed = phonenumbers.parse(target, self.region)
        except phonenumbers.NumberParseException:
            return  # the link checker has its own rules for what a link may be
        key = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        digits = re.sub(r"\D", "", target)
        if key in self.listed or digits in self.short_codes:
            return
        closest = self.closest(key)
        if closest:
            self.report(path, self.line(path, target), f"tel:{target}", closest, distance(key, closest.key))

    def closest(self, key: str) -> Listed | None:
        return min(self.listed.values(), key=lambda listed: (distance(key, listed.key), listed.key), default=None)

    def report(self, path: Path, line: int | None, raw: str, closest: Listed, gap: int | None) -> None:
        away = {1: "one digit away from", 2: "two digits away from"}.get(gap or 0, "the closest number there is")
        self.problems.error(path, line, "text", f'"{raw}" is not a number in services.yml ({away} {closest.shown}, '
                            f"{closest.service}): correct it; a number the campaign shows must be a service's "
                            "`phones:` in services.yml, with who answers it")

    def line(self, path: Path, raw: str) -> int | None:
        """The file line of the n-th time `raw` is met in `path`."""
        count = self.seen.get((path, raw), 0)
        self.seen[path, raw] = count + 1
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        for number, row in enumerate(lines, 1):
            count -= row.count(raw)
            if count < 0:
                return number
        return None


def respell(campaign: Campaign, cards: list[Card], pages: list[Page], services: list[Service],
            problems: Problems) -> tuple[Campaign, list[Card], list[Page], tuple[Respelled, ...]]:
    """The campaign's texts with every number of the directory in its spelling; the others reported."""
    if campaign.country not in phonenumbers.SUPPORTED_REGIONS:  # already an error in campaign.yml
        return campaign, cards, pages, ()
    numbers = Numbers(services, campaign.country, problems)
    campaign = numbers.campaign(campaign)
    cards = [numbers.card(card) for card in cards]
    pages = [numbers.page(page) for page in pages]
    return campaign, cards, pages, tuple(numbers.respelled)
