"""Stage 3: the print products, rendered in parallel, each checked, none rendered twice.

For every job of the print plan: build its artwork, check its glyphs, render and fit it, finish
the PDF, rasterise a preview, decode its QR code, preflight it and keep its QR images. Results are kept in a cache
keyed by everything that goes into the file, so an unchanged poster is copied, not re-rendered.
Then what comes with them (extras.py): manifests, the QR codes for partners and a preview page; and the contact
sheet (typst/sheet.py).
Everything goes into the cache; `Printed.place` links it into the output (the only part done holding it).
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path

from .. import workers
from ..catalogs import campaign_catalogs
from ..content.model import Site
from ..options import tool_code
from ..problems import Problem, Refused
from ..publish.cache import CHECKSUMS, Cache
from ..publish.staging import Stage, files_digest
from ..workers import Superseded, Turn
from .assets import AssetError, FontFace, OutputProfile, faces_digest, font_faces, missing_characters, output_profile
from .adapt import left_out_notes
from .batches import balanced
from .glyphs import Missing, glyph_problems
from .extras import Product, write_extras
from .posters import PrintJob, PrintPlan, shown_card
from .workshop import Workshop

if TYPE_CHECKING:
    from .artwork import Artwork, Studio
    from .pdf import Rendered
    from .typst.cards import TypstCards
    from .typst.engine import TypstPosters
    from .typst.pictures import TypstPictures


@dataclass(frozen=True)
class Printed:
    """The print products of a build, rendered and kept in the cache: where each goes in the output."""

    problems: list[Problem]
    """Why nothing can be printed (errors: then there are no files), or, as warnings, the posters not printed."""
    files: dict[str, Path] = field(default_factory=dict)
    """Output path (print/…, og/…) → the cached file to link there."""
    later: tuple[str, ...] = ()
    """Products left as published for now, to be made by the next print part (the preview's posters come first)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Each product's cache key, as published (job file → key), and the contact sheet's (SHEET → key): what the next
    print part may leave as it is."""
    notes: list[Problem] = field(default_factory=list)
    """What each poster leaves out (adapt.py): never a reason to stop."""

    def place(self, stage: Stage) -> None:
        """Link every product into the stage: quick, so it is the only part done holding the output."""
        for relative, source in self.files.items():
            stage.place(source, relative)


def print_products(site: Site, prints: PrintPlan, cache: Cache, theme: Path,
                   progress: Callable[[str], None] = lambda stage: None, warm: Pool | None = None,
                   turn: Turn | None = None, shown: dict[str, str] | None = None) -> Printed:
    """Render every print product that is not in the cache yet. `warm`: worker processes kept between builds by
    the preview, their Typst compilers and fonts kept loaded; `turn`: the preview's save this is for, whose work
    stops (Superseded) as soon as a newer save comes. `shown`: the keys of the products the preview shows
    (Printed.keys): the posters are rendered first, the other products and the contact sheet left as shown
    (Printed.later), for the next print part to make."""
    if not prints.jobs:
        return Printed([])
    try:
        faces = font_faces(site.assets, site.campaign.languages)
        profile = output_profile(site.assets, cache)
    except AssetError as exc:
        return Printed([exc.problem])
    too_much = ink_problems(site, profile)
    if too_much:
        return Printed(too_much)
    shop = Workshop(site, theme, cache, faces, profile, fingerprint(theme, site.assets, faces, profile), turn)
    keys = {job.file: job_key(shop, job) for job in prints.jobs}
    todo = [job for job in prints.jobs if cache.find_folder(keys[job.file]) is None]
    later: list[PrintJob] = []
    if shown is not None:  # the preview: the posters first, the other products left as it shows them meanwhile
        later = posters_first(todo, shown, cache)
        todo = [job for job in todo if job not in later]
        keys.update({job.file: shown[job.file] for job in later})
    progress(f"print: {len(todo)} of {len(prints.jobs)} products to render, {len(prints.jobs) - len(todo)} unchanged")
    found = [error for errors in run_batches(shop, todo, keys, warm) for error in errors]
    not_printed = [error for error in found if isinstance(error, Problem) and not error.error]  # adapt.not_printed
    found = [error for error in found if error not in not_printed]
    if found:
        missing = [error for error in found if isinstance(error, Missing)]
        refused = dict.fromkeys(error for error in found if isinstance(error, Problem))  # one missing translation
        return Printed(glyph_problems(site, missing) + list(refused) + not_printed)  # once
    # all but those not printed: an entry found intact above is not read and hashed again
    rendered = {job.file for job in todo}
    made = [job for job in prints.jobs if job.file not in rendered or cache.find_folder(keys[job.file]) is not None]
    keys = {job.file: keys[job.file] for job in made}
    files: dict[str, Path] = {}
    products = [collect(shop, job, keys[job.file], files) for job in made]
    notes = left_out_notes(site, products)  # what each poster leaves out, and which are not printed
    every = hashlib.sha256(''.join(keys.values()).encode()).hexdigest()[:32]
    extras = cache.find_folder(f"extras-{every}")
    if extras is None:
        work = cache.new_folder(f"extras-{every}")
        write_extras(shop, products, work)
        extras = cache.keep_folder(f"extras-{every}", work)
    files.update({f"print/{path.name}": path for path in extras.iterdir() if path.name != CHECKSUMS})
    sheet = f"sheet-{every}"
    if later and shown is not None and SHEET in shown and cache.find(shown[SHEET]) is not None:
        sheet = shown[SHEET]  # the posters first: the contact sheet comes with the other products
    files[SHEET] = cache.find(sheet) or contact_sheet(shop, products, sheet, warm)
    return Printed(not_printed, files, later=tuple(job.file for job in later), keys=keys | {SHEET: sheet}, notes=notes)


def contact_sheet(shop: Workshop, products: list[Product], key: str, warm: Pool | None) -> Path:
    """The contact sheet of `products`, kept in the cache under `key`. Typst work: only in a worker (a process that
    compiled with Typst forks workers that hang), a warm one if any."""
    from .typst.sheet import contact_sheet as laid_out

    if shop.turn is not None:
        shop.turn.check()  # not for a save already replaced
    data = warm.apply(laid_out, (shop, products)) if warm is not None else workers.in_worker(laid_out, shop, products)
    return shop.cache.write(key, data)


def posters_first(todo: list[PrintJob], shown: dict[str, str], cache: Cache) -> list[PrintJob]:
    """The products to leave as shown while the posters to render are made first: those the preview shows (their
    entries still cached). Nothing is left when there is no poster to render: the others are made at once then."""
    if not any(job.kind == "poster" for job in todo):
        return []
    return [job for job in todo if job.kind != "poster" and job.file in shown
            and cache.find_folder(shown[job.file]) is not None]


SHEET = "print/contact-sheet.pdf"


def ink_problems(site: Site, profile: OutputProfile) -> list[Problem]:
    """Inks given exactly in campaign.yml must stay within what the press can take."""
    from .colour import ink_limit

    limit = ink_limit(profile.path)
    return [Problem(site.campaign.path, None, f"print.colours.{name}", f"{sum(cmyk) * 100:.0f} % of ink in all is "
                    f"more than the {limit * 100:.0f} % the print profile allows ({profile.identifier}): lower some "
                    "of the four values", error=True)
            for name, cmyk in site.campaign.print.cmyk.items() if sum(cmyk) > limit + 0.005]


def fingerprint(theme: Path, assets: Path, faces: tuple[FontFace, ...], profile: OutputProfile) -> str:
    """Everything besides the content that a product depends on: the whole tool's code (a layout module, the model,
    a shared helper alike), the print templates, the catalogs, the fonts and the output profile."""
    code = files_digest([*tool_code(), *sorted((theme / "print").rglob("*")),
                         *sorted((theme / "translations").rglob("messages.po")),
                         *campaign_catalogs(assets).values(), profile.path])
    return code + faces_digest(faces)


def job_key(shop: Workshop, job: PrintJob) -> str:
    """Everything the product depends on: the job (its station and format), the cards it shows (the main language's
    where one is missing), the whole of campaign.yml and services.yml as loaded, and the fingerprint. No field is
    picked by hand: a product shows many of them (the languages decide the fallback and the labels' order)."""
    site = shop.site
    cards = {(c.id, c.lang): c for c in site.cards}
    shown = [shown_card(cards, job.card, lang, site.campaign.default_language) for lang in job.languages]
    digest = hashlib.sha256(shop.fingerprint.encode())
    digest.update(repr((job, shown, site.campaign, site.services)).encode())  # reprs leave out paths and line numbers
    return digest.hexdigest()[:32]


def run_batches(shop: Workshop, jobs: list[PrintJob], keys: dict[str, str],
                warm: Pool | None) -> list[list[Problem | Missing]]:
    """Render in two workers: `warm` ones kept between builds (the preview), or new ones for this build."""
    if not jobs:
        return []
    batches = balanced(jobs)
    render = functools.partial(render_batch, shop, keys=keys)
    if warm is not None:
        results = list(warm.map(render, batches))
    else:  # Typst lays every product out: only ever in a worker
        with workers.pool(len(batches)) as pool:
            results = list(pool.map(render, batches))
    if shop.turn is not None:
        shop.turn.check()  # a batch stopped early for a newer save has no results to give
    return results


def render_batch(shop: Workshop, jobs: list[PrintJob], keys: dict[str, str]) -> list[Problem | Missing]:
    """In a worker: render each job into its cache entry; returns the problems (values: they cross back to the main
    process whole), and the characters no font has."""
    from .artwork import Studio

    studio = Studio(shop.site, shop.theme, shop.faces, shop.profile.path)
    # Each Typst compiler (its fonts loaded) is made when the first product of its kind needs it
    layouts = Layouts(functools.cache(functools.partial(typst_posters, studio)),
                      functools.cache(functools.partial(typst_cards, studio)),
                      functools.cache(functools.partial(typst_pictures, studio)))
    errors: list[Problem | Missing] = []
    for job in jobs:
        try:
            errors += render_job(shop, studio, layouts, job, keys[job.file])
        except Refused as exc:  # text that does not fit, a format with no room, a label with no translation
            errors.append(exc.problem)
        except Superseded:
            break  # a newer save came: the worker is free for its products at once
    return errors


@dataclass(frozen=True)
class Layouts:
    """A worker's Typst compilers, each made on first use: posters, card files, pictures (screens, sharing images)."""

    posters: Callable[[], TypstPosters]
    cards: Callable[[], TypstCards]
    pictures: Callable[[], TypstPictures]


def typst_posters(studio: Studio) -> TypstPosters:
    from .typst.engine import TypstPosters

    return TypstPosters(studio)


def typst_cards(studio: Studio) -> TypstCards:
    from .typst.cards import TypstCards

    return TypstCards(studio)


def typst_pictures(studio: Studio) -> TypstPictures:
    from .typst.pictures import TypstPictures

    return TypstPictures(studio)


def render_job(shop: Workshop, studio: Studio, layouts: Layouts, job: PrintJob, key: str) -> list[Problem | Missing]:
    """Lay one product out (Typst, in this worker), finish and check it, and keep it in the cache under `key`."""
    from . import qr
    from .adapt import SCREEN_STEPS, EssentialsDoNotFit, adapting, can_leave, not_printed
    from .artwork import NoRoom
    from .pdf import TextDoesNotFit, finish
    from .poster_artwork import poster_artwork, screen_artwork
    from .preflight import check_pdf, decoded
    from .proofs import code_picture, page_image, preview_side
    from PIL import Image

    code = qr.make(job.url) if job.url else None

    def make(job: PrintJob, left: tuple[str, ...]) -> Artwork:
        return {
            "poster": lambda: poster_artwork(studio, job, code, left=left),
            "screen": lambda: screen_artwork(studio, job, code, left),
            "card": lambda: studio.card_file(job),
            "og": lambda: studio.open_graph(job),
        }[job.kind]()

    try:  # everything it could print: its characters checked, then its first layout
        whole: Artwork | None = make(job, ())
    except NoRoom:  # not at this size: what its adapted layout prints is checked once it is laid out
        whole = None
    if whole is not None and (missing := missing_characters(whole.text, shop.faces)):
        return [Missing(job.file, job.languages, tuple(missing))]

    def draw(art: Artwork) -> tuple[Artwork, Rendered]:
        while True:
            try:
                if job.kind == "card":
                    return art, layouts.cards().render(art)
                if job.kind == "poster":
                    assert code is not None
                    return art, layouts.posters().render(art, code)
                return art, layouts.pictures().render(art, code)
            except TextDoesNotFit:
                kept = len(art.context.get("facts", []))
                if not kept:
                    raise
                # the help line's facts give way first, the last first
                art = poster_artwork(studio, art.job, code, facts=kept - 1, left=art.context["left_out"])

    def attempt(candidate: PrintJob) -> tuple[Artwork, tuple[Artwork, Rendered], tuple[str, ...]]:
        possible = (can_leave(bool(studio.campaign.print.partners), candidate) if candidate.kind == "poster"
                    else SCREEN_STEPS if candidate.kind == "screen" else ())
        reuse = whole is not None and candidate is job
        return adapting(lambda left: whole if reuse and not left else make(candidate, left), draw, possible)

    try:
        _first, (art, rendered), left = attempt(job)
    except EssentialsDoNotFit as exc:
        if job.kind != "poster":
            raise
        return [not_printed(exc.problem, job, attempt)]  # the rest is published (not under --strict)
    if whole is None and (missing := missing_characters(art.text, shop.faces)):
        return [Missing(job.file, job.languages, tuple(missing))]
    if shop.turn is not None:
        shop.turn.check()  # finishing and checking it takes a while too: not for a save already replaced
    work = shop.cache.new_folder(key)
    product = work / ("product" + Path(job.file).suffix)
    if job.kind in ("poster", "card"):
        finished = finish(rendered.data, art, shop.profile)
        product.write_bytes(finished)
        preview = page_image(finished, long_side=preview_side(art))
        problems = [Problem(Path(job.file), None, "", problem, error=True)
                    for problem in check_pdf(product, studio.inks_for_print.limit)]
    else:  # a screen or sharing image: Typst wrote the picture itself
        preview = Image.open(io.BytesIO(rendered.data)).convert("RGB")
        preview.save(product, compress_level=6)
        problems = []
    if product.suffix == ".png":
        os.link(product, work / "preview.png")  # the image is its own preview
    else:
        preview.convert("RGB").save(work / "preview.png", compress_level=1)  # a proof, rewritten often: speed over size
    if code:  # the code on its own, for partners (print/qr/ and qr-codes.zip)
        (work / "qr.svg").write_bytes(qr.svg_file(code))
        (work / "qr.png").write_bytes(qr.png_for_web(code))
    thumbnail = preview.convert("RGB")
    thumbnail.thumbnail((400, 400))
    thumbnail.save(work / "thumbnail.jpg", quality=80)
    if job.url:
        found = decoded(code_picture(product, art, code, preview) if job.kind == "poster" else preview)
        if found != [job.url]:
            problems.append(Problem(Path(job.file), None, "", f"the QR code reads {found or 'nothing'}, not {job.url}: "
                                    "it must not be printed; make it larger or give it more blank margin", error=True))
    if problems:
        shutil.rmtree(work)
        return problems
    sha256 = hashlib.sha256(product.read_bytes()).hexdigest()
    (work / "meta.json").write_text(json.dumps({"decoded": job.url, "sha256": sha256,
                                                "left_out": list(left),
                                                "modules": code.symbol_size(border=0)[0] if code else None}))
    shop.cache.keep_folder(key, work)
    return []


def collect(shop: Workshop, job: PrintJob, key: str, files: dict[str, Path]) -> Product:
    """Where a product and its preview go, from the cache (`files`); the product, for the manifest."""
    entry = shop.cache.folder / key
    files[job.file] = next(entry.glob("product.*"))
    preview = f"print/previews/{Path(job.file).stem}.png"
    files[preview] = entry / "preview.png"
    if job.code:  # kept apart too, by what it encodes: a poster rendered again leaves its code's file as it was
        for suffix in ("svg", "png"):
            key = f"qr-{job.code}-{hashlib.sha256((job.url or '').encode()).hexdigest()[:8]}-{suffix}"
            files[f"print/qr/{job.code}.{suffix}"] = shop.cache.find(key) or shop.cache.keep(key, entry / f"qr.{suffix}")
    meta = json.loads((entry / "meta.json").read_text())
    return Product(job, preview, entry, meta["sha256"], meta.get("modules"))
