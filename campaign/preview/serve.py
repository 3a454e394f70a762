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
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from .. import workers
from ..content.leftovers import is_leftover
from ..options import PROJECT, Options
from .builds import Builds
from .handler import PreviewHandler, PreviewServer
from .pages import Preview

__all__ = ["Preview", "PreviewHandler", "PreviewServer", "serve"]

DEFAULT_PORT = 8000
NEXT_PORTS = 20
"""Without --port, the preview takes 8000 or the first free port of the next ones (a second preview, say)."""
STEP_MS = 20
"""How long the watcher waits for more changes after one before it builds: editors save in bursts."""
WAKE_MS = 200


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
        from ..print import pdf  # noqa: F401  (pikepdf and the print code: loaded once, inherited by the warm workers)

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


def listen(handler: Callable[..., PreviewHandler], port: int | None) -> PreviewServer | None:
    """The server on 127.0.0.1:`port`; with no port given, on 8000 or the next free one (said aloud). None, with
    the reason said, when the port cannot be used."""
    tried = [port] if port is not None else list(range(DEFAULT_PORT, DEFAULT_PORT + NEXT_PORTS))
    for number in tried:
        try:
            server = PreviewServer(("127.0.0.1", number), handler)
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
