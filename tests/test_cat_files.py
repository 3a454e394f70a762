"""Translators' files as CAT tools return them (issue 30), imported into "Over de grens" (tests/campaigns/over-de-grens:
a Dutch campaign in NL with German and Polish, unlike the sample). Every file in its returned/ folder was written by
hand to one tool's conventions: Okapi/Trados segmented XLIFF 1.2, memoQ XLIFF 2.0, Weblate and Poedit PO, every
review state, an edited source, and what must never reach a page (direction overrides, carriage returns, Bulgarian
under German, dropped placeholders, changed numbers, DTD entities, duplicate ids)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import yaml
from support import CACHE, PROJECT, Result, run, tree_digest

CAMPAIGN = PROJECT / "tests" / "campaigns" / "over-de-grens"
RETURNED = CAMPAIGN / "returned"
NEW_PARAGRAPH = "Niemand hoeft te weten dat je hier was."


def fresh(root: Path) -> Path:
    """A copy of the campaign's content folder, nothing in German yet."""
    shutil.copytree(CAMPAIGN / "content", root / "content")
    return root / "content"


def cli(content: Path, *args: str) -> Result:
    return run(*args, "--content", str(content), "--cache", str(CACHE))


def importing(content: Path, file: Path | str) -> Result:
    return cli(content, "translations", "import", str(RETURNED / file if isinstance(file, str) else file))


def record(content: Path) -> dict[str, object]:
    return yaml.safe_load((content / "translated" / "de.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The campaign with Okapi's segmented XLIFF imported: (content, what import said)."""
    content = fresh(tmp_path_factory.mktemp("segmented"))
    said = importing(content, "okapi-segmented.de.xlf")
    assert said.code == 0, said.err
    return content, said


@pytest.fixture(scope="module")
def segmented_site(segmented: tuple[Path, Result], tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    built = run("--content", str(segmented[0]), "--output", str(output), "--cache", str(CACHE))
    assert built.code == 0, built.err
    return output


# 1. What CAT tools write

def test_a_segmented_xliff_is_imported_segments_joined_in_order(segmented: tuple[Path, Result]) -> None:
    content, said = segmented
    assert "Imported 10 texts in de: 2 file(s) changed" in said.out, "de-DE in the header is the campaign's de"
    assert "1 unit(s) not imported, untranslated: campaign.yml#tagline" in said.err
    card = (content / "cards" / "werk.de.md").read_text()
    assert ("Ein Vermittler verspricht dir **gut bezahlte** Arbeit jenseits der Grenze. Er organisiert den Bus und "
            "ein Zimmer.") in card, "two segments, the space between them kept"
    assert "Traceback" not in said.err and "placeholder this tool did not write" not in said.err


def test_the_german_pages_show_the_translation_with_its_line_break(segmented_site: Path) -> None:
    card = (segmented_site / "de" / "cards" / "werk" / "index.html").read_text()
    assert re.search(r"<em>aufbewahrt</em>\. Ruf CoMensha an: .*Mo–Fr .*9–17.* Uhr\.<br />\s*Oder ruf bei Gefahr "
                     r'<bdi dir="ltr">112</bdi> an\.', card), "the <x/> line break is a line break again, never a " \
                                                              "backslash; every number an isolated left-to-right run"
    assert "\\" not in re.sub(r"<script.*?</script>", "", card, flags=re.S)
    page = (segmented_site / "de" / "hulp" / "index.html").read_text()
    assert 'lang="de"' in page and "Diese Seite verwendet keine Cookies und keine Tracker." in page
    assert re.search(r'Werktags erreichst du <a href="https://www.comensha.nl/"[^>]*>CoMensha</a>', page)


def test_a_weblate_po_with_de_DE_wrapped_fuzzy_and_obsolete_entries(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "weblate.de_DE.po")
    assert said.code == 0, said.err
    assert "Imported 10 texts in de" in said.out
    assert "1 unit(s) not imported, fuzzy (the translator has not confirmed them): campaign.yml#tagline" in said.err
    assert "1 unit(s) not imported, untranslated: services.yml#noodgeval.description" in said.err
    page = (content / "pages" / "hulp.de.md").read_text()
    assert "- Werktags erreichst du [CoMensha](https://www.comensha.nl/) unter +31 33 448 11 86." in page, \
        "wrapped lines joined; the international form of the source's number accepted"
    assert "Absatz" not in page and "pages/hulp#body.5" not in (content / "translated" / "de.yml").read_text(), \
        "obsolete #~ entries are not read"
    assert "Arbeit über die Grenze" not in (content / "campaign.yml").read_text(), "the fuzzy tagline is not used"
    card = (content / "cards" / "werk.de.md").read_text()
    assert "Mo–Fr 09:00–17:00.\\\nOder ruf" in card, "<2/> is the hard line break, the en dash in the hours kept"


def test_a_poedit_po_with_crlf_and_no_campaign_line_waits_for_the_rest_of_its_card(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    assert b"\r\n" in (RETURNED / "poedit-crlf.de.po").read_bytes()
    said = importing(content, "poedit-crlf.de.po")
    assert said.code == 0, said.err
    assert "Imported 2 texts in de: 0 file(s) changed" in said.out, "recognised as this campaign's by its ids"
    assert "werk.de.md: not written yet: 2 of its 4 texts have no de translation" in said.err
    assert not (content / "cards" / "werk.de.md").exists()
    kept = record(content)["cards/werk#promise.1"]
    assert isinstance(kept, dict) and kept["pending"].startswith("Ein Vermittler verspricht dir **gut bezahlte**")
    checked = cli(content, "check")
    assert "2 de text(s) wait for the other texts of their page or card" in checked.err
    todo = tmp_path / "todo.de.po"
    assert cli(content, "translations", "export", "--language", "de", "--format", "po", "--to", str(todo)).code == 0
    assert re.search(r'#, fuzzy\nmsgctxt "cards/werk#promise.1"\n[^#]*msgstr ""\n"Ein Vermittler', todo.read_text()), \
        "what waits goes out to the translator, to confirm"
    memoq = (RETURNED / "memoq.de.xlf").read_text()
    title = tmp_path / "title.de.xlf"  # the other side's title alone: the card still waits, nothing is lost
    title.write_text(re.sub(r'<unit id="cards/werk#(promise\.|reality\.1).*?</unit>', "", memoq, flags=re.S))
    said = importing(content, title)
    assert said.code == 0 and not (content / "cards" / "werk.de.md").exists(), said.err
    assert sorted(k for k, v in record(content).items() if isinstance(v, dict) and "pending" in v) == [
        "cards/werk#promise.1", "cards/werk#promise.title", "cards/werk#reality.title"]
    rest = tmp_path / "rest.de.xlf"  # the last text, from the memoQ file
    rest.write_text(re.sub(r'<unit id="cards/werk#(promise\.|reality\.title).*?</unit>', "", memoq, flags=re.S))
    said = importing(content, rest)
    assert said.code == 0, said.err
    card = (content / "cards" / "werk.de.md").read_text()
    assert "Er organisiert den Bus und ein Zimmer." in card and "Die Schulden wachsen jede Woche" in card, \
        "the units that waited are written with the rest"
    assert not any(isinstance(v, dict) and "pending" in v for v in record(content).values())


def test_a_memoq_xliff_2_with_segments_ignorables_pc_and_ph(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "memoq.de.xlf")
    assert said.code == 0, said.err
    assert "Imported 4 texts in de" in said.out
    assert "pre-filled with the source (mark them final or approved in the tool if they are right as they are): " \
           "pages/hulp#title" in said.err
    card = (content / "cards" / "werk.de.md").read_text()
    assert "Ein Vermittler verspricht dir **gut bezahlte** Arbeit jenseits der Grenze. Er organisiert" in card
    assert "Dein Pass wird *aufbewahrt*. Ruf CoMensha an: 033 448 11 86, Mo–Fr 09:00-17:00.\\\nOder ruf" in card
    marks = record(content)
    assert marks["cards/werk#promise.1"]["review"] == "yes", "reviewed and final segments: reviewed"
    assert marks["cards/werk#reality.1"] == "Je paspoort wordt *bewaard*. Bel CoMensha: 033 448 11 86, ma–vr 09:00-17:00.\\\nOf bel 112 bij gevaar."


# 2. Checked against the source as it is now

def test_an_edited_source_is_not_imported_and_stays_to_translate(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "edited-source.de.xlf")
    assert said.code == 0, said.err
    line = next(x for x in said.err.splitlines() if "pages/hulp#body.1" in x)
    assert "its source in the file is not the campaign's" in line and "advertenties" in line and "stays to translate" in line
    assert "keine Werbung" not in "".join(p.read_text() for p in content.rglob("*.*") if p.is_file())
    todo = tmp_path / "todo.xlf"
    assert cli(content, "translations", "export", "--language", "de", "--to", str(todo)).code == 0
    assert 'id="pages/hulp#body.1"' in todo.read_text()


def test_an_old_export_after_the_source_changed_keeps_the_stale_warnings(segmented: tuple[Path, Result],
                                                                         tmp_path: Path) -> None:
    shutil.copytree(segmented[0], tmp_path / "content")
    content = tmp_path / "content"
    card, page = content / "cards" / "werk.nl.md", content / "pages" / "hulp.nl.md"
    card.write_text(card.read_text().replace("Hij regelt de bus", "Hij regelt het busje"))
    page.write_text(page.read_text().replace("trackers.\n", f"trackers.\n\n{NEW_PARAGRAPH}\n"))
    before = [x for x in cli(content, "check").err.splitlines() if "stale in de" in x]
    assert any("cards/werk.de.md: promise.1: stale in de" in x for x in before)
    german = (content / "pages" / "hulp.de.md").read_text()
    said = importing(content, "okapi-segmented.de.xlf")  # the old export, returned again
    assert said.code == 0, said.err
    refused = {m for m in re.findall(r": (\S+#\S+): its source in the file is not the campaign's", said.err)}
    assert refused == {"cards/werk#promise.1", "pages/hulp#body.2", "pages/hulp#body.3", "pages/hulp#body.4"}
    assert (content / "pages" / "hulp.de.md").read_text() == german, "no paragraph gets another one's translation"
    checked = cli(content, "check").err
    after = [x for x in checked.splitlines() if "stale in de" in x]
    assert after == before, "staleness already known is never erased by an import"
    assert "wait for the other texts" not in checked, "texts already in their file do not wait for anything"
    assert record(content)["cards/werk#promise.1"].endswith("Hij regelt de bus en een kamer.")


def test_the_translation_gets_the_sources_date_not_todays(segmented: tuple[Path, Result]) -> None:
    content = segmented[0]
    assert "updated: 2027-03-01" in (content / "pages" / "hulp.de.md").read_text()
    matrix = cli(content, "check").out
    assert re.search(r"^card werk\s+present\s+present\b", matrix, re.M), "a source dated after today is not stale"
    assert re.search(r"^page hulp\s+present\s+present\b", matrix, re.M)


# 3. States kept honestly

def test_every_review_state_is_kept(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "states.de.xlf")
    assert said.code == 0, said.err
    assert ("4 unit(s) not imported, still marked as needing translation: cards/werk#promise.title, "
            "cards/werk#promise.1, cards/werk#reality.title, cards/werk#reality.1") in said.err
    assert "pre-filled with the source (mark them final or approved in the tool if they are right as they are): " \
           "services.yml#comensha.description" in said.err
    assert "Imported 8 texts in de" in said.out, "a target without a state is a translation"
    marks = {k: v.get("review") if isinstance(v, dict) else None for k, v in record(content).items()}
    assert marks == {"pages/hulp#title": "needed", "pages/hulp#description": "needed", "pages/hulp#body.1": "needed",
                     "pages/hulp#body.2": None, "pages/hulp#body.3": "yes", "pages/hulp#body.4": "yes",
                     "campaign.yml#tagline": "yes", "services.yml#noodgeval.description": None}
    review = [x for x in cli(content, "check").err.splitlines() if "needs review in de" in x]
    assert sorted(re.findall(r"de\.yml: (\S+): needs review", "\n".join(review))) == [
        "pages/hulp#body.1", "pages/hulp#description", "pages/hulp#title"]
    assert "comensha.description: no text in de" in said.err, "the import shows the build's warnings for its files"


def test_a_reviewers_mark_survives_a_later_import(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    assert importing(content, "states.de.xlf").code == 0
    kept = content / "translated" / "de.yml"
    kept.write_text(kept.read_text().replace("# Reviewed: no", "# Reviewed: yes, by Anna Beispiel, 2026-12-05"))
    one = tmp_path / "one.de.po"
    one.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n"X-Campaign: over-de-grens\\n"\n\n'
                   'msgctxt "services.yml#comensha.description"\nmsgid "Voor slachtoffers en hun naasten."\n'
                   'msgstr "Für Betroffene und ihre Angehörigen."\n')
    said = importing(content, one)
    assert said.code == 0, said.err
    text = kept.read_text()
    assert "# Reviewed: yes, by Anna Beispiel, 2026-12-05" in text
    assert record(content)["services.yml#comensha.description"]["review"] == "draft"
    assert record(content)["pages/hulp#body.3"]["review"] == "yes"
    assert "1 de text(s) imported since the review are drafts (services.yml#comensha.description)" in cli(content, "check").err


# 4. The language of the text

def test_a_file_named_for_one_language_with_a_header_for_another_is_refused(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    polish = tmp_path / "over-de-grens.pl.xlf"
    shutil.copyfile(RETURNED / "states.de.xlf", polish)
    said = importing(content, polish)
    assert said.code == 1 and "its name says pl but its header says de" in said.err


# 6. Untrusted by default (with 4's script check and 5's numbers): each unit named, nothing written

@pytest.mark.parametrize(("name", "expected"), [
    ("refused.de.xlf", [
        r"refused\.de\.xlf:8: pages/hulp#body\.2: the translation holds U\+202E \(RIGHT-TO-LEFT OVERRIDE\)",
        r"refused\.de\.xlf:9: services\.yml#noodgeval\.description: the translation holds U\+2067",
        r"refused\.de\.xlf:10: pages/hulp#body\.1: the translation holds a carriage return",
        r"refused\.de\.xlf:11: pages/hulp#description: the translation is written in Cyrillic letters",
        r"refused\.de\.xlf:12: pages/hulp#body\.4: the placeholders are none where the source has <1>",
        r"refused\.de\.xlf:13: pages/hulp#body\.3: the numbers differ from the source's \(033 448 11 86; the "
        r"translation has 033 448 11 68\)"]),
    ("refused.de.po", [r"pages/hulp#body\.2: the translation holds U\+202E", r"pages/hulp#body\.1: the translation "
                                                                             r"holds a carriage return"]),
    ("duplicates.de.po", [r"services\.yml#noodgeval\.description: is in the file more than once"]),
    ("duplicates.de.xlf", [r"services\.yml#noodgeval\.description: is in the file more than once"]),
    ("entity.de.xlf", [r"entity\.de\.xlf: declares a DTD \(entities\)"]),
    ("html-entity.de.xlf", [r"html-entity\.de\.xlf: is not well-formed XML \(Entity 'nbsp' not defined"]),
])
def test_what_must_not_reach_a_page_is_refused_unit_by_unit(tmp_path: Path, name: str, expected: list[str]) -> None:
    content = fresh(tmp_path)
    before = tree_digest(content)
    said = importing(content, name)
    assert said.code == 1 and "Traceback" not in said.err
    errors = [x for x in said.err.splitlines() if x.startswith("error: ")]
    assert len(errors) == len(expected), said.err
    for pattern, line in zip(expected, errors, strict=True):
        assert re.search(pattern, line), line
    assert tree_digest(content) == before, "previous content untouched"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    huge = tmp_path / "huge.de.po"
    entry = 'msgctxt "x#{}"\nmsgid "a"\nmsgstr "b"\n\n'
    huge.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n\n' + "".join(entry.format(i) for i in range(130_000)))
    assert huge.stat().st_size > 5_000_000
    said = importing(content, huge)
    assert said.code == 1 and "MB, larger than a translators' file of a campaign can be (5 MB)" in said.err


def test_unknown_ids_are_listed_once_not_one_warning_each(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    many = tmp_path / "many.de.po"
    many.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n"X-Campaign: over-de-grens\\n"\n\n'
                    + "".join(f'msgctxt "pages/gone#body.{i}"\nmsgid "a"\nmsgstr "b"\n\n' for i in range(200)))
    said = importing(content, many)
    assert said.code == 0, said.err
    lines = [x for x in said.err.splitlines() if "not texts of the campaign" in x]
    assert len(lines) == 1 and "200 unit(s)" in lines[0] and "and 195 more" in lines[0]


# 5. Inline markup moved within a unit

def test_markup_moved_within_a_unit_survives(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "moved.de.xlf")
    assert said.code == 0, said.err
    card = (content / "cards" / "werk.de.md").read_text()
    assert "und jenseits der Grenze wartet **gut bezahlte** Arbeit, verspricht ein Vermittler." in card
    assert "Dein Pass wird nur *aufbewahrt*?\\\nBei Gefahr: 112." in card


def test_an_import_of_nothing_writes_nothing_and_says_so(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    fuzzy = tmp_path / "fuzzy.de.po"
    fuzzy.write_text('msgid ""\nmsgstr ""\n"Language: de-DE\\n"\n\n#, fuzzy\nmsgctxt "services.yml#noodgeval.description"\n'
                     'msgid "In acuut gevaar."\nmsgstr "In akuter Gefahr."\n')
    said = importing(content, fuzzy)
    assert said.code == 0, said.err
    assert "Imported 0 texts in de: 0 file(s) changed." in said.out and "de.yml" not in said.out
    assert not (content / "translated").exists()
    foreign = tmp_path / "foreign.de.po"  # no X-Campaign line, and none of this campaign's ids
    foreign.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgctxt "cards/dream-job#promise.1"\nmsgid "a"\nmsgstr "b"\n')
    said = importing(content, foreign)
    assert said.code == 1 and 'is a translation of the campaign "unknown", not of "over-de-grens"' in said.err


@settings(derandomize=True, max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(p.name for p in RETURNED.iterdir() if p.suffix in (".xlf", ".po"))),
       st.integers(0, 10_000), st.integers(0, 30), st.sampled_from(["", "<", "&", '"', "</g>", "<x/>", "\x00", "é",
                                                                     "<1>", "\\", "#~ ", "msgctxt \"", "\ufeff"]))
def test_no_returned_file_however_damaged_ends_in_a_traceback(tmp_path: Path, name: str, at: int, cut: int,
                                                              noise: str) -> None:
    content = tmp_path / "content"
    if not content.exists():
        fresh(tmp_path)
    data = (RETURNED / name).read_bytes()
    at %= len(data)
    damaged = tmp_path / name
    damaged.write_bytes(data[:at] + noise.encode() + data[at + cut:])
    said = importing(content, damaged)
    assert said.code in (0, 1) and "Traceback" not in said.err
    assert said.code == 0 or "error: " in said.err, "a refusal says why"


def test_markdown_and_entities_a_translator_types_are_shown_as_typed(tmp_path: Path) -> None:
    """Only placeholders make markup: `# `, `*…*`, `<b>` and `&rlm;` typed in a tool are text, never a heading,
    emphasis, HTML or a direction mark."""
    content = fresh(tmp_path)
    said = importing(content, "typed-markdown.de.xlf")
    assert said.code == 0, said.err
    output = tmp_path / "output"
    assert run("--content", str(content), "--output", str(output), "--cache", str(CACHE), "--site-only").code == 0
    page = (output / "de" / "hulp" / "index.html").read_text()
    assert "<p># Diese Seite verwendet *keine* Cookies &amp; keine Tracker.</p>" in page
    assert '<li>Ruf &amp;rlm;<bdi dir="ltr">112</bdi>&amp;lrm; an' in page and "\u200f" not in page
    assert "Wetterbericht &lt;b&gt;.</p>" in page and "<li>[Werktags] erreichst du <a" in page
    assert "<h1>Hilfe &amp; Schutz</h1>" in page, "a title is plain text: nothing to escape"


def test_a_trados_sdlxliff_keeps_each_segments_confirmation(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "trados.de.sdlxliff")
    assert said.code == 0, said.err
    assert "1 unit(s) not imported, still marked as needing translation: services.yml#comensha.description" in said.err
    assert "hulp.de.md: not written yet: 5 of its 6 texts" in said.err, "the page's title waits for the rest of the page"
    services, campaign = (content / "services.yml").read_text(), (content / "campaign.yml").read_text()
    assert "de: In akuter Gefahr." in services and "Für Betroffene" not in services, "a Draft is not confirmed"
    assert "Arbeit über die Grenze? Frag zuerst." in campaign, "two segments joined, their space kept"
    marks = record(content)
    assert marks["services.yml#noodgeval.description"] == "In acuut gevaar.", "Translated: a draft like any other"
    assert marks["campaign.yml#tagline"]["review"] == "needed", "a segment rejected at sign-off needs review"
    assert marks["pages/hulp#title"] == {"from": "Hulp zonder risico", "review": "yes", "pending": "Hilfe ohne Risiko"}


def test_targets_pretty_printed_on_indented_lines_are_one_line_of_text(tmp_path: Path) -> None:
    content = fresh(tmp_path)
    said = importing(content, "pretty-printed.de.xlf")
    assert said.code == 0, said.err
    card = (content / "cards" / "werk.de.md").read_text()
    assert "## Arbeit in Deutschland, alles organisiert\n" in card
    assert "\nEin Vermittler verspricht dir **gut bezahlte** Arbeit jenseits der Grenze. Er organisiert" in card
