"""Language tags as teams write them (BCP 47, read with CLDR): zh is Chinese, pt-PT is Portuguese, a typo gets help.

Named cases for the tags teams write; a Hypothesis property for whatever else a campaign.yml may hold; and a
campaign built with `zh` as its main language (tests/team.py)."""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import PROJECT, Result, Scratch, parse, run
from team import CHINESE, write_chinese

from campaign.catalogs import sources
from campaign.l10n import direction, language_name
from campaign.options import Options
from campaign.pipeline import inspect
from campaign.tags import best_match, tag_problem, unknown_language

THEME = PROJECT / "theme"


@pytest.mark.parametrize("written, catalog", [
    ("zh", "zh_Hans"), ("zh-CN", "zh_Hans"), ("zh-Hans", "zh_Hans"), ("zh-hans-cn", "zh_Hans"), ("zh-SG", "zh_Hans"),
    ("pt", "pt"), ("pt-PT", "pt"), ("pt-BR", "pt"), ("pt-br", "pt"), ("ar-EG", "ar"), ("fr-BE", "fr"),
    ("nl-BE", "nl"), ("de-AT", "de"), ("mo", "ro"), ("sq-XK", "sq"),
])
def test_a_tag_uses_the_theme_catalog_of_its_language(written: str, catalog: str) -> None:
    found = sources(THEME, None, written).theme
    assert found is not None and found.parent.parent.name == catalog


@pytest.mark.parametrize("written", ["zh-TW", "zh-Hant", "sr-Latn", "nn", "fa", "sr", "ka"])
def test_a_tag_without_a_catalog_of_its_language_and_script_uses_none(written: str) -> None:
    """Traditional Chinese is not read from the Simplified catalog, nor Nynorsk from Bokmål."""
    assert sources(THEME, None, written).theme is None


@pytest.mark.parametrize("wanted, catalogs, chosen", [
    ("no", ["nb"], "nb"), ("nb", ["no"], "no"), ("sr", ["sr-Cyrl"], "sr-Cyrl"), ("sr-Cyrl", ["sr"], "sr"),
    ("iw", ["he"], "he"), ("he", ["iw"], "iw"), ("tl", ["fil"], "fil"), ("pt-AO", ["pt-PT", "pt-BR"], "pt-PT"),
    ("pt", ["pt-PT", "pt-BR"], "pt-BR"), ("zh-CN", ["zh", "zh-Hant"], "zh"), ("pt-PT", ["pt-BR"], None),
])
def test_a_campaign_catalog_is_found_by_what_its_name_means(wanted: str, catalogs: list[str], chosen: str | None) -> None:
    assert best_match(wanted, catalogs).code == chosen


def test_two_catalogs_that_speak_a_tag_equally_well_are_ambiguous() -> None:
    """`no` is Norwegian: Bokmål or Nynorsk, CLDR does not say which catalog is meant."""
    match = best_match("no", ["nb", "nn"])
    assert (match.code, match.tied) == (None, ("nb", "nn"))


@pytest.mark.parametrize("written, country, message", [
    ("sp", "BE", '"sp" is not a language CLDR knows: did you mean es (Spanish)? (or ps (Pashto), sa (Sanskrit))'),
    ("spanish", "BE", '"spanish" is not a language code: did you mean es (Spanish)?'),
    ("Spaans", "BE", '"Spaans" is not a language code: did you mean es (Spanish)?'),
    ("dk", "BE", '"dk" is not a language CLDR knows: did you mean da (Danish)? (or de (German), ak (Akan))'),
    ("nk", "BE", '"nk" is not a language CLDR knows: did you mean nl (Dutch)? (or ak (Akan), kk (Kazakh))'),
    ("fe", "FR", '"fe" is not a language CLDR knows: did you mean fr (French)? (or be (Belarusian), ce (Chechen))'),
    ("en-XX", "BE", '"en-XX": XX is not a country or region code (such as BE, FR, BR): did you mean en (English)? '
                    "(or an (Aragonese), bn (Bangla))"),
    ("de-CH-1996", "CH", '"de-CH-1996" has more than a language, a script and a country: write it as '
                         "language[-Script][-COUNTRY], e.g. nl, fr, de, en, ar, pt-BR or zh-Hans"),
])
def test_an_unknown_tag_suggests_the_closest_codes_the_countrys_first(written: str, country: str, message: str) -> None:
    assert tag_problem(written, country) == message


def test_codes_that_name_no_language_are_refused() -> None:
    """Babel reads `und` as English; a campaign language must be the language of its texts."""
    problem = tag_problem("und", "BE") or ""
    assert problem.startswith('"und" means an undetermined language, not the language of a text')
    assert tag_problem("mul") is not None and tag_problem("zxx") is not None


@pytest.mark.parametrize("written", ["zh", "zh-CN", "pt-PT", "no", "no-NO", "nl-US", "sr-Latn", "iw", "tl", "fa", "ti"])
def test_tags_teams_write_are_accepted_and_have_babel_data(written: str) -> None:
    assert tag_problem(written) is None
    assert language_name(written) and direction(written) in ("ltr", "rtl")


tags = st.one_of(
    st.text(max_size=14),
    st.from_regex(r"[a-zA-Z]{1,4}(?:[-_][a-zA-Z0-9]{1,5}){0,3}", fullmatch=True),
    st.sampled_from(["zh", "pt", "sr", "no", "nb", "ar", "fa", "und", "sh", "iw", "x-klingon", "i-default"]).flatmap(
        lambda base: st.tuples(st.just(base), st.sampled_from(["", "-CN", "-Hans", "-Latn-RS", "-419", "-XX", "_br"]))
        .map("".join)),
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(tags, st.sampled_from(["BE", "NL", "CN", "", "XX"]))
def test_any_tag_either_loads_or_gives_a_clean_problem(tag: str, country: str) -> None:
    problem = tag_problem(tag, country)
    if problem is None:
        assert language_name(tag) and direction(tag) in ("ltr", "rtl")
        found = sources(THEME, None, tag)
        assert found.theme is None or found.theme.is_file()
    else:
        assert isinstance(problem, str) and problem


@settings(derandomize=True, max_examples=25, deadline=None)
@given(tags)
def test_any_tag_in_campaign_yml_loads_or_is_reported_with_its_line(tag: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        campaign = Scratch(Path(folder))
        write_chinese(campaign)
        quoted = '"' + tag.replace("\\", "\\\\").replace('"', '\\"') + '"'
        campaign.write("campaign.yml", CHINESE.replace("languages: [zh, en]", f"languages: [zh, {quoted}]"))
        site, problems = inspect(Options(campaign.content, campaign.output))  # an exception fails the test
        assert site is not None or problems.errors
        for problem in problems.errors:
            if problem.path.name == "campaign.yml" and problem.field == "languages":
                assert problem.line == 6


# --- a campaign that writes zh ------------------------------------------------------------------------------

def test_a_zh_campaign_builds_with_the_simplified_chinese_catalog(chinese: tuple[Scratch, Result]) -> None:
    campaign, result = chinese
    out = campaign.output
    html = parse(out / "zh" / "index.html").find("html")[0]
    assert (html["lang"], html["dir"]) == ("zh", "ltr"), "the page keeps the tag the team wrote"
    assert "立即离开" in (out / "zh" / "index.html").read_text(), "Leave now, from the theme's zh_Hans catalog"
    assert "<span lang=\"en\">" not in (out / "zh" / "index.html").read_text()
    poster = out / "print" / "kan-qingchu_bruxelles-midi_a2_zh.pdf"
    text = subprocess.run(["pdftotext", str(poster), "-"], capture_output=True, text=True, check=True).stdout
    assert "承诺" in text and "078 05 58 00" in text, "The promise, in the catalog's words; the number as written"
    assert "theme strings in zh" not in result.err


def test_check_shows_which_catalog_each_language_uses(chinese: tuple[Scratch, Result]) -> None:
    campaign, _ = chinese
    result = run("check", "--content", str(campaign.content), "--site-only")
    assert result.code == 0, result.err
    rows = {line.split()[0]: line.split()[1:] for line in result.out.split("by language:\n")[1].splitlines()[1:3]}
    assert rows["zh"][:3] == ["theme", "zh_Hans", "100%"] and rows["zh"][-3:] == ["website", "and", "print"]
    assert rows["en"][-2:] == ["website", "only"], "no station prints in English, and no card setting asks for it"


def test_the_same_language_twice_is_refused(empty_campaign: Scratch) -> None:
    write_chinese(empty_campaign)
    empty_campaign.edit("campaign.yml", "languages: [zh, en]", "languages: [zh, en, zh-CN]")
    result = run("check", "--content", "content")
    assert result.code == 1
    assert ("error: content/campaign.yml:6: languages: `zh-CN` and `zh` are the same language (zh-Hans-CN): keep one"
            in result.err.splitlines())


def test_a_file_named_with_another_spelling_of_a_language_says_how_campaign_yml_writes_it(
        empty_campaign: Scratch) -> None:
    write_chinese(empty_campaign)
    empty_campaign.path("cards/job.zh.md").rename(empty_campaign.path("cards/job.zh-CN.md"))
    result = run("check", "--content", "content", "--site-only")
    assert result.code == 1
    assert ("error: content/cards/job.zh-CN.md: file name: `zh-CN` is not one of the campaign's languages (zh, en): "
            "campaign.yml writes this language as `zh`, write it the same way here") in result.err.splitlines()


# --- a typo where a campaign language is expected (issue 21, point 6) ---------------------------------------

@pytest.mark.parametrize("written, message", [
    ("sp", "`sp` is not one of the campaign's languages (es, ca, ro, en), nor a language code CLDR knows: "
           "did you mean es (Spanish)?"),
    ("rom", "`rom` is not one of the campaign's languages (es, ca, ro, en), nor a language code CLDR knows: "
            "did you mean ro (Romanian)?"),
    ("xq", "`xq` is not one of the campaign's languages (es, ca, ro, en), nor a language code CLDR knows: "
           "use one of those"),
    ("fr", "`fr` is not one of the campaign's languages (es, ca, ro, en): add it to `languages` in campaign.yml"),
    ("es-ES", "`es-ES` is not one of the campaign's languages (es, ca, ro, en): campaign.yml writes this language "
              "as `es`, write it the same way here"),
])
def test_a_code_the_campaign_lacks_suggests_its_own_languages(written: str, message: str) -> None:
    assert unknown_language(written, ("es", "ca", "ro", "en"), "add it to `languages` in campaign.yml", "ES") == message


def test_a_misspelt_language_gets_no_advice_to_write_files_in_it(spanish: Scratch) -> None:
    """`sp` for es in a station, a station's name, the card languages and a card's file name: each is one error
    that suggests es, and nothing advises a `.sp.md` file, an sp poster or adding sp to campaign.yml."""
    spanish.edit("stations.yml", "languages: [es, ro]", "languages: [sp, ro]")
    spanish.edit("stations.yml", "name: {es: Estación del Norte,", "name: {sp: Estación del Norte,")
    spanish.edit("campaign.yml", "card_languages: [es, ro, en]", "card_languages: [sp, ro, en]")
    spanish.write("cards/example.sp.md", spanish.path("cards/example.es.md").read_text(encoding="utf-8"))
    result = run("check", "--content", "content", "--site-only")
    assert result.code == 1
    suggestion = ("`sp` is not one of the campaign's languages (es, ca, ro, en), nor a language code CLDR knows: "
                  "did you mean es (Spanish)?")
    errors = [
        f"error: content/campaign.yml:14: print.card_languages: {suggestion}",
        f"error: content/cards/example.sp.md: file name: {suggestion}",
        f"error: content/stations.yml:3: estacion-norte.name.sp: {suggestion}",
        f"error: content/stations.yml:6: estacion-norte.languages: {suggestion}",
    ]
    # Before: "the card example has no sp version, so the station's sp posters show its es text: add
    # cards/example.sp.md". Now every line that names sp is one of these four errors.
    assert [line for line in result.err.splitlines() if re.search(r"\bsp\b", line)] == errors
    assert [line for line in result.err.splitlines() if line.startswith("error:")] == errors


def test_exporting_a_misspelt_language_suggests_the_campaigns(spanish: Scratch) -> None:
    result = run("translations", "export", "--language", "sp", "--content", "content")
    assert result.code == 1
    assert ("`sp` is not one of the campaign's languages (es, ca, ro, en), nor a language code CLDR knows: did you "
            "mean es (Spanish)?") in result.err
    assert "add it to `languages`" not in result.err
