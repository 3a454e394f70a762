"""What the counts say, for people: a summary on the terminal, scans.csv, and report.html with report.css.

The HTML report is not part of the published site but keeps its rules: the same Content-Security-Policy
(so no inline script or style: the chart is inline SVG drawn here, coloured by presentation attributes and
the style sheet), no request to anywhere, and nothing personal — only codes, stations, days and counts.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..content.model import Campaign
from ..l10n import direction
from ..site.policy import CSP
from .chart import Chart
from .logs import Reading
from .rules import LEFT_OUT, OTHER, SCREEN, UNKNOWN, Counts, Poster, unknown_poster
from .words import N_, Words

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSV_COLUMNS = ("code", "station", "format", "languages", "day", "scans")
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal or a spreadsheet obeys rather than shows: escapes (colours, OSC 8 links), bidi overrides."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to spreadsheets (CSV injection)."""
LONGEST_CHART = 366
"""Days: beyond a year the chart shows only the days with scans' range, not the campaign's too."""


@dataclass(frozen=True)
class ScanReport:
    """Everything a report shows: the counts, what they were counted from, and the build's codes."""

    campaign: Campaign
    posters: dict[str, Poster]
    counts: Counts
    reading: Reading
    files: tuple[Path, ...]
    zone: str
    seconds: float

    def poster(self, code: str) -> Poster:
        return self.posters.get(code) or unknown_poster()

    @property
    def total(self) -> int:
        return sum(self.counts.scans.values())

    @property
    def followed(self) -> int:
        return sum(self.counts.followed.values())

    def csv_rows(self) -> list[tuple[str, str, str, str, str, int]]:
        """One row per code and day with a scan: the build's codes in plan order, then the others, together."""
        order = {code: index for index, code in enumerate([*self.posters, OTHER])}
        rows = []
        for (code, day), scans in sorted(self.counts.scans.items(), key=lambda item: (order[item[0][0]], item[0][1])):
            poster = self.poster(code)
            rows.append((code, poster.station, poster.format, "-".join(poster.languages), day.isoformat(), scans))
        return rows

    def by_poster(self) -> list[tuple[Poster, int, int]]:
        """(poster, scans, followed) for every code of the build, scanned or not; unknown codes last, together."""
        scans, followed = Counter[str](), Counter[str]()
        for (code, _), count in self.counts.scans.items():
            scans[code if code in self.posters else UNKNOWN] += count
        for (code, _), count in self.counts.followed.items():
            followed[code if code in self.posters else UNKNOWN] += count
        rows = [(poster, scans[code], followed[code]) for code, poster in self.posters.items()]
        if scans[UNKNOWN]:
            rows.append((unknown_poster(), scans[UNKNOWN], followed[UNKNOWN]))
        return rows

    def by_day(self) -> list[tuple[date, int, int]]:
        """(day, scans, followed) for every day from the first to the last, the campaign's days included."""
        scans, followed = Counter[date](), Counter[date]()
        for (_, day), count in self.counts.scans.items():
            scans[day] += count
        for (_, day), count in self.counts.followed.items():
            followed[day] += count
        if not scans:
            return []
        first, last = min(scans), max(scans)
        if (max(last, self.campaign.end) - min(first, self.campaign.start)).days < LONGEST_CHART:
            first, last = min(first, self.campaign.start), max(last, self.campaign.end)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return [(day, scans[day], followed[day]) for day in days]


# --- the terminal --------------------------------------------------------------------------

SUMMARY_COLUMNS = (N_("station"), N_("format"), N_("languages"), N_("code"), N_("scans"), N_("then another page"))


def summary(report: ScanReport, words: Words) -> str:
    """A few lines for the terminal, in the report's language: what was read, what was left out, scans per poster."""
    return "\n".join([*summary_counts(report, words), "", *summary_table(report, words)])


def summary_counts(report: ScanReport, words: Words) -> list[str]:
    """What was read, what was counted and left out, and how many scans led on to another page."""
    reading, counts, _ = report.reading, report.counts, words._
    rate = ""
    if report.seconds >= 0.1:  # not for a few lines, read in no time
        rate = " " + _("(%(rate)s lines/s)") % {"rate": words.number(round(reading.lines / report.seconds))}
    files = words.ngettext("%(count)s log file", "%(count)s log files", len(report.files))
    lines = words.ngettext("%(count)s line", "%(count)s lines", reading.lines)
    unread = words.ngettext("%(count)s line could not be read", "%(count)s lines could not be read",
                            reading.malformed)
    scans = words.ngettext("%(count)s scan", "%(count)s scans", report.total)
    reasons = ", ".join(f"{words.number(counts.left_out[key])} {_(what)}" for key, what in LEFT_OUT.items())
    return [_("Read %(files)s: %(lines)s in %(seconds)s s%(rate)s; %(unread)s.") % {
                "files": files % {"count": words.number(len(report.files))},
                "lines": lines % {"count": words.number(reading.lines)}, "seconds": words.decimal(report.seconds),
                "rate": rate, "unread": unread % {"count": words.number(reading.malformed)}},
            _("Requests to a scan address: %(requests)s; counted %(scans)s (days in %(zone)s).") % {
                "requests": words.number(counts.requests), "scans": scans % {"count": words.number(report.total)},
                "zone": report.zone},
            _("Left out: %(reasons)s.") % {"reasons": reasons},
            _("After %(share)s of the scans the visitor opened another page of the site within 30 minutes.") % {
                "share": words.share(report.followed, report.total)}]


def summary_table(report: ScanReport, words: Words) -> list[str]:
    """Scans per poster, in columns; numbers aligned right."""
    table = [tuple(words._(column) for column in SUMMARY_COLUMNS)]
    table += [tuple(map(shown, (poster.station if poster.known else words._(UNKNOWN), shown_format(poster, words),
                                "-".join(poster.languages), poster.code, words.number(scans),
                                words.share(followed, scans))))
              for poster, scans, followed in report.by_poster()]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return ["  ".join(cell.rjust(width) if i >= 4 else cell.ljust(width)
                      for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip() for row in table]


def shown(text: str) -> str:
    """Text as it is shown, never obeyed: control characters left out."""
    return CONTROLS.sub("", text)


def csv_cell(value: str | int) -> str | int:
    """A cell as data, never a formula: control characters left out, a formula's first character quoted."""
    if isinstance(value, int):
        return value
    text = shown(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def shown_format(poster: Poster, words: Words) -> str:
    """a0, b1…, or `screen` in the report's language."""
    return words._(SCREEN) if poster.format == SCREEN else poster.format


# --- the files ---------------------------------------------------------------------------

def write_csv(report: ScanReport, path: Path) -> None:
    """The CSV is data for spreadsheets and scripts: its words stay as they are, whatever the report's language."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows([csv_cell(cell) for cell in row] for row in report.csv_rows())


def write_report(report: ScanReport, folder: Path, words: Words) -> list[Path]:
    """report.html, report.css and scans.csv in `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    days = report.by_day()
    campaign = report.campaign
    context = {"report": report, "campaign": campaign, "csp": CSP, "days": days, "rows": report.by_poster(),
               "chart": Chart.of(days, words.locale, campaign.start, campaign.end), "left_out": LEFT_OUT,
               "main": campaign.default_language, "words": words, "unknown": UNKNOWN}
    env = environment(words, campaign.default_language)
    files = [folder / "report.html", folder / "report.css", folder / "scans.csv"]
    files[0].write_text(env.get_template("report.html").render(context), encoding="utf-8")
    files[1].write_text(env.get_template("report.css").render(context), encoding="utf-8")
    write_csv(report, files[2])
    return files


def environment(words: Words, main: str) -> Environment:
    """Jinja with the report's strings (gettext, trimmed as extracted) and Babel's numbers and dates."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)),
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(*words.html_gettext(), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(number=words.number, share=lambda pair: words.share(*pair), long_date=words.long_date,
                       in_main=lambda text: in_language(text, main, words.lang),
                       format=lambda poster: shown_format(poster, words))
    return env


def in_language(text: str, lang: str, page: str) -> Markup:
    """A campaign text (in its main language) in a report written in another: marked with its own language."""
    if lang == page:
        return Markup.escape(text)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, direction(lang), text)
