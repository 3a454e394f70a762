"""The built sample campaign: languages, translations, links, localisation, phone links."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import parse

LANGUAGES = ("nl", "fr", "de", "en")
BASE = "https://blind-betting.example"


def html_pages(output: Path) -> list[Path]:
    """The public pages: everything but the unlinked print preview in print/."""
    return sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "print")


def language_pages(output: Path, lang: str) -> list[Path]:
    return sorted((output / lang).rglob("*.html"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_every_page_with_lang_and_dir(sample_output: Path, lang: str) -> None:
    expected = {"index.html", "help/index.html", "404.html", "about/index.html", "signs/index.html",
                "professionals/index.html", "safety/index.html"} | {
        f"cards/{card}/index.html" for card in ("dream-job", "true-love", "easy-money", "place-to-stay")}
    built = {str(p.relative_to(sample_output / lang)) for p in language_pages(sample_output, lang)}
    assert built == expected
    for page in language_pages(sample_output, lang):
        html = parse(page).find("html")[0]
        assert (html["lang"], html["dir"]) == (lang, "ltr"), page


def alternates(page: Path) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in parse(page).find("link", rel="alternate")}


def url_to_file(output: Path, url: str) -> Path:
    assert url.startswith(BASE + "/"), url
    path = output / url.removeprefix(BASE + "/")
    return path / "index.html" if url.endswith("/") else path


def test_hreflang_sets_are_absolute_reciprocal_and_have_x_default(sample_output: Path) -> None:
    checked = 0
    for page in html_pages(sample_output):
        links = alternates(page)
        if page.name == "404.html" or page.parent == sample_output or page.relative_to(sample_output).parts[0] == "s":
            assert links == {}, f"{page} is not a translatable page"
            continue
        assert set(links) == {*LANGUAGES, "x-default"}, page
        assert links["x-default"] == links["nl"]
        own = links[parse(page).find("html")[0]["lang"]]
        assert url_to_file(sample_output, own) == page, "a page lists itself among its translations"
        for lang in LANGUAGES:
            assert alternates(url_to_file(sample_output, links[lang])) == links, f"{page} ↔ {links[lang]}"
        checked += 1
    assert checked == 4 * 10  # home, 4 cards, help, 4 pages


def test_every_language_switcher_link_resolves_to_an_existing_page(sample_output: Path) -> None:
    for page in html_pages(sample_output):
        nav = parse(page)
        switcher = [a for tag, a in nav.tags if tag == "a" and a.get("hreflang")]
        for link in switcher:
            target = sample_output / link["href"].lstrip("/")
            target = target / "index.html" if link["href"].endswith("/") else target
            assert target.is_file(), f"{page}: {link['href']}"
            assert link["lang"] == link["hreflang"], "each language name carries its own lang"


def test_switcher_links_the_same_page_in_each_language(sample_output: Path) -> None:
    page = parse(sample_output / "fr" / "cards" / "true-love" / "index.html")
    links = {a["hreflang"]: a["href"] for tag, a in page.tags if tag == "a" and a.get("hreflang")}
    assert links == {lang: f"/{lang}/cards/true-love/" for lang in LANGUAGES}
    current = [a for tag, a in page.tags if tag == "a" and a.get("aria-current") == "true"]
    assert [a["hreflang"] for a in current] == ["fr"]


def test_root_page_offers_each_language_by_its_own_name(sample_output: Path) -> None:
    root = parse(sample_output / "index.html")
    links = [a for a in root.find("a") if a.get("hreflang") and not a["href"].endswith("/safety/")]
    assert [(a["href"], a["lang"]) for a in links] == [(f"/{lang}/", lang) for lang in LANGUAGES]
    text = "".join(root.text)
    for name in ("Nederlands", "Français", "Deutsch", "English"):
        assert name in text


def test_sitemap_lists_every_page_with_its_alternates(sample_output: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(sample_output / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    locs = [u.find("s:loc", ns).text for u in urls]
    assert len(locs) == len(set(locs)) == 1 + 4 * 10
    for url in urls[1:]:
        loc = url.find("s:loc", ns).text
        page = url_to_file(sample_output, loc)
        listed = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert listed == alternates(page)
    robots = (sample_output / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def text_of(page: Path) -> str:
    return " ".join(" ".join(parse(page).text).split())


def test_dates_weekdays_and_hours_are_localised_by_babel(sample_output: Path) -> None:
    help_nl = text_of(sample_output / "nl" / "help" / "index.html")
    assert "maandag–vrijdag 09:00–17:00" in help_nl
    assert "lundi–vendredi 09:00 – 17:00" in text_of(sample_output / "fr" / "help" / "index.html")
    assert "Montag–Freitag 09:00–17:00 Uhr" in text_of(sample_output / "de" / "help" / "index.html")
    assert "In de stations: 18–24 okt 2026" in text_of(sample_output / "nl" / "index.html")
    assert "In den Bahnhöfen: 18.–24. Okt. 2026" in text_of(sample_output / "de" / "index.html")
    assert "Dernière mise à jour : 1 septembre 2026" in text_of(sample_output / "fr" / "signs" / "index.html")


def test_theme_strings_and_plurals_come_from_the_catalogs(sample_output: Path) -> None:
    assert "Deze campagne heeft 4 kaarten." in text_of(sample_output / "nl" / "index.html")
    help_de = text_of(sample_output / "de" / "help" / "index.html")
    assert "Wenn du unter 18 bist 1 Dienst" in help_de
    assert "Wenn dir das passiert 4 Dienste" in help_de
    assert "Snel weg" in text_of(sample_output / "nl" / "safety" / "index.html")


def test_phone_links_use_e164_and_bare_short_codes(sample_output: Path) -> None:
    links = {a["href"]: a for a in parse(sample_output / "en" / "help" / "index.html").find("a")}
    assert "tel:116000" in links
    assert "tel:+3225116464" in links
    assert "tel:+3278055800" in links
    assert not [href for href in links if href.startswith("tel:") and "-" in href]


def test_emergency_numbers_are_on_every_page(sample_output: Path) -> None:
    for page in html_pages(sample_output):
        hrefs = {a["href"] for a in parse(page).find("a")}
        assert {"tel:112", "tel:101"} <= hrefs, page


def test_card_has_both_sides_in_html_and_a_hidden_turn_button(sample_output: Path) -> None:
    page = parse(sample_output / "en" / "cards" / "dream-job" / "index.html")
    sides = [a["data-side"] for tag, a in page.tags if a.get("data-side")]
    assert sides == ["promise", "reality"]
    button = page.find("button")[0]
    assert button["type"] == "button" and "hidden" in button, "shown only once the script can turn the card"
    assert page.find("p", role="status"), "the side shown is announced"
    text = text_of(sample_output / "en" / "cards" / "dream-job" / "index.html")
    assert "A modelling job abroad" in text and "There is no job" in text


def test_pages_load_nothing_from_other_sites(sample_output: Path) -> None:
    for page in html_pages(sample_output):
        doc = parse(page)
        for tag, attrs in doc.tags:
            loads = tag in ("script", "img", "iframe", "source") or (tag == "link" and attrs.get("rel") == "stylesheet")
            if loads:
                value = attrs.get("src") or attrs.get("href") or ""
                assert value.startswith("/") and not value.startswith("//"), f"{page}: {tag} {value}"
        csp = doc.find("meta", http_equiv="Content-Security-Policy")
        assert csp and "unsafe-inline" not in csp[0]["content"]
        assert not doc.find("style") and not [a for t, a in doc.tags if t == "script" and not a.get("src")]


def test_outbound_links_are_allowed_and_send_no_referrer(sample_output: Path) -> None:
    from support import SAMPLE

    from campaign.content.load import load_site
    from campaign.content.markdown import domain_allowed
    from campaign.problems import Problems

    campaign = load_site(SAMPLE, Problems()).campaign
    for page in html_pages(sample_output):
        for link in parse(page).find("a"):
            href = link["href"] or ""
            if href.startswith(("http://", "https://", "//")):
                host = href.split("/")[2]
                assert href.startswith("https://") and (
                    domain_allowed(host, campaign.allowed_domains) or href == campaign.quick_exit), f"{page}: {href}"
                assert "noreferrer" in (link.get("rel") or "").split(), f"{page}: {href}"


# --- issue 12: a first screen for help, read right by screen readers --------------------------------------------

def test_every_page_has_one_visible_h1_and_no_title_says_the_campaign_twice(sample_output: Path) -> None:
    for page in html_pages(sample_output):
        html = page.read_text(encoding="utf-8")
        headings = re.findall(r"<h1([^>]*)>(.*?)</h1>", html, re.S)
        assert len(headings) == 1, f"{page}: {len(headings)} h1"
        assert "visually-hidden" not in headings[0][0], f"{page}: the h1 is hidden"
        h1 = re.sub(r"<[^>]+>", "", headings[0][1]).strip()
        h2s = [re.sub(r"<[^>]+>", "", h2).strip() for h2 in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
        assert h1 not in h2s, f"{page}: the h1 is repeated by an h2"
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title.count("Blind Betting") == 1, f"{page}: {title}"


def test_the_main_help_line_opens_every_page_and_each_number_is_named_digit_by_digit(sample_output: Path) -> None:
    for page in html_pages(sample_output):
        doc = parse(page)
        links = [a for a in doc.find("a") if (a.get("href") or "").startswith("tel:")]
        if page.parent != sample_output:  # the root pages: no language chosen yet, so no service's name
            assert links[0]["class"] == "call" and links[0]["href"] == "tel:+3278055800", page
        for link in links:
            assert re.search(r"[\d ]+ – [\d ]+$", link["aria-label"]), link
    en = {a["aria-label"] for a in parse(sample_output / "en" / "help" / "index.html").find("a") if a.get("aria-label")}
    assert {"Call Child Focus: 1 1 6 0 0 0 – 116 000", "Call PAG-ASA: 0 2 5 1 1 6 4 6 4 – 02 511 64 64",
            "Call Emergency numbers: 1 1 2 – 112"} <= en
    fr = {a["aria-label"] for a in parse(sample_output / "fr" / "index.html").find("a") if a.get("aria-label")}
    assert "Appelle Ligne nationale traite des êtres humains : 0 7 8 0 5 5 8 0 0 – 078 05 58 00" in fr


def test_the_root_page_offers_the_quick_exit_and_skip_links_in_every_language(sample_output: Path) -> None:
    """No language is chosen yet on / and its 404: each language's words, in that language's own span."""
    for name in ("index.html", "404.html"):
        html = (sample_output / name).read_text(encoding="utf-8")
        exit_link = re.search(r'<a class="exit"[^>]*>(.*?)</a>', html, re.S).group(1)
        for lang, words in (("nl", "Snel weg"), ("fr", "Sortir vite"), ("de", "Schnell weg"), ("en", "Leave now")):
            assert f'<span lang="{lang}" dir="ltr">{words}</span>' in exit_link, (name, lang)
        skips = re.findall(r'<a class="skip[^"]*"[^>]*>(.*?)</a>', html)
        assert len(skips) == 2
        for skip in skips:
            assert [lang for lang in LANGUAGES if f'lang="{lang}"' in skip] == list(LANGUAGES), skip
        helps = re.findall(r'<a href="/(\w+)/safety/" lang="(\w+)"', html)
        assert helps == [(lang, lang) for lang in LANGUAGES], "each language's explanation of the button, in it"
    root = parse(sample_output / "index.html")
    assert "".join(root.text).count("In danger now?") == 1 and "Nu in gevaar?" in "".join(root.text)
