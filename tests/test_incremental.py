"""Incremental builds: nothing changed renders nothing; one edit re-renders only what shows it.

Published files are hard links to rendered files in the cache, so a file that was not rendered
again keeps its inode: comparing inodes shows exactly what a build rendered."""
from __future__ import annotations

from pathlib import Path

from support import Scratch

from campaign.publish.guard import MARKER


def inodes(output: Path) -> dict[str, int]:
    """Rendered files by inode (not the marker file: each of the two trees that take turns has its own)."""
    return {str(p.relative_to(output)): p.stat().st_ino for p in output.rglob("*")
            if p.is_file() and "previews" not in p.parts and p.name != MARKER}


def rebuilt(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, inode in after.items() if before.get(name) != inode}


def test_nothing_changed_renders_nothing(scratch: Scratch, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert scratch.build("--cache", cache).code == 0
    before = inodes(scratch.output)
    assert scratch.build("--cache", cache).code == 0
    assert rebuilt(before, inodes(scratch.output)) == set()


def test_one_card_edit_renders_only_what_shows_it(scratch: Scratch, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert scratch.build("--cache", cache).code == 0
    before = inodes(scratch.output)
    scratch.edit("cards/dream-job.nl.md", "Hij regelt de reis", "Hij betaalt de reis")
    assert scratch.build("--cache", cache).code == 0
    assert rebuilt(before, inodes(scratch.output)) == {
        "nl/cards/dream-job/index.html",  # the card's page
        "nl/index.html",                  # the home page lists it
        # the posters and products that print it: Brussels (fr + nl), the Dutch card file and image
        "print/blind-betting_bruxelles-midi_a0_fr-nl.pdf", "print/blind-betting_bruxelles-midi_abri_fr-nl.pdf",
        "print/blind-betting_bruxelles-midi_b1_fr-nl.pdf", "print/screens/blind-betting_bruxelles-midi_screen_nl.png",
        "print/blind-betting_card-dream-job_a6_nl.pdf", "og/dream-job.nl.png",
        # the listings of print products: preview page, contact sheet and manifests
        "print/index.html", "print/contact-sheet.pdf", "print/manifest.csv", "print/manifest.json",
        "print/qr-codes.zip",
    }


def test_a_page_title_edit_renders_the_pages_whose_menu_shows_it(scratch: Scratch, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert scratch.build("--cache", cache, "--site-only").code == 0
    before = inodes(scratch.output)
    scratch.edit("pages/signs.fr.md", "title: Reconnaître les signes", "title: Les signes")
    assert scratch.build("--cache", cache, "--site-only").code == 0
    changed = rebuilt(before, inodes(scratch.output))
    french = {name for name in before if name.endswith(".html")
              and '<html lang="fr"' in (scratch.output / name).read_text()}  # the poster landing pages too
    assert changed == french, "every French page shows the menu; no other language changes"


def test_deleting_a_file_removes_its_outputs(scratch: Scratch, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert scratch.build("--cache", cache, "--site-only").code == 0
    assert (scratch.output / "de" / "professionals" / "index.html").exists()
    scratch.path("pages/professionals.de.md").unlink()
    assert scratch.build("--cache", cache, "--site-only").code == 0
    assert not (scratch.output / "de" / "professionals").exists()
    assert "/de/professionals/" not in (scratch.output / "sitemap.xml").read_text()
    # The next build brings the output before last up to date, which still has the page's folder: pruned away.
    assert scratch.build("--cache", cache, "--site-only").code == 0
    assert not (scratch.output / "de" / "professionals").exists()
    assert (scratch.output / "de" / "signs" / "index.html").exists()
