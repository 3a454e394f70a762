"""A real team's folder: what Macs, Windows and editors leave in it builds, and campaign.yml's addresses are safe."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import CACHE, Result, Scratch, run, tree_digest
from team import DUTCH_PERSIAN, write_dutch_persian

from campaign.content.leftovers import is_leftover

LEFTOVERS = {
    "content/.DS_Store": b"\0\0\0\1Bud1",
    "content/Thumbs.db": b"\xd0\xcf\x11\xe0",
    "content/cards/desktop.ini": b"[.ShellClassInfo]\r\n",
    "content/cards/~$werk.nl.md": b"\x05ana  ",
    "content/cards/werk.nl.md~": b"::: promise\nan older copy\n",
    "content/cards/.werk.nl.md.swp": b"b0VIM 9.0",
    "content/pages/#safety.nl.md#": b"autosave",
    "content/pages/._safety.nl.md": b"\0\5\26\7",
    "content/.git/HEAD": b"ref: refs/heads/main\n",
    "content/__MACOSX/cards/._werk.nl.md": b"\0\5\26\7",
    "campaign_assets/.DS_Store": b"\0\0\0\1Bud1",
    "campaign_assets/fonts/._NotoSans.ttf": b"\0\5\26\7 not a font",
    "campaign_assets/._printer.icc": b"\0\5\26\7 not a profile",
    "campaign_assets/translations/~$fa.po": b"\x05ana  ",
    "campaign_assets/translations/Thumbs.db": b"\xd0\xcf\x11\xe0",
}


@pytest.mark.parametrize("name", [".DS_Store", "Thumbs.db", "thumbs.db", "desktop.ini", "~$card.nl.md", "card.nl.md~",
                                  ".card.nl.md.swp", "#card.nl.md#", ".~lock.card.nl.md#", "._card.nl.md", ".git",
                                  "__MACOSX", "card.nl.md.bak", "4913"])
def test_editor_and_system_files_are_leftovers(name: str) -> None:
    assert is_leftover(name)


@pytest.mark.parametrize("name", ["card.nl.md", "cards", "campaign.yml", "fa.po", "myria.svg", "NotoSans.ttf"])
def test_the_teams_own_files_are_not(name: str) -> None:
    assert not is_leftover(name)


def test_a_folder_with_leftovers_builds_and_check_lists_them_once(tmp_path: Path,
                                                                    dutch_persian: tuple[Scratch, Result]) -> None:
    source, _ = dutch_persian
    for folder in ("content", "campaign_assets"):
        shutil.copytree(source.root / folder, tmp_path / folder)
    for name, data in LEFTOVERS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    campaign = Scratch(tmp_path)
    result = run("--content", str(campaign.content), "--output", str(campaign.output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    assert not any(part in result.err for part in ("~$", "Thumbs", ".swp", "._", "MACOSX", ".git", "desktop.ini")), \
        "nothing about them, not even a warning"
    assert (campaign.output / "print" / "kijk-uit_utrecht-centraal_a2_nl.pdf").exists(), "print used the real fonts"
    check = run("check", "--content", str(campaign.content), "--output", str(campaign.output), "--cache", str(CACHE))
    assert check.code == 0, check.err
    [listed] = [line for line in check.out.splitlines() if line.startswith("Not read (")]
    shown = {Path(item.rstrip("/")).relative_to(tmp_path).as_posix() for item in listed.split(": ", 1)[1].split(", ")}
    assert shown == {name for name in LEFTOVERS if "/.git/" not in name and "/__MACOSX/" not in name} | {
        "content/.git", "content/__MACOSX"}, "each once; a leftover folder as itself, not its files"
    assert "warning" not in " ".join(line for line in check.err.splitlines() if "~$" in line or "Thumbs" in line)


# --- campaign.yml: addresses that would put readers at risk ----------------------------------------------------

@pytest.mark.parametrize("old, new, message", [
    ("quick_exit: https://www.knmi.nl/", "quick_exit: https://kijk-uit.example/weer/",
     "content/campaign.yml:8: quick_exit: https://kijk-uit.example/weer/ is on the campaign's own site "
     "(kijk-uit.example): the quick exit must lead away from the campaign, to a neutral page with nothing about it "
     "(such as a weather forecast), not to pages that show what it should hide"),
    ("quick_exit: https://www.knmi.nl/", "quick_exit: https://www.kijk-uit.example/",
     "content/campaign.yml:8: quick_exit: https://www.kijk-uit.example/ is on the campaign's own site "
     "(kijk-uit.example): the quick exit must lead away from the campaign, to a neutral page with nothing about it "
     "(such as a weather forecast), not to pages that show what it should hide"),
    ("quick_exit: https://www.knmi.nl/", "quick_exit: https://www.comensha.nl/\nallowed_domains: [comensha.nl]",
     "content/campaign.yml:8: quick_exit: https://www.comensha.nl/ is on comensha.nl, one of its allowed_domains: "
     "the quick exit must lead away from the campaign, to a neutral page with nothing about it (such as a weather "
     "forecast), not to pages that show what it should hide"),
    ("quick_exit: https://www.knmi.nl/", "quick_exit: http://www.knmi.nl/",
     'content/campaign.yml:8: quick_exit: "http://www.knmi.nl/" must be a full address starting with https://'),
    ("base_url: https://kijk-uit.example/", "base_url: https://kijk-uit.example/?utm_source=poster",
     'content/campaign.yml:7: base_url: "https://kijk-uit.example/?utm_source=poster" has a query (?utm_source=poster): '
     "it would be added to every address and every QR code, breaking them and tracking whoever scans; give the "
     "address without the ? and what follows"),
    ("base_url: https://kijk-uit.example/", "base_url: https://kijk-uit.example/#top",
     'content/campaign.yml:7: base_url: "https://kijk-uit.example/#top" has a fragment (#top): every address would '
     "break on it; give the address without the # and what follows"),
    ("base_url: https://kijk-uit.example/", "base_url: https://team:geheim@kijk-uit.example/",
     'content/campaign.yml:7: base_url: "https://team:geheim@kijk-uit.example/" contains a user name or password '
     "(before the @): every address and QR code would show it; give the address without it"),
    ("regions:", "print:\n  qr_base_url: https://kijk-uit.example/?src=qr\nregions:",
     'content/campaign.yml:11: print.qr_base_url: "https://kijk-uit.example/?src=qr" has a query (?src=qr): it would '
     "be added to every address and every QR code, breaking them and tracking whoever scans; give the address "
     "without the ? and what follows"),
])
def test_unsafe_addresses_in_campaign_yml_are_errors(empty_campaign: Scratch, old: str, new: str, message: str) -> None:
    write_dutch_persian(empty_campaign)
    assert empty_campaign.build("--site-only").code == 0
    before = tree_digest(empty_campaign.output)
    empty_campaign.write("campaign.yml", DUTCH_PERSIAN.replace(old, new))
    result = empty_campaign.build("--site-only")
    assert result.code == 1
    assert f"error: {message}" in result.err.splitlines(), result.err
    assert "Traceback" not in result.err
    assert tree_digest(empty_campaign.output) == before
