"""The docs stay true: every `build.py` command README.md and docs/ show runs as they say, on a scratch campaign
made by the docs' own `build.py new`, and every fact they state that the code decides (formats, fonts, the
longest base URL a pocket card prints) is checked against the code. A fact is found by its sentence: deleting the
sentence fails the test as surely as a wrong number does."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from doc_facts import FACTS, Fact
from doc_reader import Ended, Reader, in_process
from docs import Shown, command_words, commands_in, doc_files, inline_commands, make_targets, sentences, shown_commands
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CACHE, PROJECT

DOCS = doc_files(PROJECT)
ASSETS_README = PROJECT / "campaign_assets" / "README.md"


@pytest.fixture(scope="session")
def shown() -> list[Shown]:
    commands, wrong = shown_commands(DOCS, PROJECT / "Makefile")
    assert not wrong, "\n".join(wrong)
    return commands


@pytest.fixture(scope="session")
def followed(shown: list[Shown], tmp_path_factory: pytest.TempPathFactory) -> tuple[Reader, list[str]]:
    """Every command shown, run once in a scratch home with the shared print cache (the slow part: ~30 s)."""
    reader = Reader(tmp_path_factory.mktemp("home"), CACHE)
    return reader, reader.follow(shown)


def test_every_build_command_the_docs_show_runs_as_they_say(shown: list[Shown],
                                                            followed: tuple[Reader, list[str]]) -> None:
    reader, failures = followed
    assert not failures, "commands in the docs that do not do what the docs say:\n" + "\n".join(failures)
    made = [reader.path(s.args[1]) for s in shown if s.args[:1] == ("new",) and s.exit == 0]
    assert made and all((folder / "content" / "campaign.yml").is_file() for folder in made), "`new` made each"
    assert reader.walked is not None and (reader.walked / "output" / "index.html").is_file(), "a real build ran"
    assert list((reader.walked / "output" / "print").glob("*.pdf")), "with its poster: not a site-only build"


def test_every_command_of_build_py_help_is_shown_in_the_docs(shown: list[Shown]) -> None:
    help_text = in_process(["--help"], PROJECT)
    shown_in_help = re.finditer(r"python build\.py ((?:[a-z]+ ?)*)", help_text.said)
    offered = {command_words(tuple(m[1].split())) for m in shown_in_help}
    documented = {command_words(s.args) for s in shown}
    assert offered - {()} and not offered - documented, f"no shell block of the docs shows {offered - documented}"


def test_every_option_of_build_py_help_is_named_in_the_docs() -> None:
    options = set(re.findall(r"^  +(--[a-z-]+)", in_process(["--help"], PROJECT).said, re.M))
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in DOCS)
    unnamed = sorted(o for o in options if not re.search(re.escape(o) + r"(?![\w-])", text))
    assert "--site-only" in options and not unnamed, f"options of `build.py --help` no doc names: {unnamed}"


def test_campaign_assets_readme_names_the_commands_the_docs_show(shown: list[Shown]) -> None:
    documented = {command_words(s.args) for s in shown}
    named = list(inline_commands(ASSETS_README.read_text(encoding="utf-8")))
    assert named, "campaign_assets/README.md names the command that writes a catalog"
    wrong = [f"campaign_assets/README.md:{line}: `build.py {' '.join(args)}`" for line, args in named
             if command_words(args) not in documented]
    assert not wrong, f"commands the docs' shell blocks never show (say it as they do): {wrong}"


# --- facts the docs state that the code decides ------------------------------------------------------------------

@pytest.mark.parametrize("fact", FACTS, ids=[fact.name for fact in FACTS])
def test_each_fact_the_docs_state_is_what_the_code_does(fact: Fact) -> None:
    found = [(doc, line, match) for doc in fact.docs for line, match in sentences(doc, fact.pattern)]
    assert found, f"the docs no longer state {fact.name} (no sentence matches {fact.pattern!r}): say it again"
    truth = fact.truth()
    wrong = [f"{doc.relative_to(PROJECT)}:{line}: says {fact.said(match)!r}, the code: {truth!r}"
             for doc, line, match in found if fact.said(match) != truth]
    assert not wrong, f"{fact.name}:\n" + "\n".join(wrong)


POCKET = (r"On a pocket card \((\d+) × (\d+) mm\)[^.]* a base URL of up to (\d+) characters")
HOST = "yeuxouvertscontrelatraitedesetreshumainsenfranceetenbelgiqueetailleurs"
"""Lowercase letters without a hyphen: the address can break only after its `/`."""


def base_url(length: int) -> str:
    return f"https://{HOST[:length - len('https://.example.fr/')]}.example.fr/"


def checked_with(walked: Path, root: Path, width: int, height: int, url: str, qr: bool = False) -> Ended:
    """`check` of a copy of the campaign whose one station has a `width` × `height` format and whose QR codes (as
    `print: qr_base_url`) or whole site (as `base_url`) are at `url`."""
    shutil.copytree(walked / "content", root / "content")
    campaign = root / "content" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    if qr:
        text += f"allowed_domains: [{url.split('/')[2]}]\nprint:\n  qr_base_url: {url}\n"
    else:
        text = re.sub(r"^base_url:\s*\S+", f"base_url: {url}", text, flags=re.M)
    campaign.write_text(text, encoding="utf-8")
    stations = root / "content" / "stations.yml"
    shape = f"formats: [{{name: pocket, width_mm: {width}, height_mm: {height}}}]"
    stations.write_text(re.sub(r"formats: \[[^\]]*\]", shape, stations.read_text(encoding="utf-8")), encoding="utf-8")
    return in_process(["check", "--cache", str(CACHE)], root)


def test_the_longest_base_url_the_docs_promise_a_pocket_card_is_the_longest_it_prints(
        followed: tuple[Reader, list[str]], tmp_path: Path) -> None:
    found = [(doc, line, m) for doc in DOCS for line, m in sentences(doc, POCKET)]
    assert found, "the docs no longer say how long a base URL a pocket card prints: say it again"
    walked = followed[0].walked
    assert walked is not None
    for doc, line, match in found:
        width, height, longest = (int(g) for g in match.groups())
        for length, fits in ((longest, True), (longest + 1, False)):
            checked = checked_with(walked, tmp_path / str(length), width, height, base_url(length))
            where = f"{doc.relative_to(PROJECT)}:{line}: {base_url(length)} ({length} characters)"
            if fits:
                errors = [said for said in checked.said.splitlines() if said.startswith("error")]
                assert checked.code == 0, f"{where} does not fit a pocket card:\n" + "\n".join(errors)
            else:
                assert re.search(r"base_url: \S+ is not printed: the address under the QR code does not fit",
                                 checked.said), f"{where} fits too: the docs could promise more"


TOO_SMALL = r"\((a|an) (\d+) × (\d+) mm card under an? (\d+)-character `qr_base_url`\)"


def test_the_card_the_docs_say_is_too_small_for_its_qr_code_is_refused(followed: tuple[Reader, list[str]],
                                                                       tmp_path: Path) -> None:
    found = [(doc, line, m) for doc in DOCS for line, m in sentences(doc, TOO_SMALL)]
    assert found, "the docs no longer give an example of a card too small for its QR code: say it again"
    walked = followed[0].walked
    assert walked is not None
    for doc, line, match in found:
        width, height, length = (int(g) for g in match.groups()[1:])
        checked = checked_with(walked, tmp_path / str(line), width, height, base_url(length), qr=True)
        assert checked.code == 1 and "a low-end phone reads at arm's length" in checked.said, \
            f"{doc.relative_to(PROJECT)}:{line}: {width} × {height} mm under {base_url(length)} is not refused"


# --- how commands are found ---------------------------------------------------------------------------------------

PREFIXES = (".venv/bin/python build.py", "$TOOL/.venv/bin/python $TOOL/build.py", "python build.py",
            "/path/to/this/project/.venv/bin/python /path/to/this/project/build.py")
WORDS = st.one_of(st.sampled_from(("check", "serve", "scans", "translations", "theme", "--site-only", "--language",
                                    "fa", "--to", "ro.po", "~/campaigns/open-eyes", "Yeux ouverts", "*.log")),
                  st.text(st.sampled_from("abc -_./'\"é"), min_size=1, max_size=8))


@settings(derandomize=True, max_examples=80, deadline=None)
@given(args=st.lists(WORDS, max_size=5), prefix=st.sampled_from(PREFIXES), console=st.booleans(),
       comment=st.booleans(), wrapped=st.booleans(), cd=st.booleans(), before=st.integers(0, 4))
def test_every_command_shown_is_found_with_its_arguments_and_line(args: list[str], prefix: str, console: bool,
                                                                   comment: bool, wrapped: bool, cd: bool,
                                                                   before: int) -> None:
    command = f"{prefix} {shlex.join(args)}".rstrip() if args else prefix
    if wrapped:
        command = command.replace(" ", " \\\n    ", 1)
    lines = ["# A page", *["Some words." for _ in range(before)], "", "```console" if console else "```sh"]
    if cd:
        lines.append(("$ " if console else "") + "cd ~/campaigns/open-eyes")
    line = len(lines) + 1
    lines += [("$ " if console else "") + command + ("   # what it does" if comment else "")]
    lines += ["Built 12 pages" if console else "", "```", ""]
    found = list(commands_in(Path("page.md"), "\n".join(lines), {}))
    assert found == [Shown(Path("page.md"), line, tuple(args), "~/campaigns/open-eyes" if cd else None)]


def test_make_targets_map_to_the_command_their_recipe_runs() -> None:
    targets = make_targets(PROJECT / "Makefile")
    assert (targets["site"], targets["check"], targets["serve"], targets["test"]) == ((), ("check",), ("serve",), None)
    found = list(commands_in(Path("page.md"), "```sh\nmake site\nmake check   # exits 1\nmake tset\n```\n", targets))
    assert found == [Shown(Path("page.md"), 2, ()), Shown(Path("page.md"), 3, ("check",), exit=1),
                     "page.md:4: `make tset`: the Makefile has no such target"]


def test_a_command_that_does_not_exist_fails_with_the_doc_file_and_line(followed: tuple[Reader, list[str]],
                                                                          tmp_path: Path) -> None:
    page = tmp_path / "docs" / "publish.md"
    page.parent.mkdir()
    page.write_text("# Publishing\n\n    .venv/bin/python build.py publish --to ~/site\n\n```sh\n"
                    ".venv/bin/python build.py check   # exits 1 when a problem is left\n```\n", encoding="utf-8")
    shown, _ = shown_commands([page], PROJECT / "Makefile")
    failures = Reader(tmp_path / "home", CACHE, followed[0].walked).follow(shown)
    assert len(failures) == 2 and failures[0].startswith(f"{page}:3: `build.py publish --to")
    assert "invalid choice: 'publish'" in failures[0]
    assert failures[1].startswith(f"{page}:6: `build.py check` exited 0, the docs imply 1"), failures[1]


def test_a_fact_whose_sentence_is_gone_is_not_found(tmp_path: Path) -> None:
    page = tmp_path / "print.md"
    page.write_text("**Formats.** `a0`, `a1` and\n`b1` are made.\n\nPosters come in many formats.\n", encoding="utf-8")
    [(line, match)] = sentences(page, FACTS[0].pattern)
    assert line == 1 and FACTS[0].said(match) == {"a0", "a1", "b1"} != FACTS[0].truth()
    page.write_text("Posters come in several formats.\n", encoding="utf-8")
    assert sentences(page, FACTS[0].pattern) == []
