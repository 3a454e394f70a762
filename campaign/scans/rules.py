"""The rules that turn log entries into scans, written so that every count can be checked by hand.

- A scan is a GET answered 200 or 304 to `/s/<code>/` (also without the last slash, or as
  `/s/<code>/index.html`, with or without a query string) under the path of the site's address,
  or of the QR codes' address when it has another one.
- User agents that crawler-user-agents lists (bots, link previewers) are left out.
- The same visitor (address + user agent) on the same code counts once: a repeat counts again
  only 30 minutes or more after the scan that was counted.
- Days are local days in the campaign's time zone.
- Scan addresses are read as the server reads them: percent-decoded, dot segments resolved (nginx answers
  `/s/x%2F..%2F<code>/` with the page of <code>).
- A code the current build does not have is counted in one row, "unknown or retired", and never shown:
  anyone can write any text into a log.
- A counted scan is "followed" when the same visitor opens a page of the site outside /s/ within
  30 minutes (phone numbers and links to other sites never reach the log).

Nothing personal is kept: addresses are held in memory for an hour of log time at most, user agents
also while the run remembers which are bots; neither is ever written.
"""
from __future__ import annotations

import importlib.resources
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import unquote_to_bytes, urlsplit
from zoneinfo import ZoneInfo

from ..content.model import Campaign, Site
from ..print.posters import PrintPlan
from .logs import Entry
from .words import N_

WINDOW = 30 * 60
"""Seconds: a repeat inside this counts once; a page opened inside this follows the scan."""
KEPT = 2 * WINDOW
"""How long a visitor is remembered: one window, plus as much again for lines slightly out of order."""
ANSWERED = (b"200", b"304")
UNKNOWN = N_("unknown or retired")
"""The station of a code the build does not have (as scans.csv writes it; the report translates it)."""
SCREEN = N_("screen")
"""The format of a screen's code (as scans.csv writes it; the report translates it)."""
LEFT_OUT = {
    "method": N_("not a GET (HEAD, POST…)"),
    "status": N_("not answered 200 or 304"),
    "bot": N_("bots and link previewers"),
    "repeat": N_("repeats within 30 minutes"),
}
"""Why a request to a scan address was not counted, checked in this order (in English: the report translates)."""
BOTS_REMEMBERED = 20_000
"""Distinct user agents whose verdict is kept; past that the memory starts again (constant memory)."""
VISITORS_REMEMBERED = 100_000
"""Visitors kept for the repeat and "then another page" rules; past that the oldest are forgotten (constant
memory even when a flood of distinct visitors arrives within one hour)."""
LONGEST_AGENT = 512
"""Bytes of a user agent kept: enough for every bot's name, not for a flood of long ones to fill the memory."""
SCANS_PER_ADDRESS = 256
"""Counted scans waiting for a page, per address; past that the oldest is forgotten."""
LONGEST_ADDRESS = 64
"""Bytes of an address kept (an IPv6 address has 45 at most)."""
OTHER = ""
"""The code every code the build does not have is counted under: such codes are never shown."""


@dataclass(frozen=True)
class Poster:
    """What a landing code stands for: a poster (format a0, b1…) or a screen (format `screen`)."""

    code: str
    station: str
    format: str
    languages: tuple[str, ...]
    station_name: str = ""
    """In the campaign's main language, for people reading the report."""

    @property
    def known(self) -> bool:
        return self.station != UNKNOWN


def posters_by_code(site: Site, prints: PrintPlan) -> dict[str, Poster]:
    """Every landing code of the current build, in plan order (stations.yml, then formats, then screens)."""
    main = site.campaign.default_language
    posters: dict[str, Poster] = {}
    for job in prints.landings():
        assert job.code and job.station
        name = job.station.name.get(main) or next(iter(job.station.name.values()), job.station.id)
        posters[job.code] = Poster(job.code, job.station.id, job.format.name if job.format else SCREEN,
                                   job.languages, name)
    return posters


def unknown_poster() -> Poster:
    return Poster(OTHER, UNKNOWN, "", (), UNKNOWN)


# --- days -------------------------------------------------------------------------------

def country_zones(country: str) -> list[str]:
    """The country's time zones in the order tzdata's zone.tab lists them (one row per country and zone)."""
    table = (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return [row[2] for row in rows if len(row) > 2 and row[0] == country]


def campaign_zone(campaign: Campaign) -> tuple[str, str | None]:
    """The zone days are counted in, and a note when it was a guess: `timezone:` in campaign.yml, else the
    country's only zone, else the first zone tzdata lists for the country."""
    if campaign.timezone:
        return campaign.timezone, None
    zones = country_zones(campaign.country)
    if not zones:
        return "UTC", (f"no time zone is known for {campaign.country}: days are counted in UTC; "
                       "add `timezone:` (e.g. Europe/Belgrade) to campaign.yml")
    if len(zones) > 1:
        return zones[0], (f"{campaign.country} has several time zones ({', '.join(zones)}): days are counted in "
                          f"{zones[0]}; add `timezone:` to campaign.yml to choose another")
    return zones[0], None


class LocalDays:
    """Epoch seconds → the local day. Remembers the last day's bounds, because log lines come in order."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._start = self._end = 0.0
        self._day = date.min

    def day(self, epoch: float) -> date:
        if not self._start <= epoch < self._end:
            self._day = datetime.fromtimestamp(epoch, self.zone).date()
            self._start, self._end = self._bounds(self._day, epoch)
        return self._day

    def _bounds(self, day: date, epoch: float) -> tuple[float, float]:
        """The day's first and next day's first second; just this moment where midnight is skipped by a clock change."""
        start = datetime(day.year, day.month, day.day, tzinfo=self.zone).timestamp()
        following = day + timedelta(days=1)
        end = datetime(following.year, following.month, following.day, tzinfo=self.zone).timestamp()
        local = datetime.fromtimestamp
        if local(start, self.zone).date() != day or local(end, self.zone).date() == day:
            return epoch, epoch
        return start, end


# --- addresses --------------------------------------------------------------------------

def site_paths(campaign: Campaign) -> tuple[str, ...]:
    """The paths the site is served under: its address's, and the QR codes' when that is another."""
    paths = (urlsplit(campaign.base_url).path, urlsplit(campaign.print.qr_base_url).path)
    return tuple(dict.fromkeys("/" + path.strip("/") if path.strip("/") else "" for path in paths))


def scan_pattern(paths: tuple[str, ...]) -> re.Pattern[bytes]:
    """`<path>/s/<code>` + `/`, `/index.html` or nothing + an optional query string; the code is group 1."""
    prefixes = b"|".join(re.escape(path.encode()) for path in sorted(paths, key=len, reverse=True))
    return re.compile(rb"(?:" + prefixes + rb")/s/([^/?#]+)(?:/|/index\.html)?(?:\?[^#]*)?$")


def page_pattern(paths: tuple[str, ...]) -> re.Pattern[bytes]:
    """A page of the site outside /s/ and /static/: an address ending in `/` or a `.html` file (not 404.html)."""
    prefixes = b"|".join(re.escape(path.encode()) for path in sorted(paths, key=len, reverse=True))
    return re.compile(rb"(?:" + prefixes + rb")/(?!s/|static/)(?:[^?#]*/)?(?!404\.html)(?:[^/?#]+\.html)?(?:\?[^#]*)?$")


def normalised(target: bytes) -> bytes:
    """The path as the server looks it up: without the query, percent-decoded, dot segments resolved, slashes
    merged (as nginx does; `..` above the root stays at the root)."""
    path = unquote_to_bytes(target.partition(b"?")[0].partition(b"#")[0])
    parts: list[bytes] = []
    for part in path.split(b"/"):
        if part == b"..":
            if parts:
                parts.pop()
        elif part and part != b".":
            parts.append(part)
    folder = bool(parts) and (path.endswith((b"/", b"/.", b"/..")))
    return b"/" + b"/".join(parts) + (b"/" if folder else b"")


# --- counting ---------------------------------------------------------------------------

@dataclass
class Counts:
    scans: Counter[tuple[str, date]] = field(default_factory=Counter)
    """(code, day) → scans counted."""
    followed: Counter[tuple[str, date]] = field(default_factory=Counter)
    """(code, day) → counted scans after which the visitor opened another page within 30 minutes."""
    requests: int = 0
    """Requests to a scan address, counted or not."""
    left_out: Counter[str] = field(default_factory=Counter)
    """Reason (a key of LEFT_OUT) → requests to a scan address not counted."""


class ScanRules:
    """Applies the rules to entries fed in time order; keeps the counts, and visitors only while a rule needs them."""

    def __init__(self, paths: tuple[str, ...], zone: ZoneInfo, epoch: Callable[[bytes | float], float],
                 is_bot: Callable[[str], bool], codes: Iterable[str]) -> None:
        self.counts = Counts()
        self._codes = {code.encode(): code for code in codes}
        """The build's codes (as bytes, as they come from the log): every other code is OTHER."""
        self.days = LocalDays(zone)
        self._scan = scan_pattern(paths).match
        self._page = page_pattern(paths).match
        self._epoch = epoch
        self._is_bot = is_bot
        self._bots: dict[bytes | None, bool] = {}
        """User agent → listed as a bot: a list of 1,500 patterns is too slow to ask per line."""
        self._counted: dict[tuple[bytes, bytes | None, str], float] = {}
        """(address, user agent, code) → when its last counted scan was."""
        self._waiting: dict[bytes, list[tuple[bytes | None, float, tuple[str, date]]]] = {}
        """Address → (user agent, when, (code, day)) of counted scans not yet followed by a page."""
        self._pruned = float("-inf")

    def feed(self, entries: Iterable[Entry]) -> None:
        scan, page, waiting, codes = self._scan, self._page, self._waiting, self._codes
        for address, time, method, target, status, agent in entries:
            if target is None:
                continue
            if b"/s/" in target:
                found = scan(target)
                # Not one of the build's codes as written: perhaps as the server reads it (`%74zxmk`,
                # `x%2F..%2F<code>`). Only here: normalising every line would cost a third of the speed.
                if found is None or found[1] not in codes:
                    found = scan(normalised(target)) or found
                if found is not None:
                    self._scan_request(found[1], address, time, method, status, agent)
                    continue
            # Only a visitor with a scan waiting can follow one: for every other line this costs one lookup.
            if address in waiting and method == b"GET" and status in ANSWERED and page(target):
                self._page_view(address, agent, self._epoch(time))

    def _scan_request(self, code_bytes: bytes, address: bytes, time: bytes | float, method: bytes | None,
                      status: bytes, agent: bytes | None) -> None:
        counts = self.counts
        counts.requests += 1
        if method != b"GET":
            counts.left_out["method"] += 1
            return
        if status not in ANSWERED:
            counts.left_out["status"] += 1
            return
        if agent is not None:
            agent = agent[:LONGEST_AGENT]
        if self._bot(agent):
            counts.left_out["bot"] += 1
            return
        when = self._epoch(time)
        code = self._codes.get(code_bytes, OTHER)
        if len(address) > LONGEST_ADDRESS:
            address = address[:LONGEST_ADDRESS]  # no address is that long: remembered cut, never followed by a page
        key = (address, agent, code)
        last = self._counted.get(key)
        if last is not None and abs(when - last) < WINDOW:  # abs: lines a little out of order are repeats too
            counts.left_out["repeat"] += 1
            return
        self._counted[key] = when
        row = (code, self.days.day(when))
        counts.scans[row] += 1
        waiting = self._waiting.setdefault(address, [])
        waiting.append((agent, when, row))
        if when - self._pruned > WINDOW:
            self._prune(when)
        elif len(self._counted) > VISITORS_REMEMBERED or len(self._waiting) > VISITORS_REMEMBERED:
            self._forget_oldest()
        if len(waiting) > SCANS_PER_ADDRESS:  # one address, hundreds of browsers in an hour: a flood, not people
            del waiting[0]

    def _page_view(self, address: bytes, agent: bytes | None, when: float) -> None:
        waiting = []
        for item in self._waiting[address]:
            # A log that keeps user agents only for /s/ (the build's configs) writes "-" for pages: the address decides.
            if (item[0] == agent or agent == b"-") and 0 <= when - item[1] <= WINDOW:
                self.counts.followed[item[2]] += 1
            elif when - item[1] <= KEPT:
                waiting.append(item)
        if waiting:
            self._waiting[address] = waiting
        else:
            del self._waiting[address]

    def _bot(self, agent: bytes | None) -> bool:
        known = self._bots.get(agent)
        if known is None:
            if len(self._bots) >= BOTS_REMEMBERED:
                self._bots.clear()
            known = self._bots[agent] = agent is not None and self._is_bot(agent.decode("utf-8", "replace"))
        return known

    def _forget_oldest(self) -> None:
        """Past VISITORS_REMEMBERED, the first remembered (dicts keep their order) make room."""
        for remembered in (self._counted, self._waiting):
            while len(remembered) > VISITORS_REMEMBERED:
                del remembered[next(iter(remembered))]

    def _prune(self, now: float) -> None:
        """Forget visitors no rule needs any more: memory stays that of an hour of scans, however long the logs."""
        self._pruned = now
        self._counted = {key: when for key, when in self._counted.items() if now - when <= KEPT}
        for address in list(self._waiting):
            kept = [item for item in self._waiting[address] if now - item[1] <= KEPT]
            if kept:
                self._waiting[address] = kept
            else:
                del self._waiting[address]
