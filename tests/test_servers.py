"""The server configs the build writes (issue 31, point 3), each run in the real server on 127.0.0.1: nginx
(nginx.conf, nginx-http.conf), Apache (.htaccess, apache.conf) and Caddy (Caddyfile). Readers get the pages, /s/,
/static/ and the favicon with the site's headers and a cache policy; never a dotfile, a config file or print/; the
server's version stays hidden; and the log keeps only what counting scans needs, which `build.py scans` reads."""
from __future__ import annotations

import ipaddress
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from servers import SERVERS, Server, available, running, served_copy
from support import CACHE, PROJECT, SAMPLE, Scratch, parse, run
from test_scans import ANDROID, IPHONE, A, B

from campaign.site.hosting import ASSET_CACHE, HOST_FILES, HOSTING, LOG_DAYS, PAGE_CACHE
from campaign.site.policy import HEADERS

HIDDEN = ("/.campaign-output.json", "/.git/config", "/.git/", "/fr/.help.html.swp", "/%2Egit/config",
          *(f"/{name}" for name in HOST_FILES), "/print/poster.pdf", "/print/")
"""What no reader needs; the served copy has each (print/ and .git/ put there as a careless upload would)."""
ADDRESSES = {"203.0.113.77": "203.0.113.0", "fe80::1": "fe80::", "2001:db8:1:2:3:4:5:6": "2001:db8:1:2::",
             "2001:db8::1": "2001:db8::", "::ffff:198.51.100.9": "198.51.100.0", "1:2::3:4:5:6:7": "1:2:0:3::"}
"""Client address → as the log must write it (/24, /64): fe80::1 once came out as `fe80:::`."""


@pytest.fixture(scope="session")
def served() -> Iterator[Path]:
    """The sample's website, built once, copied where every server's workers can read it."""
    folder = Path(tempfile.mkdtemp(prefix="campaign-served-"))
    folder.chmod(0o755)
    try:
        output = folder / "built"
        result = run("--content", str(SAMPLE), "--output", str(output), "--cache", str(CACHE), "--site-only")
        assert result.code == 0, result.err
        yield served_copy(output, folder / "copy")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module", params=SERVERS)
def server(request: pytest.FixtureRequest, served: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    name = request.param
    if available(name) is None:
        pytest.skip(f"{name} is not installed (make test installs it)")
    with running(name, served, tmp_path_factory.mktemp(name)) as started:
        yield started


def test_pages_carry_the_sites_headers_and_a_short_cache(server: Server) -> None:
    for path in ("/", "/fr/help/", f"/s/{A}/"):
        answer = server.get(path)
        assert answer.status == 200, path
        for name, value in HEADERS.items():
            assert answer.headers.get(name.lower()) == value, (path, name)
        assert answer.headers["cache-control"] == PAGE_CACHE


def test_assets_are_cached_for_a_year_and_the_favicon_is_there(server: Server) -> None:
    for path in ("/static/site.css", "/static/site.js"):
        answer = server.get(path)
        assert answer.status == 200 and answer.headers["cache-control"] == ASSET_CACHE, path
        assert answer.headers["content-security-policy"] == HEADERS["Content-Security-Policy"]
    favicon = server.get("/favicon.ico")
    assert favicon.status == 200 and favicon.body[:4] == b"\x00\x00\x01\x00" and len(favicon.body) < 1200


def test_the_server_version_is_never_shown(server: Server) -> None:
    for answer in (server.get("/"), server.get("/nowhere/"), server.get("/.git/config")):
        assert not re.search(r"\d", answer.headers.get("server", "")), answer.headers.get("server")
        assert b"nginx/" not in answer.body and b"Apache/" not in answer.body


@pytest.mark.parametrize("path", HIDDEN)
def test_what_readers_never_need_is_not_found(server: Server, path: str) -> None:
    answer = server.get(path)
    assert answer.status == 404, (path, answer.status)
    assert b"swap" not in answer.body and b"[remote]" not in answer.body and b"%PDF" not in answer.body
    assert answer.headers.get("content-security-policy") == HEADERS["Content-Security-Policy"]


def test_a_missing_page_gets_its_languages_404_page(server: Server) -> None:
    french = server.get("/fr/nowhere/")
    assert french.status == 404 and b'<html lang="fr"' in french.body
    root = server.get("/nowhere")
    assert root.status == 404 and b"<html" in root.body


def test_the_log_keeps_only_what_counting_needs(server: Server, scratch: Scratch) -> None:
    """A scan, a page and a scan with a query string, from each address: the log line for each, then the count."""
    start = server.settled_length()
    real = server.name != "caddy"  # Caddy 2.6 logs the socket's address: 127.0.0.1 in tests
    asked_for = 2 * len(ADDRESSES if real else ("",)) + 2
    for address in ADDRESSES if real else ("",):
        assert server.get(f"/s/{A}/?utm_source=poster", IPHONE, address).status == 200
        assert server.get("/fr/help/?q=secret", ANDROID, address).status == 200
    evil = server.get(f"/s/evil%2F..%2F{B}/", IPHONE).status  # nginx, Caddy: B's page; Apache: 404
    assert evil in (200, 404)
    assert server.get("/.git/config?x=1", IPHONE).status == 404
    lines = server.log_lines(at_least=start + asked_for)[start:]
    text = "\n".join(lines)
    asked = '"uri":"/.git/config"' if server.name == "caddy" else '"GET /.git/config HTTP/1.1" 404'
    assert asked in text and "/404.html" not in text, "the path asked for, without its query, not the error page's"
    assert "utm_source" not in text and "secret" not in text, "no query strings"
    assert "iPhone OS" not in text and "Android 14" not in text and "SM-A146B" not in text, "no device"
    assert not re.search(r":\d\d:[1-5]\d", text.replace(":00:00", "")), "the time to the hour"
    if real:
        for address, cut in ADDRESSES.items():
            assert f"{cut} - - [" in text, (address, text)
            assert address not in text or address == cut
        page = next(line for line in lines if "/fr/help/" in line)
        scan = next(line for line in lines if f"/s/{A}/" in line)
        assert page.endswith('"-"') and "Mozilla/5.0 (-) AppleWebKit" in scan
    (scratch.root / "access.log").write_text(text + "\n", encoding="utf-8")
    result = run("scans", str(scratch.root / "access.log"), "--content", "content")
    assert result.code == 0, result.err
    scans = (len(ADDRESSES) if real else 1) + (evil == 200)
    assert f"geteld: {scans} scan" in result.out, result.out
    assert "evil" not in result.out and re.search(rf"{B} +{int(evil == 200)} ", result.out), "counted as B, if served"
    assert "0 regels konden niet worden gelezen" in result.out


def test_print_is_served_only_when_campaign_yml_asks(scratch: Scratch, served: Path, tmp_path: Path) -> None:
    for name in ("nginx.conf", ".htaccess", "Caddyfile"):
        assert "|^/print(?:/|$)" in (served / name).read_text(encoding="utf-8"), name
    scratch.edit("campaign.yml", "print:  ", "print:\n  on_website: true  ")
    assert scratch.build("--site-only").code == 0
    for name in ("nginx.conf", ".htaccess", "Caddyfile"):
        text = (scratch.output / name).read_text(encoding="utf-8")
        assert "^/print" not in text and "(?:^|/)\\." in text, name
    if available("nginx") is None:
        pytest.skip("nginx is not installed (make test installs it)")
    with running("nginx", served_copy(scratch.output, tmp_path / "copy"), tmp_path / "nginx") as nginx:
        assert nginx.get("/print/poster.pdf").status == 200
        assert nginx.get("/.git/config").status == 404


def test_the_new_log_format_is_counted(scratch: Scratch) -> None:
    """Time to the hour and a user agent only for /s/: a repeat in the same hour counts once, and a page (no user
    agent) follows the scan from its address."""
    browser = "Mozilla/5.0 (-) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    (scratch.root / "access.log").write_text("".join(f"{address} - - [19/Oct/2026:{hour}:00:00 +0200] "
                                                     f'"GET {path} HTTP/2.0" 200 - "-" "{agent}"\n'
                                                     for address, hour, path, agent in (
        ("203.0.113.0", 10, f"/s/{A}/", browser),
        ("203.0.113.0", 10, f"/s/{A}/", browser),          # the same hour: a repeat
        ("203.0.113.0", 10, "/fr/help/", "-"),             # follows, by address
        ("2001:db8:1:2::", 11, f"/s/{A}/", browser),
        ("2001:db8:1:2::", 12, "/fr/help/", "-"),          # an hour later: follows none
    )), encoding="utf-8")
    result = run("scans", str(scratch.root / "access.log"), "--content", "content")
    assert result.code == 0, result.err
    assert "geteld: 2 scans" in result.out and "1 herhalingen binnen 30 minuten" in result.out
    assert "Na 50% van de scans" in result.out and "0 regels konden niet worden gelezen" in result.out


def test_logrotate_keeps_every_configs_log_for_the_stated_days(served: Path) -> None:
    rotate = (served / "logrotate.conf").read_text(encoding="utf-8")
    assert f"rotate {LOG_DAYS}\n" in rotate and f"maxage {LOG_DAYS}\n" in rotate and f"kept {LOG_DAYS} days" in rotate
    nginx = re.findall(r"(?m)^ *access_log (/\S+) ", (served / "nginx.conf").read_text(encoding="utf-8"))
    apache = re.findall(r"CustomLog \$\{APACHE_LOG_DIR\}(\S+) ", (served / "apache.conf").read_text(encoding="utf-8"))
    assert nginx and apache
    for path in {*nginx, *(f"/var/log/apache2{name}" for name in apache)}:
        assert f"{path} " in rotate or f"{path} {{" in rotate, path
    assert f"roll_keep_for {LOG_DAYS * 24}h" in (served / "Caddyfile").read_text(encoding="utf-8")


def asset_links(output: Path) -> set[str]:
    page = parse(output / "fr" / "help" / "index.html")
    return {str(link["href"]) for link in page.find("link") if link.get("rel") in ("stylesheet", "icon")} | {
        str(script["src"]) for script in page.find("script")}


def test_pages_link_static_files_by_their_fingerprint(scratch: Scratch) -> None:
    """/static/ is cached for a year: a new site.js (or new colours in site.css) must be a new address."""
    theme = scratch.root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    assert scratch.build("--site-only", "--theme", str(theme)).code == 0
    before = asset_links(scratch.output)
    version = re.fullmatch(r"/static/site\.css\?v=([0-9a-f]{12})", next(h for h in before if "site.css" in h))
    assert version and before == {f"/static/site.css?v={version[1]}", f"/static/site.js?v={version[1]}",
                                  "/favicon.ico"}  # 'self': the pages' CSP (img-src 'self') lets the icon load
    assert (scratch.output / "favicon.ico").read_bytes() == (theme / "static" / "favicon.ico").read_bytes()
    with (theme / "static" / "site.js").open("a", encoding="utf-8") as script:
        script.write("\n// a new version\n")
    assert scratch.build("--site-only", "--theme", str(theme)).code == 0
    after = asset_links(scratch.output)
    assert "/favicon.ico" in after and not (after - {"/favicon.ico"}) & before


def test_headers_for_static_hosts_set_each_header_once(served: Path) -> None:
    """Netlify and Cloudflare Pages join the values of a header two matching rules set: Cache-Control is only set
    for /static/, every other header only for /*."""
    rules: dict[str, list[str]] = {}
    for line in (served / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, [])
        elif line.startswith("  "):
            current.append(line.strip())
    assert rules == {"/*": [f"{name}: {value}" for name, value in HEADERS.items()],
                     "/static/*": [f"Cache-Control: {ASSET_CACHE}"]}


@settings(derandomize=True, max_examples=300, deadline=None, database=None)
@given(st.ip_addresses(v=6))
def test_every_ipv6_address_is_cut_to_its_64_bits(address: ipaddress.IPv6Address) -> None:
    """The configs' patterns, read by Python's re (the same PCRE syntax): any address, as servers write it."""
    if address.ipv4_mapped:
        return
    written = address.compressed
    found = [(re.match(rule.pattern, written), rule.replacement) for rule in HOSTING.addresses("python")]
    cuts = [match.expand(replacement) for match, replacement in found if match]
    assert len(cuts) == 1, (written, cuts)
    assert ipaddress.IPv6Address(cuts[0]) == ipaddress.ip_network(f"{address}/64", strict=False).network_address
