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

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..problems import Problem
from .artwork import NoRoom
from .pdf import TextDoesNotFit
from .posters import PrintJob

ORDER = ("partners", "promise-text", "reality-text", "call-to-action", "other-languages", "headline", "other-names")
WHAT = {"partners": "the partners' row", "promise-text": "the promise side's text",
        "reality-text": "the reality side's text", "call-to-action": "the call to action",
        "other-languages": "the card's texts after the first language", "headline": "the reality side's title",
        "other-names": "who answers the numbers after the first language"}
R = TypeVar("R")


def steps(job: PrintJob, shows: set[str], essentials: bool, partners: bool) -> tuple[str, ...]:
    """What this poster can leave out, in ORDER: only what it shows (`shows`: its boxes)."""
    has = {"partners": partners and not essentials, "promise-text": "promise" in shows,
           "reality-text": "reality" in shows, "call-to-action": not essentials,
           "other-languages": len(job.languages) > 1 and bool(shows & {"promise", "reality", "headline"}),
           "headline": "headline" in shows, "other-names": essentials and len(job.languages) > 1}
    return tuple(step for step in ORDER if has[step])


def adapting(make: Callable[[tuple[str, ...]], R], render: Callable[[R], object], possible: tuple[str, ...]) -> tuple[R, object, tuple[str, ...]]:
    """Render what `make` lays out leaving out nothing, then one more of `possible` each time its text does not fit
    (or a box has no room); the last refusal stands. (artwork, what render gave, what was left out)."""
    for count in range(len(possible) + 1):
        left = possible[:count]
        try:
            art = make(left)
            return art, render(art), left
        except (TextDoesNotFit, NoRoom):
            if count == len(possible):
                raise
    raise AssertionError("unreachable")


def note(stations: Path, job: PrintJob, left: tuple[str, ...]) -> Problem:
    """What the poster leaves out, for the team: at the format's line in stations.yml."""
    fmt, station = job.format, job.station
    assert fmt is not None and station is not None
    return Problem(stations, fmt.line, f"{station.id}.formats.{fmt.name}",
                   f"{job.file} leaves out {', '.join(WHAT[step] for step in left)}: not everything fits at the smallest "
                   f"size readable from {fmt.viewing_m:g} m (a larger format, or shorter texts, show more)", error=False)
