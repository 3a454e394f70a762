"""The process pools that render languages and print products on both cores.

Work can also be superseded without stopping anyone: the preview's print products for a save that a newer
save has replaced stop at their next check (`Turn`), and the warm workers take the next job.

A stopped build must stop its workers too: the pool terminates them when the build ends for
any reason, they leave Ctrl+C to the main process, and on Linux the kernel kills them if the
main process itself is killed (SIGKILL leaves no orphan writing on).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CORES = 2
"""The machines this runs on have two cores; more processes only add start-up cost."""
PR_SET_PDEATHSIG = 1


def start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the preview stops on SIGTERM as on Ctrl+C; a worker just ends
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: an orphaned worker finishes its task and exits


def pool(jobs: int) -> Pool:
    """Use as `with pool(n) as p: p.map(...)`; leaving the block terminates the workers."""
    # fork: workers inherit the modules already imported, so each starts in milliseconds
    return multiprocessing.get_context("fork").Pool(min(CORES, jobs), initializer=start_worker)


def in_worker(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` in a worker process of its own, for work that must not run in the caller's process (a Typst
    compile: a process that has compiled with Typst forks workers that hang)."""
    with pool(1) as worker:
        return worker.apply(function, args)


BACKGROUND_NICENESS = 10
"""How far the preview's print workers stand back: on two cores, the page of the next save comes first."""


def start_background_worker() -> None:
    start_worker()
    os.nice(BACKGROUND_NICENESS)


def warm_pool() -> Pool:
    """Workers kept for many builds (the preview): they inherit what the caller has loaded already (the print
    code), keep their Typst compilers with their fonts loaded between builds, and run at a lower priority than the
    pages. Create it before starting any thread; the caller closes it."""
    return multiprocessing.get_context("fork").Pool(CORES, initializer=start_background_worker)


class Superseded(Exception):
    """The work was for a request that a newer one replaced: stopped, nothing published."""


@dataclass(frozen=True)
class Turn:
    """One request among a series (the preview's saves), readable from every worker process: the series keeps
    the latest request's number in a small file, so work for an older number can tell it is no longer wanted.
    (A file, not a shared Event: a pool's task arguments cannot carry one, and workers forked before the
    series began could not inherit it.)"""

    file: Path
    number: int

    def superseded(self) -> bool:
        try:
            return self.file.read_text() != str(self.number)
        except OSError:
            return True  # the series has ended: nobody waits for this work any more

    def check(self) -> None:
        """Raise Superseded when a newer request came; call it between steps of long work."""
        if self.superseded():
            raise Superseded()


class Turns:
    """The series of requests: each `next()` supersedes the ones before it. Close it when done."""

    def __init__(self) -> None:
        handle, name = tempfile.mkstemp(prefix="campaign-turn-")
        os.close(handle)
        self.file = Path(name)
        self.number = 0

    def next(self) -> Turn:
        self.number += 1
        fresh = self.file.with_name(self.file.name + ".new")
        fresh.write_text(str(self.number))
        os.replace(fresh, self.file)  # readers see the old number or the new one, never half of it
        return Turn(self.file, self.number)

    def close(self) -> None:
        self.file.unlink(missing_ok=True)
