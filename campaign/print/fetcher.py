"""What WeasyPrint may load while it lays out a print product: local files in the build's own folders.

WeasyPrint fetches every URL a document names: fonts, images, style sheets, and anything a
partner's logo or a text might point to, over the network too. Logos and texts are checked
when the content is loaded; this is the second lock. Only `file:` URLs inside the allowed
folders (the theme, the campaign's assets, the system fonts, the build's cache) and inline
`data:` URLs are served; anything else is refused without being opened, and WeasyPrint
leaves it out of the product.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

SYSTEM_FONTS = Path("/usr/share/fonts")
"""Where Noto Sans and Noto Sans Arabic come from (print/assets.py)."""


class RefusedURL(ValueError):
    """A URL outside the build's folders; WeasyPrint reports it and leaves the resource out."""


class LocalFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that never touches the network and reads only inside `folders`."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.folders = tuple(folder.resolve() for folder in folders)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"the print build loads nothing from outside its folders, not {url[:100]}")
        path = Path(unquote(parts.path)).resolve()  # links resolved: a link out of a folder is outside it
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise RefusedURL(f"the print build reads files only in the theme, the campaign's assets, the system "
                             f"fonts and its cache, not {path}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})


def local_fetcher(theme: Path, assets: Path, cache: Path) -> LocalFetcher:
    """The fetcher for one build's print products."""
    return LocalFetcher((theme, assets, cache, SYSTEM_FONTS))
