"""QR codes with segno: vector for print (in CMYK), PNG for the web, and the neutral path codes.

Each poster gets its own short path (`/s/4kx9m/`) so scans can be counted per poster from the
host's access log, with no cookie and no script. Codes are derived from what the poster is
(station, format, languages), so reprinting never changes them, and reveal nothing of the subject.
"""
from __future__ import annotations

import hashlib
import io
import re

import segno

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""No 0/o, 1/l/i: the code is printed under the QR code and may be typed by hand."""
CODE_LENGTH = 5
QUIET_ZONE = 4
"""Modules of blank margin around the code, as the standard requires."""


def path_code(*parts: str) -> str:
    number = int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")
    code = ""
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        code += ALPHABET[digit]
    return code


def make(url: str, *, logo: bool = False) -> segno.QRCode:
    """Error correction M, or H when a logo covers modules in the middle."""
    return segno.make_qr(url, error="h" if logo else "m", boost_error=False)


def svg_for_print(code: segno.QRCode, ink: str = "device-cmyk(0 0 0 1)") -> str:
    """Inline SVG whose only colour is the given CMYK ink (segno writes RGB; no fill may default to it)."""
    svg = code.svg_inline(dark="#000", light=None, border=QUIET_ZONE, omitsize=True)
    return re.sub(r'stroke="#0+"', f'stroke="{ink}" fill="none"', svg)


def png_for_web(code: segno.QRCode, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()


def svg_file(code: segno.QRCode) -> bytes:
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=QUIET_ZONE, xmldecl=True)
    return buffer.getvalue()


def modules_for(base_url: str) -> int:
    """How many modules wide the code of every poster is: its address is `base_url` + s/<code>/, and a code's
    size depends only on the address's length (all are lower case, so written in the same mode)."""
    return make(f"{base_url}s/{'a' * CODE_LENGTH}/").symbol_size(border=0)[0]
