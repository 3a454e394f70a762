"""What a save sets off in the preview: the pages at once, the print products behind them.

The watcher's thread builds and publishes the pages of every save straight away (only what the save changed is
rendered, a fraction of a second) and never waits for print. The print products are made by a thread of their
own, for the latest save only, from the content its pages were made of, once they are out; the print workers
run at a lower priority, so the next save's pages come first. Each save starts a new `Turn`: print work for an
older one stops at its next step, in the warm workers too, which then take the new save's products. So while
someone types, pages keep up and posters follow once the saving stops, published as soon as they are made; then
the other products (cards, screens, sharing images) with the contact sheet of them all. Every part published is
whole: its manifest lists what the output holds.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from multiprocessing.pool import Pool
from pathlib import Path

from . import parts
from ..options import Options
from ..pipeline import Built
from ..problems import BuildFailed, Problems, label, report
from ..publish.guard import MARKER
from ..workers import Superseded, Turn, Turns
from .live import Channel, changed, snapshot

PRINT_FOLDERS = ("print", "og")
"""What the print part publishes; the pages part publishes everything else."""
PRINT_PARTS = ("posters", "print")
"""The posters, then the other print products (and the contact sheet of them all)."""


@dataclass
class Builds:
    """The last build the preview shows, its problems, and the channel that tells open pages."""

    options: Options
    warm: Pool | None = None
    """Print workers kept between saves, their Typst compilers and fonts loaded (None with --site-only)."""
    channel: Channel = field(default_factory=Channel)
    built: Built | None = None
    problems: tuple[str, ...] = ()
    failed: bool = False
    turns: Turns = field(default_factory=Turns)
    shown: threading.Lock = field(default_factory=threading.Lock)
    """Held to change what is shown (the fields above and the channel), and to start a turn."""
    wanted: tuple[Turn, Built] | None = None
    """The save whose print products are still to be made, with its pages part (whose content they show)."""
    waiting: threading.Condition = field(default_factory=threading.Condition)
    said: set[str] = field(default_factory=set)
    """Warnings already said in the terminal this session: every save would repeat them (draft catalogs…)."""
    products: dict[str, str] = field(default_factory=dict)
    """The cache key of each print product published: those the posters of a save do not wait for."""

    @property
    def prefix(self) -> str:
        built = self.built
        return built.site.campaign.url_prefix if built else ""

    def first(self) -> bool:
        """The build the preview starts with, pages and print at once; False when it failed."""
        with self.shown:
            turn = self.turns.next()
        return self.publish("all" if not self.options.site_only else "pages", turn) is not None

    def saved(self) -> None:
        """A save (or a burst of them): any print work under way is superseded; the pages are published now,
        then the print products are asked for, from the content the pages were made of."""
        with self.shown:
            turn = self.turns.next()
        pages = self.publish("pages", turn)
        if pages is not None and self.warm is not None:
            with self.waiting:
                self.wanted = turn, pages
                self.waiting.notify()

    def printing(self) -> None:
        """The print thread: the products of the latest save that asked for them, one save at a time."""
        while True:
            with self.waiting:
                self.waiting.wait_for(lambda: self.wanted is not None)
                wanted, self.wanted = self.wanted, None
            if wanted is not None and not wanted[0].superseded():
                made = self.publish("posters", *wanted)
                if made is not None and later(made) and not wanted[0].superseded():
                    self.publish("print", *wanted)  # the products the posters did not wait for

    def start_printing(self) -> None:
        if self.warm is not None:
            threading.Thread(target=self.printing, name="print", daemon=True).start()

    def close(self) -> None:
        self.turns.close()  # print work under way stops at its next check

    def publish(self, part: str, turn: Turn, pages: Built | None = None) -> Built | None:
        """Build and publish one part (the print part from the content its `pages` part loaded, whose problems
        stay shown); say what changed (or what stopped it) to the terminal and the open pages. None when nothing
        was published.
        Print work a newer save supersedes ends without a word: that save's print part follows."""
        output = self.options.output.resolve()
        before = snapshot(output) if output.is_dir() else {}
        if part in PRINT_PARTS and (not before or pages is None):
            part = "all"  # nothing published yet to keep the pages of (or no pages part whose content to show)
        printing = part in PRINT_PARTS
        try:
            built = self.made(part, turn, pages)
        except Superseded:
            return None
        except BuildFailed as exc:
            with self.shown:
                if turn.superseded():
                    return None  # a newer save is being built: its outcome is the one to show
                report(exc.problems, said=self.said)
                print("The preview still shows the last good build. Fix the problems above and save again.")
                self.problems, self.failed = rendered(exc.problems), True
                self.channel.publish((), self.problems or ("The build stopped.",))
            return None
        files = changed(before, snapshot(output))
        with self.shown:
            if turn.superseded() and printing:
                return None  # what a newer save's pages show is the news; its own print part follows
            report(built.problems, said=self.said)
            what = {"all": "Built the pages and print products", "pages": "Rebuilt the pages",
                    "posters": "Rebuilt the posters" if later(built) else "Rebuilt the print products",
                    "print": "Rebuilt the other print products"}[part]
            print(f"{what} in {built.seconds:.2f} s.")
            self.built, self.problems, self.failed = built, rendered(built.problems), False
            if built.printed is not None and built.printed.keys:
                self.products = built.printed.keys
            self.channel.publish(tuple(name for name in files if name != MARKER and ours(name, part)))
        return built

    def made(self, part: str, turn: Turn, pages: Built | None) -> Built:
        """One part, composed of the pipeline's steps (parts.py); a print part shows its pages part's problems too."""
        if part == "pages":
            return parts.pages(self.options)
        if part == "all" or pages is None:
            return parts.everything(self.options, self.warm)
        built = parts.printed(self.options, pages.site, self.warm, turn,
                              shown=self.products if part == "posters" else None)
        return replace(built, problems=pages.problems.joined(built.problems))


def later(built: Built) -> tuple[str, ...]:
    """The print products a posters part left as published, for the next print part."""
    return built.printed.later if built.printed is not None else ()


def ours(name: str, part: str) -> bool:
    """Whether a changed output file was published by this part: the other part's files are carried as they
    are, and anything else that changed meanwhile was told by the part that published it."""
    in_print = name.split("/", 1)[0] in PRINT_FOLDERS
    return part == "all" or in_print == (part in PRINT_PARTS)


def rendered(problems: Problems) -> tuple[str, ...]:
    root = Path.cwd()
    return tuple(f"{label(p, problems.strict)}: {p.render(root)}" for p in [*problems.errors, *problems.warnings])
