"""The build never leaves its folders: a logo pointing at a server is refused, and even a logo that slipped
through would not make print fetch it. The server here is a real one on 127.0.0.1 that counts requests."""
from __future__ import annotations

import contextlib
import dataclasses
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CACHE, PROJECT, Scratch

from campaign.content.load import load_site
from campaign.content.model import Partner
from campaign.problems import Problems


@contextlib.contextmanager
def listening() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server for the length of a test: (its address, the paths it was asked for)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def logo_with(scratch: Scratch, svg: str) -> Path:
    logos = scratch.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True, exist_ok=True)
    (logos / "partner.svg").write_text(svg)
    scratch.edit("campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: partner.svg\n")
    return logos / "partner.svg"


def test_a_logo_pointing_at_a_server_is_refused_and_nothing_is_fetched(scratch: Scratch) -> None:
    with listening() as (address, asked):
        logo_with(scratch, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
                           f'<image href="{address}/x.png" width="10" height="10"/></svg>')
        result = scratch.build()
    assert result.code == 1
    assert ("error: campaign_assets/logos/partner.svg:2: logo: loads something from another site "
            f"({address}/x.png), which the build never fetches: ask the partner for a plain SVG logo without scripts "
            "or linked images") in result.err.splitlines()
    assert asked == [], "no request reached the server"


def test_print_fetches_nothing_even_for_a_logo_that_slipped_through(scratch: Scratch, tmp_path: Path) -> None:
    """The second lock: a partner's SVG that was never cleaned, rendered into a real poster."""
    from weasyprint.urls import URLFetcher

    from campaign.print import qr
    from campaign.print.artwork import Studio
    from campaign.print.poster_artwork import poster_artwork
    from campaign.print.assets import font_faces, output_profile
    from campaign.print.fetcher import local_fetcher
    from campaign.print.pdf import Fitter
    from campaign.print.posters import plan_print
    from campaign.publish.cache import Cache

    with listening() as (address, asked):
        problems = Problems()
        site = load_site(scratch.content, problems)
        assert site is not None and not problems.errors
        # An inline SVG's <style> joins the page's style sheets: WeasyPrint's own fetcher would load this font.
        sneaky = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@font-face { font-family: '
                  f'Sneaky; src: url({address}/font.woff), url(file:///etc/passwd) }}</style>'
                  '<text font-family="Sneaky" y="8">Sneaky</text></svg>')
        settings = dataclasses.replace(site.campaign.print, partners=(Partner("Sneaky", "sneaky.svg", sneaky),))
        site = dataclasses.replace(site, campaign=dataclasses.replace(site.campaign, print=settings))
        job = next(job for job in plan_print(site).jobs if job.kind == "poster")
        profile = output_profile(site.assets, Cache(CACHE / "print"))
        studio = Studio(site, PROJECT / "theme", font_faces(site.assets), profile.path)
        art = poster_artwork(studio, job, qr.make(job.url or ""))
        rendered = Fitter(studio.env, local_fetcher(PROJECT / "theme", site.assets, tmp_path)).render(art)
        assert rendered.data.startswith(b"%PDF"), "the poster is made, without what the logo tried to load"
        assert asked == [], "no request reached the server"
        Fitter(studio.env, URLFetcher(timeout=2)).layout(art, {}, only=None)  # WeasyPrint's own fetcher, for contrast
    assert "/font.woff" in asked, "without the build's fetcher, the same poster would have fetched it"


def test_the_fetcher_serves_only_the_builds_own_folders(tmp_path: Path) -> None:
    from campaign.print.fetcher import RefusedURL, local_fetcher

    theme, assets, cache, outside = (tmp_path / name for name in ("theme", "assets", "cache", "outside"))
    for folder in (theme, assets, cache, outside):
        folder.mkdir()
    (assets / "logo.png").write_bytes(b"inside")
    (outside / "secret.txt").write_text("secret")
    (assets / "link.txt").symlink_to(outside / "secret.txt")
    fetcher = local_fetcher(theme, assets, cache)
    assert fetcher((assets / "logo.png").as_uri()).read() == b"inside"
    assert fetcher("data:text/plain,hello").read() == b"hello"
    for url in ((outside / "secret.txt").as_uri(), (assets / "link.txt").as_uri(), f"{assets.as_uri()}/../outside/secret.txt",
                "http://127.0.0.1:9/x.png", "https://example.org/font.woff", "ftp://example.org/x", "file://host/etc/passwd"):
        with pytest.raises(RefusedURL):
            fetcher(url)
