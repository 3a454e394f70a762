"""A scan leads straight to help (issue 12): on a small phone, the first screen of every landing, home and card
page holds the quick exit, the page's message, a button to call the main help line and the emergency numbers;
the navigation folds behind one control; and what a specialist checks by hand is checked here too: focus never
hidden under the sticky bar, the side a card turns to is read, phone numbers are read digit by digit, one h1,
and a tab order that follows what the eye sees."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browsing import ARTIFACTS, DESKTOP, Site
from playwright.sync_api import Browser, Page, expect
from support import PROJECT

SMALL = {"width": 360, "height": 640}
SMALLEST = {"width": 320, "height": 568}
SHORT = {"width": 640, "height": 360}
"""A phone held sideways: the sticky bar must stay compact."""
MAIN_LINE = {"sample": "tel:+3278055800", "rtl": "tel:116000"}
"""The first help line with a phone, not an emergency service, of the pages' regions (every station of the sample
includes `national`, whose first such service is the national line; the right-to-left campaign has Child Focus)."""
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def kind(site: Site, address: str) -> str | None:
    """'landing', 'home' or 'card' for the pages whose first screen is for help; None for the others."""
    path = address.removeprefix(site.prefix)
    if re.fullmatch(r"/s/[^/]+/", path):
        return "landing"
    if re.fullmatch(r"/[^/]+/", path) and path.strip("/") in site.languages:
        return "home"
    if re.fullmatch(r"/[^/]+/cards/[^/]+/", path):
        return "card"
    return None


def first_screen_pages(site: Site) -> list[str]:
    return [address for address in site.pages if kind(site, address)]


def one_of_each(site: Site, lang: str | None = None) -> dict[str, str]:
    """A landing, home and card page (in `lang` where given)."""
    found: dict[str, str] = {}
    for address in first_screen_pages(site):
        page_kind = kind(site, address)
        if page_kind and page_kind not in found and (lang is None or page_kind == "landing" or f"/{lang}/" in address):
            found[page_kind] = address
    return found


FIRST_SCREEN = """() => {
    const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const call = document.querySelector('a.call');
    const lead = document.querySelector('.lead');
    return {
        exit: box(document.querySelector('a.exit')),
        message: box(document.querySelector('h1')),
        call: box(call), href: call && call.getAttribute('href'),
        icon: box(document.querySelector('.call-icon')), number: box(document.querySelector('.call-number')),
        emergency: Array.from(document.querySelectorAll('.in-danger a[href^="tel:"]')).map(box),
        brand: box(document.querySelector('.brand')), toggle: box(document.querySelector('.site-nav summary')),
        after_lead: lead.nextElementSibling.firstElementChild && lead.nextElementSibling.firstElementChild.className,
        dir: document.documentElement.dir, width: document.documentElement.scrollWidth,
    };
}"""


@pytest.mark.parametrize("viewport", [SMALL, SMALLEST], ids=["360x640", "320x568"])
def test_the_first_screen_holds_the_exit_the_message_the_main_help_line_and_the_emergency_numbers(
        site: Site, browser: Browser, viewport: dict[str, int]) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs the pinned npm packages")
    context = browser.new_context(viewport=viewport, bypass_csp=True)  # bypass_csp: for axe only
    page = context.new_page()
    height, width = viewport["height"], viewport["width"]
    positions: dict[str, list[float]] = {}
    problems: dict[str, list[str]] = {}
    for address in first_screen_pages(site):
        page.goto(site.url(address))
        seen = page.evaluate(FIRST_SCREEN)
        wrong = []
        for name in ("exit", "message", "call"):
            box = seen[name]
            if not box or box["top"] < 0 or box["bottom"] > height:
                wrong.append(f"{name} not in the first screen: {box}")
        if seen["href"] != MAIN_LINE[site.name]:
            wrong.append(f"the call button dials {seen['href']}, not the main help line {MAIN_LINE[site.name]}")
        if not seen["emergency"] or max(box["bottom"] for box in seen["emergency"]) > height:
            wrong.append(f"emergency numbers below the first screen: {seen['emergency']}")
        if kind(site, address) == "landing" and seen["after_lead"] != "audience":
            wrong.append(f"the help services do not follow the first screen at once ({seen['after_lead']})")
        if seen["width"] > width:
            wrong.append(f"scrolls sideways ({seen['width']} px)")
        if seen["dir"] == "rtl":  # mirrored: the name on the right, the menu on the left, the icon before the number
            name_right = seen["brand"]["right"] > width / 2 > seen["toggle"]["left"]
            if not (name_right and seen["icon"]["left"] > seen["number"]["right"]):
                wrong.append(f"not mirrored: {seen['brand']}, {seen['toggle']}, {seen['icon']}, {seen['number']}")
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        wrong += [f"axe: {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]
        if wrong:
            problems[address] = wrong
        positions.setdefault(kind(site, address) or "", []).append(seen["call"]["top"])
        positions.setdefault((kind(site, address) or "") + " bottom", []).append(seen["call"]["bottom"])
    context.close()
    assert problems == {}
    report = ", ".join(f"{name} {min(tops):.0f}–{max(tops):.0f}" for name, tops in positions.items())
    print(f"\n{site.name} {width}×{height}: main help line's tel: link at (px from the top) {report}")


def test_the_folded_navigation_opens_with_the_keyboard_and_without_javascript(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport=SMALLEST, java_script_enabled=False)
    page = context.new_page()
    for lang in site.languages:
        page.goto(site.url(one_of_each(site, lang)["card"]))
        summary = page.locator(".site-nav summary")
        languages = page.locator("nav.languages a")
        expect(summary).to_be_visible()
        current = languages.and_(page.locator("[aria-current]")).text_content()
        expect(summary.locator(".nav-language")).to_have_text(current)
        expect(languages.first).to_be_hidden()
        for _ in range(8):  # the skip links, the exit, its explanation, the campaign's name, then the control
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        expect(languages.first).to_be_visible()
        expect(page.locator("nav.menu a").first).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('nav') !== null"), "the next Tab enters the open menu"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Space")
        expect(languages.first).to_be_hidden()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= SMALLEST["width"]
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_wide_screens_show_the_menu_and_languages_open(site: Site, browser: Browser, javascript: bool) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site.url(one_of_each(site)["home"]))
    expect(page.locator(".site-nav summary")).to_be_hidden()
    expect(page.locator("nav.languages a").first).to_be_visible()
    expect(page.locator("nav.menu a").last).to_be_visible()
    context.close()


def test_axe_finds_nothing_in_the_open_navigation(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport=SMALL, bypass_csp=True)
    page = context.new_page()
    page.goto(site.url(one_of_each(site)["landing"]))
    page.locator(".site-nav summary").click()
    expect(page.locator("nav.menu a").first).to_be_visible()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    context.close()
    assert [v["id"] for v in results["violations"]] == []


# --- focus is never hidden under the sticky exit bar (WCAG 2.4.11) ----------------------------------------

HIDDEN_BY_BAR = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el.closest('.exit-bar') || el.classList.contains('skip')) return null;
    const bar = document.querySelector('.exit-bar').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.top >= bar.bottom - 0.5) return null;
    return (el.getAttribute('href') || el.tagName) + ' at ' + r.top + ' under the bar ending at ' + bar.bottom;
}"""


def focus_hidden_while_tabbing(page: Page, key: str, limit: int = 90) -> list[str]:
    hidden, seen = [], set()
    for _ in range(limit):
        page.keyboard.press(key)
        marker = page.evaluate("Array.prototype.indexOf.call(document.querySelectorAll('*'), document.activeElement)")
        if marker in seen:
            break
        seen.add(marker)
        if problem := page.evaluate(HIDDEN_BY_BAR):
            hidden.append(problem)
    return hidden


LAST_CONTROL = """() => Array.from(document.querySelectorAll('a[href], button, summary'))
    .filter(el => el.getClientRects().length).pop().focus()"""


@pytest.mark.parametrize("viewport", [SMALL, SHORT], ids=["360x640", "640x360"])
def test_focus_is_never_hidden_under_the_sticky_exit_bar(site: Site, browser: Browser,
                                                         viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for address in (one_of_each(site)["landing"], one_of_each(site)["home"]):
        page.goto(site.url(address))
        page.locator(".site-nav summary").click()  # open: its links are reached too
        assert focus_hidden_while_tabbing(page, "Tab") == [], f"{address}, tabbing forward"
        page.evaluate(LAST_CONTROL)  # at the bottom of the page (not with End: its smooth scroll would still run)
        assert focus_hidden_while_tabbing(page, "Shift+Tab") == [], f"{address}, tabbing back"
        page.goto(site.url(address))
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        bar = page.evaluate("document.querySelector('.exit-bar').getBoundingClientRect().bottom")
        assert page.evaluate("window.scrollY") > 0, "the long page scrolled to its content"
        assert top >= bar - 0.5, f"{address}: after 'Skip to content' the content starts under the bar ({top} < {bar})"
    context.close()


def test_only_a_compact_bar_stays_on_top_when_scrolling(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport=SHORT)
    page = context.new_page()
    page.goto(site.url(one_of_each(site)["landing"]))
    page.evaluate("window.scrollTo(0, 1500)")
    bar = page.locator(".exit-bar").bounding_box()
    assert bar["y"] == 0 and bar["height"] <= 0.15 * SHORT["height"], bar
    expect(page.locator(".exit-help a")).not_to_be_in_viewport()
    context.close()


# --- the side a card turns to is read; every button has its own name ----------------------------------------

def accessible_names(page: Page, role: str) -> list[str]:
    """The names Chromium's accessibility tree gives the elements of a role (what a screen reader reads)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [n.get("name", {}).get("value", "") for n in nodes if n.get("role", {}).get("value") == role
            and not n.get("ignored")]


def test_turning_a_card_moves_focus_to_the_side_shown_and_announces_it(site: Site, page: Page) -> None:
    page.goto(site.url(one_of_each(site)["card"]))
    card = page.locator("[data-card]").first
    button = card.locator(".card-turn")
    status = card.locator("[data-card-status]")
    button.focus()
    page.keyboard.press("Enter")
    reality = card.locator("[data-side=reality] .side-title")
    expect(reality).to_be_focused()
    expect(status).to_have_text(status.get_attribute("data-status-reality"))
    button.focus()
    page.keyboard.press("Space")
    expect(card.locator("[data-side=promise] .side-title")).to_be_focused()
    expect(status).to_have_text(status.get_attribute("data-status-promise"))


def test_the_home_pages_turn_buttons_each_have_their_own_name(site: Site, page: Page) -> None:
    for lang in site.languages:
        page.goto(site.url(f"{site.prefix}/{lang}/"))
        names = accessible_names(page, "button")
        assert len(names) == page.locator(".card-turn").count() >= 1
        assert len(set(names)) == len(names), names
        for name, title in zip(names, page.locator("[data-side=promise] .side-title").all_text_contents()):
            assert title.strip() in name, "the name says which card it turns"


# --- phone numbers are read digit by digit, with whom they call -----------------------------------------------

def test_every_phone_link_is_named_with_its_service_and_its_digits_one_by_one(site: Site, page: Page) -> None:
    """The name starts with whom it calls and the digits one by one ("116 000" read as an amount helps nobody);
    the number as shown ends it, so that the name contains the visible label (WCAG 2.5.3, and axe checks it)."""
    for lang in site.languages:
        page.goto(site.url(f"{site.prefix}/{lang}/help/"))
        links = page.locator('a[href^="tel:"]')
        names = accessible_names(page, "link")
        for i in range(links.count()):
            shown = links.nth(i).inner_text().strip()
            name = links.nth(i).get_attribute("aria-label")
            assert name in names, f"{name!r} is not what the accessibility tree reads"
            spoken = " ".join(re.findall(r"\d", shown))
            assert name.endswith(f"{spoken} – {shown}") and re.search(r"\w{2}", name.split(spoken)[0]), name
        if lang == "en":
            expected = {"Call Child Focus: 1 1 6 0 0 0 – 116 000"} | (
                {"Call National human trafficking line: 0 7 8 0 5 5 8 0 0 – 078 05 58 00",
                 "Call Emergency numbers: 1 1 2 – 112", "Call Emergency numbers: 1 0 1 – 101"} if site.name == "sample"
                else {"Call Emergency: 1 1 2 – 112"})
            assert expected <= set(names)


# --- the tab order follows the visual order; "Leave now" comes first -----------------------------------------

FOCUSED_BOX = """() => {
    const el = document.activeElement;
    // A card is read as a whole: its controls, then the next card's (left to right, then down, in a grid).
    const unit = el.closest('.card') || el;
    const r = unit.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
            what: (el.getAttribute('href') || el.tagName) + ' ' + el.textContent.trim().slice(0, 30),
            skip: el.classList.contains('skip'), unit: unit === el ? null : Array.prototype.indexOf.call(
                document.querySelectorAll('.card'), unit),
            index: Array.prototype.indexOf.call(document.querySelectorAll('*'), el)};
}"""


def tab_boxes(page: Page, limit: int = 90) -> Iterator[dict]:
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSED_BOX)
        key = box["index"]
        if key in seen or box["what"].startswith("BODY"):
            return
        seen.add(key)
        yield box


def out_of_visual_order(boxes: list[dict], rtl: bool) -> list[str]:
    """Pairs of controls where the second is reached next but shown before the first: above it, or on the
    same line before it (to its left, or to its right in a right-to-left page)."""
    wrong = []
    for a, b in zip(boxes, boxes[1:]):
        if a["unit"] is not None and a["unit"] == b["unit"]:
            continue  # within one card: its title, the links in its text, then its button below
        same_line = b["top"] < a["bottom"] - 2 and a["top"] < b["bottom"] - 2
        before = (b["left"] >= a["right"] - 2) if rtl else (b["right"] <= a["left"] + 2)
        if b["bottom"] <= a["top"] + 2 or (same_line and before):
            wrong.append(f"{a['what']!r} then {b['what']!r}")
    return wrong


@pytest.mark.parametrize("viewport", [SMALL, DESKTOP], ids=["phone", "desktop"])
def test_the_tab_order_follows_the_visual_order(site: Site, browser: Browser, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for lang in site.languages:
        for address in one_of_each(site, lang).values():
            page.goto(site.url(address))
            boxes = [box for box in tab_boxes(page) if not box["skip"]]  # the skip links show over the top when focused
            assert boxes[0]["what"].startswith(site.quick_exit), f"{address}: the quick exit first, not {boxes[0]}"
            rtl = page.evaluate("document.documentElement.dir") == "rtl"
            assert out_of_visual_order(boxes, rtl) == [], address
    context.close()


# --- for people to look at ------------------------------------------------------------------------------------

def test_screenshots_of_a_landing_and_a_card_page_at_360_by_640(site: Site, browser: Browser) -> None:
    """Written to test-artifacts/screenshots/ with a note of what each shows and where."""
    context = browser.new_context(viewport=SMALL)
    page = context.new_page()
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pages = one_of_each(site, site.languages[0])
    lines = [f"# First screens of the {site.name} campaign at 360 × 640 (written by {__name__})", ""]
    for name in ("landing", "card"):
        page.goto(site.url(pages[name]))
        seen = page.evaluate(FIRST_SCREEN)
        path = folder / f"{site.name}-first-screen-{name}-360x640.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 5_000
        message = page.locator("h1").inner_text().replace("\n", " ")
        call = f"{seen['call']['top']:.0f}–{seen['call']['bottom']:.0f}"
        lines += [f"- `{path.name}`: {pages[name]} (`dir={seen['dir']}`), all in the first 640 px: the quick exit "
                  f"({seen['exit']['top']:.0f}–{seen['exit']['bottom']:.0f} px from the top), the page's message "
                  f"\"{message}\" ({seen['message']['top']:.0f}–{seen['message']['bottom']:.0f} px), the button to "
                  f"call the main help line, {seen['href']} ({call} px), "
                  f"and the emergency numbers (down to {max(box['bottom'] for box in seen['emergency']):.0f} px)."]
    (folder / f"{site.name}-first-screen.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    context.close()


def test_the_card_page_opens_with_the_card_as_its_only_h1(site: Site, page: Page) -> None:
    page.goto(site.url(one_of_each(site)["card"]))
    h1 = page.locator("h1")
    expect(h1).to_have_count(1)
    expect(h1).to_be_visible()
    expect(h1).to_have_class(re.compile("side-title"))
    assert h1.text_content().strip() not in page.locator("h2").all_text_contents()

