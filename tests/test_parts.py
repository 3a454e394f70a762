"""The building blocks on their own: phone numbers, opening hours, catalogs, links, publishing."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import CACHE, PROJECT, SAMPLE, other_warnings, tree_digest

from campaign.catalogs import completeness, read_catalog
from campaign.theme_strings import check_catalogs
from campaign.content.hours import HoursError, format_range, parse_hours
from campaign.content.markdown import LinkPolicy, Markdown
from campaign.content.phones import PhoneError, dial
from campaign.problems import Problems
from campaign.publish.staging import staging


@pytest.mark.parametrize("written, shown, tel", [
    ("116000", "116000", "tel:116000"),
    ("116 000", "116 000", "tel:116000"),
    ("112", "112", "tel:112"),
    ("+32 2 511 64 64", "+32 2 511 64 64", "tel:+3225116464"),
    ("02 511 64 64", "02 511 64 64", "tel:+3225116464"),
    ("02  511 64\u00a064 ", "02 511 64 64", "tel:+3225116464"),
    ("078 05 58 00", "078 05 58 00", "tel:+3278055800"),
    ("+31 33 448 11 86", "+31 33 448 11 86", "tel:+31334481186"),
    ("025116464", "02 511 64 64", "tel:+3225116464"),
    ("+3225116464", "+32 2 511 64 64", "tel:+3225116464"),
    ("0031334481186", "+31 33 448 1186", "tel:+31334481186"),
])
def test_phone_numbers_get_dialable_links(written: str, shown: str, tel: str) -> None:
    """Shown as the team grouped it (libphonenumber's grouping only for digits written without any), spaces tidied."""
    assert dial(written, "BE") == (shown, tel)


def test_a_helpline_keeps_the_grouping_it_publishes() -> None:
    """Meld Misdaad Anoniem writes 0800-7000; libphonenumber would regroup it as 0800 7000."""
    assert dial("0800-7000", "NL") == ("0800-7000", "tel:+318007000")
    assert dial("08007000", "NL") == ("0800 7000", "tel:+318007000")


@pytest.mark.parametrize("written, region, reason", [
    ("0900 12 345", "BE", "premium-rate"),
    ("0900-8844", "NL", "premium-rate"),
    ("02 511 64", "BE", "not a valid phone number for BE"),
    ("call us", "BE", "not a phone number"),
])
def test_numbers_people_cannot_or_should_not_call_are_refused(written: str, region: str, reason: str) -> None:
    with pytest.raises(PhoneError, match=reason):
        dial(written, region)


def test_opening_hours_are_parsed_and_localised() -> None:
    hours = parse_hours(["mon-fri 09:00-17:00", "sat 10:00-12:30"])
    assert [format_range(r, "nl") for r in hours.ranges] == [("maandag–vrijdag", "09:00–17:00"), ("zaterdag", "10:00–12:30")]
    assert format_range(hours.ranges[0], "ar") == ("الاثنين–الجمعة", "09:00–17:00"), "times apart: a left-to-right run"
    assert format_range(hours.ranges[0], "zh-Hans")[0] == "星期一–星期五", "any language code Babel knows"
    assert parse_hours("24/7").always
    for bad in ("mon-fri 9-17", "someday 09:00-10:00", "mon 25:00-26:00"):
        with pytest.raises(HoursError):
            parse_hours([bad])


def write_po(theme: Path, lang: str, body: str) -> Path:
    path = theme / "translations" / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: nl\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' + body)
    return path


def test_a_catalog_with_a_broken_placeholder_is_an_error(tmp_path: Path) -> None:
    path = write_po(tmp_path, "nl", '#, python-format\nmsgid "Next card: %(title)s"\nmsgstr "Volgende kaart: %(titel)s"\n')
    problems = Problems()
    check_catalogs(tmp_path, ("nl",), problems)
    assert [p.render() for p in problems.errors] == [
        f'{path}:7: msgid "Next card: %(title)s": unknown named placeholder \'titel\': '
        "keep every %(name)s placeholder of the original exactly as it is"]


def test_a_plural_counts_as_translated_only_when_every_form_is(tmp_path: Path) -> None:
    write_po(tmp_path, "nl", 'msgid "Home"\nmsgstr "Start"\n\n'
             'msgid "%(count)s card"\nmsgid_plural "%(count)s cards"\nmsgstr[0] "%(count)s kaart"\nmsgstr[1] ""\n')
    catalog = read_catalog(tmp_path, "nl", Problems())
    count = completeness(catalog)
    assert (count.translated, count.total) == (1, 2)


def test_markdown_links_follow_the_campaign_rules(tmp_path: Path) -> None:
    markdown = Markdown(LinkPolicy(("pag-asa.be",), "/campaign"))
    problems = Problems()
    doc = markdown.parse("[a](https://www.pag-asa.be/) [b](/help/) [c](https://tracker.example/) "
                         "[d](http://pag-asa.be/) [e](help) ![f](/x.png) [g](mailto:a@b.be)\n<script>x</script>",
                         "fr", tmp_path / "p.md", 5, problems)
    html = markdown.render(doc.tokens)
    assert '<a href="https://www.pag-asa.be/" rel="noreferrer">a</a>' in html
    assert '<a href="/campaign/fr/help/">b</a>' in html
    assert "<script>" not in html, "raw HTML in Markdown is never passed through"
    assert [p.message.split(":")[0] for p in problems.errors] == [
        "https", "http", '"help"', "pictures cannot be placed in page text (they cost people on slow phones time and data)",
        "<script>x</script> is HTML, which is not allowed in text"], "and it is an error, with its line"
    assert problems.errors[-1].line == 6


def test_staging_replaces_output_only_when_the_block_succeeds(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    before = tree_digest(output)
    with pytest.raises(RuntimeError), staging(output, "test", print) as stage:
        (stage.root / "new.html").write_text("half")
        raise RuntimeError("the build failed here")
    assert tree_digest(output) == before
    with staging(output, "test", print) as stage:
        stage.write("new.html", b"new")
    assert sorted(p.name for p in output.iterdir()) == [".campaign-output.json", "new.html"], "marked as ours"
    assert output.stat().st_mode & 0o755 == 0o755, "a web server can read the published folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.spare", "output"], "the previous output, kept as a spare"
    assert [p.name for p in (tmp_path / ".output.spare").iterdir()] == ["old.html"]


def test_a_page_written_again_never_changes_the_file_its_old_link_shares(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with staging(output, "test", print) as stage:
        stage.write("nl/index.html", b"first")
    cache_entry = tmp_path / "entry"
    os.link(output / "nl" / "index.html", cache_entry)  # as the page cache keeps it
    for _ in range(2):  # the second build writes into the spare tree, whose files are such links
        with staging(output, "test", print) as stage:
            stage.write("nl/index.html", b"second")
    assert (output / "nl" / "index.html").read_bytes() == b"second"
    assert cache_entry.read_bytes() == b"first", "written as a new file, not through the link"


def test_the_command_line_fails_cleanly_as_a_real_process(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "campaign.yml").write_text("name: [unclosed\n")
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--content", str(content), "--output",
                             str(tmp_path / "output")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if not line.startswith("[")]  # progress lines start with [
    assert problems[0] == ("error: content/campaign.yml:1: the [ on this line is never closed: end the line with ] "
                           "(a text that contains a comma, a colon or a bracket must be in quotes inside it)")
    assert not (tmp_path / "output").exists()


def test_the_sample_builds_as_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--content", str(SAMPLE), "--output",
                             str(tmp_path / "site"), "--cache", str(CACHE)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 57 pages in nl, fr, de, en and 45 print products into ")
    assert other_warnings(result.stderr) == [], "only the draft catalogs (nl, fr, de), until a native speaker reviews them"
    stages = [line.split("] ", 1)[1] for line in result.stderr.splitlines() if line.startswith("[")]
    assert stages[0] == "checking the content" and stages[2] == "writing 57 pages in 4 languages", "one line per stage"
    assert re.fullmatch(r"print: \d+ of 45 products to render, \d+ unchanged", stages[1])
    assert stages[-1] == f"publishing {tmp_path / 'site'}/"
