"""Benchmark the whole build against Hugo on the same Markdown.

    python scripts/bench.py [--pages 500] [--posters 100] [--runs 3] [--site-only]     (or `make bench`)

Generates a synthetic campaign: the sample's campaign, cards and services, plus PAGES content
pages of ~500 words in each of its 4 languages, and stations for POSTERS posters. Measures,
as the median of RUNS runs of the real command line:
- the website: cold (no output, no cache), no-op rebuild, and rebuild after editing one page;
- the posters: a cold build of everything, reported as posters/s (not with --site-only);
- peak memory of each build.
Where Debian's `hugo` is installed, the same Markdown is built as a Hugo multilingual site in
the same run, run for run in turn with ours, and each measure is printed with our time / Hugo's time.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from bench_print import keep_profile, synthetic_stations  # noqa: E402

LANGUAGES = ("nl", "fr", "de", "en")
WORDS = {
    "nl": "hulp je bent niet alleen praat met iemand die je vertrouwt een belofte kan een val zijn vraag raad".split(),
    "fr": "aide tu n'es pas seule parle à quelqu'un de confiance une promesse peut être un piège demande conseil".split(),
    "de": "Hilfe du bist nicht allein sprich mit jemandem dem du vertraust ein Versprechen kann eine Falle sein".split(),
    "en": "help you are not alone talk to someone you trust a promise can be a trap ask for advice".split(),
}


def page_text(lang: str, number: int, words: int = 500) -> str:
    rng = random.Random(f"{lang}-{number}")
    vocabulary = WORDS[lang]
    paragraphs = []
    for _ in range(words // 100):
        sentences = [" ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() + "." for _ in range(10)]
        paragraphs.append(" ".join(sentences))
    return f"## {lang.upper()} {number}\n\n" + "\n\n".join(paragraphs) + "\n"


def make_campaign(root: Path, pages: int, posters: int) -> None:
    content = root / "content"
    shutil.copytree(PROJECT / "content", content)
    (content / "stations.yml").write_text(synthetic_stations(posters) if posters else "stations: []\n")
    hugo = root / "hugo"
    for lang in LANGUAGES:
        (hugo / "content" / lang).mkdir(parents=True)
        for number in range(pages):
            body = page_text(lang, number)
            front = f"title: Page {number} ({lang})\norder: {200 + number}\nupdated: 2026-09-01\n"
            (content / "pages" / f"p{number:04d}.{lang}.md").write_text(f"---\n{front}---\n\n{body}")
            (hugo / "content" / lang / f"p{number:04d}.md").write_text(f"---\n{front}---\n\n{body}")
    write_hugo_site(hugo)


def write_hugo_site(hugo: Path) -> None:
    """A minimal Hugo multilingual site over the same Markdown, with comparable templates."""
    languages = "\n".join(f'[languages.{lang}]\ncontentDir = "content/{lang}"\nweight = {i + 1}\n'
                          for i, lang in enumerate(LANGUAGES))
    (hugo / "hugo.toml").write_text(f'baseURL = "https://blind-betting.example/"\ndefaultContentLanguage = "nl"\n'
                                    f'defaultContentLanguageInSubdir = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                                    f'{languages}')
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    head = ('<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">'
            '{{ end }}</head><body><nav>{{ range .Site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
            '{{ end }}</nav>')
    (layouts / "single.html").write_text(head + "<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>")
    (layouts / "list.html").write_text(head + "<main><h1>{{ .Title }}</h1></main></body></html>")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak memory in MB) of one command, its child processes included."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


Run = tuple[list[str], Callable[[], None]]
"""A command, and what to do before each run of it."""


def side_by_side(runs: int, cwd: Path, tools: dict[str, Run]) -> dict[str, tuple[float, float]]:
    """Each tool's median seconds (and peak MB) over `runs`, the tools taking turns run by run: on a shared
    machine the load changes from minute to minute, and this way both sides meet the same."""
    results: dict[str, list[tuple[float, float]]] = {tool: [] for tool in tools}
    for _ in range(runs):
        for tool, (command, before) in tools.items():
            before()
            results[tool].append(timed(command, cwd))
    return {tool: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for tool, rs in results.items()}


def edit(path: Path) -> None:
    path.write_text(path.read_text().replace("##", "## edited", 1) if "edited" not in path.read_text()
                    else path.read_text().replace("## edited", "##", 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--posters", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site-only", action="store_true", help="measure the website only, not the print products")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-"))
    make_campaign(root, args.pages, args.posters)
    ours = [sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "output", "--cache", "cache"]
    site_only = [*ours, "--site-only"]
    def cold() -> None:
        shutil.rmtree(root / "output", ignore_errors=True)
        shutil.rmtree(root / "cache", ignore_errors=True)
        keep_profile(root / "cache")

    edited = root / "content" / "pages" / "p0007.nl.md"
    hugo = shutil.which("hugo")
    hugo_command = [hugo, "--quiet", "-s", str(root / "hugo"), "-d", str(root / "hugo-out")] if hugo else []
    measures = {
        "cold": ((site_only, cold), (hugo_command, lambda: shutil.rmtree(root / "hugo-out", ignore_errors=True))),
        "no-op": ((site_only, lambda: None), (hugo_command, lambda: None)),
        "one-file edit": ((site_only, lambda: edit(edited)),
                          (hugo_command, lambda: edit(root / "hugo" / "content" / "nl" / "p0007.md"))),
    }
    results, hugo_results = {}, {}
    for measure, (ours_run, hugo_run) in measures.items():
        both = side_by_side(args.runs, root, {"ours": ours_run, **({"hugo": hugo_run} if hugo else {})})
        results[measure] = both["ours"]
        if hugo:
            hugo_results[measure] = both["hugo"]
    posters = args.posters
    pages = len(list((root / "output").rglob("*.html")))
    print(f"synthetic campaign: {args.pages} pages x {len(LANGUAGES)} languages of ~500 words "
          f"({pages} HTML pages in all), {posters} posters; median of {args.runs} runs; 2 cores")
    for measure, (seconds, memory) in results.items():
        line = f"  site {measure:14} {seconds:6.2f} s  {pages / seconds:7.0f} pages/s  peak {memory:4.0f} MB"
        if measure in hugo_results:
            hugo_seconds = hugo_results[measure][0]
            line += f"   Hugo {hugo_seconds:5.2f} s   ours/Hugo {seconds / hugo_seconds:4.2f}"
        print(line)
    if not hugo:
        print("  (Hugo not installed: `apt-get install hugo` to compare)")
    if args.site_only:
        shutil.rmtree(root)
        return
    cold()
    everything = timed(ours, root)
    products = len(list((root / "output" / "print").rglob("*.pdf"))) + len(list((root / "output").rglob("og/*.png"))) \
        + len(list((root / "output" / "print" / "screens").glob("*.png"))) - 1  # the contact sheet is no product
    printing = everything[0] - results["cold"][0]
    print(f"  everything cold (site + {posters} posters + cards, screens, images): {everything[0]:.1f} s, "
          f"peak {everything[1]:.0f} MB")
    print(f"  print: {products} products in ~{printing:.1f} s beyond the site = {products / printing:.1f} products/s")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
