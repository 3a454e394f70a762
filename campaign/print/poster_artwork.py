"""The artwork of a poster (any shape, any size) and of a station's screen image.

The layout of the format's shape (layouts/) places the boxes in full-size millimetres, from the trim's
corner; a tenth-size file (a billboard) is the same layout drawn at a tenth. Then each box gets its texts:
all of them on portrait and landscape posters, the essentials on strips and pocket formats (the reality
side's title, the main help line, the emergency number). Every text box is fitted later (pdf.py).
"""
from __future__ import annotations

import math
from pathlib import Path

import segno
from markupsafe import Markup

from ..content.model import Phone, Service, text_in
from ..content.hours import format_range
from ..l10n import direction, language_name_in
from ..problems import Problem
from .artwork import (MARK_GAP_MM, MARK_LENGTH_MM, SCREEN_SMALLEST_PX, Artwork, NoRoom, Studio, breakable_url,
                      crop_marks, logo_ratio, names_in, plain, short_url, station_services)
from .formats import safe_area, smallest_text_mm, symbol_mm, with_margin
from .layouts import ESSENTIALS, Box, Boxes, Room, boxes, qr_room
from .posters import SCREEN, PrintJob
from .qr import svg_for_print
from .scripts import LINE_BOX, line_em

SCREEN_QR_PX = 440
HAND_HELD_MM = 210.0
"""A format no longer than this (a pocket card, a flyer up to A5 or DL) is read in the hand: it says what
services.yml knows of the main help line — free, confidential, its hours, its languages."""
NAMED = {"head": "the campaign's name", "promise": "the promise side", "reality": "the reality side",
         "headline": "the reality side's title", "help": "the help numbers", "qr": "the QR code",
         "url": "the address under the QR code", "foot": "the partners' row"}


def poster_artwork(studio: Studio, job: PrintJob, code: segno.QRCode, facts: int | None = None,
                   left: tuple[str, ...] = ()) -> Artwork:
    """`facts`: how many of the main help line's facts a hand-held format says (None: all that services.yml
    gives); products.py drops them from the last while they do not fit: the essentials come first. `left`: what
    the poster leaves out (adapt.ORDER), when not everything fits."""
    fmt = job.format
    assert fmt is not None and job.station is not None and job.url
    factor = 1 / fmt.scale
    slug = fmt.bleed_mm * factor + (MARK_GAP_MM + MARK_LENGTH_MM if studio.campaign.print.crop_marks else 0)
    trim = Box(0, 0, fmt.width_mm, fmt.height_mm).scaled(factor, slug, slug)
    page = (trim.w + 2 * slug, trim.h + 2 * slug)
    area, floor = safe_area(fmt), smallest_text_mm(fmt)
    modules = code.symbol_size(border=0)[0]
    qr = min(with_margin(symbol_mm(fmt, modules), modules), qr_room(fmt.shape, area, most=True))
    rtl = direction(job.languages[0]) == "rtl"
    placed = {name: box.scaled(factor, slug, slug)
              for name, box in layout(studio, job, fmt.shape, area, qr, floor, rtl, left).items()
              if not (name == "headline" and "headline" in left)}
    art = Artwork(job, "mm", page, trim, trim.inset(-fmt.bleed_mm * factor), area.scaled(factor, slug, slug),
                  floor * factor, context=studio.common(job, rgb=False), scale=fmt.scale, qr=placed["qr"],
                  advice=format_advice(studio, job))
    art.marks = crop_marks(trim, fmt.bleed_mm * factor) if studio.campaign.print.crop_marks else []
    art.context |= {"page": page, "bleed": art.bleed, "qr_svg": Markup(svg_for_print(code)), "left_out": left}
    fill(studio, art, placed, essentials=fmt.shape in ESSENTIALS, facts=facts)
    return art


def screen_artwork(studio: Studio, job: PrintJob, code: segno.QRCode, left: tuple[str, ...] = ()) -> Artwork:
    width, height = SCREEN
    canvas = Box(0, 0, width, height)
    rtl = direction(job.languages[0]) == "rtl"
    placed = layout(studio, job, "portrait", canvas.inset(60), SCREEN_QR_PX, SCREEN_SMALLEST_PX, rtl, left)
    art = Artwork(job, "px", (width, height), None, None, canvas.inset(60), SCREEN_SMALLEST_PX,
                  context=studio.common(job, rgb=True), qr=placed["qr"])
    qr_svg = svg_for_print(code).replace("device-cmyk(0 0 0 1)", "#000000")
    art.context |= {"page": (width, height), "bleed": canvas, "qr_svg": Markup(qr_svg), "left_out": left}
    fill(studio, art, placed, essentials=False)
    return art


def format_advice(studio: Studio, job: PrintJob) -> str:
    """What to do when a poster's text does not fit: the text, or the format in stations.yml."""
    fmt, station = job.format, job.station
    assert fmt is not None and station is not None
    stations = studio.campaign.path.with_name("stations.yml")
    where = f"{stations}:{fmt.line}" if fmt.line else str(stations)
    more = ", fewer languages on one poster" if len(job.languages) > 1 else ""
    return f"shorten the text, or give {station.id} a larger format than {fmt.name} ({fmt.size}){more} in {where}"


def layout(studio: Studio, job: PrintJob, shape: str, area: Box, qr: float, floor: float, rtl: bool,
           left: tuple[str, ...] = ()) -> Boxes:
    """The shape's boxes, without what is `left` out; NoRoom when the format leaves one of them no room at all."""
    essentials = shape in ESSENTIALS
    partners = studio.campaign.print.partners and not essentials and "partners" not in left
    foot = partners_height(studio, area.w, floor) if partners else 0.0
    names = len(names_in(studio.campaign.name, job.languages, studio.campaign.default_language))
    room = Room(area, qr, rtl, names, floor, foot,
                help_lines=lambda width: help_line_count(studio, job, width, floor,
                                                         essentials or "call-to-action" in left, essentials))
    found = boxes(shape, room)
    crowded = [NAMED[name] for name, box in found.items() if not box.usable]
    if crowded:
        fmt = job.format
        what = (f"{fmt.size if fmt else 'the screen'} leaves no room for {' and '.join(crowded)} beside the QR code and "
                f"the rest ({', '.join(job.languages)}): give a larger format, or fewer languages on one poster")
        if fmt and job.station:
            raise NoRoom(Problem(studio.campaign.path.with_name("stations.yml"), fmt.line,
                                 f"{job.station.id}.formats.{fmt.name}", what, error=True))
        raise NoRoom(Problem(Path(job.file), None, "", what, error=True))
    return found


def numbers(studio: Studio, services: list[Service], langs: tuple[str, ...], essentials: bool) -> list[tuple[Phone, list[tuple[str, str]]]]:
    """(number, who answers it) for each number a poster lists: the first number of the first service only
    when it shows the essentials."""
    listed = [(service, phone) for service in services for phone in service.phones]
    return [(phone, studio.who(service, phone, langs)) for service, phone in (listed[:1] if essentials else listed)]


def fill(studio: Studio, art: Artwork, placed: Boxes, essentials: bool, facts: int | None = 0) -> None:
    job, campaign, default = art.job, studio.campaign, studio.campaign.default_language
    langs = job.languages
    card = {lang: studio.card(job.card, lang) for lang in langs}
    helpful, emergency = station_services(studio.site, job.station.regions if job.station else ())
    cta = {lang: text_in(campaign.print.call_to_action, lang, default) or
           studio.t(lang, "Help is free and confidential. You do not have to give your name.") for lang in langs}
    names = names_in(campaign.name, langs, default)
    url, qr = placed["url"], placed["qr"]
    named = langs[:1] if "other-names" in art.context.get("left_out", ()) else langs  # who answers, in these
    centred = abs(url.x + url.w / 2 - (qr.x + qr.w / 2)) < 0.01 * url.w
    art.context |= {
        "boxes": placed, "card": card, "cta": cta, "names": names, "essentials": essentials,
        "partners": studio.partners() if "foot" in placed else [],
        "helpful": numbers(studio, helpful, named, essentials),
        "emergency": numbers(studio, emergency, named, essentials),
        "mixed": len({direction(lang) for lang in named}) > 1,
        "short_url": breakable_url(short_url(job.url or "")),
        "url_align": "center" if centred else "right" if qr.x > url.x else "left",
    }
    fmt = job.format
    hand_held = fmt is not None and max(fmt.width_mm, fmt.height_mm) <= HAND_HELD_MM
    main = next((service for service in helpful if service.phones), None)  # whose number the poster prints first
    art.context["facts"] = service_facts(main, langs)[:facts] if hand_held and main else []
    shown = "-".join(langs)
    card_file = (card[langs[0]].path, "")  # the first language's: each language's text is fitted in the same box
    services = (campaign.path.with_name("services.yml"), "phones")
    size = placed["promise"].w / 18 if "promise" in placed else placed["help"].w / 10  # large: fitting shrinks it
    for side in ("promise", "reality"):
        if side in placed:
            studio.fit(art, side, placed[side], size, art.floor, f"the {side} side ({shown})", card_file)
    if "headline" in placed:
        box = placed["headline"]
        studio.fit(art, "headline", box, min(box.h / (2 * len(langs)), box.w / 6), art.floor,
                   f"the reality side's title ({shown})", card_file)
    studio.fit(art, "help", placed["help"], size * 1.15, art.floor,
               f"the block of help numbers and the call to action ({shown})", services)
    head = placed["head"]
    studio.fit(art, "head", head, min(head.h * 0.55 / len(names), head.w / 4), art.floor, "the campaign's name",
               (campaign.path, "name"))
    studio.fit(art, "url", url, min(url.h * 0.38, url.w / 8), art.floor, "the address under the QR code",
               (campaign.path, "print.qr_base_url" if campaign.print.qr_base_url != campaign.base_url else "base_url"))
    if "foot" in placed:
        foot = placed["foot"]
        studio.fit(art, "foot", foot, foot.h * 0.42, art.floor, "the partners' row", (campaign.path, "print.partners"))
    art.text = printed_text(studio, art, card, cta, names)


def service_facts(service: Service, langs: tuple[str, ...]) -> list[tuple[str, str]]:
    """What services.yml says of the main help line, only what it says, most useful first: free and confidential
    (("word", key): the template words them in each language), open 24/7 or its hours (in the first language, by
    Babel), and the languages it answers in, each by its own name (a caller finds their own language)."""
    facts = [("word", word) for word, given in (("free", service.free), ("confidential", service.confidential)) if given]
    if service.hours is not None:
        facts.append(("plain", "24/7" if service.hours.always else ", ".join(
            " ".join(format_range(opening, langs[0])) for opening in service.hours.ranges)))
    if service.languages:
        facts.append(("plain", ", ".join(language_name_in(code, code) for code in service.languages)))
    return facts


def printed_text(studio: Studio, art: Artwork, card: dict, cta: dict[str, str], names: list[tuple[str, str]]) -> str:
    """Every text the poster prints, for the glyph check."""
    context, langs = art.context, art.job.languages
    labels = ("The reality",) if context["essentials"] else ("The promise", "The reality", "In danger now?")
    texts = [*(name for _lang, name in names), short_url(art.job.url or ""), *(studio.t(lang, m) for lang in langs for m in labels)]
    for c in card.values():
        texts += [c.reality.title] if context["essentials"] else \
            [c.promise.title, plain(c.promise.html), c.reality.title, plain(c.reality.html)]
    if not context["essentials"]:
        texts += cta.values()
    for phone, who in context["helpful"] + context["emergency"]:
        texts += [phone.display, *(name for _lang, name in who)]
    texts += [p["name"] for p in context["partners"]]
    texts += [fact_word(studio, lang, value) if kind == "word" else value
              for kind, value in context.get("facts", []) for lang in langs]
    return " ".join(texts)


def fact_word(studio: Studio, lang: str, fact: str) -> str:
    """The theme string that words a service's fact ("free", "confidential") in `lang`. Literal t() calls:
    `make translations` extracts the theme's strings from them (pybabel -k t:2)."""
    return studio.t(lang, "free of charge") if fact == "free" else studio.t(lang, "confidential")


def help_line_count(studio: Studio, job: PrintJob, width: float, floor: float, no_cta: bool, essentials: bool) -> float:
    """About how many lines the help numbers take at the smallest size, from the length of their texts
    (the fitting then grows them to fill the box)."""
    langs, default = job.languages, studio.campaign.default_language
    per_line = max(1.0, width / (0.6 * floor))  # characters of Noto Sans (bold in places) in a line
    tall = {lang: line_em(lang) / sum(LINE_BOX) for lang in langs}  # Nastaliq, Burmese: lines up to twice as tall

    def lines(text: str, em: float = 1.0, lang: str | None = None) -> float:
        factor = (tall.get(lang) or line_em(lang) / sum(LINE_BOX)) if lang else max(tall.values())
        return em * math.ceil(len(text) * em / per_line) * factor

    helpful, emergency = station_services(studio.site, job.station.regions if job.station else ())
    mixed = len({direction(lang) for lang in langs}) > 1
    count = 0.0 if no_cta else sum(
        lines(text_in(studio.campaign.print.call_to_action, lang, default) or "x" * 60, 1.1, lang) for lang in langs)
    for phone, names in numbers(studio, helpful, langs, essentials) + numbers(studio, emergency, langs, essentials):
        count += (1 + sum(lines(name, lang=lang) for lang, name in names) if mixed
                  else lines(phone.display + " " + " · ".join(name for _l, name in names)))
    if emergency and not essentials:
        count += sum(lines(studio.t(lang, "In danger now?"), lang=lang) for lang in langs)
    return count + 2  # the space between the groups


def partners_height(studio: Studio, width: float, floor: float) -> float:
    """Room for the partners' row, wrapped, at the smallest size: names and logos laid out in lines."""
    em = floor
    widths = []
    for partner in studio.campaign.print.partners:
        ratio = logo_ratio(partner.svg) if partner.svg else None
        widths.append(1.6 * em * ratio if ratio else 0.62 * em * len(partner.name))
    lines, used = 1, 0.0
    for item in widths:
        if used and used + item > width:
            lines, used = lines + 1, 0.0
        if item > width:  # a long name wraps within its own lines
            lines += math.ceil(item / width) - 1
            item = width
        used += item + 1.2 * em
    return 1.1 * lines * 1.6 * em
