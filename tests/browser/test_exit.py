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


def test_shift_three_times_leaves_with_progress_announced(site: Site, context: BrowserContext) -> None:
    page = open_help_after_home(site, context)
    status = page.locator("[data-exit-status]")
    bar = page.locator("[data-exit-bar]")
    page.keyboard.press("Shift")
    expect(status).to_have_text(bar.get_attribute("data-status-2"))
    assert page.locator("[data-exit-status]").get_attribute("role") == "status"
    page.keyboard.press("Shift")
    expect(status).to_have_text(bar.get_attribute("data-status-1"))
    page.keyboard.press("Shift")
    assert_left_for_good(page, site)


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
