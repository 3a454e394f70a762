"""What the counts say, for people: a summary on the terminal, scans.csv, and report.html with report.css.

The HTML report is not part of the published site but keeps its rules: the same Content-Security-Policy
(so no inline script or style: the chart is inline SVG drawn here, coloured by presentation attributes and
the style sheet), no request to anywhere, and nothing personal — only codes, stations, days and counts.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..content.model import Campaign
from ..site.policy import CSP
from .chart import Chart
from .logs import Reading
from .rules import LEFT_OUT, UNKNOWN, Counts, Poster, unknown_poster

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSV_COLUMNS = ("code", "station", "format", "languages", "day", "scans")
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
        return self.posters.get(code) or unknown_poster(code)

    @property
    def total(self) -> int:
        return sum(self.counts.scans.values())

    @property
    def followed(self) -> int:
        return sum(self.counts.followed.values())

    def unknown_codes(self) -> list[str]:
        return sorted({code for code, _ in self.counts.scans if code not in self.posters})

    def csv_rows(self) -> list[tuple[str, str, str, str, str, int]]:
        """One row per code and day with a scan: the build's codes in plan order, then unknown ones."""
        order = {code: index for index, code in enumerate([*self.posters, *self.unknown_codes()])}
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
            rows.append((unknown_poster(", ".join(self.unknown_codes())), scans[UNKNOWN], followed[UNKNOWN]))
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


def counted(number: int, one: str, many: str) -> str:
    """`1 line`, `4 lines`: the summary names what it counts, in the right number."""
    return f"{number:,} {one if number == 1 else many}"


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


# --- the terminal --------------------------------------------------------------------------

def summary(report: ScanReport) -> str:
    """A few lines for the terminal: what was read, what was left out, and scans per poster."""
    reading, counts = report.reading, report.counts
    rate = f" ({reading.lines / report.seconds:,.0f} lines/s)" if report.seconds >= 0.1 else ""  # not for a few lines
    lines = [f"Read {counted(len(report.files), 'log file', 'log files')}: {counted(reading.lines, 'line', 'lines')} "
             f"in {report.seconds:.1f} s{rate}; {counted(reading.malformed, 'line', 'lines')} could not be read.",
             f"Requests to a scan address: {counts.requests:,}; counted {counted(report.total, 'scan', 'scans')} "
             f"(days in {report.zone}).",
             "Left out: " + ", ".join(f"{counts.left_out[key]:,} {what}" for key, what in LEFT_OUT.items()) + ".",
             f"After {share(report.followed, report.total)} of the scans the visitor opened another page of the site "
             "within 30 minutes.", ""]
    table = [("station", "format", "languages", "code", "scans", "then another page")]
    table += [(poster.station, poster.format, "-".join(poster.languages), poster.code, f"{scans:,}",
               share(followed, scans)) for poster, scans, followed in report.by_poster()]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        lines.append("  ".join(cell.rjust(width) if i >= 4 else cell.ljust(width)
                               for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip())
    return "\n".join(lines)


# --- the files ---------------------------------------------------------------------------

def write_csv(report: ScanReport, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(report.csv_rows())


def write_report(report: ScanReport, folder: Path) -> list[Path]:
    """report.html, report.css and scans.csv in `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(number=lambda value: f"{value:,}", share=lambda pair: share(*pair),
                       long_date=lambda day: format_date(day, "EEEE d MMMM y", locale="en"))
    days = report.by_day()
    campaign = report.campaign
    context = {"report": report, "campaign": campaign, "csp": CSP, "days": days, "rows": report.by_poster(),
               "chart": Chart.of(days, Locale("en"), campaign.start, campaign.end), "left_out": LEFT_OUT,
               "main": campaign.default_language}
    files = [folder / "report.html", folder / "report.css", folder / "scans.csv"]
    files[0].write_text(env.get_template("report.html").render(context), encoding="utf-8")
    files[1].write_text(env.get_template("report.css").render(context), encoding="utf-8")
    write_csv(report, files[2])
    return files
