"""Web addresses in campaign.yml and services.yml: https, and where they may lead.

The campaign's own addresses (`base_url`, `print: qr_base_url`) make every link and QR code, so they carry
nothing else; the quick exit must leave the campaign; links to other sites go only to its allowed domains.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .fields import Fields
from .markdown import CREDENTIALS, credentials, domain_allowed
from .model import Campaign


def https_url(f: Fields, key: str, *, required: bool = False, value: str | None = None) -> str | None:
    text = value if value is not None else f.text(key, required=required, what="an address starting with https://")
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname:
        f.error(key, f'"{text}" must be a full address starting with https://')
        return None
    return text


def site_url(f: Fields, key: str, *, required: bool = False, value: str | None = None) -> str | None:
    """An address the campaign's own pages and QR codes are made from: whatever it carries, every link and every
    printed code would carry too, so no query (`?utm_source=…` would track every scan), fragment or password."""
    url = https_url(f, key, required=required, value=value)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        f.error(key, f'"{url}" contains a user name or password (before the @): every address and QR code would '
                     "show it; give the address without it")
    elif "?" in url:
        f.error(key, f'"{url}" has a query (?{parts.query}): it would be added to every address and every QR code, '
                     "breaking them and tracking whoever scans; give the address without the ? and what follows")
    elif "#" in url:
        f.error(key, f'"{url}" has a fragment (#{parts.fragment}): every address would break on it; give the address '
                     "without the # and what follows")
    else:
        return url
    return None


def quick_exit_url(f: Fields, allowed: tuple[str, ...]) -> str | None:
    """The neutral page the quick exit opens: https, and off the campaign's own site and the sites it links to."""
    url = https_url(f, "quick_exit", required=True)
    if url is None:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    own = next((d for d in allowed if domain_allowed(host, (d.removeprefix("www."),))), None)
    if parts.username is not None or parts.password is not None:
        f.error("quick_exit", f'"{url}" contains a user name or password (before the @): give the address without it')
    elif own:
        where = f"the campaign's own site ({own})" if own == allowed[0] else f"{own}, one of its allowed_domains"
        f.error("quick_exit", f"{url} is on {where}: the quick exit must lead away from the campaign, to a neutral "
                "page with nothing about it (such as a weather forecast), not to pages that show what it should hide")
    else:
        return url
    return None


def outbound_url(f: Fields, key: str, text: str, allowed: tuple[str, ...]) -> str | None:
    url = https_url(f, key, value=text)
    if url and credentials(url):
        f.error(key, f'"{url}" {CREDENTIALS}')
        return None
    if url and not domain_allowed(urlsplit(url).hostname or "", allowed):
        f.error(key, f"{url} is not on one of the campaign's allowed domains ({', '.join(allowed)}): "
                     "add the domain to `allowed_domains` in campaign.yml if it is safe")
        return None
    return url


def outbound_urls(f: Fields, key: str, campaign: Campaign) -> dict[str, str]:
    """A per-language link; each distinct address is checked (and reported) once."""
    texts = f.localised(key, campaign.languages, what="an address starting with https://")
    checked = {text: outbound_url(f, key, text, campaign.allowed_domains) for text in dict.fromkeys(texts.values())}
    return {lang: url for lang, text in texts.items() if (url := checked[text])}
