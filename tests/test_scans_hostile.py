"""`build.py scans` on hostile logs (issue 31, point 4): anyone can write a path into an access log, and a log folder
can hold anything. Paths are read as the server reads them, no text from a log is ever shown, control characters
and formula cells are neutralised, and no input makes the counter crash, hang or grow without bound."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import PROJECT, SAMPLE, Scratch
from test_scans import ANDROID, BRUSSELS, IPHONE, V1, V2, A, B, caddy, line, scans

from campaign.content.load import load_site
from campaign.content.model import Campaign
from campaign.print.posters import plan_print
from campaign.problems import Problems
from campaign.scans import rules as scan_rules
from campaign.scans.logs import LONGEST_LINE, LogError, LogReader
from campaign.scans.report import CONTROLS, ScanReport, csv_cell, shown, summary, write_csv
from campaign.scans.rules import Poster, ScanRules, normalised, posters_by_code
from campaign.scans.words import Words

ESCAPES = ("\x1b[31m", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "\x07", "\x9b2J", "\u202e")
FORMULAS = ("=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
WHEN = "19/Oct/2026:10:00:00 +0200"


def counted(scratch: Scratch, text: str, *args: str) -> tuple[str, list[list[str]]]:
    """The summary and scans.csv for a log of this text."""
    log = scratch.root / "access.log"
    log.write_text(text, encoding="utf-8")
    result = scans(log, "--report", "report", *args)
    assert result.code == 0, result.err
    with (scratch.root / "report" / "scans.csv").open(encoding="utf-8", newline="") as file:
        return result.out, list(csv.reader(file))


def rules(codes: tuple[str, ...] = (A, B)) -> tuple[LogReader, ScanRules]:
    reader = LogReader()
    return reader, ScanRules(("",), BRUSSELS, reader.epoch, lambda agent: "bot" in agent.lower(), codes)


# --- paths as the server reads them ---------------------------------------------------------------

@pytest.mark.parametrize("target, path", [
    (b"/s/tzxmk/", b"/s/tzxmk/"),
    (b"/s/%74zxmk/", b"/s/tzxmk/"),                          # a real scan, percent-encoded
    (b"/s/hello%2F..%2Ftzxmk/", b"/s/tzxmk/"),                # nginx answers this with tzxmk's page
    (b"/s/x/%2e%2e/tzxmk/index.html?a=%2F", b"/s/tzxmk/index.html"),
    (b"/x/..%2Fs/tzxmk", b"/s/tzxmk"),
    (b"//s//tzxmk//", b"/s/tzxmk/"),
    (b"/../../s/tzxmk/", b"/s/tzxmk/"),                       # above the root stays at the root
    (b"/s/tzxmk/.", b"/s/tzxmk/"),
    (b"/%", b"/%"),
])
def test_paths_are_normalised_as_nginx_does(target: bytes, path: bytes) -> None:
    assert normalised(target) == path


def test_written_text_is_never_shown_and_encoded_scans_count(scratch: Scratch) -> None:
    secret = "BUY-NOW-evil.example"
    out, rows = counted(scratch, "".join([
        line(V1, WHEN, f"GET /s/{secret}%2F..%2F{A}/ HTTP/1.1"),                           # counted as A
        line(V2, WHEN, f"GET /s/%{ord(B[0]):02X}{B[1:]}/ HTTP/1.1"),                       # B, percent-encoded
        *(line((f"192.0.2.{n}", IPHONE), WHEN, f"GET /s/{secret}{n}/ HTTP/1.1") for n in range(50)),
    ]))
    assert rows[1:] == [[A, "bruxelles-midi", "a0", "fr-nl", "2026-10-19", "1"],
                        [B, "antwerpen-centraal", "a0", "nl", "2026-10-19", "1"],
                        ["", "unknown or retired", "", "", "2026-10-19", "50"]]  # one row, never the codes
    html = (scratch.root / "report" / "report.html").read_text(encoding="utf-8")
    for text in (out, html):
        assert "BUY-NOW" not in text and "evil" not in text
    assert max(len(row) for row in out.splitlines()) < 200


def test_many_unknown_codes_give_one_small_row(scratch: Scratch) -> None:
    """The issue's 200,000 lines gave a 108 MB summary: now the size does not depend on the codes."""
    long_code = "x" * 3000
    out, rows = counted(scratch, "".join(line((f"10.0.{n // 256}.{n % 256}", ANDROID), WHEN,
                                               f"GET /s/{long_code}{n}/ HTTP/1.1") for n in range(5000)))
    assert rows[1:] == [["", "unknown or retired", "", "", "2026-10-19", "5000"]]
    assert len(out) < 4000 and long_code not in out


@pytest.mark.parametrize("escape", ESCAPES)
def test_terminal_escapes_in_a_log_reach_nothing(scratch: Scratch, escape: str) -> None:
    out, rows = counted(scratch, line(("198.51.100.0", f"Mozilla{escape}"), WHEN, f"GET /s/{escape}{A}/ HTTP/1.1")
                        + line(V1, WHEN, f"GET /s/{A}/{escape} HTTP/1.1") + f"{escape}\n")
    written = out + "".join(path.read_text(encoding="utf-8") for path in (scratch.root / "report").iterdir())
    assert not any(char in written for char in "\x1b\x07\x9b\u202e")


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_quoted_and_controls_left_out(cell: str) -> None:
    safe = csv_cell(cell)
    assert isinstance(safe, str) and not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_cell("bruxelles-midi") == "bruxelles-midi" and csv_cell(12) == 12
    assert shown("a\x1b[31mb\x1b]8;;x\x07c") == "a[31mb]8;;xc"


@settings(derandomize=True, max_examples=200, deadline=None, database=None)
@given(st.text(max_size=40))
def test_no_cell_is_a_formula_or_holds_a_control_character(text: str) -> None:
    safe = csv_cell(text)
    assert isinstance(safe, str) and not safe.startswith(("=", "+", "-", "@"))
    assert not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in safe)


# --- bounded: lines, JSON, gzip, special files, memory ----------------------------------------------

def test_a_deeply_nested_json_line_is_one_unreadable_line(scratch: Scratch) -> None:
    log = scratch.root / "access.log"
    log.write_text("[" * 50_000 + "]" * 50_000 + "\n" + '{"a":' * 20_000 + "1" + "}" * 20_000 + "\n"
                   + caddy(V1, 1792396800.0, "GET", f"/s/{A}/"), encoding="utf-8")
    result = scans(log)
    assert result.code == 0 and "Traceback" not in result.err
    assert "geteld: 1 scan (" in result.out and "2 regels konden niet worden gelezen" in result.out


def peak_memory(path: Path) -> tuple[int, str | None]:
    """Peak bytes allocated while reading and counting the file in this process, and the error if it stopped."""
    reader, counter = rules()
    tracemalloc.start()
    try:
        counter.feed(reader.entries(path))
        error = None
    except LogError as exc:
        error = str(exc)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, error


def test_a_gzip_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "access.log.2.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    with bomb.open("wb") as file:
        for _ in range(256):
            file.write(packer.compress(bytes(512 * 1024)))  # 128 MiB of zeros, about 130 KB packed
        file.write(packer.flush())
    started = time.perf_counter()
    peak, error = peak_memory(bomb)
    assert error and "unpacks to more than 100 times its size" in error
    assert peak < 4 * LONGEST_LINE + 2_000_000 and time.perf_counter() - started < 30


def test_an_endless_line_is_one_unreadable_line_in_little_memory(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    with log.open("wb") as file:
        file.write(line(V1, WHEN, f"GET /s/{A}/ HTTP/1.1").encode())
        for _ in range(40):
            file.write(b"A" * 1_000_000)
        file.write(b"\n" + line(V2, WHEN, f"GET /s/{A}/ HTTP/1.1").encode())
    reader, counter = rules()
    peak, error = peak_memory(log)
    assert error is None and peak < 4 * LONGEST_LINE + 2_000_000
    counter.feed(reader.entries(log))
    assert sum(counter.counts.scans.values()) == 2 and reader.reading.malformed == 1
    assert reader.reading.places == [(log, 2)]


def test_a_file_of_empty_lines_stops_soon_with_a_clear_line(scratch: Scratch) -> None:
    log = scratch.root / "access.log"
    log.write_bytes(b"\n" * 1_100_000)
    started = time.perf_counter()
    result = scans(log)
    assert result.code == 1 and time.perf_counter() - started < 20
    assert result.err.strip().splitlines()[-1] == (f"error: {log}: no access-log line in lines 1 to 1,000,001: "
                                                    "is it an access log (nginx/Apache combined or Caddy JSON)?")


@pytest.mark.parametrize("special", ["dev-zero", "fifo"])
def test_only_regular_files_are_read(scratch: Scratch, special: str) -> None:
    """A symlink to /dev/zero or a named pipe: one clear line at once, no hang, no MemoryError (a separate process,
    so that a hang fails the test instead of stopping the run)."""
    log = scratch.root / "access.log"
    if special == "fifo":
        os.mkfifo(log)
    else:
        log.symlink_to("/dev/zero")
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "scans", str(log), "--content", "content"],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"error: {log}: is not a regular file (a pipe, device or socket): "
                                     "give the log files themselves")


def test_memory_stays_bounded_under_a_flood_of_visitors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Thousands of distinct addresses and browsers within one hour: the oldest are forgotten past the bound."""
    monkeypatch.setattr(scan_rules, "VISITORS_REMEMBERED", 100)
    log = tmp_path / "access.log"
    log.write_text("".join(line((f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", f"Agent{n}" + "x" * 2000), WHEN,
                                f"GET /s/{A}/ HTTP/1.1") for n in range(3000)), encoding="utf-8")
    reader, counter = rules()
    counter.feed(reader.entries(log))
    assert sum(counter.counts.scans.values()) == 3000
    assert len(counter._counted) <= 100 and len(counter._waiting) <= 100
    assert all(len(agent or b"") <= scan_rules.LONGEST_AGENT for _, agent, _ in counter._counted)


# --- a fuzz test over generated hostile lines -------------------------------------------------------

PIECES = st.sampled_from(["/s/", A, B, "%2F", "%2f..%2f", "..", ".", "//", "%", "%25", "%00", "?", "#", "\"",
                          "\\x22", " ", "=1+1", "@x", *ESCAPES, "\u00e9", "\ud7ff", "index.html"])
TARGETS = st.lists(PIECES | st.text(max_size=8), max_size=12).map("".join)
AGENTS = st.sampled_from([IPHONE, ANDROID, "Twitterbot/1.0", "-", "", *ESCAPES]) | st.text(max_size=30)
LINES = st.one_of(
    st.builds(lambda target, agent, status: line(V1, WHEN, f"GET {target} HTTP/1.1", status).replace(
        f'"{V1[1]}"', json.dumps(agent)), TARGETS, AGENTS, st.sampled_from([200, 304, 404, 301])),
    st.builds(lambda target, agent: caddy((V2[0], agent), 1792396800.0, "GET", target), TARGETS, AGENTS),
    st.builds(lambda depth: "[" * depth + "\n", st.integers(0, 5000)),
    st.text(max_size=200).map(lambda text: text + "\n"),
)


@pytest.fixture(scope="session")
def sample_posters() -> tuple[Campaign, dict[str, Poster]]:
    site = load_site(SAMPLE, Problems())
    assert site is not None
    return site.campaign, posters_by_code(site, plan_print(site))


@settings(derandomize=True, max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, max_size=30))
def test_hostile_lines_never_crash_and_never_reach_the_output(
        tmp_path: Path, sample_posters: tuple[Campaign, dict[str, Poster]], lines: list[str]) -> None:
    campaign, posters = sample_posters
    log = tmp_path / "access.log"
    log.write_text("".join(lines), encoding="utf-8", errors="surrogatepass")
    reader, counter = rules(tuple(posters))
    counter.feed(reader.entries(log))
    assert {code for code, _ in counter.counts.scans} <= {*posters, ""}, "the build's codes, or the one other row"
    assert counter.counts.requests >= sum(counter.counts.scans.values())
    report = ScanReport(campaign, posters, counter.counts, reader.reading, (log,), "Europe/Brussels", 0.0)
    text = summary(report, Words.of(PROJECT / "theme", "en"))
    assert not CONTROLS.search(text.replace("\n", ""))
    write_csv(report, tmp_path / "scans.csv")
    with (tmp_path / "scans.csv").open(encoding="utf-8", newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r")) or CONTROLS.search(cell)]
