"""Each script drawn by the reader's own fonts: Urdu in Nastaliq, nothing downloaded (campaign/site/fonts.py).
Chromium says which installed face drew each node (CSS.getPlatformFontsForNode)."""
from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser
from support import CACHE, run

from campaign.preview.serve import PreviewHandler


@pytest.fixture(scope="module")
def south_asian(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A website made by `new` in Urdu, Hindi, Bengali and Tamil, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("scripts") / "campaign"
    made = run("new", str(folder), "--site-only", "--name", "Aankhen Kholo", "--country", "IN", "--languages",
               "ur,hi,bn,ta,en-IN", "--base-url", "https://aankhen.example.in/", "--quick-exit",
               "https://mausam.imd.gov.in/", "--cache", str(CACHE))
    assert made.code == 0, made.err
    built = run("--content", str(folder / "content"), "--output", str(folder / "output"), "--cache", str(CACHE),
                "--site-only")
    assert built.code == 0, built.err
    handler = functools.partial(type("Handler", (PreviewHandler,), {"prefix": ""}), directory=str(folder / "output"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def faces(browser: Browser, url: str, selector: str) -> tuple[dict[str, int], list[str]]:
    """{family: glyphs drawn} for the first node matching `selector`, and every address the page requested."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    page.close()
    return {font["familyName"]: font["glyphCount"] for font in fonts}, requested


@pytest.mark.parametrize(("lang", "family"), [("ur", "Noto Nastaliq Urdu"), ("hi", "Noto Sans Devanagari"),
                                              ("bn", "Noto Sans Bengali"), ("ta", "Noto Sans Tamil")])
def test_each_script_is_drawn_by_its_own_installed_face(south_asian: str, browser: Browser, lang: str,
                                                        family: str) -> None:
    drawn, requested = faces(browser, f"{south_asian}/", f'.pick-language a[lang="{lang}"]')  # its own name on /
    assert max(drawn, key=drawn.get) == family, drawn
    assert all(url.startswith(south_asian) for url in requested), "no font, or anything else, from elsewhere"
    assert not [url for url in requested if url.endswith((".woff", ".woff2", ".ttf", ".otf"))]


def test_urdu_pages_are_in_nastaliq_not_naskh(south_asian: str, browser: Browser) -> None:
    drawn, _requested = faces(browser, f"{south_asian}/ur/", "body")
    assert "Noto Naskh Arabic" not in drawn and "Noto Sans Arabic" not in drawn, drawn
