"""Quick exit: by click and by Shift × 3, to the neutral page, without a way Back to the help page."""
from __future__ import annotations

import re

from browsing import Site, stand_in_for_exit
from playwright.sync_api import Browser, BrowserContext, Page, expect


def open_help_after_home(site: Site, context: BrowserContext) -> Page:
    stand_in_for_exit(context, site)
    page = context.new_page()
    home = site.url(f"{site.prefix}/{site.languages[-1]}/")
    page.goto(home)
    page.goto(home + "help/")
    return page


def assert_left_for_good(page: Page, site: Site) -> None:
    expect(page).to_have_url(re.compile("^" + re.escape(site.quick_exit)))
    expect(page.locator("p")).to_have_text("Sunny")
    page.go_back()
    assert not page.url.endswith("/help/"), "Back must not return to the page the reader left"
    assert page.url == site.url(f"{site.prefix}/{site.languages[-1]}/")


def test_exit_button_leaves_and_back_does_not_return(site: Site, context: BrowserContext) -> None:
    page = open_help_after_home(site, context)
    page.locator("a.exit").click()
    assert_left_for_good(page, site)


def test_exit_skip_link_is_first_in_the_tab_order_and_leaves(site: Site, context: BrowserContext) -> None:
    page = open_help_after_home(site, context)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-exit')")
    page.keyboard.press("Enter")
    assert_left_for_good(page, site)


def test_shift_three_times_leaves_announced_from_the_second_press(site: Site, context: BrowserContext) -> None:
    page = open_help_after_home(site, context)
    status = page.locator("[data-exit-status]")
    bar = page.locator("[data-exit-bar]")
    page.keyboard.press("Shift")
    expect(bar).to_have_attribute("data-presses", "1")
    expect(status).to_have_text("")  # a dot lights up, but nothing is said yet
    page.keyboard.press("Shift")
    expect(status).to_have_text(bar.get_attribute("data-status-1"))
    assert page.locator("[data-exit-status]").get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert_left_for_good(page, site)


def test_shift_with_the_keys_screen_readers_pass_through_is_not_an_exit(site: Site, context: BrowserContext) -> None:
    """What the page sees of a screen reader's commands: Shift+Tab and Shift+arrows (moving back, selecting) reach
    the page whole; VoiceOver's Control+Option+Shift+… commands arrive with Control and Option held. None counts."""
    page = open_help_after_home(site, context)
    bar = page.locator("[data-exit-bar]")
    for combination in ("Shift+Tab", "Shift+ArrowUp", "Shift+H", "Control+Alt+Shift+ArrowDown", "Alt+Shift+Tab"):
        for _ in range(3):
            page.keyboard.press(combination)
        expect(bar).not_to_have_attribute("data-presses", re.compile("[12]"))
        assert page.url.endswith("/help/"), combination
    # NVDA and JAWS keep their own Shift+letter commands (Shift+H: the previous heading) and pass Shift alone:
    # the first such press is silent, and the second says that one more press would leave.
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    expect(bar).to_have_attribute("data-presses", "1")
    expect(page.locator("[data-exit-status]")).to_have_text("")
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text(bar.get_attribute("data-status-1"))
    page.keyboard.press("h")  # any other key cancels
    expect(bar).to_have_attribute("data-presses", "0")
    assert page.url.endswith("/help/")


def test_another_key_resets_the_count(site: Site, context: BrowserContext) -> None:
    page = open_help_after_home(site, context)
    for key in ("Shift", "Shift", "a", "Shift"):
        page.keyboard.press(key)
    expect(page.locator("[data-exit-bar]")).to_have_attribute("data-presses", "1")
    assert page.url.endswith("/help/")


def test_presses_more_than_five_seconds_apart_do_not_exit(site: Site, context: BrowserContext) -> None:
    page = context.new_page()
    page.clock.install()
    page.goto(site.url(f"{site.prefix}/{site.languages[0]}/"))
    bar = page.locator("[data-exit-bar]")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5_100)
    expect(page.locator("[data-exit-status]")).to_have_text(bar.get_attribute("data-status-expired"))
    page.keyboard.press("Shift")
    expect(bar).to_have_attribute("data-presses", "1")


def test_page_restored_from_the_back_forward_cache_drops_the_overlay(site: Site, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(site.url(f"{site.prefix}/{site.languages[0]}/"))
    page.evaluate("""() => {
        const overlay = document.createElement('div');
        overlay.className = 'exit-overlay';
        document.body.classList.add('is-leaving');
        document.body.appendChild(overlay);
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    }""")
    assert page.locator(".exit-overlay").count() == 0
    expect(page.locator("main")).to_be_visible()


def test_exit_links_work_without_javascript(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    stand_in_for_exit(context, site)
    page = context.new_page()
    page.goto(site.url(f"{site.prefix}/{site.languages[0]}/help/"))
    page.locator("a.exit").click()
    expect(page).to_have_url(re.compile("^" + re.escape(site.quick_exit)))
    context.close()


def test_the_exit_is_named_as_it_is_shown_and_reached_before_its_explanation(site: Site,
                                                                               context: BrowserContext) -> None:
    """No hidden "Emergency:" read aloud before "Leave now" (someone may be listening); the button, shown
    first, is reached first; "How does this button work?" comes after it."""
    page = context.new_page()
    for lang in site.languages:
        page.goto(site.url(f"{site.prefix}/{lang}/"))
        exit_link = page.locator("a.exit")
        expect(exit_link).to_have_accessible_name(exit_link.inner_text().strip())
        order = page.evaluate("""() => Array.from(document.querySelectorAll('a, button, summary'))
            .map(el => el.classList.contains('exit') ? 'exit' : el.closest('.exit-help') ? 'help' : null)
            .filter(Boolean)""")
        assert order == ["exit", "help"]

