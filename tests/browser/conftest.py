"""A real browser over the built site: Debian's Chromium driven by Playwright, the site served on
127.0.0.1. Nothing is downloaded: the browser is /usr/bin/chromium (installed by `make test`)."""
from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, PHONE, Site, addresses, build_site
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from campaign.preview.serve import PreviewHandler


@pytest.fixture(scope="session", params=["sample", "rtl"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample campaign and a right-to-left scratch campaign (under a path), each served on 127.0.0.1."""
    output, prefix, languages, exit_url = build_site(request.param, tmp_path_factory.mktemp(request.param))
    handler = functools.partial(type("Handler", (PreviewHandler,), {"prefix": prefix}), directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    yield Site(request.param, output, origin, prefix, languages, exit_url, addresses(output, prefix))
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `make test`, which installs it (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


