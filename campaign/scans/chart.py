"""The scan report's bar chart of scans per day, as SVG coordinates: the template only draws what is decided here.

Day labels never overlap. The chart tries the most informative labelling first (every day, with its weekday),
then fewer and shorter ones (every day, every other day, each week, every other week, each month, each quarter,
each year) and keeps the first whose labels, at their estimated width, all keep clear of each other and of the
chart's edges. So a week gets a label per day, a month one a week, a year one a month, in any language and at
any number of days: the choice depends only on the number of days, the chart's width and the labels' text.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

FONT_SIZE = 12
"""The labels' size, in the SVG's units (the template writes the same)."""
GAP = 6.0
"""The least room between two labels, in the SVG's units."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of the width `text` takes in a sans-serif font (the report cannot measure the reader's):
    a full em for Chinese and Japanese characters, a third for narrow punctuation, two thirds for the rest
    (wider than DejaVu Sans and Noto Sans, the widest sans-serif fonts browsers fall back to)."""
    ems = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):  # accents and direction marks take no room
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            ems += 1.0
        elif char in " .,:;'’/-،\u00a0\u202f":
            ems += 0.35
        elif char.isupper():
            ems += 0.8
        else:
            ems += 0.65
    return ems * size


def day_text(day: date, skeleton: str, locale: Locale) -> str:
    """The day as CLDR writes it in the locale for a skeleton (MMMEd: "Mon, Oct 19", "ma 19 okt")."""
    pattern = locale.datetime_skeletons.get(skeleton)
    # Babel lacks some locales' stand-alone month names (LLL) and would fall back to "10月": use the format form.
    text = str(pattern).replace("LLL", "MMM") if pattern is not None else "d MMM"
    return format_date(day, text, locale=locale)


@dataclass(frozen=True)
class Labelling:
    """One way to label the days: which of them, and in which words."""

    name: str
    pick: Callable[[list[date], Locale], list[int]]
    skeleton: Callable[[date, bool], str]
    """The CLDR skeleton of a label, given its day and whether it is the first label."""


def every(step: int) -> Callable[[list[date], Locale], list[int]]:
    return lambda days, _locale: list(range(0, len(days), step))


def weekly(step: int) -> Callable[[list[date], Locale], list[int]]:
    """The first day of each week as the locale counts weeks (Monday in most of Europe)."""
    def pick(days: list[date], locale: Locale) -> list[int]:
        starts = [i for i, day in enumerate(days) if day.weekday() == locale.first_week_day]
        return starts[::step]
    return pick


def monthly(step: int) -> Callable[[list[date], Locale], list[int]]:
    """The first day of each month (every `step` months, from January)."""
    return lambda days, _locale: [i for i, day in enumerate(days) if day.day == 1 and (day.month - 1) % step == 0]


def month_skeleton(day: date, first: bool) -> str:
    """A month's name; the first label and January's carry the year too."""
    return "yMMM" if first or day.month == 1 else "MMM"


LABELLINGS = (
    Labelling("every day, with its weekday", every(1), lambda _day, _first: "MMMEd"),
    Labelling("every day", every(1), lambda _day, _first: "MMMd"),
    Labelling("every other day", every(2), lambda _day, _first: "MMMd"),
    Labelling("each week", weekly(1), lambda _day, _first: "MMMd"),
    Labelling("every other week", weekly(2), lambda _day, _first: "MMMd"),
    Labelling("each month", monthly(1), month_skeleton),
    Labelling("each quarter", monthly(3), month_skeleton),
    Labelling("each year", lambda days, _locale: [i for i, day in enumerate(days) if (day.month, day.day) == (1, 1)],
              lambda _day, _first: "y"),
)


@dataclass(frozen=True)
class Label:
    """A day's label under the chart: centred on its bar, or moved in just enough to stay inside the chart."""

    x: float
    tick: float
    """The bar's centre, where a short tick marks the labelled day."""
    text: str
    width: float
    """Estimated, in the SVG's units."""


def place(centres: list[float], texts: list[str], width: float) -> list[Label] | None:
    """The labels at their bars, or None when two would overlap (or one cannot fit in the chart at all)."""
    labels = []
    for centre, text in zip(centres, texts, strict=True):
        size = text_width(text)
        if size > width:
            return None
        x = min(max(centre, size / 2), width - size / 2)
        if labels and labels[-1].x + labels[-1].width / 2 + GAP > x - size / 2:
            return None
        labels.append(Label(round(x, 1), round(centre, 1), text, round(size, 1)))
    return labels


def day_labels(days: list[date], centres: list[float], width: float, locale: Locale) -> tuple[Label, ...]:
    """The most informative labelling whose labels all fit (at least the first day's, always)."""
    for labelling in LABELLINGS:
        picked = labelling.pick(days, locale)
        if not picked:
            continue
        texts = [day_text(days[i], labelling.skeleton(days[i], n == 0), locale) for n, i in enumerate(picked)]
        labels = place([centres[i] for i in picked], texts, width)
        if labels is not None:
            return tuple(labels)
    first = day_text(days[0], "yMMMd", locale)
    return (Label(round(max(centres[0], text_width(first) / 2), 1), round(centres[0], 1), first,
                  round(text_width(first), 1)),)


@dataclass(frozen=True)
class Bar:
    day: date
    scans: int
    x: float
    y: float
    width: float
    height: float
    in_campaign: bool


@dataclass(frozen=True)
class Chart:
    """A bar chart of scans per day, with its grid, its day labels and, when they fit, each bar's number."""

    width: int
    height: int
    left: int
    bottom: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, float], ...]
    """(value, y) of the horizontal grid lines."""
    labels: tuple[Label, ...]
    values: bool
    """Whether each bar carries its number (when the widest fits over its bar)."""
    font_size: int = FONT_SIZE

    WIDTH = 760
    HEIGHT = 280
    MARGINS = (16, 12, 48, 56)  # top, right, bottom, left

    @classmethod
    def of(cls, days: list[tuple[date, int, int]], locale: Locale, start: date | None = None,
           end: date | None = None, width: int = WIDTH) -> Chart | None:
        if not days:
            return None
        top, right, bottom_margin, left = cls.MARGINS
        plot_w, plot_h = width - left - right, cls.HEIGHT - top - bottom_margin
        step, steps = grid(max(scans for _, scans, _ in days))
        highest = step * steps
        slot = plot_w / len(days)
        bottom = top + plot_h
        bars = tuple(Bar(day, scans, x=round(left + i * slot + slot * 0.15, 1),
                         y=round(bottom - plot_h * scans / highest, 1), width=round(slot * 0.7, 1),
                         height=round(plot_h * scans / highest, 1),
                         in_campaign=start is None or end is None or start <= day <= end)
                     for i, (day, scans, _) in enumerate(days))
        ticks = tuple((step * n, round(bottom - plot_h * n / steps, 1)) for n in range(steps + 1))
        centres = [left + (i + 0.5) * slot for i in range(len(days))]
        labels = day_labels([day for day, _, _ in days], centres, width, locale)
        widest = max(text_width(format_decimal(scans, locale=locale)) for _, scans, _ in days)
        return cls(width, cls.HEIGHT, left, bottom, bars, ticks, labels, slot - 2 >= widest)


def grid(highest: int) -> tuple[int, int]:
    """The grid's step (1, 2 or 5 × 10ⁿ) and number of steps (at most five) that reach the highest bar."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if highest <= 5 * step:
                return step, max(1, math.ceil(highest / step))
        power *= 10
