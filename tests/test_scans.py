"""`build.py scans`: generated access logs of exactly known counts, the privacy promise, codes that outlive
reprints, and the nginx configuration that logs no whole address."""
from __future__ import annotations

import csv
import gzip
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from PIL import ImageFont
from servers import available, running
from support import Scratch, parse, run

from campaign.content.load import load_site
from campaign.print.posters import plan_print
from campaign.print.qr import path_code
from campaign.problems import Problems
from campaign.scans.logs import LogReader
from campaign.scans.rules import LocalDays, ScanRules, campaign_zone, posters_by_code
from campaign.site.policy import CSP

SAMPLE_CODES = {
    ("bruxelles-midi", "a0", "fr-nl"): "tzxmk", ("bruxelles-midi", "abri", "fr-nl"): "ucdfm",
    ("bruxelles-midi", "b1", "fr-nl"): "usg36", ("bruxelles-midi", "screen", "fr"): "q5mqn",
    ("bruxelles-midi", "screen", "nl"): "njn46", ("antwerpen-centraal", "a0", "nl"): "4uxex",
    ("antwerpen-centraal", "abri", "nl"): "zm3nx", ("antwerpen-centraal", "b1", "nl"): "wbhmm",
    ("antwerpen-centraal", "screen", "nl"): "64w5r", ("liege-guillemins", "a0", "fr"): "yjqbp",
    ("liege-guillemins", "abri", "fr"): "4zurv", ("liege-guillemins", "b1", "fr"): "7mq5h",
    ("liege-guillemins", "screen", "fr"): "39ece",
}
"""The sample's codes as printed: if one changes, logs of posters already hanging no longer map."""
A, S, B = "tzxmk", "q5mqn", "4uxex"  # Brussels-Midi A0 (fr-nl), its French screen, Antwerp A0 (nl)

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")
ANDROID = ("Mozilla/5.0 (Linux; Android 14; SM-A146B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
           "Mobile Safari/537.36")
PREVIEWERS = ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
              "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "WhatsApp/2.24.21.80 A",
              "TelegramBot (like TwitterBot)", "Twitterbot/1.0")
V1, V2, V3, V4 = ("198.51.100.0", IPHONE), ("203.0.113.0", ANDROID), ("2001:db8:85a3::", ANDROID), ("192.0.2.0", IPHONE)
V5, V6 = ("100.64.1.0", ANDROID), ("100.64.2.0", IPHONE)
ADDRESSES = ("198.51.100", "203.0.113", "2001:db8", "192.0.2", "100.64.1", "100.64.2")
BRUSSELS = ZoneInfo("Europe/Brussels")


def line(visitor: tuple[str, str], when: str, request: str, status: int = 200) -> str:
    """A combined-format line; `when` as nginx writes it, e.g. 19/Oct/2026:10:00:00 +0200."""
    return f'{visitor[0]} - - [{when}] "{request}" {status} 5120 "-" "{visitor[1]}"\n'


def caddy(visitor: tuple[str, str], ts: float | str, method: str, uri: str, status: int = 200) -> str:
    """One of Caddy's JSON access-log lines (ts in seconds, or ISO 8601 with `time_format iso8601`)."""
    return json.dumps({"level": "info", "ts": ts, "logger": "http.log.access.log0", "msg": "handled request",
                       "request": {"remote_ip": visitor[0], "remote_port": "51234", "client_ip": visitor[0],
                                   "proto": "HTTP/2.0", "method": method, "host": "blind-betting.example", "uri": uri,
                                   "headers": {"User-Agent": [visitor[1]], "Accept": ["text/html"]}},
                       "bytes_read": 0, "user_id": "", "duration": 0.0012, "size": 5120, "status": status}) + "\n"


def brussels(*parts: int) -> float:
    return datetime(*parts, tzinfo=BRUSSELS).timestamp()


def write_logs(folder: Path) -> list[Path]:
    """A rotation (.2.gz older than .1 older than the current log) and a Caddy log, with known counts:
    12 scans (A: 3 on the 19th, 1 on the 20th, 21st, 22nd; S: 1 on the 21st; B: 1 on the 19th and 22nd, 2 on the
    23rd; an unknown code: 1 on the 20th); left out: 2 methods, 2 statuses, 6 bots, 3 repeats; 3 scans followed by
    another page; 4 malformed lines."""
    folder.mkdir()
    oldest = [
        line(V1, "19/Oct/2026:10:00:00 +0200", f"GET /s/{A}/ HTTP/2.0"),                     # counted
        line(V1, "19/Oct/2026:10:29:59 +0200", f"GET /s/{A}/ HTTP/2.0", 304),                # repeat
        line(V1, "19/Oct/2026:10:30:00 +0200", f"GET /s/{A}/ HTTP/2.0"),                     # 30 min later: counted
        line(V2, "19/Oct/2026:11:00:00 +0200", f"GET /s/{A} HTTP/1.1"),                      # no slash: counted
        line(V2, "19/Oct/2026:11:01:00 +0200", f"HEAD /s/{B}/ HTTP/1.1"),                    # not a GET
        line(V3, "19/Oct/2026:12:00:00 +0200", f"GET /s/{B}/index.html?utm_source=poster HTTP/2.0"),  # counted
        *(line(("66.220.149.0", agent), f"19/Oct/2026:12:05:0{i} +0200", f"GET /s/{B}/ HTTP/1.1")     # 5 previewers
          for i, agent in enumerate(PREVIEWERS)),
        line(V2, "19/Oct/2026:12:10:00 +0200", "GET /s/zzzzz/ HTTP/1.1", 404),               # not found
        "this is not a log line\n",                                                           # malformed (line 13)
        line(V3, "19/Oct/2026:12:00:01 +0200", "GET /static/site.css HTTP/2.0"),             # not a page
    ]
    rotated = [
        line(V2, "19/Oct/2026:11:10:00 +0200", f"GET /s/{A}/ HTTP/1.1"),                     # repeat across files
        line(V1, "20/Oct/2026:23:59:59 +0200", f"GET /s/{A}/?src=qr HTTP/2.0"),              # counted on the 20th
        line(V1, "20/Oct/2026:23:59:59 +0200", "GET /s/qqqqq/ HTTP/2.0"),                    # unknown code
        line(V3, "20/Oct/2026:22:30:00 +0000", f"GET /s/{S}/ HTTP/2.0"),                     # 00:30 in Brussels: 21st
        line(V2, "21/Oct/2026:00:00:00 +0200", f"GET /s/{A}/ HTTP/1.1"),                     # counted on the 21st
        line(V1, "21/Oct/2026:00:00:01 +0200", "GET /static/site.css HTTP/2.0"),
        line(V2, "21/Oct/2026:00:10:00 +0200", "GET /fr/help/ HTTP/1.1"),                    # follows V2's scan
        line(V1, "21/Oct/2026:00:40:00 +0200", "GET /nl/cards/dream-job/ HTTP/2.0"),         # 40 min: follows none
        '203.0.113.0 - - [21/Oct/2026:01:00:00 +0200] "GET /s/\n',                           # malformed (line 9)
    ]
    current = [
        line(V4, "22/Oct/2026:08:00:00 +0200", f"GET /s/{B}/ HTTP/2.0"),                     # counted
        line(V4, "22/Oct/2026:08:05:00 +0200", f"GET /s/{B}/ HTTP/2.0"),                     # repeat
        line(V4, "22/Oct/2026:08:06:00 +0200", "GET /de/ HTTP/2.0", 304),                    # follows
        line((V1[0], ANDROID), "22/Oct/2026:09:00:00 +0200", f"GET /s/{A}/ HTTP/2.0"),       # other browser: counted
        line(V4, "22/Oct/2026:09:01:00 +0200", f"POST /s/{A}/ HTTP/2.0"),                    # not a GET
        line(V4, "22/Oct/2026:09:02:00 +0200", f"GET /s/{A} HTTP/2.0", 301),                 # a redirect
        "\n",                                                                                 # blank: not counted
        line(V4, "31/Feb/2026:09:03:00 +0200", f"GET /s/{A}/ HTTP/2.0"),                     # malformed (line 8)
        line(V4, "22/Oct/2026:10:00:00 +0200", "GET /robots.txt HTTP/2.0"),
    ]
    morning = brussels(2026, 10, 23, 9)
    caddy_lines = [
        caddy(V5, morning, "GET", f"/s/{B}/"),                                                 # counted
        caddy(V6, "2026-10-23T09:30:00+02:00", "GET", f"/s/{B}/"),                            # counted
        caddy(("66.249.66.0", "Twitterbot/1.0"), morning + 60, "GET", f"/s/{B}/"),           # a previewer
        "{not json\n",                                                                        # malformed (line 4)
        caddy(V5, morning + 600, "GET", "/nl/help/", 304),                                    # follows
    ]
    with gzip.open(folder / "access.log.2.gz", "wt", encoding="utf-8") as file:
        file.writelines(oldest)
    (folder / "access.log.1").write_text("".join(rotated), encoding="utf-8")
    (folder / "access.log").write_text("".join(current), encoding="utf-8")
    (folder / "caddy.log").write_text("".join(caddy_lines), encoding="utf-8")
    # Given newest first, as a shell glob of access.log* would: they must be read oldest first all the same.
    return [folder / "access.log", folder / "caddy.log", folder / "access.log.1", folder / "access.log.2.gz"]


def scans(*args: str | Path):
    return run("scans", *map(str, args), "--content", "content", "--output", "output")


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_generated_logs_give_exactly_the_known_counts(scratch: Scratch) -> None:
    logs = write_logs(scratch.root / "logs")
    result = scans(logs[0], "--report", "report", *logs[1:])  # options may come between the logs
    assert result.code == 0, result.err
    assert read_csv(scratch.root / "report" / "scans.csv") == [
        ["code", "station", "format", "languages", "day", "scans"],
        [A, "bruxelles-midi", "a0", "fr-nl", "2026-10-19", "3"],
        [A, "bruxelles-midi", "a0", "fr-nl", "2026-10-20", "1"],
        [A, "bruxelles-midi", "a0", "fr-nl", "2026-10-21", "1"],
        [A, "bruxelles-midi", "a0", "fr-nl", "2026-10-22", "1"],
        [S, "bruxelles-midi", "screen", "fr", "2026-10-21", "1"],
        [B, "antwerpen-centraal", "a0", "nl", "2026-10-19", "1"],
        [B, "antwerpen-centraal", "a0", "nl", "2026-10-22", "1"],
        [B, "antwerpen-centraal", "a0", "nl", "2026-10-23", "2"],
        ["", "unknown or retired", "", "", "2026-10-20", "1"],  # a code not the build's is never shown
    ]
    # The summary is in the campaign's main language, Dutch (tests/test_scan_report.py: others).
    assert "4 logbestanden gelezen: 37 regels in" in result.out
    assert "; 4 regels konden niet worden gelezen." in result.out  # lines, not files or scans (issue 21, point 10)
    assert "Verzoeken naar een scanadres: 25; geteld: 12 scans (dagen in Europe/Brussels)." in result.out
    assert ("Niet meegeteld: 2 geen GET (HEAD, POST…), 2 niet beantwoord met 200 of 304, 6 bots en linkvoorbeelden, "
            "3 herhalingen binnen 30 minuten.") in result.out
    assert "Na 25% van de scans opende de bezoeker binnen 30 minuten een andere pagina" in result.out
    assert [line for line in result.err.splitlines() if line.startswith("warning:")] == [
        f"warning: {logs[3]}:13: not an access-log line (combined or Caddy JSON); left out",
        f"warning: {logs[2]}:9: not an access-log line (combined or Caddy JSON); left out",
        f"warning: {logs[0]}:8: not an access-log line (combined or Caddy JSON); left out",
        f"warning: {logs[1]}:4: not an access-log line (combined or Caddy JSON); left out",
    ]


def test_the_report_shows_days_and_posters_under_the_sites_policy(scratch: Scratch) -> None:
    assert scans(*write_logs(scratch.root / "logs"), "--report", "report").code == 0
    report = scratch.root / "report" / "report.html"
    html = report.read_text(encoding="utf-8")
    page = parse(report)
    assert page.find("meta", http_equiv="Content-Security-Policy")[0]["content"] == CSP
    assert page.find("link", rel="stylesheet")[0]["href"] == "report.css"
    assert not page.find("script") and not page.find("style")
    assert not [tag for tag, attributes in page.tags if "style" in attributes]
    assert page.find("svg", role="img") and len(page.find("rect")) == 7  # the campaign's week, 18 to 24 October
    text = " ".join(" ".join(page.text).split())
    for day, count, followed in (("zondag 18 oktober 2026", 0, "–"), ("maandag 19 oktober 2026", 4, "0%"),
                                 ("dinsdag 20 oktober 2026", 2, "0%"), ("woensdag 21 oktober 2026", 2, "50%"),
                                 ("donderdag 22 oktober 2026", 2, "50%"), ("vrijdag 23 oktober 2026", 2, "50%"),
                                 ("zaterdag 24 oktober 2026", 0, "–")):
        assert f"{day} {count} {followed}" in text
    assert "Brussel-Zuid a0 fr-nl tzxmk 6 17%" in text
    assert "Antwerpen-Centraal a0 nl 4uxex 4 50%" in text
    assert "Luik-Guillemins b1 fr 7mq5h 0 –" in text  # posters nobody scanned are shown too
    assert "onbekend of niet meer in gebruik 1 0%" in text and "qqqqq" not in html
    assert "Totaal 12 25%" in text
    assert "komen nooit in het log" in html  # phone numbers and other sites' links: the share cannot see them
    assert (scratch.root / "report" / "report.css").read_text(encoding="utf-8").count("#8a1538") == 1


FONTS = [ImageFont.truetype(str(path), 12) for path in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                                                         Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"))
         if path.is_file()]
"""Browsers draw the chart's system-ui labels in the machine's sans-serif: measured in the widest of these."""


def day_labels(report: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The chart's width and each day label's (left, right, text) in the SVG's units, measured in real fonts."""
    html = report.read_text(encoding="utf-8")
    svg = ElementTree.fromstring(html[html.index("<svg"):html.index("</svg>") + len("</svg>")])
    size = float(svg.get("font-size") or 0)
    labels = []
    for text in svg.iter("text"):
        if text.get("class") == "day":
            assert text.get("text-anchor") == "middle" and text.text
            width = max(font.getlength(text.text) for font in FONTS) * size / 12
            labels.append((float(text.get("x") or 0) - width / 2, float(text.get("x") or 0) + width / 2, text.text))
    return float((svg.get("viewBox") or "").split()[2]), labels


@pytest.mark.skipif(not FONTS, reason="neither DejaVu Sans nor Noto Sans is installed to measure the labels with")
@pytest.mark.parametrize("first, days, labelled", [
    (date(2026, 10, 18), 7, 7),      # the campaign's week: every day, with its weekday
    (date(2026, 10, 1), 31, 4),      # a month: each week
    (date(2026, 1, 1), 365, 12),     # a year: each month
])
def test_the_charts_day_labels_never_overlap(scratch: Scratch, first: date, days: int, labelled: int) -> None:
    """One scan a day for a week, a month and a year: the labels keep clear of each other and of the edges."""
    dates = [first + timedelta(days=n) for n in range(days)]
    times = [datetime(day.year, day.month, day.day, 10, tzinfo=BRUSSELS) for day in dates]
    scratch.write("../access.log", "".join(line(V1, when.strftime("%d/%b/%Y:%H:%M:%S %z"), f"GET /s/{A}/ HTTP/2.0")
                                           for when in times))
    assert scans(scratch.root / "access.log", "--report", "report").code == 0
    report = scratch.root / "report" / "report.html"
    assert len(parse(report).find("rect")) == days
    width, labels = day_labels(report)
    assert len(labels) == labelled, [text for _, _, text in labels]
    assert labels[0][0] >= 0 and labels[-1][1] <= width, "inside the chart"
    for (_, right, text), (left, _, following) in zip(labels, labels[1:]):
        assert right < left, f"{text!r} overlaps {following!r}"


def test_nothing_personal_reaches_any_output(scratch: Scratch) -> None:
    result = scans(*write_logs(scratch.root / "logs"), "--report", "report")
    written = [path.read_text(encoding="utf-8") for path in (scratch.root / "report").iterdir()]
    assert sorted(path.name for path in (scratch.root / "report").iterdir()) == ["report.css", "report.html",
                                                                                  "scans.csv"]
    for text in (*written, result.out, result.err):
        for secret in (*ADDRESSES, "66.220", "66.249", IPHONE, ANDROID, "iPhone", "Android", *PREVIEWERS,
                       "facebookexternalhit", "Slackbot", "WhatsApp", "TelegramBot", "Twitterbot", "this is not a log"):
            assert secret not in text


def test_the_summary_counts_one_file_line_and_scan_in_the_singular(scratch: Scratch) -> None:
    scratch.edit("campaign.yml", "languages: [nl, fr, de, en]", "languages: [en, nl, fr, de]")  # English first
    scratch.write("../access.log", line(V1, "19/Oct/2026:10:00:00 +0200", f"GET /s/{A}/ HTTP/2.0") + "not a log line\n")
    result = scans(scratch.root / "access.log")
    assert result.code == 0, result.err
    assert result.out.startswith("Read 1 log file: 2 lines in ")
    assert "; 1 line could not be read." in result.out.splitlines()[0]
    assert "Requests to a scan address: 1; counted 1 scan (days in Europe/Brussels)." in result.out


def test_a_base_url_with_a_path_counts_only_under_it(scratch: Scratch) -> None:
    scratch.edit("campaign.yml", "base_url: https://blind-betting.example/",
                 "base_url: https://blind-betting.example/campaign/")
    scratch.write("../access.log", "".join([
        line(V1, "19/Oct/2026:10:00:00 +0200", f"GET /campaign/s/{A}/ HTTP/2.0"),             # counted
        line(V2, "19/Oct/2026:10:00:00 +0200", f"GET /s/{A}/ HTTP/2.0"),                      # not the site's
        line(V1, "19/Oct/2026:10:05:00 +0200", "GET /fr/help/ HTTP/2.0"),                     # not the site's
        line(V1, "19/Oct/2026:10:06:00 +0200", "GET /campaign/fr/help/ HTTP/2.0"),            # follows
        '192.0.2.0 - - [19/Oct/2026:10:07:00 +0200] "GET /campaign/s/' + B + '/ HTTP/1.0" 200 512\n',  # "common"
    ]))
    result = scans(scratch.root / "access.log", "--report", "report")
    assert result.code == 0, result.err
    assert "Verzoeken naar een scanadres: 2; geteld: 2 scans" in result.out
    assert "Na 50% van de scans" in result.out
    assert [row[0] for row in read_csv(scratch.root / "report" / "scans.csv")[1:]] == [A, B]


def test_timezone_in_campaign_yml_sets_the_days(scratch: Scratch) -> None:
    scratch.edit("campaign.yml", "country: BE", "country: BE\ntimezone: America/New_York")
    scratch.write("../access.log", line(V1, "21/Oct/2026:03:00:00 +0200", f"GET /s/{A}/ HTTP/2.0"))
    result = scans(scratch.root / "access.log", "--report", "report")
    assert result.code == 0, result.err
    assert "dagen in America/New_York" in result.out
    assert read_csv(scratch.root / "report" / "scans.csv")[1][4] == "2026-10-20"


def test_a_misspelt_timezone_names_file_line_and_field(scratch: Scratch) -> None:
    scratch.edit("campaign.yml", "country: BE", "country: BE\ntimezone: Europe/Brusels")
    scratch.write("../access.log", "")
    result = scans(scratch.root / "access.log")
    assert result.code == 1
    assert ('error: content/campaign.yml:6: timezone: "Europe/Brusels" is not a time zone: '
            "did you mean Europe/Brussels?") in result.err.splitlines()
    assert "The scans were not counted" in result.err


def test_country_zones_are_chosen_from_tzdata(scratch: Scratch) -> None:
    site = load_site(scratch.content, Problems())
    assert site is not None
    assert campaign_zone(site.campaign) == ("Europe/Brussels", None)
    zone, note = campaign_zone(replace(site.campaign, country="ES"))
    assert zone == "Europe/Madrid" and note and "Atlantic/Canary" in note and "timezone:" in note
    zone, note = campaign_zone(replace(site.campaign, country="XK"))
    assert zone == "UTC" and note and "timezone:" in note


def test_local_days_follow_the_clock_change() -> None:
    days = LocalDays(BRUSSELS)
    # 25 October 2026 has 25 hours in Brussels: summer time ends at 03:00.
    assert days.day(brussels(2026, 10, 24, 23, 59, 59)) == date(2026, 10, 24)
    assert days.day(brussels(2026, 10, 25, 0, 0, 0)) == date(2026, 10, 25)
    assert days.day(datetime(2026, 10, 25, 22, 59, 59, tzinfo=ZoneInfo("UTC")).timestamp()) == date(2026, 10, 25)
    assert days.day(datetime(2026, 10, 25, 23, 0, 0, tzinfo=ZoneInfo("UTC")).timestamp()) == date(2026, 10, 26)
    assert days.day(brussels(2026, 10, 24, 12)) == date(2026, 10, 24)  # going back in time works too


def test_each_bot_user_agent_is_looked_up_once(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("".join(line(("192.0.2.0", agent), f"19/Oct/2026:10:{minute:02d}:00 +0200", f"GET /s/{A}/ HTTP/2.0")
                           for minute in range(0, 59, 2) for agent in (IPHONE, PREVIEWERS[0])), encoding="utf-8")
    asked: list[str] = []
    reader = LogReader()
    rules = ScanRules(("",), BRUSSELS, reader.epoch, lambda agent: asked.append(agent) or "facebook" in agent, [A])
    rules.feed(reader.entries(log))
    assert sorted(asked) == sorted([IPHONE, PREVIEWERS[0]])
    assert sum(rules.counts.scans.values()) == 2 and rules.counts.left_out["bot"] == 30
    assert rules.counts.left_out["repeat"] == 28


def test_a_missing_log_is_one_clear_line(scratch: Scratch) -> None:
    result = scans("nowhere/access.log")
    assert result.code == 1
    assert result.err.strip() == ("error: nowhere/access.log: no such file: give the access logs' paths "
                                  "(e.g. /var/log/nginx/access.log*)")


def test_a_broken_gzip_file_is_one_clear_line(scratch: Scratch) -> None:
    whole = gzip.compress(line(V1, "19/Oct/2026:10:00:00 +0200", f"GET /s/{A}/ HTTP/2.0").encode() * 200)
    (scratch.root / "access.log.2.gz").write_bytes(whole[: len(whole) // 2])
    result = scans(scratch.root / "access.log.2.gz")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert [line for line in result.err.splitlines() if line.startswith("error:")] == [
        f"error: {scratch.root / 'access.log.2.gz'}: is not a complete gzip file "
        "(Compressed file ended before the end-of-stream marker was reached): was it still being written?"]


def test_no_logs_and_logs_for_other_commands_are_refused(scratch: Scratch) -> None:
    assert scans().err.startswith("error: give the access logs to read")
    result = run("check", "access.log", "--content", "content")
    assert (result.code, result.err.strip()) == (1, "error: access.log: only `build.py scans` reads log files")


def test_the_report_is_never_written_into_the_published_output(scratch: Scratch) -> None:
    scratch.write("../access.log", "")
    result = scans(scratch.root / "access.log", "--report", "output/report")
    assert result.code == 1
    assert "is inside output/, which is published" in result.err
    assert not (scratch.root / "output").exists()


# --- codes that outlive reprints --------------------------------------------------------

def codes(scratch: Scratch) -> dict[tuple[str, str, str], str]:
    site = load_site(scratch.content, Problems())
    assert site is not None
    posters = posters_by_code(site, plan_print(site))
    return {(p.station, p.format, "-".join(p.languages)): code for code, p in posters.items()}


def test_the_sample_codes_are_those_printed() -> None:
    for (station, fmt, languages), code in SAMPLE_CODES.items():
        assert path_code("blind-betting", station, fmt, *languages.split("-")) == code


def test_codes_stay_while_station_format_and_languages_do(scratch: Scratch) -> None:
    assert codes(scratch) == SAMPLE_CODES
    # Everything else about a poster may change between two builds: its card, name, regions, the other formats.
    scratch.edit("stations.yml", "formats: [a0, abri, b1]\n    card: dream-job",
                 "formats: [b1, a0, a2]\n    card: easy-money")
    scratch.edit("stations.yml", "name: {nl: Brussel-Zuid,", "name: {nl: Brussel-Zuid (Midi),")
    scratch.edit("stations.yml", "regions: [national, brussels]", "regions: [national]")
    scratch.edit("campaign.yml", "crop_marks: true", "crop_marks: false")
    after = codes(scratch)
    for key in (("bruxelles-midi", "a0", "fr-nl"), ("bruxelles-midi", "b1", "fr-nl"),
                ("antwerpen-centraal", "a0", "nl")):
        assert after[key] == SAMPLE_CODES[key]
    assert ("bruxelles-midi", "abri", "fr-nl") not in after
    # A new station, format or set of languages is another poster: another code.
    scratch.edit("stations.yml", "languages: [fr, nl]", "languages: [fr]")
    scratch.edit("stations.yml", "id: antwerpen-centraal", "id: antwerpen")
    changed = codes(scratch)
    assert changed[("bruxelles-midi", "a0", "fr")] not in SAMPLE_CODES.values()
    assert changed[("antwerpen", "a0", "nl")] not in SAMPLE_CODES.values()
    assert changed[("bruxelles-midi", "a2", "fr")] not in SAMPLE_CODES.values()


def test_every_code_has_its_landing_page_and_nginx_logs_no_whole_address(scratch: Scratch, tmp_path: Path) -> None:
    assert scratch.build("--site-only").code == 0
    for code in SAMPLE_CODES.values():
        assert (scratch.output / "s" / code / "index.html").is_file()
    server = (scratch.output / "nginx.conf").read_text(encoding="utf-8")
    http = (scratch.output / "nginx-http.conf").read_text(encoding="utf-8")
    assert "location /s/ {\n" in server and server.count("access_log /var/log/nginx/blind-betting.access.log "
                                                         "campaign_anonymous;") == 2
    assert "map $remote_addr $campaign_anonymous_addr" in http
    log_format = next(line for line in http.splitlines() if line.startswith("log_format"))
    assert "$campaign_anonymous_addr" in log_format and "$remote_addr" not in log_format
    assert "$http_referer" not in log_format
    if available("nginx") is None:
        pytest.skip("nginx is not installed (make test installs it): the configuration was not validated")
    # The real thing, on the loopback address (tests/servers.py): nginx logs a scan and a page; no whole address.
    with running("nginx", scratch.output, tmp_path / "nginx") as nginx:
        for path in (f"/s/{A}/", "/fr/help/"):
            assert nginx.get(path, IPHONE).status == 200
        log = nginx.log_lines(at_least=2)
    assert log and not [text for text in log if "127.0.0.1" in text or not text.startswith("127.0.0.0 - - [")]
    (tmp_path / "access.log").write_text("\n".join(log) + "\n", encoding="utf-8")
    result = scans(tmp_path / "access.log")
    assert "geteld: 1 scan (" in result.out and "Na 100% van de scans" in result.out
