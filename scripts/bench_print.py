"""Benchmark the print stage: render N posters cold (no cache), then again warm; report posters/s
and peak memory. Usage: python scripts/bench_print.py [--posters 100]  (or `make bench-print`).

The synthetic campaign is the sample campaign with generated stations: five formats each
(A0, A1, A2, B1, abri), the sample's cards and the Belgian language sets in turn.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from campaign.content.load import load_site  # noqa: E402
from campaign.print.posters import PrintPlan, plan_print  # noqa: E402
from campaign.print.products import print_products  # noqa: E402
from campaign.problems import Problems  # noqa: E402
from campaign.publish.cache import Cache  # noqa: E402
from campaign.publish.staging import Stage  # noqa: E402

FORMATS = ["a0", "a1", "a2", "b1", "abri"]
LANGUAGES = [["nl"], ["fr"], ["fr", "nl"], ["de"]]
REGIONS = ["flanders", "wallonia", "brussels", "wallonia"]
CARDS = ["dream-job", "true-love", "easy-money", "place-to-stay"]


def synthetic_stations(posters: int) -> str:
    lines = ["stations:"]
    for i in range((posters + len(FORMATS) - 1) // len(FORMATS)):
        lines += [f"  - id: station-{i:03d}", f"    name: Station {i}", f"    city: City {i}",
                  f"    regions: [national, {REGIONS[i % 4]}]", f"    languages: [{', '.join(LANGUAGES[i % 4])}]",
                  f"    formats: [{', '.join(FORMATS)}]", f"    card: {CARDS[(i // 4) % 4]}"]
    return "\n".join(lines) + "\n"


def keep_profile(cache: Path) -> None:
    """The FOGRA39 profile is built once per machine, not per build: copy it into a cold cache."""
    for profile in sorted((PROJECT / ".cache").glob("**/print/fogra39-*"))[:1]:  # the sample's or the tests'
        (cache / "print").mkdir(parents=True, exist_ok=True)
        shutil.copy(profile, cache / "print")


def megabytes(kilobytes: int) -> float:
    return kilobytes / 1024


def cpu_seconds(who: int) -> float:
    """CPU time of this process (RUSAGE_SELF) or of every process it waited for (RUSAGE_CHILDREN: the workers and
    their pdftotext)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run(site, posters: PrintPlan, cache: Path) -> tuple[float, float, float]:
    """(seconds, CPU seconds of this process, CPU seconds of the workers): on a machine shared with other work,
    the CPU time says what the wall clock cannot."""
    stage = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    main_cpu, workers_cpu = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    printed = print_products(site, posters, Cache(cache / "print"), PROJECT / "theme")
    printed.place(Stage(stage))
    seconds = time.perf_counter() - started
    main_cpu = cpu_seconds(resource.RUSAGE_SELF) - main_cpu
    workers_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - workers_cpu
    shutil.rmtree(stage)
    if printed.problems:
        sys.exit("\n".join(problem.render() for problem in printed.problems))
    return seconds, main_cpu, workers_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posters", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-print-"))
    shutil.copytree(PROJECT / "content", work / "content")
    (work / "content" / "stations.yml").write_text(synthetic_stations(args.posters))
    problems = Problems()
    site = load_site(work / "content", problems, PROJECT / "campaign_assets")
    if site is None or problems.errors:
        sys.exit("\n".join(p.render() for p in problems.errors))
    plan = plan_print(site)
    posters = PrintPlan(tuple(job for job in plan.jobs if job.kind == "poster")[: args.posters])
    cache = work / "cache"
    keep_profile(cache)
    (cold, main_cpu, workers_cpu), (warm, _main, _workers) = run(site, posters, cache), run(site, posters, cache)
    cold_cpu = main_cpu + workers_cpu
    parent = megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    worker = megabytes(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    count = len(posters.jobs)
    print(f"posters: {count} ({len(site.stations)} stations x {len(FORMATS)} formats), 2 worker processes")
    print(f"cold: {cold:.1f} s = {count / cold:.2f} posters/s (layout, fitting, PDF/X finishing, preview, "
          f"QR decode, preflight)")
    print(f"cold CPU: {cold_cpu:.1f} s = {count / cold_cpu:.2f} posters per CPU second, {2 * count / cold_cpu:.1f} "
          f"posters/s on 2 idle cores (load now {os.getloadavg()[0]:.1f})")
    print(f"  of which the workers {workers_cpu:.1f} s ({1000 * workers_cpu / count:.0f} ms a poster, and the contact "
          f"sheet), the main process {main_cpu:.1f} s (planning, cache keys, manifests)")
    print(f"warm (nothing changed): {warm:.2f} s = {count / warm:.0f} posters/s")
    print(f"peak memory: main process {parent:.0f} MB, largest worker {worker:.0f} MB")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
