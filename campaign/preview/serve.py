"""`python build.py serve`: preview on 127.0.0.1, rebuilding whenever content or theme change.

A failed rebuild prints its problems and keeps serving the last good site, exactly as a
failed `python build.py` leaves output/ untouched.
"""
from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from ..options import PROJECT, Options
from ..pipeline import build
from ..problems import BuildFailed, report


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves output/ (re-resolved on every request, so a swapped-in build shows at once)."""

    prefix = ""

    def translate_path(self, path: str) -> str:
        # A campaign under a path (https://x.org/campaign/) links to /campaign/...: serve it from the root.
        if self.prefix and path.startswith(self.prefix + "/"):
            path = path[len(self.prefix):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the campaign's own "not found" page, in the language of its address, as the
        host would serve it (nginx.conf, _headers), not Python's."""
        page = self.not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found_page(self) -> Path | None:
        root = Path(self.directory)
        language = self.path.removeprefix(self.prefix).strip("/").split("/")[0]
        own = [root / language / "404.html"] if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language) else []
        return next((page for page in [*own, root / "404.html"] if page.is_file()), None)

    def log_message(self, format: str, *args: object) -> None:  # keep the terminal for build messages
        pass


def rebuild(options: Options) -> str:
    try:
        built = build(options)
    except BuildFailed as exc:
        report(exc.problems)
        print("The preview still shows the last good build. Fix the problems above and save again.")
        return ""
    report(built.problems)
    print(f"Rebuilt {len(built.plan.pages)} pages in {built.seconds:.1f} s.")
    return built.site.campaign.url_prefix


def serve(options: Options, port: int) -> int:
    prefix = rebuild(options)
    if not options.output.exists():
        return 1
    handler = functools.partial(type("Handler", (PreviewHandler,), {"prefix": prefix}),
                                directory=str(options.output.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview: http://127.0.0.1:{port}{prefix}/  (Ctrl+C to stop)")
    try:
        watched = [p for p in (options.content, options.theme, options.assets or options.content.resolve().parent
                                / "campaign_assets", PROJECT / "pelicanconf.py") if p.exists()]
        for _changes in watch(*watched):
            rebuild(options)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
