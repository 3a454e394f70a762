"""campaign.yml: the campaign itself — languages, addresses, colours, regions and print settings."""
from __future__ import annotations

import difflib
import re
import zoneinfo
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers

from ..print.formats import card_format
from ..problems import Problems
from ..tags import maximal, same_language, tag_problem, unknown_language
from .addresses import quick_exit_url, site_url
from .fields import Fields, describe
from .ids import ID, ID_HELP
from .markdown import domain_allowed
from .model import CMYK, Campaign, Colours, Partner, PrintSettings, Service
from .regular import special
from .sources import YamlReader, read_yaml_mapping, report_outside

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_LOGO_BYTES = 1_000_000
"""A logo is a small vector file; a larger one is usually an embedded photo that bloats every PDF."""

CAMPAIGN_FIELDS = ("name", "slug", "country", "timezone", "start", "end", "languages", "base_url",
                   "allowed_domains", "quick_exit", "safety_page", "main_help_line", "colours", "tagline", "intro",
                   "regions", "print", "strict")


def load_campaign(path: Path, assets: Path, problems: Problems, read: YamlReader = read_yaml_mapping) -> Campaign | None:
    if not path.exists():
        problems.error(path, None, "", "is missing: every campaign folder needs a campaign.yml (see docs/writing-content.md)")
        return None
    data = read(path, problems)
    if data is None:
        return None
    f = Fields(data, path, problems)
    f.check_known(CAMPAIGN_FIELDS)
    country = (f.text("country", required=True, what="the two-letter country code, e.g. BE") or "").upper()
    if country and country not in phonenumbers.SUPPORTED_REGIONS:
        f.error("country", f'"{country}" is not a country code: use two letters, e.g. BE, NL, FR')
    languages = campaign_languages(f, country)
    if not languages:
        return None
    base_url = site_url(f, "base_url", required=True) or "https://invalid.example"
    own_domain = urlsplit(base_url).hostname or ""
    allowed = tuple(dict.fromkeys([own_domain, *(d.lower() for d in f.text_list("allowed_domains"))]))
    start, end = f.date("start", required=True), f.date("end", required=True)
    if start and end and end < start:
        f.error("end", f"the campaign ends ({end}) before it starts ({start}): check both dates")
    slug = f.text("slug", required=True, what="a short name for file names, e.g. blind-betting") or ""
    if slug and not ID.match(slug):
        f.error("slug", f'"{slug}" cannot be used in file names: {ID_HELP}')
    name = f.localised("name", languages, required=True, what="the campaign's name")
    tagline = f.localised("tagline", languages, what="one line that says what the campaign is about", prose=True)
    intro = f.localised("intro", languages, what="a few sentences for the home page", prose=True)
    for key, texts in (("name", name), ("tagline", tagline), ("intro", intro)):
        warn_missing_languages(f, key, texts, languages)
    colours = campaign_colours(f)
    main_line = f.text("main_help_line", what="the id of a help service in services.yml, e.g. national-line")
    if main_line is not None and not ID.match(main_line):
        f.error("main_help_line", f'"{main_line}" cannot be a service id: {ID_HELP}')
        main_line = None
    return Campaign(
        name=name,
        slug=slug,
        country=country,
        start=start or date.min,  # a missing date is already an error; the value is never published
        end=end or date.min,
        languages=languages,
        base_url=base_url.rstrip("/") + "/",
        allowed_domains=allowed,
        quick_exit=quick_exit_url(f, allowed) or "",
        safety_page=f.text("safety_page") or "safety",
        colours=colours,
        tagline=tagline,
        intro=intro,
        regions=campaign_regions(f, languages),
        print=print_settings(f, languages, base_url, allowed, assets),
        path=path,
        timezone=time_zone(f),
        main_help_line=main_line,
        main_help_line_at=f.line("main_help_line"),
        strict=f.boolean("strict", False),
    )


def check_main_help_line(campaign: Campaign, services: list[Service], problems: Problems) -> None:
    """`main_help_line:` names a service of services.yml that the site can offer as a tap-to-call button."""
    wanted = campaign.main_help_line
    if wanted is None or not services:  # no services: services.yml itself is reported
        return

    def error(message: str) -> None:
        problems.error(campaign.path, campaign.main_help_line_at, "main_help_line", message)

    service = next((s for s in services if s.id == wanted), None)
    callable_ids = [s.id for s in services if s.phones and not s.emergency]
    if service is None:
        close = difflib.get_close_matches(wanted, callable_ids, n=1)
        hint = f"did you mean {close[0]}?" if close else f"use one of {', '.join(callable_ids) or 'none has a phone'}"
        error(f'"{wanted}" is not a service in services.yml: {hint}')
    elif service.emergency:
        error(f"{wanted} is an emergency service, which every page shows apart: name the help line people should call "
              f"first ({', '.join(callable_ids) or 'a service with phones:'})")
    elif not service.phones and not refused_numbers(problems, wanted):  # else its refused number is said twice
        error(f"{wanted} has no phone number, so there is nothing to tap to call: give it `phones:` in services.yml, "
              f"or name a service that has one ({', '.join(callable_ids) or 'none has'})")


def refused_numbers(problems: Problems, service: str) -> bool:
    """Whether the service's numbers were given but refused (invalid, premium-rate…): that error says it all."""
    return any(p.error and p.field == f"{service}.phones" for p in problems.items)


def time_zone(f: Fields) -> str | None:
    """The optional `timezone:` (tz database name) that scan counts' days are counted in."""
    name = f.text("timezone", what="a time zone name such as Europe/Brussels")
    if name is None:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=1)
        hint = f"did you mean {close[0]}?" if close else "use a name such as Europe/Brussels or America/New_York"
        f.error("timezone", f'"{name}" is not a time zone: {hint}')
        return None
    return name


def campaign_languages(f: Fields, country: str) -> tuple[str, ...]:
    """The languages as the team wrote them (BCP 47, read with CLDR: tags.py); a wrong one stops the loading."""
    codes = f.text_list("languages", required=True, what="the list of language codes, the main language first")
    seen: list[str] = []
    for index, code in enumerate(codes):
        twin = next((lang for lang in seen if same_language(lang, code)), None)
        problem = (tag_problem(code, country) or (f"`{code}` is listed twice" if code in seen else None)
                   or (f"`{code}` and `{twin}` are the same language ({(maximal(code) or maximal(twin)).code}): "
                       "keep one" if twin else None))
        if problem:
            f.problems.error(f.path, f.item_line("languages", index), f.name("languages"), problem)
        else:
            seen.append(code)
    return tuple(seen) if len(seen) == len(codes) else ()


PRINT_FIELDS = ("card_size", "card_languages", "crop_marks", "bleed_mm", "call_to_action", "partners", "colours",
                "qr_base_url", "on_website")


def print_settings(f: Fields, languages: tuple[str, ...], base_url: str, allowed: tuple[str, ...],
                   assets: Path) -> PrintSettings:
    """The `print:` group of campaign.yml; every field is optional."""
    sub = f.mapping("print", what="the print settings") or Fields(type(f.data)(), f.path, f.problems, "print")
    sub.check_known(PRINT_FIELDS)
    bleed = sub.number("bleed_mm")
    if bleed is not None and not 0 <= bleed <= 20:
        sub.error("bleed_mm", f"{bleed:g} mm is not a bleed printers use: give 0 to 20 mm (3 or 5 are usual)")
        bleed = None
    size_name = (sub.text("card_size") or "a6").lower()
    card_size = card_format(size_name, bleed)
    if card_size is None:
        sub.error("card_size", f'"{size_name}" is not a card size: use a6 or a5')
        card_size = card_format("a6", bleed)
    qr_base = base_url
    if sub.has("qr_base_url"):
        text = sub.text("qr_base_url") or ""
        url = site_url(sub, "qr_base_url", value=text)
        if url and not domain_allowed(urlsplit(url).hostname or "", allowed):
            sub.error("qr_base_url", f"{url} is not on one of the campaign's allowed domains ({', '.join(allowed)}): "
                                     "QR codes may only lead to the campaign's own domains")
        qr_base = url or base_url
    return PrintSettings(
        card_size=card_size,
        crop_marks=sub.boolean("crop_marks", True),
        bleed_mm=bleed,
        call_to_action=sub.localised("call_to_action", languages, what="a short call to action for posters", prose=True),
        partners=partners(sub, assets),
        cmyk=print_colours(sub),
        qr_base_url=qr_base.rstrip("/") + "/",
        card_languages=card_languages(sub, languages),
        on_website=sub.boolean("on_website", False),
    )


def card_languages(sub: Fields, languages: tuple[str, ...]) -> tuple[str, ...] | None:
    """`print: card_languages`: the languages of the card's print file; None (not given): the stations' languages.
    An empty list makes none: a campaign whose cards are only on its website."""
    value = sub.data.get("card_languages")
    if value is None:
        return None
    if isinstance(value, list) and not value:
        return ()
    chosen: list[str] = []
    for index, code in enumerate(sub.text_list("card_languages", what="the languages of the card's print file")):
        if code in languages:
            chosen.append(code)
        else:
            sub.problems.error(sub.path, sub.item_line("card_languages", index), sub.name("card_languages"),
                               unknown_language(code, languages))
    return tuple(lang for lang in languages if lang in chosen)


def print_colours(sub: Fields) -> dict[str, CMYK]:
    """The inks given exactly, by colour name; the other colours are converted with the print profile."""
    cmyk: dict[str, CMYK] = {}
    given = sub.mapping("colours", what="the brand colours in CMYK")
    if given is None:
        return cmyk
    given.check_known(("primary", "text", "background", "accent"))
    for name in ("primary", "text", "background", "accent"):
        value = given.data.get(name)
        if value is None:
            continue
        parts = str(value).replace(",", " ").split() if isinstance(value, str) else list(value) if isinstance(value, list) else []
        try:
            inks = [float(part) for part in parts]
        except (TypeError, ValueError):
            inks = []
        if len(inks) != 4 or not all(0 <= ink <= 100 for ink in inks):
            given.error(name, f"must be four ink percentages C M Y K from 0 to 100, e.g. [0, 100, 55, 45], not {describe(value)}")
            continue
        cmyk[name] = tuple(ink / 100 for ink in inks)  # type: ignore[assignment]
    return cmyk


def partners(sub: Fields, assets: Path) -> tuple[Partner, ...]:
    result: list[Partner] = []
    value = sub.data.get("partners")
    if value is None:
        return ()
    if not isinstance(value, list):
        sub.error("partners", "must be a list of partners, each `- name: ...` with an optional `logo: file.svg`")
        return ()
    if not value:
        sub.warn("partners", "is an empty list, so no partner is printed: add them, or remove `partners:`")
    for index, entry in enumerate(value):
        if isinstance(entry, str) and entry.strip():
            sub.check_text("partners", entry.strip(), prose=False, line=sub.item_line("partners", index))
            result.append(Partner(entry.strip(), None))
            continue
        if not isinstance(entry, dict):
            sub.problems.error(sub.path, sub.item_line("partners", index), sub.name("partners"), "each partner needs a `name:`")
            continue
        item = Fields(entry, sub.path, sub.problems, sub.name("partners"), sub.first_line)
        item.check_known(("name", "logo"))
        name = item.text("name", required=True, what="the partner's name")
        logo = item.text("logo")
        svg = None
        if logo and check_logo(item, assets, logo):
            from .logos import clean_logo  # lxml, Pillow and the CSS parsers load only for a campaign with logos
            svg = clean_logo(assets / "logos" / logo, item.problems)
        if name and (svg or not logo):
            result.append(Partner(name, logo, svg))
    return tuple(result)


def check_logo(item: Fields, assets: Path, logo: str) -> bool:
    """The logo is a file of its own in campaign_assets/logos/ (never a path to elsewhere), SVG, not too large."""
    if logo != Path(logo).name or logo.startswith(".") or "\\" in logo:
        item.error("logo", f'"{logo}" must be just the file name of a logo in campaign_assets/logos/, e.g. myria.svg')
        return False
    path = assets / "logos" / logo
    if report_outside(path, assets, item.problems):
        return False
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    if (what := special(path)) is not None:  # never opened: a named pipe would make the build wait forever
        item.error("logo", f"{shown} is {what}, not a file: the build reads only regular files")
        return False
    if not path.is_file():
        item.error("logo", f"{shown} does not exist: put the logo in campaign_assets/logos/, or correct the file name")
        return False
    if path.suffix.lower() != ".svg":
        item.error("logo", f"{path.name} must be an SVG file: logos are printed metres wide, only vector art stays sharp")
        return False
    if path.stat().st_size > MAX_LOGO_BYTES:
        item.error("logo", f"{path.name} is {path.stat().st_size // 1000} KB: a logo must be under 1 MB "
                           "(it probably contains a photo; ask for the vector version)")
        return False
    return True


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB `#rrggbb` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOUR_PAIRS = (
    # Every pair theme/templates/site.css puts text (or a focus ring) on; contrast is symmetric: each pair once.
    ("text", "background", "body text on the page background, and the card's reality side"),
    ("background", "primary", "text on the campaign colour: header, first screen, buttons, the card's promise side"),
    ("primary", "background", "links and the call button in the primary colour on the page background"),
    ("text", "accent", "text on the accent colour"),
)
MIN_CONTRAST = 4.5


def campaign_colours(f: Fields) -> Colours:
    defaults = {"primary": "#8a1538", "text": "#1a1a1a", "background": "#ffffff", "accent": "#f3e6ea"}
    sub = f.mapping("colours", what="the brand colours")
    values = dict(defaults)
    if sub:
        sub.check_known(defaults)
        for key in defaults:
            value = sub.text(key)
            if value is None:
                continue
            if not COLOUR.match(value):
                sub.error(key, f'"{value}" is not a colour: write it as # and six hex digits, e.g. "#8a1538" (with the quotes)')
            else:
                values[key] = value.lower()
    for fg, bg, what in COLOUR_PAIRS:
        ratio = contrast(values[fg], values[bg])
        if ratio < MIN_CONTRAST:
            (sub or f).error(fg if sub else "colours", f"{fg} {values[fg]} on {bg} {values[bg]} ({what}) has a contrast of "
                             f"{ratio:.1f}:1; it must be at least {MIN_CONTRAST}:1 to be readable: make one darker or lighter")
    return Colours(**values)


def campaign_regions(f: Fields, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    sub = f.mapping("regions", required=True, what="the regions services and stations belong to, each with its name")
    regions: dict[str, dict[str, str]] = {}
    if sub is None:
        return regions
    for key in sub.data:
        if not ID.match(str(key)):
            sub.error(str(key), f"region ids {ID_HELP}")
            continue
        regions[str(key)] = sub.localised(str(key), languages, required=True, what="the region's name")
        warn_missing_languages(sub, str(key), regions[str(key)], languages)
    return regions


def warn_missing_languages(f: Fields, key: str, texts: dict[str, str], languages: tuple[str, ...]) -> None:
    missing = [lang for lang in languages if lang not in texts]
    if texts and missing:
        f.warn(key, f"no text in {', '.join(missing)}: the {languages[0]} text is shown there instead")


