"""Scratch campaigns written the way real teams write them, unlike the sample: written into temporary folders.

- `write_dutch_persian`: a Dutch campaign (NL) with Persian pages for readers who need them, but no Persian
  poster: Persian is for the website only, its theme strings in the campaign's own catalog. Its helplines are
  written the way they publish them (CoMensha 033 448 11 86, Meld Misdaad Anoniem 0800-7000), and its card
  quotes them.
- `write_chinese`: a campaign in Belgium whose first language is written `zh`, as most people write it, with
  a Chinese poster.
The numbers are the confirmed ones of ../shared/FACTS.md. The Chinese and Persian texts are drafts written for
the tests, never reviewed by a native speaker.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po
from support import Scratch

DUTCH_PERSIAN = """\
name: {nl: Kijk uit, fa: مراقب باش}
slug: kijk-uit
country: NL
start: 2026-10-18
end: 2026-10-24
languages: [nl, fa]
base_url: https://kijk-uit.example/
quick_exit: https://www.knmi.nl/
tagline: {nl: Twijfel je? Praat erover., fa: شک داری؟ درباره‌اش حرف بزن.}
regions:
  national: {nl: Heel Nederland, fa: سراسر هلند}
"""

DUTCH_PERSIAN_SERVICES = """\
services:
  - id: emergency
    name: {nl: Noodgeval, fa: اورژانس}
    description: {nl: In acuut gevaar., fa: در خطر فوری.}
    phones: ["112"]
    regions: [national]
    emergency: true
  - id: comensha
    name: CoMensha
    description: {nl: "Voor slachtoffers, publiek en professionals.", fa: "برای قربانیان، مردم و متخصصان."}
    phones: ["033 448 11 86"]
    email: info@comensha.nl
    hours: ["mon-fri 09:00-17:00"]
    regions: [national]
    audiences: [victims, relatives, professionals]
  - id: meld-misdaad-anoniem
    name: Meld Misdaad Anoniem
    description: {nl: Anoniem een misdrijf melden., fa: گزارش ناشناس یک جرم.}
    phones: ["0800-7000"]
    regions: [national]
    audiences: [relatives]
"""

DUTCH_PERSIAN_STATIONS = """\
stations:
  - id: utrecht-centraal
    name: Utrecht Centraal
    city: Utrecht
    regions: [national]
    languages: [nl]
    formats: [a2]
"""

DUTCH_CARD = """\
---
updated: 2026-09-01
---

::: promise
## Werk in het buitenland

Een vriend belooft je een goede baan en regelt alles.
:::

::: reality
## Er is geen baan

Je paspoort wordt afgepakt. Bel CoMensha: 033 448 11 86. Of meld het anoniem via 0800-7000.
:::
"""

PERSIAN_CARD = """\
::: promise
## کار در خارج از کشور

دوستی به تو قول یک کار خوب می‌دهد.
:::

::: reality
## کاری در کار نیست

گذرنامه‌ات را می‌گیرند. با CoMensha تماس بگیر: 033 448 11 86
:::
"""

PERSIAN_STRINGS = {
    "The promise": "وعده",
    "The reality": "واقعیت",
    "Leave now": "همین حالا خارج شو",
    "Get help": "کمک بگیر",
    "Home": "خانه",
}
"""A few theme strings in Persian, drafts (the catalog says `Reviewed: no`); the others stay untranslated."""
DUTCH_OVERRIDE = {"Leave now": "Nu weg"}
"""One theme string the campaign words its own way in Dutch; the theme's catalog gives the rest."""


def write_dutch_persian(campaign: Scratch) -> None:
    """The campaign's files; its Persian catalog is written by `fill_catalog` once `build.py translations` made it."""
    campaign.write("campaign.yml", DUTCH_PERSIAN)
    campaign.write("services.yml", DUTCH_PERSIAN_SERVICES)
    campaign.write("stations.yml", DUTCH_PERSIAN_STATIONS)
    campaign.write("cards/werk.nl.md", DUTCH_CARD)
    campaign.write("cards/werk.fa.md", PERSIAN_CARD)
    campaign.write("pages/safety.nl.md", "---\ntitle: Veilig online\n---\n\nDe knop Nu weg opent meteen het weerbericht.\n")
    campaign.write("pages/safety.fa.md", "---\ntitle: امنیت آنلاین\n---\n\nدکمهٔ خروج سریع فوراً صفحهٔ هواشناسی را باز می‌کند.\n")


def fill_catalog(path: Path, strings: dict[str, str]) -> None:
    """Translate some messages of a campaign catalog, as a team would in a .po editor."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in strings:
            message.string = strings[message.id]
    with path.open("wb") as handle:
        write_po(handle, catalog, no_location=True)


CHINESE = """\
name: {zh: 看清楚, en: Look closer}
slug: kan-qingchu
country: BE
start: 2026-10-18
end: 2026-10-24
languages: [zh, en]
base_url: https://kan-qingchu.example/
quick_exit: https://www.meteo.be/
regions:
  national: {zh: 比利时全国, en: All of Belgium}
"""

CHINESE_SERVICES = """\
services:
  - id: emergency
    name: {zh: 紧急情况, en: Emergency}
    description: {zh: 现在有危险？, en: In danger now?}
    phones: ["112"]
    regions: [national]
    emergency: true
  - id: national-line
    name: {zh: 全国人口贩运热线, en: National trafficking line}
    description: {zh: 全天候服务。, en: Day and night.}
    phones: ["078 05 58 00"]
    hours: 24/7
    regions: [national]
    audiences: [victims, relatives]
"""

CHINESE_STATIONS = """\
stations:
  - id: bruxelles-midi
    name: {zh: 布鲁塞尔南站, en: Brussels-South}
    city: {zh: 布鲁塞尔, en: Brussels}
    regions: [national]
    languages: [zh]
    formats: [a2]
"""


def write_chinese(campaign: Scratch) -> None:
    campaign.write("campaign.yml", CHINESE)
    campaign.write("services.yml", CHINESE_SERVICES)
    campaign.write("stations.yml", CHINESE_STATIONS)
    campaign.write("cards/job.zh.md", "::: promise\n## 国外的工作\n\n有人答应给你一份好工作。\n:::\n\n"
                                      "::: reality\n## 根本没有工作\n\n他们拿走了你的护照。请拨打 078 05 58 00。\n:::\n")
    campaign.write("cards/job.en.md", "::: promise\n## A job abroad\n\nSomeone promises you a good job.\n:::\n\n"
                                      "::: reality\n## There is no job\n\nThey take your passport. Call 078 05 58 00.\n:::\n")
    campaign.write("pages/safety.zh.md", "---\ntitle: 上网安全\n---\n\n快速离开按钮会立即打开天气网站。\n")
    campaign.write("pages/safety.en.md", "---\ntitle: Staying safe online\n---\n\nThe quick-exit button opens a weather page.\n")


def translated_catalog(campaign: Scratch, lang: str, strings: dict[str, str]) -> Path:
    """The campaign's own catalog for `lang`, written by `build.py translations` and then partly filled in."""
    from support import run

    result = run("translations", "theme", "--language", lang, "--content", str(campaign.content))
    assert result.code == 0, result.err
    path = campaign.root / "campaign_assets" / "translations" / f"{lang}.po"
    fill_catalog(path, strings)
    return path
