"""A campaign for India's railway stations, made by `new` as the README says: Hindi first, Bengali, Tamil, Urdu and
Indian English (`en-IN`), country IN. Numbers as India dials them, and what each number is for read in its place."""
from __future__ import annotations

import functools
import re
import secrets
import subprocess
from pathlib import Path

import phonenumbers
import pytest
from babel import Locale, localedata
from babel.messages.pofile import read_po
from fontTools.ttLib import TTCollection, TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from support import CACHE, PROJECT, Result, parse, run

from campaign.catalogs import sources
from campaign.content.model import Page
from campaign.content.phones import PhoneError, dial
from campaign.content.untranslated import written_in
from campaign.site.fonts import families
from campaign.tags import tag_problem

LANGUAGES = ("hi", "bn", "ta", "ur", "en-IN")
TOLL_FREE = "1800 102 7222"
HELPLINE = f"""
  - id: childline
    name: {{hi: चाइल्डलाइन, en-IN: Childline}}
    description: {{hi: बच्चों के लिए, en-IN: For children}}
    phones:
      - {{number: "{TOLL_FREE}", label: {{hi: टोल-फ़्री, bn: টোল-ফ্রি, ta: கட்டணமில்லா, ur: ٹول فری, en-IN: toll-free}}}}
      - "1098"
    hours: 24/7
    languages: [hi, bn, ta, ur, en]
    regions: [national]
    audiences: [minors]
"""


def new_indian(folder: Path, *extra: str) -> Result:
    return run("new", str(folder), "--name", "Aankhen Kholo", "--country", "IN", "--languages", ",".join(LANGUAGES),
               "--base-url", "https://aankhen.example.in/", "--quick-exit", "https://mausam.imd.gov.in/",
               "--cache", str(CACHE), *extra)


@pytest.fixture(scope="session")
def indian_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The campaign `new` makes (website only), with a children's helpline whose toll-free number a card names."""
    folder = tmp_path_factory.mktemp("india") / "aankhen-kholo"
    made = new_indian(folder, "--site-only")
    assert made.code == 0, made.err
    services = folder / "content" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8") + HELPLINE, encoding="utf-8")
    card = folder / "content" / "cards" / "example.en-IN.md"
    card.write_text(card.read_text(encoding="utf-8").replace("\n:::\n", f"\n\nCall {TOLL_FREE}.\n:::\n", 1),
                    encoding="utf-8")
    built = run("--content", str(folder / "content"), "--output", str(folder / "output"), "--cache", str(CACHE),
                "--site-only")
    assert built.code == 0, built.err
    return folder / "output"


# --- tel: links as a phone in the country dials them ---------------------------------------------------------

def test_a_toll_free_number_india_cannot_dial_from_abroad_links_in_its_national_form(indian_site: Path) -> None:
    help_page = (indian_site / "en-IN" / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:18001027222"' in help_page
    assert "tel:+9118001027222" not in help_page, "libphonenumber: not diallable in international format"
    assert 'href="tel:1098"' in help_page, "a short code as it is"
    assert 'href="tel:112"' in help_page
    card = (indian_site / "en-IN" / "cards" / "example" / "index.html").read_text(encoding="utf-8")
    assert TOLL_FREE in card, "the number in the card's text is the directory's: no error, shown as written"


def test_a_label_is_read_after_its_number_not_as_who_answers(indian_site: Path) -> None:
    for lang, name, label in (("en-IN", "Childline", "toll-free"), ("hi", "चाइल्डलाइन", "टोल-फ़्री")):
        page = indian_site / lang / "help" / "index.html"
        html = page.read_text(encoding="utf-8")
        links = [a for a in parse(page).find("a") if a.get("href") == "tel:18001027222"]
        assert links, lang
        for link in links:
            assert link["aria-label"].startswith(f"{name}") or f" {name}" in link["aria-label"], link
            assert label not in link["aria-label"], "the label does not stand for who answers"
            assert link["aria-label"].endswith(f"– {TOLL_FREE}"), link
        after = re.findall(r'href="tel:18001027222"[^>]*>.*?</a>(.*?)</li>', html, re.S)
        assert after and all(f'<span class="phone-label">{label}</span>' in text for text in after), after
        assert f"({label})" not in html, "no brackets, which read as part of a name"
        assert f'<span class="call-name">{name} <span class="phone-label">{label}</span></span>' in html, \
            "the main help line's button says it is toll-free too, after who answers"


REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST,
         PhoneNumberType.UAN)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(region=st.sampled_from(REGIONS), kind=st.sampled_from(TYPES))
def test_every_link_dials_the_number_it_shows_from_a_phone_in_the_country(region: str, kind: int) -> None:
    """Across libphonenumber's example numbers: E.164 where the number can be dialled internationally, otherwise the
    national form, which reads back as the same number in the country."""
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None or not phonenumbers.is_valid_number_for_region(example, region):
        return
    written = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
    try:
        _shown, tel = dial(written, region)
    except PhoneError as exc:
        assert "premium-rate" in str(exc)
        return
    target = tel.removeprefix("tel:")
    if phonenumbers.can_be_internationally_dialled(example):
        assert target == phonenumbers.format_number(example, PhoneNumberFormat.E164)
    else:
        assert target.isdigit() and phonenumbers.parse(target, region) == example, (region, written, tel)


@pytest.mark.parametrize(("number", "region", "tel"), [
    (TOLL_FREE, "IN", "tel:18001027222"),        # India's toll-free: not diallable from abroad
    ("98765 43210", "IN", "tel:+919876543210"),  # an Indian mobile: E.164
    ("1098", "IN", "tel:1098"),                  # a short code as it is
    ("02 511 64 64", "BE", "tel:+3225116464"),
    ("116 000", "BE", "tel:116000"),
])
def test_numbers_as_the_country_dials_them(number: str, region: str, tel: str) -> None:
    assert dial(number, region)[1] == tel


def test_a_number_no_phone_abroad_can_call_is_refused_for_another_country() -> None:
    with pytest.raises(PhoneError, match="cannot be dialled from abroad"):
        dial("+91 1800 102 7222", "BE")


# --- text not translated yet: seen in `check`, and published under the language it is really in ---------------

def test_the_starter_text_is_to_translate_in_every_language_but_english(indian_site: Path) -> None:
    folder = indian_site.parent
    result = run("check", "--content", str(folder / "content"), "--output", str(indian_site), "--cache", str(CACHE),
                 "--site-only")
    rows = {line.split()[1]: line.split()[2:] for line in result.out.splitlines() if line.startswith(("card ", "page "))}
    to_translate = ["to", "translate"] * 4
    assert rows["safety"] == [*to_translate, "present"], "hi first: the English starter text is not Hindi either"
    assert rows["example"][:8] == to_translate and rows["example"][-1] == "present"
    for lang in LANGUAGES[:-1]:
        assert (f"warning: {folder}/content/pages/safety.{lang}.md: text: is still the English starter text "
                f"`build.py new` wrote: translate this page into {lang}") in result.err
    strict = run("check", "--content", str(folder / "content"), "--output", str(indian_site), "--cache", str(CACHE),
                 "--site-only", "--strict")
    assert strict.code == 1 and f"error (strict): {folder}/content/cards/example.bn.md: text:" in strict.err


def test_a_page_in_english_is_marked_english_on_the_bengali_site(indian_site: Path) -> None:
    for lang in ("hi", "bn", "ta", "ur"):
        html = (indian_site / lang / "safety" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, "the page around it (buttons, headings) stays in its language"
        assert '<h1 lang="en" dir="ltr">Staying safe online</h1>' in html
        assert '<title lang="en" dir="ltr">Staying safe online – ' in html, "the tab's title and the description too"
        assert re.search(r'<meta name="description" content="[^"]*" lang="en" dir="ltr">', html)
        assert '<div class="prose" lang="en" dir="ltr">' in html
        assert '<span lang="en" dir="ltr">Staying safe online</span></a>' in html, "in the menu too"
        home = (indian_site / lang / "index.html").read_text(encoding="utf-8")
        assert home.count('class="side-text" lang="en" dir="ltr"') == 2, "both sides of the card"
    english = (indian_site / "en-IN" / "safety" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Staying safe online</h1>" in english and 'lang="en" dir' not in english and "<title>" in english


def page(lang: str, text: str) -> Page:
    return Page("about", lang, "Title", "", f"<p>{text}</p>", 1, None, Path(f"pages/about.{lang}.md"))


CAMPAIGN_LANGUAGES = ("hi", "bn", "ta", "ur", "en-IN", "en")


@settings(derandomize=True, max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=len(CAMPAIGN_LANGUAGES), max_size=len(CAMPAIGN_LANGUAGES)))
def test_a_copy_is_marked_with_the_language_of_the_version_it_copies(texts: list[int]) -> None:
    """Each language's version gets one of six texts: those that share a text with a language of another family
    are copies of the first of them in the campaign's order; en and en-IN may share theirs."""
    items = [page(lang, f"text {n}") for lang, n in zip(CAMPAIGN_LANGUAGES, texts, strict=True)]
    found = written_in(items, CAMPAIGN_LANGUAGES, set())
    for index, lang in enumerate(CAMPAIGN_LANGUAGES):
        first = CAMPAIGN_LANGUAGES[texts.index(texts[index])]
        if first.split("-")[0] == lang.split("-")[0]:
            assert ("about", lang) not in found, (lang, texts)
        else:
            assert found[("about", lang)] == first, (lang, texts)
    starter = ("Title", "<p>text 0</p>")
    for (item_id, lang), text in written_in(items, CAMPAIGN_LANGUAGES, {starter}).items():
        if texts[CAMPAIGN_LANGUAGES.index(lang)] == 0:
            assert text == "en" and not lang.startswith("en"), "the English starter text is English wherever it is"


# --- CLDR where text is joined or shown ----------------------------------------------------------------------

def test_language_names_are_joined_as_each_language_joins_a_list(indian_site: Path) -> None:
    for lang, line in (("ur", "ہندی، بنگلہ، تمل، اردو، اور انگریزی"), ("en-IN", "Hindi, Bengali, Tamil, Urdu and English"),
                       ("ta", "இந்தி, வங்காளம், தமிழ், உருது மற்றும் ஆங்கிலம்")):
        html = (indian_site / lang / "help" / "index.html").read_text(encoding="utf-8")
        served = re.search(r'<p class="served">(.*?)</p>', html).group(1)
        assert served.endswith(line), (lang, served)


def test_urdu_is_read_in_nastaliq_from_the_readers_own_fonts(indian_site: Path, sample_output: Path) -> None:
    css = (indian_site / "static" / "site.css").read_text(encoding="utf-8")
    assert '[lang|="ur"], [lang|="ur"] body { font-family: "Noto Nastaliq Urdu", "Jameel Noto Nastaliq"' in css
    assert "@font-face" not in css and "url(" not in css, "no web font: nothing is downloaded"
    assert 'lang|="hi"' not in css, "Devanagari: the general stack's fallback fonts draw it well"
    assert "Nastaliq" not in (sample_output / "static" / "site.css").read_text(encoding="utf-8")


def installed(family: str) -> list[Path]:
    listed = subprocess.run(["fc-list", "-f", "%{file}\n", f":family={family}"], capture_output=True, text=True)
    return [Path(line) for line in listed.stdout.splitlines() if line]


@functools.lru_cache(maxsize=None)
def characters(path: Path) -> frozenset[int]:
    """Every character a font file (or a collection's fonts together) can draw: read once per file."""
    fonts = TTCollection(path, lazy=True).fonts if path.suffix == ".ttc" else [TTFont(path, lazy=True)]
    return frozenset().union(*(font.getBestCmap() for font in fonts))


def covers(files: list[Path], text: str) -> bool:
    return any(all(ord(ch) in characters(path) for ch in text if ch.isalpha()) for path in files)


STACKED = sorted({tag for code in localedata.locale_identifiers() if families(tag := code.replace("_", "-"))})


@settings(derandomize=True, max_examples=12, deadline=None)
@given(st.sampled_from(STACKED))
def test_the_first_face_of_each_stack_is_installed_and_draws_the_language(tag: str) -> None:
    """Across CLDR's languages that get a stack of their own: the set-up's Noto face (fonts-noto-core, fonts-noto-cjk)
    is found by its family name and has every letter of the language's name in itself."""
    first = families(tag)[0]
    files = installed(first)
    assert files, f"{first} is not installed"
    assert covers(files, Locale.parse(tag.replace("-", "_")).display_name), (tag, first)


# --- any language first: `new` writes the theme strings it lacks ----------------------------------------------

@pytest.fixture(scope="session")
def indian_campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The campaign `new` makes with posters, Hindi first: what it said, and its folder."""
    folder = tmp_path_factory.mktemp("india-print") / "aankhen-kholo"
    return folder, new_indian(folder)


def template_messages() -> list[str]:
    with (PROJECT / "theme" / "translations" / "messages.pot").open("rb") as handle:
        return [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id]


def test_new_makes_a_campaign_with_hindi_first_that_builds_pages_and_posters(indian_campaign: tuple[Path, Result]) -> None:
    folder, made = indian_campaign
    assert made.code == 0, made.err
    assert "there are no theme strings in hi" not in made.err
    assert "campaign_assets/translations/  the theme strings (buttons, headings, poster labels) in hi, bn, ta, ur" in made.out
    assert "one example station with an A2 poster in en-IN" in made.out, "the first language that can be printed"
    messages = template_messages()
    for lang in ("hi", "bn", "ta", "ur"):
        assert f"warning: {folder}/campaign_assets/translations/{lang}.po: {len(messages)} theme strings to translate" \
            in made.err, "said once per catalog by `new`"
        with (folder / "campaign_assets" / "translations" / f"{lang}.po").open("rb") as handle:
            catalog = read_po(handle)
        entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
        assert sorted(entries) == sorted(messages)
        for message in entries.values():
            assert message.fuzzy, "marked to translate"
            english = message.id if isinstance(message.id, str) else message.id[0]
            assert (message.string if isinstance(message.string, str) else message.string[0]) == english
    assert not (folder / "campaign_assets" / "translations" / "en-IN.po").exists(), "English needs no catalog"
    built = run("--content", str(folder / "content"), "--output", str(folder / "output"), "--cache", str(CACHE))
    assert built.code == 0, built.err
    assert (folder / "output" / "print" / "aankhen-kholo_example-station_a2_en-IN.pdf").is_file()
    hindi = (folder / "output" / "hi" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="hi"' in hindi and '<span lang="en">Leave now</span>' in hindi, \
        "a string marked to translate shows in English, marked as English"


def test_each_string_to_translate_is_a_warning_with_its_line(indian_campaign: tuple[Path, Result]) -> None:
    folder, _made = indian_campaign
    check = run("check", "--content", str(folder / "content"), "--output", str(folder / "output"), "--cache",
                str(CACHE))
    assert check.code == 0, check.err
    marked = re.findall(r'^warning: (\S+)/(\w+)\.po:(\d+): msgid "(.*?)": not translated into \2 yet', check.err, re.M)
    assert len(marked) == 4 * len(template_messages())
    lines = (folder / "campaign_assets" / "translations" / "hi.po").read_text(encoding="utf-8").splitlines()
    for _folder, lang, line, msgid in marked:
        if lang == "hi":
            assert lines[int(line) - 1].startswith(f'msgid "{msgid}'), (line, msgid)
    strict = run("check", "--content", str(folder / "content"), "--output", str(folder / "output"), "--cache",
                 str(CACHE), "--strict")
    assert strict.code == 1 and re.search(r'^error \(strict\): \S+/hi\.po:\d+: msgid "Leave now"', strict.err, re.M)


FIRST_LANGUAGES = sorted({tag for code in localedata.locale_identifiers()
                          if "_" not in code and not (tag := code).startswith("en") and not tag_problem(tag)
                          and not sources(PROJECT / "theme", None, tag).catalogs})


@settings(derandomize=True, max_examples=5, deadline=None)
@given(st.sampled_from(FIRST_LANGUAGES))
def test_new_makes_a_website_in_any_language_cldr_knows_first(tmp_path_factory: pytest.TempPathFactory,
                                                              lang: str) -> None:
    folder = tmp_path_factory.mktemp("first") / "campaign"
    made = run("new", str(folder), "--site-only", "--name", "Open eyes", "--country", "IN", "--languages", f"{lang},en",
               "--base-url", "https://open-eyes.example/", "--quick-exit", "https://weather.example/")
    assert made.code == 0, (lang, made.err)
    assert (folder / "campaign_assets" / "translations" / f"{lang}.po").is_file()


@pytest.mark.parametrize("lang", ["am", "ti", "bn"])
def test_named_languages_lead_a_new_website(tmp_path: Path, lang: str) -> None:
    """Amharic (no theme catalog), Tigrinya (a theme catalog: none written), Bengali."""
    made = run("new", str(tmp_path / "c"), "--site-only", "--name", "Open eyes", "--country", "ET", "--languages",
               f"{lang},en", "--base-url", "https://open-eyes.example/", "--quick-exit", "https://weather.example/")
    assert made.code == 0, made.err
    written = (tmp_path / "c" / "campaign_assets" / "translations" / f"{lang}.po").is_file()
    assert written == (lang != "ti")


# --- `check` reuses the build's print cache, and the build reuses check's ------------------------------------

def rendered(result: Result) -> int:
    """How many print products a build or check rendered, as its progress line says."""
    assert result.code == 0, result.err
    found = re.search(r"print: (\d+) of \d+ products to render", result.err)
    assert found, result.err
    return int(found[1])


def test_check_and_build_render_each_poster_once_between_them(indian_campaign: tuple[Path, Result]) -> None:
    folder, _made = indian_campaign
    command = ("--content", str(folder / "content"), "--output", str(folder / "output"), "--cache", str(CACHE))
    run(*command)
    assert rendered(run("check", *command)) == 0, "check after a build renders nothing again"
    card = folder / "content" / "cards" / "example.en-IN.md"
    text = card.read_text(encoding="utf-8")
    try:
        office = f"Ask at ticket office {secrets.randbelow(10**6)}."  # new to the shared cache: never rendered yet
        card.write_text(text.replace("\n:::\n", f"\n\n{office}\n:::\n", 1), encoding="utf-8")
        assert rendered(run("check", *command)) > 0, "the poster shows the card: check renders and checks it"
        assert rendered(run(*command)) == 0, "the build publishes what check rendered"
    finally:
        card.write_text(text, encoding="utf-8")


def test_english_in_an_urdu_page_keeps_its_own_direction(indian_site: Path) -> None:
    """Untranslated theme strings and another language's text in a right-to-left page: "?In danger now" otherwise."""
    urdu = (indian_site / "ur" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en" dir="ltr">In danger now?</span>' in urdu
    assert '<span lang="hi" dir="ltr">चाइल्डलाइन</span>' in urdu, "the Hindi name, where the service has no Urdu one"
    hindi = (indian_site / "hi" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en">In danger now?</span>' in hindi, "left to right in both: nothing to isolate"


def test_with_no_language_to_print_yet_the_example_station_waits_as_a_comment(tmp_path: Path) -> None:
    made = run("new", str(tmp_path / "c"), "--name", "Aankhen Kholo", "--country", "IN", "--languages", "hi,bn",
               "--base-url", "https://aankhen.example.in/", "--quick-exit", "https://mausam.imd.gov.in/")
    assert made.code == 0, made.err
    assert "an example station, left as a comment: no language has theme strings to print yet" in made.out
    stations = (tmp_path / "c" / "content" / "stations.yml").read_text(encoding="utf-8")
    assert "\nstations: []\n#   - id: example-station" in stations
    built = run("--content", str(tmp_path / "c" / "content"), "--output", str(tmp_path / "c" / "output"))
    assert built.code == 0 and "and 0 print products" in built.out, built.err


def test_a_numbers_label_is_printed_after_it_on_the_poster(indian_campaign: tuple[Path, Result], tmp_path: Path) -> None:
    """A service with one number, labelled toll-free: the poster says so beside the number, after who answers it."""
    import shutil

    from pdfs import words

    folder, made = indian_campaign
    assert made.code == 0, made.err
    copy = tmp_path / "aankhen-kholo"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("output"))
    services = copy / "content" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8") + HELPLINE.replace('      - "1098"\n', ""), encoding="utf-8")
    result = run("--content", str(copy / "content"), "--output", str(copy / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    printed = [w.text for w in words(copy / "output" / "print" / "aankhen-kholo_example-station_a2_en-IN.pdf")]
    at = printed.index("Childline")
    assert printed[at - 3:at] == ["1800", "102", "7222"], printed[at - 5:at + 5]
    assert "toll-free" in printed[at + 1:at + 3], "the number's label, right after who answers it"
