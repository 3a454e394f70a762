"""Campaigns other than the sample: any language Babel knows, right-to-left included, under any path."""
from __future__ import annotations

import shutil

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
    assert any("no theme translation for ar: buttons and headings show in English" in line for line in result.err.splitlines())


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
    assert (f"Theme strings translated: nl 100% ({total}/{total}, not reviewed), fr 100% ({total}/{total}, not reviewed), "
            f"de 100% ({total}/{total}, not reviewed), en source language") in result.out
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
