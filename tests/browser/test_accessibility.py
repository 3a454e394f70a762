"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page at a phone and
a desktop viewport, keyboard use, 320-px reflow with 200 % text, and screenshots for people to look at."""
from __future__ import annotations

import pytest
from browsing import ARTIFACTS, DESKTOP, PHONE, Site
from playwright.sync_api import Browser, Page, expect
from support import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_any_page(site: Site, browser: Browser, viewport: dict[str, int]) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs the pinned npm packages")
    # The site's own CSP rightly refuses injected scripts; axe is injected by the test only.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found, rules = {}, set()
    for address in site.pages:
        page.goto(site.url(address))
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        rules |= {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable") for rule in results[kind]}
        if results["violations"]:
            found[address] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]]
    context.close()
    assert found == {}
    print(f"\n{site.name} {viewport['width']}px: {len(site.pages)} pages, {len(rules)} axe rules checked")


def tab_through(page: Page, limit: int = 80) -> list[str]:
    """Press Tab until focus comes back round; returns a description of each focused element."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const position = Array.prototype.indexOf.call(document.querySelectorAll('*'), el);
            return (visible ? '' : 'NO-FOCUS-RING ') + position + ' ' + el.tagName + ' ' + (el.getAttribute('href') || el.textContent.trim());
        }""")
        if focused is None or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(site: Site, page: Page) -> None:
    for address in site.pages:
        page.goto(site.url(address))
        controls = page.evaluate("""() => Array.from(document.querySelectorAll('a[href], button, summary'))
            .filter(el => el.checkVisibility()).length""")  # not the links folded in the closed menu
        reached = tab_through(page)
        assert not [f for f in reached if f.startswith("NO-FOCUS-RING")], f"{address}: {reached}"
        assert len(reached) == controls, f"{address}: {len(reached)} of {controls} controls reached"


def test_the_card_turns_with_enter_and_space_and_says_which_side_shows(site: Site, page: Page) -> None:
    page.goto(site.url(next(p for p in site.pages if "/cards/" in p)))
    card = page.locator("[data-card]").first
    button = card.locator(".card-turn")
    status = card.locator("[data-card-status]")
    expect(card.locator("[data-side=reality]")).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(card.locator("[data-side=reality]")).to_be_visible()
    expect(card.locator("[data-side=promise]")).to_be_hidden()
    expect(status).to_have_text(status.get_attribute("data-status-reality"))
    button.focus()  # focus went to the side shown (see test_first_screen.py)
    page.keyboard.press("Space")
    expect(card.locator("[data-side=promise]")).to_be_visible()
    expect(status).to_have_text(status.get_attribute("data-status-promise"))
    assert status.get_attribute("role") == "status"


def test_without_javascript_both_sides_show_one_after_the_other(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site.url(next(p for p in site.pages if "/cards/" in p)))
    promise, reality = page.locator("[data-side=promise]"), page.locator("[data-side=reality]")
    expect(promise).to_be_visible()
    expect(reality).to_be_visible()
    assert promise.bounding_box()["y"] < reality.bounding_box()["y"]
    expect(page.locator(".card-turn")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_no_horizontal_scrolling_at_320_px(site: Site, browser: Browser, text_size: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for address in site.pages:
        page.goto(site.url(address))
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[address] = width
    context.close()
    assert wide == {}


def test_reduced_motion_turns_the_card_without_animation(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site.url(next(p for p in site.pages if "/cards/" in p)))
    page.locator(".card-turn").first.click()
    animation = page.evaluate("getComputedStyle(document.querySelector('[data-side=reality]')).animationName")
    assert animation == "none"
    context.close()


def test_screenshots_of_each_home_and_card_page_for_people_to_look_at(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in site.languages:
        card = next(p for p in site.pages if f"/{lang}/cards/" in p)
        for name, address in (("home", f"{site.prefix}/{lang}/"), ("card", card)):
            page.goto(site.url(address))
            path = folder / f"{site.name}-{lang}-{name}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 5_000
    context.close()
