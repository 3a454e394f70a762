"""Live reload: what only the preview server adds to the pages it serves, never to output/.

Every served HTML page gets a small script (static/live.js) and a style sheet for the problems
panel; its Content-Security-Policy is widened by one word, `connect-src 'self'`, so the script
may open the server's event stream. The published pages keep their policy as it is.

Each build the preview publishes (or fails) becomes an `Update`: the output files it changed, or
the problems that stopped it. Open pages reload when their own file changed, and show a failed
build's problems over the last good page until a build succeeds, pages opened meanwhile included.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

PREFIX = "/__preview/"
"""Addresses only the preview serves: the script, its style sheet, the events, the home and the viewer."""
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Update:
    number: int
    changed: tuple[str, ...]
    """Output files (relative, with /) that a published build added, changed or removed."""
    problems: tuple[str, ...]
    """What stopped a failed build; empty when it was published."""

    def event(self) -> bytes:
        data = json.dumps({"number": self.number, "changed": self.changed, "problems": self.problems})
        return f"event: update\ndata: {data}\n\n".encode()


class Channel:
    """The numbered updates; each open page's event stream waits for the next one."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.latest = Update(0, (), ())

    def publish(self, changed: tuple[str, ...], problems: tuple[str, ...] = ()) -> None:
        with self.condition:
            self.latest = Update(self.latest.number + 1, changed, problems)
            self.condition.notify_all()

    @property
    def start(self) -> int:
        """Where the event stream of a page served now starts: just before the latest update if that one failed,
        so that a page opened or reloaded while the build is broken is told at once that it is the last good
        version (its stream delivers that failure), like the pages that were open when it happened."""
        latest = self.latest
        return latest.number - 1 if latest.problems else latest.number

    def wait(self, after: int, seconds: float) -> Update | None:
        """The latest update if it is newer than `after`, waiting up to `seconds` for one."""
        with self.condition:
            self.condition.wait_for(lambda: self.latest.number > after, timeout=seconds)
            return self.latest if self.latest.number > after else None


def inject(html: str, build: int) -> str:
    """A page as the preview serves it: the live script and panel style added, the policy widened."""
    tags = (f'<link rel="stylesheet" href="{PREFIX}preview.css">'
            f'<script src="{PREFIX}live.js" data-build="{build}" defer></script>')
    for quote in ("'", "&#39;"):  # the policy as written in the page's meta tag, escaped or not
        html = html.replace(f"connect-src {quote}none{quote}", f"connect-src {quote}self{quote}", 1)
    return html.replace("</head>", tags + "</head>", 1) if "</head>" in html else tags + html


def snapshot(output: Path) -> dict[str, int]:
    """Every published file by inode: files the cache did not render again keep theirs."""
    files: dict[str, int] = {}
    for folder, _subfolders, names in os.walk(output):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(output).as_posix()] = path.stat().st_ino
    return files


def changed(before: dict[str, int], after: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name)))
