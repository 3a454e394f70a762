"""`python build.py scans LOG… [--report DIR]`: count scans per poster from the host's access logs.

Loads the campaign (to know which code is which station, format and languages) without building
anything, reads the logs oldest first in one streaming pass, prints a summary, and with --report
writes report.html, report.css and scans.csv.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import crawleruseragents

from ..progress import Progress
from ..content.load import load_site
from ..options import Options
from ..print.posters import plan_print
from ..problems import Problems
from ..problems import report as report_problems
from .logs import LogError, LogReader, check_readable
from .report import ScanReport, shown, summary, write_report
from .rules import ScanRules, campaign_zone, posters_by_code, site_paths
from .words import Words


def scans(options: Options, logs: list[Path], report_folder: Path | None, progress: Progress) -> int:
    problem = usage_problem(options, logs, report_folder)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    problems = Problems()  # the content only: theme strings play no part in counting
    site = load_site(options.content, problems, options.assets, options.cache_folder)
    if site is None or problems.fails(options.strict):
        report_problems(problems)
        print("\nThe scans were not counted: fix the problem(s) listed above first "
              "(the codes come from the campaign's stations).", file=sys.stderr)
        return 1
    zone, note = campaign_zone(site.campaign)
    if note:
        problems.warn(site.campaign.path, None, "timezone", note)
    report_problems(problems)
    posters = posters_by_code(site, plan_print(site))
    started = time.perf_counter()
    # On a terminal the status line also counts lines; in CI logs, one line per file is enough.
    counting = (lambda path, lines: progress(f"reading {path.name}: {lines:,} lines")) if progress.live else None
    reader = LogReader(counting)
    rules = ScanRules(site_paths(site.campaign), ZoneInfo(zone), reader.epoch, is_bot, posters)
    try:
        for path in oldest_first(logs, reader):
            progress(f"reading {path}")
            rules.feed(reader.entries(path))
    except LogError as exc:
        progress.done()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    progress.done()
    result = ScanReport(site.campaign, posters, rules.counts, reader.reading, tuple(logs), zone,
                        time.perf_counter() - started)
    for path, number in reader.reading.places:
        print(f"warning: {shown(str(path))}:{number}: not an access-log line (combined or Caddy JSON); left out",
              file=sys.stderr)
    if reader.reading.malformed > len(reader.reading.places):
        print(f"warning: {reader.reading.malformed:,} lines in all could not be read", file=sys.stderr)
    words = Words.of(options.theme, site.campaign.default_language)
    if not words.in_wanted_language:
        print(f"note: the scan report is in English: no report catalog of the theme speaks "
              f"{words.wanted} (theme/translations/<language>/LC_MESSAGES/report.po; see `make translations`)",
              file=sys.stderr)
    print(summary(result, words))
    if report_folder:
        files = write_report(result, report_folder, words)
        print("\n" + words._("Report: %(files)s") % {"files": ", ".join(str(file) for file in files)})
    return 0


def usage_problem(options: Options, logs: list[Path], report_folder: Path | None) -> str | None:
    """A one-line reason the command cannot run, before anything is read."""
    if not logs:
        return "give the access logs to read: build.py scans /var/log/nginx/access.log*"
    for path in logs:
        problem = check_readable(path)
        if problem:
            return problem
    if report_folder and report_folder.resolve().is_relative_to(options.output.resolve()):
        return (f"--report {report_folder}: is inside {options.output}/, which is published; "
                "the report is for the team: write it elsewhere")
    return None


def oldest_first(logs: list[Path], reader: LogReader) -> list[Path]:
    """Rotations (access.log.2.gz, access.log.1, access.log) in time order, whatever order they were given in."""
    starts = {path: reader.first_time(path) for path in logs}
    return sorted(logs, key=lambda path: (starts[path] is None, starts[path] or 0.0))


def is_bot(agent: str) -> bool:
    """Bots, crawlers and link previewers, as the maintained crawler-user-agents list knows them."""
    return crawleruseragents.is_crawler(agent)
