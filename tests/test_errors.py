"""Bad content: each mistake gets its exact message, exit code 1, and the previous output stays as it was."""
from __future__ import annotations

import re
import shutil

import pytest
from support import PROJECT, Scratch, other_warnings, run, tree_digest

from campaign.publish.guard import write_marker

ALLOWED = ("blind-betting.example, stopmensenhandel.be, stoptraite.be, stophumantrafficking.be, pag-asa.be, payoke.be, "
           "asblsurya.org, stoptienerpooiers.be, stopproxenetes-ados.be, myria.be")

# (file, text to replace, replacement, the exact error lines the comms team must see)
CASES = {
    "malformed YAML": (
        "services.yml", "    website: https://www.payoke.be/\n", "    website: [https://www.payoke.be/\n",
        ["content/services.yml:87: the [ on this line is never closed: end the line with ] (a text that contains "
         "a comma, a colon or a bracket must be in quotes inside it)"]),
    "missing required field": (
        "campaign.yml", "quick_exit: https://www.meteo.be/   # neutral page the quick-exit button opens\n", "",
        ["content/campaign.yml: quick_exit: missing: add `quick_exit:` with an address starting with https://"]),
    "unknown language code": (
        "campaign.yml", "languages: [nl, fr, de, en]", "languages: [nl, fr, de, sp]",
        ['content/campaign.yml:8: languages: "sp" is not a language CLDR knows: did you mean es (Spanish)? '
         "(or ps (Pashto), sa (Sanskrit))"]),
    "misspelt field": (
        "campaign.yml", "languages: [nl", "langauges: [nl",
        ["content/campaign.yml:8: langauges: unknown field; did you mean `languages`?",
         "content/campaign.yml: languages: missing: add `languages:` with the list of language codes, the main language first"]),
    "duplicate id": (
        "services.yml", "  - id: myria\n", "  - id: payoke\n",
        ["content/services.yml:102: payoke.id: `payoke` is used twice (first on line 80): give each its own id"]),
    "invalid phone number": (
        "services.yml", '"02 511 64 64"', '"02 511 64"',
        ['content/services.yml:67: pag-asa.phones: "02 511 64" is not a valid phone number for BE: check the digits '
         "(e.g. 012 34 56 78), or write a number from another country with its country code (+…)"]),
    "premium-rate number": (
        "services.yml", '"02 511 64 64"', '"0900 12 345"',
        ['content/services.yml:67: pag-asa.phones: "0900 12 345" is a premium-rate number: people would pay to call it; '
         "give a free or normal-rate number"]),
    "non-https link": (
        "services.yml", "website: https://www.payoke.be/", "website: http://www.payoke.be/",
        ['content/services.yml:87: payoke.website: "http://www.payoke.be/" must be a full address starting with https://']),
    "link to a domain not allowed": (
        "services.yml", "website: https://www.payoke.be/", "website: https://payoke.example.com/",
        [f"content/services.yml:87: payoke.website: https://payoke.example.com/ is not on one of the campaign's allowed "
         f"domains ({ALLOWED}): add the domain to `allowed_domains` in campaign.yml if it is safe"]),
    "end before start": (
        "campaign.yml", "end: 2026-10-24", "end: 2026-10-10",
        ["content/campaign.yml:7: end: the campaign ends (2026-10-10) before it starts (2026-10-18): check both dates"]),
    "unknown poster format": (
        "stations.yml", "formats: [a0, abri, b1]\n    card: dream-job", "formats: [a0, a7]\n    card: dream-job",
        ['content/stations.yml:10: bruxelles-midi.formats: "a7" is not a poster format: use a0, a1, a2, b1, abri, '
         "or a custom size with name, width_mm and height_mm"]),
    "nonsense custom format": (
        "stations.yml", "formats: [a0, abri, b1]\n    card: dream-job",
        "formats: [a0, {name: tiny, width_mm: 5, height_mm: 0}]\n    card: dream-job",
        ["content/stations.yml:10: bruxelles-midi.formats.tiny: 5 × 0 mm cannot be made: each side must be 50 to "
         "12,500 mm (a 96-sheet billboard is 12,192 × 3,048 mm)"]),
    "a station showing a card that does not exist": (
        "stations.yml", "card: dream-job", "card: dream-jobs",
        ['content/stations.yml:11: bruxelles-midi.card: "dream-jobs" is not a card: use the id of a card in '
         "content/cards/ (dream-job, easy-money, place-to-stay, true-love)"]),
    "a QR code to a domain that is not allowed": (
        "campaign.yml", "  card_size: a6", "  qr_base_url: https://qr.example.com/\n  card_size: a6",
        ["content/campaign.yml:42: print.qr_base_url: https://qr.example.com/ is not on one of the campaign's allowed "
         f"domains ({ALLOWED}): QR codes may only lead to the campaign's own domains"]),
    "a partner logo that is not there": (
        "campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: myria.svg\n",
        ["content/campaign.yml:52: print.partners.logo: campaign_assets/logos/myria.svg does not exist: "
         "put the logo in campaign_assets/logos/, or correct the file name"]),
    "card missing a side": (
        "cards/true-love.fr.md", "::: reality", "::: realty",
        ["content/cards/true-love.fr.md:12: text: `::: realty` is not a side: write `::: promise` or `::: reality`",
         "content/cards/true-love.fr.md: reality: the card has no reality side: add a `::: reality` block with a "
         "`## title` line and its text, closed by `:::`"]),
    "side without a title": (
        "cards/easy-money.en.md", "## Easy money, just one evening\n", "",
        ["content/cards/easy-money.en.md:6: promise: has no title: start the side with a line such as `## A dream job abroad`"]),
    "weak colour contrast": (
        "campaign.yml", 'text: "#1a1a1a"', 'text: "#bbbbbb"',
        ["content/campaign.yml:23: colours.text: text #bbbbbb on background #ffffff (body text on the page background, "
         "and the card's reality side) has a contrast of 1.9:1; it must be at least 4.5:1 to be readable: make one "
         "darker or lighter",
         "content/campaign.yml:23: colours.text: text #bbbbbb on accent #f6eef1 (text on the accent colour) "
         "has a contrast of 1.7:1; it must be at least 4.5:1 to be readable: make one darker or lighter"]),
    "broken link between pages": (
        "pages/about.en.md", "[help](/help/)", "[help](/helpp/)",
        ["content/pages/about.en.md:16: link: /helpp/ is not a page of this site in en"]),
    "opening hours that close before they open": (
        "services.yml", 'hours: ["mon-fri 09:00-17:00"]', 'hours: ["mon-fri 17:00-09:00"]',
        ['content/services.yml:71: pag-asa.hours: "mon-fri 17:00-09:00" closes before it opens']),
    "unknown region": (
        "services.yml", "regions: [flanders]", "regions: [flandres]",
        ['content/services.yml:88: payoke.regions: "flandres" is not a region in campaign.yml: use one of national, '
         "brussels, flanders, wallonia"]),
    "page without title": (
        "pages/signs.de.md", "title: Die Anzeichen erkennen\n", "",
        ["content/pages/signs.de.md: title: missing: add `title:` with the page title"]),
    "front matter never closed": (
        "pages/safety.nl.md", "order: 4\nupdated: 2026-09-01\n---\n", "order: 4\nupdated: 2026-09-01\n",
        ["content/pages/safety.nl.md:1: the front matter that starts with `---` on line 1 is never closed: "
         "add a `---` line after it"]),
    "malformed front matter": (
        "cards/dream-job.en.md", "order: 1\n", "order: [1\n",
        ["content/cards/dream-job.en.md:2: the [ on this line is never closed: end the line with ] (a text that "
         "contains a comma, a colon or a bracket must be in quotes inside it)"]),
    "a number that is not a number": (
        "cards/dream-job.en.md", "order: 1\n", "order: first\n",
        ['content/cards/dream-job.en.md:2: order: must be a whole number, not "first"']),
    "a date that is not a date": (
        "pages/about.en.md", "updated: 2026-09-01", "updated: 1 September",
        ['content/pages/about.en.md:5: updated: must be a date written as YYYY-MM-DD, e.g. 2026-10-18, not "1 September"']),
    "unknown field in front matter": (
        "cards/dream-job.en.md", "order: 1\n", "order: 1\ntitle: A job\n",
        ["content/cards/dream-job.en.md:3: title: unknown field; known fields: order, updated"]),
    "a language listed twice": (
        "campaign.yml", "languages: [nl, fr, de, en]", "languages: [nl, fr, de, en, fr]",
        ["content/campaign.yml:8: languages: `fr` is listed twice"]),
    "a site address without https": (
        "campaign.yml", "base_url: https://blind-betting.example/", "base_url: http://blind-betting.example/",
        ['content/campaign.yml:9: base_url: "http://blind-betting.example/" must be a full address starting with https://']),
    "a colour that is not a colour": (
        "campaign.yml", 'primary: "#8a1538"', "primary: red",
        ['content/campaign.yml:22: colours.primary: "red" is not a colour: write it as # and six hex digits, '
         'e.g. "#8a1538" (with the quotes)']),
    "an email that is not an email": (
        "services.yml", "email: info@pag-asa.be", "email: info-at-pag-asa.be",
        ['content/services.yml:68: pag-asa.email: "info-at-pag-asa.be" is not an email address']),
    "an opening day that does not exist": (
        "services.yml", 'hours: ["mon-fri 09:00-17:00"]', 'hours: ["mon-fry 09:00-17:00"]',
        ['content/services.yml:71: pag-asa.hours: "fry" is not a day: use mon, tue, wed, thu, fri, sat, sun']),
    "a service nobody can reach": (
        "services.yml", "    website: https://www.payoke.be/\n", "",
        ["content/services.yml:80: payoke: has no way to reach it: give at least one of phones, chat, website or email"]),
    "a station language the campaign does not have": (
        "stations.yml", "    languages: [nl]", "    languages: [es]",
        ["content/stations.yml:17: antwerpen-centraal.languages: `es` is not one of the campaign's languages "
         "(nl, fr, de, en)"]),
    "a served language that is not a language": (
        "services.yml", "    regions: [brussels]", "    languages: [nl, klingon]\n    regions: [brussels]",
        ['content/services.yml:77: pag-asa.languages: "klingon" is not a language code: use a code such as nl, fr, de, '
         "en, ar, pt-BR or zh-Hans"]),
    "an unknown card size": (
        "campaign.yml", "card_size: a6", "card_size: a7",
        ['content/campaign.yml:42: print.card_size: "a7" is not a card size: use a6 or a5']),
    "a bleed no printer uses": (
        "campaign.yml", "  card_size: a6", "  bleed_mm: 50\n  card_size: a6",
        ["content/campaign.yml:42: print.bleed_mm: 50 mm is not a bleed printers use: give 0 to 20 mm (3 or 5 are usual)"]),
    "a link to a site that is not allowed": (
        "pages/signs.en.md", "[help services](/help/)", "[help services](https://example.com/help)",
        [f"content/pages/signs.en.md:26: link: https://example.com/help is not on one of the campaign's allowed domains "
         f"({ALLOWED}): add the domain to `allowed_domains` in campaign.yml if it is safe, or remove the link"]),
    "a picture in page text": (
        "pages/signs.en.md", "One sign proves nothing.", "![sign](/sign.png) One sign proves nothing.",
        ["content/pages/signs.en.md:26: text: pictures cannot be placed in page text (they cost people on slow phones "
         "time and data): remove it"]),
    "a tab in YAML indentation": (
        "stations.yml", "    card: dream-job", "\tcard: dream-job",
        ["content/stations.yml:11: is indented with a tab: YAML must be indented with spaces, replace the tab"]),
    "two mistakes in one service": (
        "services.yml", "audiences: [professionals]", "audiences: [police]\n    emergency: maybe",
        ['content/services.yml:112: myria.emergency: must be `true` or `false`, not "maybe"',
         'content/services.yml:111: myria.audiences: "police" is not an audience: use victims, minors, relatives, '
         "professionals"]),
    # Files that try something (issue 9): markup, links that are not links, values YAML cannot build, invisible text.
    "raw HTML in a card": (
        "cards/dream-job.en.md", "All you have to do is say yes.", "All you have to do is say yes. <script>alert(1)</script>",
        ["content/cards/dream-job.en.md:9: text: <script> is HTML, which is not allowed in text: readers would see it "
         "as code. Write Markdown instead (**bold**, *italic*, [a link](https://…)); for a < sign as text, write \\<"]),
    "an HTML block in a page": (
        "pages/signs.en.md", "One sign proves nothing.", "<img src=x onerror=alert(1)>\n\nOne sign proves nothing.",
        ["content/pages/signs.en.md:26: text: <img src=x onerror=alert(1)> is HTML, which is not allowed in text: "
         "readers would see it as code. Write Markdown instead (**bold**, *italic*, [a link](https://…)); for a < sign "
         "as text, write \\<"]),
    "a link that runs a script": (
        "pages/signs.en.md", "[help services](/help/)", "[klik](javascript:alert(1))",
        ["content/pages/signs.en.md:26: link: javascript:alert(1) is not a web address (a javascript: link could run "
         "code or open a file on the reader's phone): link to an https:// page instead, or remove the link"]),
    "link syntax Markdown leaves as text": (
        "pages/signs.en.md", "[help services](/help/)", "[help services] (/help/)",
        ["content/pages/signs.en.md:26: link: [help services] (/help/) is not made into a link and would be shown as "
         "typed: write it as [text](https://address) with no space between ] and (, and no space in the address"]),
    "an impossible calendar date": (
        "campaign.yml", "end: 2026-10-24", "end: 2026-02-30",
        ['content/campaign.yml:7:6: "2026-02-30" is not a real date (day is out of range for month): check the day '
         "and the month, written as YYYY-MM-DD, e.g. 2026-10-18"]),
    "a YAML tag": (
        "services.yml", "    website: https://www.payoke.be/\n", "    website: !!python/object:os.system https://www.payoke.be/\n",
        ["content/services.yml:87: `!!python/object:os.system` is a YAML tag, which campaign files do not use: remove "
         "it (put the value in quotes if it must stay text)"]),
    "a direction override in a service's name": (
        "services.yml", "  - id: payoke\n    name: Payoke", "  - id: payoke\n    name: Pay\u202eoke",
        ["content/services.yml:81:14: payoke.name: an invisible character, U+202E (RIGHT-TO-LEFT OVERRIDE): what "
         "people see would not be what is written; delete it (if you cannot see it, delete the text around it and type "
         "it again)"]),
    "a zero-width space in a phone number": (
        "services.yml", '"02 511 64 64"', '"02 511\u200b 64 64"',
        ["content/services.yml:67:21: pag-asa.phones: an invisible character, U+200B (ZERO WIDTH SPACE): what people "
         "see would not be what is written; delete it (if you cannot see it, delete the text around it and type it "
         "again)"]),
    "HTML in a YAML text": (
        "campaign.yml", "  en: Don't gamble with your future.", "  en: Don't gamble with your <b>future</b>.",
        ["content/campaign.yml:30: tagline.en: <b> is HTML: this field is shown as plain text, so readers would see "
         "the code; write the text without it"]),
    "a main help line that is not a service": (
        "campaign.yml", "quick_exit:", "main_help_line: national-lines\nquick_exit:",
        ['content/campaign.yml:20: main_help_line: "national-lines" is not a service in services.yml: did you mean '
         "national-line?"]),
    "an emergency service as the main help line": (
        "campaign.yml", "quick_exit:", "main_help_line: emergency\nquick_exit:",
        ["content/campaign.yml:20: main_help_line: emergency is an emergency service, which every page shows apart: "
         "name the help line people should call first (national-line, child-focus, pag-asa)"]),
    "a main help line without a phone": (
        "campaign.yml", "quick_exit:", "main_help_line: payoke\nquick_exit:",
        ["content/campaign.yml:20: main_help_line: payoke has no phone number, so there is nothing to tap to call: "
         "give it `phones:` in services.yml, or name a service that has one (national-line, child-focus, pag-asa)"]),
    "a logo that is a path to elsewhere": (
        "campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: ../../etc/passwd\n",
        ['content/campaign.yml:52: print.partners.logo: "../../etc/passwd" must be just the file name of a logo in '
         "campaign_assets/logos/, e.g. myria.svg"]),
}


def previous_output(scratch: Scratch) -> str:
    """Stands in for last night's good build; returns its digest."""
    (scratch.output / "nl").mkdir(parents=True)
    (scratch.output / "nl" / "index.html").write_text("<p>the good build</p>")
    (scratch.output / "sitemap.xml").write_text("<urlset/>")
    write_marker(scratch.output, "blind-betting")
    return tree_digest(scratch.output)


def errors(stderr: str) -> list[str]:
    return [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("case", CASES)
def test_bad_content_is_reported_exactly_and_publishes_nothing(scratch: Scratch, case: str) -> None:
    name, old, new, expected = CASES[case]
    before = previous_output(scratch)
    scratch.edit(name, old, new)
    result = scratch.build()
    assert result.code == 1
    assert errors(result.err) == expected
    assert "Traceback" not in result.err
    assert "output/ was not changed" in result.err
    assert tree_digest(scratch.output) == before


def test_every_problem_of_a_run_is_reported_together(scratch: Scratch) -> None:
    for case in ("invalid phone number", "end before start", "unknown poster format", "broken link between pages"):
        name, old, new, _expected = CASES[case]
        scratch.edit(name, old, new)
    result = scratch.build()
    assert result.code == 1
    assert len(errors(result.err)) == 4


@pytest.mark.parametrize("name, data, expected", [
    ("cards/dream-job.fr.md", b"", "content/cards/dream-job.fr.md: is empty: write its content or delete the file"),
    ("cards/dream-job.fr.md", "::: promise\n## Un job\nTexte é\n:::\n".encode("latin-1"),
     "content/cards/dream-job.fr.md:3: is not UTF-8 text: save it as UTF-8 (in most editors: Save as, Encoding, UTF-8)"),
    ("cards/dream-job.es.md", b"::: promise\n## x\ny\n:::\n::: reality\n## x\ny\n:::\n",
     "content/cards/dream-job.es.md: file name: `es` is not one of the campaign's languages (nl, fr, de, en): "
     "add it to `languages` in campaign.yml"),
    ("cards/ghost.fr.md", b"::: promise\n## x\ny\n:::\n::: reality\n## x\ny\n:::\n",
     "content/cards/ghost.fr.md: file name: is a translation of a card that does not exist: add ghost.nl.md "
     "(the campaign's first language), or correct the file name"),
    ("pages/Über.nl.md", b"---\ntitle: x\n---\ntext\n",
     'content/pages/Über.nl.md: file name: "Über" cannot be an id: use lowercase letters, digits and dashes, e.g. dream-job'),
    ("pages/help.nl.md", b"---\ntitle: x\n---\ntext\n",
     'content/pages/help.nl.md: file name: "help" is an address the site already uses: choose another id'),
    ("services.yml", b"- id: emergency\n  name: Emergency\n",
     "content/services.yml:1: must be made of `name: value` lines at the top (such as `services:`), not a list or "
     "a single value"),
    ("campaign.yml", b"",
     "content/campaign.yml: is empty: write its content or delete the file"),
    ("stations.yml", b"# stations come later\n",
     "content/stations.yml: has no fields, only comments or an empty value: write its fields (see docs/writing-content.md)"),
    ("cards/notes.txt", b"draft",
     "content/cards/notes.txt: file name: must be <id>.<language>.md, e.g. dream-job.nl.md"),
])
def test_bad_files_are_reported_exactly(scratch: Scratch, name: str, data: bytes, expected: str) -> None:
    before = previous_output(scratch)
    scratch.write(name, data)
    result = scratch.build()
    assert (result.code, errors(result.err)) == (1, [expected])
    assert tree_digest(scratch.output) == before


def test_a_failed_build_leaves_a_real_previous_build_byte_for_byte(scratch: Scratch) -> None:
    assert scratch.build().code == 0
    before = tree_digest(scratch.output)
    scratch.edit("services.yml", '"02 511 64 64"', '"0900 12 345"')
    assert scratch.build().code == 1
    assert tree_digest(scratch.output) == before
    leftovers = [p.name for p in scratch.root.glob(".output.*") if p.name not in (".output.spare", ".output.lock")]
    assert leftovers == [], "no leftovers (the spare tree and the lock file stay)"


def test_missing_translation_is_a_warning_and_an_error_under_strict(scratch: Scratch) -> None:
    scratch.path("cards/easy-money.de.md").unlink()
    result = scratch.build()
    assert result.code == 0
    assert ("warning: content/cards/easy-money.nl.md: translation: missing in de: this card is not shown in that "
            "language until easy-money.de.md exists") in result.err.splitlines()
    assert not (scratch.output / "de" / "cards" / "easy-money").exists()
    assert (scratch.output / "nl" / "cards" / "easy-money" / "index.html").exists()

    before = tree_digest(scratch.output)
    strict = scratch.build("--strict")
    assert strict.code == 1
    assert "output/ was not changed" in strict.err
    assert tree_digest(scratch.output) == before


def test_a_file_with_a_bom_and_windows_line_endings_builds(scratch: Scratch) -> None:
    text = scratch.path("cards/dream-job.en.md").read_text(encoding="utf-8")
    scratch.write("cards/dream-job.en.md", "\ufeff".encode() + text.replace("\n", "\r\n").encode())
    services = scratch.path("services.yml").read_text(encoding="utf-8")
    scratch.write("services.yml", "\ufeff".encode() + services.replace("\n", "\r\n").encode())
    result = scratch.build()
    assert result.code == 0, result.err
    assert other_warnings(result.err) == []
    page = (scratch.output / "en" / "cards" / "dream-job" / "index.html").read_text()
    assert "A modelling job abroad" in page and "\r" not in page


def test_a_missing_content_folder_is_explained(scratch: Scratch) -> None:

    result = run("--content", "nowhere", "--output", "output")
    assert result.code == 1
    assert result.err.strip() == "error: nowhere: no such folder; give the campaign's content folder with --content DIR"


def test_a_missing_campaign_file_is_explained(scratch: Scratch) -> None:
    scratch.path("campaign.yml").unlink()
    result = scratch.build()
    assert (result.code, errors(result.err)) == (1, [
        "content/campaign.yml: is missing: every campaign folder needs a campaign.yml (see docs/writing-content.md)"])


def test_a_logo_that_is_a_photo_or_too_large_is_refused(scratch: Scratch) -> None:
    logos = scratch.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "myria.png").write_bytes(b"\x89PNG")
    (logos / "payoke.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + "<!-- photo -->" * 80_000 + "</svg>")
    scratch.edit("campaign.yml", "    - name: Myria\n    - name: PAG-ASA\n    - name: Payoke\n",
                 "    - name: Myria\n      logo: myria.png\n    - name: PAG-ASA\n    - name: Payoke\n      logo: payoke.svg\n")
    result = scratch.build()
    assert (result.code, errors(result.err)) == (1, [
        "content/campaign.yml:52: print.partners.logo: myria.png must be an SVG file: logos are printed metres wide, "
        "only vector art stays sharp",
        "content/campaign.yml:55: print.partners.logo: payoke.svg is 1120 KB: a logo must be under 1 MB (it probably "
        "contains a photo; ask for the vector version)"])


def test_a_theme_catalog_with_a_broken_placeholder_stops_the_build(scratch: Scratch) -> None:
    theme = scratch.root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    catalog = theme / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Volgende kaart: %(title)s"', 'msgstr "Volgende kaart: %(titel)s"'),
                       encoding="utf-8")
    line = text.split('msgstr "Volgende kaart: %(title)s"')[0].count("\n")  # the msgid's line, 1-based
    result = scratch.build("--theme", "theme")
    assert (result.code, errors(result.err)) == (1, [
        f'theme/translations/nl/LC_MESSAGES/messages.po:{line}: msgid "Next card: %(title)s": unknown named '
        "placeholder 'titel': keep every %(name)s placeholder of the original exactly as it is"])


def warnings(stderr: str) -> list[str]:
    """The warnings besides those of the draft catalogs every sample build gives."""
    return [line.removeprefix("warning: ") for line in other_warnings(stderr)]


def test_a_logo_with_a_script_and_a_link_to_a_site_stops_the_build(scratch: Scratch) -> None:
    logos = scratch.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "myria.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
                                     '<script>fetch("https://evil.example/")</script>\n'
                                     '<image href="https://evil.example/pixel.png"/></svg>')
    scratch.edit("campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: myria.svg\n")
    result = scratch.build()
    ask = "ask the partner for a plain SVG logo without scripts or linked images"
    assert (result.code, errors(result.err)) == (1, [
        f"campaign_assets/logos/myria.svg:2: logo: contains a script (<script>): {ask}",
        "campaign_assets/logos/myria.svg:3: logo: loads something from another site (https://evil.example/pixel.png), "
        f"which the build never fetches: {ask}"])


def test_inputs_that_quietly_produced_nothing_warn(scratch: Scratch) -> None:
    scratch.edit("stations.yml", "    formats: [a0, abri, b1]\n    card: dream-job", "    card: dream-job")
    scratch.edit("cards/dream-job.en.md", "All you have to do", "All you\u200b have to do")
    scratch.write("service.yml", "services: []\n")
    scratch.write("cards/drafts/old.nl.md", "::: promise\n")
    scratch.edit("services.yml", '    hours: ["mon-fri 09:00-17:00"]', "    hours: []")
    result = scratch.build("--site-only")
    assert result.code == 0, result.err
    assert warnings(result.err) == [
        "content/service.yml: is not read by the build: did you mean services.yml?",
        "content/cards/drafts: folders inside cards/ are not read: move its files into cards/ itself, or out of the "
        "content folder",
        "content/cards/dream-job.en.md:9:102: text: an invisible character, U+200B (ZERO WIDTH SPACE): readers do not "
        "see it, but it changes how the text is searched, copied or read aloud; delete it unless it is meant to be there",
        "content/services.yml:71: pag-asa.hours: is empty, so no opening hours are shown: write `24/7` or lines such as "
        "`- mon-fri 09:00-17:00`, or remove `hours:`",
        "content/stations.yml:5: bruxelles-midi.formats: the station has no poster formats, so no poster is made for it "
        "(only its screen images): add them, e.g. `formats: [a0, abri]`",
    ]
    assert scratch.build("--site-only", "--strict").code == 1


def test_a_station_whose_card_lacks_its_language_warns(scratch: Scratch) -> None:
    scratch.path("cards/dream-job.fr.md").unlink()
    result = scratch.build("--site-only")
    assert result.code == 0, result.err
    assert ("content/stations.yml: bruxelles-midi: the card dream-job has no fr version, so the station's fr posters "
            "show its nl text: add cards/dream-job.fr.md") in warnings(result.err)


def test_inks_beyond_the_print_profiles_limit_stop_the_build(scratch: Scratch) -> None:
    """Inks given exactly (print: colours:) are held to the output profile's total ink limit: a number worked out
    once per profile file (colour.ink_limit), checked on every build."""
    before = previous_output(scratch)
    scratch.edit("campaign.yml", "  card_size: a6", "  card_size: a6\n  colours: {primary: [100, 100, 100, 100]}")
    result = scratch.build()
    assert result.code == 1 and "Traceback" not in result.err
    assert [re.sub(r"\d+ % the", "N % the", error) for error in errors(result.err)] == [
        "content/campaign.yml: print.colours.primary: 400 % of ink in all is more than the N % the print profile "
        "allows (FOGRA39): lower some of the four values"]
    assert tree_digest(scratch.output) == before
