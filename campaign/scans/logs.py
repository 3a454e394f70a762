"""Reading access logs: nginx/Apache "combined" (or "common") lines and Caddy's JSON lines, plain or gzip.

A log has millions of lines, so an entry is a plain tuple of the raw bytes the rules need, and a
combined line's time is converted only when a rule asks for it. A line that cannot be read is
counted with its place (file and line number, never its text: it may hold an address).
"""
from __future__ import annotations

import functools
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

Entry = tuple[bytes, "bytes | float", "bytes | None", "bytes | None", bytes, "bytes | None"]
"""(address, time, method, target, status, user agent). The time is the combined format's text
(`23/Oct/2026:10:00:00 +0200`) or Caddy's seconds since 1970; method and target are None for a
request line that is not `METHOD TARGET PROTOCOL`; the user agent is None in the "common" format."""

QUOTED = rb'[^"\\]*+(?:\\.[^"\\]*+)*+'
"""The inside of a quoted field, where Apache escapes a quote as \\" (nginx writes \\x22). Possessive (`*+`):
nothing to try again on a line that does not match, which makes the pattern a third faster."""
COMBINED = re.compile(
    rb'(\S++) \S++ \S++ '                                                   # address, identity, user
    rb'\[(\d\d/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}:'
    rb'[0-2]\d:[0-5]\d:[0-6]\d [+-][01]\d[0-5]\d)\] '                    # time
    rb'"(?:(\S++) (\S++)(?: ' + QUOTED + rb')?|' + QUOTED + rb')" '         # request: method, target, protocol
    rb'(\d{3}) \S++'                                                      # status, size
    rb'(?: "' + QUOTED + rb'" "(' + QUOTED + rb')")?')                      # referrer, user agent
"""nginx and Apache "combined"; without the last two fields, "common". Extra fields after them are ignored."""

MONTHS = {name: number for number, name in enumerate(
    (b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"), 1)}
GZIP_MAGIC = b"\x1f\x8b"
LONGEST_LINE = 64 * 1024
"""Bytes: a longer line is not a log line (nginx refuses request headers over 8 KB by default)."""
LONGEST_GAP = 1_000_000
"""Lines in a row that are not requests (blank or unreadable) after which a file is not taken for a log."""
GZIP_RATIO = 100
"""Access logs shrink 10 to 30 times in gzip: one that unpacks to over 100 times its size is a "gzip bomb"."""
EXAMPLES_KEPT = 5
"""Places of malformed lines shown to the reader: enough to find the problem, not a flood."""


class LogError(Exception):
    """A log file that cannot be read at all: missing, unreadable, or a broken gzip file."""


@dataclass
class Reading:
    """What reading the logs found besides the entries: lines read and the lines that could not be read."""

    lines: int = 0
    malformed: int = 0
    places: list[tuple[Path, int]] = field(default_factory=list)
    """The first few malformed lines as (file, line number)."""

    def bad_line(self, path: Path, number: int) -> None:
        self.malformed += 1
        if len(self.places) < EXAMPLES_KEPT:
            self.places.append((path, number))


def check_readable(path: Path) -> str | None:
    """Why a log cannot be read, in one line, or None."""
    try:
        with open_log(path) as file:
            file.read(1)
    except LogError as exc:
        return str(exc)
    return None


@contextmanager
def open_log(path: Path) -> Iterator[BinaryIO]:
    """The log's bytes, decompressed when it is gzip (rotated logs: access.log.2.gz), whatever its name. Only a
    regular file is read: a FIFO would wait for a writer for ever, /dev/zero never ends (opened without waiting,
    then checked, so that a symlink cannot swap one in between)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise LogError(f"{path}: no such file: give the access logs' paths (e.g. /var/log/nginx/access.log*)") from None
    except IsADirectoryError:
        raise LogError(f"{path}: is a folder: give the log files in it (e.g. {path}/access.log*)") from None
    except OSError as exc:
        raise LogError(f"{path}: cannot be read ({exc.strerror or exc}): check the file's permissions") from None
    with os.fdopen(descriptor, "rb") as raw:
        kind = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(kind):
            raise LogError(f"{path}: is a folder: give the log files in it (e.g. {path}/access.log*)")
        if not stat.S_ISREG(kind):
            raise LogError(f"{path}: is not a regular file (a pipe, device or socket): give the log files themselves")
        if raw.read(2) != GZIP_MAGIC:
            raw.seek(0)
            yield raw
            return
        raw.seek(0)
        with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
            yield unpacked  # type: ignore[misc]


class LogReader:
    """Reads log files into entries, keeping count of lines and malformed ones. One per run: its cache of
    days already checked is small and belongs to the run."""

    def __init__(self, progress: Callable[[Path, int], None] | None = None) -> None:
        self.reading = Reading()
        self.progress = progress
        self._midnights: dict[bytes, int] = {}
        """`23/Oct/2026` → 00:00 UTC that day, in seconds since 1970; only real dates get in."""

    def entries(self, path: Path) -> Iterator[Entry]:
        """Every readable request in the file, in file order. One loop, no call per line: it runs millions of times.
        Lines are read at most LONGEST_LINE bytes at a time, so that no input can fill the memory."""
        match, midnights, reading, progress = COMBINED.match, self._midnights, self.reading, self.progress
        number = last = 0
        try:
            with open_log(path) as file:
                limit = growth_limit(file)
                for number, line in enumerate(iter(functools.partial(file.readline, LONGEST_LINE), b""), 1):
                    if not number & 0x3FFFF:
                        if progress is not None:
                            progress(path, reading.lines + number)
                        check_growth(file, limit, path)
                    if line[-1] != 10 and len(line) == LONGEST_LINE:  # 10: b"\n"; no newline at LONGEST_LINE
                        reading.bad_line(path, number)
                        skip_rest_of_line(file, limit, path)
                        continue
                    found = match(line)
                    if found is not None and (found[2][:11] in midnights or self._real_day(found[2][:11])):
                        last = number
                        yield found.groups()  # type: ignore[misc]
                        continue
                    if line[:1] == b"{":
                        entry = caddy_entry(line)
                        if entry is not None:
                            last = number
                            yield entry
                            continue
                        reading.bad_line(path, number)
                    elif line.strip():
                        reading.bad_line(path, number)
                    if number - last > LONGEST_GAP:
                        raise LogError(f"{path}: no access-log line in lines {last + 1:,} to {number:,}: "
                                       "is it an access log (nginx/Apache combined or Caddy JSON)?")
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise LogError(f"{path}: is not a complete gzip file ({exc}): was it still being written?") from exc
        except OSError as exc:
            raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
        finally:
            reading.lines += number

    def _real_day(self, day: bytes) -> bool:
        """True for a date that exists (the pattern lets 31/Feb through); remembered for the next lines."""
        try:
            moment = datetime(int(day[7:11]), MONTHS[day[3:6]], int(day[:2]), tzinfo=timezone.utc)
        except ValueError:
            return False
        self._midnights[day] = int(moment.timestamp())
        return True

    def epoch(self, time: bytes | float) -> float:
        """Seconds since 1970 of an entry's time: `23/Oct/2026:10:00:00 +0200` → 1792742400."""
        if isinstance(time, float):
            return time
        offset = (int(time[22:24]) * 3600 + int(time[24:26]) * 60) * (-1 if time[21:22] == b"-" else 1)
        return self._midnights[time[:11]] + int(time[12:14]) * 3600 + int(time[15:17]) * 60 + int(time[18:20]) - offset

    def first_time(self, path: Path) -> float | None:
        """The time of the file's first readable request: logs are read oldest first, whatever the order given."""
        probe = LogReader()
        try:
            for entry in probe.entries(path):
                return probe.epoch(entry[1])
        except LogError:
            return None  # reported when the file is read for real
        return None


def growth_limit(file: BinaryIO) -> int | None:
    """How many bytes a gzip file may unpack to (None: a plain file, which cannot grow)."""
    if not isinstance(file, gzip.GzipFile):
        return None
    return GZIP_RATIO * os.fstat(file.fileobj.fileno()).st_size + 64 * 1024 * 1024  # type: ignore[union-attr]


def check_growth(file: BinaryIO, limit: int | None, path: Path) -> None:
    if limit is not None and file.tell() > limit:
        raise LogError(f"{path}: unpacks to more than {GZIP_RATIO} times its size, which no access log does: "
                       "left unread (a damaged or hostile file?)")


def skip_rest_of_line(file: BinaryIO, limit: int | None, path: Path) -> None:
    """Read past the end of an overlong line, a piece at a time."""
    while True:
        piece = file.readline(LONGEST_LINE)
        check_growth(file, limit, path)
        if not piece or piece[-1:] == b"\n":
            return


def caddy_entry(line: bytes) -> Entry | None:
    """An entry from one of Caddy's JSON access-log lines, or None when the line is not one."""
    try:
        record = json.loads(line)
        request = record["request"]
        address = request.get("client_ip") or request.get("remote_ip") or request["remote_addr"].rpartition(":")[0]
        agents = (request.get("headers") or {}).get("User-Agent") or [""]
        status = record["status"]
        when = caddy_time(record["ts"])
        if when is None or not isinstance(status, int) or isinstance(status, bool):
            return None
        return (address.encode(), when, request["method"].encode(), request["uri"].encode(), str(status).encode(),
                str(agents[0]).encode())
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None  # RecursionError: nested deeper than the JSON reader goes; no log line is


def caddy_time(value: object) -> float | None:
    """Caddy writes seconds since 1970 by default, or an ISO 8601 text with `time_format iso8601`/`rfc3339`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment.timestamp() if moment.tzinfo else None
    return None
