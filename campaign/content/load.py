"""Stage 1: read a content folder into a `Site`, reporting every problem in one pass.

    content/
      campaign.yml            the campaign: languages, domains, colours, regions   (campaign_yml.py)
      services.yml            help services                                         (services_yml.py)
      stations.yml            stations and their poster formats (optional)          (services_yml.py)
      cards/<id>.<lang>.md    one card per language: a `::: promise` and a `::: reality` side
      pages/<id>.<lang>.md    content pages, linked to their translations by <id>
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..catalogs import SOURCE_LANGUAGE
from ..options import PROJECT
from ..problems import Problems
from ..tags import unknown_language
from ..website_workers import WebsiteWorkers
from .campaign_yml import check_main_help_line, load_campaign
from .fields import Fields
from .ids import ID, ID_HELP
from .leftovers import is_leftover
from .markdown import LinkPolicy, Markdown
from .model import Campaign, Card, Page, Service, Side, Site, Station
from .numbers import respell
from .parsed import ParsedCache
from .regular import special
from .services_yml import load_services, load_stations
from .sources import outside, read_markdown, report_outside
from .untranslated import mark_untranslated, words

CONTENT_FILE = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
T = TypeVar("T")
Link = tuple[str, str, Path, int]
"""(language, address without language, file, line) of a link between pages, checked once all are known."""
RESERVED_PAGE_IDS = {"cards", "help", "s", "static", "print", "preview", "404"}
"""Addresses the build itself uses below /<lang>/."""
KNOWN_ENTRIES = ("campaign.yml", "services.yml", "stations.yml", "cards", "pages", "translated")
"""What the build reads in a content folder; anything else there is reported, never silently skipped."""


def load_site(content: Path, problems: Problems, assets: Path | None = None, cache: Path | None = None,
              helpers: WebsiteWorkers | None = None) -> Site | None:
    """The whole campaign, or None when campaign.yml itself is unusable (nothing else can be checked).
    `assets` defaults to the campaign_assets/ folder beside the content folder. With a `cache` folder,
    cards and pages whose file did not change are not parsed again; many new ones are parsed by `helpers`,
    the build's worker processes, or by workers of its own."""
    assets = assets or content.resolve().parent / "campaign_assets"
    parsed = ParsedCache(cache, helpers)
    campaign = load_campaign(content / "campaign.yml", assets, problems, parsed.read_yaml)
    if campaign is None:
        parsed.save()
        return None
    markdown = Markdown(LinkPolicy(campaign.allowed_domains, campaign.url_prefix))
    report_unread(content, problems)
    links: list[Link] = []
    card_files = list(content_files(content / "cards", campaign, problems))
    page_files = list(content_files(content / "pages", campaign, problems))
    cards = load_all(card_files, load_card, markdown, links, problems, parsed)
    pages = load_all(page_files, load_page, markdown, links, problems, parsed)
    # Translations and links are judged by the files that exist, even those with errors of their own,
    # so that one broken file is reported once, not again as a missing translation or a broken link.
    check_translations("card", card_files, cards, campaign, problems)
    check_translations("page", page_files, pages, campaign, problems)
    starters = starter_words(markdown)
    cards = mark_untranslated(cards, campaign, starters, "card", problems)
    pages = mark_untranslated(pages, campaign, starters, "page", problems)
    check_internal_links(links, card_files, page_files, problems)
    if not card_files:
        problems.warn(content / "cards", None, "", f"there are no cards, so the home page shows none and no poster, card "
                      f"file or sharing image is made: add cards/<id>.{campaign.default_language}.md (see docs/writing-content.md)")
    if not any(p.id == campaign.safety_page and p.lang == campaign.default_language for p in page_files):
        problems.warn(campaign.path, None, "safety_page", f"no page `{campaign.safety_page}` explains the quick-exit button: "
                      f"add pages/{campaign.safety_page}.{campaign.default_language}.md, or name the page that does")
    services = load_services(content / "services.yml", campaign, problems, parsed.read_yaml)
    campaign, cards, pages, respelled = respell(campaign, cards, pages, services, problems)  # services.yml's spelling
    check_main_help_line(campaign, services, problems)
    card_ids = {file.id for file in card_files if file.lang == campaign.default_language}
    stations = load_stations(content / "stations.yml", campaign, card_ids, problems, parsed.read_yaml)
    parsed.save()
    check_posters(content / "stations.yml", stations, services, cards, campaign, problems)
    return Site(campaign, tuple(cards), tuple(pages), tuple(services), tuple(stations), assets, respelled)


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
    # A file that is no link lies where its folder does: only links, or all files of a folder that is itself
    # a link out of the campaign, need resolving (which costs a system call per folder of the path).
    folder_outside = outside(folder, folder.parent)
    for path in sorted(folder.iterdir()):
        if is_leftover(path.name):  # editors' and systems' files: listed by `check`, never read
            continue
        if path.is_dir():
            problems.warn(path, None, "", f"folders inside {folder.name}/ are not read: move its files into "
                                          f"{folder.name}/ itself, or out of the content folder")
            continue
        if (folder_outside or path.is_symlink()) and report_outside(path, folder.parent, problems):
            continue
        if what := special(path):  # never opened: a named pipe would make the build wait forever
            problems.warn(path, None, "", f"is {what}, not a file: skipped (the build reads only regular files)")
            continue
        match = CONTENT_FILE.match(path.name)
        if not match:
            problems.error(path, None, "file name", f"must be <id>.<language>.md, e.g. dream-job.{campaign.default_language}.md")
            continue
        item_id, lang = match["id"], match["lang"]
        if not ID.match(item_id):
            problems.error(path, None, "file name", f'"{item_id}" cannot be an id: {ID_HELP}')
        elif lang not in campaign.languages:
            problems.error(path, None, "file name", unknown_language(
                lang, campaign.languages, "add it to `languages` in campaign.yml", campaign.country))
        elif folder.name == "pages" and item_id in RESERVED_PAGE_IDS:
            problems.error(path, None, "file name", f'"{item_id}" is an address the site already uses: choose another id')
        else:
            yield Version(item_id, lang, path)


def report_unread(content: Path, problems: Problems) -> None:
    """Files and folders the build does not read: usually a misspelt name, whose content would silently go missing."""
    for path in sorted(content.iterdir()):
        if path.name in KNOWN_ENTRIES or is_leftover(path.name):
            continue
        close = difflib.get_close_matches(path.name, KNOWN_ENTRIES, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else f"the build reads only {', '.join(KNOWN_ENTRIES)}"
        problems.warn(path, None, "", f"is not read by the build: {hint}")


def check_posters(path: Path, stations: list[Station], services: list[Service], cards: list[Card],
                  campaign: Campaign, problems: Problems) -> None:
    """Posters that would quietly lack something: a card in the station's language, or any number to call."""
    languages = {(card.id, card.lang) for card in cards}
    first = next((card.id for card in cards if card.lang == campaign.default_language), None)  # as print/posters.py
    for station in stations:
        card = station.card or first
        for lang in station.languages:
            if card and (card, lang) not in languages and (card, campaign.default_language) in languages:
                problems.warn(path, None, station.id, f"the card {card} has no {lang} version, so the station's {lang} "
                              f"posters show its {campaign.default_language} text: add cards/{card}.{lang}.md")
        regions = set(station.regions)
        if services and not any(service.phones and regions & set(service.regions) for service in services):
            problems.warn(path, None, station.id, "no help service of the station's regions has a phone number, so its "
                          "posters show no number to call: add the region to a service with `phones:`")


Item = TypeVar("Item", Card, Page)


def load_all(files: list[Version], read: Callable[..., tuple[Item | None, list[Link]]], markdown: Markdown,
             links: list[Link], problems: Problems, parsed: ParsedCache) -> list[Item]:
    """Every card (or page) that loads, in their `order`; their links between pages go to `links`.
    `read` is load_card or load_page: (file, problems, exact, *, markdown)."""
    items = []
    for item, found in parsed.load_all(files, read, markdown, problems):
        links.extend(found)
        if item:
            items.append(item)
    return sorted(items, key=lambda item: (item.order, item.id))


def load_card(file: Version, problems: Problems, exact: bool, *, markdown: Markdown) -> tuple[Card | None, list[Link]]:
    source = read_markdown(file.path, problems, exact=exact)
    if source is None:
        return None, []
    f = Fields(source.front, file.path, problems, first_line=2)
    f.check_known(("order", "updated"))
    doc = markdown.parse(source.body, file.lang, file.path, source.body_line, problems)
    sides = markdown.card_sides(doc, file.path, source.body_line, problems)
    links = [(file.lang, href, file.path, line) for href, line in doc.internal_links]
    if len(sides) != 2:
        return None, links
    promise, reality = (Side(*sides[s]) for s in ("promise", "reality"))
    return Card(file.id, file.lang, promise, reality, f.integer("order", 100), f.date("updated"), file.path), links


def load_page(file: Version, problems: Problems, exact: bool, *, markdown: Markdown) -> tuple[Page | None, list[Link]]:
    source = read_markdown(file.path, problems, exact=exact)
    if source is None:
        return None, []
    f = Fields(source.front, file.path, problems, first_line=2)
    f.check_known(("title", "description", "order", "updated"))
    title = f.text("title", required=True, what="the page title", prose=True)
    doc = markdown.parse(source.body, file.lang, file.path, source.body_line, problems)
    links = [(file.lang, href, file.path, line) for href, line in doc.internal_links]
    if not source.body.strip():
        problems.error(file.path, source.body_line, "text", "the page has no text: write it below the front matter")
    if not title:
        return None, links
    return Page(file.id, file.lang, title, f.text("description", prose=True) or "", markdown.render(doc.tokens),
                f.integer("order", 100), f.date("updated"), file.path), links


def starter_words(markdown: Markdown, starters: Path = PROJECT / "theme" / "starter") -> set[tuple[str, ...]]:
    """What a reader sees of the English starter card and safety page that `new` copies into a language the theme
    has no starter text for, read as the campaign's own files are."""
    found = set()
    for name, read in (("card", load_card), ("safety", load_page)):
        path = starters / f"{name}.{SOURCE_LANGUAGE}.md"  # starter.py is not imported: a build does not need it
        if path.is_file():  # its `reviewed:` line is the starter folder's own: the Problems are thrown away
            item, _links = read(Version(name, SOURCE_LANGUAGE, path), Problems(), False, markdown=markdown)
            found |= {words(item)} if item is not None else set()
    return found


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


def check_internal_links(links: list[Link], cards: list[Version], pages: list[Version],
                         problems: Problems) -> None:
    targets = {(c.lang, f"/cards/{c.id}/") for c in cards} | {(p.lang, f"/{p.id}/") for p in pages}
    for lang, href, path, line in links:
        address = href.split("#")[0]
        if address in ("/", "/help/") or (lang, address) in targets:
            continue
        hint = f" (did you mean {address}/?)" if (lang, address + "/") in targets else ""
        problems.error(path, line or None, "link", f"{href} is not a page of this site in {lang}{hint}")

