"""What a new campaign team trips over, tried with a French campaign in its own folder
(tests/campaigns/gare-du-nord: fr + en, one A0 poster at Paris Gare du Nord, no partners)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CACHE, PROJECT, Scratch, run

FRENCH = PROJECT / "tests" / "campaigns" / "gare-du-nord"
POSTER = "yeux-ouverts_paris-nord_a0_fr-en.pdf"


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    """The French campaign in a folder of its own, which is the current folder."""
    shutil.copytree(FRENCH, tmp_path / "campaign")
    monkeypatch.chdir(tmp_path / "campaign")
    return Scratch(tmp_path / "campaign")


@pytest.fixture(scope="session")
def french_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("french") / "output"
    result = run("--content", str(FRENCH / "content"), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output


def lines_of(pdf: Path) -> list[str]:
    """The poster's text, a line per printed line, left to right (poppler's own layout)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_the_walkthrough_builds_from_the_campaigns_own_folder(tmp_path: Path) -> None:
    """As the README says: from the campaign's folder, no --content, check then build."""
    shutil.copytree(FRENCH, tmp_path / "yeux-ouverts")
    folder = tmp_path / "yeux-ouverts"
    for command in (["check"], []):
        result = subprocess.run([sys.executable, str(PROJECT / "build.py"), *command, "--site-only"], cwd=folder,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert "ready to build" in subprocess.run([sys.executable, str(PROJECT / "build.py"), "check", "--site-only"],
                                              cwd=folder, capture_output=True, text=True).stderr
    assert (folder / "output" / "fr" / "index.html").is_file()


# --- every number on print labelled and separated ---------------------------------------------------

def test_each_number_is_printed_with_who_answers_it_in_both_languages(french_output: Path) -> None:
    lines = lines_of(french_output / "print" / POSTER)
    assert "119 Allô Enfance en Danger · Child protection line" in lines
    assert "17 police" in lines, "one language's label when both read the same"
    assert "112 urgence · emergency" in lines
    assert not any(re.search(r"\b17 112\b|\b112 17\b", line) for line in lines), "never two numbers run together"


def test_emergency_numbers_come_apart_under_their_question_in_each_language(french_output: Path) -> None:
    lines = lines_of(french_output / "print" / POSTER)
    asks = [lines.index("En danger maintenant ?"), lines.index("In danger now?")]
    assert asks[1] == asks[0] + 1, "each language's question on a line of its own"
    assert lines.index("17 police") > asks[1] > lines.index("119 Allô Enfance en Danger · Child protection line")


def test_the_bilingual_poster_names_the_campaign_in_both_languages(french_output: Path) -> None:
    lines = lines_of(french_output / "print" / POSTER)
    assert lines[:2] == ["Garde les yeux ouverts", "Keep your eyes open"]


def test_without_partners_there_is_no_empty_band(french_output: Path) -> None:
    """The lowest text (the address under the QR code) ends near the bottom of the safe area."""
    pdf = french_output / "print" / POSTER
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', html))
    trim = [float(v) for v in re.search(r"TrimBox:\s+(.+)", subprocess.run(
        ["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True).stdout)[1].split()]
    media_height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html)[1])
    trim_bottom, trim_height = media_height - trim[1], trim[3] - trim[1]
    assert trim_bottom - lowest < 0.07 * trim_height, "the space of the missing partners went to the rest"


# --- check checks what the build checks --------------------------------------------------------------

def test_check_fails_where_the_build_would_and_says_ready_where_it_succeeds(french: Scratch) -> None:
    long = " ".join(["C'est de l'exploitation, et ce n'est jamais de ta faute."] * 60)
    french.edit("cards/reve.fr.md", "C'est de l'exploitation.", long)
    checked = run("check", "--cache", str(CACHE))
    assert checked.code == 1
    assert ("error: content/cards/reve.fr.md: the reality side of the card (fr) does not fit on "
            "print/yeux-ouverts_card-reve_a6_fr.pdf, even at the smallest size readable from 0.4 m (3.2 mm): "
            "shorten the text") in checked.err.splitlines()
    assert "the build would stop" in checked.err
    assert not french.output.exists(), "check publishes nothing"
    assert run("--cache", str(CACHE)).code == 1, "and the build stops there too"
    french.edit("cards/reve.fr.md", long, "C'est de l'exploitation.")
    checked = run("check", "--cache", str(CACHE))
    assert checked.code == 0 and "ready to build" in checked.err
    assert run("--cache", str(CACHE)).code == 0
    assert not list(CACHE.glob(".check-*")), "the scratch folder check rendered into is gone"


# --- messages point at what to edit ---------------------------------------------------------------

def errors(stderr: str) -> list[str]:
    return [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error: ")]


def test_a_missing_country_is_one_message_not_one_per_number(french: Scratch) -> None:
    french.edit("campaign.yml", "country: FR\n", "")
    result = run("check", "--site-only")
    assert errors(result.err) == ["content/campaign.yml: country: missing: add `country:` with the two-letter "
                                  "country code, e.g. BE"]


def test_phone_hints_use_the_campaigns_own_country(french: Scratch) -> None:
    french.edit("services.yml", 'phones: ["119"]', 'phones: ["01 23 45"]')
    result = run("check", "--site-only")
    assert errors(result.err) == ['content/services.yml:15: enfance.phones: "01 23 45" is not a valid phone number for '
                                  "FR: check the digits (e.g. 01 23 45 67 89), or write a number from another country "
                                  "with its country code (+…)"]


@pytest.mark.parametrize("card, expected", [
    ("::: promise\n## Un job\n\nUn homme promet.\n\n::: reality\n## Pas de job\n\nExploitation.\n:::\n",
     "content/cards/reve.fr.md:1: promise: the `::: promise` block is not closed before the `::: reality` on line 6: "
     "put `:::` on a line of its own at the end of the promise side"),
    ("::: promise\n## Un job\n\nUn homme promet.\n:::\n\n::: reality\n## Pas de job\n\nExploitation.\n",
     "content/cards/reve.fr.md:7: reality: the `::: reality` block is not closed: put `:::` on a line of its own "
     "after its text"),
])
def test_an_unclosed_block_is_its_own_message_with_its_line(french: Scratch, card: str, expected: str) -> None:
    french.write("cards/reve.fr.md", card)
    result = run("check", "--site-only")
    assert errors(result.err) == [expected], "one message, and no 'the card has no reality side'"


def test_a_comma_in_a_text_inside_braces_is_explained(french: Scratch) -> None:
    french.edit("services.yml", '"Pour les moins de 18 ans. Gratuit, jour et nuit."', "Gratuit, jour et nuit.")
    result = run("check", "--site-only")
    assert errors(result.err)[0] == (
        "content/services.yml:14: enfance.description.jour et nuit.: `jour et nuit.` is not one of the campaign's "
        "languages (fr, en): it looks like the end of a text. Inside { } a comma separates the languages, so put a "
        'text that contains a comma in quotes: {fr: "Gratuit, jour et nuit."}')
