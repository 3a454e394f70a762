"""The A6 card a person keeps: its reality side carries the main help line with who answers it, the emergency
number and the help page's address, each number whole on one line, read back from the printed file (issue 21)."""
from __future__ import annotations

from pathlib import Path

from pdfs import MM, Word, font_sizes_pt, trim, words
from spanish import HELPLINE, HELPLINE_NAME
from support import Scratch


def lines_of(pdf: Path, page: int) -> list[list[Word]]:
    """The words of one page, line by line from the top, each line left to right: a word whose middle lies
    within the height of the line so far belongs to it (a larger number shares the line of the text after it)."""
    lines: list[list[Word]] = []
    for word in sorted((w for w in words(pdf) if w.page == page), key=lambda w: (w.y0 + w.y1) / 2):
        middle = (word.y0 + word.y1) / 2
        if lines and min(w.y0 for w in lines[-1]) < middle < max(w.y1 for w in lines[-1]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def text(line: list[Word]) -> str:
    return " ".join(word.text for word in line)


def test_the_reality_side_ends_with_the_help_line_the_emergency_number_and_the_address(spanish_output: Path) -> None:
    for lang, label in (("es", "emergencias"), ("ro", "urgențe"), ("en", "emergency")):
        pdf = spanish_output / "print" / f"ojos-abiertos_card-example_a6_{lang}.pdf"
        shown = [text(line) for line in lines_of(pdf, 2)]
        helpline = next(i for i, line in enumerate(shown) if line.startswith(HELPLINE))  # the number, whole, first
        assert shown[helpline] == f"{HELPLINE} {HELPLINE_NAME[lang]}", shown
        assert shown[helpline + 1] == f"112 {label}", "the emergency number right under it, with its label"
        assert shown[helpline + 2] == f"ojos-abiertos.example.es/{lang}/help", "then where to read more"
        assert helpline + 3 == len(shown), "at the bottom of the side, after the card's own text"
        assert HELPLINE not in " ".join(shown[:helpline]), "the card's text comes first"


def test_the_help_numbers_stay_inside_the_safe_area_and_above_9_pt(spanish_output: Path) -> None:
    pdf = spanish_output / "print" / "ojos-abiertos_card-example_a6_es.pdf"
    left, top, right, bottom = trim(pdf)
    margin = 5 * MM
    slack = 2.0  # poppler boxes a word by its font's whole ascent and descent
    for word in [word for line in lines_of(pdf, 2)[-3:] for word in line]:
        assert left + margin - slack <= word.x0 and word.x1 <= right - margin + slack, word
        assert top + margin - slack <= word.y0 and word.y1 <= bottom - margin + slack, word
    assert min(font_sizes_pt(pdf)) >= 9 - 0.01


def test_a_card_of_a_campaign_without_a_help_line_still_gives_the_emergency_number(spanish: Scratch) -> None:
    spanish.edit("campaign.yml", "main_help_line: linea\n", "")
    services = spanish.path("services.yml").read_text(encoding="utf-8")
    spanish.write("services.yml", services[:services.index("  - id: linea")])  # what `new` writes: 112 alone
    result = spanish.build()
    assert result.code == 0, result.err
    shown = [text(line) for line in lines_of(spanish.output / "print" / "ojos-abiertos_card-example_a6_es.pdf", 2)]
    assert shown[-2:] == ["112 emergencias", "ojos-abiertos.example.es/es/help"]


def test_a_help_line_name_too_long_for_the_card_names_the_file_to_edit(spanish: Scratch) -> None:
    spanish.path("stations.yml").unlink()  # the card alone: a poster would report its own box first
    spanish.edit("services.yml", "es: Línea de ayuda (prueba)", "es: " + "Línea de ayuda " * 150)
    result = spanish.build()
    assert result.code == 1
    assert ("error: content/services.yml: phones: the block of help numbers on the "
            "card (es) does not fit on print/ojos-abiertos_card-example_a6_es.pdf, even at the smallest size readable "
            "from 0.4 m (3.2 mm): shorten the text") in result.err.splitlines(), result.err
    assert "Traceback" not in result.err
