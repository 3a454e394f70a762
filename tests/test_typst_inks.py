"""A logo's colours as Typst writes them (ICC-based sRGB and gray, DeviceRGB, DeviceGray) set again as the output
profile's CMYK (campaign/print/typst/inks.py): each colour as colour.Inks converts it, in the order painted, the
template's own CMYK untouched, and nothing left that a PDF/X-1a preflight refuses."""
from __future__ import annotations

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CACHE, PROJECT

from campaign.print.colour import Inks, inks_for
from campaign.print.preflight import content_problems
from campaign.print.typst.inks import as_inks

Paint = tuple[bool, str, tuple[int, ...], bool]
"""(fill, how it is set: icc-rgb, icc-gray, rg, g or cmyk, its values out of 255, inside q … Q)."""


@pytest.fixture(scope="module")
def inks() -> Inks:
    from campaign.print.assets import output_profile
    from campaign.publish.cache import Cache

    return inks_for(output_profile(PROJECT / "campaign_assets", Cache(CACHE / "print")).path)  # made once if need be


def page_with(content: bytes) -> pikepdf.Pdf:
    """A page whose resources name an ICC-based RGB space c0 and gray space c1, as Typst's pages do."""
    pdf = pikepdf.new()
    spaces = {"/c0": pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"", N=3)]),
              "/c1": pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"", N=1)])}
    pdf.add_blank_page(page_size=(100, 100))
    pdf.pages[0].Resources = pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(spaces))
    pdf.pages[0].Contents = pdf.make_stream(content)
    return pdf


def number(value: int) -> str:
    return f"{value / 255:.8g}"


def written(paint: Paint) -> str:
    fill, how, values, saved = paint
    ops = {"icc-rgb": f"/c0 {'cs' if fill else 'CS'} {{}} {'scn' if fill else 'SCN'}",
           "icc-gray": f"/c1 {'cs' if fill else 'CS'} {{}} {'scn' if fill else 'SCN'}",
           "rg": "{} " + ("rg" if fill else "RG"), "g": "{} " + ("g" if fill else "G"),
           "cmyk": "{} " + ("k" if fill else "K")}[how]
    body = ops.format(" ".join(number(v) for v in values)) + (" 0 0 10 10 re f" if fill else " 0 0 10 10 re S")
    return f"q {body} Q" if saved else body


def expected(paint: Paint, inks: Inks) -> tuple[str, tuple[float, ...]]:
    fill, how, values, _saved = paint
    if how == "cmyk":
        return ("k" if fill else "K"), tuple(round(v / 255, 3) for v in values)
    rgb = values * 3 if len(values) == 1 else values
    return ("k" if fill else "K"), tuple(inks.cmyk("#" + "".join(f"{v:02x}" for v in rgb)))


def painted(pdf: pikepdf.Pdf) -> list[tuple[str, tuple[float, ...]]]:
    return [(str(op), tuple(round(float(v), 3) for v in operands))
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) in ("k", "K")]


channel = st.integers(0, 255)
paints = st.one_of(
    st.tuples(st.booleans(), st.sampled_from(["icc-rgb", "rg"]), st.tuples(channel, channel, channel), st.booleans()),
    st.tuples(st.booleans(), st.sampled_from(["icc-gray", "g"]), st.tuples(channel), st.booleans()),
    st.tuples(st.booleans(), st.just("cmyk"), st.tuples(channel, channel, channel, channel), st.booleans()))


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.lists(paints, min_size=1, max_size=12))
def test_every_colour_is_set_as_the_profiles_cmyk_in_the_order_painted(inks: Inks, drawn: list[Paint]) -> None:
    pdf = page_with(" ".join(written(paint) for paint in drawn).encode())
    as_inks(pdf, inks)
    assert painted(pdf) == [expected(paint, inks) for paint in drawn]
    assert content_problems(pdf, 4.0) == []
    assert "/ColorSpace" not in pdf.pages[0].Resources or not dict(pdf.pages[0].Resources.ColorSpace), \
        "the RGB and gray spaces nothing sets any more are gone"


def test_a_space_restored_by_q_is_followed(inks: Inks) -> None:
    """`Q` restores the space `q` saved: a colour set after it is in the space set before the `q`."""
    pdf = page_with(b"/c0 cs q 0 0 0 1 k 0 0 1 1 re f Q 0.11372549 0.4392157 0.72156864 scn 0 0 1 1 re f")
    as_inks(pdf, inks)
    assert painted(pdf) == [("k", (0, 0, 0, 1)), ("k", inks.cmyk("#1d70b8"))]


def test_greys_print_on_black_only(inks: Inks) -> None:
    """A logo's grey, whichever way Typst writes it, is a tint of black, as colour.Inks makes every neutral."""
    pdf = page_with(b"/c1 cs 0.33333334 scn 0 0 1 1 re f 0.33333334 g 0 0 1 1 re f "
                    b"/c0 cs 0.33333334 0.33333334 0.33333334 scn 0 0 1 1 re f")
    as_inks(pdf, inks)
    found = painted(pdf)
    assert len(set(found)) == 1 and found[0][1][:3] == (0, 0, 0) and 0 < found[0][1][3] < 1


def test_a_form_xobjects_colours_are_converted_too(inks: Inks) -> None:
    """Typst may draw an SVG inside a form of the page's: its content and resources are converted alike."""
    pdf = page_with(b"/x0 Do")
    form = pdf.make_stream(b"/c0 cs 1 0 0 scn 0 0 1 1 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 10, 10], Resources=pikepdf.Dictionary(ColorSpace=pdf.pages[0].Resources.ColorSpace))
    pdf.pages[0].Resources.XObject = pikepdf.Dictionary({"/x0": form})
    as_inks(pdf, inks)
    assert [(str(op), tuple(round(float(v), 3) for v in operands)) for operands, op in pikepdf.parse_content_stream(form)
            if str(op) in ("k", "cs", "scn")] == [("k", inks.cmyk("#ff0000"))]
    assert content_problems(pdf, 4.0) == []


def test_a_page_without_a_logo_is_left_as_it_is(inks: Inks) -> None:
    pdf = page_with(b"0 0.9 0.36 0.49 k 0 0 1 1 re f")
    del pdf.pages[0].Resources["/ColorSpace"]
    before = pdf.pages[0].Contents.read_bytes()
    as_inks(pdf, inks)
    assert pdf.pages[0].Contents.read_bytes() == before
