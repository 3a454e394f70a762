"""Stage 3: the print products, rendered in parallel, each checked, none rendered twice.

For every job of the print plan: build its artwork, check its glyphs, render and fit it, finish
the PDF, rasterise a preview, decode its QR code, preflight it and keep its QR images. Results are kept in a cache
keyed by everything that goes into the file, so an unchanged poster is copied, not re-rendered.
Then: previews, a labelled contact sheet, manifest.csv/json, the QR codes for partners and an
unlinked preview page (print/index.html).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import shutil
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

from .. import workers
from ..catalogs import campaign_catalogs
from ..content.model import Site
from ..problems import Problem
from ..publish.cache import CHECKSUMS, Cache
from ..publish.staging import Stage, files_digest
from .assets import AssetError, FontFace, OutputProfile, faces_digest, font_faces, missing_characters, output_profile
from .glyphs import Missing, glyph_problems
from .posters import PrintJob, PrintPlan
from .qr import QUIET_ZONE

if TYPE_CHECKING:
    import segno

    from .artwork import Artwork

CODE = Path(__file__).parent


@dataclass(frozen=True)
class Workshop:
    """What every worker needs, computed once per build."""

    site: Site
    theme: Path
    cache: Cache
    faces: tuple[FontFace, ...]
    profile: OutputProfile
    fingerprint: str
    """Hash of the code, templates, fonts and profile: any change there invalidates every product."""


def print_products(site: Site, prints: PrintPlan, stage: Stage, cache: Cache, theme: Path,
                   progress: Callable[[str], None] = lambda stage: None, warm: Pool | None = None) -> list[Problem]:
    """Write every print product into `stage`; returns the problems found (none on success). `warm`: worker
    processes kept between builds by the preview, WeasyPrint and its fonts already loaded."""
    if not prints.jobs:
        return []
    try:
        faces = font_faces(site.assets)
        profile = output_profile(site.assets, cache)
    except AssetError as exc:
        return [as_problem(str(exc))]
    too_much = ink_problems(site, profile)
    if too_much:
        return [as_problem(message) for message in too_much]
    shop = Workshop(site, theme, cache, faces, profile, fingerprint(theme, site.assets, faces, profile))
    keys = {job.file: job_key(shop, job) for job in prints.jobs}
    todo = [job for job in prints.jobs if cache.find_folder(keys[job.file]) is None]
    progress(f"print: {len(todo)} of {len(prints.jobs)} products to render, {len(prints.jobs) - len(todo)} unchanged")
    found = [error for errors in run_batches(shop, todo, keys, warm) for error in errors]
    if found:
        missing = [error for error in found if isinstance(error, Missing)]
        messages = dict.fromkeys(error for error in found if isinstance(error, str))  # one missing translation
        return glyph_problems(site, missing) + [as_problem(message) for message in messages]  # stops a language: once
    products = [collect(shop, job, keys[job.file], stage) for job in prints.jobs]
    key = f"extras-{hashlib.sha256(''.join(keys.values()).encode()).hexdigest()[:32]}"
    extras = cache.find_folder(key)
    if extras is None:
        work = cache.new_folder(key)
        write_extras(shop, prints, products, work)
        extras = cache.keep_folder(key, work)
    for path in extras.iterdir():
        if path.name != CHECKSUMS:
            stage.place(path, Path("print") / path.name)
    return []


def as_problem(message: str) -> Problem:
    """A worker's message, `path: what is wrong`, as a problem of that file."""
    path, _, what = message.partition(": ")
    return Problem(Path(path), None, "", what, error=True)


def ink_problems(site: Site, profile: OutputProfile) -> list[str]:
    """Inks given exactly in campaign.yml must stay within what the press can take."""
    from .colour import Inks

    limit = Inks(profile.path).limit
    return [f"{site.campaign.path}: print.colours.{name}: {sum(cmyk) * 100:.0f} % of ink in all is more than the "
            f"{limit * 100:.0f} % the print profile allows ({profile.identifier}): lower some of the four values"
            for name, cmyk in site.campaign.print.cmyk.items() if sum(cmyk) > limit + 0.005]


def fingerprint(theme: Path, assets: Path, faces: tuple[FontFace, ...], profile: OutputProfile) -> str:
    shared = (CODE.parent / name for name in ("l10n.py", "tags.py", "catalogs.py"))
    code = files_digest([*sorted(CODE.glob("*.py")), *shared, *sorted((theme / "print").glob("*")),
                         *sorted((theme / "translations").rglob("*.po")),
                         *campaign_catalogs(assets).values(), profile.path])
    return code + faces_digest(faces)


def job_key(shop: Workshop, job: PrintJob) -> str:
    """Everything the product depends on: the job, the campaign's content it shows, and the fingerprint."""
    site = shop.site
    cards = {(c.id, c.lang): c for c in site.cards}
    shown = [cards.get((job.card, lang)) or cards.get((job.card, site.campaign.default_language)) for lang in job.languages]
    digest = hashlib.sha256(shop.fingerprint.encode())
    digest.update(repr((job, shown, site.services, site.campaign.print, site.campaign.name, site.campaign.colours,
                        site.campaign.start, site.campaign.base_url, site.campaign.main_help_line,
                        site.campaign.regions)).encode())  # the main help line comes first on posters and cards
    return digest.hexdigest()[:32]


def run_batches(shop: Workshop, jobs: list[PrintJob], keys: dict[str, str], warm: Pool | None) -> list[list[str | Missing]]:
    """Render in two workers: `warm` ones kept between builds (the preview), or new ones for this build."""
    if not jobs:
        return []
    batches = balanced(jobs)
    render = functools.partial(render_batch, shop, keys=keys)
    if warm is not None:
        return list(warm.map(render, batches))
    if len(batches) == 1:
        return [render(batches[0])]
    with workers.pool(len(batches)) as pool:
        return list(pool.map(render, batches))


COST = {"poster": 3.0, "screen": 2.0, "card": 1.5, "og": 0.5}
"""About how long each kind of product takes, relative to the others."""
SHARED_COST = 0.4
"""What a product costs when one before it on the same worker fitted the same texts in the same proportions."""


def balanced(jobs: list[PrintJob]) -> list[list[PrintJob]]:
    """The jobs as one batch per worker, about equally long. Products that show the same texts in the same
    proportions (A0 and B1, say) stay together, so their worker fits those texts once."""
    families: dict[tuple[object, ...], list[PrintJob]] = {}
    for job in jobs:
        fmt = job.format
        proportion = round(math.log(fmt.width_mm / fmt.height_mm) / math.log(1.03)) if fmt else None
        regions = job.station.regions if job.station else ()
        families.setdefault((job.kind, job.card, job.languages, regions, proportion), []).append(job)
    loads: list[tuple[float, list[PrintJob]]] = [(0.0, []) for _ in range(min(workers.CORES, len(families)))]
    for members in sorted(families.values(), key=family_cost, reverse=True):  # the longest first, to the least busy
        index = min(range(len(loads)), key=lambda i: loads[i][0])
        loads[index] = (loads[index][0] + family_cost(members), loads[index][1] + members)
    return [batch for _load, batch in loads]


def family_cost(members: list[PrintJob]) -> float:
    return COST[members[0].kind] * (1 + SHARED_COST * (len(members) - 1))


def render_batch(shop: Workshop, jobs: list[PrintJob], keys: dict[str, str]) -> list[str | Missing]:
    """In a worker: render each job into its cache entry; returns error messages, and the characters no font has."""
    from .artwork import NoRoom, Studio, Untranslated  # WeasyPrint loads here, in the workers, only when something changed
    from .fetcher import local_fetcher
    from .pdf import Fitter, TextDoesNotFit

    studio = Studio(shop.site, shop.theme, shop.faces, shop.profile.path)
    fitter = Fitter(studio.env, local_fetcher(shop.theme, shop.site.assets, shop.cache.folder))
    errors: list[str | Missing] = []
    for job in jobs:
        try:
            errors += render_job(shop, studio, fitter, job, keys[job.file])
        except (TextDoesNotFit, Untranslated, NoRoom) as exc:
            errors.append(str(exc))
    return errors


def render_job(shop: Workshop, studio: object, fitter: object, job: PrintJob, key: str) -> list[str | Missing]:
    from . import qr
    from .pdf import finish, raster
    from .poster_artwork import poster_artwork, screen_artwork
    from .preflight import check_pdf, decoded

    code = qr.make(job.url) if job.url else None
    art = {
        "poster": lambda: poster_artwork(studio, job, code),
        "screen": lambda: screen_artwork(studio, job, code),
        "card": lambda: studio.card_file(job),
        "og": lambda: studio.open_graph(job),
    }[job.kind]()
    missing = missing_characters(art.text, shop.faces)
    if missing:
        return [Missing(job.file, job.languages, tuple(missing))]
    rendered = fitter.render(art)
    work = shop.cache.new_folder(key)
    product = work / ("product" + Path(job.file).suffix)
    if job.kind in ("poster", "card"):
        product.write_bytes(finish(rendered.data, art, shop.profile))
        preview = raster(product, long_side=preview_side(art, code))
        problems = [f"{job.file}: {problem}" for problem in check_pdf(product, studio.inks_for_print.limit)]
    else:
        intermediate = work / "layout.pdf"
        intermediate.write_bytes(rendered.data)
        preview = raster(intermediate, long_side=0, size=(round(art.page[0]), round(art.page[1])))
        preview.convert("RGB").save(product, compress_level=6)
        intermediate.unlink()
        problems = []
    preview.convert("RGB").save(work / "preview.png", compress_level=1)  # a proof, rewritten often: speed over size
    if code:  # the code on its own, for partners (print/qr/ and qr-codes.zip)
        (work / "qr.svg").write_bytes(qr.svg_file(code))
        (work / "qr.png").write_bytes(qr.png_for_web(code))
    thumbnail = preview.convert("RGB")
    thumbnail.thumbnail((400, 400))
    thumbnail.save(work / "thumbnail.jpg", quality=80)
    if job.url:
        found = decoded(preview)
        if found != [job.url]:
            problems.append(f"{job.file}: the QR code reads {found or 'nothing'}, not {job.url}: "
                            "it must not be printed; make it larger or give it more blank margin")
    if problems:
        shutil.rmtree(work)
        return problems
    sha256 = hashlib.sha256(product.read_bytes()).hexdigest()
    (work / "meta.json").write_text(json.dumps({"sizes": rendered.sizes, "decoded": job.url, "sha256": sha256}))
    shop.cache.keep_folder(key, work)
    return []


PREVIEW_PX = 1000
MODULE_PX = 3
"""Previews are 1000 px on their long side; longer for strips (300 px across at least), and enough for the QR code
to be decoded from them with 3 px per module."""


def preview_side(art: Artwork, code: segno.QRCode | None) -> int:
    long, short = max(art.page), min(art.page)
    side = max(PREVIEW_PX, min(4 * PREVIEW_PX, 300 * long / short))
    if code is not None and art.qr is not None:
        modules = code.symbol_size(border=0)[0] + 2 * QUIET_ZONE
        side = max(side, MODULE_PX * modules * long / art.qr.w)
    return round(side)


@dataclass(frozen=True)
class Product:
    job: PrintJob
    preview: str
    entry: Path
    """Its cache entry: the thumbnail for the contact sheet (not published), the QR code's images."""
    sha256: str

    @property
    def thumbnail(self) -> Path:
        return self.entry / "thumbnail.jpg"


def collect(shop: Workshop, job: PrintJob, key: str, stage: Stage) -> Product:
    """Link a product and its preview from the cache into the staging folder."""
    entry = shop.cache.folder / key
    stage.place(next(entry.glob("product.*")), job.file)
    preview = f"print/previews/{Path(job.file).stem}.png"
    stage.place(entry / "preview.png", preview)
    if job.code:  # kept apart too, by what it encodes: a poster rendered again leaves its code's file as it was
        for suffix in ("svg", "png"):
            key = f"qr-{job.code}-{hashlib.sha256((job.url or '').encode()).hexdigest()[:8]}-{suffix}"
            stage.place(shop.cache.find(key) or shop.cache.keep(key, entry / f"qr.{suffix}"),
                        f"print/qr/{job.code}.{suffix}")
    return Product(job, preview, entry, json.loads((entry / "meta.json").read_text())["sha256"])


def write_extras(shop: Workshop, prints: PrintPlan, products: list[Product], folder: Path) -> None:
    """Manifests, the QR codes' zip, contact sheet and preview page, into `folder` (print/ of the output)."""
    rows = [manifest_row(p) for p in products if p.job.kind != "og"]
    (folder / "manifest.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_FIELDS)  # a campaign may print nothing, share images only
        writer.writeheader()
        writer.writerows(rows)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for product in products:
            if product.job.code:
                for suffix in ("svg", "png"):
                    bundle.write(product.entry / f"qr.{suffix}", f"{Path(product.job.file).stem}.{suffix}")
    (folder / "qr-codes.zip").write_bytes(archive.getvalue())
    write_contact_sheet(shop, products, folder / "contact-sheet.pdf")
    write_preview_page(shop, products, folder / "index.html")


MANIFEST_FIELDS = ("file", "kind", "station", "format", "languages", "trim_mm", "bleed_mm", "scale", "printed_mm", "viewing_m",
                   "url", "sha256")


def manifest_row(product: Product) -> dict[str, str]:
    job, fmt = product.job, product.job.format
    return {
        "file": job.file.removeprefix("print/"),
        "kind": job.kind,
        "station": job.station.id if job.station else "",
        "format": fmt.name if fmt else "screen",
        "languages": "-".join(job.languages),
        "trim_mm": f"{fmt.width_mm / fmt.scale:g}x{fmt.height_mm / fmt.scale:g}" if fmt else "",
        "bleed_mm": f"{fmt.bleed_mm / fmt.scale:g}" if fmt else "",
        "scale": f"1:{fmt.scale}" if fmt else "",
        "printed_mm": f"{fmt.width_mm:g}x{fmt.height_mm:g}" if fmt else "",
        "viewing_m": f"{fmt.viewing_m:g}" if fmt and job.kind == "poster" else "",
        "url": job.url or "",
        "sha256": product.sha256,
    }


def write_contact_sheet(shop: Workshop, products: list[Product], target: Path) -> None:
    """One PDF with every product's preview, labelled, for approval (an RGB proof, not a print file)."""
    from jinja2 import Environment, FileSystemLoader
    from weasyprint import HTML

    from .fetcher import local_fetcher

    env = Environment(loader=FileSystemLoader(shop.theme / "print"), autoescape=True)
    shown = [p for p in products if p.job.kind in ("poster", "card", "screen")]
    html = env.get_template("contact-sheet.html").render(products=shown, campaign=shop.site.campaign.slug)
    HTML(string=html, url_fetcher=local_fetcher(shop.theme, shop.site.assets, shop.cache.folder)).write_pdf(target)


def write_preview_page(shop: Workshop, products: list[Product], target: Path) -> None:
    from jinja2 import Environment, FileSystemLoader

    from ..site.policy import CSP

    env = Environment(loader=FileSystemLoader(shop.theme / "print"), autoescape=True)
    campaign = shop.site.campaign
    html = env.get_template("index.html").render(products=[p for p in products if p.job.kind != "og"], csp=CSP,
                                                  prefix=campaign.url_prefix, campaign=campaign.slug)
    target.write_text(html, encoding="utf-8")
