"""One way through the build (issue 32): the preview composes the pipeline's steps into its parts
(campaign/preview/parts.py) as `build()` does for the command line, so after every save it publishes the files the
command line publishes for the same content, byte for byte. Here with --site-only, saves generated on the Spanish
campaign (tests/spanish.py); with print products, in test_preview_print.py."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import CACHE, file_digests, run

from campaign.options import Options
from campaign.preview.builds import Builds

Save = tuple[str, str, str]
"""(what, language, title): a card's promise title changed, its translation deleted, or a second card added."""

SAVES = st.lists(st.one_of(
    st.tuples(st.just("retitle"), st.sampled_from(["es", "ro", "en"]),
              st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzñçăș "), min_size=1, max_size=30).map(str.strip)
              .filter(bool)),
    st.tuples(st.just("drop"), st.sampled_from(["ro", "en"]), st.just("")),
    st.tuples(st.just("add"), st.just("es"), st.just("")),
), min_size=1, max_size=3)


def save(content: Path, change: Save) -> None:
    what, lang, title = change
    card = content / "cards" / f"example.{lang}.md"
    if what == "retitle" and card.exists():
        lines = card.read_text(encoding="utf-8").splitlines(keepends=True)
        first = next(i for i, line in enumerate(lines) if line.startswith("## "))
        lines[first] = f"## {title}\n"
        card.write_text("".join(lines), encoding="utf-8")
    elif what == "drop":
        card.unlink(missing_ok=True)
    elif what == "add":
        shutil.copy(card, content / "cards" / "second.es.md")


@settings(derandomize=True, max_examples=4, deadline=None)
@given(saves=SAVES)
def test_every_save_publishes_the_pages_the_command_line_does(spanish_content: Path, saves: list[Save]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        preview, command_line = Path(folder) / "preview", Path(folder) / "command-line"
        for root in (preview, command_line):
            shutil.copytree(spanish_content, root / "content")
        builds = Builds(Options(content=preview / "content", output=preview / "output", cache=CACHE, site_only=True))
        try:
            assert builds.first()
            for change in saves:
                for root in (preview, command_line):
                    save(root / "content", change)
                builds.saved()
                assert not builds.failed, builds.problems
                result = run("--content", str(command_line / "content"), "--output", str(command_line / "output"),
                             "--cache", str(CACHE), "--site-only")
                assert result.code == 0, result.err
                assert file_digests(preview / "output") == file_digests(command_line / "output"), change
        finally:
            builds.close()
