"""What comes with the print products, written once they are all rendered: the manifests (manifest.csv and
manifest.json, for printers), the QR codes for partners (qr-codes.zip) and an unlinked preview page (print/index.html)
for the team. The labelled contact sheet for approval is laid out by Typst (typst/sheet.py) and cached on its own."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import qr
from .formats import scans_from_m, symbol_mm
from .posters import PrintJob
from .workshop import Workshop


@dataclass(frozen=True)
class Product:
    job: PrintJob
    preview: str
    entry: Path
    """Its cache entry: the thumbnail for the contact sheet (not published), the QR code's images."""
    sha256: str
    modules: int | None = None
    """Its QR code's width in modules, as the worker that drew it counted them (encoding it again here took the
    main process 7 ms a poster, after the workers were done)."""

    @property
    def thumbnail(self) -> Path:
        return self.entry / "thumbnail.jpg"


def write_extras(shop: Workshop, products: list[Product], folder: Path) -> None:
    """Manifests, the QR codes' zip and preview page, into `folder` (print/ of the output)."""
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
    write_preview_page(shop, products, folder / "index.html")


MANIFEST_FIELDS = ("file", "kind", "station", "format", "languages", "trim_mm", "file_bleed_mm", "scale", "printed_mm",
                   "bleed_mm", "viewing_m", "qr_mm", "scans_from_m", "url", "sha256")
"""trim_mm and file_bleed_mm as drawn in the file; printed_mm and bleed_mm at full size, what the printer makes (the
same at 1:1: an operator reading `bleed_mm 0.5` for a billboard would stop); qr_mm the QR code's printed width
without its margin, scans_from_m about ten times that."""


def manifest_row(product: Product) -> dict[str, str]:
    job, fmt = product.job, product.job.format
    poster = fmt is not None and job.kind == "poster"
    symbol = symbol_mm(fmt, product.modules or qr.make(job.url).symbol_size(border=0)[0]) if poster and job.url else None
    return {
        "file": job.file.removeprefix("print/"),
        "kind": job.kind,
        "station": job.station.id if job.station else "",
        "format": fmt.name if fmt else "screen",
        "languages": "-".join(job.languages),
        "trim_mm": f"{fmt.width_mm / fmt.scale:g}x{fmt.height_mm / fmt.scale:g}" if fmt else "",
        "file_bleed_mm": f"{fmt.bleed_mm / fmt.scale:g}" if fmt else "",
        "scale": f"1:{fmt.scale}" if fmt else "",
        "printed_mm": f"{fmt.width_mm:g}x{fmt.height_mm:g}" if fmt else "",
        "bleed_mm": f"{fmt.bleed_mm:g}" if fmt else "",
        "viewing_m": f"{fmt.viewing_m:g}" if poster else "",
        "qr_mm": f"{symbol:.1f}" if symbol else "",
        "scans_from_m": f"{scans_from_m(symbol):g}" if symbol else "",
        "url": job.url or "",
        "sha256": product.sha256,
    }


def write_preview_page(shop: Workshop, products: list[Product], target: Path) -> None:
    from jinja2 import Environment, FileSystemLoader

    from ..site.policy import CSP

    env = Environment(loader=FileSystemLoader(shop.theme / "print"), autoescape=True)
    campaign = shop.site.campaign
    html = env.get_template("index.html").render(products=[p for p in products if p.job.kind != "og"], csp=CSP,
                                                  prefix=campaign.url_prefix, campaign=campaign.slug)
    target.write_text(html, encoding="utf-8")
