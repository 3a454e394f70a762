"""What a new campaign team trips over, tried with a French campaign in its own folder
(tests/campaigns/gare-du-nord: fr + en, one A0 poster at Paris Gare du Nord, no partners)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo
from ruamel.yaml import YAML
from support import CACHE, PROJECT, Scratch, built, other_warnings, run

from campaign.content.load import load_site
from campaign.content.model import Site
from campaign.content.starter import scalar, slug_for
from campaign.problems import Problems

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
    return built(FRENCH / "content", tmp_path_factory.mktemp("french") / "output")


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


# --- build.py new FOLDER ------------------------------------------------------------------------------

FRANCE = ("--name", "Yeux ouverts", "--country", "FR", "--languages", "fr,ar",
          "--base-url", "https://yeux-ouverts.example.fr/", "--quick-exit", "https://meteofrance.com/")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, and no terminal: `new` must not ask anything."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return tmp_path


def loaded(folder: Path) -> Site:
    problems = Problems()
    site = load_site(folder / "content", problems)
    assert site is not None and not problems.errors, [p.render() for p in problems.errors]
    return site


def nothing_created(parent: Path, name: str) -> bool:
    """Neither the folder nor the hidden one it is prepared in."""
    return not any(path.name == name or path.name.startswith(f".{name}.new-") for path in parent.iterdir())


def test_new_makes_a_french_and_arabic_campaign_that_builds_site_and_print(here: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    made = run("new", "yeux-ouverts", *FRANCE)
    assert made.code == 0, made.err
    assert errors(made.err) == [] and other_warnings(made.err) == [], "only the theme's draft translations"
    folder = here / "yeux-ouverts"
    assert sorted(p.name for p in here.iterdir()) == ["yeux-ouverts"], "no hidden folder left behind"
    assert not (folder / ".cache").exists()
    site = loaded(folder)
    assert site.campaign.languages == ("fr", "ar") and site.campaign.slug == "yeux-ouverts"
    assert site.campaign.regions == {"national": {"fr": "France", "ar": "فرنسا"}}
    assert (site.campaign.end - site.campaign.start).days == 28
    [emergency] = site.services
    assert emergency.emergency and [p.display for p in emergency.phones] == ["112"], "one number everybody can dial"
    services = (here / "yeux-ouverts" / "content" / "services.yml").read_text()
    assert "It also lists 15, 17, 18 as emergency numbers of FR" in services, "the others, to confirm and label"
    assert emergency.name == {"fr": "Urgence", "ar": "طوارئ"}, "the theme's own translation of Emergency"
    assert [(s.id, s.languages, [f.name for f in s.formats]) for s in site.stations] == [
        ("example-station", ("fr",), ["a2"])]
    assert sorted(f"{c.id}.{c.lang}" for c in site.cards) == ["example.ar", "example.fr"]
    assert sorted(f"{p.id}.{p.lang}" for p in site.pages) == ["safety.ar", "safety.fr"]
    safety = (folder / "content" / "pages" / "safety.ar.md").read_text(encoding="utf-8")
    assert "reviewed:" not in safety and "# A draft from the theme's starter texts" in safety
    assert "Drafts no native speaker has reviewed" in made.out and "content/cards/example.ar.md" in made.out
    assert "English texts to translate" not in made.out
    steps = made.out.split("Next steps, from the new folder:\n")[1].splitlines()
    tool = f"{sys.executable} {PROJECT / 'build.py'}"
    assert [steps[i].strip() for i in (0, 1, 3, 5)] == ["cd yeux-ouverts", f"1. {tool} check", f"2. {tool}",
                                                      f"3. {tool} serve"]
    monkeypatch.chdir(folder)
    built = run("--cache", str(CACHE))
    assert built.code == 0, built.err
    assert other_warnings(built.err) == []
    print_files = sorted(p.name for p in (folder / "output" / "print").glob("*.pdf"))
    assert print_files == ["contact-sheet.pdf", "yeux-ouverts_card-example_a6_fr.pdf",
                           "yeux-ouverts_example-station_a2_fr.pdf"], "cards in the station's language (the default)"
    assert "#   card_languages: [fr, ar]" in (folder / "content" / "campaign.yml").read_text(), "how to print more"
    assert sorted(p.name for p in (folder / "output" / "og").glob("*.png")) == ["example.ar.png", "example.fr.png"]
    assert 'dir="rtl"' in (folder / "output" / "ar" / "index.html").read_text(encoding="utf-8")


def test_new_makes_a_dutch_campaign_in_an_empty_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (here / "ogen-open").mkdir()
    made = run("new", "ogen-open", "--name", "Ogen open!", "--country", "nl", "--languages", "nl, en",
               "--base-url", "https://ogen-open.example/", "--quick-exit", "https://www.knmi.nl/",
               "--primary-colour", "#1d4f91", "--site-only")
    assert made.code == 0, made.err
    site = loaded(here / "ogen-open")
    assert site.campaign.country == "NL" and site.campaign.languages == ("nl", "en")
    assert site.campaign.regions["national"] == {"nl": "Nederland", "en": "Netherlands"}
    assert (site.campaign.colours.primary, site.campaign.colours.accent) == ("#1d4f91", "#e8edf4")
    [emergency] = site.services
    assert [p.display for p in emergency.phones] == ["112"], "911 only forwards to 112 in the Netherlands"
    assert "build.py check --site-only" in made.out
    monkeypatch.chdir(here / "ogen-open")
    assert run("--site-only").code == 0


@pytest.mark.parametrize("country, language, quick_exit, listed", [
    ("ES", "es", "https://www.aemet.es/", "which also lists 085, 088 and can miss others"),
    ("FI", "fi", "https://www.ilmatieteenlaitos.fi/", "which can miss others"),
])
def test_new_says_libphonenumber_can_miss_emergency_numbers(here: Path, country: str, language: str, quick_exit: str,
                                                           listed: str) -> None:
    """Spain's national police, 091, is not among libphonenumber's emergency numbers (085, 088, 112): the
    phonenumbers package has it only as a normal-rate short number, like any country's numbers that libphonenumber
    classes as 'expanded emergency'. `new` cannot know them, so it says, for every country, that the list can miss
    some, and where to add them."""
    assert shortnumberinfo.is_valid_short_number_for_region(phonenumbers.parse("091", "ES"), "ES")
    assert not shortnumberinfo.is_emergency_number("091", "ES")
    made = run("new", "ojos", "--name", "Ojos", "--country", country, "--languages", language, "--base-url",
               f"https://ojos.example.{country.lower()}/", "--quick-exit", quick_exit, "--site-only")
    assert made.code == 0, made.err
    line = next(line for line in made.out.splitlines() if "content/services.yml" in line)
    assert f"the emergency number 112 of {country} (libphonenumber), {listed} (such as a police force's own)" in line
    services = (here / "ojos" / "content" / "services.yml").read_text(encoding="utf-8")
    assert "# Its list is not complete:" in services and "a national police's own number" in services
    assert "# Add those you have confirmed, each with its label" in services
    [emergency] = loaded(here / "ojos").services
    assert [phone.display for phone in emergency.phones] == ["112"], "nothing unconfirmed is written as a number"


def test_a_language_without_starter_texts_gets_the_english_ones_to_translate(here: Path) -> None:
    made = run("new", "tbilisi", "--name", "Open eyes", "--country", "GE", "--languages", "ka,en",
               "--base-url", "https://open-eyes.example/", "--quick-exit", "https://weather.example/", "--site-only")
    assert made.code == 0, made.err
    english = (here / "tbilisi" / "content" / "pages" / "safety.ka.md").read_text(encoding="utf-8")
    assert "**Leave now**" in english
    assert "# The English starter text: translate it into ka" in english
    assert ("English texts to translate (the theme has no starter text in their language):\n"
            "  content/pages/safety.ka.md, content/cards/example.ka.md") in made.out
    assert [p.display for p in loaded(here / "tbilisi").services[0].phones][0] == "112"


def file_message(french: Scratch, old: str, new: str) -> list[str]:
    """What `check` says about campaign.yml with `old` replaced by `new`: `field: message`, without path and line."""
    french.edit("campaign.yml", old, new)
    return sorted(line.split(": ", 1)[1] for line in errors(run("check", "--site-only").err))


@pytest.mark.parametrize("option, value, old, new", [
    ("--base-url", "http://yeux-ouverts.example.fr/", "base_url: https://", "base_url: http://"),
    ("--quick-exit", "meteofrance.com", "quick_exit: https://meteofrance.com/", "quick_exit: meteofrance.com"),
    ("--country", "XX", "country: FR", "country: XX"),
    ("--languages", "fr,arabic", "languages: [fr, en]", "languages: [fr, arabic]"),
    ("--primary-colour", "#ffdd00", "regions:", 'colours: {primary: "#ffdd00"}\nregions:'),
])
def test_a_bad_answer_gets_the_message_a_bad_file_gets_and_nothing_is_created(
        french: Scratch, tmp_path: Path, option: str, value: str, old: str, new: str) -> None:
    expected = file_message(french, old, new)
    answers = list(FRANCE)
    if option in answers:
        answers[answers.index(option) + 1] = value
    else:
        answers += [option, value]
    made = run("new", str(tmp_path / "yeux"), *answers)
    assert made.code == 1
    found = errors(made.err)
    assert all(line.startswith(f"{tmp_path / 'yeux' / 'content' / 'campaign.yml'}:") for line in found), found
    assert sorted(line.split(": ", 1)[1] for line in found) == expected
    assert "Give other answers for" in made.err and option in made.err.splitlines()[-1]
    assert nothing_created(tmp_path, "yeux")


def test_a_folder_that_is_not_empty_is_refused(here: Path) -> None:
    (here / "mine").mkdir()
    (here / "mine" / "notes.txt").write_text("keep me")
    made = run("new", "mine", *FRANCE)
    assert (made.code, made.err.strip()) == (1, "error: mine: the folder exists and is not empty: give a new folder "
                                                "(`build.py new` never writes over files)")
    assert [p.name for p in (here / "mine").iterdir()] == ["notes.txt"]


def test_without_a_terminal_a_missing_answer_is_an_error_naming_its_option(here: Path) -> None:
    made = run("new", "ogen", "--name", "Ogen open", "--country", "NL", "--quick-exit", "https://www.knmi.nl/")
    assert made.code == 1
    assert errors(made.err) == [
        "--languages: missing: give the language codes, the main one first, e.g. --languages nl",
        "--base-url: missing: give the address the site will have, e.g. --base-url https://open-your-eyes.example/",
    ]
    assert nothing_created(here, "ogen")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_missing_answers_are_asked(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {"Campaign name": "Garde les yeux ouverts", "Country": "fr", "Languages": "",
               "Web address": "https://yeux.example/", "Quick-exit page": "https://meteofrance.com/", "Main colour": ""}
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answer for start, answer in answers.items() if prompt.startswith(start))

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", ask)
    made = run("new", "yeux", "--site-only")
    assert made.code == 0, made.err
    assert asked[2] == "Languages, the main one first, separated by commas [fr]: ", "the country's official language"
    assert asked[5] == "Main colour, as # and six hex digits [#8a1538]: "
    site = loaded(here / "yeux")
    assert (site.campaign.name, site.campaign.languages, site.campaign.slug) == (
        {"fr": "Garde les yeux ouverts"}, ("fr",), "garde-les-yeux-ouverts")


@pytest.mark.parametrize("text", ["NO", "yes", "Null", "Bosnia & Herzegovina", "a: b", "#1", "12", "Côte d’Ivoire",
                                  'say "hi"', "back\\slash", "x\u202ey", "https://x.example/a#b", "Nu in gevaar?"])
def test_answers_are_written_as_yaml_that_reads_back_exactly(text: str) -> None:
    assert YAML(typ="safe").load(f"key: {scalar(text)}  # comment\n") == {"key": text}


def test_the_slug_is_ascii_from_the_name() -> None:
    assert slug_for("Garde l'œil ouvert !") == "garde-l-oeil-ouvert"
    assert slug_for("الرهان الأعمى") != "" and slug_for("🙈") == "campaign"
    assert len(slug_for("word " * 30)) <= 40
