"""Partner logos are untrusted: each kind of trick is refused with the file, line and what to ask the partner
for; what is kept is plain drawing with every colour as #rrggbb."""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from campaign.content.logos import clean_logo, colours_in
from campaign.problems import Problems

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 10">\n'
ASK = "ask the partner for a plain SVG logo without scripts or linked images"
PICTURE_ASK = "ask the partner for the logo as vector art: an SVG without pictures in it"


def clean(tmp_path: Path, text: str | bytes, name: str = "partner.svg") -> tuple[str | None, list[str]]:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    problems = Problems()
    svg = clean_logo(path, problems)
    return svg, [("error: " if p.error else "warning: ") + p.render(tmp_path) for p in problems.items]


def picture(mode: str, size: tuple[int, int] = (4, 4), kind: str = "PNG") -> str:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, kind)
    return f"data:image/{kind.lower()};base64," + base64.b64encode(buffer.getvalue()).decode()


REFUSED = {
    "a script": (HEAD + "<script>alert(1)</script>\n</svg>",
                 [f"error: partner.svg:2: logo: contains a script (<script>): {ASK}"]),
    "event attributes": (HEAD + '<rect width="1" height="1" onclick="x()"/>\n<g onload="y()"/>\n</svg>',
                         [f"error: partner.svg:2: logo: has an event attribute (onclick=…), which runs a script "
                          f"(and 1 more like it): {ASK}"]),
    "an image from another site": (HEAD + '<image href="http://127.0.0.1:9/x.png" width="1" height="1"/>\n</svg>',
                                   ["error: partner.svg:2: logo: loads something from another site "
                                    f"(http://127.0.0.1:9/x.png), which the build never fetches: {ASK}"]),
    "a file on the computer": (HEAD + '<image xlink:href="file:///etc/passwd"/>\n</svg>',
                               [f"error: partner.svg:2: logo: refers to a file on a computer (file:///etc/passwd): {ASK}"]),
    "another file": (HEAD + '<use href="other.svg#shape"/>\n</svg>',
                     [f"error: partner.svg:2: logo: refers to another file (other.svg#shape) instead of holding its "
                      f"drawing: {ASK}"]),
    "web content": (HEAD + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>\n</svg>',
                    ["error: partner.svg:2: logo: contains web page content (<foreignObject>), which can hold anything: "
                     f"{ASK}"]),
    "a style sheet that loads from a site": (
        HEAD + "<style>@import url(https://evil.example/a.css); .a { fill: url(https://evil.example/g.svg#g) }</style>\n"
        '<rect class="a" width="1" height="1"/>\n</svg>',
        ["error: partner.svg:2: logo: loads something from another site (https://evil.example/a.css), which the "
         f"build never fetches (and 1 more like it): {ASK}",
         f"error: partner.svg:2: logo: its style sheet imports another file (@import): {ASK}"]),
    "a style attribute that loads from a site": (
        HEAD + '<rect style="fill: url(\'https://evil.example/g.svg#g\')" width="1" height="1"/>\n</svg>',
        ["error: partner.svg:2: logo: loads something from another site (https://evil.example/g.svg#g), which the "
         f"build never fetches: {ASK}"]),
    "a link that runs a script": (HEAD + '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>\n</svg>',
                                  [f"error: partner.svg:2: logo: has a link that runs a script: {ASK}"]),
    "XInclude": (HEAD + '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>\n</svg>',
                 ["error: partner.svg:2: logo: contains an instruction to include another file (XInclude): " + ASK]),
    "entities that read a file": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>',
        ["error: partner.svg:1: logo: defines its own entities (<!ENTITY …> in its DOCTYPE), which can make it read "
         "other files or grow without end: ask the partner to export the logo again as plain SVG"]),
    "entities that grow without end": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>',
        ["error: partner.svg:1: logo: defines its own entities (<!ENTITY …> in its DOCTYPE), which can make it read "
         "other files or grow without end: ask the partner to export the logo again as plain SVG"]),
    "a PNG named .svg": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                         ["error: partner.svg: logo: is a PNG picture, not an SVG file, although it is named .svg: ask "
                          "the partner for the logo as an SVG file (vector art), exported from the drawing program"]),
    "a PDF named .svg": (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n",
                         ["error: partner.svg: logo: is a PDF file (perhaps an Illustrator file), not an SVG file, "
                          "although it is named .svg: ask the partner for the logo as an SVG file (vector art), "
                          "exported from the drawing program"]),
    "text named .svg": ("Our logo is attached.\n",
                        ["error: partner.svg:1: logo: cannot be read as SVG (Start tag expected, '<' not found, line 1, "
                         "column 1): it is damaged or not an SVG file; ask the partner to export the logo again as SVG"]),
    "a web page named .svg": ("<html><body><script>alert(1)</script></body></html>",
                              ["error: partner.svg:1: logo: is not an SVG file (it is XML of another kind, <html>): ask "
                               "the partner for the logo as an SVG file"]),
    "a large photo inside": (HEAD + f'<image href="{picture("L", (600, 600))}"/>\n</svg>',
                             ["error: partner.svg:2: logo: embeds a picture of 600 × 600 pixels: a logo must be vector "
                              f"art: {PICTURE_ASK}"]),
    "a colour picture inside": (HEAD + f'<image href="{picture("RGB")}"/>\n</svg>',
                                ["error: partner.svg:2: logo: embeds a colour picture (4 × 4 pixels), which would print "
                                 f"in RGB, not in the printer's inks: {PICTURE_ASK}"]),
    "another SVG inside": (HEAD + '<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>\n</svg>',
                           ["error: partner.svg:2: logo: embeds something that is not a PNG, JPEG or GIF picture "
                            f"(data:image/svg+xml;base64): {PICTURE_ASK}"]),
    "a colour nobody can print": (HEAD + '<rect width="1" height="1" fill="lab(50 20 30)"/>\n</svg>',
                                  ["error: partner.svg:2: logo: uses a colour the build cannot read (lab(50 20 30)): ask "
                                   "the partner for the logo with its colours in hex or RGB (or CMYK values to print it "
                                   "exactly)"]),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_logo_that_tries_something_is_refused(tmp_path: Path, case: str) -> None:
    text, expected = REFUSED[case]
    svg, messages = clean(tmp_path, text)
    assert (svg, messages) == (None, expected)


def test_a_small_grey_picture_may_stay(tmp_path: Path) -> None:
    svg, messages = clean(tmp_path, HEAD + f'<image href="{picture("L")}" width="4" height="4"/>\n</svg>')
    assert messages == [] and svg and "data:image/png;base64," in svg


ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" x="0px" y="0px" width="40mm" height="10mm"
     color="rgb(0, 128, 0)" xml:space="preserve">
<sodipodi:namedview pagecolor="#ffffff"/>
<title>Partner logo #1</title>
<style type="text/css">
  .st0{fill:#1D70B8;}
  rect.st1 { stroke: hsl(0, 100%, 50%); stroke-width: 2 }
  #dot { fill: red }
</style>
<defs>
  <linearGradient id="SVGID_1_"><stop offset="0" style="stop-color:rebeccapurple"/><stop offset="1"/></linearGradient>
</defs>
<rect class="st0 st1" width="40" height="10" fill="yellow" data-name="Layer 1"/>
<rect width="4" height="4" style="fill: rgba(255, 0, 0, 0.5)" fill-opacity="0.5"/>
<circle id="dot" cx="5" cy="5" r="4" fill="blue"/>
<circle cx="9" cy="5" r="1" fill="currentColor"/>
<path d="M0 0h10v10z" fill="url(#SVGID_1_) white"/>
<rect width="1" height="1" fill="#abc" stroke="transparent"/>
<text x="1" y="8" fill="Black">Call <tspan fill="#ABCDEF">#123</tspan> now</text>
</svg>
"""


def test_every_colour_becomes_hex_and_only_drawing_is_kept(tmp_path: Path) -> None:
    svg, messages = clean(tmp_path, ILLUSTRATOR)
    assert messages == ["warning: partner.svg: logo: has colour gradients or patterns: posters print each gradient as "
                        "one flat colour (and leave patterns out); check the logo on a poster preview, or ask the "
                        "partner for a version in flat colours"]
    assert svg is not None
    root = etree.fromstring(svg.encode())
    shapes = [e for e in root.iter() if etree.QName(e).localname in ("rect", "circle", "path", "stop", "text", "tspan")]
    found = [(etree.QName(e).localname, {k: v for k, v in e.attrib.items()
                                         if k in ("fill", "stroke", "stop-color", "fill-opacity")}) for e in shapes]
    assert found == [
        ("stop", {"stop-color": "#663399"}),                    # a named colour in a style attribute
        ("stop", {"stop-color": "#000000"}),                    # black by default, made explicit
        ("rect", {"fill": "#1d70b8", "stroke": "#ff0000"}),     # the style sheet beats the attribute; hsl()
        ("rect", {"fill": "#ff0000", "fill-opacity": "0.25"}),  # style="" beats the attribute; rgba's alpha
        ("circle", {"fill": "#ff0000"}),                        # an id selector
        ("circle", {"fill": "#008000"}),                        # currentColor: the logo's own color=""
        ("path", {"fill": "url(#logo-partner-SVGID_1_) #ffffff"}),  # a gradient, with its fallback
        ("rect", {"fill": "#aabbcc", "stroke": "none"}),        # #abc and transparent
        ("text", {"fill": "#000000"}),
        ("tspan", {"fill": "#abcdef"}),
    ]
    assert all(re.fullmatch(r"#[0-9a-f]{6}|none|url\(#logo-partner-[^)]+\)( #[0-9a-f]{6})?", c) for c in colours_in(svg))
    assert root.get("fill") == "#000000", "black by default, made explicit on the whole logo"
    assert root.get("viewBox") == "0 0 151.181 37.7953", "a viewBox from its size in mm"
    assert "sodipodi" not in svg and "style" not in svg and "class=" not in svg and "title" not in svg
    assert "Call <tspan" in svg and "#123</tspan>" in svg, "text kept as it is"


def test_ids_are_prefixed_so_two_logos_cannot_share_a_gradient(tmp_path: Path) -> None:
    text = HEAD + ('<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>\n'
                   '<rect width="1" height="1" fill="url(#g)"/><use href="#g"/><rect fill="url(#nowhere)"/>\n</svg>')
    svg, _ = clean(tmp_path, text, "Myria Logo.svg")
    assert 'id="logo-myria-logo-g"' in svg and 'fill="url(#logo-myria-logo-g)"' in svg
    assert 'href="#logo-myria-logo-g"' in svg and 'fill="none"' in svg


def test_what_print_cannot_use_is_left_out_with_a_warning(tmp_path: Path) -> None:
    text = HEAD + ('<filter id="f"><feGaussianBlur stdDeviation="2"/></filter>\n<rect width="1" height="1" '
                   'filter="url(#f)"/><animate attributeName="href" to="javascript:alert(1)"/>\n</svg>')
    svg, messages = clean(tmp_path, text)
    assert svg is not None and "filter" not in svg and "animate" not in svg
    assert messages == ["warning: partner.svg: logo: left out of the print: <animate>, <filter>; check the logo on a "
                        "poster preview (print/previews/)"]


def test_a_logo_that_draws_nothing_warns(tmp_path: Path) -> None:
    svg, messages = clean(tmp_path, HEAD + "<g/></svg>")
    assert messages == ["warning: partner.svg: logo: draws nothing: the partner's name is not printed either; ask the "
                        "partner for the logo again"]
