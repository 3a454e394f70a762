"""Real web servers (Debian's nginx, apache2 and caddy) around the configs the build writes, on 127.0.0.1 on a free
port, started and stopped by the tests. Each serves a copy of a built output; the test's wrapper config only adds what
the host would (listen, root, where the log goes) and a trusted proxy header, so that tests can show the server any
client address (X-Forwarded-For from 127.0.0.1 only)."""
from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support import free_port

SERVERS = ("nginx", "apache2", "caddy")
MODULES = Path("/usr/lib/apache2/modules")
APACHE_MODULES = ("mpm_event", "authz_core", "alias", "dir", "mime", "headers", "setenvif", "remoteip")
STARTING = 15.0
"""Seconds a server may take to answer its first request."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    log: Path

    def get(self, path: str, agent: str = "Mozilla/5.0", address: str | None = None, method: str = "GET") -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"User-Agent": agent, "Host": f"127.0.0.1:{self.port}"}
        if address:
            headers["X-Forwarded-For"] = address
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        connection.close()
        return answer

    def log_lines(self, at_least: int = 1) -> list[str]:
        """The access log so far. A server writes a request's line after the answer is sent, so this waits (up to
        5 s) until the log has `at_least` lines: reading at once lost the last line to Apache in a CI run."""
        lines: list[str] = []
        for _ in range(100):
            lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.is_file() else []
            if len(lines) >= at_least:
                break
            time.sleep(0.05)
        return lines

    def settled_length(self) -> int:
        """How many lines the log has once earlier requests' lines are all written (no change for 0.2 s)."""
        seen = -1
        while (now := len(self.log_lines(at_least=0))) != seen:
            seen = now
            time.sleep(0.2)
        return seen


def available(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def nginx_config(output: Path, folder: Path, port: int) -> list[str]:
    server = (output / "nginx.conf").read_text(encoding="utf-8").replace("/var/log/nginx/", f"{folder}/")
    (folder / "server.conf").write_text(server, encoding="utf-8")
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"error_log {folder}/error.log;\npid {folder}/nginx.pid;\nevents {{}}\nhttp {{\n"
        "    include /etc/nginx/mime.types;\n"
        f"    include {output}/nginx-http.conf;\n"
        f"    server {{\n        listen 127.0.0.1:{port};\n        root {output};\n"
        "        set_real_ip_from 127.0.0.1;\n        real_ip_header X-Forwarded-For;\n"
        f"        include {folder}/server.conf;\n    }}\n}}\n", encoding="utf-8")
    return [available("nginx") or "nginx", "-g", "daemon off;", "-p", str(folder), "-e", str(folder / "error.log"),
            "-c", str(folder / "nginx.conf")]


def apache_config(output: Path, folder: Path, port: int) -> list[str]:
    modules = "".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so\n" for name in APACHE_MODULES)
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    (folder / "apache2.conf").write_text(
        f"{modules}{user}ServerName 127.0.0.1\nListen 127.0.0.1:{port}\nPidFile {folder}/apache2.pid\n"
        f"ErrorLog {folder}/error.log\nTypesConfig /etc/mime.types\nDefine APACHE_LOG_DIR {folder}\n"
        "RemoteIPHeader X-Forwarded-For\nRemoteIPInternalProxy 127.0.0.1\n"
        f"DocumentRoot {output}\nDirectoryIndex index.html\n<Directory {output}>\n    AllowOverride All\n"
        f"    Require all granted\n</Directory>\nInclude {output}/apache.conf\n", encoding="utf-8")
    return [available("apache2") or "apache2", "-d", str(folder), "-f", str(folder / "apache2.conf"), "-DFOREGROUND"]


def caddy_config(output: Path, folder: Path, port: int) -> list[str]:
    (folder / "campaign.caddy").write_text((output / "Caddyfile").read_text(encoding="utf-8").replace(
        "/var/log/caddy/", f"{folder}/"), encoding="utf-8")
    (folder / "Caddyfile").write_text(
        "{\n    admin off\n    auto_https off\n}\n"
        f"http://127.0.0.1:{port} {{\n    root * {output}\n    import {folder}/campaign.caddy\n}}\n", encoding="utf-8")
    return [available("caddy") or "caddy", "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"]


CONFIGS = {"nginx": nginx_config, "apache2": apache_config, "caddy": caddy_config}


@contextmanager
def running(name: str, output: Path, folder: Path) -> Iterator[Server]:
    """The server on a free loopback port until the block ends; stopped (and waited for) whatever happens."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = CONFIGS[name](output, folder, port)
    environment = {**os.environ, "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "HOME": str(folder)}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=(folder / "stderr.log").open("wb"), env=environment)
    log = folder / ("blind-betting.access.log")
    server = Server(name, port, log)
    try:
        wait_until_up(server, process, folder)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_up(server: Server, process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + STARTING
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{server.name} stopped: {errors(folder)}")
        try:
            server.get("/robots.txt", agent="test-start")
            return
        except (ConnectionError, OSError):
            time.sleep(0.1)
    raise AssertionError(f"{server.name} did not answer in {STARTING} s: {errors(folder)}")


def errors(folder: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8", errors="replace")[-2000:]
                    for path in (folder / "stderr.log", folder / "error.log") if path.is_file())


def served_copy(output: Path, into: Path) -> Path:
    """A copy every server's workers can read (Apache's run as www-data), with what may reach a real output folder by
    mistake: a git folder, editors' files and print products."""
    into.mkdir(mode=0o755, parents=True)
    shutil.copytree(output, into / "site")
    site = into / "site"
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    (site / "fr" / ".help.html.swp").write_bytes(b"swap")
    (site / "print").mkdir(exist_ok=True)
    (site / "print" / "poster.pdf").write_bytes(b"%PDF-1.4")
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site
