"""Campaigns other than the sample: any language Babel knows, right-to-left included, under any path."""
from __future__ import annotations

import shutil
from pathlib import Path

from support import PROJECT, Scratch, parse, run, write_arabic_campaign


def test_a_right_to_left_language_builds_with_dir_rtl(empty_campaign: Scratch) -> None:
    write_arabic_campaign(empty_campaign)
    result = empty_campaign.build()
    assert result.code == 0, result.err
    out = empty_campaign.output
    for page in (out / "ar").rglob("*.html"):
        html = parse(page).find("html")[0]
        assert (html["lang"], html["dir"]) == ("ar", "rtl"), page
    for page in (out / "en").rglob("*.html"):
        assert parse(page).find("html")[0]["dir"] == "ltr"
    card = parse(out / "ar" / "cards" / "job" / "index.html")
    assert {a["hreflang"]: a["href"] for a in card.find("link", rel="alternate")} == {
        "ar": "https://example.org/campaign/ar/cards/job/",
        "en": "https://example.org/campaign/en/cards/job/",
        "x-default": "https://example.org/campaign/ar/cards/job/",
    }
    switcher = {a["hreflang"]: a["href"] for tag, a in card.tags if tag == "a" and a.get("hreflang")}
    assert switcher == {"ar": "/campaign/ar/cards/job/", "en": "/campaign/en/cards/job/"}, "links keep the site's path"
    assert "العربية" in " ".join(parse(out / "index.html").text)


def test_a_language_without_theme_catalog_warns_and_strict_refuses(empty_campaign: Scratch) -> None:
    write_arabic_campaign(empty_campaign)
    theme = empty_campaign.root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    shutil.rmtree(theme / "translations" / "ar")
    result = empty_campaign.build("--strict", "--theme", str(theme))
    assert result.code == 1
    assert ("error (strict): campaign_assets/translations/ar.po: there are no theme strings in "
            "ar: the buttons and headings of its pages show in English (marked as English for screen readers); to translate them, write it "
            "with `build.py translations theme --language ar` and translate it") in result.err.splitlines()


def test_check_prints_the_translation_matrix(scratch: Scratch) -> None:
    scratch.path("cards/easy-money.de.md").unlink()
    scratch.edit("pages/signs.fr.md", "updated: 2026-09-01", "updated: 2026-08-01")
    scratch.edit("services.yml", "      de: Spezialisiertes Zentrum in Lüttich für Opfer und für Fachdienste in der Wallonie. Jederzeit erreichbar.\n", "")
    result = run("check", "--content", "content")
    assert result.code == 0, result.err
    rows = {line.split()[0] + " " + line.split()[1]: line.split()[2:] for line in result.out.splitlines()
            if line.startswith(("card ", "page ", "service "))}
    assert rows["card easy-money"] == ["present", "present", "missing", "present"]
    assert rows["page signs"] == ["present", "stale", "present", "present"]
    assert rows["service surya"] == ["present", "present", "missing", "present"]
    assert rows["card dream-job"] == ["present"] * 4
    total = theme_string_count()
    strings = [line.split() for line in result.out.split("by language:\n")[1].splitlines()[1:5]]
    assert strings == [[lang, "theme", lang, "100%", f"({total}/{total})", "no", "website", "and", "print"]
                       for lang in ("nl", "fr", "de")] + [["en", "none", "needed", "(the", "theme", "is", "written",
                                                           "in", "English)", "website", "and", "print"]]
    assert run("check", "--content", "content", "--strict").code == 1


def theme_string_count() -> int:
    from babel.messages.pofile import read_po
    with (PROJECT / "theme" / "translations" / "messages.pot").open("rb") as handle:
        return len([message for message in read_po(handle) if message.id])


def test_help_explains_each_command_and_option() -> None:
    import contextlib
    import io

    import pytest

    from campaign.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["--help"])
    for word in ("serve", "check", "--content", "--output", "--strict"):
        assert word in out.getvalue()



def call_button(page: Path) -> str:
    return next(a["href"] for a in parse(page).find("a") if a.get("class") == "call")


def test_each_page_offers_the_help_line_of_its_regions_or_the_one_campaign_yml_names(scratch: Scratch) -> None:
    """Landing pages: the first help line of the poster's station's regions; other pages: of all regions. A line
    campaign.yml names comes first wherever it serves the page's regions."""
    from campaign.print.qr import path_code

    scratch.edit("stations.yml", "    regions: [national, brussels]", "    regions: [brussels]")
    assert scratch.build("--site-only").code == 0
    out = scratch.output
    brussels = {path_code("blind-betting", "bruxelles-midi", fmt, "fr", "nl") for fmt in ("a0", "abri", "b1")} | {
        path_code("blind-betting", "bruxelles-midi", "screen", lang) for lang in ("fr", "nl")}
    others = {path.parent.name for path in (out / "s").glob("*/index.html")} - brussels
    assert len(others) == 8 and all((out / "s" / code / "index.html").exists() for code in brussels)

    def landing(codes: set[str]) -> set[str]:
        return {call_button(out / "s" / code / "index.html") for code in codes}

    assert landing(brussels) == {"tel:+3225116464"}, "PAG-ASA, Brussels' own line, not the national one"
    assert landing(others) == {"tel:+3278055800"}
    assert call_button(out / "fr" / "index.html") == call_button(out / "nl" / "cards" / "dream-job" / "index.html") \
        == "tel:+3278055800"
    scratch.edit("campaign.yml", "quick_exit:", "main_help_line: child-focus\nquick_exit:")
    assert scratch.build("--site-only").code == 0
    assert call_button(out / "de" / "index.html") == call_button(out / "en" / "help" / "index.html") == "tel:116000"
    assert landing(others) == {"tel:116000"}
    assert landing(brussels) == {"tel:+3225116464"}, "Child Focus does not serve a station of Brussels alone"
