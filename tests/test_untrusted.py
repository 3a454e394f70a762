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

from campaign import workers
from campaign.content.load import load_site
from campaign.content.model import Partner, Site
from campaign.problems import Problems, Refused


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


def sneaky_poster(site: Site) -> bytes:
    """In a worker (Typst runs only there): the first poster of `site`, laid out by Typst, as a PDF."""
    from campaign.print import qr
    from campaign.print.artwork import Studio
    from campaign.print.assets import font_faces, output_profile
    from campaign.print.poster_artwork import poster_artwork
    from campaign.print.posters import plan_print
    from campaign.print.typst.engine import TypstPosters
    from campaign.publish.cache import Cache

    job = next(job for job in plan_print(site).jobs if job.kind == "poster")
    profile = output_profile(site.assets, Cache(CACHE / "print"))
    studio = Studio(site, PROJECT / "theme", font_faces(site.assets), profile.path)
    code = qr.make(job.url or "")
    return TypstPosters(studio).render(poster_artwork(studio, job, code), code).data


SNEAKY = {  # what an uncleaned logo may ask for: a font from a server or a file, a linked image
    "font": '<style>@font-face {{ font-family: Sneaky; src: url({address}/font.woff), url(file:///etc/passwd) }}</style>'
            '<text font-family="Sneaky" font-size="4" x="1" y="6">S</text>',
    "image": '<image href="{address}/x.png" width="10" height="10"/>',
}


@pytest.mark.parametrize("asks", sorted(SNEAKY))
def test_print_fetches_nothing_even_for_a_logo_that_slipped_through(scratch: Scratch, asks: str) -> None:
    """The second lock: a partner's SVG that was never cleaned, laid out into a real poster by Typst. A font it asks
    for is not loaded (the poster is made without it); a linked image stops the poster with the logo named."""
    with listening() as (address, asked):
        problems = Problems()
        site = load_site(scratch.content, problems)
        assert site is not None and not problems.errors
        sneaky = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                  + SNEAKY[asks].format(address=address) + '</svg>')
        settings = dataclasses.replace(site.campaign.print, partners=(Partner("Sneaky", "sneaky.svg", sneaky),))
        site = dataclasses.replace(site, campaign=dataclasses.replace(site.campaign, print=settings))
        if asks == "image":
            with pytest.raises(Refused) as refused:
                workers.in_worker(sneaky_poster, site)
            assert refused.value.problem.field == "print.partners.logo"
            assert "sneaky.svg cannot be drawn on the posters" in refused.value.problem.message
        else:
            data = workers.in_worker(sneaky_poster, site)
            assert data.startswith(b"%PDF"), "the poster is made, without what the logo tried to load"
            assert b"root:" not in data, "nothing of a file outside the build's folders is in the poster"
    assert asked == [], "no request reached the server"
