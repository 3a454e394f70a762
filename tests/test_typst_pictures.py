"""Station screens, sharing images and the contact sheet, laid out by Typst (campaign/print/typst/pictures.py and
sheet.py), checked from what the build writes: the pictures' sizes and colours, a screen's QR code decoded from the
PNG, both sides' titles in a PDF compile of the sharing image's document (Typst compiles in a worker of the test,
never in its own process), the promise on the right when the card reads right to left, and every product on the
contact sheet."""
from __future__ import annotations

import dataclasses
import functools
import json
import multiprocessing
import os
from html import unescape
from collections.abc import Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import zxingcpp
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pdfs import Word, words
from PIL import Image
from support import CACHE, SAMPLE, Scratch, built, run, write_arabic_campaign

SCREEN, SHARING = (1080, 1920), (1200, 630)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A right-to-left campaign (Arabic first, English second) with a station: an Arabic screen, sharing images."""
    campaign = Scratch(tmp_path_factory.mktemp("arabic"))
    write_arabic_campaign(campaign, stations=True)
    return built(campaign.content, campaign.output)


@pytest.fixture(scope="module")
def typst_worker() -> Iterator[Pool]:
    """Typst never runs in the test process: a process that compiled with it forks build workers that hang."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        yield pool


def manifest(output: Path) -> list[dict[str, str]]:
    return json.loads((output / "print" / "manifest.json").read_text())


# --- what the build writes ----------------------------------------------------------------------------------------

def test_screens_and_sharing_images_are_rgb_pictures_of_their_size(sample_output: Path, arabic: Path) -> None:
    for output in (sample_output, arabic):
        screens = sorted((output / "print" / "screens").glob("*.png"))
        sharing = sorted((output / "og").glob("*.png"))
        assert screens and sharing
        for path, size in [(path, SCREEN) for path in screens] + [(path, SHARING) for path in sharing]:
            with Image.open(path) as image:
                assert (image.size, image.mode) == (size, "RGB"), path.name


def test_the_qr_code_of_every_screen_decodes_to_its_address(sample_output: Path, arabic: Path) -> None:
    for output in (sample_output, arabic):
        rows = [row for row in manifest(output) if row["kind"] == "screen"]
        assert rows
        for row in rows:
            with Image.open(output / "print" / row["file"]) as image:
                found = [code.text for code in zxingcpp.read_barcodes(image)]
            assert found == [row["url"]], row["file"]


def side_colours(png: Path) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The colour inside the left and the right box of a sharing image, just under their corners' rounding."""
    with Image.open(png) as image:
        return image.getpixel((60, 300)), image.getpixel((SHARING[0] - 60, 300))


def test_a_right_to_left_sharing_image_puts_the_promise_on_the_right(arabic: Path) -> None:
    paper, dark = (255, 255, 255), (0, 0, 0)  # the campaign's background (no colours given: white) and the reality's
    assert side_colours(arabic / "og" / "job.en.png") == (paper, dark), "read from the left: the promise first"
    assert side_colours(arabic / "og" / "job.ar.png") == (dark, paper), "read from the right: the promise first"


def test_the_contact_sheet_shows_and_names_every_product_to_approve(sample_output: Path) -> None:
    sheet = sample_output / "print" / "contact-sheet.pdf"
    shown = [row["file"] for row in manifest(sample_output)]  # posters, cards and screens
    with pikepdf.open(sheet) as pdf:
        assert str(pdf.docinfo["/Creator"]).startswith("Typst"), "laid out by Typst"
        pictures = sum(len(page.get_images()) for page in pdf.pages)
    assert pictures == len(shown), "a thumbnail per product"
    text = "".join(word.text for word in words(sheet))
    for name in shown:
        assert name in text, name
    assert "/og/" not in text and ".png" in text, "screens are listed, sharing images are not print products"


def test_no_typst_compile_in_the_builds_own_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens, sharing images and the contact sheet too: a process that compiled with Typst forks workers that hang
    at their first compile."""
    import typst

    build_process, real = os.getpid(), typst.Compiler

    def guarded(*args: Any, **kwargs: Any) -> Any:
        assert os.getpid() != build_process, "a Typst compiler in the build's own process"
        return real(*args, **kwargs)

    monkeypatch.setattr(typst, "Compiler", guarded)
    campaign = Scratch(tmp_path)
    write_arabic_campaign(campaign, stations=True)
    result = run("--content", str(campaign.content), "--output", str(campaign.output), "--cache", str(tmp_path / "cache"))
    assert result.code == 0, result.err
    kinds = {row["kind"] for row in manifest(campaign.output)}
    assert {"poster", "screen"} <= kinds and (campaign.output / "print" / "contact-sheet.pdf").is_file()
    assert list((campaign.output / "og").glob("*.png"))


# --- the sharing image's document, compiled as a PDF in a worker ----------------------------------------------------

@functools.cache
def sample_studio(content: str) -> Any:
    from campaign.content.load import load_site
    from campaign.print.artwork import Studio
    from campaign.print.assets import font_faces
    from campaign.problems import Problems

    site = load_site(Path(content), Problems(), Path(content).parent / "campaign_assets")
    assert site is not None
    return Studio(site, SAMPLE.parent / "theme", font_faces(site.assets), next(CACHE.glob("**/fogra39-*")))


def sharing_in_worker(content: str, card: str, lang: str, titles: tuple[str, str] | None, pdf: Path) -> str | None:
    """In the worker: the card's sharing image as a PDF (its titles replaced by `titles`), as the build proves it;
    or the message when it does not fit."""
    from campaign.content.model import Side
    from campaign.print.pdf import TextDoesNotFit
    from campaign.print.posters import OPEN_GRAPH, PrintJob
    from campaign.print.typst.pictures import TypstPictures

    studio = sample_studio(content)
    original = studio.card(card, lang)
    if titles:
        studio.cards[card, lang] = dataclasses.replace(original, promise=Side(titles[0], original.promise.html),
                                                       reality=Side(titles[1], original.reality.html))
    job = PrintJob("og", f"og/{card}.{lang}.png", (lang,), card)
    try:
        art = studio.open_graph(job)
        pictures = TypstPictures(studio)
        pdf.write_bytes(pictures.proof(art, pictures.inputs(art, None)))
        assert pictures.render(art, None).data.startswith(b"\x89PNG")  # the build's own check passes, and its PNG
        assert OPEN_GRAPH == SHARING
        return None
    except TextDoesNotFit as exc:
        return exc.problem.render()
    finally:
        studio.cards[card, lang] = original


def read(word: Word, wanted: set[str]) -> str:
    """The word as written, if it is one of `wanted`: poppler gives a right-to-left word's letters in the order they
    are drawn, but a ligature's (lam-alef) in its own order, so its letters are compared, not their order."""
    text = unescape(word.text)
    return next((known for known in wanted if sorted(known) == sorted(text)), text)


def title_words(placed: list[Word], title: str) -> None:
    wanted = set(title.split())
    assert {read(word, wanted) for word in placed} >= wanted, f"{title!r}: {placed}"


def test_a_sharing_image_shows_both_sides_titles_and_the_campaign(sample_output: Path, typst_worker: Pool,
                                                                   tmp_path: Path, arabic: Path) -> None:
    pdf = tmp_path / "og.pdf"
    for content, card, lang, name in ((SAMPLE, "true-love", "fr", "Blind Betting"),
                                      (arabic.parent / "content", "job", "ar", "الرهان الأعمى")):
        assert typst_worker.apply(sharing_in_worker, (str(content), card, lang, None, pdf)) is None
        placed = words(pdf)
        card_text = (content / "cards" / f"{card}.{lang}.md").read_text()
        promise, reality = [line[3:] for line in card_text.splitlines() if line.startswith("## ")]
        title_words(placed, promise), title_words(placed, reality), title_words(placed, name)
        only = lambda title, other: [w for w in placed if read(w, set(title.split()) - set(other.split()))
                                     in set(title.split()) - set(other.split())]
        left, right = only(promise, reality), only(reality, promise)  # "Il" is in both of true-love's titles
        assert left and right
        if lang == "ar":
            left, right = right, left
        assert max(word.x1 for word in left) < min(word.x0 for word in right), "the promise first, as it is read"
        for word in placed:
            assert 0 <= word.x0 and word.x1 <= SHARING[0] and 0 <= word.y0 and word.y1 <= SHARING[1], word


TITLE_WORDS = {  # real words, short to a 40-letter German compound (hyphenated where no size fits it whole)
    "fr": "il te rend dépendante un job de mannequin à l'étranger exploitation".split(),
    "de": "es gibt keinen Lohn Arbeitsvermittlungsversprechensgarantien im Gewächshaus".split(),
}


@settings(derandomize=True, max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_title_fits_the_sharing_image_or_names_the_card(sample_output: Path, typst_worker: Pool, tmp_path: Path,
                                                             data: st.DataObject) -> None:
    """Titles from one word to far too many: both printed whole (every word read back from the PDF, inside the
    image), or a message naming the card's file and the image."""
    lang = data.draw(st.sampled_from(sorted(TITLE_WORDS)), label="language")
    title = lambda: " ".join(data.draw(st.integers(1, 150).flatmap(
        lambda n: st.lists(st.sampled_from(TITLE_WORDS[lang]), min_size=n, max_size=n))))
    titles = (title(), title())
    pdf = tmp_path / "og.pdf"
    card = "true-love" if lang == "fr" else "dream-job"
    refused = typst_worker.apply(sharing_in_worker, (str(SAMPLE), card, lang, titles, pdf))
    event("refused" if refused else "printed")
    if refused is not None:
        assert refused.startswith(f"{SAMPLE / 'cards' / f'{card}.{lang}.md'}: the "), refused
        assert f"does not fit on og/{card}.{lang}.png, even at the smallest size readable from a screen (22.0 px)" \
            in refused, refused
        assert max(len(title) for title in titles) > 300, "titles of a few lines always fit"
        return
    text = "".join(unescape(word.text) for word in words(pdf)).replace("-", "").replace("\xad", "")  # hyphens
    for wanted in titles:
        assert wanted.replace(" ", "").replace("-", "") in text


def test_a_46_letter_compound_is_hyphenated_on_the_screen_and_the_sharing_image(scratch: Scratch) -> None:
    """Regression: a screen fitted words whole, as print posters do, and refused a Dutch compound that its 30 px
    floor cannot hold on one line."""
    compound = "Arbeidsbemiddelingsbeloftegarantieregelingen"
    scratch.edit("cards/true-love.nl.md", "## Hij zegt dat hij van je houdt", f"## {compound} in de kassen")
    result = scratch.build()
    assert result.code == 0, result.err
    screen = scratch.output / "print" / "screens" / "blind-betting_antwerpen-centraal_screen_nl.png"
    with Image.open(screen) as image:
        assert image.size == SCREEN
    with Image.open(scratch.output / "og" / "true-love.nl.png") as image:
        assert image.size == SHARING
