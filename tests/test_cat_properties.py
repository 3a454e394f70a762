"""Properties of what import checks in a returned translation (issue 30), across the range of inputs: numbers compared
as numbers, every direction control and carriage return refused wherever it is, scripts checked, and no file —
however damaged — ending in a traceback."""
from __future__ import annotations

from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from support import PROJECT

from campaign.l10n import isolate_ltr
from campaign.translators.numbers import differ
from campaign.translators.reading import Unreadable, read
from campaign.translators.trust import DIRECTION_CONTROLS, unsafe, wrong_script

RETURNED = PROJECT / "tests" / "campaigns" / "over-de-grens" / "returned"
PHONES = ["033 448 11 86", "0800-7000", "020 624 5151", "070 888 7000", "088 008 8000"]
"""Dutch numbers as people write them nationally (CoMensha's is the confirmed one of ../shared/FACTS.md)."""
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ,.", max_size=30)


def international(number: str) -> str:
    parsed = phonenumbers.parse(number, "NL")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.sampled_from(PHONES), WORDS, WORDS)
def test_a_phone_number_written_nationally_or_internationally_is_one_number(number: str, before: str, after: str) -> None:
    source = f"Bel {number} {before}"
    assert differ(source, f"{after} Ruf {international(number)} an", "NL") is None
    assert differ(source, f"{after} Ruf {number} an", "NL") is None


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.integers(0, 23), st.integers(1, 24), st.sampled_from(["-", "–", "—", " - ", " – "]))
def test_hours_are_the_same_however_they_are_written(start: int, end: int, dash: str) -> None:
    source = f"open {start:02}:00-{end:02}:00"
    for written in (f"{start:02}:00{dash}{end:02}:00", f"{start}{dash}{end} Uhr", f"{start}:00{dash}{end}:00"):
        assert differ(source, f"geöffnet {written}", "NL") is None, written
    assert differ(source, f"geöffnet {start:02}:00{dash}{(end % 24) + 1:02}:30", "NL") is not None


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.sampled_from(PHONES), st.integers(0, 9))
def test_a_changed_digit_is_a_different_number_printed_as_written(number: str, digit: int) -> None:
    index = max(i for i, ch in enumerate(number) if ch.isdigit())
    changed = number[:index] + str((int(number[index]) + 1 + digit % 9) % 10) + number[index + 1:]
    found = differ(f"Bel {number}.", f"Ruf {changed} an.", "NL")
    assert found is not None and found[0] == [number] and changed in found[1][0]


@settings(derandomize=True, max_examples=80, deadline=None)
@given(WORDS, st.sampled_from(sorted(DIRECTION_CONTROLS | {"\r"})), WORDS)
def test_every_direction_control_and_carriage_return_is_refused_wherever_it_is(before: str, ch: str, after: str) -> None:
    assert unsafe(f"{before}{ch}112{after}") is not None
    assert unsafe(f"{before}112{after}") is None


def test_scripts_are_checked_against_the_language() -> None:
    assert wrong_script("Този сайт не използва бисквитки.", "de") == "Cyrillic"
    assert wrong_script("Diese Seite verwendet keine Cookies.", "de") is None
    assert wrong_script("Ruf CoMensha an, sagt Олена.", "de") is None, "a name in another script is not a language"
    assert wrong_script("Цей сайт не використовує файли cookie.", "uk") is None
    assert wrong_script("This site uses no cookies.", "ar") == "Latin"
    assert wrong_script("هذا الموقع لا يستخدم ملفات تعريف الارتباط", "ar") is None


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.sampled_from(sorted(p.name for p in RETURNED.iterdir() if p.suffix in (".xlf", ".po"))),
       st.integers(0, 10_000), st.integers(1, 40), st.binary(max_size=12))
def test_no_damaged_file_ends_in_a_traceback(tmp_path_factory: object, name: str, at: int, cut: int,
                                            noise: bytes) -> None:
    data = (RETURNED / name).read_bytes()
    at %= len(data)
    damaged = data[:at] + noise + data[at + cut:]
    path = Path(tmp_path_factory.mktemp("damaged")) / name  # type: ignore[attr-defined]
    path.write_bytes(damaged)
    try:
        read(path)
    except Unreadable as exc:
        assert str(exc)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(WORDS, st.sampled_from(sorted(DIRECTION_CONTROLS)), st.sampled_from(["112", "116 000", "033 448 11 86", "24/7"]))
def test_every_number_in_page_text_is_an_isolated_left_to_right_run(before: str, control: str, number: str) -> None:
    """An override written around a number cannot reach into an isolate: `112` is never shown as `211`."""
    html = str(isolate_ltr(f"{before} {control}{number}\u202c an."))
    assert f'<bdi dir="ltr">{number}</bdi>' in html


def test_numbers_people_write_differently_in_each_language_are_the_same() -> None:
    """Named regressions: a dash never joins two numbers into one (`00-17` read as 0017 refused `9–17 Uhr`)."""
    assert differ("18–24 oktober 2026", "18.–24. Oktober 2026", "NL") is None
    assert differ("maandag–vrijdag 09:00-17:00", "Montag–Freitag 9–17 Uhr", "NL") is None
    assert differ("1.000 mensen", "1 000 Menschen", "NL") is None
    assert differ("Bel 0800-7000", "Ruf +31 800 7000 an", "NL") is None
    assert differ("open tot 17:30", "geöffnet bis 17 Uhr", "NL") == (["17:30"], ["17"])
