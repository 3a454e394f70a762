"""`--site-only` on a second team's campaign (issue 21): the website is rebuilt, the published print products and
sharing images stay as the last full build made them, because the pages still point og:image at them."""
from __future__ import annotations

from support import Scratch, parse, tree_digest


def test_site_only_keeps_the_last_print_products_and_sharing_images(spanish: Scratch) -> None:
    assert spanish.build().code == 0
    printed = {folder: tree_digest(spanish.output / folder) for folder in ("print", "og")}
    spanish.edit("cards/example.ro.md", "## Ți se ia pașaportul", "## Îți iau pașaportul")
    result = spanish.build("--site-only")
    assert result.code == 0, result.err
    assert result.out.strip().endswith("output/print/ and og/ are kept from the last full build, not brought up to "
                                       "date (--site-only).")
    assert {folder: tree_digest(spanish.output / folder) for folder in ("print", "og")} == printed
    page = spanish.output / "ro" / "cards" / "example" / "index.html"
    assert "Îți iau pașaportul" in page.read_text(encoding="utf-8"), "the pages are up to date"
    image = parse(page).find("meta", property="og:image")[0]["content"]
    assert image and image.endswith("/og/example.ro.png")
    assert (spanish.output / "og" / "example.ro.png").is_file(), "what the page points at is there"


def test_site_only_into_an_output_of_another_campaign_keeps_none_of_its_print(spanish: Scratch) -> None:
    assert spanish.build().code == 0
    spanish.edit("campaign.yml", "slug: ojos-abiertos", "slug: ulls-oberts")
    result = spanish.build("--site-only")
    assert result.code == 0, result.err
    assert not (spanish.output / "print").exists() and not (spanish.output / "og").exists()
    assert "no print products (--site-only)" in result.out
