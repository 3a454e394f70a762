"""What a team's folder can hold besides content: an unfinished git merge, a named pipe, an address with a password,
a link out of the campaign or the theme. Each is said with its file (and line), and nothing of it is published."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CACHE, PROJECT, Result, Scratch, tree_digest
from team import DUTCH_CARD, DUTCH_PERSIAN, DUTCH_PERSIAN_SERVICES, DUTCH_PERSIAN_STATIONS, translated_catalog
from team import write_dutch_persian

from campaign.content.markdown import credentials
from campaign.content.merges import MESSAGE, conflicts

SAFETY_PAGE = "---\ntitle: Veilig online\n---\n\nDe knop Nu weg opent meteen het weerbericht.\n"


@pytest.fixture
def kijk_uit(empty_campaign: Scratch) -> Scratch:
    """The Dutch and Persian campaign, built once for the website: its output is what must stay untouched."""
    write_dutch_persian(empty_campaign)
    assert empty_campaign.build("--site-only").code == 0
    return empty_campaign


def build(campaign: Scratch, *args: str) -> Result:
    """The command line in a process of its own, with a time limit: a build that waits on a named pipe fails the test
    instead of hanging it."""
    done = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "output",
                           "--cache", str(CACHE), *args], cwd=campaign.root, capture_output=True, text=True, timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


def errors(result: Result) -> list[str]:
    return [line for line in result.err.splitlines() if line.startswith("error:")]


def merged(base: str, ours: str, theirs: str, tmp: Path) -> str:
    """What `git merge` leaves in a file both sides changed (diff3 style: with the base's version too)."""
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        (tmp / name).write_text(text, encoding="utf-8")
    done = subprocess.run(["git", "merge-file", "-p", "--diff3", "-L", "HEAD", "-L", "base", "-L", "main",
                           str(tmp / "ours"), str(tmp / "base"), str(tmp / "theirs")], capture_output=True, text=True)
    assert done.returncode > 0 and "<<<<<<< HEAD" in done.stdout, done.stderr
    return done.stdout


def marker_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.split("\n"), 1)
            if line.startswith(("<<<<<<< ", "||||||| ", ">>>>>>> ")) or line == "======="]


# --- an unfinished git merge ------------------------------------------------------------------------------------

CONFLICTS = [  # (file, its text, a change on one side, the same line changed on the other)
    ("cards/werk.nl.md", DUTCH_CARD, ("## Werk in het buitenland", "## Werk in Duitsland"),
     ("## Werk in het buitenland", "## Werk in Spanje")),
    ("services.yml", DUTCH_PERSIAN_SERVICES, ('"033 448 11 86"', '"033 448 11 87"'), ('"033 448 11 86"', '"033 448 11 88"')),
    ("campaign.yml", DUTCH_PERSIAN, ("quick_exit: https://www.knmi.nl/", "quick_exit: https://www.buienradar.nl/"),
     ("quick_exit: https://www.knmi.nl/", "quick_exit: https://www.weeronline.nl/")),
    ("stations.yml", DUTCH_PERSIAN_STATIONS, ("formats: [a2]", "formats: [a2, a0]"), ("formats: [a2]", "formats: [b1]")),
    ("pages/safety.nl.md", SAFETY_PAGE, ("meteen", "direct"), ("meteen", "onmiddellijk")),
]


@pytest.mark.parametrize("name, text, ours, theirs", CONFLICTS, ids=[c[0] for c in CONFLICTS])
def test_an_unfinished_merge_is_an_error_at_its_line(kijk_uit: Scratch, tmp_path: Path, name: str, text: str,
                                                     ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    assert ours[0] in text
    conflicted = merged(text, text.replace(*ours), text.replace(*theirs), tmp_path)
    before = tree_digest(kijk_uit.output)
    kijk_uit.write(name, conflicted)
    result = kijk_uit.build("--site-only")
    lines = marker_lines(conflicted)
    assert result.code == 1 and "Traceback" not in result.err
    assert errors(result) == [f"error: content/{name}:{lines[0]}: {MESSAGE} (marker lines {', '.join(map(str, lines))})"], \
        "only the merge: not YAML's indentation message, not a heading or a missing field"
    assert tree_digest(kijk_uit.output) == before, "never published"


def test_markers_in_the_campaigns_catalog_are_an_error_at_their_line(kijk_uit: Scratch, tmp_path: Path) -> None:
    path = translated_catalog(kijk_uit, "fa", {})
    text = path.read_text(encoding="utf-8")
    first = text.index('msgstr ""', text.index("msgid", text.index("msgid") + 1))  # a message, not the header
    ours = text[:first] + 'msgstr "الف"' + text[first + 9:]
    theirs = text[:first] + 'msgstr "ب"' + text[first + 9:]
    path.write_text(conflicted := merged(text, ours, theirs, tmp_path), encoding="utf-8")
    result = kijk_uit.build("--site-only")
    lines = marker_lines(conflicted)
    assert result.code == 1
    assert f"error: campaign_assets/translations/fa.po:{lines[0]}: {MESSAGE} (marker lines {', '.join(map(str, lines))})" in result.err, result.err


LINE = st.text(st.sampled_from("ab =<>|#-*:\t"), max_size=12)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=12), st.lists(LINE, max_size=12))
def test_lines_that_are_no_markers_are_never_taken_for_one(before: list[str], after: list[str]) -> None:
    """Text, headings underlined with ======= included, has no conflict unless a line starts with seven <, > or |."""
    lines = [*before, "A heading", "=======", *after]
    if not any(line.startswith(("<" * 7, ">" * 7, "|" * 7)) for line in lines):
        assert list(conflicts("\n".join(lines))) == []


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(LINE.filter(lambda line: not line.startswith(("<" * 7, ">" * 7, "|" * 7))), max_size=10),
       st.lists(LINE, max_size=4), st.lists(LINE, max_size=4), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_a_conflict_is_found_wherever_it_is(lines: list[str], ours: list[str], theirs: list[str], diff3: bool,
                                             newline: str) -> None:
    ours = [line for line in ours if not line.startswith(("<" * 7, ">" * 7, "|" * 7, "=" * 7))]
    theirs = [line for line in theirs if not line.startswith(("<" * 7, ">" * 7, "|" * 7, "=" * 7))]
    at = len(lines) // 2
    block = ["<<<<<<< HEAD", *ours, *(["||||||| base"] if diff3 else []), "=======", *theirs, ">>>>>>> main"]
    text = newline.join([*lines[:at], *block, *lines[at:]]).replace("\r\n", "\n")  # as read_text gives it
    expected = [at + 1 + i for i, line in enumerate(block) if line.startswith(("<<<", "|||", "===", ">>>"))]
    assert list(conflicts(text)) == [(at + 1, tuple(expected))]


@pytest.mark.parametrize("text, found", [
    ("a\n>>>>>>> main\nb", [(2, (2,))]),                            # its start deleted by hand
    ("<<<<<<< HEAD\na\n=======\nb", [(1, (1, 3))]),                  # its end deleted
    ("<<<<<<<\na\n=======\nb\n>>>>>>>", [(1, (1, 3, 5))]),           # markers with nothing after them
    ("<<<<<<<< eight\n>>>>>>>> eight", []),                         # not git's: eight characters
    ("> > > quoted\n>>>>>>>not a marker", []),
])
def test_named_marker_cases(text: str, found: list[tuple[int, tuple[int, ...]]]) -> None:
    assert list(conflicts(text)) == found


# --- only regular files -----------------------------------------------------------------------------------------

def test_a_named_pipe_among_the_cards_is_skipped_and_said_once(kijk_uit: Scratch) -> None:
    os.mkfifo(kijk_uit.path("cards/werk2.nl.md"))
    result = build(kijk_uit, "--site-only")
    assert result.code == 0, result.err
    said = [line for line in result.err.splitlines() if "werk2" in line]
    assert said == ["warning: content/cards/werk2.nl.md: is a named pipe, not a file: skipped (the build reads only "
                    "regular files)"]


def test_a_named_pipe_for_services_yml_is_an_error_never_opened(kijk_uit: Scratch) -> None:
    before = tree_digest(kijk_uit.output)
    kijk_uit.path("services.yml").unlink()
    os.mkfifo(kijk_uit.path("services.yml"))
    result = build(kijk_uit, "--site-only")
    assert result.code == 1
    assert errors(result) == ["error: content/services.yml: is a named pipe, not a file: the build reads only "
                              "regular files; put the file itself here"]
    assert tree_digest(kijk_uit.output) == before


def test_special_files_in_the_campaign_assets_are_never_opened(kijk_uit: Scratch) -> None:
    translations = kijk_uit.root / "campaign_assets" / "translations"
    translations.mkdir(parents=True)
    os.mkfifo(translations / "fa.po")
    result = build(kijk_uit, "--site-only")
    assert result.code == 0, result.err
    assert "warning: campaign_assets/translations/fa.po: is a named pipe, not a file: skipped (the build reads only regular " \
           "files)" in result.err.splitlines()
    fonts = kijk_uit.root / "campaign_assets" / "fonts"
    fonts.mkdir()
    os.mkfifo(fonts / "Huisletter.ttf")
    result = build(kijk_uit)
    assert result.code == 1
    assert "campaign_assets/fonts/Huisletter.ttf: is a named pipe, not a file: the build reads only regular files" in result.err


def test_a_named_pipe_as_a_partners_logo_is_an_error_never_opened(kijk_uit: Scratch) -> None:
    logos = kijk_uit.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    os.mkfifo(logos / "comensha.svg")
    kijk_uit.write("campaign.yml", DUTCH_PERSIAN.replace("regions:", "print:\n  partners:\n    - name: CoMensha\n"
                                                         "      logo: comensha.svg\nregions:"))
    result = build(kijk_uit, "--site-only")
    assert result.code == 1
    assert errors(result) == ["error: content/campaign.yml:13: print.partners.logo: campaign_assets/logos/comensha.svg "
                              "is a named pipe, not a file: the build reads only regular files"]


# --- addresses with a user name or password ---------------------------------------------------------------------

@pytest.mark.parametrize("name, old, new, message", [
    ("services.yml", "email: info@comensha.nl", "website: https://admin:secret@comensha.nl/",
     'error: content/services.yml:{line}: comensha.website: "https://admin:secret@comensha.nl/" contains a user name '
     "or password (before the @): every reader would see it; give the address without it"),
    ("services.yml", "email: info@comensha.nl", "chat: https://token@kijk-uit.example/chat",
     'error: content/services.yml:{line}: comensha.chat: "https://token@kijk-uit.example/chat" contains a user name '
     "or password (before the @): every reader would see it; give the address without it"),
    ("cards/werk.nl.md", "Een vriend", "[Een vriend](https://admin:secret@kijk-uit.example/werk)",
     "error: content/cards/werk.nl.md:{line}: link: https://admin:secret@kijk-uit.example/werk contains a user name or "
     "password (before the @): every reader would see it; give the address without it"),
])
def test_addresses_with_credentials_are_refused(kijk_uit: Scratch, name: str, old: str, new: str, message: str) -> None:
    before = tree_digest(kijk_uit.output)
    kijk_uit.edit(name, old, new)
    line = kijk_uit.path(name).read_text(encoding="utf-8").split("\n").index(
        next(text for text in kijk_uit.path(name).read_text(encoding="utf-8").split("\n") if new in text)) + 1
    result = kijk_uit.build("--site-only")
    assert result.code == 1
    shown = message.format(line=line)
    assert shown in result.err.splitlines() or shown.replace(f":{line}:", ":") in result.err.splitlines(), result.err
    assert tree_digest(kijk_uit.output) == before


USERINFO = st.text(st.sampled_from("abcXYZ019-._~!$&'()*+,;=%"), min_size=1, max_size=12)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(USERINFO, st.none() | USERINFO, st.sampled_from(["https", "http"]))
def test_any_user_name_or_password_is_found(user: str, password: str | None, scheme: str) -> None:
    userinfo = user if password is None else f"{user}:{password}"
    assert credentials(f"{scheme}://{userinfo}@kijk-uit.example/hulp/")
    assert not credentials(f"{scheme}://kijk-uit.example/{userinfo}@x/")  # an @ in the path is no password


# --- links out of the campaign, the theme, the assets -----------------------------------------------------------

def test_a_link_out_of_the_themes_static_folder_is_refused(kijk_uit: Scratch, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    secret = tmp_path / "hostname"
    secret.write_text("a machine's name")
    (theme / "static" / "leak.txt").symlink_to(secret)
    (theme / "static" / "etc").symlink_to("/etc")
    (theme / "static" / "same.js").symlink_to(theme / "static" / "site.js")  # inside the theme: fine
    before = tree_digest(kijk_uit.output)
    result = kijk_uit.build("--site-only", "--theme", str(theme))
    assert result.code == 1
    assert errors(result) == [f"error: theme/static/{name}: template: is a link to a file outside the theme, "
                              "which the build does not publish: copy the file itself into the theme"
                              for name in ("etc", "leak.txt")]
    assert tree_digest(kijk_uit.output) == before
    assert not list(kijk_uit.output.rglob("leak.txt"))


def test_links_out_of_the_campaign_assets_are_refused(kijk_uit: Scratch, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.po"
    translations = kijk_uit.root / "campaign_assets" / "translations"
    translations.mkdir(parents=True)
    shutil.copy(translated_catalog(kijk_uit, "fa", {}), outside)
    (translations / "fa.po").unlink()
    (translations / "fa.po").symlink_to(outside)
    result = kijk_uit.build("--site-only")
    assert result.code == 1
    assert errors(result) == ["error: campaign_assets/translations/fa.po: is a link to a file outside the campaign's folder, "
                              "which the build does not read: copy the file itself here"]
    (translations / "fa.po").unlink()
    fonts = kijk_uit.root / "campaign_assets" / "fonts"
    fonts.mkdir()
    (fonts / "Huisletter.ttf").symlink_to("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
    result = kijk_uit.build()
    assert result.code == 1
    assert "campaign_assets/fonts/Huisletter.ttf: is a link to a file outside the campaign's folder" in result.err, result.err
