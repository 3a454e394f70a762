"""services.yml and stations.yml: the help services, and the stations where posters hang."""
from __future__ import annotations

import re
from pathlib import Path

import phonenumbers

from ..print.formats import KNOWN, FormatRefused, known_format, poster_format, safe_area
from ..print.layouts import ESSENTIALS, essentials
from ..print.qr import modules_for
from ..problems import Problems
from ..tags import tag_problem, unknown_language
from .addresses import outbound_urls
from .campaign_yml import warn_missing_languages
from .fields import Fields, describe
from .hours import HoursError, parse_hours
from .ids import ID, ID_HELP
from .model import AUDIENCES, Campaign, Hours, Phone, PosterFormat, Service, Station
from .phones import PhoneError, dial
from .sources import YamlReader, read_yaml_mapping

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

SERVICE_FIELDS = ("id", "name", "description", "phones", "chat", "website", "email", "address", "hours", "note",
                  "languages", "regions", "audiences", "emergency", "free", "confidential")


def load_services(path: Path, campaign: Campaign, problems: Problems, read: YamlReader = read_yaml_mapping) -> list[Service]:
    if not path.exists():
        problems.error(path, None, "", "is missing: list the help services the campaign points to (see docs/writing-content.md)")
        return []
    data = read(path, problems)
    if data is None:
        return []
    top = Fields(data, path, problems)
    top.check_known(("services",))
    services = [service for f in unique_ids(top.items("services", what="help services"))
                if (service := load_service(f, campaign)) is not None]
    if not any(s.emergency for s in services) and services:
        top.warn("services", "no service has `emergency: true`: the emergency numbers (such as 112) are not shown on every page")
    return services


def unique_ids(items: list[Fields]) -> list[Fields]:
    """Items whose `id` is valid and not used before; reports the others."""
    seen: dict[str, int] = {}
    kept: list[Fields] = []
    for f in items:
        item_id = f.text("id", required=True, what=f"a short id ({ID_HELP})")
        if item_id is None:
            continue
        if not ID.match(item_id):
            f.error("id", f'"{item_id}" cannot be an id: {ID_HELP}')
        elif item_id in seen:
            f.error("id", f"`{item_id}` is used twice (first on line {seen[item_id]}): give each its own id")
        else:
            seen[item_id] = f.line("id")
            kept.append(f)
    return kept


def load_service(f: Fields, campaign: Campaign) -> Service | None:
    f.check_known(SERVICE_FIELDS)
    langs = campaign.languages
    name = f.localised("name", langs, required=True, what="the service's name")
    description = f.localised("description", langs, required=True, what="one or two sentences on what the service does",
                              prose=True)
    warn_missing_languages(f, "name", name, langs)
    warn_missing_languages(f, "description", description, langs)
    chat = outbound_urls(f, "chat", campaign)
    website = outbound_urls(f, "website", campaign)
    email = f.text("email")
    if email and not EMAIL.match(email):
        f.error("email", f'"{email}" is not an email address')
    regions = f.text_list("regions", required=True, what="the region ids from campaign.yml this service covers")
    for region in regions:
        if region not in campaign.regions:
            f.error("regions", f'"{region}" is not a region in campaign.yml: use one of {", ".join(campaign.regions)}')
    emergency = f.boolean("emergency", False)
    audiences = f.text_list("audiences", required=not emergency, what=f"who the service is for: {', '.join(AUDIENCES)}")
    for audience in audiences:
        if audience not in AUDIENCES:
            f.error("audiences", f'"{audience}" is not an audience: use {", ".join(AUDIENCES)}')
    served = f.text_list("languages", what="the language codes the service answers in")
    for index, code in enumerate(served):
        if problem := tag_problem(code, campaign.country):
            f.problems.error(f.path, f.item_line("languages", index), f.name("languages"), problem)
    phones = service_phones(f, campaign)
    if not any(f.has(key) for key in ("phones", "chat", "website", "email")):
        f.error(None, "has no way to reach it: give at least one of phones, chat, website or email")
    if not name:
        return None
    return Service(
        id=str(f.data["id"]), name=name, description=description, phones=phones, chat=chat, website=website,
        email=email, address=f.localised("address", langs, what="the postal address"), hours=service_hours(f), note=f.localised("note", langs, what="a short note", prose=True),
        languages=tuple(served), regions=tuple(regions), audiences=tuple(audiences), emergency=emergency,
        free=f.boolean("free", False), confidential=f.boolean("confidential", False),
    )


def service_phones(f: Fields, campaign: Campaign) -> tuple[Phone, ...]:
    value = f.data.get("phones")
    if value is None:
        return ()
    entries = [value] if isinstance(value, (str, int)) else value
    if not isinstance(entries, list):
        f.error("phones", "must be a list of numbers, each on a line starting with `- `")
        return ()
    if not entries:
        f.warn("phones", "is an empty list, so no number is shown: give the numbers, or remove `phones:`")
    phones: list[Phone] = []
    for index, entry in enumerate(entries):
        number, label = entry, {}
        if isinstance(entry, bool) or not isinstance(entry, (str, int, dict)):
            f.problems.error(f.path, f.item_line("phones", index), f.name("phones"), f"item {index + 1} must be a number "
                             f"as it is dialled, e.g. \"02 511 64 64\", not {describe(entry)}")
            continue
        if isinstance(entry, dict):
            item = Fields(entry, f.path, f.problems, f.name("phones"), f.first_line)
            item.check_known(("number", "label"))
            number = item.text("number", required=True, what="the number as it is dialled")
            label = item.localised("label", campaign.languages, what="what the number is for", prose=True)
            warn_missing_languages(item, "label", label, campaign.languages)
        if number is None:
            continue
        f.check_text("phones", str(number), prose=False, line=f.item_line("phones", index))
        if campaign.country not in phonenumbers.SUPPORTED_REGIONS:  # already an error in campaign.yml: one is enough
            phones.append(Phone(str(number), "", label))
            continue
        try:
            shown, tel = dial(str(number), campaign.country)
        except PhoneError as exc:
            f.problems.error(f.path, f.item_line("phones", index), f.name("phones"), str(exc))
            continue
        phones.append(Phone(shown, tel, label))
    return tuple(phones)


def service_hours(f: Fields) -> Hours | None:
    value = f.data.get("hours")
    if value is None:
        return None
    if not isinstance(value, (str, list)) or not all(isinstance(v, str) for v in ([value] if isinstance(value, str) else value)):
        f.error("hours", "write `24/7`, or a list of lines such as `- mon-fri 09:00-17:00`")
        return None
    if not value:
        f.warn("hours", "is empty, so no opening hours are shown: write `24/7` or lines such as "
                        "`- mon-fri 09:00-17:00`, or remove `hours:`")
    for index, line in enumerate([value] if isinstance(value, str) else value):
        f.check_text("hours", line, prose=False, line=f.item_line("hours", index))
    try:
        return parse_hours(value)
    except HoursError as exc:
        f.error("hours", str(exc))
        return None


def load_stations(path: Path, campaign: Campaign, card_ids: set[str], problems: Problems,
                  read: YamlReader = read_yaml_mapping) -> list[Station]:
    if not path.exists():
        return []
    data = read(path, problems)
    if data is None:
        return []
    top = Fields(data, path, problems)
    top.check_known(("stations",))
    stations: list[Station] = []
    modules = modules_for(campaign.print.qr_base_url)
    for f in unique_ids(top.items("stations", what="stations")):
        f.check_known(("id", "name", "city", "regions", "languages", "formats", "card"))
        name = f.localised("name", campaign.languages, required=True, what="the station's name")
        city = f.localised("city", campaign.languages, required=True, what="the city")
        regions = f.text_list("regions", required=True, what="the region ids from campaign.yml whose help services its posters show")
        for region in regions:
            if region not in campaign.regions:
                f.error("regions", f'"{region}" is not a region in campaign.yml: use one of {", ".join(campaign.regions)}')
        languages = f.text_list("languages", required=True, what="the languages of its posters")
        for index, lang in enumerate(languages):
            if lang not in campaign.languages:
                f.problems.error(f.path, f.item_line("languages", index), f.name("languages"),
                                 unknown_language(lang, campaign.languages, country=campaign.country))
        # Reported once above: kept, an unknown language would draw advice to write cards and posters in it.
        languages = [lang for lang in languages if lang in campaign.languages]
        card = f.text("card")
        if card and card not in card_ids:
            f.error("card", f'"{card}" is not a card: use the id of a card in content/cards/ ({", ".join(sorted(card_ids))})')
        formats = station_formats(f, campaign.print.bleed_mm, modules)
        if not f.data.get("formats"):
            f.warn("formats", "the station has no poster formats, so no poster is made for it (only its screen images): "
                              "add them, e.g. `formats: [a0, abri]`")
        if name:
            stations.append(Station(str(f.data["id"]), name, city, tuple(regions), tuple(languages), formats, card))
    return stations


def station_formats(f: Fields, bleed: float | None, modules: int) -> tuple[PosterFormat, ...]:
    """The station's formats, each checked to be one the tool can make (`modules`: the QR code's size)."""
    value = f.data.get("formats")
    entries = value if isinstance(value, list) else [value] if value is not None else []
    known = ", ".join(KNOWN)
    formats: list[PosterFormat] = []
    for index, entry in enumerate(entries):
        line = f.item_line("formats", index)
        try:
            if isinstance(entry, str):
                found = known_format(entry.lower(), bleed, modules, line)
                if found is None:
                    f.error("formats", f'"{entry}" is not a poster format: use {known}, or a custom size with name, '
                                       "width_mm and height_mm")
                else:
                    formats.append(found)
            elif isinstance(entry, dict):
                item = Fields(entry, f.path, f.problems, f.name("formats"), f.first_line)
                custom = custom_format(item, bleed, modules, line)
                if custom:
                    formats.append(custom)
            else:
                f.error("formats", f"each format must be one of {known}, or a custom size with name, width_mm and height_mm")
        except FormatRefused as refused:
            f.problems.error(f.path, line, f.name("formats") + (f".{entry.get('name')}" if isinstance(entry, dict) else ""),
                             str(refused))
    names = [fmt.name for fmt in formats]
    for name in {n for n in names if names.count(n) > 1}:
        f.error("formats", f"`{name}` is listed twice")
    for fmt in formats:
        if fmt.shape in ESSENTIALS:
            f.problems.note(f.path, fmt.line, f"{f.name('formats')}.{fmt.name}", essentials_note(fmt))
    return tuple(formats)


def custom_format(item: Fields, bleed: float | None, modules: int, line: int | None) -> PosterFormat | None:
    item.check_known(("name", "width_mm", "height_mm", "bleed_mm", "viewing_distance_m"))
    name = item.text("name", required=True, what="a short name for the format")
    width, height = item.number("width_mm", required=True), item.number("height_mm", required=True)
    own_bleed, viewing = item.number("bleed_mm"), item.number("viewing_distance_m")
    if name and not ID.match(name):
        item.error("name", f'"{name}" cannot be used in file names: {ID_HELP}')
    elif own_bleed is not None and not 0 <= own_bleed <= 20:
        item.error("bleed_mm", f"{own_bleed:g} mm is not a bleed printers use: give 0 to 20 mm")
    elif viewing is not None and not 0.2 <= viewing <= 50:
        item.error("viewing_distance_m", f"{viewing:g} m is not a reading distance: give 0.2 to 50 m")
    elif name and width is not None and height is not None:
        return poster_format(name, width, height, bleed_mm=bleed if bleed is not None else own_bleed,
                             viewing_m=viewing, modules=modules, line=line)
    return None


def essentials_note(fmt: PosterFormat) -> str:
    kind = {"pocket": "a pocket format", "strip": "a strip"}.get(fmt.shape, "a billboard")
    title = "the reality side's title, " if "headline" in essentials(fmt.shape, safe_area(fmt)) else ""
    return (f"{fmt.size} is {kind}: its posters show what can be read at that size — the campaign's name, {title}"
            "the main help line, the emergency number and the QR code with its address; the card's texts, the other "
            "help numbers and the partners are left out (a larger format shows them)")
