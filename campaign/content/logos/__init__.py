"""Partner logos: read as untrusted SVG, written out again as plain drawing with every colour as #rrggbb.

Logos arrive by e-mail. An SVG is a program as much as a picture: it can hold scripts, load
images from other sites or files on the computer, define entities that expand to gigabytes, or
be something else renamed to .svg. So each logo named in campaign.yml is

- parsed by a hardened XML parser: no DTD, no entities, no network, no huge trees;
- refused, naming the file, line and what to ask the partner for, when it holds a script, an
  event attribute, web page content (`foreignObject`), a reference to anything outside itself
  (another site, a `file:`, another file), or a picture that is large or in colour;
- rebuilt from an allow-list of drawing elements and attributes (editors' private data is left
  out; other SVG features that print cannot use are left out with a warning);
- given plain colours: `style` attributes and `<style>` sheets become presentation attributes,
  and every colour (`#abc`, `rgb()`, `hsl()`, named, `currentColor`, gradient stops) becomes
  `#rrggbb`, with any transparency moved to an opacity attribute. Print turns them into CMYK.

Ids are prefixed with the logo's name, so two logos on one poster cannot use each other's
gradients. The result is stored in the model (`Partner.svg`): print never reads the file.

The steps, in the order clean_logo takes them: reading.py, styles.py, rebuild.py (references.py checks what
it points at), colours.py, finish.py; svg.py holds the allow-lists and what the cleaning found.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...problems import Problems
from ..regular import read_regular
from .colours import colours_in, give_plain_colours
from .finish import finish, serialise
from .reading import parse
from .rebuild import rebuild
from .styles import style_sheets
from .svg import DRAWING, SVG, Cleaning, Refused

__all__ = ["DRAWING", "SVG", "clean_logo", "colours_in"]


def clean_logo(path: Path, problems: Problems) -> str | None:
    """The logo as a cleaned SVG string, or None after reporting why it cannot be printed."""
    try:
        data = read_regular(path)
    except OSError as exc:
        problems.error(path, None, "logo", f"cannot be read ({exc.strerror}): save the logo again and check the file")
        return None
    cleaning = Cleaning(path, "logo-" + (re.sub(r"[^a-zA-Z0-9]+", "-", path.stem).strip("-").lower() or "x") + "-")
    try:
        root = parse(data, cleaning)
        clean = rebuild(root, style_sheets(root, cleaning), cleaning)
    except Refused as exc:
        problems.error(path, exc.args[1], "logo", exc.args[0])
        return None
    give_plain_colours(clean, cleaning)
    if cleaning.refusals:
        cleaning.report(problems)
        return None
    finish(clean, cleaning, problems)
    return serialise(clean)

