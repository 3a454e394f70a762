"""The process pools that render languages and print products on both cores.

A stopped build must stop its workers too: the pool terminates them when the build ends for
any reason, they leave Ctrl+C to the main process, and on Linux the kernel kills them if the
main process itself is killed (SIGKILL leaves no orphan writing on).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import signal
from multiprocessing.pool import Pool

CORES = 2
"""The machines this runs on have two cores; more processes only add start-up cost."""
PR_SET_PDEATHSIG = 1


def start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: an orphaned worker finishes its task and exits


def pool(jobs: int) -> Pool:
    """Use as `with pool(n) as p: p.map(...)`; leaving the block terminates the workers."""
    # fork: workers inherit the modules already imported, so each starts in milliseconds
    return multiprocessing.get_context("fork").Pool(min(CORES, jobs), initializer=start_worker)


def warm_pool() -> Pool:
    """Workers kept for many builds (the preview): they inherit what the caller has loaded already, e.g.
    WeasyPrint and its fonts. Create it before starting any thread; the caller closes it."""
    return multiprocessing.get_context("fork").Pool(CORES, initializer=start_worker)
