"""Station posters laid out by Typst (campaign/print/typst/): the sample's and a
campaign of every shape, left to right and right to left, checked from the files alone — print-ready
(check_pdf), PDF 1.4 without object streams, every word inside the trim's safe margin, the QR code decoded,
and the main help line's number printed larger than the address under the QR code and the partners' names."""
from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import re
from collections.abc import Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pdfs import Word, decoded, words
from shapes import BASE_URL, HELPLINE, manifest, poster_problems, write_campaign
from support import CACHE, SAMPLE, run

from campaign.print.colour import ink_limit
from campaign.print.preflight import check_pdf

SHAPES = [  # every layout, right to left too
    {"id": "utrecht-centraal", "languages": ["nl", "en"], "formats": [{"name": "a1", "width_mm": 594, "height_mm": 841}]},
    {"id": "zwolle", "languages": ["ar", "nl"], "formats": [{"name": "wide", "width_mm": 1200, "height_mm": 800}]},
    {"id": "rotterdam-centraal", "languages": ["ar"], "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 300}]},
    {"id": "amersfoort", "languages": ["nl", "en"], "formats": [{"name": "strip", "width_mm": 3000, "height_mm": 400}]},
    {"id": "schiphol", "languages": ["nl"], "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55}]},
    {"id": "den-haag-centraal", "languages": ["ar"],
     "formats": [{"name": "flyer", "width_mm": 105, "height_mm": 148, "viewing_distance_m": 0.5}]},
    {"id": "sloterdijk", "languages": ["nl"], "formats": [{"name": "48-sheet", "width_mm": 6096, "height_mm": 3048}]},
    {"id": "arnhem", "languages": ["zh-Hans"], "formats": [{"name": "a1", "width_mm": 594, "height_mm": 841}]},
]
SAMPLE_HELPLINE = "078 05 58 00"
SAMPLE_PARTNERS = ("Myria", "PAG-ASA", "Payoke")


def typst_build(content: Path, output: Path) -> Path:
    result = run("--content", str(content), "--output", str(output), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return output


@pytest.fixture(scope="session")
def typst_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return typst_build(SAMPLE, tmp_path_factory.mktemp("typst-sample") / "output")


@pytest.fixture(scope="session")
def typst_shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typst-shapes")
    return typst_build(write_campaign(root, SHAPES), root / "output")


def posters(output: Path) -> list[dict[str, str]]:
    return [row for row in manifest(output) if row["kind"] == "poster"]


def limit() -> float:
    return ink_limit(next(CACHE.glob("**/fogra39-*")))


def height(found: list[Word], text: str) -> float:
    """The tallest word box among the words of `text` (poppler boxes a word by its font's ascent and descent: in
    the same font, its height is proportional to the size)."""
    parts = set(text.split())
    heights = [word.y1 - word.y0 for word in found if word.text in parts]
    assert heights, f"{text!r} is not printed"
    return max(heights)


@pytest.mark.parametrize("built", ["typst_sample", "typst_shapes"])
def test_every_typst_poster_is_print_ready_pdf_14(built: str, request: pytest.FixtureRequest) -> None:
    output = request.getfixturevalue(built)
    rows = posters(output)
    assert rows
    for row in rows:
        pdf = output / "print" / row["file"]
        assert check_pdf(pdf, limit()) == [], row["file"]
        with pikepdf.open(pdf) as document:
            assert "Typst" in str(document.docinfo.get("/Creator", "")), row["file"]
            assert document.pdf_version == "1.4", row["file"]
            assert not [o for o in document.objects if isinstance(o, pikepdf.Stream) and o.get("/Type") == "/ObjStm"]
            assert document.Root.OutputIntents[0].S == "/GTS_PDFX"


def test_fonts_are_embedded_in_a_pdf_14_form_and_each_subset_has_its_own_tag(typst_sample: Path,
                                                                            typst_shapes: Path) -> None:
    """A print house gangs files on one sheet and its RIP caches fonts by name: one subset tag (`ABCDEF+Font`) must
    never name two different subsets across products. CJK (CFF) fonts as bare CFF, not OpenType (PDF 1.6)."""
    programs: dict[str, set[bytes]] = {}
    forms = set()
    for output in (typst_sample, typst_shapes):
        for row in posters(output):
            with pikepdf.open(output / "print" / row["file"]) as pdf:
                for font in pdf.pages[0].Resources.Font.values():
                    for part in font.get("/DescendantFonts", [font]):
                        descriptor = part.FontDescriptor
                        key = next(key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor)
                        forms.add((key, str(descriptor[key].get("/Subtype", ""))))
                        programs.setdefault(str(part.BaseFont), set()).add(descriptor[key].read_bytes())
    assert {tag: len(found) for tag, found in programs.items() if len(found) > 1} == {}
    assert forms == {("/FontFile2", ""), ("/FontFile3", "/CIDFontType0C")}, "TrueType, and CJK as bare CFF"
    assert any("CJK" in tag for tag in programs)


def test_every_shape_reads_right_from_its_file(typst_shapes: Path) -> None:
    """Trim, fonts, every word inside the safe margin and over no other, numbers in dialling order, the code
    decoded and a tenth of the viewing distance wide (tests/shapes.py), for every layout in both directions."""
    found = {row["file"]: poster_problems(typst_shapes, row) for row in posters(typst_shapes)}
    assert {file: problems for file, problems in found.items() if problems} == {}
    assert len(found) == len(SHAPES)


def test_the_help_line_is_louder_than_the_address_on_every_shape(typst_shapes: Path) -> None:
    address = BASE_URL.removeprefix("https://").split("/")[0]
    for row in posters(typst_shapes):
        placed = words(typst_shapes / "print" / row["file"])
        url = [word for word in placed if address in word.text]
        assert url, row["file"]
        assert height(placed, HELPLINE) > max(word.y1 - word.y0 for word in url), row["file"]


def test_the_help_line_is_louder_than_the_address_and_the_partners_on_the_sample(typst_sample: Path) -> None:
    for row in posters(typst_sample):
        placed = words(typst_sample / "print" / row["file"])
        number = height(placed, SAMPLE_HELPLINE)
        url = [word.y1 - word.y0 for word in placed if "blind-betting" in word.text]
        assert url and number > max(url), row["file"]
        partners = [height(placed, name) for name in SAMPLE_PARTNERS]
        assert number > max(partners), row["file"]


LATIN = re.compile(r"[0-9A-Za-zÀ-ÿ'’.,:;()·–-]+")
"""Words set in Noto Sans (Latin letters, digits): their boxes compare their sizes (other scripts' fonts box taller)."""


def louder_words(content: Path) -> set[str]:
    """The words allowed to be larger than the help line's number: the campaign's name and the cards' titles."""
    campaign = yaml.safe_load((content / "campaign.yml").read_text(encoding="utf-8"))
    names = campaign["name"] if isinstance(campaign["name"], dict) else {"": campaign["name"]}
    titles = [line[3:] for card in (content / "cards").glob("*.md")
              for line in card.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    return {word for text in [*names.values(), *titles] for word in text.split()}


@pytest.mark.parametrize("built, content, number", [("typst_sample", SAMPLE, SAMPLE_HELPLINE),
                                                    ("typst_shapes", None, HELPLINE)])
def test_the_help_number_is_the_largest_text_after_the_name_and_the_titles(built: str, content: Path | None,
                                                                          number: str,
                                                                          request: pytest.FixtureRequest) -> None:
    """On every layout, read from the word boxes: no word but the campaign's name, the cards' titles and the
    emergency number (as large: both must be dialled) is as large as the main help line's number."""
    output = request.getfixturevalue(built)
    allowed = louder_words(content or output.parent / "content")
    for row in posters(output):
        placed = words(output / "print" / row["file"])
        loudest = height(placed, number)
        louder = {word.text: round(word.y1 - word.y0, 1) for word in placed
                  if LATIN.fullmatch(word.text) and word.text not in allowed and word.y1 - word.y0 > loudest * 1.001
                  or not any(c.isdigit() for c in word.text) and LATIN.fullmatch(word.text)
                  and word.text not in allowed and word.y1 - word.y0 >= loudest * 0.999}
        assert louder == {}, (row["file"], round(loudest, 1), louder)


def test_the_sample_posters_decode_and_keep_their_words_inside_the_trim(typst_sample: Path) -> None:
    for row in posters(typst_sample):
        pdf = typst_sample / "print" / row["file"]
        assert [code.text for code in decoded(pdf, 20)] == [row["url"]], row["file"]
        with pikepdf.open(pdf) as document:
            x0, y0, x1, y1 = (float(v) for v in document.pages[0].TrimBox)
            top = float(document.pages[0].MediaBox[3])
        for word in words(pdf):
            assert x0 <= word.x0 and word.x1 <= x1 and top - y1 <= word.y0 and word.y1 <= top - y0, word


def test_the_right_to_left_posters_are_mirrored(typst_shapes: Path) -> None:
    """Arabic first: the QR code on the left half, and the help numbers to its right."""
    for row in posters(typst_shapes):
        if not row["languages"].startswith("ar") or row["format"] == "flyer":
            continue
        pdf = typst_shapes / "print" / row["file"]
        code = decoded(pdf, 30)[0].position
        with pikepdf.open(pdf) as document:
            middle = float(document.pages[0].MediaBox[2]) / 2 * 30 / 72
        number = [word for word in words(pdf) if word.text == HELPLINE.split()[0]][0]
        assert code.top_left.x < middle, row["file"]
        assert number.x0 * 30 / 72 > code.top_right.x, row["file"]


WORDS = {  # real words of the scripts the sample's and the test campaigns' posters print, short to very long
    "fr": "un job de mannequin à l'étranger photographe réservation exploitation administration".split(),
    "nl": "werk in het buitenland paspoort afgepakt Rundumsorglosversprechungsgeschenkpaket uitbuiting".split(),
    "ar": "يأخذون جواز سفرك عند وصولك والذنب ليس ذنبك الاستغلال".split(),
}


@functools.cache
def sample_posters() -> tuple[Any, list[Any]]:
    """In the worker: the sample's studio and its bilingual (fr + nl) posters."""
    from campaign.content.load import load_site
    from campaign.print.artwork import Studio
    from campaign.print.assets import font_faces
    from campaign.print.posters import plan_print
    from campaign.problems import Problems

    site = load_site(SAMPLE, Problems(), SAMPLE.parent / "campaign_assets")
    assert site is not None
    studio = Studio(site, SAMPLE.parent / "theme", font_faces(site.assets), next(CACHE.glob("**/fogra39-*")))
    return studio, [job for job in plan_print(site).jobs if job.kind == "poster" and job.languages == ("fr", "nl")]


def poster_in_worker(index: int, title: str, body: str, pdf: Path) -> tuple[dict[str, Any], str | None]:
    """In the worker: the bilingual poster `index` laid out by Typst with the French card's reality side replaced,
    written to `pdf`. Returns its safe area and reality box (mm) and the card's file; and the message if refused."""
    from campaign.content.model import Side
    from campaign.print import qr
    from campaign.print.pdf import TextDoesNotFit
    from campaign.print.poster_artwork import poster_artwork
    from campaign.print.typst.engine import TypstPosters

    studio, jobs = sample_posters()
    job = jobs[index % len(jobs)]
    card = studio.card(job.card, "fr")
    studio.cards[job.card, "fr"] = dataclasses.replace(card, reality=Side(title, body))
    try:
        code = qr.make(job.url)
        art = poster_artwork(studio, job, code)
        found = {"card": str(card.path), "safe": dataclasses.astuple(art.safe),
                 "reality": dataclasses.astuple(art.areas["reality"])}
        pdf.write_bytes(TypstPosters(studio).render(art, code).data)
        return found, None
    except TextDoesNotFit as exc:
        return {"card": str(card.path)}, exc.problem.render()
    finally:
        studio.cards[job.card, "fr"] = card


@pytest.fixture(scope="module")
def typst_worker() -> Iterator[Pool]:
    """Typst never runs in the test process: a process that compiled with it forks build workers that hang."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        yield pool


@settings(derandomize=True, max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_card_text_fits_inside_the_poster_or_names_its_file(typst_worker: Pool, tmp_path: Path,
                                                                data: st.DataObject) -> None:
    """Card texts from one word to a long essay, in French, Dutch (with a 38-letter compound) and Arabic, on every
    format of a bilingual station: a poster whose every word lies inside the trim's safe area with the help line
    louder than the address, or a message naming the card's file that does not fit."""
    index = data.draw(st.integers(0, 2), label="poster")
    lang = data.draw(st.sampled_from(list(WORDS)), label="words of")
    text = lambda low, high: " ".join(data.draw(st.lists(st.sampled_from(WORDS[lang]), min_size=low, max_size=high)))
    pdf = tmp_path / "poster.pdf"
    found, refused = typst_worker.apply(poster_in_worker, (index, text(1, 14), f"<p>{text(0, 200)}</p>", pdf))
    if refused:
        assert found["card"] in refused and "does not fit" in refused
        event("does not fit")
        return
    event("printed")
    placed = words(pdf)
    px = 72 / 25.4
    x, y, w, h = found["safe"]
    for word in placed:
        assert x * px - 1 <= word.x0 and word.x1 <= (x + w) * px + 1, word
        assert y * px - 1 <= word.core[0] and word.core[1] <= (y + h) * px + 1, word
    url = [word.y1 - word.y0 for word in placed if "blind-betting" in word.text]
    assert height(placed, SAMPLE_HELPLINE) > max(url)


def test_an_essay_on_a_card_stops_in_the_compile_and_names_the_file(typst_worker: Pool, tmp_path: Path) -> None:
    """The template gives up at the smallest size (a panic the engine turns into the comms team's message)."""
    essay = "<p>" + "une phrase longue et lente " * 2000 + "</p>"
    found, refused = typst_worker.apply(poster_in_worker, (0, "Un titre", essay, tmp_path / "poster.pdf"))
    assert refused and found["card"] in refused
    assert "the reality side (fr-nl) does not fit" in refused and "even at the smallest size" in refused


def test_a_word_wider_than_its_box_shrinks_the_text_instead_of_running_out(typst_worker: Pool, tmp_path: Path) -> None:
    """Typst lets a word too long for its line run out of the box: the fitting measures the longest words too."""
    word = "Rundumsorglosversprechungsgeschenkpaket" * 2
    found, refused = typst_worker.apply(poster_in_worker, (0, word, "<p>Kort.</p>", tmp_path / "poster.pdf"))
    assert refused is None
    x, _y, w, _h = found["reality"]
    printed = [found for found in words(tmp_path / "poster.pdf") if found.text == word]
    assert printed and all(x * 72 / 25.4 <= p.x0 and p.x1 <= (x + w) * 72 / 25.4 for p in printed)


def test_typst_never_runs_in_the_builds_own_process(tmp_path: Path) -> None:
    """A single batch of products used to render in the build's process. With Typst that would leave the process
    unable to fork workers that compile (they hang): the preview and the tests build again and again in one."""
    import shutil

    from campaign.content.load import load_site
    from campaign.print.posters import PrintPlan, plan_print
    from campaign.print.products import print_products
    from campaign.print.typst.engine import compiler
    from campaign.problems import Problems
    from campaign.publish.cache import Cache

    site = load_site(SAMPLE, Problems(), SAMPLE.parent / "campaign_assets")
    assert site is not None
    poster = next(job for job in plan_print(site).jobs if job.kind == "poster")
    (tmp_path / "print").mkdir()
    shutil.copy(next(CACHE.glob("print/fogra39-*")), tmp_path / "print")  # the profile, not the products
    printed = print_products(site, PrintPlan((poster,)), Cache(tmp_path / "print"), SAMPLE.parent / "theme")
    assert printed.problems == [] and printed.files[poster.file].is_file()
    assert compiler.cache_info().currsize == 0, "Typst compiled in the build's own process"


# --- partners' logos and the help line's facts, drawn by Typst too ---------------------------------------------

FACTS = {"free": True, "confidential": True, "hours": ["mon-fri 09:00-17:00"], "languages": ["nl", "en"]}
"""What services.yml says of the test campaign's help line here (a test service: these are not CoMensha's)."""
LOGO_BLUE, LOGO_GREY, GRADIENT = "#1d70b8", "#555555", "#800080"


def grey_picture() -> str:
    """A small grey picture, as a logo may keep one (a texture, a signature): a data: address."""
    import base64
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("L", (4, 4), 128).save(png, "PNG")
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><defs><linearGradient id="g">'
        '<stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff"/></linearGradient></defs>'
        f'<rect width="12" height="10" fill="url(#g)"/><rect x="14" width="16" height="10" fill="{LOGO_BLUE}"/>'
        f'<rect x="32" y="1" width="7" height="8" fill="{LOGO_GREY}" stroke="#000000"/>'
        f'<circle cx="6" cy="5" r="3" fill="#ffffff" opacity="0.5"/><image href="{grey_picture()}" x="33" y="2" '
        'width="5" height="5"/></svg>')
"""A partner's logo as they come: a gradient (printed as the average of its stops, #800080), a transparent
circle, a blue, a grey, a black and a small grey picture."""
PARTNER_SHAPES = [  # the layouts that show the partners, both ways, and those held in the hand, which show the facts
    {"id": "utrecht-centraal", "languages": ["nl", "en"], "formats": ["a1"]},
    {"id": "zwolle", "languages": ["ar", "nl"], "formats": [{"name": "wide", "width_mm": 1200, "height_mm": 800}]},
    {"id": "leiden", "languages": ["nl"], "formats": [{"name": "a5", "width_mm": 148, "height_mm": 210}]},
    {"id": "schiphol", "languages": ["nl"], "formats": [{"name": "pocket", "width_mm": 85, "height_mm": 55}]},
    {"id": "den-haag-centraal", "languages": ["ar"],
     "formats": [{"name": "flyer", "width_mm": 105, "height_mm": 148, "viewing_distance_m": 0.5}]},
]
HAND_HELD = ("a5", "pocket", "flyer")
LOGO_PARTNER, NAMED_PARTNER = "Stichting Blauw (test)", "Gemeente Voorbeeldstad (test)"


@pytest.fixture(scope="session")
def typst_partners(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Posters of a campaign with a partner's logo (and one partner by name) and the help line's facts given."""
    import yaml

    root = tmp_path_factory.mktemp("typst-partners")
    content = write_campaign(root, PARTNER_SHAPES, facts=FACTS)
    logos = root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "blauw.svg").write_text(LOGO, encoding="utf-8")
    campaign = yaml.safe_load((content / "campaign.yml").read_text(encoding="utf-8"))
    campaign["print"]["partners"] = [{"name": LOGO_PARTNER, "logo": "blauw.svg"}, {"name": NAMED_PARTNER}]
    (content / "campaign.yml").write_text(yaml.safe_dump(campaign, allow_unicode=True), encoding="utf-8")
    return typst_build(content, root / "output")


def lcms(colour: str) -> tuple[float, ...]:
    """An sRGB colour in FOGRA39's inks, converted here with LittleCMS, independently of the build."""
    from PIL import Image, ImageCms

    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(
        str(next(CACHE.glob("**/fogra39-*")))), "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))),
                                    transform).getpixel((0, 0))
    return tuple(round(v / 255, 3) for v in pixel)


def colours_set(pdf: Path) -> tuple[set[str], set[tuple[float, ...]]]:
    """(every colour operator and colour space family the pages, their forms and pictures use, every CMYK colour)."""
    from campaign.print.preflight import resource_holders

    operators, cmyk = set(), set()
    with pikepdf.open(pdf) as document:
        for _name, holder in resource_holders(document.pages[0]):
            spaces = (holder.get("/Resources") or pikepdf.Dictionary()).get("/ColorSpace", {})
            operators |= {str(space[0]) if isinstance(space, pikepdf.Array) else str(space) for space in spaces.values()}
            pictures = (holder.get("/Resources") or pikepdf.Dictionary()).get("/XObject", {}).values()
            operators |= {repr(picture.ColorSpace) for picture in pictures if picture.get("/Subtype") == "/Image"}
            for operands, op in pikepdf.parse_content_stream(holder):
                if str(op) in ("rg", "RG", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS", "k", "K"):
                    operators.add(str(op))
                if str(op) in ("k", "K"):
                    cmyk.add(tuple(round(float(v), 3) for v in operands))
    return operators, cmyk


def test_posters_with_a_logo_and_the_facts_are_laid_out_by_typst_print_ready(typst_partners: Path) -> None:
    """Every poster says Typst made it, passes the build's preflight and the reader's and
    printer's checks of tests/shapes.py, and sets no colour but CMYK (and the crop marks' registration colour; the
    logo's grey picture in DeviceGray: PDF/X-1a has no ICC-based colour)."""
    rows = posters(typst_partners)
    assert sorted(row["format"] for row in rows) == sorted(s["formats"][0] if isinstance(s["formats"][0], str)
                                                            else s["formats"][0]["name"] for s in PARTNER_SHAPES)
    for row in rows:
        pdf = typst_partners / "print" / row["file"]
        with pikepdf.open(pdf) as document:
            assert "Typst" in str(document.docinfo.get("/Creator", "")), row["file"]
        assert check_pdf(pdf, limit()) == [], row["file"]
        assert poster_problems(typst_partners, row) == [], row["file"]
        operators, _cmyk = colours_set(pdf)
        assert operators <= {"k", "K", "CS", "SCN", "/Separation", 'pikepdf.Name("/DeviceGray")'}, (row["file"], operators)


def test_the_logo_prints_in_the_profiles_inks_with_its_neutrals_on_black(typst_partners: Path) -> None:
    """Its blue and its gradient (flattened to the average of its stops) as LittleCMS converts them with FOGRA39;
    its grey and black on the black plate only, as the rest of the poster's neutrals."""
    for row in posters(typst_partners):
        if row["format"] in ("pocket", "flyer"):  # their layouts show no partners
            continue
        _operators, cmyk = colours_set(typst_partners / "print" / row["file"])
        assert {lcms(LOGO_BLUE), lcms(GRADIENT)} <= cmyk, row["file"]
        greys = {colour for colour in cmyk if colour[:3] == (0, 0, 0) and 0 < colour[3] < 1}
        assert greys, f"{row['file']}: the logo's grey, as a black tint"
        assert not {colour for colour in cmyk if max(colour[:3]) > 0 and colour[:3] == (colour[0],) * 3}, "no rich grey"


def test_the_logo_is_seen_on_the_preview_in_the_partners_row(typst_partners: Path) -> None:
    """The preview the team approves shows the logo's blue beside the other partner's name, on the same row."""
    from PIL import Image

    for row in posters(typst_partners):
        if row["format"] in ("pocket", "flyer"):
            continue
        pdf = typst_partners / "print" / row["file"]
        image = Image.open(typst_partners / "print" / "previews" / f"{Path(row['file']).stem}.png").convert("RGB")
        with pikepdf.open(pdf) as document:
            scale = image.width / float(document.pages[0].MediaBox[2])  # preview pixels per point
        blue = [(x, y) for x in range(0, image.width, 2) for y in range(0, image.height, 2)
                if (lambda r, g, b: b > 150 and r < 90 and g < 150)(*image.getpixel((x, y)))]
        assert len(blue) > 20, f"{row['file']}: no logo on the preview"
        name = [word for word in words(pdf) if word.text == "Voorbeeldstad"]
        assert name, row["file"]
        middle = sum(y for _x, y in blue) / len(blue) / scale
        assert name[0].y0 - (name[0].y1 - name[0].y0) <= middle <= name[0].y1 + (name[0].y1 - name[0].y0), row["file"]


def read(word: Word) -> str:
    """A word as written: poppler gives a right-to-left word's letters in the order they are drawn, left to right."""
    return word.text[::-1] if any("\u0600" <= letter <= "\u06ff" for letter in word.text) else word.text


def test_formats_held_in_the_hand_say_what_the_help_line_offers_under_its_number(typst_partners: Path) -> None:
    """Free and confidential in the poster's language, and what else fits, between the main line and 112, smaller
    than the number; the A1 and the landscape say none of it (they are read from afar)."""
    said = {"nl": ("gratis", "vertrouwelijk"), "ar": ("مجاني", "سري")}
    for row in posters(typst_partners):
        placed = words(typst_partners / "print" / row["file"])
        lang = row["languages"].split("-")[0]
        number = [word for word in placed if word.text == HELPLINE.split()[0]][0]
        emergency = [word for word in placed if word.text == "112"][0]
        middle = lambda word: (word.y0 + word.y1) / 2  # noqa: E731 (an Arabic word's box is taller than the number's)
        facts = [word for word in placed if read(word) in said[lang]
                 and middle(number) + 1 < middle(word) < middle(emergency) - 1]
        if row["format"] not in HAND_HELD:  # its call to action may say "free", above the number
            assert not facts, row["file"]
            continue
        assert {read(word) for word in facts} == set(said[lang]), row["file"]
        if lang == "nl":  # word boxes compare sizes in one font only (the Arabic font's boxes are taller)
            assert height(placed, HELPLINE) > max(word.y1 - word.y0 for word in facts), row["file"]
    a5 = " ".join(word.text for word in words(typst_partners / "print" / "twee-kanten_leiden_a5_nl.pdf"))
    assert all(fact in a5 for fact in ("09:00", "17:00", "Nederlands, English")), "an A5 has room for all the facts"


def test_the_help_line_is_louder_than_the_address_the_partners_and_the_facts(typst_partners: Path) -> None:
    """Its number is larger than the address under the QR code, the partners' names, who answers it and the facts
    printed under it (Latin words, read in one font: their boxes compare their sizes)."""
    address = BASE_URL.removeprefix("https://").split("/")[0]
    quieter = {*NAMED_PARTNER.split(), "Hulplijn", "mensenhandel", "gratis", "vertrouwelijk", "Nederlands,", "English"}
    for row in posters(typst_partners):
        placed = words(typst_partners / "print" / row["file"])
        number = height(placed, HELPLINE)
        url = [word.y1 - word.y0 for word in placed if address in word.text]
        others = {word.text: word.y1 - word.y0 for word in placed if word.text in quieter}
        assert url and number > max(url), row["file"]
        assert {text: size for text, size in others.items() if size >= number} == {}, row["file"]
        assert row["format"] in ("pocket", "flyer") or NAMED_PARTNER.split()[0] in others, row["file"]


def test_a_logo_typst_cannot_draw_stops_the_build_with_campaign_yml_and_the_file(tmp_path: Path) -> None:
    """A logo the cleaning keeps (an SVG 0 wide) but Typst refuses: a message naming campaign.yml and the logo, no
    traceback, and the previous output stays."""
    import yaml

    content = write_campaign(tmp_path, [{"id": "utrecht-centraal", "languages": ["nl"], "formats": ["a2"]}])
    poster = typst_build(content, tmp_path / "output") / "print" / "twee-kanten_utrecht-centraal_a2_nl.pdf"
    before = poster.read_bytes()
    logos = tmp_path / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "plat.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10">'
                                    '<rect width="4" height="4" fill="#1d70b8"/></svg>', encoding="utf-8")
    campaign = yaml.safe_load((content / "campaign.yml").read_text(encoding="utf-8"))
    campaign["print"]["partners"] = [{"name": LOGO_PARTNER, "logo": "plat.svg"}]
    (content / "campaign.yml").write_text(yaml.safe_dump(campaign, allow_unicode=True), encoding="utf-8")
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert "campaign.yml" in result.err and "print.partners.logo: plat.svg cannot be drawn on the posters" in result.err
    assert poster.read_bytes() == before
