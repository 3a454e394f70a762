"""The preview's HTTP side: output/ and the preview's own pages, on 127.0.0.1, to the team's browser only.

A page on another site can reach 127.0.0.1 through DNS rebinding (its own name made to point here): only requests
addressed to this preview by name (`Host: 127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`) are answered. A client
that stops sending is dropped after READ_SECONDS; connections (MAX_CONNECTIONS) and event streams (pages.MAX_STREAMS)
are bounded, the excess answered 503 at once. A bad request gets a status, a client that goes away is let go: the
team's terminal shows neither tracebacks nor the output's absolute path. Only files that are inside output/, once
links are resolved, are served; HEAD answers as GET would, without the body.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

from ..content.regular import special
from .live import PREFIX, STATIC, inject
from .pages import Preview

HOSTS = ("127.0.0.1", "localhost", "[::1]")
READ_SECONDS = 10.0
"""A request must arrive this quickly (each read of it): a slow client no longer holds a thread for as long as it
wishes."""
MAX_CONNECTIONS = 32
"""Connections served at once: a browser opens six per site, and each open page one event stream."""
MAX_SEGMENT = 255
"""A path segment longer than a file name can be (255 bytes on Linux, macOS, Windows) is answered 414."""
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
"""The preview's own pages: only its script, style sheet, the output's images and its event stream."""
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 41\r\nRetry-After: 1\r\n"
        b"Connection: close\r\n\r\nThe preview is busy: too many connections.")


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, at most `connections` of them; errors of a request never reach the terminal."""

    daemon_threads = True  # open event streams must not keep the preview alive after Ctrl+C
    request_queue_size = 128  # a burst of connections waits to be answered (503 for the excess), not dropped

    def __init__(self, address: tuple[str, int], handler: type[PreviewHandler] | object,
                 connections: int = MAX_CONNECTIONS) -> None:
        super().__init__(address, handler)  # type: ignore[arg-type]
        self.slots = threading.BoundedSemaphore(connections)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        if not self.slots.acquire(blocking=False):
            refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away or stopped sending (OSError) is no news; anything else is said in one line, without
        a traceback or a path."""
        kind = sys.exc_info()[0]
        if kind is not None and not issubclass(kind, OSError):
            print(f"preview: a request could not be answered ({kind.__name__})", file=sys.stderr)


def refuse(request: socket.socket) -> None:
    """Answer 503 from the accepting thread without waiting on the client: what it sent so far is read if it is
    there (closing on unread data would reset the connection before the answer arrives)."""
    try:
        request.setblocking(False)
        try:
            request.recv(65536)
        except BlockingIOError:
            pass
        request.send(BUSY)
    except OSError:
        pass


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves output/ (re-resolved on every request, so a swapped-in build shows at once), with the preview's own
    additions when `preview` is set."""

    preview: Preview | None = None
    timeout = READ_SECONDS  # set on the socket by StreamRequestHandler

    @property
    def prefix(self) -> str:
        return self.preview.prefix if self.preview else ""

    def parse_request(self) -> bool:
        """The request line and headers, then: addressed to this preview by name, an absolute path, no segment
        longer than a file name."""
        if not super().parse_request():
            return False
        port = self.server.server_address[1]
        host = self.headers.get("Host")
        if host is None:
            self.send_error(HTTPStatus.BAD_REQUEST, "A Host header is needed")
            return False
        if host.strip().lower() not in {f"{name}:{port}" for name in HOSTS}:
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, f"The preview answers only at http://127.0.0.1:{port}/")
            return False
        if not self.path.startswith("/"):  # (a leading // the standard library has made one /)
            self.send_error(HTTPStatus.BAD_REQUEST, "The address must be a path")
            return False
        if any(len(segment) > MAX_SEGMENT for segment in self.target()[0].split("/")):
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG, "A part of the address is longer than a file name can be")
            return False
        return True

    def target(self) -> tuple[str, str]:
        """(path, query) of the request; split by hand, as urlsplit would read `//host/x` as a host."""
        path, _, query = self.path.split("#", 1)[0].partition("?")
        return path, query

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.respond()

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond()  # the same routing; send_body and send_file leave the body out

    def respond(self) -> None:
        path, query = self.target()
        if self.preview is not None:
            if path in ("/", PREFIX):
                return self.send_html(self.preview.home())
            if path.startswith(PREFIX):
                return self.send_preview(path.removeprefix(PREFIX), urllib.parse.parse_qs(query))
        file = self.inside(self.translate_path(path))
        if file is not None and file.is_dir():
            if not path.endswith("/"):  # as a host does: relative links in the page need the slash
                return self.redirect(path + "/" + (f"?{query}" if query else ""))
            file = self.inside(str(file / "index.html"))
        if file is None or special(file) is not None:
            return self.send_error(HTTPStatus.NOT_FOUND)
        if self.preview is not None and file.suffix == ".html":
            return self.send_page(file)
        return self.send_file(file)

    def inside(self, path: str) -> Path | None:
        """The existing file or folder at `path`, links resolved, if it lies inside output/: a link placed in
        output/ is never followed out of it."""
        root = Path(self.directory).resolve()
        try:
            found = Path(path).resolve()
            found.stat()
        except (OSError, ValueError):  # missing, a name too long, a NUL byte (%00), a link loop
            return None
        return found if found.is_relative_to(root) else None

    def send_preview(self, name: str, query: dict[str, list[str]]) -> None:
        assert self.preview is not None
        if name == "events":
            since = (query.get("since") or ["0"])[0] or "0"
            if not re.fullmatch(r"[0-9]{1,18}", since):
                return self.send_error(HTTPStatus.BAD_REQUEST, "since must be a build number")
            return self.send_events(int(since))
        if name == "view":
            file = self.output_file((query.get("file") or [""])[0])
            if file is None:
                return self.send_error(HTTPStatus.NOT_FOUND)
            return self.send_html(self.preview.view(file))
        if name in ("live.js", "preview.css"):
            body = (STATIC / name).read_bytes()
            return self.send_body(body, "text/javascript" if name.endswith(".js") else "text/css")
        return self.send_error(HTTPStatus.NOT_FOUND)

    def output_file(self, name: str) -> str | None:
        """`name` when it is the relative path of a file of the output (never an address elsewhere:
        `//host/x.png`, `/evil.example/x.png`, `https://…`), else None."""
        relative = PurePosixPath(name)
        if not name or relative.is_absolute() or "\\" in name or ":" in name or ".." in relative.parts:
            return None
        file = self.inside(os.path.join(self.directory, *relative.parts))
        return relative.as_posix() if file is not None and file.is_file() else None

    def send_page(self, file: Path) -> None:
        """An HTML page from output/, with the live script added."""
        assert self.preview is not None
        html = inject(file.read_text(encoding="utf-8", errors="replace"), self.preview.channel.start)
        self.send_body(html.encode(), "text/html; charset=utf-8")

    def send_file(self, file: Path) -> None:
        """Any other file of the output, as it is (posters are megabytes: copied, not read at once)."""
        try:
            handle = file.open("rb")
        except OSError:
            return self.send_error(HTTPStatus.NOT_FOUND)
        with handle:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(str(file)))
            self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
            self.send_header("Cache-Control", "no-store")  # the preview changes under the browser's feet
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(handle, self.wfile)

    def send_events(self, since: int) -> None:
        """A stream of updates (server-sent events) until the page goes away; a bounded number at once."""
        assert self.preview is not None
        streams = self.preview.streams
        if not streams.acquire(blocking=False):
            return self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "Too many open event streams")
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            while self.command != "HEAD":
                update = self.preview.channel.wait(since, seconds=15)
                self.wfile.write(update.event() if update else b": still here\n\n")
                self.wfile.flush()
                since = update.number if update else since
        except OSError:  # the page went away, or stopped reading
            self.close_connection = True
        finally:
            streams.release()

    def send_html(self, html: str) -> None:
        """One of the preview's own pages, under its policy."""
        self.send_body(html.encode(), "text/html; charset=utf-8", csp=True)

    def send_body(self, body: bytes, kind: str, status: int = 200, csp: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # the preview changes under the browser's feet
        if csp:
            self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def translate_path(self, path: str) -> str:
        # A campaign under a path (https://x.org/campaign/) links to /campaign/...: serve it from the root.
        if self.prefix and path.startswith(self.prefix + "/"):
            path = path[len(self.prefix):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the campaign's own "not found" page, in the language of its address, as the
        host would serve it (nginx.conf, _headers), not Python's."""
        page = self.not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        html = page.read_text(encoding="utf-8", errors="replace")
        if self.preview is not None:
            html = inject(html, self.preview.channel.start)
        self.send_body(html.encode(), "text/html; charset=utf-8", status=404)

    def not_found_page(self) -> Path | None:
        root = Path(self.directory)
        language = self.target()[0].removeprefix(self.prefix).strip("/").split("/")[0]
        own = [root / language / "404.html"] if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", language) else []
        return next((page for page in [*own, root / "404.html"]
                     if (found := self.inside(str(page))) is not None and found.is_file()), None)

    def log_message(self, format: str, *args: object) -> None:  # keep the terminal for build messages
        pass
