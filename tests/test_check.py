"""`build.py check` on a second team's campaign (issue 21): placeholders are not translations, every text given per
language counts, and what --strict stops for is labelled as such."""
from __future__ import annotations

from pathlib import Path

import pytest
from support import CACHE, Scratch, run


def rows(out: str) -> dict[str, list[str]]:
    """The translation table's rows by their first cell ("card example"), split on runs of two spaces."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Translations"))
    table = {}
    for line in lines[start + 2:]:
        if line.startswith("Theme strings"):
            break
        cells = [cell for cell in line.split("  ") if cell.strip()]
        table[cells[0].strip()] = [cell.strip() for cell in cells[1:]]
    return table


def test_the_starter_texts_new_writes_to_translate_are_not_counted_as_translated(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ulls-oberts"
    made = run("new", str(folder), "--site-only", "--name", "Ulls oberts", "--country", "ES", "--languages",
               "es,ca,ro,en", "--base-url", "https://ulls.example.es/", "--quick-exit", "https://www.aemet.es/",
               "--cache", str(CACHE))
    assert made.code == 0, made.err
    monkeypatch.chdir(folder)
    result = run("check", "--site-only", "--cache", str(CACHE))
    assert result.code == 0, result.err
    table = rows(result.out)
    assert table["card example"] == ["present", "to translate", "present", "present"]
    assert table["page safety"] == ["present", "to translate", "present", "present"]
    assert table["service emergency"] == ["present", "missing", "present", "present"], "no name, no description in ca"
    assert "to translate = the English starter text" in result.out


def test_a_copy_of_the_first_languages_text_is_to_translate(spanish: Scratch) -> None:
    spanish.write("cards/example.ca.md", spanish.path("cards/example.es.md").read_text(encoding="utf-8"))
    result = run("check", "--content", "content", "--output", "output", "--site-only", "--cache", str(CACHE))
    assert rows(result.out)["card example"] == ["present", "to translate", "present", "present"]


def test_missing_names_and_labels_are_reported_like_descriptions(spanish: Scratch) -> None:
    result = run("check", "--content", "content", "--output", "output", "--site-only", "--cache", str(CACHE))
    warnings = [line for line in result.err.splitlines() if line.startswith("warning: content/services.yml")]
    assert warnings == [
        "warning: content/services.yml:7: emergencia.phones.label: no text in ca: the es text is shown there instead",
        "warning: content/services.yml:11: linea.name: no text in ca: the es text is shown there instead"]
    table = rows(result.out)
    assert table["service emergencia"] == ["present", "missing", "present", "present"], "its label has no ca text"
    assert table["service linea"] == ["present", "missing", "present", "present"], "its name has no ca text"


def test_under_strict_warnings_are_labelled_as_what_stops_the_build(spanish: Scratch) -> None:
    result = run("check", "--content", "content", "--output", "output", "--site-only", "--strict", "--cache", str(CACHE))
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if not line.startswith("[")]
    assert not [line for line in lines if line.startswith("warning:")]
    assert ("error (strict): content/services.yml:11: linea.name: no text in ca: the es text is shown there instead"
            in lines)
    assert lines[-1] == "0 error(s) and 7 warning(s), which stop the build too under --strict: the build would stop."


def test_strict_true_in_campaign_yml_stops_every_build_for_a_warning(spanish: Scratch) -> None:
    spanish.edit("campaign.yml", "main_help_line: linea\n", "main_help_line: linea\nstrict: true\n")
    result = spanish.build("--site-only")
    assert result.code == 1
    assert "error (strict): content/services.yml:11: linea.name: no text in ca" in result.err
    assert result.err.rstrip().endswith(
        "The build stopped: 7 problem(s) to fix (listed above; under `strict: true` in campaign.yml warnings stop it "
        "too). output/ was not changed.")
    assert not spanish.output.exists()
    spanish.edit("campaign.yml", "strict: true", "strict: yes")
    assert ("error: content/campaign.yml:10: strict: must be `true` or `false`, not \"yes\""
            in spanish.build("--site-only").err.splitlines())
