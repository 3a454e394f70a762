"""The two-sided card file laid out by Typst (theme/print/card.typ, campaign/print/typst/cards.py), checked from the
files alone: made by Typst, print-ready PDF 1.4 with two pages, each with its trim and bleed boxes; each side's title
the largest text of its page; the help line's number on the reality side; an Arabic card read from the right, and
card texts from a word to an essay either printed inside the safe area or refused with the card's file named."""
from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import re
import unicodedata
from html import unescape
from collections.abc import Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pdfs import MM, Word, digit_runs, words
from shapes import HELPLINE, LANGS, write_campaign
from support import CACHE, SAMPLE, run

from campaign.print.colour import ink_limit
from campaign.print.preflight import check_pdf

A6 = (105, 148, 3)  # trim width, height and bleed in mm
LANGUAGES = ["nl", "ar", "zh-Hans", "ti"]
SAMPLE_HELPLINE = "078 05 58 00"


@pytest.fixture(scope="session")
def cards_in_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/shapes.py's campaign with no station: its card files alone, in Latin, Arabic, Chinese and Ethiopic."""
    root = tmp_path_factory.mktemp("typst-cards")
    content = write_campaign(root, [])
    (content / "stations.yml").unlink()
    campaign = yaml.safe_load((content / "campaign.yml").read_text(encoding="utf-8"))
    campaign["print"]["card_languages"] = LANGUAGES
    (content / "campaign.yml").write_text(yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--content", str(content), "--output", str(root / "output"), "--cache", str(CACHE))
    assert result.code == 0, result.err
    return root / "output"


def card_files(output: Path) -> list[Path]:
    return sorted((output / "print").glob("*_card-*.pdf"))


def titles(card: Path) -> tuple[str, str]:
    """The promise's and the reality's titles, as the card's Markdown writes them."""
    found = re.findall(r"^## (.+)$", card.read_text(encoding="utf-8"), re.M)
    return found[0], found[1]


def tallest(placed: list[Word]) -> list[Word]:
    """The words whose box is the tallest of the page (in one font's sizes, the largest text)."""
    top = max(word.y1 - word.y0 for word in placed)
    return [word for word in placed if word.y1 - word.y0 > top - 0.01]


def of_title(word: Word, title: str) -> bool:
    """Whether a printed word is (a hyphenated piece of) a word of the title."""
    text = unescape(word.text).rstrip("\u00ad\u2010-")
    return bool(text) and any(text in part for part in title.split())


def test_every_card_is_two_print_ready_pages_made_by_typst(sample_output: Path, cards_in_scripts: Path) -> None:
    limit = ink_limit(next(CACHE.glob("**/fogra39-*")))
    files = card_files(sample_output) + card_files(cards_in_scripts)
    assert len(files) == 16 + len(LANGUAGES)
    width, height, bleed = A6
    for pdf in files:
        assert check_pdf(pdf, limit) == [], pdf.name
        with pikepdf.open(pdf) as document:
            assert "Typst" in str(document.docinfo.get("/Creator", "")), pdf.name
            assert document.pdf_version == "1.4" and len(document.pages) == 2, pdf.name
            for page in document.pages:
                trim, bleed_box = ([float(v) / MM for v in page[key]] for key in ("/TrimBox", "/BleedBox"))
                assert (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)) == (width, height), pdf.name
                assert [round(b - t, 1) for b, t in zip(bleed_box, trim)] == [-bleed, -bleed, bleed, bleed], pdf.name


def test_each_sides_title_is_the_largest_text_of_its_page(sample_output: Path) -> None:
    """On the sample's cards (all in Noto Sans, so a taller word box is a larger size): the promise's title above
    the campaign's name, the reality's above the help numbers, which the reality side carries whole."""
    for pdf in card_files(sample_output):
        card, lang = re.fullmatch(r"blind-betting_card-(.+)_a6_(\w+)", pdf.stem).groups()
        placed = words(pdf)
        for page, title in enumerate(titles(SAMPLE / "cards" / f"{card}.{lang}.md"), 1):
            on_page = [word for word in placed if word.page == page]
            assert all(of_title(word, title) for word in tallest(on_page)), (pdf.name, page)
        back = [word for word in placed if word.page == 2]
        assert any("".join(line) == SAMPLE_HELPLINE.replace(" ", "") for line in digit_runs(pdf)), pdf.name
        number = max(word.y1 - word.y0 for word in back if word.text in SAMPLE_HELPLINE.split())
        assert number < tallest(back)[0].y1 - tallest(back)[0].y0, pdf.name


def test_an_arabic_card_reads_from_the_right(cards_in_scripts: Path) -> None:
    """Each title's words, in the order they are written, go from the right on each line, line after line (poppler
    gives Arabic words in visual order; it cuts off a shadda: such a word is left out); the help line's digits go
    left to right, with who answers it to their left."""
    pdf = cards_in_scripts / "print" / "twee-kanten_card-werk_a6_ar.pdf"
    placed = words(pdf)
    for page, title in enumerate(titles(cards_in_scripts.parent / "content" / "cards" / "werk.ar.md"), 1):
        on_page = [word for word in placed if word.page == page]
        found = [next((w for w in on_page if w.text in (word, word[::-1])), None) for word in title.split()]
        read = [(round(word.y0), -word.x0) for word in found if word is not None]  # top line first, then from the right
        assert len(read) >= 3 and read == sorted(read), (page, title, read)
        assert len({y for y, _x in read}) < len(read), "two words on one line at least"
    back = [word for word in placed if word.page == 2]
    number = [word for word in back if word.text in HELPLINE.split()]
    assert [word.text for word in sorted(number, key=lambda w: w.x0)] == HELPLINE.split(), "in dialling order"
    who = [word for word in back if word.text in (LANGS["ar"].helpline.split()[0], LANGS["ar"].helpline.split()[0][::-1])]
    assert who and who[0].x1 < min(word.x0 for word in number), "who answers it, to the left of the number"


def inked_right(word: Word) -> float:
    """Where a word's ink ends on the right. A Chinese line that ends in full-width punctuation (，。) is set with it half
    as wide, its ink in its left half, while poppler boxes the word at its full advance."""
    if word.text[-1] in "。，、；：！？" and all(unicodedata.east_asian_width(ch) in "WF" for ch in word.text):
        return word.x1 - (word.x1 - word.x0) / len(word.text) / 2
    return word.x1


def test_every_word_of_every_card_lies_inside_the_safe_area(sample_output: Path, cards_in_scripts: Path) -> None:
    for pdf in card_files(sample_output) + card_files(cards_in_scripts):
        with pikepdf.open(pdf) as document:
            x0, y0, x1, y1 = (float(v) for v in document.pages[0].TrimBox)
            top = float(document.pages[0].MediaBox[3])
        margin = 5 * MM - 0.5
        for word in words(pdf):
            assert x0 + margin <= word.x0 and inked_right(word) <= x1 - margin, (pdf.name, word)
            assert top - y1 + margin <= word.core[0] and word.core[1] <= top - y0 - margin, (pdf.name, word)


# --- card texts from a word to an essay, laid out in a worker ------------------------------------------------

WORDS = {  # real words, short to very long
    "fr": "un job de mannequin à l'étranger photographe réservation exploitation administration".split(),
    "nl": "werk in het buitenland paspoort afgepakt Rundumsorglosversprechungsgeschenkpaket uitbuiting".split(),
}


@functools.cache
def sample_studio() -> tuple[Any, list[Any]]:
    """In the worker: the sample's studio and its French card files."""
    from campaign.content.load import load_site
    from campaign.print.artwork import Studio
    from campaign.print.assets import font_faces
    from campaign.print.posters import plan_print
    from campaign.problems import Problems

    site = load_site(SAMPLE, Problems(), SAMPLE.parent / "campaign_assets")
    assert site is not None
    studio = Studio(site, SAMPLE.parent / "theme", font_faces(site.assets), next(CACHE.glob("**/fogra39-*")))
    return studio, [job for job in plan_print(site).jobs if job.kind == "card" and job.languages == ("fr",)]


def card_in_worker(index: int, side: str, title: str, body: str, pdf: Path) -> tuple[dict[str, Any], str | None]:
    """In the worker: French card file `index` laid out by Typst with one side's texts replaced, written to `pdf`.
    Returns the card's file and its safe area (mm), and the message if refused."""
    from campaign.content.model import Side
    from campaign.print.pdf import TextDoesNotFit
    from campaign.print.typst.cards import TypstCards

    studio, jobs = sample_studio()
    job = jobs[index % len(jobs)]
    card = studio.card(job.card, "fr")
    studio.cards[job.card, "fr"] = dataclasses.replace(card, **{side: Side(title, body)})
    try:
        art = studio.card_file(job)
        pdf.write_bytes(TypstCards(studio).render(art).data)
        return {"card": str(card.path), "safe": dataclasses.astuple(art.safe)}, None
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
def test_any_card_text_prints_inside_the_safe_area_or_names_its_file(typst_worker: Pool, tmp_path: Path,
                                                                    data: st.DataObject) -> None:
    """A side's title of one to fourteen words and a text of none to two hundred (a 38-letter compound among them):
    two pages whose every word lies inside the safe area, the side's title the largest text of its page, the help
    line's number on the back; or a message naming the card's file that does not fit."""
    index = data.draw(st.integers(0, 3), label="card")
    side = data.draw(st.sampled_from(["promise", "reality"]), label="side")
    lang = data.draw(st.sampled_from(list(WORDS)), label="words of")
    text = lambda low, high: " ".join(data.draw(st.lists(st.sampled_from(WORDS[lang]), min_size=low, max_size=high)))
    title = text(1, 14)
    pdf = tmp_path / "card.pdf"
    found, refused = typst_worker.apply(card_in_worker, (index, side, title, f"<p>{text(0, 200)}</p>", pdf))
    if refused:
        assert found["card"] in refused and f"the {side} side of the card (fr) does not fit" in refused, refused
        event("does not fit")
        return
    event("printed")
    placed = words(pdf)
    assert {word.page for word in placed} == {1, 2}
    x, y, w, h = (v * MM for v in found["safe"])
    for word in placed:
        assert x - 1 <= word.x0 and word.x1 <= x + w + 1, word
        assert y - 1 <= word.core[0] and word.core[1] <= y + h + 1, word
    page = 1 if side == "promise" else 2
    assert all(of_title(word, title) for word in tallest([word for word in placed if word.page == page]))
    assert any("".join(line) == SAMPLE_HELPLINE.replace(" ", "") for line in digit_runs(pdf))


@pytest.mark.parametrize("side, below", [("promise", "Blind Betting"), ("reality", SAMPLE_HELPLINE)])
def test_a_long_text_keeps_its_sides_title_above_the_box_under_it(typst_worker: Pool, tmp_path: Path, side: str,
                                                                  below: str) -> None:
    """A text that brings a side near the smallest size: the box under it, which has room to grow (the campaign's
    name; the help numbers), is held below the side's title (uncapped, it came out larger)."""
    body = " ".join((WORDS["fr"] * 20)[:150])
    found, refused = typst_worker.apply(card_in_worker, (0, side, "Un titre", f"<p>{body}</p>", tmp_path / "c.pdf"))
    assert refused is None, refused
    page = [word for word in words(tmp_path / "c.pdf") if word.page == (1 if side == "promise" else 2)]
    under = max(word.y1 - word.y0 for word in page if word.text in below.split())
    title = min(word.y1 - word.y0 for word in page if word.text in ("Un", "titre"))
    assert under < title


def test_a_number_in_a_cards_text_is_never_broken_across_lines(typst_worker: Pool, tmp_path: Path) -> None:
    """Wherever the line would end, the number stays whole on one line (card.typ's `running`)."""
    for words_before in range(0, 24, 3):
        body = "<p>" + "Appelez " * words_before + "le 033 448 11 86 maintenant, jour et nuit.</p>"
        found, refused = typst_worker.apply(card_in_worker, (1, "reality", "Un titre", body, tmp_path / "c.pdf"))
        assert refused is None, refused
        runs = [" ".join(line) for line in digit_runs(tmp_path / "c.pdf") if "448" in line or "86" in line]
        assert "033 448 11 86" in runs and all(run in ("033 448 11 86", SAMPLE_HELPLINE) for run in runs), runs


def test_a_card_alone_is_laid_out_in_a_worker(tmp_path: Path) -> None:
    """A build whose only product is a card file: Typst compiles it in a worker, never in the build's own process
    (a process that compiled with Typst forks workers that hang; the preview and the tests build again and again)."""
    import shutil

    from campaign.content.load import load_site
    from campaign.print.posters import PrintPlan, plan_print
    from campaign.print.products import print_products
    from campaign.print.typst.engine import compiler
    from campaign.problems import Problems
    from campaign.publish.cache import Cache

    site = load_site(SAMPLE, Problems(), SAMPLE.parent / "campaign_assets")
    assert site is not None
    card = next(job for job in plan_print(site).jobs if job.kind == "card")
    (tmp_path / "print").mkdir()
    shutil.copy(next(CACHE.glob("print/fogra39-*")), tmp_path / "print")  # the profile, not the products
    printed = print_products(site, PrintPlan((card,)), Cache(tmp_path / "print"), SAMPLE.parent / "theme")
    assert printed.problems == [] and printed.files[card.file].is_file()
    assert compiler.cache_info().currsize == 0, "Typst compiled in the build's own process"
