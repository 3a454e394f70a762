"""`python build.py serve`: the preview on 127.0.0.1, refreshed by itself on every save.

After a save the pages are built and published at once (a fraction of a second: only what the save
changed is rendered), open pages reload; the print products that show the change follow, made in the
background by worker processes kept warm between saves, for the latest save only (builds.py), and open
poster previews reload. A failed build keeps the last good site, as `build.py` leaves output/ untouched,
and shows its problems in the open pages as well as in the terminal. The preview adds a home page at its
root, a script and an event stream (live.py); none of it is ever written to output/.
"""
from __future__ import annotations

import errno
import functools
import re
import signal
import socket
import sys
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from watchfiles import Change, DefaultFilter, watch

from .. import workers
from ..content.leftovers import is_leftover
from ..options import PROJECT, Options
from .builds import Builds
from .live import PREFIX, STATIC, Channel, inject

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_PORT = 8000
NEXT_PORTS = 20
"""Without --port, the preview takes 8000 or the first free port of the next ones (a second preview, say)."""
STEP_MS = 20
"""How long the watcher waits for more changes after one before it builds: editors save in bursts."""
WAKE_MS = 200


@dataclass
class Preview:
    """What the server shows besides output/: a home page and a viewer, from the builds' state."""

    builds: Builds
    env: Environment = field(default_factory=lambda: Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True))

    @property
    def prefix(self) -> str:
        return self.builds.prefix

    @property
    def channel(self) -> Channel:
        return self.builds.channel

    def home(self) -> str:
        """Every page per language and every print preview, each a link, with the last build's problems."""
        builds = self.builds
        built = builds.built
        languages = []
        prints = []
        landings = []
        if built:
            for lang in built.site.campaign.languages:
                pages = [(page.key.replace(":", " ") if page.key.startswith(("card:", "page:")) else page.key, page.path)
                         for page in built.plan.language(lang) if not page.key.startswith("landing:")]
                languages.append((lang, pages))
            prints = [(Path(job.file).name, f"print/previews/{Path(job.file).stem}.png", job.file)
                      for job in built.prints.jobs if job.kind != "og"]
            landings = [(job.landing_path, Path(job.file).name) for job in built.prints.landings()]
        name = built.site.campaign.slug if built else "no build yet"
        return self.env.get_template("home.html").render(
            name=name, build=self.channel.start, problems=builds.problems, failed=builds.failed,
            languages=languages, prints=prints, landings=landings, prefix=self.prefix)

    def view(self, file: str) -> str:
        return self.env.get_template("view.html").render(file=file, build=self.channel.start, prefix=self.prefix)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves output/ (re-resolved on every request, so a swapped-in build shows at once), with the
    preview's own additions."""

    preview: Preview | None = None

    @property
    def prefix(self) -> str:
        return self.preview.prefix if self.preview else ""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        address = urllib.parse.urlsplit(self.path)
        if self.preview is not None:
            if address.path in ("/", PREFIX):
                return self.send_html(self.preview.home())
            if address.path.startswith(PREFIX):
                return self.send_preview(address)
            if address.path.endswith((".html", "/")):
                return self.send_page()
        return super().do_GET()

    def send_preview(self, address: urllib.parse.SplitResult) -> None:
        name = address.path.removeprefix(PREFIX)
        query = urllib.parse.parse_qs(address.query)
        if name == "events":
            return self.send_events(int((query.get("since") or ["0"])[0] or 0))
        if name == "view":
            return self.send_html(self.preview.view((query.get("file") or [""])[0]))
        if name in ("live.js", "preview.css"):
            body = (STATIC / name).read_bytes()
            return self.send_body(body, "text/javascript" if name.endswith(".js") else "text/css")
        return self.send_error(404)

    def send_page(self) -> None:
        """An HTML page from output/, with the live script added (and a 404 page for a missing one)."""
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return self.send_error(404)
        html = inject(file.read_text(encoding="utf-8"), self.preview.channel.start)
        self.send_body(html.encode(), "text/html; charset=utf-8")

    def send_events(self, since: int) -> None:
        """A stream of updates (server-sent events) until the page goes away."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                update = self.preview.channel.wait(since, seconds=15)
                self.wfile.write(update.event() if update else b": still here\n\n")
                self.wfile.flush()
                since = update.number if update else since
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_html(self, html: str) -> None:
        self.send_body(html.encode(), "text/html; charset=utf-8")

    def send_body(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # the preview changes under the browser's feet
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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
        html = page.read_text(encoding="utf-8")
        if self.preview is not None:
            html = inject(html, self.preview.channel.start)
        self.send_body(html.encode(), "text/html; charset=utf-8", status=404)

    def not_found_page(self) -> Path | None:
        root = Path(self.directory)
        language = self.path.removeprefix(self.prefix).strip("/").split("/")[0]
        own = [root / language / "404.html"] if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language) else []
        return next((page for page in [*own, root / "404.html"] if page.is_file()), None)

    def log_message(self, format: str, *args: object) -> None:  # keep the terminal for build messages
        pass


def serve(options: Options, port: int | None) -> int:
    """The preview on `port`, or with none given on 8000 or the next free port after it."""
    builds = Builds(options)
    preview = Preview(builds)
    handler = functools.partial(type("Handler", (PreviewHandler,), {"preview": preview}),
                                directory=str(options.output.resolve()))
    server = listen(handler, port)  # before building: a busy port is said at once, not after the build
    if server is None:
        builds.close()
        return 1
    signal.signal(signal.SIGTERM, stopped)  # `kill`, a service manager, a test: stop as Ctrl+C does, cleaned up
    from ..site import generator  # noqa: F401  (Pelican and Jinja: loaded once, inherited by each save's page workers)

    if not options.site_only:
        import weasyprint  # noqa: F401  (loaded once here, inherited by the warm print workers)

        from ..print import pdf  # noqa: F401
        builds.warm = workers.warm_pool()  # before any thread starts: forking a threaded process is unsafe
    # Watching starts before the first build, so that a save made while it runs, or just after the preview
    # opens, is built too; the watcher wakes every WAKE_MS to let Ctrl+C through.
    saves = watch(*watched(options), step=STEP_MS, watch_filter=not_leftover, yield_on_timeout=True,
                  rust_timeout=WAKE_MS)
    try:
        next(saves)
        builds.first()
        if not options.output.exists():
            return 1
        server.daemon_threads = True  # open event streams must not keep the preview alive after Ctrl+C
        threading.Thread(target=server.serve_forever, daemon=True).start()
        builds.start_printing()
        shown = server.server_address[1]
        print(f"Preview: http://127.0.0.1:{shown}/  (the site: http://127.0.0.1:{shown}{preview.prefix}/index.html; "
              "Ctrl+C to stop)")
        try:
            for changes in saves:
                if changes:
                    builds.saved()  # changes that came while the last save was built arrive here as one
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        pass  # Ctrl+C (or SIGTERM), also while the first build runs: the previous output stays as it was
    finally:
        server.server_close()
        builds.close()
        if builds.warm is not None:
            builds.warm.terminate()
    return 0


def stopped(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def listen(handler: Callable[..., PreviewHandler], port: int | None) -> ThreadingHTTPServer | None:
    """The server on 127.0.0.1:`port`; with no port given, on 8000 or the next free one (said aloud). None, with
    the reason said, when the port cannot be used."""
    tried = [port] if port is not None else list(range(DEFAULT_PORT, DEFAULT_PORT + NEXT_PORTS))
    for number in tried:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", number), handler)
        except PermissionError:
            print(f"error: port {number} may only be used by the system's administrator: choose a port from 1024 to "
                  f"65535 with --port, e.g. --port {DEFAULT_PORT}", file=sys.stderr)
            return None
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                print(f"error: port {number}: {exc.strerror}: choose another port with --port", file=sys.stderr)
                return None
            continue
        if number != tried[0]:
            print(f"Port {tried[0]} is in use (by another preview, or another program), so this preview uses port "
                  f"{number}; choose one yourself with --port.")
        return server
    free = free_port()
    print(f"error: port {tried[0]} is in use{' (and the next ' + str(NEXT_PORTS - 1) + ')' if len(tried) > 1 else ''}, "
          f"by another preview or another program: stop it, or choose another port with --port, e.g. --port {free}",
          file=sys.stderr)
    return None


def free_port() -> int:
    """A port nobody listens on now, to suggest."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def not_leftover(change: Change, path: str) -> bool:
    """An editor's swap or lock file, or a system's thumbnail cache, changes nothing the build reads."""
    return DefaultFilter()(change, path) and not is_leftover(Path(path).name)


def watched(options: Options) -> list[Path]:
    return [p for p in (options.content, options.theme, options.assets_folder, PROJECT / "pelicanconf.py") if p.exists()]
