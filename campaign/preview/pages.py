"""The preview's own pages, never published: a home page listing every page and print preview, and a viewer for
one print preview, both from the builds' state."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from .builds import Builds
from .live import Channel

TEMPLATES = Path(__file__).parent / "templates"
MAX_STREAMS = 8
"""Event streams open at once (a browser tab each): more are refused (503), so they cannot hold every thread."""


@dataclass
class Preview:
    """What the server shows besides output/: a home page and a viewer, from the builds' state."""

    builds: Builds
    env: Environment = field(default_factory=lambda: Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True))
    streams: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(MAX_STREAMS))
    """One for each open event stream."""

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
        """The viewer of one output file (`file`: relative, checked by the server to be one of the output's)."""
        return self.env.get_template("view.html").render(file=file, build=self.channel.start, prefix=self.prefix)
