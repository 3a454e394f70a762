"""What `build.py new` writes into a new campaign folder: campaign.yml, services.yml and stations.yml as
commented text, and the theme's starter texts (a safety page and an example card) in each language.

Pure builders: answers in, file texts out. Nothing here is checked: the command writes the files and
has the build's own loader check them, so a bad answer gets the message a bad file would get.
Everything written comes from data the tool already trusts (Babel/CLDR for languages and country
names, libphonenumber for emergency numbers, tzdata for time zones, the theme's catalogs for labels);
what those do not know is left for the team, with a comment, never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import yaml
from babel.languages import get_official_languages
from phonenumbers import shortnumberinfo
from unidecode import unidecode

from ..catalogs import is_source, sources, translations
from ..l10n import locale
from ..tags import best_match, tag_problem
from ..scans.rules import country_zones  # the zones scans count days in, when campaign.yml names none
from .campaign_yml import COLOUR

CAMPAIGN_WEEKS = 4
DEFAULT_COLOURS = {"primary": "#8a1538", "text": "#1a1a1a", "background": "#ffffff"}
"""The theme's own defaults (campaign_yml.campaign_colours); the accent is made from the primary colour."""
ACCENT_SHARE = 0.1
"""The accent is the primary colour at 10 % on the background: a tint any text colour reads well on."""
EXAMPLE_CARD = "example"
STARTER_SOURCE = "en"
"""The starter text copied, for translation, into a language the theme has no starter text for."""


@dataclass(frozen=True)
class Answers:
    """What the team told `build.py new`, as given: the loader judges it once it is written."""

    name: str
    country: str
    languages: tuple[str, ...]
    base_url: str
    quick_exit: str
    colours: dict[str, str] = field(default_factory=dict)
    """Only the colours given: primary, text, background, accent."""

    @property
    def usable_languages(self) -> tuple[str, ...]:
        """The codes that can name a file; the others are only written into campaign.yml, which refuses them."""
        return tuple(dict.fromkeys(lang for lang in self.languages if tag_problem(lang) is None))


@dataclass(frozen=True)
class Starter:
    """One text copied from the theme's starter folder into the campaign."""

    target: str
    """Inside content/, e.g. cards/example.nl.md."""
    text: str
    translate: bool
    """True when it is the English text, written under another language's name to be translated."""
    reviewed: bool
    """True when its `reviewed:` line says a native speaker has checked it (`yes, by <name>, <date>`)."""


# --- answers: defaults from CLDR -----------------------------------------------------------------

def country_known(country: str) -> bool:
    return country in phonenumbers.SUPPORTED_REGIONS


def official_languages(country: str, theme: Path) -> tuple[str, ...]:
    """The country's official languages (CLDR, de facto ones included) that the theme speaks: a default
    that builds at once, print included. Empty when none of them has a theme catalog."""
    codes = (code.replace("_", "-") for code in get_official_languages(country, de_facto=True))
    return tuple(code for code in codes if tag_problem(code) is None and has_catalog(theme, code))


def has_catalog(theme: Path, lang: str) -> bool:
    """True when the theme speaks `lang` (zh: its zh_Hans catalog), or it is English."""
    return is_source(lang) or sources(theme, None, lang).theme is not None


def slug_for(name: str) -> str:
    """A file-name-safe id from the campaign's name, in ASCII: 'Yeux ouverts' → 'yeux-ouverts'."""
    words = re.findall(r"[a-z0-9]+", unidecode(name).lower())
    slug = ""
    for word in words:  # at most 40 characters, cut between words: it starts every print file's name
        if len(slug) + len(word) + 1 > 40 and slug:
            break
        slug = f"{slug}-{word}" if slug else word[:40]
    return slug or "campaign"


def accent_for(primary: str, background: str) -> str:
    """A light tint of the primary colour for the accent, so that it matches whatever primary is chosen."""
    mixed = (round(int(primary[i:i + 2], 16) * ACCENT_SHARE + int(background[i:i + 2], 16) * (1 - ACCENT_SHARE))
             for i in (1, 3, 5))
    return "#" + "".join(f"{value:02x}" for value in mixed)


def campaign_colours(given: dict[str, str]) -> dict[str, str]:
    colours = {**DEFAULT_COLOURS, **given}
    if "accent" not in colours:
        if COLOUR.match(colours["primary"]) and COLOUR.match(colours["background"]):
            colours["accent"] = accent_for(colours["primary"].lower(), colours["background"].lower())
        else:  # a bad colour is reported by the loader; the accent must not add a message of its own
            colours["accent"] = "#f3e6ea"
    return {key: colours[key] for key in ("primary", "text", "background", "accent")}


def country_name(country: str, lang: str) -> str:
    """The country's name in `lang` from CLDR: 'Frankrijk' in Dutch; its code when CLDR has no name."""
    return locale(lang).territories.get(country, country)


MISSING_EMERGENCY_NUMBERS = (
    "# Its list is not complete: it holds only the numbers it classes as emergency numbers (fire, police,",
    "# ambulance), and some that people dial in an emergency are classed otherwise and left out, such as",
    "# a national police's own number in some countries.",
)
"""Why a number the team expects is not listed (Spain's 091): libphonenumber keeps police lines beyond the
emergency class in an `expandedEmergency` class of its own, which the phonenumbers package does not carry."""


def emergency_numbers(country: str) -> list[str]:
    """The country's emergency numbers according to libphonenumber's short-number metadata, 112 first
    where it is one. Every 1- to 3-digit number is tried: the metadata lists them as patterns only."""
    if not country_known(country):
        return []
    numbers = [number for length in (1, 2, 3) for value in range(10 ** length)
               if shortnumberinfo.is_emergency_number(number := f"{value:0{length}d}", country)]
    return sorted(numbers, key=lambda number: (number != "112", int(number), number))


def theme_text(theme: Path, lang: str, message: str) -> str | None:
    """The theme catalog's translation of `message`; the message itself in English; None without one."""
    if is_source(lang):
        return message
    if not has_catalog(theme, lang):
        return None
    text = translations(theme, lang).gettext(message)
    return text if text != message else None


# --- YAML text ------------------------------------------------------------------------------------

PLAIN = re.compile(r"^[^\W\d_][\w .'’()/?!-]*(?<! )$")
"""Text YAML reads as itself without quotes (no `:`, `#`, `,`, brackets, or a leading digit)."""
URL_PLAIN = re.compile(r"^https?://[A-Za-z0-9._~/?=&%+-]*$")
YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
"""Words YAML 1.1 reads as true, false or nothing (`NO`, Norway, would be false)."""


def scalar(text: str) -> str:
    """`text` as a YAML value that reads back exactly: plain when it is safe, else double-quoted with
    invisible characters escaped (so the loader sees, and reports, them as they were given)."""
    if (PLAIN.match(text) or URL_PLAIN.match(text)) and text.lower() not in YAML_WORDS:
        return text
    escaped = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
                      else "\\" + ch if ch in '"\\' else ch for ch in text)
    return f'"{escaped}"'


def flow_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def per_language(texts: dict[str, str], indent: str) -> str:
    """A block of `lang: text` lines: easier to edit than `{nl: ..., fr: ...}` once there are many."""
    return "".join(f"\n{indent}{lang}: {scalar(text)}" for lang, text in texts.items())


def comment_column(lines: list[str], width: int = 40) -> str:
    """`value  # comment` lines with their comments in one column."""
    out = []
    for line in lines:
        value, sep, note = line.rpartition("  # ")
        aligned = sep and value.strip() not in ("", "#") and len(value) < width
        out.append(f"{value.ljust(width)}  # {note}" if aligned else line)
    return "\n".join(out) + "\n"


# --- the three YAML files ---------------------------------------------------------------------------

def campaign_yml(answers: Answers, today: date) -> str:
    langs = answers.usable_languages
    end = today + timedelta(weeks=CAMPAIGN_WEEKS)
    colours = campaign_colours(answers.colours)
    zones = country_zones(answers.country)
    zone_note = (f"# timezone: {zones[0]}  # the days scans are counted in; default: the country's zone"
                 if len(zones) == 1 else
                 f"# timezone: {zones[0]}  # the days scans are counted in: {answers.country} has {len(zones)} zones; "
                 f"default: {zones[0]}"
                 if zones else "# timezone: Europe/Brussels  # the days scans are counted in")
    example = ", ".join(f"{lang}: ..." for lang in langs[:2])
    names = {lang: country_name(answers.country, lang) for lang in langs}
    national = per_language(names, "    ") if names else f" {scalar(answers.country)}"
    lines = [
        "# The campaign itself. Made by `build.py new`: change anything, then run `build.py check`.",
        "# Fields marked REQUIRED must stay; the others may be left out. See docs/writing-content.md in the tool's folder.",
        "",
        f"name: {scalar(answers.name)}  # REQUIRED; the same in every language, or one per language: {{{example}}}",
        f"slug: {scalar(slug_for(answers.name))}  # REQUIRED; used in file names: lowercase letters, digits, dashes",
        f"country: {scalar(answers.country)}  # REQUIRED; two letters; phone numbers are read as dialled there",
        zone_note,
        f"start: {today.isoformat()}  # REQUIRED; the first day (today: `new` cannot know it, so change it)",
        f"end: {end.isoformat()}  # REQUIRED; the last day (four weeks from today: change it too)",
        f"languages: {flow_list(answers.languages)}  # REQUIRED; the first is the main language",
        f"base_url: {scalar(answers.base_url)}  # REQUIRED; where the site is published: https, may include a path",
        "# allowed_domains: [example.org]  # links may only point here (and to base_url)",
        f"quick_exit: {scalar(answers.quick_exit)}  # REQUIRED; the neutral page the \"Leave now\" button opens",
        "# safety_page: safety  # the page that explains that button (pages/safety.<language>.md)",
        "# strict: true  # once the campaign is live: every warning stops the build, as with --strict",
        "colours:  # pairs are checked for a contrast of at least 4.5:1; write each as \"#\" and six hex digits",
        *(f"  {key}: {scalar(value)}" for key, value in colours.items()),
        f"# tagline: {{{example}}}  # one line that says what the campaign is about",
        f"# intro: {{{example}}}  # a few sentences for the home page",
        "regions:  # REQUIRED; the ids that services and stations use, each with its name",
        f"  national:{national}",
        "",
        "# Print settings, all optional: remove the # in front of the lines you need.",
        "# print:",
        "#   card_size: a6  # a6 or a5: the two-sided card's print file",
        f"#   card_languages: {flow_list(langs)}  # the card file's languages (default: the stations' languages)",
        "#   crop_marks: true",
        "#   bleed_mm: 5  # overrides every format's bleed",
        f"#   call_to_action: {{{example}}}",
        "#   partners:",
        "#     - name: Partner name",
        "#       logo: partner.svg  # campaign_assets/logos/partner.svg; without a logo the name is printed",
        "#   colours:  # exact inks, C M Y K percentages (else converted with the print profile)",
        "#     primary: [0, 100, 55, 45]",
        "#   qr_base_url: https://...  # where QR codes point, if not base_url (must be an allowed domain)",
    ]
    return comment_column(lines)


def services_yml(answers: Answers, theme: Path) -> str:
    langs = answers.usable_languages
    numbers = emergency_numbers(answers.country)
    head = [
        "# The help services. Made by `build.py new`; see docs/writing-content.md.",
        "#",
        "# Add the services the campaign points to (helplines for victims, for minors, ...) with numbers",
        "# confirmed by the service itself: a wrong number on a poster is worse than none.",
        "#",
    ]
    example = [
        "  # - id: helpline  # REQUIRED",
        "  #   name: Helpline  # REQUIRED; or per language",
        "  #   description: {" + ", ".join(f"{lang}: ..." for lang in langs[:2]) + "}  # REQUIRED",
        "  #   phones: [\"...\"]  # as dialled; only numbers you have confirmed",
        "  #   website: https://...  # add its domain to allowed_domains in campaign.yml",
        "  #   hours: 24/7  # or: [\"mon-fri 09:00-17:00\"]",
        "  #   regions: [national]  # REQUIRED; ids from campaign.yml",
        "  #   audiences: [victims]  # victims, minors, relatives, professionals",
    ]
    if not numbers:
        return comment_column([
            *head,
            f"# Google's libphonenumber knows no emergency number for {answers.country}: add the emergency",
            "# service (with `emergency: true`) once you have confirmed its numbers.",
            "services: []", *example])
    known = yaml.safe_load((theme / "starter" / "emergency.yml").read_text(encoding="utf-8")) or {}
    name = {lang: str(known[lang]) for lang in langs if known.get(lang)}  # drafts, like the catalogs they came from
    description = {lang: text for lang in langs if (text := theme_text(theme, lang, "In danger now?"))}
    # One number on the posters, the one everybody can dial (112 in Europe); the metadata's others are
    # listed for the team to confirm and label: it does not say which is police, fire or ambulance, and
    # some (911 in the Netherlands) only forward to 112.
    shown, others = numbers[:1], numbers[1:]
    return comment_column([
        *head,
        f"# The emergency number of {answers.country} comes from Google's libphonenumber (the phonenumbers package).",
        *([f"# It also lists {', '.join(others)} as emergency numbers of {answers.country}; it does not say which is",
           "# police, fire or ambulance."] if others else []),
        *MISSING_EMERGENCY_NUMBERS,
        "# Add those you have confirmed, each with its label, e.g.",
        f"#   - {{number: \"{others[0] if others else '...'}\", label: {{{langs[0] if langs else 'en'}: police}}}}",
        "services:",
        "  - id: emergency",
        f"    name:{per_language(name, '      ') if name else ' Emergency'}",
        f"    description:{per_language(description, '      ') if description else ' In danger now?'}",
        f"    phones: {flow_list([f'{number}' for number in shown])}",
        "    regions: [national]",
        "    emergency: true  # shown at the top of every page and on every poster",
        "",
        *example,
    ])


def stations_yml(answers: Answers, printable: tuple[str, ...] | None = None) -> str:
    """The example station, its poster in the first language that can be printed (`printable`: those with theme
    strings; None: all): a poster cannot carry English labels, so a language whose theme strings are still to
    translate waits. With none, the station is left as a comment."""
    langs = answers.usable_languages
    first = next((lang for lang in langs if printable is None or lang in printable), None)
    waiting = [lang for lang in langs if printable is not None and lang not in printable]
    note = ([f"# Posters in {', '.join(waiting)} wait for their theme strings: translate "
             f"campaign_assets/translations/<language>.po, then add the language to a station's `languages`."]
            if waiting else [])
    station = [
        "  - id: example-station  # REQUIRED",
        "    name: Example station  # REQUIRED; or per language",
        "    city: Example city  # REQUIRED; or per language",
        "    regions: [national]  # REQUIRED; its posters show the help numbers of these regions",
        f"    languages: [{first or langs[0]}]  # REQUIRED; one poster carries them all: {more_languages(langs)}",
        "    formats: [a2]  # a0, a1, a2, b1, abri, or {name: x, width_mm: 800, height_mm: 1200}",
        f"    card: {EXAMPLE_CARD}  # the card its posters show (cards/{EXAMPLE_CARD}.<language>.md)",
    ]
    return comment_column([
        "# The stations where posters hang. Made by `build.py new`; see docs/writing-content.md.",
        "# One example: replace it with the real stations, or delete this file for a campaign without posters.",
        *note,
        *(["stations:", *station] if first else ["stations: []", *(f"# {line}" for line in station)]),
    ])


def more_languages(languages: tuple[str, ...]) -> str:
    if len(languages) < 2:
        return "add a second where a station needs it"
    return f"add a second where a station needs it, e.g. [{languages[0]}, {languages[1]}]"


# --- starter texts ------------------------------------------------------------------------------------

REVIEWED = re.compile(r"^reviewed:(.*)\n", re.MULTILINE)


def starter_texts(folder: Path, languages: tuple[str, ...]) -> list[Starter]:
    """The safety page and the example card in each language, from the theme's starter folder; the English
    text, to translate, where it has none. Their `reviewed:` line is only for the starter folder (the loader
    would refuse it), so it becomes a comment that keeps saying whether the text is a draft."""
    texts = []
    written = sorted({path.name.split(".")[1] for path in folder.glob("*.*.md")})
    for lang in languages:
        match = best_match(lang, written).code or lang  # zh and zh-CN: the zh-Hans starter texts
        for kind, target in (("safety", f"pages/safety.{lang}.md"), ("card", f"cards/{EXAMPLE_CARD}.{lang}.md")):
            own = folder / f"{kind}.{match}.md"
            translate = not own.is_file()
            text = (folder / f"{kind}.{STARTER_SOURCE}.md" if translate else own).read_text(encoding="utf-8")
            found = REVIEWED.search(text)
            reviewed = not translate and found is not None and found[1].strip().lower().startswith("yes")
            note = (f"# The English starter text: translate it into {lang}, then have a native speaker check it."
                    if translate else f"# Reviewed:{found[1]}" if reviewed and found else
                    "# A draft from the theme's starter texts: have a native speaker check it.")
            texts.append(Starter(target, REVIEWED.sub(lambda _: note + "\n", text, count=1), translate, reviewed))
    return texts
