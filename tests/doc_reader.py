"""Someone following the docs: runs every `build.py` command they show in a scratch home, as a reader would after
`build.py new`, and says which ones do not end as the docs imply. Used by tests/test_docs.py."""
from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from campaign.cli import main
from campaign.new import QUESTIONS
from docs import Shown
from support import PROJECT, free_port

ANSWERS = {"--name": "Open eyes", "--country": "FR", "--languages": "", "--base-url": "https://open-eyes.example.fr/",
           "--quick-exit": "https://meteofrance.com/"}
"""What the reader types when `build.py new` asks (an empty answer takes the default it offers)."""
SAMPLE_SLUG = "blind-betting"
"""The sample's name in the file names the docs show (blind-betting.ro.xlf): the scratch campaign's own there."""
SERVE_SECONDS = 60


@dataclass
class Ended:
    code: int
    said: str


class Terminal(io.StringIO):
    """The answers typed on a terminal: `new` asks only when stdin is one."""

    def isatty(self) -> bool:
        return True


def in_process(args: list[str], cwd: Path, typed: str | None = None) -> Ended:
    """The command line run here, in `cwd`, its exit code whatever way it ends (argparse's --help exits), with
    `typed` on a terminal if given. (support.run cannot: its output is lost when the command raises SystemExit.)"""
    said = io.StringIO()
    stdin = Terminal(typed) if typed is not None else io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(said), contextlib.redirect_stderr(said), \
            mock.patch.object(sys, "stdin", stdin):
        try:
            code = main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Ended(code, said.getvalue())


def served(args: list[str], cwd: Path) -> Ended:
    """`serve` started as the reader starts it, on a free loopback port, until it answers its home page; then
    stopped as Ctrl+C (SIGTERM) stops it."""
    if "--port" not in args:
        args = [*args, "--port", str(free_port())]
    port = int(args[args.index("--port") + 1])
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), *args], cwd=cwd, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        up = answers(f"http://127.0.0.1:{port}/", server)
    finally:
        server.terminate()
        said = server.communicate(timeout=30)[0]
    return Ended(server.returncode if up else -1, said if up else said + "\n(the preview never answered)")


def answers(url: str, server: subprocess.Popen[str]) -> bool:
    deadline = time.monotonic() + SERVE_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status == 200
        except OSError:
            time.sleep(0.2)
    return False


@dataclass
class Reader:
    """A reader with a home of their own (`~`) and the shared print cache. Commands shown without a `cd` run in
    the campaign the docs walk through (the first folder a `cd` goes to, else the first `new` made, else
    `walked` as given)."""

    home: Path
    cache: Path
    walked: Path | None = None
    ended: dict[tuple[tuple[str, ...], Path], Ended] = field(default_factory=dict)

    def follow(self, shown: list[Shown]) -> list[str]:
        """Every command run once, in doc order but `new` first (the others need a campaign); what went wrong."""
        (self.home / "campaigns").mkdir(parents=True, exist_ok=True)
        news = [s for s in shown if s.args[:1] == ("new",)]
        failures = [self.judged(s, self.run(s, self.home)) for s in news]
        folders = [self.path(s.cd) for s in shown if s.cd] + [self.path(s.args[1]) for s in news if len(s.args) > 1]
        self.walked = next((f for f in folders if (f / "content").is_dir()), self.walked)
        for s in shown:
            if s in news:
                continue
            cwd = self.path(s.cd) if s.cd else self.walked
            failures.append(self.judged(s, self.run(s, cwd)) if cwd else
                            f"{s.where(PROJECT)}: `{s}`: no campaign to run it in (no `build.py new` worked)")
        return [failure for failure in failures if failure]

    def judged(self, shown: Shown, ended: Ended) -> str | None:
        if ended.code == shown.exit and "Traceback" not in ended.said:
            return None
        tail = "\n    ".join(ended.said.strip().splitlines()[-6:])
        return f"{shown.where(PROJECT)}: `{shown}` exited {ended.code}, the docs imply {shown.exit}:\n    {tail}"

    def run(self, shown: Shown, cwd: Path) -> Ended:
        args = [*self.placed(shown.args, cwd), "--cache", str(self.cache)]
        key = (tuple(args), cwd)
        if key not in self.ended:
            if args[:1] == ["serve"]:
                self.ended[key] = served(args, cwd)
            elif args[:1] == ["new"]:
                typed = [ANSWERS[q.option] for q in QUESTIONS if q.option not in args]
                self.ended[key] = in_process(args, cwd, "\n".join([*typed, ""]) + "\n" if typed else None)
            else:
                self.ended[key] = in_process(args, cwd)
        return self.ended[key]

    def path(self, shown: str) -> Path:
        return self.home / shown[2:] if shown.startswith("~/") else Path(shown)

    def placed(self, args: tuple[str, ...], cwd: Path) -> list[str]:
        """The arguments with the docs' placeholders made real: `~`, the sample's file names, the access logs
        (a small real one), the tool's own folders (`--content tests/campaigns/gare-du-nord`), and a language to
        translate into added to the campaign, as the docs say to do first."""
        placed = [str(self.path(arg)) if arg.startswith("~/") else str(PROJECT / arg) if tool_file(arg, cwd) else arg
                  for arg in args]
        campaign = cwd / "content" / "campaign.yml"
        if not campaign.is_file():
            return placed
        slug = re.search(r"^slug:\s*(\S+)", campaign.read_text(encoding="utf-8"), re.M)
        placed = [arg.replace(SAMPLE_SLUG, slug[1]) if slug else arg for arg in placed]
        if placed[:1] == ["scans"]:
            placed = [str(access_log(cwd)) if "log" in Path(a).name and not Path(a).exists() else a for a in placed]
        if placed[:1] == ["translations"] and placed[1:2] in (["export"], ["import"]):
            named = re.search(r"--language (\S+)|\.([\w-]+)\.(?:xlf|po)\b", " ".join(placed))
            if named:
                add_language(campaign, named[1] or named[2])
        return placed


def tool_file(arg: str, cwd: Path) -> bool:
    """A relative path the docs give from the tool's folder (where the everyday commands run), not the campaign's."""
    return "/" in arg and not arg.startswith(("-", "/", "~")) and not (cwd / arg).exists() and (PROJECT / arg).exists()


def access_log(root: Path) -> Path:
    """A small access log of the campaign: a scan of its first poster (if built), a page, a bot."""
    manifest = root / "output" / "print" / "manifest.csv"
    codes = re.findall(r"/s/(\w+)/", manifest.read_text(encoding="utf-8")) if manifest.is_file() else []
    code = codes[0] if codes else "zzzzz"
    log = root / "access.log"
    log.write_text(
        f'203.0.113.0 - - [19/Oct/2026:10:00:00 +0200] "GET /s/{code}/ HTTP/2.0" 200 - "-" "Mozilla/5.0 (-)"\n'
        '203.0.113.0 - - [19/Oct/2026:10:00:00 +0200] "GET /fr/help/ HTTP/2.0" 200 - "-" "-"\n'
        f'198.51.100.0 - - [19/Oct/2026:11:00:00 +0200] "GET /s/{code}/ HTTP/2.0" 200 - "-" "Googlebot/2.1"\n',
        encoding="utf-8")
    return log


def add_language(campaign: Path, language: str) -> None:
    """`languages: [..]` with `language` added, as the docs ask before translating into a new one."""
    text = campaign.read_text(encoding="utf-8")
    found = re.search(r"^languages:\s*\[([^\]]*)\]", text, re.M)
    if found and language not in [code.strip() for code in found[1].split(",")]:
        campaign.write_text(text[:found.end(1)] + f", {language}" + text[found.end(1):], encoding="utf-8")
