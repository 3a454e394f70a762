"""What the web server serves and logs, in one place, for every server config the build writes: nginx.conf and
nginx-http.conf, Apache's .htaccess and apache.conf, Caddy's Caddyfile, `_headers` for static hosts, and the
logrotate file that says how long the log is kept. Each template turns this into its server's words.

Readers get the pages, /s/, /static/ and the favicon; never a dotfile, a config file or (unless campaign.yml asks)
the print files. The log keeps what counting scans needs and no more: the path without its query, the status, the
time to the hour, the address cut to /24 (IPv4) or /64 (IPv6), and the user agent (its device part removed) only
for /s/, where bots are told apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .policy import HEADERS

HOST_FILES = ("nginx.conf", "nginx-http.conf", "_headers", ".htaccess", "apache.conf", "Caddyfile", "logrotate.conf")
"""The build's files for the host, in the output beside the site: never served."""
PAGE_CACHE = "public, max-age=300"
"""Pages change when the team publishes: a phone asks again after 5 minutes."""
ASSET_CACHE = "public, max-age=31536000, immutable"
"""/static/ is linked with its content's fingerprint (`?v=`): a new version is a new address."""
LOG_DAYS = 30
"""Days an access log is kept (rotated daily): enough to count a month's scans, then gone."""

H = "[0-9a-f]{1,4}"
IPV6_64 = (
    # (pattern, the first 64 bits written with its groups): IPv6 as servers write it (RFC 5952, lower case,
    # the longest run of zero groups as `::`). The first four groups are written, then `::`.
    (rf"^({H}:{H}:{H}:{H}):", "{1}::"),                                     # the first four groups are written out
    (rf"^((?:{H}(?::{H}){{0,2}})?)::(?:{H}(?::{H}){{0,3}})?$", "{1}::"),    # `::` in them, with as many zeros after
    (rf"^({H}:{H})::({H})(?::{H}){{4}}$", "{1}:0:{2}::"),                   # `::` stands for fewer zeros than ...
    (rf"^({H})::({H})(?::{H}){{4}}$", "{1}:0:0:{2}::"),                     # ... the groups left to fill
    (rf"^({H})::({H}:{H})(?::{H}){{4}}$", "{1}:0:{2}::"),
    (rf"^::({H})(?::{H}){{4}}$", "0:0:0:{1}::"),
    (rf"^::({H}:{H})(?::{H}){{4}}$", "0:0:{1}::"),
    (rf"^::({H}:{H}:{H})(?::{H}){{4}}$", "0:{1}::"),
)
IPV4_24 = (r"^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$", "{1}.0")
"""A.B.C.D, also as IPv4-mapped IPv6 (::ffff:A.B.C.D), → A.B.C.0."""
DEVICE = (r"^Mozilla/5\.0 \([^c)][^)]*\)(.*)$", "Mozilla/5.0 (-){1}")
"""A browser's user agent without its device part (`(iPhone; CPU iPhone OS 17_5 …)`, `(Linux; Android 14; SM-A146B)`):
the phone's model and build go, the browser's name stays; bots write `(compatible; Googlebot…)`, which stays."""


@dataclass(frozen=True)
class Rewrite:
    """A pattern and its replacement, written for one server: nginx names its captures, Apache numbers them."""

    pattern: str
    replacement: str


def rewrites(rules: tuple[tuple[str, str], ...], server: str, name: str) -> list[Rewrite]:
    """The rules in the server's syntax: `nginx` (named captures, unique per map), `apache` ($1) or `python`."""
    written = []
    for index, (pattern, replacement) in enumerate(rules):
        if server == "nginx":
            groups = iter(range(1, 10))
            pattern = re.sub(r"(?<!\\)\((?!\?)", lambda _: f"(?<{name}_{index}_{next(groups)}>", pattern)
            replacement = re.sub(r"\{(\d)\}", lambda m: f"${{{name}_{index}_{m[1]}}}", replacement)
        else:
            replacement = re.sub(r"\{(\d)\}", r"$\1" if server == "apache" else r"\\\1", replacement)
        written.append(Rewrite(pattern, replacement))
    return written


def hidden_pattern(prefix: str, print_on_website: bool, acme: bool = True) -> str:
    """A regex of the paths never served: dotfiles anywhere, the host's files, and print/ unless it is wanted.
    With `acme`, /.well-known/ stays open: Let's Encrypt's webroot challenges are files there (Caddy needs no such
    files, and its regexes have no look-ahead)."""
    files = "|".join(re.escape(name) for name in HOST_FILES)
    dotfile = r"(?:^|/)\.(?!well-known/)" if acme else r"(?:^|/)\."
    pattern = rf"{dotfile}|^{re.escape(prefix)}/(?:{files})$"
    return pattern if print_on_website else pattern + rf"|^{re.escape(prefix)}/print(?:/|$)"


@dataclass(frozen=True)
class Hosting:
    """What the server-config templates see (`hosting` in them)."""

    headers: dict[str, str]
    page_cache: str = PAGE_CACHE
    asset_cache: str = ASSET_CACHE
    log_days: int = LOG_DAYS
    host_files: tuple[str, ...] = HOST_FILES

    def hidden(self, prefix: str, print_on_website: bool, acme: bool = True) -> str:
        return hidden_pattern(prefix, print_on_website, acme)

    def addresses(self, server: str) -> list[Rewrite]:
        return rewrites((IPV4_24, *IPV6_64), server, "campaign_ip")

    def device(self, server: str) -> Rewrite:
        return rewrites((DEVICE,), server, "campaign_ua")[0]


HOSTING = Hosting(HEADERS)
