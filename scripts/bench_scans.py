"""Benchmark `build.py scans`: generate a week of the sample campaign's access log (combined format, ~20 %
scans, bots and link previewers among them), count it, report lines per second and peak memory; then run
GoAccess on the same file when it is installed, for comparison.

Usage: python scripts/bench_scans.py [--lines 1000000] [--runs 3] [--report DIR] [--keep FILE]
(or `make bench-scans`). The target on the 2-core machine is 300,000 lines/s.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from campaign.options import Options  # noqa: E402
from campaign.pipeline import inspect  # noqa: E402
from campaign.print.posters import plan_print  # noqa: E402
from campaign.scans.command import is_bot, oldest_first  # noqa: E402
from campaign.scans.logs import LogReader  # noqa: E402
from campaign.scans.report import ScanReport, summary  # noqa: E402
from campaign.scans.rules import Poster, ScanRules, campaign_zone, posters_by_code, site_paths  # noqa: E402
from campaign.scans.words import Words  # noqa: E402

TARGET = 300_000
BROWSERS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-A146B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
    "Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.6668.100 "
    "Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; Pixel 7a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
    "Chrome/122.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
    "Safari/605.1.15",
    "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0",
]
BOTS = [
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "WhatsApp/2.24.21.80 A",
    "TelegramBot (like TwitterBot)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Twitterbot/1.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
]
ASSETS = ["/static/site.css", "/static/site.js"]
WEIGHTS = {"bruxelles-midi": 5, "antwerpen-centraal": 3, "liege-guillemins": 2}
"""Relative traffic per station, a rush-hour curve and a week's curve below: so the report has something to show."""
HOURS = [1, 1, 1, 1, 1, 2, 5, 9, 10, 6, 4, 4, 5, 4, 4, 5, 8, 10, 9, 6, 4, 3, 2, 1]
DAYS = [1.3, 1.0, 0.95, 0.9, 0.85, 0.8, 0.55]
"""Sunday 18 October, the launch (EU Anti-Trafficking Day), draws most; then interest fades, and Saturday is quiet."""
LINES_PER_VISIT = 0.22 * (3 + 0.05 + 0.33) + 0.78
"""On average, from visit() below: a scan brings its page, style sheet and script, sometimes a reload or a next page."""


def generate(path: Path, lines: int, seed: int = 11) -> None:
    """A week of the sample's campaign: people scan posters (a third then open another page, a few reload),
    bots and link previewers fetch landing pages, everyone else reads the site. Requests of one visit come
    seconds apart, written when they happen, so lines are a little out of order, as in real logs."""
    rng = random.Random(seed)
    site, _ = inspect(Options(PROJECT / "content", cache=Path(tempfile.gettempdir()) / "bench-scans-cache"))
    assert site is not None
    posters = list(posters_by_code(site, plan_print(site)).values())
    weights = [WEIGHTS.get(p.station, 1) * (1 if p.format == "screen" else 2) for p in posters]
    pages = [f"/{lang}/{page}" for lang in site.campaign.languages
             for page in ("", "help/", "cards/dream-job/", "cards/true-love/", "safety/", "signs/")]
    start = datetime(2026, 10, 18, tzinfo=ZoneInfo("Europe/Brussels"))
    week = range(24 * 7)
    busy = [HOURS[hour % 24] * DAYS[hour // 24] for hour in week]
    visits = sorted(rng.choices(week, busy, k=round(lines / LINES_PER_VISIT)))
    written = 0
    with path.open("w", encoding="ascii") as out:
        for hour in itertools.chain(visits, itertools.repeat(visits[-1])):  # the last hour again if lines are short
            if written >= lines:
                break
            moment = start + timedelta(seconds=hour * 3600 + rng.randrange(3600))
            address = f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.0"  # as our nginx.conf logs
            for seconds, method, target, status, agent in visit(rng, posters, weights, pages)[: lines - written]:
                stamp = (moment + timedelta(seconds=seconds)).strftime("%d/%b/%Y:%H:%M:%S %z")
                out.write(f'{address} - - [{stamp}] "{method} {target} HTTP/2.0" {status} {rng.randrange(300, 9000)} '
                          f'"-" "{agent}"\n')
                written += 1


Request = tuple[int, str, str, int, str]
"""(seconds after the visit starts, method, target, status, user agent)."""


def visit(rng: random.Random, posters: list[Poster], weights: list[int], pages: list[str]) -> list[Request]:
    """One visit: a scan (and what follows it), a bot, a mistyped code, or someone reading the site."""
    kind = rng.random()
    agent = rng.choice(BROWSERS)
    if kind < 0.22:  # a person scans a poster
        code = rng.choices(posters, weights)[0].code
        requests = [(0, "GET", f"/s/{code}/", 200, agent), *((1, "GET", asset, 200, agent) for asset in ASSETS)]
        if rng.random() < 0.05:
            requests.append((rng.randrange(5, 120), "GET", f"/s/{code}/", 304, agent))  # a reload: a repeat
        if rng.random() < 0.33:
            requests.append((rng.randrange(10, 300), "GET", rng.choice(pages), 200, agent))
        return requests
    if kind < 0.28:  # a bot or a link previewer fetches a landing page
        code = rng.choices(posters, weights)[0].code
        return [(0, rng.choice(("GET", "GET", "HEAD")), f"/s/{code}/", 200, rng.choice(BOTS))]
    if kind < 0.285:  # a code typed wrong
        return [(0, "GET", f"/s/{rng.choice(('zzzzz', 'abcde'))}/", 404, agent)]
    agent = rng.choice(BROWSERS + BOTS[-2:])
    return [(0, "GET", rng.choice(pages + ASSETS + ["/robots.txt", "/sitemap.xml"]), 200, agent)]


def count(path: Path) -> tuple[float, ScanReport]:
    """Seconds to read and count the log (campaign loading excluded: it is the same fixed 0.05 s for any log)."""
    site, _ = inspect(Options(PROJECT / "content", cache=Path(tempfile.gettempdir()) / "bench-scans-cache"))
    assert site is not None
    posters = posters_by_code(site, plan_print(site))
    zone, _ = campaign_zone(site.campaign)
    started = time.perf_counter()
    reader = LogReader()
    rules = ScanRules(site_paths(site.campaign), ZoneInfo(zone), reader.epoch, is_bot, posters)
    for log in oldest_first([path], reader):
        rules.feed(reader.entries(log))
    seconds = time.perf_counter() - started
    return seconds, ScanReport(site.campaign, posters, rules.counts, reader.reading, (path,), zone, seconds)


def goaccess(path: Path) -> float | None:
    """Seconds GoAccess 1.x takes to produce its HTML report of the same file, or None when it is not installed."""
    program = shutil.which("goaccess")
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run([program, str(path), "--log-format=COMBINED", "--no-global-config", "-o",
                        str(Path(folder) / "goaccess.html")], check=True, capture_output=True, stdin=subprocess.DEVNULL)
        return time.perf_counter() - started


def end_to_end(log: Path, report: Path | None, work: Path) -> tuple[float, float]:
    """`build.py scans LOG` as people run it (Python start, campaign loading, summary): seconds and peak memory (MB)."""
    command = [sys.executable, str(PROJECT / "build.py"), "scans", str(log), "--content", str(PROJECT / "content"),
               "--output", str(work / "output"), *(["--report", str(report)] if report else [])]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", type=Path, default=None, help="also write the report of the generated week here")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated log in this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-scans-"))
    try:
        log = args.keep or work / "access.log"
        started = time.perf_counter()
        generate(log, args.lines)
        print(f"generated {args.lines:,} lines ({log.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        times = []
        for _ in range(args.runs):
            seconds, report = count(log)
            times.append(seconds)
        median = statistics.median(times)
        rate = report.reading.lines / median
        print(summary(report, Words.of(PROJECT / "theme", report.campaign.default_language)))
        print(f"\n{report.counts.requests / report.reading.lines:.0%} of the lines are requests to a scan address, "
              f"{report.counts.left_out['bot'] / report.reading.lines:.0%} bots and link previewers")
        print(f"\nreading and counting: {median:.2f} s (median of {args.runs}), {rate:,.0f} lines/s "
              f"(target {TARGET:,}: {'met' if rate >= TARGET else 'NOT met'})")
        empty = work / "empty.log"
        empty.touch()
        _, baseline = end_to_end(empty, None, work)
        seconds, peak = end_to_end(log, args.report, work)
        print(f"build.py scans, end to end: {seconds:.2f} s, {report.reading.lines / seconds:,.0f} lines/s; "
              f"peak memory {peak:.0f} MB ({baseline:.0f} MB for an empty log: memory does not grow with the log)")
        other = goaccess(log)
        if other is None:
            print("GoAccess: not installed (make bench-scans installs Debian's goaccess)")
        else:
            print(f"GoAccess: {other:.2f} s, {report.reading.lines / other:,.0f} lines/s "
                  "(its full report: every panel)")
        if args.report:
            print(f"report of the generated week: {args.report}/report.html")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
