"""`python build.py` — the comms team's one command. Parse → run → report, exit 1 on problems."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import BuildFailed, Problems, report, strict_reason
from .progress import StatusLine

if TYPE_CHECKING:
    from .options import Options

DESCRIPTION = """\
Build the campaign website from the Markdown and YAML in the content folder.

  python build.py            build everything into the output folder
  python build.py serve      build, then preview on http://127.0.0.1:8000 and rebuild on every change
  python build.py check      check the content and show which translations are missing or out of date
  python build.py scans LOG… count scans per poster from the web server's access logs (--report DIR for a report)
  python build.py new FOLDER start a campaign in a new folder that builds at once: asks for its name, country,
                             languages, addresses and colour (or give them: --name, --country, ...)
  python build.py translations theme --language fa
                             write the theme's strings, ready to translate, into the campaign's own
                             campaign_assets/translations/fa.po (without --language: every language that has none)
  python build.py translations export --language ro   the texts ro lacks, as an XLIFF file for translators
  python build.py translations import FILE           their translations back into the content, checked
"""


def port_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port: give a number from 1024 to 65535, e.g. --port 8001")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="build", choices=("build", "serve", "check", "scans", "new", "translations"),
                   help="what to do (default: build)")
    p.add_argument("paths", nargs="*", type=Path, metavar="LOG | FOLDER",
                   help="for `scans`: access logs (nginx/Apache combined or Caddy JSON, .gz rotations too); "
                        "for `new`: the new campaign's folder; for `translations`: export, or import FILE")
    p.add_argument("--report", type=Path, default=None, metavar="DIR",
                   help="for `scans`: write report.html and scans.csv into DIR (not into the published output)")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="the campaign's content folder (default: content)")
    p.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                   help="where the website is written (default: output); replaced only when the build succeeds")
    p.add_argument("--assets", type=Path, default=None, metavar="DIR",
                   help="the campaign's print assets: logos/, fonts/, a printer's .icc profile "
                        "(default: campaign_assets beside the content folder)")
    p.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help="where rendered print products are kept between builds (default: .cache beside the output)")
    p.add_argument("--theme", type=Path, default=None, metavar="DIR",
                   help="another theme: templates/, static/, print/ and translations/ (default: the built-in theme)")
    p.add_argument("--site-only", action="store_true",
                   help="build the website only, without posters and other print products (a quicker preview)")
    p.add_argument("--strict", action="store_true",
                   help="treat every warning (such as a missing translation) as an error")
    p.add_argument("--no-wait", action="store_true",
                   help="if another build is writing the same output folder, stop at once instead of waiting for it")
    p.add_argument("--port", type=port_number, default=None,
                   help="port for `serve` (default: 8000, or the next free one if it is in use)")
    p.add_argument("--language", metavar="CODE", help="for `translations`: the language code (BCP 47), e.g. fa or pt-BR")
    words = p.add_argument_group("for `translations export`")
    words.add_argument("--only", choices=("todo", "missing", "stale", "all"), default="todo",
                       help="which texts: what the language lacks (todo: missing and stale, the default), or all")
    words.add_argument("--format", choices=("xliff", "po"), default="xliff", help="XLIFF 1.2 (default) or PO")
    words.add_argument("--to", type=Path, metavar="FILE", help="where to write it (default: <campaign>.<language>.xlf)")
    new = p.add_argument_group("for `new` (asked on a terminal when left out)")
    new.add_argument("--name", help="the campaign's name")
    new.add_argument("--country", help="the two-letter country code, e.g. NL")
    new.add_argument("--languages", help="language codes, the main one first, separated by commas, e.g. nl,en")
    new.add_argument("--base-url", help="the address the site will have (https://...)")
    new.add_argument("--quick-exit", help="the neutral page the quick-exit button opens (https://...)")
    for colour in ("primary", "text", "background", "accent"):
        new.add_argument(f"--{colour}-colour", metavar="#RRGGBB", help=f"the {colour} colour (default: the theme's)")
    return p


def failed(problems: Problems, strict: bool, output: Path) -> int:
    report(problems)
    because = f"; under {strict_reason(strict)} warnings stop it too" if problems.strict and problems.warnings else ""
    print(f"\nThe build stopped: {problems.stopping} problem(s) to fix (listed above{because}). "
          f"{output}/ was not changed.", file=sys.stderr)
    return 1


def new_campaign(args: argparse.Namespace) -> int:
    from .new import COLOURS, Given, new
    from .options import PROJECT, Options
    if len(args.paths) != 1 or args.content != Path("content") or args.output != Path("output"):
        print("error: `build.py new` takes one FOLDER (and no --content or --output: it makes FOLDER/content, "
              "and builds go to FOLDER/output), e.g. build.py new ~/campaigns/open-eyes", file=sys.stderr)
        return 1
    folder = args.paths[0]
    options = Options(folder / "content", folder / "output", args.assets, args.cache, args.theme or PROJECT / "theme",
                      site_only=args.site_only)
    colours = {colour: value for colour in COLOURS if (value := getattr(args, f"{colour}_colour")) is not None}
    given = Given(args.name, args.country, args.languages, args.base_url, args.quick_exit, colours)
    return new(folder, given, options, input if sys.stdin.isatty() else None)


def translations(options: Options, args: argparse.Namespace) -> int:
    from .pipeline import inspect
    from .translators.command import Request, export, import_file

    action = str(args.paths[0]) if args.paths else "theme"
    if action not in ("theme", "export", "import") or (action == "import") != (len(args.paths) == 2) or len(args.paths) > 2:
        print("error: say `build.py translations theme [--language CODE]`, `build.py translations export --language "
              "CODE` or `build.py translations import FILE`", file=sys.stderr)
        return 1
    if action == "theme":
        from .theme_strings import translations_command
        return translations_command(options.theme, options.content, options.assets_folder, args.language)
    if action == "export" and not args.language:
        print("error: `translations export` needs --language CODE: the language to translate into", file=sys.stderr)
        return 1
    site, problems = inspect(options)
    if site is None:
        report(problems)
        return 1
    if action == "export":
        return export(options, Request(args.language, args.only, args.format, args.to), site)
    return import_file(options, args.paths[1], site)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_intermixed_args(argv)  # LOG… may come before or after the options
    if args.command == "new":
        return new_campaign(args)
    if not args.content.is_dir():
        print(f"error: {args.content}: no such folder; give the campaign's content folder with --content DIR", file=sys.stderr)
        return 1
    from .options import PROJECT, Options
    from .pipeline import build
    options = Options(args.content, args.output, args.assets, args.cache, args.theme or PROJECT / "theme", args.strict,
                      args.site_only, wait=not args.no_wait)
    if args.command == "scans":
        from .scans.command import scans
        return scans(options, args.paths, args.report, StatusLine(sys.stderr))
    if args.command == "translations":
        return translations(options, args)
    if args.paths:
        print(f"error: {args.paths[0]}: only `build.py scans` reads log files", file=sys.stderr)
        return 1
    if args.command == "check":
        from .check import check
        progress = StatusLine(sys.stderr)
        try:
            return check(options, progress)
        finally:
            progress.done()
    if args.command == "serve":
        from .preview.serve import serve
        return serve(options, args.port)
    progress = StatusLine(sys.stderr)
    try:
        built = build(options, progress)
    except BuildFailed as exc:
        progress.done()
        return failed(exc.problems, args.strict, args.output)
    except KeyboardInterrupt:
        progress.done()
        print(f"\nStopped. {args.output}/ was not changed.", file=sys.stderr)
        return 130
    progress.done()
    report(built.problems)
    languages = ", ".join(built.site.campaign.languages)
    if not args.site_only:
        print(f"Built {len(built.plan.pages)} pages in {languages} and {len(built.prints.jobs)} print products into "
              f"{args.output}/ in {built.seconds:.1f} s.")
    else:
        kept = (f"{args.output}/print/ and og/ are kept from the last full build, not brought up to date"
                if (args.output / "print").is_dir() else "no print products")
        print(f"Built {len(built.plan.pages)} pages in {languages} into {args.output}/ in {built.seconds:.1f} s; "
              f"{kept} (--site-only).")
    return 0
