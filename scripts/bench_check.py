"""Benchmark `build.py check` on the sample campaign: with an empty cache, then with nothing changed.

    python scripts/bench_check.py [--runs 3]    (also part of `make bench`)

Each run is a new process, as the comms team starts it: Python's start and imports included. The empty cache
keeps the FOGRA39 profile (built once per machine, ~4 s, as scripts/bench_print.py does). Wall and CPU time are
both shown, CPU of the process and its workers: on a machine shared with other work the wall clock says little.
Targets (issue 28): 5 s with an empty cache, 1 s when nothing changed.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from bench_print import keep_profile  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check(work: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `build.py check` of the copy in `work`."""
    started, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "check", "--content", str(work / "content"),
                             "--cache", str(work / "cache")], cwd=work, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(result.stderr)
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-check-"))
    shutil.copytree(PROJECT / "content", work / "content")
    cold, warm = [], []
    for _ in range(args.runs):
        shutil.rmtree(work / "cache", ignore_errors=True)
        (work / "cache").mkdir()
        keep_profile(work / "cache")
        cold.append(check(work))
        warm.append(check(work))
    shutil.rmtree(work)
    for name, runs, target in (("empty cache", cold, 5.0), ("nothing changed", warm, 1.0)):
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"build.py check, {name}: {wall:.2f} s (median of {len(runs)}; CPU {cpu:.2f} s, process and workers; "
              f"target {target:g} s)")
    print(f"load now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
