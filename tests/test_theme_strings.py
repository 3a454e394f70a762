"""Theme strings from the campaign's own folder, and languages for the website only (tests/team.py's Dutch and
Persian campaign: Dutch posters, Persian pages, each language with a catalog in campaign_assets/translations/)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from babel.messages.pofile import read_po
from support import CACHE, PROJECT, Result, Scratch, parse, run, tree_digest
from team import DUTCH_PERSIAN, PERSIAN_STRINGS, fill_catalog, translated_catalog, write_dutch_persian

from campaign.catalogs import reviewed

POT = PROJECT / "theme" / "translations" / "messages.pot"


def theme_ids() -> set[str]:
    with POT.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_translations_writes_a_ready_to_fill_catalog_into_the_campaign_folder(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    theme_before = tree_digest(PROJECT / "theme")
    result = run("translations", "theme", "--language", "fa", "--content", "content")
    assert result.code == 0, result.err
    path = empty_campaign.root / "campaign_assets" / "translations" / "fa.po"
    assert result.out.startswith(f"Wrote campaign_assets/translations/fa.po: {len(theme_ids())} theme strings to "
                                 "translate into Persian (fa)")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == theme_ids()
    assert not any(m.string if isinstance(m.string, str) else any(m.string) for m in catalog if m.id), "to fill in"
    assert catalog.num_plurals == 1 and all(len(m.string) == 1 for m in catalog if m.pluralizable), "Persian's forms"
    assert not reviewed(catalog) and "Reviewed: no" in path.read_text()
    assert tree_digest(PROJECT / "theme") == theme_before, "the tool's own theme is never written"


def test_translations_for_a_language_the_theme_has_shows_its_text_to_override(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    assert run("translations", "theme", "--language", "nl", "--content", "content").code == 0
    text = (empty_campaign.root / "campaign_assets" / "translations" / "nl.po").read_text()
    assert "#. The theme's nl text: De belofte\nmsgid \"The promise\"\nmsgstr \"\"" in text
    assert "a string left empty keeps the theme's own translation" in text.replace("\n# ", " ")


def test_translations_again_keeps_what_was_translated(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    path = translated_catalog(empty_campaign, "fa", PERSIAN_STRINGS)
    result = run("translations", "theme", "--language", "fa", "--content", "content")
    assert result.code == 0
    assert result.out.splitlines()[0] == (f"Updated campaign_assets/translations/fa.po: no new theme strings, "
                                          f"{len(theme_ids())} kept ({len(PERSIAN_STRINGS)} translated)")
    with path.open("rb") as handle:
        assert read_po(handle).get("The promise").string == "وعده"


def test_translations_without_a_language_writes_every_missing_one(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    result = run("translations", "--content", "content")
    assert result.code == 0, result.err
    assert [p.name for p in (empty_campaign.root / "campaign_assets" / "translations").iterdir()] == ["fa.po"]
    again = run("translations", "--content", "content")
    assert again.code == 0 and again.out.startswith("Every language of the campaign has theme strings")


def test_translations_refuses_a_tag_that_is_no_language(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    result = run("translations", "theme", "--language", "pe", "--content", "content")
    assert result.code == 1
    assert result.err.startswith('error: --language: "pe" is not a language CLDR knows: did you mean fa (Persian)?')
    assert not (empty_campaign.root / "campaign_assets").exists()


# --- the built campaign ---------------------------------------------------------------------------------------

def test_a_web_only_language_gets_its_pages_and_no_print_product(dutch_persian: tuple[Scratch, Result]) -> None:
    campaign, result = dutch_persian
    out = campaign.output
    html = parse(out / "fa" / "cards" / "werk" / "index.html").find("html")[0]
    assert (html["lang"], html["dir"]) == ("fa", "rtl")
    assert sorted(p.name for p in (out / "print").glob("*.pdf")) == [
        "contact-sheet.pdf", "kijk-uit_card-werk_a6_nl.pdf", "kijk-uit_utrecht-centraal_a2_nl.pdf"]
    assert "_fa" not in (out / "print" / "manifest.csv").read_text()
    assert sorted(p.name for p in (out / "og").iterdir()) == ["werk.fa.png", "werk.nl.png"], "shared with its labels"


def test_campaign_catalogs_give_a_language_the_theme_lacks_and_override_single_strings(
        dutch_persian: tuple[Scratch, Result]) -> None:
    campaign, _ = dutch_persian
    persian = (campaign.output / "fa" / "index.html").read_text()
    assert "همین حالا خارج شو" in persian, "Leave now, from the campaign's fa.po"
    assert '<span lang="en" dir="ltr">Skip to content</span>' in persian, "a string fa.po leaves empty is English, marked so"
    dutch = (campaign.output / "nl" / "index.html").read_text()
    assert "<span>Nu weg</span>" in dutch and "<span>Snel weg</span>" not in dutch, "the campaign's nl.po overrides the theme's Leave now"
    assert "Naar de inhoud" in dutch, "the rest comes from the theme's nl catalog"
    assert '<span lang="en">' not in dutch


def test_campaign_catalogs_are_checked_like_the_themes(dutch_persian: tuple[Scratch, Result]) -> None:
    campaign, result = dutch_persian
    catalogs = campaign.root / "campaign_assets" / "translations"
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert (f"warning: {catalogs / 'fa.po'}: the fa theme strings are a draft no native speaker has reviewed: have "
            "them checked, then write `# Reviewed: yes, by <name>, <date>` at the top of this file") in warnings
    assert f"warning: {catalogs / 'nl.po'}: the nl theme strings are a draft" in " ".join(warnings)
    missing = len(theme_ids()) - len(PERSIAN_STRINGS)
    assert (f"warning: {catalogs / 'fa.po'}: {missing} of {len(theme_ids())} theme strings are not translated into fa "
            "(they show in English)") in warnings
    shown = run("check", "--content", str(campaign.content), "--site-only")
    rows = {line.split()[0]: line for line in shown.out.split("by language:\n")[1].splitlines()[1:3]}
    assert re.search(r"theme nl \+ \S*campaign_assets/translations/nl.po +100% .* theme no, campaign no +website and "
                     "print$", rows["nl"]), rows["nl"]
    assert re.search(r"^fa +\S*campaign_assets/translations/fa.po +\d+% .* no +website only$", rows["fa"]), rows["fa"]


def test_a_broken_placeholder_in_a_campaign_catalog_is_an_error(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    path = translated_catalog(empty_campaign, "fa", {"Next card: %(title)s": "کارت بعدی: %(titel)s"})
    result = empty_campaign.build("--site-only")
    assert result.code == 1
    assert any(line.startswith("error: campaign_assets/translations/fa.po:") and "unknown named placeholder 'titel'"
               in line for line in result.err.splitlines()), result.err
    assert path.exists() and not empty_campaign.output.exists()


def test_a_web_only_language_without_any_catalog_only_warns(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    result = empty_campaign.build("--site-only")
    assert result.code == 0, result.err
    assert ("warning: campaign_assets/translations/fa.po: there are no theme strings in fa: the buttons and headings "
            "of its pages show in English (marked as English for screen readers); to translate them, write it with "
            "`build.py translations theme --language fa` and translate it") in result.err.splitlines()
    assert "make translations" not in result.err, "never advice to edit the tool's own theme"
    assert '<span lang="en" dir="ltr">Leave now</span>' in (empty_campaign.output / "fa" / "index.html").read_text()


def test_card_languages_print_a_web_only_language_once_it_has_strings(empty_campaign: Scratch) -> None:
    """`print: card_languages` asks for a Persian card file: without Persian theme strings that is an error."""
    write_dutch_persian(empty_campaign)
    empty_campaign.write("campaign.yml", DUTCH_PERSIAN + "print:\n  card_languages: [nl, fa]\n")
    result = run("check", "--content", "content")
    assert result.code == 1
    assert any(line.startswith("error: campaign_assets/translations/fa.po: there are no theme strings in fa (no "
                               "catalog in the theme or the campaign), and the print products in fa cannot carry "
                               "English labels") for line in result.err.splitlines()), result.err
    path = translated_catalog(empty_campaign, "fa", PERSIAN_STRINGS)
    fill_catalog(path, {"In danger now?": "الان در خطری؟"})
    result = empty_campaign.build()
    assert result.code == 0, result.err
    assert (empty_campaign.output / "print" / "kijk-uit_card-werk_a6_fa.pdf").exists()


def test_card_languages_name_campaign_languages(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    empty_campaign.write("campaign.yml", DUTCH_PERSIAN + "print:\n  card_languages: [nl, fa-IR, de]\n")
    result = run("check", "--content", "content", "--site-only")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: content/campaign.yml:13: print.card_languages: `fa-IR` is not one of the campaign's languages (nl, fa): "
        "campaign.yml writes this language as `fa`, write it the same way here",
        "error: content/campaign.yml:13: print.card_languages: `de` is not one of the campaign's languages (nl, fa)"]


def test_an_empty_card_languages_prints_no_card_file(tmp_path: Path, dutch_persian: tuple[Scratch, Result]) -> None:
    source, _ = dutch_persian
    shutil.copytree(source.root / "content", tmp_path / "content")
    shutil.copytree(source.root / "campaign_assets", tmp_path / "campaign_assets")
    campaign = Scratch(tmp_path)
    campaign.write("campaign.yml", DUTCH_PERSIAN + "print:\n  card_languages: []\n")
    result = run("--content", str(campaign.content), "--output", str(campaign.output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (campaign.output / "print").glob("*.pdf")) == [
        "contact-sheet.pdf", "kijk-uit_utrecht-centraal_a2_nl.pdf"]


def test_a_file_in_the_campaign_catalogs_folder_that_is_not_used_is_reported(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    translated_catalog(empty_campaign, "fa", PERSIAN_STRINGS)
    folder = empty_campaign.root / "campaign_assets" / "translations"
    shutil.copy(folder / "fa.po", folder / "persian.po")
    shutil.copy(folder / "fa.po", folder / "ar.po")
    (folder / "fa.mo").write_bytes(b"")
    result = run("check", "--content", "content", "--site-only")
    lines = result.err.splitlines()
    assert any(line.startswith("error: campaign_assets/translations/persian.po: file name: must be a language code and "
                               '.po: "persian" is not a language code: did you mean fa (Persian)?') for line in lines)
    assert ("warning: campaign_assets/translations/ar.po: is not used: ar is none of the campaign's languages (add it "
            "to `languages` in campaign.yml, or rename the file after the language it translates)") in lines
    assert any(line.startswith("warning: campaign_assets/translations/fa.mo: is not read by the build") for line in lines)


def test_two_campaign_catalogs_for_one_language_are_ambiguous(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    empty_campaign.edit("campaign.yml", "languages: [nl, fa]", "languages: [nl, fa, no]")
    folder = empty_campaign.root / "campaign_assets" / "translations"
    translated_catalog(empty_campaign, "fa", PERSIAN_STRINGS)
    for name in ("nb", "nn"):
        shutil.copy(folder / "fa.po", folder / f"{name}.po")
    result = run("check", "--content", "content", "--site-only")
    assert result.code == 1
    assert ("error: campaign_assets/translations/nb.po: nb.po, nn.po speak no equally well, so the build cannot choose "
            "between them: keep one, or write the language in campaign.yml as one of them") in result.err.splitlines()
