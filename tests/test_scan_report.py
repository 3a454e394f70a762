"""The scan report and summary in the campaign's main language (issue 21, point 10), on the Spanish test campaign
(tests/spanish.py): strings from the theme's report catalogs, dates and numbers from Babel, English where no
catalog speaks the language."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from support import PROJECT, Scratch, parse, run
from test_scans import FONTS, V1, V2, line

from campaign.scans.chart import Chart
from campaign.tags import babel_locale

CODE = "vzaed"  # estacion-norte's A2 poster in es and ro
TRANSLATIONS = PROJECT / "theme" / "translations"
REPORT_CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/report.po"))


def write_log(campaign: Scratch) -> Path:
    """10,000 lines that are not scans, two scans on 1 March 2027 (one followed by a page) and a broken line."""
    path = campaign.root / "access.log"
    lines = [line(V1, "01/Mar/2027:09:00:00 +0100", "GET /robots.txt HTTP/2.0")] * 10_000
    lines += [line(V1, "01/Mar/2027:10:00:00 +0100", f"GET /s/{CODE}/ HTTP/2.0"),
              line(V2, "01/Mar/2027:11:00:00 +0100", f"GET /s/{CODE}/ HTTP/2.0"),
              line(V2, "01/Mar/2027:11:05:00 +0100", "GET /es/help/ HTTP/2.0"), "not a log line\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def report_text(campaign: Scratch) -> str:
    """The report's text, white space collapsed (but no-break spaces kept: Babel writes `50\u00a0%` in Spanish)."""
    return re.sub(r"[ \t\n]+", " ", " ".join(parse(campaign.root / "report" / "report.html").text)).strip()


def test_the_report_and_the_summary_speak_the_campaigns_main_language(spanish: Scratch) -> None:
    result = run("scans", str(write_log(spanish)), "--report", "report", "--content", "content")
    assert result.code == 0, result.err
    summary = result.out.splitlines()
    assert summary[0].startswith("Lectura de 1 archivo de registro: 10.004 líneas en ")
    assert summary[0].endswith("; 1 línea no se pudo leer.")
    assert summary[1] == "Solicitudes a una dirección de escaneo: 2; contados: 2 escaneos (días en Europe/Madrid)."
    assert summary[3] == ("Tras el 50\u00a0% de los escaneos, el visitante abrió otra página del sitio en menos de "
                          "30 minutos.")
    assert summary[5].split() == ["estación", "formato", "idiomas", "código", "escaneos", "luego", "otra", "página"]
    assert "note:" not in result.err
    html = (spanish.root / "report" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="es" dir="ltr">' in html
    assert 'lang="en"' not in html, "every string has its Spanish text"
    text = report_text(spanish)
    assert "Escaneos de los carteles y pantallas de Ojos abiertos" in text
    assert "Campaña: 1–14 de marzo de 2027. Los días se cuentan en Europe/Madrid." in text
    assert "lunes, 1 de marzo de 2027 2 50\u00a0%" in text  # Babel's date, number and percentage
    assert "domingo, 14 de marzo de 2027 0 –" in text
    assert "Estación del Norte a2 es-ro vzaed 2 50\u00a0%" in text
    assert "Líneas leídas 10.004" in text and "Líneas que no se pudieron leer 1" in text
    assert "No contados: bots y vistas previas de enlaces 0" in text
    for english in ("Scans per day", "How these numbers were counted", "Monday", "March"):
        assert english not in text
    labels = re.findall(r'<text class="day"[^>]*>([^<]*)</text>', html)
    assert labels[:2] == ["1 mar", "2 mar"], "the chart's days in Spanish too"


def test_a_main_language_without_report_strings_gets_it_in_english(spanish: Scratch) -> None:
    """No report catalog speaks Romanian: the report is English, dates included, and says so; the campaign's own
    texts keep their language."""
    spanish.edit("campaign.yml", "languages: [es, ca, ro, en]", "languages: [ro, es, ca, en]")
    result = run("scans", str(write_log(spanish)), "--report", "report", "--content", "content")
    assert result.code == 0, result.err
    assert ("note: the scan report is in English: no report catalog of the theme speaks ro "
            "(theme/translations/<language>/LC_MESSAGES/report.po; see `make translations`)") in result.err
    assert result.out.startswith("Read 1 log file: 10,004 lines in ")
    html = (spanish.root / "report" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html
    assert '<th scope="row"><span lang="ro" dir="ltr">Gara de Nord</span></th>' in html
    assert "Monday, March 1, 2027 2 50%" in report_text(spanish)


def test_every_report_catalog_translates_every_string_and_keeps_its_placeholders() -> None:
    with (TRANSLATIONS / "report.pot").open("rb") as handle:
        wanted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle)
                  if message.id}
    assert {path.parent.parent.name for path in REPORT_CATALOGS} >= {"nl", "fr", "de", "es"}
    for path in REPORT_CATALOGS:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        assert "Reviewed:" in (catalog.header_comment or ""), f"{path}: say whether a native speaker reviewed it"
        assert [(message.id, errors) for message, errors in catalog.check()] == []
        done = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog
                if message.id and not message.fuzzy and all(message.string if isinstance(message.string, tuple)
                                                            else [message.string])}
        assert wanted - done == set(), f"{path} lacks these"


def test_report_pot_holds_every_string_the_report_uses() -> None:
    """`make translations` was run after the last change to campaign/scans/: no string is missing from report.pot."""
    with (PROJECT / "theme" / "babel-report.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    used = {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(PROJECT / "campaign" / "scans",
                                                                              method_map, options_map)}
    with (TRANSLATIONS / "report.pot").open("rb") as handle:
        listed = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle)
                  if message.id}
    assert used == listed


@pytest.mark.skipif(not FONTS, reason="neither DejaVu Sans nor Noto Sans is installed to measure the labels with")
@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de", "es"])
@pytest.mark.parametrize("first, days", [(date(2027, 3, 1), 7), (date(2027, 3, 1), 31), (date(2027, 1, 1), 365),
                                         (date(2026, 11, 20), 366)])
def test_day_labels_keep_clear_of_each_other_in_every_report_language(lang: str, first: date, days: int) -> None:
    chart = Chart.of([(first + timedelta(days=n), n % 7, 0) for n in range(days)], babel_locale(lang))
    assert chart is not None and chart.labels
    edges = []
    for label in chart.labels:
        width = max(font.getlength(label.text) for font in FONTS) * chart.font_size / 12
        edges.append((label.x - width / 2, label.x + width / 2, label.text))
    assert edges[0][0] >= 0 and edges[-1][1] <= chart.width
    for (_, right, text), (left, _, following) in zip(edges, edges[1:]):
        assert right < left, f"{text!r} overlaps {following!r}"
