"""Print products, checked from the files themselves with the printers' own tools: poppler's pdfinfo,
pdffonts and pdftoppm, qpdf, pikepdf and zxing-cpp, independently of the build's own preflight."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pytest
import zxingcpp
from PIL import Image
from shapes import write_campaign
from support import CACHE, PROJECT, Scratch, parse, run, tree_digest

MM = 72 / 25.4
EXPECTED = {  # format: (trim w, trim h, bleed) in mm
    "a0": (841, 1189, 5), "abri": (1185, 1750, 5), "b1": (707, 1000, 5), "a6": (105, 148, 3),
}


def pdfs(output: Path) -> list[Path]:
    return sorted((output / "print").glob("*.pdf"))


def product_pdfs(output: Path) -> list[Path]:
    return [p for p in pdfs(output) if p.name != "contact-sheet.pdf"]


def boxes(pdf: Path) -> dict[str, list[float]]:
    info = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {m[1]: [float(v) for v in m[2].split()] for m in re.finditer(r"^(\w+Box):\s+(.+)$", info, re.M)}


def size_mm(box: list[float]) -> tuple[float, float]:
    return round((box[2] - box[0]) / MM, 1), round((box[3] - box[1]) / MM, 1)


def test_every_station_format_and_language_has_its_poster(sample_output: Path) -> None:
    names = {p.name for p in pdfs(sample_output)}
    for station, langs in (("bruxelles-midi", "fr-nl"), ("antwerpen-centraal", "nl"), ("liege-guillemins", "fr")):
        for fmt in ("a0", "abri", "b1"):
            assert f"blind-betting_{station}_{fmt}_{langs}.pdf" in names
    cards = {n for n in names if "_card-" in n}
    assert len(cards) == 4 * 4, "each card in each language as a duplex file"
    screens = sorted((sample_output / "print" / "screens").glob("*.png"))
    assert [s.name for s in screens] == [
        "blind-betting_antwerpen-centraal_screen_nl.png", "blind-betting_bruxelles-midi_screen_fr.png",
        "blind-betting_bruxelles-midi_screen_nl.png", "blind-betting_liege-guillemins_screen_fr.png"]
    for screen in screens:
        with Image.open(screen) as image:
            assert (image.size, image.mode) == ((1080, 1920), "RGB")


@pytest.mark.parametrize("fmt", EXPECTED)
def test_trim_and_bleed_boxes_are_exact(sample_output: Path, fmt: str) -> None:
    width, height, bleed = EXPECTED[fmt]
    files = [p for p in product_pdfs(sample_output) if f"_{fmt}_" in p.name]
    assert files
    for pdf in files:
        found = boxes(pdf)
        assert size_mm(found["TrimBox"]) == (width, height), pdf.name
        assert size_mm(found["BleedBox"]) == (width + 2 * bleed, height + 2 * bleed), pdf.name
        trim, bleed_box, media = found["TrimBox"], found["BleedBox"], found["MediaBox"]
        for i, sign in ((0, -1), (1, -1), (2, 1), (3, 1)):
            assert round((trim[i] - bleed_box[i]) * -sign / MM, 2) == bleed, "the bleed is even on every side"
            assert (media[i] - bleed_box[i]) * sign >= 9.9 * MM, "room for crop marks outside the bleed"


def test_every_font_is_embedded(sample_output: Path) -> None:
    for pdf in product_pdfs(sample_output):
        table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = table.splitlines()[2:]
        assert rows, f"{pdf.name} has text, so fonts"
        for row in rows:
            emb, sub = row.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), f"{pdf.name}: {row}"


def uncompressed(pdf: Path, tmp: Path) -> str:
    out = tmp / (pdf.stem + ".qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(out)], check=True)
    return out.read_bytes().decode("latin-1")


def test_no_rgb_or_lab_colour_anywhere(sample_output: Path, tmp_path: Path) -> None:
    for pdf in product_pdfs(sample_output):
        text = uncompressed(pdf, tmp_path)
        assert not re.search(r"[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b", text), f"{pdf.name}: RGB colour operator"
        assert not re.search(r"/(DeviceRGB|CalRGB|Lab)\b", text), f"{pdf.name}: RGB or Lab colour space"
        assert re.search(r"[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(k|K|scn|SCN)\b", text), "colours are CMYK"


def test_each_pdf_has_a_pdfx_output_intent(sample_output: Path) -> None:
    for path in product_pdfs(sample_output):
        with pikepdf.open(path) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert intent.S == "/GTS_PDFX"
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"
            profile = intent.DestOutputProfile
            assert int(profile.N) == 4 and profile.read_bytes()[16:20] == b"CMYK"
            assert str(pdf.docinfo["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"  # the keys: test_prepress.py


def read_codes(pdf: Path, dpi: int = 20) -> list[zxingcpp.Barcode]:
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-png", str(pdf)],
                         capture_output=True, check=True).stdout
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))


def decode_page(pdf: Path) -> list[str]:
    return [code.text for code in read_codes(pdf)]


@pytest.mark.parametrize("fmt, viewing_m", [("a0", 2.0), ("abri", 2.0), ("b1", 2.0)])
def test_qr_symbol_is_at_least_a_tenth_of_the_viewing_distance(sample_output: Path, fmt: str, viewing_m: float) -> None:
    for pdf in [p for p in product_pdfs(sample_output) if f"_{fmt}_" in p.name]:
        (code,) = read_codes(pdf, dpi=20)
        corners = code.position
        width_mm = (corners.top_right.x - corners.top_left.x) / 20 * 25.4
        assert width_mm >= viewing_m * 100 - 3, f"{pdf.name}: {width_mm:.0f} mm"  # 3 mm: one pixel at 20 dpi
        assert code.ec_level == "M", "error correction M: no logo covers the code"


def test_every_qr_code_leads_to_a_landing_page_of_the_site(sample_output: Path) -> None:
    posters = [p for p in product_pdfs(sample_output) if "_card-" not in p.name]
    codes = set()
    for pdf in posters:
        found = decode_page(pdf)
        assert len(found) == 1, pdf.name
        url = urlsplit(found[0])
        assert url.scheme == "https" and url.hostname == "blind-betting.example"
        assert re.fullmatch(r"/s/[2-9a-z]{5}/", url.path), "a short neutral path"
        landing = sample_output / url.path.strip("/") / "index.html"
        assert landing.is_file(), f"{pdf.name} → {url.path}"
        page = parse(landing)
        lang = pdf.stem.rsplit("_", 1)[1].split("-")[0]
        assert page.find("html")[0]["lang"] == lang, "in the poster's (first) language"
        assert page.find("link", rel="canonical")[0]["href"] == f"https://blind-betting.example/{lang}/help/"
        assert "tel:+3278055800" in {a["href"] for a in page.find("a")}, "help services first"
        codes.add(url.path)
    assert len(codes) == len(posters), "every poster has its own path"
    sitemap = (sample_output / "sitemap.xml").read_text()
    assert "/s/" not in sitemap and "Disallow: /s/" in (sample_output / "robots.txt").read_text()


def test_manifest_describes_every_print_file(sample_output: Path) -> None:
    rows = json.loads((sample_output / "print" / "manifest.json").read_text())
    with (sample_output / "print" / "manifest.csv").open() as handle:
        assert list(csv.DictReader(handle)) == rows
    files = {row["file"] for row in rows}
    assert files == {p.name for p in product_pdfs(sample_output)} | {
        f"screens/{p.name}" for p in (sample_output / "print" / "screens").glob("*.png")}
    for row in rows:
        data = (sample_output / "print" / row["file"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        if row["kind"] == "poster":
            width, height, bleed = EXPECTED[row["format"]]
            assert (row["trim_mm"], row["bleed_mm"]) == (f"{width}x{height}", str(bleed))
            assert decode_page(sample_output / "print" / row["file"]) == [row["url"]]


def test_previews_contact_sheet_qr_set_and_preview_page(sample_output: Path) -> None:
    folder = sample_output / "print"
    for pdf in product_pdfs(sample_output):
        with Image.open(folder / "previews" / f"{pdf.stem}.png") as preview:
            assert max(preview.size) == 1000
    with pikepdf.open(folder / "contact-sheet.pdf") as sheet:
        assert len(sheet.pages) >= 1
    zipped = folder / "qr-codes.zip"
    assert zipped.stat().st_size > 1000
    index = parse(folder / "index.html")
    assert len(index.find("img")) == len(json.loads((folder / "manifest.json").read_text()))
    public = (sample_output / "nl" / "index.html").read_text()
    assert "/print/" not in public, "the preview page is not linked from the public pages"


def test_card_pages_reference_their_sharing_image(sample_output: Path) -> None:
    meta = parse(sample_output / "fr" / "cards" / "true-love" / "index.html").find("meta", property="og:image")
    assert meta[0]["content"] == "https://blind-betting.example/og/true-love.fr.png"
    with Image.open(sample_output / "og" / "true-love.fr.png") as image:
        assert image.size == (1200, 630)


def test_crop_marks_are_drawn_outside_the_bleed(sample_output: Path) -> None:
    pdf = next(p for p in product_pdfs(sample_output) if "_card-dream-job_a6_en" in p.name)
    found = boxes(pdf)
    px_per_pt = 20 / MM  # rendered at 20 px per mm
    image = Image.open(io.BytesIO(subprocess.run(
        ["pdftoppm", "-r", str(round(20 * 25.4)), "-gray", "-singlefile", "-png", str(pdf)],
        capture_output=True, check=True).stdout)).convert("L")
    trim_top = round((found["MediaBox"][3] - found["TrimBox"][3]) * px_per_pt)
    bleed_left = found["BleedBox"][0] * px_per_pt
    dark = [x for x in range(image.size[0] // 3) if image.getpixel((x, trim_top)) < 60]
    assert dark, "a horizontal crop mark on the top trim line"
    mark_end = max(x for x in dark if x < bleed_left - 1)  # from the bleed on, the background is dark too
    assert mark_end < bleed_left - 2 * 20, "it ends at least 2 mm outside the bleed"


def test_text_that_cannot_fit_fails_the_build_and_names_it_where_nothing_can_be_left_out(scratch: Scratch) -> None:
    before = tree_digest(scratch.output) if scratch.output.exists() else None
    long = " ".join(["Hij belooft je alles wat je ooit wilde, en nog veel meer dan dat."] * 250)
    scratch.edit("cards/true-love.nl.md", "Liefde dwingt je nooit tot seks met anderen.", long)
    result = scratch.build()
    assert result.code == 1
    lines = result.err.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert not [line for line in errors if "antwerpen-centraal_a0" in line or "_screen_" in line], \
        "a poster and a screen leave the text out instead"
    assert ("error: content/cards/true-love.nl.md: the reality side of the card (nl) does not fit on "
            "print/blind-betting_card-true-love_a6_nl.pdf, even at the smallest size readable from 0.4 m (3.2 mm): "
            "shorten the text") in lines, "the file to edit first, then the product: no card text under 9 pt"
    assert not scratch.output.exists() or tree_digest(scratch.output) == before


def test_a_script_the_fonts_cannot_write_fails_the_build(scratch: Scratch) -> None:
    """Nandinagari has no Noto family in Debian: the message names its script and where a font for it is."""
    scratch.edit("cards/dream-job.nl.md", "Een fotograaf zegt", "Een fotograaf uit \U000119a0\U000119a1 zegt")
    result = scratch.build()
    assert result.code == 1
    line = next(line for line in result.err.splitlines() if "no font" in line)
    assert line.startswith("error: content/cards/dream-job.nl.md:9: promise: no font the print products use has "
                           "the characters "), "the file, line and side that hold them"
    assert "(Nandinagari script: in Noto Sans Nandinagari, Debian package fonts-noto-core" in line
    assert "\U000119a0" in line and "it would print on print/blind-betting_" in line
    assert line.endswith("remove it, or add a font that has it to campaign_assets/fonts/")


def test_an_emoji_is_traced_to_the_text_that_holds_it(tmp_path: Path) -> None:
    """On a campaign unlike the sample: in a card's title and in a service's name, each with its line and field."""
    content = write_campaign(tmp_path, [{"id": "zwolle", "languages": ["nl", "en"], "formats": ["a2"]}])
    card = content / "cards" / "werk.nl.md"
    card.write_text(card.read_text().replace("::: reality\n## ", "::: reality\n## 🎁 "))
    services = content / "services.yml"
    services.write_text(services.read_text().replace("en: Trafficking helpline (test)", "en: Trafficking helpline 🎁"))
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if "WRAPPED PRESENT" in line]
    card_line = card.read_text().splitlines().index(next(t for t in card.read_text().splitlines() if "🎁" in t)) + 1
    assert errors[0].startswith(f"error: {card}:{card_line}: reality: no font the print products use has 🎁 "
                                "(WRAPPED PRESENT; Common script: no Noto font for print has it (an emoji or a symbol)): it would print on print/")
    service_line = services.read_text().splitlines().index(
        next(t for t in services.read_text().splitlines() if "🎁" in t)) + 1
    assert errors[1].startswith(f"error: {services}:{service_line}: helpline.name.en: no font the print products use "
                                "has 🎁 (WRAPPED PRESENT; Common script: no Noto font for print has it (an emoji or a symbol)): "
                                "it would print on print/")
    assert len(errors) == 2 and not any("no font has" in line for line in result.err.splitlines())


def test_unchanged_products_are_not_rendered_again(scratch: Scratch, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert scratch.build("--cache", str(cache)).code == 0
    def products() -> set[Path]:  # one cache entry per product; extras and QR images are kept apart
        return {p for p in (cache / "print").iterdir() if p.is_dir() and p.name not in ("qr",)
                and not p.name.startswith("extras-")}
    first = products()
    assert scratch.build("--cache", str(cache)).code == 0
    assert products() == first, "a rebuild with nothing changed renders nothing"
    scratch.edit("cards/true-love.nl.md", "Hij is ouder", "Hij is veel ouder")
    assert scratch.build("--cache", str(cache)).code == 0
    new = {p.name for p in products() - first}
    # Antwerp's 3 Dutch posters and its Dutch screen, the Dutch card file and its sharing image.
    assert len(new) == 6


def lcms_cmyk(colour: str, cache: Path) -> tuple[str, ...]:
    """An sRGB colour as the PDF writes it, converted independently with LittleCMS and the FOGRA39 profile."""
    from PIL import ImageCms
    profile = next(cache.glob("fogra39-*"), None) or next((CACHE / "print").glob("fogra39-*"))
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile)), "RGB",
                                        "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform).getpixel((0, 0))
    return tuple(f"{round(v / 255, 3):g}" for v in pixel)


def test_a_partner_logo_is_printed_in_cmyk(scratch: Scratch) -> None:
    logos = scratch.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "partner.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
                                       '<rect width="40" height="10" fill="#1d70b8"/><circle cx="5" cy="5" r="4" fill="#fff"/></svg>')
    scratch.edit("campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: partner.svg\n")
    result = scratch.build()
    assert result.code == 0, f"the build's own preflight accepts it: {result.err}"
    pdf = scratch.output / "print" / "blind-betting_liege-guillemins_a0_fr.pdf"
    text = uncompressed(pdf, scratch.root)
    assert not re.search(r"\s(rg|RG)\b", text)
    c, m, y, k = lcms_cmyk("#1d70b8", scratch.root / "cache" / "print")
    assert re.search(rf"\b{c} {m} {y} {k} (k|scn)\b", text), "the logo's blue (#1d70b8), converted by LittleCMS"


def test_a_german_poster_fits_the_smallest_format(scratch: Scratch) -> None:
    scratch.edit("stations.yml", "    languages: [nl]\n    formats: [a0, abri, b1]", "    languages: [de, en]\n    formats: [a2]")
    result = scratch.build()
    assert result.code == 0, result.err
    assert (scratch.output / "print" / "blind-betting_antwerpen-centraal_a2_de-en.pdf").is_file()


def test_a_printers_own_profile_replaces_fogra39(scratch: Scratch) -> None:
    profile = next(CACHE.glob("print/fogra39-*"), None) or next((PROJECT / ".cache").glob("print/fogra39-*"))
    assets = scratch.root / "campaign_assets"
    assets.mkdir()
    shutil.copyfile(profile, assets / "printer.icc")
    assert scratch.build().code == 0
    pdf = scratch.output / "print" / "blind-betting_liege-guillemins_a0_fr.pdf"
    with pikepdf.open(pdf) as document:
        intent = document.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "Coated FOGRA39 (ISO 12647-2:2004)"
        assert intent.DestOutputProfile.read_bytes() == profile.read_bytes()


# --- what a prepress check flags ---------------------------------------------------------------------

def test_pages_have_a_trim_box_and_no_art_box(sample_output: Path) -> None:
    """PDF/X validators reject a TrimBox and an ArtBox together."""
    for path in product_pdfs(sample_output):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                assert "/TrimBox" in page.obj and "/ArtBox" not in page.obj, path.name


def test_crop_marks_are_in_the_registration_colour(sample_output: Path, tmp_path: Path) -> None:
    """Separation /All: the marks print on every plate. Four process inks are not the same."""
    for path in product_pdfs(sample_output):
        text = uncompressed(path, tmp_path)
        assert re.search(r"/Separation\s*/All\s*/DeviceCMYK", text), path.name
        assert re.search(r"/CSRegistration CS 1 SCN", text), f"{path.name}: the marks are stroked in it"


def test_each_file_has_its_own_document_id(sample_output: Path) -> None:
    ids = []
    for path in product_pdfs(sample_output):
        with pikepdf.open(path) as pdf:
            ids.append(tuple(bytes(part) for part in pdf.trailer.ID))
    assert len({second for _first, second in ids}) == len(ids), "the second half differs from file to file"
    assert len(set(ids)) == len(ids)


def text_and_fill_colours(path: Path) -> list[tuple[tuple[float, ...], bool]]:
    """(CMYK, used for text) for every four-component fill colour set on the pages: read here
    independently of the build's own preflight."""
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fill, in_text = None, False
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("k", "scn", "sc") and len(operands) == 4:
                    fill = tuple(float(v) for v in operands)
                    found.append((fill, False))
                elif op in ("BT", "ET"):
                    in_text = op == "BT"
                elif op in ("Tj", "TJ") and in_text and fill:
                    found.append((fill, True))
    return found


def test_black_text_is_solid_black_and_ink_stays_within_the_limit(sample_output: Path) -> None:
    for path in product_pdfs(sample_output):
        colours = text_and_fill_colours(path)
        assert colours, path.name
        for cmyk, text in colours:
            assert sum(cmyk) <= 3.30 + 0.01, f"{path.name}: {cmyk} is more ink than FOGRA39's 330 %"
            if text and cmyk[3] > 0.5:
                assert cmyk[:3] == (0, 0, 0), f"{path.name}: dark text in {cmyk}: black on the black plate only"
    promise = text_and_fill_colours(sample_output / "print" / "blind-betting_bruxelles-midi_a0_fr-nl.pdf")
    assert ((0, 0, 0, 1), True) in promise, "the dark text colour (#1a1a1a) prints as 100 % K, not a 90 % tint"


def test_a_logo_with_gradients_and_transparency_prints_flat_and_print_ready(scratch: Scratch) -> None:
    """PDF/X-1a has no transparency, and a gradient would print as an RGB shading: both are flattened."""
    logos = scratch.root / "campaign_assets" / "logos"
    logos.mkdir(parents=True)
    (logos / "partner.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><defs><linearGradient id="g">'
        '<stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff"/></linearGradient></defs>'
        '<rect width="40" height="10" fill="url(#g)"/><circle cx="5" cy="5" r="4" fill="#ffffff" opacity="0.5"/></svg>')
    scratch.edit("campaign.yml", "    - name: Myria\n", "    - name: Myria\n      logo: partner.svg\n")
    result = scratch.build()
    assert result.code == 0, result.err
    assert "posters print each gradient as one flat colour" in result.err
    pdf = scratch.output / "print" / "blind-betting_liege-guillemins_a0_fr.pdf"
    text = uncompressed(pdf, scratch.root)
    assert not re.search(r"/(DeviceRGB|ShadingType|SMask)\b|/S /Transparency|/ca 0", text), "no RGB, shading or transparency"
    c, m, y, k = lcms_cmyk("#800080", scratch.root / "cache" / "print")  # the average of red and blue
    assert re.search(rf"\b{c} {m} {y} {k} (k|scn)\b", text)


def convert_in_worker(profile: Path) -> tuple[float, ...]:
    from campaign.print.colour import inks_for
    return inks_for(profile).cmyk("#1d70b8")


def test_workers_forked_after_the_profile_was_opened_read_it_whole() -> None:
    """A process that keeps the print profile's inks (a build's own batch, a test) and then forks print workers: each
    worker converts colours as the process does. Opened from its file, LittleCMS read its tags lazily through a file
    offset the workers shared: "Could not get profile" in a full test run."""
    from campaign import workers
    from campaign.print.assets import output_profile
    from campaign.print.colour import inks_for
    from campaign.publish.cache import Cache

    profile = output_profile(PROJECT / "campaign_assets", Cache(CACHE / "print")).path  # built once if need be
    here = inks_for(profile).cmyk("#1d70b8")
    for _round in range(3):
        with workers.pool(2) as pool:
            assert pool.map(convert_in_worker, [profile] * 6) == [here] * 6
