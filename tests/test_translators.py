"""Translators' files: export a language's texts, fill them as a CAT tool would, import them back, build —
and see exactly the text that changed come back as stale. On the six-script test campaign (tests/shapes.py)
with Romanian added: no text in ro yet, and a station that prints in ro."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pdfs import words
from shapes import manifest, poster_problems, write_campaign
from support import CACHE, run, tree_digest
from translate.storage import factory
from translate.storage.placeables import StringElem

from campaign.translators.files import Xliff12

STATION = {"id": "utrecht-centraal", "languages": ["ro"], "formats": ["a2"]}
NUMBER = "Bel 033 448 11 86."


def campaign(root: Path) -> Path:
    content = write_campaign(root, [STATION], more=("ro",))
    card = content / "cards" / "werk.nl.md"  # a number in the text, which every translation must keep
    card.write_text(card.read_text().replace("\n:::\n\n::: reality", f" {NUMBER}\n:::\n\n::: reality", 1))
    return content


def cli(content: Path, *args: str) -> tuple[int, str, str]:
    result = run(*args, "--content", str(content), "--cache", str(CACHE))
    return result.code, result.out, result.err


def marked(element: object) -> object:
    """Each run of text with "ro·" before it, every placeholder kept where it was: what a CAT tool writes back."""
    if isinstance(element, str):
        return "ro·" + element if element.strip() else element
    if type(element) is StringElem:
        return StringElem([marked(sub) for sub in element.sub])
    element.sub = [marked(sub) for sub in element.sub]
    return element


def fill(path: Path, change: object = marked) -> None:
    store = Xliff12.parsestring(path.read_bytes())
    for unit in store.units:
        unit.rich_target = [change(element) for element in unit.rich_source]
        unit.set_state_n(unit.S_TRANSLATED)
        unit.xmlelement.set("approved", "no")  # translated, not approved: a translator's draft
    path.write_bytes(bytes(store))


def copy_and_fill(exported: tuple[Path, Path, str], tmp_path: Path, name: str, change: object = marked) -> tuple[Path, Path]:
    """A copy of the exported campaign, and of its export filled by `change`: (content, the filled file)."""
    source, target, _said = exported
    content = tmp_path / "content"
    shutil.copytree(source, content)
    filled = tmp_path / name
    shutil.copyfile(target, filled)
    fill(filled, change)
    return content, filled


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The campaign and its ro export: (content, the XLIFF file, what export said)."""
    root = tmp_path_factory.mktemp("translators")
    content = campaign(root)
    target = root / "twee-kanten.ro.xlf"
    code, out, err = cli(content, "translations", "export", "--language", "ro", "--to", str(target))
    assert code == 0, err
    return content, target, out


@pytest.fixture(scope="module")
def imported(exported: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the campaign with the filled export imported: (content, what import said)."""
    content, target, _said = exported
    root = tmp_path_factory.mktemp("imported")
    shutil.copytree(content, root / "content")
    filled = root / target.name
    shutil.copyfile(target, filled)
    fill(filled)
    code, out, err = cli(root / "content", "translations", "import", str(filled))
    assert code == 0, err
    return root / "content", out + err


def test_the_export_holds_every_text_the_language_lacks_and_reads_in_translate_toolkit(exported: tuple[Path, Path, str]) -> None:
    content, target, said = exported
    store = factory.getobject(str(target))  # translate-toolkit's own reader, as CAT-tool pipelines use it
    ids = [unit.getid().split("\x04")[-1] for unit in store.units]
    assert {"cards/werk#promise.title", "cards/werk#promise.1", "cards/werk#reality.title", "pages/safety#title",
            "campaign.yml#name", "campaign.yml#regions.national", "services.yml#helpline.name",
            "services.yml#emergency.name"} <= set(ids)
    assert not [i for i in ids if i.startswith("stations.yml")], "station names are written once: nothing to translate"
    assert all(not unit.target for unit in store.units), "nothing in ro yet"
    text = target.read_text()
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in text and 'target-language="ro"' in text
    assert re.search(r'<source>[^<]*<g id="1">[^<]+</g>', text), "bold text as a placeholder a CAT tool protects"
    assert "**" not in text
    promise = next(u for u in store.units if u.getid().endswith("cards/werk#promise.1"))
    assert "Printed too" in promise.getnotes() and "characters" in promise.getnotes()
    assert f"{len(ids)} texts to translate into ro ({len(ids)} new" in said


def test_import_writes_every_file_and_keeps_everything_else(exported: tuple[Path, Path, str],
                                                           imported: tuple[Path, str]) -> None:
    source, _target, _said = exported
    content, said = imported
    card = (content / "cards" / "werk.ro.md").read_text()
    assert "::: promise\n## ro·" in card and f"ro·{NUMBER}" not in card and "033 448 11 86" in card
    safety = (content / "pages" / "safety.ro.md").read_text()
    assert re.search(r"\*\*ro·[^*]+\*\*", safety), "the bold placeholder is Markdown again"
    services = (content / "services.yml").read_text()
    assert "ro: ro·Trafficking helpline" not in services and "ro: ro·Hulplijn mensenhandel (test)" in services
    before = (source / "services.yml").read_text().splitlines()
    after = services.splitlines()
    assert [line for line in after if "ro:" not in line and "ro·" not in line] == [
        line for line in before], "nothing else in services.yml changed: order, quoting and layout kept"
    record = (content / "translated" / "ro.yml").read_text()
    assert "# Reviewed: no" in record and "cards/werk#promise.1:" in record
    assert "created: " in said and "not reviewed" in said


def test_the_imported_language_builds_its_pages_and_posters(imported: tuple[Path, str], tmp_path: Path) -> None:
    content, _said = imported
    output = tmp_path / "output"
    result = run("--content", str(content), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    assert "the ro translations imported with `build.py translations import` are drafts" in result.err
    assert (output / "ro" / "cards" / "werk" / "index.html").is_file()
    row = next(r for r in manifest(output) if r["kind"] == "poster")
    assert row["languages"] == "ro"
    assert poster_problems(output, row) == []
    printed = " ".join(w.text for w in words(output / "print" / row["file"]))
    assert "ro·" in printed


def test_a_changed_source_paragraph_comes_back_as_exactly_that_stale_unit(imported: tuple[Path, str],
                                                                         tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(imported[0], content)
    card = content / "cards" / "werk.nl.md"
    card.write_text(card.read_text().replace(NUMBER, "Bel 033 448 11 86, ook 's nachts."))
    code, out, err = cli(content, "check")
    stale = [line for line in err.splitlines() if "stale in ro" in line]
    assert len(stale) == 1 and stale[0].startswith(f"warning: {content}/cards/werk.ro.md: promise.1: stale in ro: ")
    assert "[-86.-]" in stale[0] and "{+86, ook 's nachts.+}" in stale[0], "shows what changed"
    assert re.search(r"^card werk\s.*\bstale$", out, re.M), "the matrix says stale for ro (its last column)"
    target = tmp_path / "stale.xlf"
    code, out, err = cli(content, "translations", "export", "--language", "ro", "--only", "stale", "--to", str(target))
    assert code == 0, err
    store = factory.getobject(str(target))
    assert [u.getid().split("\x04")[-1] for u in store.units] == ["cards/werk#promise.1"]
    assert 'state="needs-translation"' in target.read_text() and "ro·" in target.read_text()


def test_a_broken_placeholder_is_refused_and_changes_nothing(exported: tuple[Path, Path, str], tmp_path: Path) -> None:
    content, broken = copy_and_fill(exported, tmp_path, "broken.xlf")
    text = broken.read_text()
    unit = re.search(r'<trans-unit[^>]* id="([^"]+)"[^>]*>\s*<source>[^<]*<g id="1">.*?<target[^>]*>(.*?)</target>', text, re.S)
    assert unit, "a unit with a placeholder"
    broken.write_text(text.replace(unit[2], re.sub(r"</?g[^>]*>", "", unit[2]), 1))
    before = tree_digest(content)
    code, _out, err = cli(content, "translations", "import", str(broken))
    assert code == 1
    assert re.search(rf"error: {re.escape(str(broken))}:\d+: {re.escape(unit[1])}: the placeholders are none where the "
                     r"source has <1>", err), "the unit named, with its line"
    assert "Nothing was imported" in err and tree_digest(content) == before


def test_a_number_that_differs_from_the_source_is_refused(exported: tuple[Path, Path, str], tmp_path: Path) -> None:
    content, typo = copy_and_fill(exported, tmp_path, "typo.xlf", lambda element: StringElem(
        [marked(element), " 033 448 11 68"]) if "033" in str(element) else marked(element))
    before = tree_digest(content)
    code, _out, err = cli(content, "translations", "import", str(typo))
    assert code == 1
    assert "cards/werk#promise.1: the numbers differ from the source's (033 448 11 86; the translation has " \
           "033 448 11 86, 033 448 11 68)" in err, "as the source and the translation write them"
    assert tree_digest(content) == before


def test_a_file_for_another_campaign_or_the_main_language_is_refused(exported: tuple[Path, Path, str],
                                                                    tmp_path: Path) -> None:
    source, target, _said = exported
    other = tmp_path / "other.xlf"
    other.write_text(target.read_text().replace('original="twee-kanten"', 'original="blind-betting"'))
    code, _out, err = cli(source, "translations", "import", str(other))
    assert code == 1 and 'is a translation of the campaign "blind-betting", not of "twee-kanten"' in err
    main = tmp_path / "main.xlf"
    main.write_text(target.read_text().replace('target-language="ro"', 'target-language="nl"'))
    code, _out, err = cli(source, "translations", "import", str(main))
    assert code == 1 and "nl is the campaign's main language" in err
    code, _out, err = cli(source, "translations", "import", str(tmp_path / "missing.xlf"))
    assert code == 1 and "Traceback" not in err
    regional = tmp_path / "regional.xlf"  # a CAT tool that writes the target language with its country
    regional.write_text(target.read_text().replace('target-language="ro"', 'target-language="ro-RO"'))
    code, out, err = cli(source, "translations", "import", str(regional))
    assert code == 0 and "Imported 0 texts in ro" in out, err


def test_po_files_go_out_and_come_back_too(exported: tuple[Path, Path, str], tmp_path: Path) -> None:
    source, _target, _said = exported
    content = tmp_path / "content"
    shutil.copytree(source, content)
    po = tmp_path / "twee-kanten.ro.po"
    code, _out, err = cli(content, "translations", "export", "--language", "ro", "--format", "po", "--to", str(po))
    assert code == 0, err
    store = factory.getobject(str(po))
    for unit in store.units:
        if not unit.isheader():
            unit.target = re.sub(r"(^|>)([^<]+)", lambda m: m[1] + "ro·" + m[2], unit.source)
    po.write_bytes(bytes(store))
    code, _out, err = cli(content, "translations", "import", str(po))
    assert code == 0, err
    assert re.search(r"\*\*ro·[^*]+\*\*", (content / "pages" / "safety.ro.md").read_text())
