"""What a large-format print house checks before accepting a job (issue 28, point 5), read from the printed
files with pikepdf, pdffonts and pdfinfo: a subset tag of its own for every font subset, CJK fonts in a PDF 1.4
form, the PDF/X keys as ISO 15930-4 states them, and the bleed of a tenth-size file stated at full size."""
from __future__ import annotations

import hashlib
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops
from shapes import manifest, write_campaign
from support import CACHE, run

from campaign import workers
from campaign.print.prepress import prepress


def product_pdfs(output: Path) -> list[Path]:
    return sorted((output / "print").glob("*.pdf"))


def printed(output: Path) -> list[Path]:
    return [pdf for pdf in product_pdfs(output) if pdf.name != "contact-sheet.pdf"]


FACTS = {"free": True, "confidential": True, "hours": ["mon-fri 09:00-17:00"], "languages": ["nl", "en"]}
"""What services.yml says of the test campaign's help line here (a test service: these are not CoMensha's)."""


@pytest.fixture(scope="session")
def cjk_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Chinese A2; a Dutch A2, 48-sheet, A6 flyer and pocket card sharing their Latin fonts; built once, with the
    help line's facts given."""
    root = tmp_path_factory.mktemp("cjk")
    content = write_campaign(root, [
        {"id": "arnhem", "languages": ["zh-Hans"], "formats": ["a2"]},
        {"id": "zwolle", "languages": ["nl"], "formats": [
            "a2", {"name": "48-sheet", "width_mm": 6096, "height_mm": 3048},
            {"name": "flyer", "width_mm": 105, "height_mm": 148}, {"name": "pocket", "width_mm": 85, "height_mm": 55}]},
    ], facts=FACTS)
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return root / "output"


def subsets(pdf: Path) -> dict[str, str]:
    """Each embedded subset's name (with its tag) → a digest of its font program; checks that the composite font
    above a descendant carries the same tag."""
    found = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                part = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = part.FontDescriptor
                name = str(descriptor.FontName)[1:]
                assert str(font.BaseFont)[1:].startswith(name[:7]), (font.BaseFont, name)
                data = next(descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
                found[name] = hashlib.sha256(data.read_bytes()).hexdigest()
    return found


def test_every_font_subset_has_a_tag_of_its_own(sample_output: Path, cjk_output: Path) -> None:
    """Over every product of two campaigns: a tag never names two different subsets, and the same font in two
    products (different glyphs) gets two tags."""
    programs: dict[str, set[str]] = {}
    per_font: dict[str, list[str]] = {}
    for pdf in printed(sample_output) + printed(cjk_output):
        for name, digest in subsets(pdf).items():
            assert re.fullmatch(r"[A-Z]{6}\+\S+", name), name
            programs.setdefault(name[:6], set()).add(digest)
            per_font.setdefault(name[7:], []).append(name[:6])
    assert all(len(digests) == 1 for digests in programs.values()), \
        {tag: len(d) for tag, d in programs.items() if len(d) > 1}
    assert sum(map(len, per_font.values())) > 20, "fonts in every file"
    for font, tags in per_font.items():
        assert len(set(tags)) == len(tags), f"{font} in each file under a tag of that file's own"


def test_the_same_subset_in_two_products_has_two_tags(cjk_output: Path) -> None:
    """A file's tags come from the product too: a RIP caching fonts by name never takes one file's for another's."""
    a, b = (subsets(cjk_output / "print" / f"twee-kanten_zwolle_{name}_nl.pdf") for name in ("a2", "flyer"))
    assert not set(a) & set(b)


def test_the_pdfx_keys_are_as_iso_15930_4_states_them(sample_output: Path) -> None:
    for pdf in printed(sample_output):
        with pikepdf.open(pdf) as document:
            assert str(document.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1:2003"
            assert str(document.docinfo["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
            meta = document.open_metadata()
            assert (meta["pdfx:GTS_PDFXVersion"], meta["pdfx:GTS_PDFXConformance"]) == ("PDF/X-1:2003", "PDF/X-1a:2003")
            assert "pdfxid:GTS_PDFXVersion" not in meta, "the PDF/X-4 namespace has no place in a PDF/X-1a file"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"PDF subtype:\s+PDF/X-1:2003", info) and re.search(r"Standard:\s+ISO 15930-4", info), info


def test_cjk_fonts_are_embedded_as_bare_cff_in_a_pdf_14_file(cjk_output: Path) -> None:
    pdf = cjk_output / "print" / "twee-kanten_arnhem_a2_zh-Hans.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-1.4")
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    cjk = [row for row in rows if "CJK" in row]
    assert cjk and all("CID Type 0C" in row and "(OT)" not in row for row in cjk), rows
    with pikepdf.open(pdf) as document:
        for font in document.pages[0].Resources.Font.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            if "/FontFile3" in descriptor:
                assert descriptor.FontFile3.Subtype == "/CIDFontType0C"


CJK_TEXT = ('#set text(font: "Noto Sans CJK SC", size: 28pt)\n你的护照被拿走了。求助热线 033 448 11 86\n\n'
            '#text(weight: "bold", size: 20pt)[两面 荷兰全境]\n')


def typst_cjk(source: Path) -> bytes:
    """In a worker (Typst runs only there): `source` laid out by Typst with the fonts print uses."""
    import typst

    from campaign.print.typst.engine import NOTO_FOLDERS

    return typst.compile(str(source), font_paths=[str(folder) for folder in NOTO_FOLDERS if folder.is_dir()],
                         ignore_system_fonts=True)


def test_prepress_keeps_the_cjk_glyphs_typst_embeds_as_bare_cff(tmp_path: Path) -> None:
    """Typst embeds Noto Sans CJK as bare CFF (a PDF 1.3 form); the file finished for print (new subset tags, the
    PDF/X keys) keeps that form and draws exactly the same pixels."""
    (tmp_path / "cjk.typ").write_text(CJK_TEXT, encoding="utf-8")
    original = workers.in_worker(typst_cjk, tmp_path / "cjk.typ")
    with pikepdf.open(io.BytesIO(original)) as document:
        prepress(document, "test.pdf")
        out = io.BytesIO()
        document.save(out)
    for data in (original, out.getvalue()):
        assert b"/OpenType" not in data and data.count(b"/CIDFontType0C") == 2, "regular and bold, as bare CFF"
    images = []
    for name, data in (("before.pdf", original), ("after.pdf", out.getvalue())):
        (tmp_path / name).write_bytes(data)
        png = subprocess.run(["pdftoppm", "-r", "100", "-gray", "-singlefile", "-png", str(tmp_path / name)],
                             capture_output=True, check=True).stdout
        images.append(Image.open(io.BytesIO(png)))
    assert ImageChops.difference(*images).getbbox() is None, "the same pixels"
    assert ImageChops.invert(images[1]).getbbox() is not None, "and the page shows text"


def test_a_tenth_size_file_states_its_bleed_at_full_size(cjk_output: Path) -> None:
    row = next(r for r in manifest(cjk_output) if r["format"] == "48-sheet")
    assert (row["scale"], row["printed_mm"], row["bleed_mm"], row["file_bleed_mm"]) == ("1:10", "6096x3048", "5", "0.5")
    with pikepdf.open(cjk_output / "print" / row["file"]) as pdf:
        page = pdf.pages[0]
        bleed_pt = float(page.TrimBox[0]) - float(page.BleedBox[0])
        description = pdf.open_metadata()["dc:description"]
    assert bleed_pt * 25.4 / 72 == pytest.approx(0.5, abs=0.01), "drawn at a tenth"
    assert "with 5 mm bleed at full size" in description, description


def text_of(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_a_flyer_says_what_services_yml_knows_of_the_main_line(cjk_output: Path) -> None:
    """Free, confidential, the hours and the languages it answers in, each language by its own name."""
    flyer = text_of(cjk_output / "print" / "twee-kanten_zwolle_flyer_nl.pdf").replace("‐ ", "")
    assert "033 448 11 86" in flyer
    for fact in ("gratis", "vertrouwelijk", "09:00", "17:00", "Nederlands", "English"):
        assert fact in flyer, (fact, flyer)


def test_a_pocket_card_keeps_the_facts_that_fit_first(cjk_output: Path) -> None:
    """85 × 55 mm has room for two words beside the essentials: free and confidential come first."""
    pocket = text_of(cjk_output / "print" / "twee-kanten_zwolle_pocket_nl.pdf")
    assert "gratis · vertrouwelijk" in pocket and "033 448 11 86" in pocket and "112" in pocket


def test_the_facts_are_for_what_is_held_in_the_hand(cjk_output: Path) -> None:
    """An A2 is not held in the hand: its numbers carry no facts line (its call to action is the campaign's)."""
    assert "gratis" not in text_of(cjk_output / "print" / "twee-kanten_zwolle_a2_nl.pdf").split("033 448 11 86")[1]
    assert "免费" not in text_of(cjk_output / "print" / "twee-kanten_arnhem_a2_zh-Hans.pdf").split("033 448 11 86")[1]


def test_facts_services_yml_does_not_give_are_not_printed(tmp_path: Path) -> None:
    """Only the hours given: the pocket card says 24/7, and never free or confidential."""
    content = write_campaign(tmp_path, [{"id": "breda", "languages": ["nl"], "formats": [
        {"name": "pocket", "width_mm": 85, "height_mm": 55}]}], facts={"hours": "24/7"})
    result = run("--content", str(content), "--output", str(tmp_path / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    pocket = text_of(tmp_path / "output" / "print" / "twee-kanten_breda_pocket_nl.pdf")
    assert "24/7" in pocket and "gratis" not in pocket and "vertrouwelijk" not in pocket
