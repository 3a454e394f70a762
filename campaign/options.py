"""What a build reads and writes: the command line's options, with their defaults resolved."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
"""Where pelicanconf.py and the default theme/ live: the tool's own folder, whatever campaign it builds."""
TOOL = Path(__file__).resolve().parent
"""The tool's code, the `campaign` package."""


def tool_code() -> list[Path]:
    """Every module of the tool, part of every page's and print product's cache key: an output made by older
    code is never published, whichever module changed (a layout, the model, a shared helper)."""
    return sorted(TOOL.rglob("*.py"))


@dataclass(frozen=True)
class Options:
    """What a build reads and writes; the command line's options, with their defaults resolved."""

    content: Path
    output: Path = Path("output")
    assets: Path | None = None
    """Default: campaign_assets/ beside the content folder."""
    cache: Path | None = None
    """Default: .cache/ beside the output folder."""
    theme: Path = PROJECT / "theme"
    strict: bool = False
    site_only: bool = False
    """Skip the print products: a quicker preview of the website."""
    wait: bool = True
    """When another build is writing the same output: wait for it (else fail at once)."""

    @property
    def cache_folder(self) -> Path:
        return (self.cache or self.output.resolve().parent / ".cache").resolve()

    @property
    def assets_folder(self) -> Path:
        return self.assets or self.content.resolve().parent / "campaign_assets"

    def kept_safe(self) -> dict[str, Path]:
        """The folders a build reads from or keeps things in: its output may not replace them."""
        return {"content": self.content, "assets": self.assets_folder, "theme": self.theme,
                "cache": self.cache_folder, "tool": PROJECT}
