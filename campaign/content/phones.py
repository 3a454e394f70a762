"""Phone numbers on pages read by people in danger: valid, free or normal-rate, and dialable.

`phonenumbers` (Google's libphonenumber) decides what a number is. Short codes such as
116 000 are dialled as they are, so their `tel:` link is the bare digits; other numbers
get E.164 (`tel:+3225116464`), which works from any phone, including a foreign one, except those
libphonenumber says cannot be dialled from abroad (India's toll-free 1800 numbers): a phone may refuse
their E.164 form, so they link as the country's own phones dial them (`tel:18001027222`).

A number is shown as the team wrote it: a helpline publishes its number grouped its own way
(`0800-7000`, `033 448 11 86`), and a reader who compares the poster with the helpline's own
site must see the same number. Only a number written without any grouping gets libphonenumber's.
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, shortnumberinfo
from phonenumbers.shortnumberinfo import ShortNumberCost


class PhoneError(ValueError):
    """A number that must not be printed; the message says why and what to do."""


def example(region: str) -> str:
    """A number as it is dialled in `region`, for hints: the team's own country's way of writing it."""
    number = phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if number else "02 511 64 64"


def dial(number: str, region: str) -> tuple[str, str]:
    """(text to show, tel: link) for a number written as the team would dial it in `region`."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(f'"{number}" is not a phone number: write it as it is dialled, e.g. {example(region)}') from None
    if not phonenumbers.is_valid_number(parsed) and shortnumberinfo.is_valid_short_number_for_region(parsed, region):
        if shortnumberinfo.expected_cost_for_region(parsed, region) == ShortNumberCost.PREMIUM_RATE:
            raise PhoneError(f'"{number}" is a premium-rate short number: people would pay to call it; give a free number')
        digits = phonenumbers.national_significant_number(parsed)
        return " ".join(number.split()), f"tel:{digits}"
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneError(f'"{number}" is not a valid phone number for {region}: check the digits (e.g. '
                         f'{example(region)}), or write a number from another country with its country code (+…)')
    if phonenumbers.number_type(parsed) == PhoneNumberType.PREMIUM_RATE:
        raise PhoneError(f'"{number}" is a premium-rate number: people would pay to call it; give a free or normal-rate number')
    return spelled(number, parsed, region), "tel:" + dialled(number, parsed, region)


def dialled(number: str, parsed: phonenumbers.PhoneNumber, region: str) -> str:
    """The digits of the `tel:` link: E.164, or the national form for a number that only its own country can call."""
    if phonenumbers.can_be_internationally_dialled(parsed):
        return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    if parsed.country_code != phonenumbers.country_code_for_region(region):  # Vatican City dials Italy's plan
        home = phonenumbers.region_code_for_number(parsed)
        raise PhoneError(f'"{number}" is a number of {home} that cannot be dialled from abroad (libphonenumber), so '
                         f"phones in {region} cannot call it: give a number that can be called from {region}")
    national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number_for_mobile_dialing(parsed, region, with_formatting=False) or re.sub(r"\D", "", national)


def spelled(number: str, parsed: phonenumbers.PhoneNumber, region: str) -> str:
    """As written, spaces tidied, when the team grouped the digits; else grouped by libphonenumber, nationally
    unless it was written with its country code (+32…, 0032…) or is another country's."""
    text = " ".join(number.split())
    if re.search(r"\d\D+\d", text.lstrip("+")):
        return text
    home = parsed.country_code == phonenumbers.country_code_for_region(region) and not text.startswith(("+", "00"))
    return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL)
