"""What the site promises its readers, in one place: the Content-Security-Policy of every page
and the HTTP headers hosts should send. Pages carry the policy as a meta tag (static hosting);
`_headers` and `nginx.conf` in the output give hosts the headers a meta tag cannot.
"""
from __future__ import annotations

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'none'; base-uri 'none'; form-action 'none'")
"""Everything from the site itself, nothing inline, nothing from anywhere else."""

HEADERS = {
    "Content-Security-Policy": CSP + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=31536000",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
"""For every response. frame-ancestors cannot be set by a meta tag, so it is only here."""
