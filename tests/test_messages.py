"""Messages a second team meets first (issue 21), on the Spanish campaign (tests/spanish.py): YAML mistakes in the
team's words at the line where they start, one error for one mistake, and what --strict stops for."""
from __future__ import annotations

import pytest
from support import Scratch, tree_digest

from campaign.publish.guard import write_marker

YAML_MISTAKES = {
    "a quote never closed": (
        "services.yml", "description: {es: Servicio de prueba., ca:", 'description: {es: "Servicio de prueba., ca:',
        'content/services.yml:12: the text in quotes that starts on this line is never closed: end it with " on the '
        'same line (es: "…"); without it YAML reads on to the next " in the file'),
    "a quote never closed, at the end of the file": (
        "stations.yml", "    city: Valencia\n", '    city: "Valencia\n',
        'content/stations.yml:4: the text in quotes that starts on this line is never closed: end it with " on the '
        'same line (city: "…"); without it YAML reads on to the next " in the file'),
    "a colon inside a text": (
        "campaign.yml", "quick_exit: https://www.aemet.es/\n",
        "quick_exit: https://www.aemet.es/\ntagline: Ojos abiertos: no te dejes engañar\n",
        'content/campaign.yml:9: the text has a colon followed by a space (Ojos abiertos: no te dejes engañar), which '
        'YAML reads as the start of another field: put the text in quotes: tagline: "Ojos abiertos: no te dejes engañar"'),
    "a colon inside a text between { }": (
        "services.yml", "{es: Servicio de prueba., ca:", "{es: Atención: servicio de prueba., ca:",
        "content/services.yml:12: the text has a colon followed by a space (Atención: servicio de prueba.), which YAML "
        'reads as the start of another field: put the text in quotes: es: "Atención: servicio de prueba."'),
    "more text after the closing quote": (
        "stations.yml", "    city: Valencia\n", '    city: "Valencia" Nord\n',
        "content/stations.yml:4: a text that starts with a quote must end with it, but more follows the closing "
        "quote here: put the whole text in the other kind of quotes: city: '\"Valencia\" Nord'"),
    "a bracket never closed": (
        "stations.yml", "formats: [a2]", "formats: [a2",
        "content/stations.yml:7: the [ on this line is never closed: end the line with ] (a text that contains a comma, "
        "a colon or a bracket must be in quotes inside it)"),
    "a line indented too far": (
        "campaign.yml", "slug: ojos-abiertos\n", "slug: ojos-abiertos\n   country: ES\n",
        "content/campaign.yml:3: this line is indented further than the line above, so YAML reads it as the rest of "
        "the text above: indent it like the fields around it"),
}


def errors(stderr: str) -> list[str]:
    return [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error")]


@pytest.mark.parametrize("case", YAML_MISTAKES)
def test_a_yaml_mistake_is_said_in_plain_words_where_it_starts(spanish: Scratch, case: str) -> None:
    name, old, new, expected = YAML_MISTAKES[case]
    spanish.output.mkdir()
    (spanish.output / "index.html").write_text("<p>the good build</p>")
    write_marker(spanish.output, "ojos-abiertos")
    before = tree_digest(spanish.output)
    spanish.edit(name, old, new)
    result = spanish.build("--site-only")
    assert result.code == 1
    assert errors(result.err) == [expected]
    assert "Traceback" not in result.err and "<block end>" not in result.err and "mapping values" not in result.err
    assert tree_digest(spanish.output) == before, "the previous output is untouched"


def test_an_invalid_main_help_line_number_is_one_error_not_two(spanish: Scratch) -> None:
    spanish.edit("services.yml", 'phones: ["116 000"]', 'phones: ["116 00"]')
    result = spanish.build("--site-only")
    assert result.code == 1
    assert errors(result.err) == [
        'content/services.yml:13: linea.phones: "116 00" is not a valid phone number for ES: check the digits (e.g. '
        "810 12 34 56), or write a number from another country with its country code (+…)"]


def test_a_main_help_line_without_phones_is_still_reported(spanish: Scratch) -> None:
    spanish.edit("services.yml", '    phones: ["116 000"]\n', "    website: https://ojos-abiertos.example.es/ayuda/\n")
    result = spanish.build("--site-only")
    assert errors(result.err) == [
        "content/campaign.yml:9: main_help_line: linea has no phone number, so there is nothing to tap to call: give "
        "it `phones:` in services.yml, or name a service that has one (none has)"]
