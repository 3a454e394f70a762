"""Stage 1: read a content folder into a `Site`, reporting every problem in one pass.

    content/
      campaign.yml            the campaign: languages, domains, colours, regions
      services.yml            help services
      stations.yml            stations and their poster formats (optional)
      cards/<id>.<lang>.md    one card per language: a `::: promise` and a `::: reality` side
      pages/<id>.<lang>.md    content pages, linked to their translations by <id>
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers

from .fields import Fields, describe
from .hours import HoursError, parse_hours
from .l10n import language_problem
from .markdown import Document, LinkPolicy, Markdown, domain_allowed
from .formats import KNOWN, card_format, known_format, poster_format
from .model import (AUDIENCES, CMYK, Campaign, Card, Colours, Hours, Page, Partner, Phone, PosterFormat, PrintSettings,
                    Service, Side, Site, Station)
from .phones import PhoneError, dial
from .problems import Problems
from .sources import read_markdown, read_yaml_mapping

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HELP = "use lowercase letters, digits and dashes, e.g. dream-job"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
CONTENT_FILE = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
RESERVED_PAGE_IDS = {"cards", "help", "s", "static", "print", "preview", "404"}
"""Addresses the build itself uses below /<lang>/."""

MAX_LOGO_BYTES = 1_000_000
"""A logo is a small vector file; a larger one is usually an embedded photo that bloats every PDF."""

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def load_site(content: Path, problems: Problems, assets: Path | None = None) -> Site | None:
    """The whole campaign, or None when campaign.yml itself is unusable (nothing else can be checked).
    `assets` defaults to the campaign_assets/ folder beside the content folder."""
    assets = assets or content.resolve().parent / "campaign_assets"
    campaign = load_campaign(content / "campaign.yml", assets, problems)
    if campaign is None:
        return None
    markdown = Markdown(LinkPolicy(campaign.allowed_domains, campaign.url_prefix))
    links: list[tuple[str, str, Path, int]] = []
    card_files = list(content_files(content / "cards", campaign, problems))
    page_files = list(content_files(content / "pages", campaign, problems))
    cards = load_cards(card_files, markdown, links, problems)
    pages = load_pages(page_files, markdown, links, problems)
    # Translations and links are judged by the files that exist, even those with errors of their own,
    # so that one broken file is reported once, not again as a missing translation or a broken link.
    check_translations("card", card_files, cards, campaign, problems)
    check_translations("page", page_files, pages, campaign, problems)
    check_internal_links(links, card_files, page_files, problems)
    if page_files and not any(p.id == campaign.safety_page and p.lang == campaign.default_language for p in page_files):
        problems.warn(campaign.path, None, "safety_page", f"no page `{campaign.safety_page}` explains the quick-exit button: "
                      f"add pages/{campaign.safety_page}.{campaign.default_language}.md, or name the page that does")
    services = load_services(content / "services.yml", campaign, problems)
    card_ids = {file.id for file in card_files if file.lang == campaign.default_language}
    stations = load_stations(content / "stations.yml", campaign, card_ids, problems)
    return Site(campaign, tuple(cards), tuple(pages), tuple(services), tuple(stations), assets)


# --- campaign.yml -----------------------------------------------------------------------

CAMPAIGN_FIELDS = ("name", "slug", "country", "start", "end", "languages", "base_url", "allowed_domains",
                   "quick_exit", "safety_page", "colours", "tagline", "intro", "regions", "print")


def load_campaign(path: Path, assets: Path, problems: Problems) -> Campaign | None:
    if not path.exists():
        problems.error(path, None, "", "is missing: every campaign folder needs a campaign.yml (see the README)")
        return None
    data = read_yaml_mapping(path, problems)
    if data is None:
        return None
    f = Fields(data, path, problems)
    f.check_known(CAMPAIGN_FIELDS)
    languages = campaign_languages(f)
    if not languages:
        return None
    base_url = https_url(f, "base_url", required=True) or "https://invalid.example"
    own_domain = urlsplit(base_url).hostname or ""
    allowed = tuple(dict.fromkeys([own_domain, *(d.lower() for d in f.text_list("allowed_domains"))]))
    start, end = f.date("start", required=True), f.date("end", required=True)
    if start and end and end < start:
        f.error("end", f"the campaign ends ({end}) before it starts ({start}): check both dates")
    country = (f.text("country", required=True, what="the two-letter country code, e.g. BE") or "").upper()
    if country and country not in phonenumbers.SUPPORTED_REGIONS:
        f.error("country", f'"{country}" is not a country code: use two letters, e.g. BE, NL, FR')
    slug = f.text("slug", required=True, what="a short name for file names, e.g. blind-betting") or ""
    if slug and not ID.match(slug):
        f.error("slug", f'"{slug}" cannot be used in file names: {ID_HELP}')
    name = f.localised("name", languages, required=True, what="the campaign's name")
    tagline = f.localised("tagline", languages, what="one line that says what the campaign is about")
    intro = f.localised("intro", languages, what="a few sentences for the home page")
    for key, texts in (("name", name), ("tagline", tagline), ("intro", intro)):
        warn_missing_languages(f, key, texts, languages)
    colours = campaign_colours(f)
    return Campaign(
        name=name,
        slug=slug,
        country=country,
        start=start or date.min,  # a missing date is already an error; the value is never published
        end=end or date.min,
        languages=languages,
        base_url=base_url.rstrip("/") + "/",
        allowed_domains=allowed,
        quick_exit=https_url(f, "quick_exit", required=True) or "",
        safety_page=f.text("safety_page") or "safety",
        colours=colours,
        tagline=tagline,
        intro=intro,
        regions=campaign_regions(f, languages),
        print=print_settings(f, languages, base_url, allowed, colours, assets),
        path=path,
    )


def campaign_languages(f: Fields) -> tuple[str, ...]:
    codes = f.text_list("languages", required=True, what="the list of language codes, the main language first")
    seen: list[str] = []
    for code in codes:
        problem = language_problem(code)
        if problem:
            f.error("languages", problem)
        elif code in seen:
            f.error("languages", f"`{code}` is listed twice")
        else:
            seen.append(code)
    return tuple(seen) if len(seen) == len(codes) else ()


def https_url(f: Fields, key: str, *, required: bool = False, value: str | None = None) -> str | None:
    text = value if value is not None else f.text(key, required=required, what="an address starting with https://")
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname:
        f.error(key, f'"{text}" must be a full address starting with https://')
        return None
    return text


def outbound_url(f: Fields, key: str, text: str, allowed: tuple[str, ...]) -> str | None:
    url = https_url(f, key, value=text)
    if url and not domain_allowed(urlsplit(url).hostname or "", allowed):
        f.error(key, f"{url} is not on one of the campaign's allowed domains ({', '.join(allowed)}): "
                     "add the domain to `allowed_domains` in campaign.yml if it is safe")
        return None
    return url


def outbound_urls(f: Fields, key: str, campaign: Campaign) -> dict[str, str]:
    """A per-language link; each distinct address is checked (and reported) once."""
    texts = f.localised(key, campaign.languages, what="an address starting with https://")
    checked = {text: outbound_url(f, key, text, campaign.allowed_domains) for text in dict.fromkeys(texts.values())}
    return {lang: url for lang, text in texts.items() if (url := checked[text])}


PRINT_FIELDS = ("card_size", "crop_marks", "bleed_mm", "call_to_action", "partners", "colours", "qr_base_url")


def print_settings(f: Fields, languages: tuple[str, ...], base_url: str, allowed: tuple[str, ...], colours: Colours,
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
        url = https_url(sub, "qr_base_url", value=text)
        if url and not domain_allowed(urlsplit(url).hostname or "", allowed):
            sub.error("qr_base_url", f"{url} is not on one of the campaign's allowed domains ({', '.join(allowed)}): "
                                     "QR codes may only lead to the campaign's own domains")
        qr_base = url or base_url
    return PrintSettings(
        card_size=card_size,
        crop_marks=sub.boolean("crop_marks", True),
        bleed_mm=bleed,
        call_to_action=sub.localised("call_to_action", languages, what="a short call to action for posters"),
        partners=partners(sub, assets),
        cmyk=print_colours(sub, colours),
        qr_base_url=qr_base.rstrip("/") + "/",
    )


def rgb_to_cmyk(colour: str) -> CMYK:
    """A plain conversion for brand colours given only as #rrggbb; give print.colours for exact inks."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round((1 - channel - k) / (1 - k), 3) for channel in (r, g, b)) + (round(k, 3),)  # type: ignore[return-value]


def print_colours(sub: Fields, colours: Colours) -> dict[str, CMYK]:
    cmyk = {name: rgb_to_cmyk(getattr(colours, name)) for name in ("primary", "text", "background", "accent")}
    given = sub.mapping("colours", what="the brand colours in CMYK")
    if given is None:
        return cmyk
    given.check_known(cmyk)
    for name in cmyk:
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
    for index, entry in enumerate(value):
        if isinstance(entry, str):
            result.append(Partner(entry.strip(), None))
            continue
        if not isinstance(entry, dict):
            sub.problems.error(sub.path, sub.item_line("partners", index), sub.name("partners"), "each partner needs a `name:`")
            continue
        item = Fields(entry, sub.path, sub.problems, sub.name("partners"), sub.first_line)
        item.check_known(("name", "logo"))
        name = item.text("name", required=True, what="the partner's name")
        logo = item.text("logo")
        if logo and check_logo(item, assets / "logos" / logo) and name:
            result.append(Partner(name, logo))
        elif name and not logo:
            result.append(Partner(name, None))
    return tuple(result)


def check_logo(item: Fields, path: Path) -> bool:
    if not path.is_file():
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
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
    ("text", "background", "body text on the page background"),
    ("background", "primary", "button and heading text on the primary colour"),
    ("primary", "background", "links in the primary colour on the page background"),
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


# --- cards and pages --------------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """One well-named `<id>.<lang>.md` file: a card or page in one language."""

    id: str
    lang: str
    path: Path


def content_files(folder: Path, campaign: Campaign, problems: Problems) -> Iterable[Version]:
    """Each well-named `<id>.<lang>.md` file of a folder, reporting badly named ones."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name.endswith("~") or path.is_dir():
            continue
        match = CONTENT_FILE.match(path.name)
        if not match:
            problems.error(path, None, "file name", f"must be <id>.<language>.md, e.g. dream-job.{campaign.default_language}.md")
            continue
        item_id, lang = match["id"], match["lang"]
        if not ID.match(item_id):
            problems.error(path, None, "file name", f'"{item_id}" cannot be an id: {ID_HELP}')
        elif lang not in campaign.languages:
            problem = language_problem(lang)
            reason = problem or f"`{lang}` is not one of the campaign's languages ({', '.join(campaign.languages)}): add it to `languages` in campaign.yml"
            problems.error(path, None, "file name", reason)
        elif folder.name == "pages" and item_id in RESERVED_PAGE_IDS:
            problems.error(path, None, "file name", f'"{item_id}" is an address the site already uses: choose another id')
        else:
            yield Version(item_id, lang, path)


def load_cards(files: list[Version], markdown: Markdown, links: list[tuple[str, str, Path, int]],
               problems: Problems) -> list[Card]:
    cards: list[Card] = []
    for file in files:
        source = read_markdown(file.path, problems)
        if source is None:
            continue
        f = Fields(source.front, file.path, problems, first_line=2)
        f.check_known(("order", "updated"))
        doc = markdown.parse(source.body, file.lang, file.path, source.body_line, problems)
        sides = markdown.card_sides(doc, file.path, source.body_line, problems)
        collect_links(doc, file.lang, file.path, links)
        if len(sides) == 2:
            promise, reality = (Side(*sides[s]) for s in ("promise", "reality"))
            cards.append(Card(file.id, file.lang, promise, reality, f.integer("order", 100), f.date("updated"), file.path))
    return sorted(cards, key=lambda c: (c.order, c.id))


def load_pages(files: list[Version], markdown: Markdown, links: list[tuple[str, str, Path, int]],
               problems: Problems) -> list[Page]:
    pages: list[Page] = []
    for file in files:
        source = read_markdown(file.path, problems)
        if source is None:
            continue
        f = Fields(source.front, file.path, problems, first_line=2)
        f.check_known(("title", "description", "order", "updated"))
        title = f.text("title", required=True, what="the page title")
        doc = markdown.parse(source.body, file.lang, file.path, source.body_line, problems)
        collect_links(doc, file.lang, file.path, links)
        if not source.body.strip():
            problems.error(file.path, source.body_line, "text", "the page has no text: write it below the front matter")
        if title:
            pages.append(Page(file.id, file.lang, title, f.text("description") or "", markdown.render(doc.tokens),
                              f.integer("order", 100), f.date("updated"), file.path))
    return sorted(pages, key=lambda p: (p.order, p.id))


def collect_links(doc: Document, lang: str, path: Path, links: list[tuple[str, str, Path, int]]) -> None:
    links.extend((lang, href, path, line) for href, line in doc.internal_links)


def translation_status(files: Iterable[Version], items: Iterable[Card | Page],
                       languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """{id: {lang: 'present' | 'missing' | 'stale' | 'orphan'}} from the files that exist and the
    `updated` dates of those that loaded; stale means older than the first language's version."""
    updated = {(item.id, item.lang): item.updated for item in items}
    by_id: dict[str, set[str]] = {}
    for file in files:
        by_id.setdefault(file.id, set()).add(file.lang)
    status: dict[str, dict[str, str]] = {}
    for item_id, present in by_id.items():
        original = updated.get((item_id, languages[0]))
        row = status.setdefault(item_id, {})
        for lang in languages:
            version = updated.get((item_id, lang))
            if lang not in present:
                row[lang] = "missing"
            elif languages[0] not in present:
                row[lang] = "orphan"
            elif original and version and version < original:
                row[lang] = "stale"
            else:
                row[lang] = "present"
    return status


def check_translations(kind: str, files: list[Version], items: list[Card] | list[Page], campaign: Campaign,
                       problems: Problems) -> None:
    """Every card or page exists in the first language; report missing and stale translations."""
    main = campaign.default_language
    paths = {(file.id, file.lang): file.path for file in files}
    updated = {(item.id, item.lang): item.updated for item in items}
    for item_id, row in translation_status(files, items, campaign.languages).items():
        for lang, state in row.items():
            if state == "orphan":
                problems.error(paths[item_id, lang], None, "file name", f"is a translation of a {kind} that does not exist: "
                               f"add {item_id}.{main}.md (the campaign's first language), or correct the file name")
            elif state == "missing" and (item_id, main) in paths:
                problems.warn(paths[item_id, main], None, "translation", f"missing in {lang}: this {kind} is not shown in "
                              f"that language until {item_id}.{lang}.md exists")
            elif state == "stale":
                problems.warn(paths[item_id, lang], None, "updated", f"stale: the {main} text changed on "
                              f"{updated[item_id, main]}, this translation on {updated[item_id, lang]}; check that it "
                              "still says the same, then update its date")


def check_internal_links(links: list[tuple[str, str, Path, int]], cards: list[Version], pages: list[Version],
                         problems: Problems) -> None:
    targets = {(c.lang, f"/cards/{c.id}/") for c in cards} | {(p.lang, f"/{p.id}/") for p in pages}
    for lang, href, path, line in links:
        address = href.split("#")[0]
        if address in ("/", "/help/") or (lang, address) in targets:
            continue
        hint = f" (did you mean {address}/?)" if (lang, address + "/") in targets else ""
        problems.error(path, line or None, "link", f"{href} is not a page of this site in {lang}{hint}")


# --- services.yml -----------------------------------------------------------------------

SERVICE_FIELDS = ("id", "name", "description", "phones", "chat", "website", "email", "address", "hours", "note",
                  "languages", "regions", "audiences", "emergency")


def load_services(path: Path, campaign: Campaign, problems: Problems) -> list[Service]:
    if not path.exists():
        problems.error(path, None, "", "is missing: list the help services the campaign points to (see the README)")
        return []
    data = read_yaml_mapping(path, problems)
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
    description = f.localised("description", langs, required=True, what="one or two sentences on what the service does")
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
    for code in served:
        if problem := language_problem(code):
            f.error("languages", problem)
    phones = service_phones(f, campaign)
    if not any(f.has(key) for key in ("phones", "chat", "website", "email")):
        f.error(None, "has no way to reach it: give at least one of phones, chat, website or email")
    if not name:
        return None
    return Service(
        id=str(f.data["id"]), name=name, description=description, phones=phones, chat=chat, website=website,
        email=email, address=f.localised("address", langs, what="the postal address"), hours=service_hours(f), note=f.localised("note", langs, what="a short note"),
        languages=tuple(served), regions=tuple(regions), audiences=tuple(audiences), emergency=emergency,
    )


def service_phones(f: Fields, campaign: Campaign) -> tuple[Phone, ...]:
    value = f.data.get("phones")
    if value is None:
        return ()
    entries = [value] if isinstance(value, (str, int)) else value
    if not isinstance(entries, list):
        f.error("phones", "must be a list of numbers, each on a line starting with `- `")
        return ()
    phones: list[Phone] = []
    for index, entry in enumerate(entries):
        number, label = entry, {}
        if isinstance(entry, dict):
            item = Fields(entry, f.path, f.problems, f.name("phones"), f.first_line)
            item.check_known(("number", "label"))
            number = item.text("number", required=True, what="the number as it is dialled")
            label = item.localised("label", campaign.languages, what="what the number is for")
        if number is None:
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
    try:
        return parse_hours(value)
    except HoursError as exc:
        f.error("hours", str(exc))
        return None


# --- stations.yml -----------------------------------------------------------------------

def load_stations(path: Path, campaign: Campaign, card_ids: set[str], problems: Problems) -> list[Station]:
    if not path.exists():
        return []
    data = read_yaml_mapping(path, problems)
    if data is None:
        return []
    top = Fields(data, path, problems)
    top.check_known(("stations",))
    stations: list[Station] = []
    for f in unique_ids(top.items("stations", what="stations")):
        f.check_known(("id", "name", "city", "regions", "languages", "formats", "card"))
        name = f.localised("name", campaign.languages, required=True, what="the station's name")
        city = f.localised("city", campaign.languages, required=True, what="the city")
        regions = f.text_list("regions", required=True, what="the region ids from campaign.yml whose help services its posters show")
        for region in regions:
            if region not in campaign.regions:
                f.error("regions", f'"{region}" is not a region in campaign.yml: use one of {", ".join(campaign.regions)}')
        languages = f.text_list("languages", required=True, what="the languages of its posters")
        for lang in languages:
            if lang not in campaign.languages:
                f.error("languages", f"`{lang}` is not one of the campaign's languages ({', '.join(campaign.languages)})")
        card = f.text("card")
        if card and card not in card_ids:
            f.error("card", f'"{card}" is not a card: use the id of a card in content/cards/ ({", ".join(sorted(card_ids))})')
        formats = station_formats(f, campaign.print.bleed_mm)
        if name:
            stations.append(Station(str(f.data["id"]), name, city, tuple(regions), tuple(languages), formats, card))
    return stations


def station_formats(f: Fields, bleed: float | None) -> tuple[PosterFormat, ...]:
    value = f.data.get("formats")
    entries = value if isinstance(value, list) else [value] if value is not None else []
    known = ", ".join(KNOWN)
    formats: list[PosterFormat] = []
    for entry in entries:
        if isinstance(entry, str):
            found = known_format(entry.lower(), bleed)
            if found is None:
                f.error("formats", f'"{entry}" is not a poster format: use {known}, or a custom size with name, width_mm and height_mm')
            else:
                formats.append(found)
        elif isinstance(entry, dict):
            item = Fields(entry, f.path, f.problems, f.name("formats"), f.first_line)
            item.check_known(("name", "width_mm", "height_mm", "bleed_mm", "viewing_distance_m"))
            name = item.text("name", required=True, what="a short name for the format")
            width, height = item.number("width_mm", required=True), item.number("height_mm", required=True)
            own_bleed, viewing = item.number("bleed_mm"), item.number("viewing_distance_m")
            if name and not ID.match(name):
                item.error("name", f'"{name}" cannot be used in file names: {ID_HELP}')
            elif width is not None and height is not None and not (50 <= width <= 10_000 and 50 <= height <= 10_000):
                item.error("width_mm", f"{width:g} × {height:g} mm is not a poster size: both sides must be between 50 and 10000 mm")
            elif own_bleed is not None and not 0 <= own_bleed <= 20:
                item.error("bleed_mm", f"{own_bleed:g} mm is not a bleed printers use: give 0 to 20 mm")
            elif viewing is not None and not 0.2 <= viewing <= 50:
                item.error("viewing_distance_m", f"{viewing:g} m is not a reading distance: give 0.2 to 50 m")
            elif name and width and height:
                formats.append(poster_format(name, width, height, bleed_mm=bleed if bleed is not None else own_bleed,
                                             viewing_m=viewing))
        else:
            f.error("formats", f"each format must be one of {known}, or a custom size with name, width_mm and height_mm")
    names = [fmt.name for fmt in formats]
    for name in {n for n in names if names.count(n) > 1}:
        f.error("formats", f"`{name}` is listed twice")
    return tuple(formats)
