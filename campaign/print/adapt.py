"""Layouts that adapt instead of refusing: when a poster's texts do not all fit at the smallest readable size, it
leaves things out, one at a time, in a stated order, and the build says what each poster left out (a note).

The order, from what a passer-by misses least: the partners, the promise side's text, the reality side's text, the
call to action, the card's texts in the languages after the first, the reality side's title, and on the formats
that show only the essentials (pocket, strip, billboard), who answers the numbers in the languages after the first.
Never left out: the campaign's name, the main help line with who answers it (in the first language at least), the
emergency number, the QR code and its address. A
poster that does not fit with everything left out is refused (the problem names its format, and a larger one).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..problems import Problem
from .artwork import NoRoom
from .formats import PosterFormat, measured, safe_area
from .layouts import ESSENTIALS
from .layouts import essentials as shown_by
from .pdf import TextDoesNotFit
from .posters import PrintJob

if TYPE_CHECKING:
    from ..content.model import Site
    from .extras import Product

ORDER = ("partners", "promise-text", "reality-text", "call-to-action", "other-languages", "headline", "other-names")
WHAT = {"partners": "the partners' row", "promise-text": "the promise side's text",
        "reality-text": "the reality side's text", "call-to-action": "the call to action",
        "other-languages": "the card's texts after the first language", "headline": "the reality side's title",
        "other-names": "who answers the numbers after the first language"}
LARGER = (1.2, 1.4, 1.7, 2.0, 2.5, 3.0, 4.0)
"""The sizes tried, in the same proportions, for the smallest format that carries a poster's essentials."""
R = TypeVar("R")
A = TypeVar("A")


class EssentialsDoNotFit(TextDoesNotFit):
    """Nothing more can be left out, and the rest still does not fit: the last refusal's problem."""


def can_leave(studio_partners: bool, job: PrintJob) -> tuple[str, ...]:
    """What the poster may leave out when not everything fits, in ORDER (`studio_partners`: the campaign has some)."""
    fmt = job.format
    assert fmt is not None
    essentials = fmt.shape in ESSENTIALS
    shows = set(shown_by(fmt.shape, safe_area(fmt))) if essentials else {"promise", "reality"}
    return steps(job, shows, essentials, studio_partners)


def steps(job: PrintJob, shows: set[str], essentials: bool, partners: bool) -> tuple[str, ...]:
    """What this poster can leave out, in ORDER: only what it shows (`shows`: its boxes)."""
    has = {"partners": partners and not essentials, "promise-text": "promise" in shows,
           "reality-text": "reality" in shows, "call-to-action": not essentials,
           "other-languages": len(job.languages) > 1 and bool(shows & {"promise", "reality", "headline"}),
           "headline": "headline" in shows, "other-names": essentials and len(job.languages) > 1}
    return tuple(step for step in ORDER if has[step])


def adapting(make: Callable[[tuple[str, ...]], A], render: Callable[[A], R],
             possible: tuple[str, ...]) -> tuple[A, R, tuple[str, ...]]:
    """Render what `make` lays out leaving out nothing, then one more of `possible` each time its text does not fit
    (or a box has no room); the last refusal stands. (artwork, what render gave, what was left out)."""
    for count in range(len(possible) + 1):
        left = possible[:count]
        try:
            art = make(left)
            return art, render(art), left
        except (TextDoesNotFit, NoRoom) as exc:
            if count == len(possible):
                raise EssentialsDoNotFit(exc.problem) from None
    raise AssertionError("unreachable")


def note(stations: Path, job: PrintJob, left: tuple[str, ...]) -> Problem:
    """What the poster leaves out, for the team: at the format's line in stations.yml."""
    fmt, station = job.format, job.station
    assert fmt is not None and station is not None
    return Problem(stations, fmt.line, f"{station.id}.formats.{fmt.name}",
                   f"{job.file} leaves out {', '.join(WHAT[step] for step in left)}: not everything fits at the smallest "
                   f"size readable from {fmt.viewing_m:g} m (a larger format, or shorter texts, show more)", error=False)


def larger(fmt: PosterFormat, factor: float) -> PosterFormat:
    """The format `factor` times as long a side, read from as far: its text no larger, its room larger."""
    return measured(fmt.name, round(fmt.width_mm * factor), round(fmt.height_mm * factor), None, fmt.viewing_m,
                    line=fmt.line)


def not_printed(problem: Problem, job: PrintJob, attempt: Callable[[PrintJob], object]) -> Problem:
    """A poster whose essentials cannot be printed legibly: a warning (the other products and the pages are
    published; --strict stops the build), naming the product, its format and the smallest format, in the same
    proportions, that `attempt` (which raises EssentialsDoNotFit when it does not fit) carries."""
    fmt = job.format
    assert fmt is not None
    carrying = None
    for factor in LARGER:
        try:
            attempt(replace(job, format=larger(fmt, factor)))
        except EssentialsDoNotFit:
            continue
        carrying = larger(fmt, factor)
        break
    smallest = (f"the smallest format of its proportions that carries them is {carrying.size}" if carrying else
                f"not even {larger(fmt, LARGER[-1]).size} carries them")
    return Problem(problem.path, problem.line, problem.field,
                   f"{job.file} is not printed: {problem.message}. Its format, {fmt.name} ({fmt.size}), cannot carry even "
                   f"the essentials legibly from {fmt.viewing_m:g} m; {smallest}. The other products and the pages are "
                   "published (--strict stops the build)", error=False)


def left_out_notes(site: Site, products: list[Product]) -> list[Problem]:
    """A note for each poster that leaves something out, from its cache entry (also when it was not rendered now)."""
    stations = site.campaign.path.with_name("stations.yml")
    notes = []
    for product in products:
        left = tuple(json.loads((product.entry / "meta.json").read_text()).get("left_out", ()))
        if left and product.job.kind == "poster":
            notes.append(note(stations, product.job, left))
        elif left:  # a screen: its text at the size a screen is read from
            notes.append(Problem(stations, None, "", f"{product.job.file} leaves out "
                                 f"{', '.join(WHAT[step] for step in left)}: not everything fits at the smallest size "
                                 "readable on a screen (shorter texts show more)", error=False))
    return notes


SCREEN_STEPS = ("promise-text", "reality-text", "call-to-action")
"""What a station's screen may leave out when its text does not fit (a tall script's lines, a long card)."""
