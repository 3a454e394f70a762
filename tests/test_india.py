"""A campaign for India's railway stations, made by `new` as the README says: Hindi first, Bengali, Tamil, Urdu and
Indian English (`en-IN`), country IN. Numbers as India dials them, and what each number is for read in its place."""
from __future__ import annotations

import re
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from support import CACHE, Result, parse, run

from campaign.content.phones import PhoneError, dial

LANGUAGES = ("hi", "bn", "ta", "ur", "en-IN")
TOLL_FREE = "1800 102 7222"
HELPLINE = f"""
  - id: childline
    name: {{hi: चाइल्डलाइन, en-IN: Childline}}
    description: {{hi: बच्चों के लिए, en-IN: For children}}
    phones:
      - {{number: "{TOLL_FREE}", label: {{hi: टोल-फ़्री, bn: টোল-ফ্রি, ta: கட்டணமில்லா, ur: ٹول فری, en-IN: toll-free}}}}
      - "1098"
    hours: 24/7
    regions: [national]
    audiences: [minors]
"""


def new_indian(folder: Path, *extra: str) -> Result:
    return run("new", str(folder), "--name", "Aankhen Kholo", "--country", "IN", "--languages", ",".join(LANGUAGES),
               "--base-url", "https://aankhen.example.in/", "--quick-exit", "https://mausam.imd.gov.in/",
               "--cache", str(CACHE), *extra)


@pytest.fixture(scope="session")
def indian_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The campaign `new` makes (website only), with a children's helpline whose toll-free number a card names."""
    folder = tmp_path_factory.mktemp("india") / "aankhen-kholo"
    made = new_indian(folder, "--site-only")
    assert made.code == 0, made.err
    services = folder / "content" / "services.yml"
    services.write_text(services.read_text(encoding="utf-8") + HELPLINE, encoding="utf-8")
    card = folder / "content" / "cards" / "example.en-IN.md"
    card.write_text(card.read_text(encoding="utf-8").replace("\n:::\n", f"\n\nCall {TOLL_FREE}.\n:::\n", 1),
                    encoding="utf-8")
    built = run("--content", str(folder / "content"), "--output", str(folder / "output"), "--cache", str(CACHE),
                "--site-only")
    assert built.code == 0, built.err
    return folder / "output"


# --- tel: links as a phone in the country dials them ---------------------------------------------------------

def test_a_toll_free_number_india_cannot_dial_from_abroad_links_in_its_national_form(indian_site: Path) -> None:
    help_page = (indian_site / "en-IN" / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:18001027222"' in help_page
    assert "tel:+9118001027222" not in help_page, "libphonenumber: not diallable in international format"
    assert 'href="tel:1098"' in help_page, "a short code as it is"
    assert 'href="tel:112"' in help_page
    card = (indian_site / "en-IN" / "cards" / "example" / "index.html").read_text(encoding="utf-8")
    assert TOLL_FREE in card, "the number in the card's text is the directory's: no error, shown as written"


def test_a_label_is_read_after_its_number_not_as_who_answers(indian_site: Path) -> None:
    for lang, name, label in (("en-IN", "Childline", "toll-free"), ("hi", "चाइल्डलाइन", "टोल-फ़्री")):
        page = indian_site / lang / "help" / "index.html"
        html = page.read_text(encoding="utf-8")
        links = [a for a in parse(page).find("a") if a.get("href") == "tel:18001027222"]
        assert links, lang
        for link in links:
            assert link["aria-label"].startswith(f"{name}") or f" {name}" in link["aria-label"], link
            assert label not in link["aria-label"], "the label does not stand for who answers"
            assert link["aria-label"].endswith(f"– {TOLL_FREE}"), link
        after = re.findall(r'href="tel:18001027222"[^>]*>.*?</a>(.*?)</li>', html, re.S)
        assert after and all(f'<span class="phone-label">{label}</span>' in text for text in after), after
        assert f"({label})" not in html, "no brackets, which read as part of a name"


REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST,
         PhoneNumberType.UAN)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(region=st.sampled_from(REGIONS), kind=st.sampled_from(TYPES))
def test_every_link_dials_the_number_it_shows_from_a_phone_in_the_country(region: str, kind: int) -> None:
    """Across libphonenumber's example numbers: E.164 where the number can be dialled internationally, otherwise the
    national form, which reads back as the same number in the country."""
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None or not phonenumbers.is_valid_number_for_region(example, region):
        return
    written = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
    try:
        _shown, tel = dial(written, region)
    except PhoneError as exc:
        assert "premium-rate" in str(exc)
        return
    target = tel.removeprefix("tel:")
    if phonenumbers.can_be_internationally_dialled(example):
        assert target == phonenumbers.format_number(example, PhoneNumberFormat.E164)
    else:
        assert target.isdigit() and phonenumbers.parse(target, region) == example, (region, written, tel)


@pytest.mark.parametrize(("number", "region", "tel"), [
    (TOLL_FREE, "IN", "tel:18001027222"),        # India's toll-free: not diallable from abroad
    ("98765 43210", "IN", "tel:+919876543210"),  # an Indian mobile: E.164
    ("1098", "IN", "tel:1098"),                  # a short code as it is
    ("02 511 64 64", "BE", "tel:+3225116464"),
    ("116 000", "BE", "tel:116000"),
])
def test_numbers_as_the_country_dials_them(number: str, region: str, tel: str) -> None:
    assert dial(number, region)[1] == tel


def test_a_number_no_phone_abroad_can_call_is_refused_for_another_country() -> None:
    with pytest.raises(PhoneError, match="cannot be dialled from abroad"):
        dial("+91 1800 102 7222", "BE")
