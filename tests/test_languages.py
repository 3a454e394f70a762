"""Every language and every format comes out right, read back from the files themselves.

The stress campaign in tests/campaigns/kijk-verder is built once: Arabic on its own poster (a narrow
600 × 1600 mm column) and with Dutch, Bulgarian + Romanian, Chinese + German with a 40-letter
compound, a bilingual nl + en poster, a base URL with a path, long partner names and a wide logo."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from pdfs import digit_runs, font_sizes_pt, inked, trim, words
from support import PROJECT, Scratch, built, parse, run, tree_digest

from campaign.catalogs import catalog_path, read_catalog, reviewed
from campaign.print.assets import font_faces, missing_characters
from campaign.problems import Problems

STRESS = PROJECT / "tests" / "campaigns" / "kijk-verder"
MM = 72 / 25.4
SAFE_MM = 5.0
"""Every format keeps text at least this far inside the trim (more on large formats)."""
THEME_LANGUAGES = ["bg", "hr", "cs", "da", "nl", "et", "fi", "fr", "de", "el", "hu", "ga", "it", "lv", "lt", "mt", "pl",
                   "pt", "ro", "sk", "sl", "es", "sv", "ar", "uk", "ru", "tr", "sq", "zh-Hans", "vi", "th", "ti"]
"""The 24 official EU languages but English (the templates' own), and the languages of people the campaigns reach."""
PRINT_STRINGS = ["The promise", "The reality", "In danger now?"]


@pytest.fixture(scope="session")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(STRESS / "content", tmp_path_factory.mktemp("stress") / "output")


def product_pdfs(output: Path) -> list[Path]:
    return sorted(p for p in (output / "print").glob("*.pdf") if p.name != "contact-sheet.pdf")


# --- every product builds -------------------------------------------------------------------------

def test_every_product_of_the_stress_campaign_builds(stress: Path) -> None:
    names = {p.name for p in product_pdfs(stress)}
    assert {"kijk-verder_den-haag-centraal_column_ar.pdf", "kijk-verder_amsterdam-centraal_a2_ar-nl.pdf",
            "kijk-verder_rotterdam-centraal_a1_bg-ro.pdf", "kijk-verder_schiphol_a2_zh-Hans-de.pdf",
            "kijk-verder_utrecht-centraal_a1_nl-en.pdf"} <= names
    assert {f"kijk-verder_card-werk_a6_{lang}.pdf" for lang in ("nl", "en", "ar", "bg", "ro", "de", "zh-Hans")} <= names
    assert len(list((stress / "og").glob("werk.*.png"))) == 7, "the 40-letter German title did not stop its image"
    assert len(list((stress / "print" / "screens").glob("*.png"))) == 9, "a 60-character address fits on screens"


# --- nothing clipped ------------------------------------------------------------------------------

def test_every_word_lies_inside_the_trim_and_its_safe_margin(stress: Path) -> None:
    for pdf in product_pdfs(stress):
        left, top, right, bottom = trim(pdf)
        margin = SAFE_MM * MM - 0.5
        for word in words(pdf):
            assert left + margin <= word.x0 and word.x1 <= right - margin, f"{pdf.name}: {word} crosses the side"
            assert top + margin <= word.core[0] and word.core[1] <= bottom - margin, f"{pdf.name}: {word} crosses top or bottom"


def test_no_two_words_overlap(stress: Path) -> None:
    """Words printed over each other are text that ran out of its box (or a broken layout); a space and a bidi
    control print nothing (pdfs.inked)."""
    for pdf in product_pdfs(stress):
        placed = [word for word in words(pdf) if inked(word)]
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if (a.page == b.page and a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5
                        and a.core[0] < b.core[1] and b.core[0] < a.core[1]):
                    pytest.fail(f"{pdf.name}: {a.text!r} and {b.text!r} overlap")


def test_no_text_on_the_card_under_9_pt(stress: Path, sample_output: Path) -> None:
    cards = sorted([*(stress / "print").glob("*_card-*.pdf"), *(sample_output / "print").glob("*_card-*.pdf")])
    assert len(cards) == 7 + 16
    for card in cards:
        sizes = font_sizes_pt(card)
        assert sizes, card.name
        assert min(sizes) >= 9 - 0.01, f"{card.name}: text at {min(sizes):.2f} pt"


# --- phone numbers read in dialling order ----------------------------------------------------------

@pytest.mark.parametrize("name", ["kijk-verder_den-haag-centraal_column_ar.pdf", "kijk-verder_amsterdam-centraal_a2_ar-nl.pdf",
                                  "kijk-verder_card-werk_a6_ar.pdf"])
def test_phone_numbers_read_left_to_right_in_dialling_order_in_arabic(stress: Path, name: str) -> None:
    found = [" ".join(run) for run in digit_runs(stress / "print" / name) if "448" in run]
    assert found, "the number is printed"
    for number in found:
        assert number in ("033 448 11 86", "033 448 1186"), f"{name}: the digits read {number!r} from left to right"


def test_the_arabic_poster_is_mirrored(stress: Path) -> None:
    """Right to left: the QR code on the left, text aligned right; left to right the other way round."""
    def qr_side(pdf: Path) -> str:
        image = subprocess.run(["pdftoppm", "-r", "30", "-gray", "-singlefile", "-png", str(pdf)], capture_output=True,
                               check=True).stdout
        from io import BytesIO

        import zxingcpp
        from PIL import Image
        code = zxingcpp.read_barcodes(Image.open(BytesIO(image)))[0]
        width = Image.open(BytesIO(image)).size[0]
        return "left" if code.position.top_left.x < width / 2 else "right"
    assert qr_side(stress / "print" / "kijk-verder_amsterdam-centraal_a2_ar-nl.pdf") == "left"
    assert qr_side(stress / "print" / "kijk-verder_utrecht-centraal_a1_nl-en.pdf") == "right"
    pdf = stress / "print" / "kijk-verder_amsterdam-centraal_a2_ar-nl.pdf"
    left, _top, right, _bottom = trim(pdf)
    arabic = [w for w in words(pdf) if re.search("[\u0600-\u06ff]", w.text)]
    dutch = [w for w in words(pdf) if w.text in ("Kijk", "DE", "Werk")]
    assert max(w.x1 for w in arabic) > right - 60 * MM, "Arabic lines end at the right margin"
    assert min(w.x0 for w in dutch) < left + 60 * MM, "Dutch lines start at the left margin"


# --- no English where it does not belong -------------------------------------------------------------

def test_no_english_theme_string_on_a_poster_in_other_languages(stress: Path) -> None:
    for pdf in product_pdfs(stress):
        langs = pdf.stem.split("_")[-1]
        if "en" in langs.split("-"):
            continue
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for english in PRINT_STRINGS:
            assert english.upper() not in text.upper(), f"{pdf.name} prints {english!r} in English"


def test_a_print_language_without_theme_strings_stops_the_build(scratch: Scratch) -> None:
    """Serbian has fonts (Cyrillic) but no catalog: a card printed in it cannot carry English labels."""
    scratch.edit("campaign.yml", "languages: [nl, fr, de, en]", "languages: [nl, fr, de, en, sr]")
    scratch.edit("campaign.yml", "card_languages: [nl, fr, de, en]", "card_languages: [nl, fr, de, en, sr]")
    scratch.write("cards/dream-job.sr.md", "::: promise\n## Посао у иностранству\n\nФотограф каже.\n:::\n\n"
                                           "::: reality\n## Нема посла\n\nОво је искоришћавање.\n:::\n")
    before = tree_digest(scratch.output) if scratch.output.exists() else None
    result = scratch.build()
    assert result.code == 1
    assert ("error: campaign_assets/translations/sr.po: there are no theme strings in sr (no catalog in the theme or "
            "the campaign), and the print products in sr cannot carry English labels: write it with `build.py "
            "translations theme --language sr` and translate it; or print nothing in sr (leave it out of the stations' "
            "languages and `print: card_languages` in campaign.yml)") in result.err.splitlines()
    assert (tree_digest(scratch.output) if scratch.output.exists() else None) == before, "nothing was published"


def test_web_strings_that_fall_back_to_english_are_marked_english(scratch: Scratch) -> None:
    scratch.edit("campaign.yml", "languages: [nl, fr, de, en]", "languages: [nl, fr, de, en, sr]")
    result = scratch.build("--site-only")
    assert result.code == 0, result.err
    assert "there are no theme strings in sr: the buttons and headings of its pages show in English" in result.err
    home = (scratch.output / "sr" / "index.html").read_text()
    for english in ("Leave now", "Get help", "Exit this page"):
        assert f'<span lang="en">{english}</span>' in home, english
    for page in (scratch.output / "sr").rglob("*.html"):
        html = page.read_text()
        assert not re.search(r'="[^"]*<span', html), f"{page}: markup inside an attribute"
        assert "<span" not in html.split("<title>")[1].split("</title>")[0], f"{page}: markup in the title"
    assert "<span lang=\"en\">" not in (scratch.output / "nl" / "index.html").read_text(), "Dutch is translated"


# --- theme strings and fonts for the languages people speak ---------------------------------------

@pytest.mark.parametrize("lang", THEME_LANGUAGES)
def test_each_language_has_a_complete_catalog_that_says_whether_it_is_reviewed(lang: str) -> None:
    problems = Problems()
    catalog = read_catalog(PROJECT / "theme", lang, problems)
    assert catalog is not None and not problems.items
    assert not [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert re.search(r"^#?\s*Reviewed: (no|yes)", catalog.header_comment, re.M), "the header says whether it is reviewed"
    assert not reviewed(catalog), "drafts written by us are never marked reviewed"


@pytest.mark.parametrize("lang", THEME_LANGUAGES + ["en", "he", "hi", "ja", "ko"])
def test_the_print_fonts_cover_every_letter_of_each_language(lang: str) -> None:
    """Text in the language's own script: its theme strings, and its names of days, months and of itself (CLDR)."""
    locale = Locale.parse(lang.replace("-", "_"))
    text = " ".join([*locale.days["format"]["wide"].values(), *locale.months["format"]["wide"].values(),
                     locale.get_display_name(locale) or ""])
    catalog = read_catalog(PROJECT / "theme", lang, Problems())
    if catalog is not None:
        text += " ".join(str(m.string) for m in catalog if m.id)
    assert missing_characters(text, font_faces(PROJECT / "campaign_assets")) == []


def test_the_site_names_each_language_in_its_own_script(stress: Path) -> None:
    root = " ".join(parse(stress / "index.html").text)
    for name in ("Nederlands", "العربية", "български", "română", "Deutsch", "中文"):
        assert name.lower() in root.lower(), name


def test_check_shows_which_theme_strings_are_reviewed(scratch: Scratch, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    french = catalog_path(theme, "fr")
    french.write_text(french.read_text().replace("# Reviewed: no", "# Reviewed: yes, by A. Dupont, 2026-11-20 —"))
    result = run("check", "--content", "content", "--theme", str(theme))
    assert result.code == 0
    with (PROJECT / "theme" / "translations" / "messages.pot").open("rb") as handle:
        n = len([message for message in read_po(handle) if message.id])
    rows = {line.split()[0]: line.split()[1:] for line in result.out.split("by language:\n")[1].splitlines()[1:4]}
    assert rows == {lang: ["theme", lang, "100%", f"({n}/{n})", state, "website", "and", "print"]
                    for lang, state in (("nl", "no"), ("fr", "yes"), ("de", "no"))}
    warned = [line for line in result.err.splitlines() if "a draft no native speaker has reviewed" in line]
    assert [line.split("/translations/")[1].split("/")[0] for line in warned] == ["nl", "de"]
    assert run("check", "--content", "content", "--theme", str(theme), "--strict").code == 1, "strict refuses drafts"


def test_a_base_url_of_60_characters_builds_on_every_format(scratch: Scratch) -> None:
    """The address under the QR code breaks after a / where it must: A2 (the smallest poster), screens, cards."""
    base = "https://kijkverder.example.nl/campagne/een-lange-weg-ernaar/"
    assert len(base) == 60
    scratch.edit("campaign.yml", "base_url: https://blind-betting.example/", f"base_url: {base}")
    scratch.edit("stations.yml", "    formats: [a0, abri, b1]\n    card: true-love", "    formats: [a2]\n    card: true-love")
    for card in ("easy-money", "place-to-stay", "dream-job"):
        for lang in ("nl", "fr", "de", "en"):
            scratch.path(f"cards/{card}.{lang}.md").unlink()
    scratch.edit("stations.yml", "    card: dream-job\n", "")
    scratch.edit("stations.yml", "    card: place-to-stay\n", "")
    result = scratch.build()
    assert result.code == 0, result.err
    poster = scratch.output / "print" / "blind-betting_antwerpen-centraal_a2_nl.pdf"
    text = subprocess.run(["pdftotext", str(poster), "-"], capture_output=True, text=True, check=True).stdout
    assert "een-lange-weg-ernaar/" in text.replace("\n", "")
