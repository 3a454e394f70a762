"""Every script a Noto family installs prints, with any language first: fonts chosen by script (campaign/print/scripts.py).

A catalogue of languages, one per script the set-up's Noto families cover (and Urdu in Nastaliq, the four CJK
writings, Serbian in both scripts), is split over three campaigns made by `new`: each language leads a poster of
its own with English beside it, its card is written in its script (CLDR's names of the days and months: real words,
shaped), its theme strings in a campaign catalog. Each campaign is built once; every poster is read back: words
inside the trim, the help line's digits in dialling order, every font embedded, the script's family among them.
Then, generated over every language CLDR knows: the family chosen first draws the language's own letters.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel import Locale, localedata
from babel.messages.pofile import read_po, write_po
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfs import digit_runs, trim, words
from support import CACHE, PROJECT, run

from campaign.print.assets import font_faces, missing_characters
from campaign.print.scripts import coverage_hint, installed, language_families, regular, writing
from campaign.tags import tag_problem

EXPECTED = {  # language → the family its words must be embedded in (PostScript name, no style)
    "hi": "NotoSansDevanagari", "bn": "NotoSansBengali", "pa": "NotoSansGurmukhi", "gu": "NotoSansGujarati",
    "or": "NotoSansOriya", "ta": "NotoSansTamil", "te": "NotoSansTelugu", "kn": "NotoSansKannada",
    "ml": "NotoSansMalayalam", "si": "NotoSansSinhala", "th": "NotoSansThai", "lo": "NotoSansLao",
    "km": "NotoSansKhmer", "my": "NotoSansMyanmar", "bo": "NotoSerifTibetan", "ka": "NotoSansGeorgian",
    "hy": "NotoSansArmenian", "he": "NotoSansHebrew", "ar": "NotoSansArabic", "ur": "NotoNastaliqUrdu",
    "fa": "NotoSansArabic", "am": "NotoSansEthiopic", "zh-Hans": "NotoSansCJKsc", "zh-Hant": "NotoSansCJKtc",
    "ja": "NotoSansCJKjp", "ko": "NotoSansCJKkr", "ru": "NotoSans", "sr": "NotoSans", "sr-Latn": "NotoSans",
    "el": "NotoSans",
}
GROUPS = [list(EXPECTED)[start::3] for start in range(3)]
"""Three campaigns of ten languages: three builds in all."""
HELPLINE = """
  - id: helpline
    name: {names}
    description: {en: Help for anyone}
    phones: ["1800 102 7222"]
    hours: 24/7
    regions: [national]
    audiences: [victims]
"""
DIGITS = ["1800", "102", "7222"]
POCKET = "{name: pocket, width_mm: 85, height_mm: 55}"
"""A pocket card, in the language alone (85 × 55 mm at 9 pt holds one): the help line's facts (24/7) beside its
number, laid out by Typst."""


def locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


def card(lang: str) -> str:
    """A card in the language's own script: its name, and CLDR's names of the days and months."""
    names = locale(lang)
    days = " ".join(names.days["format"]["wide"].values())
    months = list(names.months["format"]["wide"].values())
    return (f"---\norder: 1\n---\n\n::: promise\n## {names.display_name}\n\n{days}\n:::\n\n"
            f"::: reality\n## {months[0]} {months[1]}\n\n{' '.join(months)}. 1800 102 7222.\n:::\n")


def write_catalog(folder: Path, lang: str) -> None:
    """The catalog `new` wrote where the theme has none, every string pre-filled from English and marked to translate, translated for the
    test: the English marked with the language's name in its script (a poster prints no string still in English)."""
    path = folder / "campaign_assets" / "translations" / f"{lang}.po"
    if not path.exists():
        return  # the theme has the language's strings
    with path.open("rb") as handle:
        catalog = read_po(handle)
    name = locale(lang).display_name
    for message in catalog:
        if message.id:
            message.flags.discard("fuzzy")
            message.string = (f"{name} {message.string}" if isinstance(message.string, str)
                              else tuple(f"{name} {string}" for string in message.string))
    with path.open("wb") as handle:
        write_po(handle, catalog)


def stations(langs: list[str]) -> str:
    lines = ["stations:"]
    for lang in langs:
        lines += [f"  - id: station-{lang.lower()}", "    name: Example station", "    city: Example city",
                  "    regions: [national]", f"    languages: [{lang}, en]", "    formats: [a2]"]
        lines += [f"  - id: pocket-{lang.lower()}", "    name: Example station", "    city: Example city",
                  "    regions: [national]", f"    languages: [{lang}]", f"    formats: [{POCKET}]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session", params=range(len(GROUPS)), ids=lambda n: "+".join(GROUPS[n]))
def campaign(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, str]:
    """(languages, output, the build's stderr) of one campaign `new` made, its languages written in, built once."""
    langs = GROUPS[request.param]
    folder = tmp_path_factory.mktemp("scripts") / "campaign"
    made = run("new", str(folder), "--name", "Open eyes", "--country", "IN", "--languages", ",".join([*langs, "en"]),
               "--base-url", "https://open-eyes.example/", "--quick-exit", "https://weather.example/",
               "--cache", str(CACHE))
    assert made.code == 0, made.err
    content = folder / "content"
    for lang in langs:
        (content / "cards" / f"example.{lang}.md").write_text(card(lang), encoding="utf-8")
        write_catalog(folder, lang)
    (content / "stations.yml").write_text(stations(langs), encoding="utf-8")
    services = content / "services.yml"
    names = ", ".join(f"{lang}: {locale(lang).display_name}" for lang in langs)  # who answers, in its script
    services.write_text(services.read_text(encoding="utf-8") + HELPLINE.replace("{names}", f"{{{names}, en: Helpline}}"),
                        encoding="utf-8")
    built = run("--content", str(content), "--output", str(folder / "output"), "--cache", str(CACHE))
    return langs, folder / "output", built.err if built.code == 0 else f"exit {built.code}\n{built.err}"


def poster(output: Path, lang: str) -> Path:
    return output / "print" / f"open-eyes_station-{lang.lower()}_a2_{lang}-en.pdf"


def pocket(output: Path, lang: str) -> Path:
    return output / "print" / f"open-eyes_pocket-{lang.lower()}_pocket_{lang}.pdf"


def products(output: Path, lang: str) -> list[Path]:
    """The language's A2 poster (Typst), pocket card (Typst too: it shows the help line's facts) and card file."""
    return [poster(output, lang), pocket(output, lang), output / "print" / f"open-eyes_card-example_a6_{lang}.pdf"]


def embedded(pdf: Path) -> set[str]:
    """The font families of the file as pdffonts lists them (each must say `emb yes`), without subset tag, weight and
    dashes: `ABCDEF+NotoSansCJKjp-Bold-Identity-H` → notosanscjkjp."""
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows and all(" yes " in row.split(maxsplit=1)[1] for row in rows), rows
    return {re.sub(r"-(Regular|Bold)(-Identity-H)?$", "", row.split()[0].split("+")[-1]).replace("-", "").lower()
            for row in rows}


def test_every_language_leads_a_poster_with_no_refusal(campaign: tuple[list[str], Path, str]) -> None:
    langs, output, err = campaign
    refusals = [line for line in err.splitlines() if line.startswith(("error", "exit"))]
    assert not refusals, f"{len(refusals)} refusals:\n" + "\n".join(refusals[:20])
    for lang in langs:
        assert all(pdf.is_file() for pdf in products(output, lang)), lang
        assert (output / lang.lower() / "index.html").is_file() or (output / lang / "index.html").is_file(), lang


def test_each_script_is_printed_in_its_own_family(campaign: tuple[list[str], Path, str]) -> None:
    langs, output, _err = campaign
    for lang in langs:
        for pdf in products(output, lang):
            fonts = embedded(pdf)
            assert EXPECTED[lang].lower() in fonts, (lang, pdf.name, fonts)
            if lang == "ur":
                assert "notosansarabic" not in fonts, "Urdu is never in Naskh"


def test_every_word_lies_inside_the_trim_and_digits_read_in_dialling_order(
        campaign: tuple[list[str], Path, str]) -> None:
    langs, output, _err = campaign
    for lang in langs:
        for pdf in (poster(output, lang), pocket(output, lang)):
            left, top, right, bottom = trim(pdf)
            for word in words(pdf):
                assert left <= word.x0 and word.x1 <= right and top <= word.core[0] and word.core[1] <= bottom, \
                    (pdf.name, word)
            assert any(run_[:3] == DIGITS for run_ in digit_runs(pdf)), (pdf.name, digit_runs(pdf))


# --- generated: every language CLDR knows whose script is installed -------------------------------------------

def first_face(family: str) -> TTFont:
    return regular(next(found for found in installed().values() if found.name == family))


def printable(code: str) -> bool:
    return not tag_problem(code) and writing(code) in installed()


CLDR_LANGUAGES = sorted({code.replace("_", "-") for code in localedata.locale_identifiers()
                         if code.count("_") <= 1 and printable(code.replace("_", "-"))})


@settings(derandomize=True, max_examples=120, deadline=None)
@given(st.sampled_from(CLDR_LANGUAGES))
def test_the_first_family_of_a_language_draws_its_letters(lang: str) -> None:
    families = language_families(lang)
    names = locale(lang)
    text = " ".join([*names.days["format"]["wide"].values(), *names.months["format"]["wide"].values()])
    letters = {ch for ch in text if ch.isalpha()}
    cmap = first_face(families[0]).getBestCmap()
    base = first_face("Noto Sans").getBestCmap()
    missing = {ch for ch in letters if ord(ch) not in cmap and ord(ch) not in base}
    assert not missing, (lang, families[0], sorted(missing)[:10])


@pytest.mark.parametrize(("lang", "family"), [
    ("ur", "Noto Nastaliq Urdu"), ("fa", "Noto Sans Arabic"), ("zh-Hans", "Noto Sans CJK SC"),
    ("zh-Hant", "Noto Sans CJK TC"), ("zh-HK", "Noto Sans CJK HK"), ("ja", "Noto Sans CJK JP"),
    ("ko", "Noto Sans CJK KR"), ("sr", "Noto Sans"), ("sr-Latn", "Noto Sans"), ("bo", "Noto Serif Tibetan"),
    ("bn", "Noto Sans Bengali"), ("en-IN", "Noto Sans")])
def test_named_languages_get_their_family_first(lang: str, family: str) -> None:
    assert language_families(lang)[0] == family
    assert language_families(lang, ("Own Face",))[:2] == ("Own Face", family), "a campaign's own font stays first"


def test_a_character_of_another_script_is_found_in_its_family() -> None:
    """A Bengali campaign reads only Noto Sans and Noto Sans Bengali; a Thai or Chinese name still prints."""
    faces = font_faces(PROJECT / "campaign_assets", ("bn",))
    assert {face.family for face in faces} == {"Noto Sans", "Noto Sans Bengali"}
    assert missing_characters("ফেব্রুয়ারী ฉุกเฉิน 中文 한국어", faces) == []
    assert missing_characters("\U000119a0 😀", faces) == ["\U000119a0", "😀"]


@pytest.mark.parametrize(("ch", "hint"), [
    ("\U000119a0", "Nandinagari script: in Noto Sans Nandinagari, Debian package fonts-noto-core"),
    ("😀", "Common script: no Noto font for print has it"),
    ("ㄅ", "Bopomofo script: in Noto Sans CJK, Debian package fonts-noto-cjk")])
def test_a_missing_character_is_reported_with_its_script_and_where_to_find_it(ch: str, hint: str) -> None:
    assert coverage_hint(ch).startswith(hint)
