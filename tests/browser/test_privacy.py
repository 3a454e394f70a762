"""Every page of every language in a real browser: no request leaves the site, nothing is stored,
and each page stays within its weight budget (≤ 100 KB uncompressed, ≤ 6 requests)."""
from __future__ import annotations

from urllib.parse import urlsplit

from browsing import Site
from playwright.sync_api import BrowserContext

MAX_BYTES = 100_000
MAX_REQUESTS = 6


def test_pages_stay_on_the_site_store_nothing_and_are_light(site: Site, context: BrowserContext) -> None:
    page = context.new_page()
    requests: list[str] = []
    bytes_by_url: dict[str, int] = {}
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: bytes_by_url.__setitem__(response.url, len(response.body())))
    page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
    weights = {}
    for address in site.pages:
        requests.clear()
        bytes_by_url.clear()
        page.goto(site.url(address), wait_until="networkidle")
        for button in page.locator(".card-turn").all():
            button.click()  # the script runs and turns every card: still nothing leaves
        foreign = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
        assert foreign == [], f"{address} asked another site for {foreign}"
        assert len(requests) <= MAX_REQUESTS, f"{address}: {len(requests)} requests"
        weights[address] = sum(bytes_by_url.values())
        assert weights[address] <= MAX_BYTES, f"{address}: {weights[address]} bytes"
    assert violations == [], "no console errors, such as Content-Security-Policy violations"
    assert context.cookies() == []
    storage = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        caches: 'caches' in self ? (await caches.keys()).length : 0 })""")
    assert storage == {"local": 0, "session": 0, "databases": 0, "caches": 0}
    heaviest = max(weights, key=weights.get)
    print(f"\n{site.name}: {len(weights)} pages, heaviest {heaviest} at {weights[heaviest]} bytes")
