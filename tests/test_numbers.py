"""One number, one spelling: as services.yml writes it, on the site, in print, in aria-labels and in card text;
and every number in a card or page is one of services.yml's (tests/team.py's Dutch and Persian campaign)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from support import Result, Scratch, parse, run, tree_digest
from team import DUTCH_CARD, write_dutch_persian

from campaign.content.numbers import found_numbers


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_a_number_prints_as_the_helpline_writes_it_everywhere(dutch_persian: tuple[Scratch, Result]) -> None:
    """services.yml writes 0800-7000 and 033 448 11 86 as the helplines do; libphonenumber would print 0800 7000
    and 033 448 1186, so the help block would have differed from the card above it."""
    campaign, _ = dutch_persian
    out = campaign.output
    poster = pdf_text(out / "print" / "kijk-uit_utrecht-centraal_a2_nl.pdf").replace("‐ ", "")
    assert poster.count("0800-7000") == 2 and poster.count("033 448 11 86") == 2, "in the card's text and the help block"
    assert "0800 7000" not in poster and "448 1186" not in poster
    help_page = parse(out / "nl" / "help" / "index.html")
    labels = [a["aria-label"] for a in help_page.find("a") if (a.get("href") or "").startswith("tel:+318007000")]
    assert labels and all(label.endswith("– 0800-7000") for label in labels), labels
    card = (out / "nl" / "cards" / "werk" / "index.html").read_text()
    assert "0800-7000" in card and "033 448 11 86" in card
    assert "033 448 11 86" in pdf_text(out / "print" / "kijk-uit_card-werk_a6_nl.pdf")


def test_a_number_written_otherwise_in_text_is_shown_as_services_yml_writes_it(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    empty_campaign.write("cards/werk.nl.md", DUTCH_CARD.replace("Bel CoMensha: 033 448 11 86", "Bel CoMensha: 0334481186"))
    empty_campaign.write("pages/safety.nl.md", "---\ntitle: Veilig online\n---\n\nBel +31 33 448 11 86 of 112.\n")
    result = empty_campaign.build("--site-only")
    assert result.code == 0, result.err
    card = (empty_campaign.output / "nl" / "cards" / "werk" / "index.html").read_text()
    assert "033 448 11 86" in card and "0334481186" not in card
    page = (empty_campaign.output / "nl" / "safety" / "index.html").read_text()
    assert 'Bel <bdi dir="ltr">033 448 11 86</bdi> of <bdi dir="ltr">112</bdi>.' in page
    check = run("check", "--content", "content", "--site-only")
    assert "content/cards/werk.nl.md:14: 0334481186 is shown as services.yml writes it, 033 448 11 86" in check.out
    assert "content/pages/safety.nl.md:5: +31 33 448 11 86 is shown as services.yml writes it, 033 448 11 86" in check.out
    assert "warning" not in " ".join(line for line in check.err.splitlines() if "448" in line), "not a warning"


def test_a_one_digit_typo_in_a_card_stops_the_build_and_names_the_closest_number(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    assert empty_campaign.build("--site-only").code == 0
    before = tree_digest(empty_campaign.output)
    empty_campaign.write("cards/werk.nl.md", DUTCH_CARD.replace("via 0800-7000", "via 0800-7001"))
    result = empty_campaign.build("--site-only")
    assert result.code == 1
    assert ('error: content/cards/werk.nl.md:14: text: "0800-7001" is not a number in services.yml (one digit away '
            "from 0800-7000, meld-misdaad-anoniem): correct it; a number the campaign shows must be a service's "
            "`phones:` in services.yml, with who answers it") in result.err.splitlines()
    assert "Traceback" not in result.err
    assert tree_digest(empty_campaign.output) == before, "the previous output is untouched"


def test_a_number_no_service_has_is_an_error_even_far_from_any(empty_campaign: Scratch) -> None:
    write_dutch_persian(empty_campaign)
    # PAG-ASA's number: real, but in Belgium, and no service of this campaign's services.yml
    empty_campaign.write("pages/safety.fa.md", "---\ntitle: امنیت آنلاین\n---\n\nیا با +32 2 511 64 64 تماس بگیر.\n\n"
                                                "[زنگ بزن](tel:+3225116464)\n")
    result = run("check", "--content", "content", "--site-only")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert errors[0].startswith('error: content/pages/safety.fa.md:5: text: "+32 2 511 64 64" is not a number in '
                                "services.yml (the closest number there is ")
    assert errors[1].startswith('error: content/pages/safety.fa.md:7: text: "tel:+3225116464" is not a number in '
                                "services.yml")


def test_dates_times_amounts_and_years_are_not_numbers_to_check() -> None:
    text = ("Van 18-24 oktober 2026 (2026-10-18), ma-vr 09:00-17:00 of 09.00-17.00 uur. In 2020 waren er 233 dossiers "
            "en 52 slachtoffers; 1 000 000 mensen, 20 000 euro, Rue des Alexiens 16B, 1000 Bruxelles.")
    listed = {"+3278055800", "116000", "112"}
    assert [f.raw for f in found_numbers(text, "BE", {"116000", "112"}) if f.real or f.key in listed] == []


def test_short_codes_are_found_by_their_digits() -> None:
    found = found_numbers("Bel 112, 116000 of 116 123, niet 1 12 of 2026.", "NL", {"112", "116000"})
    assert [(f.raw, f.key) for f in found] == [("112", "112"), ("116000", "116000"), ("116 123", "116123")]
