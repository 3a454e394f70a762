"""A build stopped midway — Ctrl+C or killed outright — leaves the previous output exactly as it was."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import PROJECT, Scratch, tree_digest


def staging_folders(root: Path) -> list[Path]:
    """Leftovers of a stopped build; the spare tree (.output.spare) is a cache and may stay, and so does
    the lock file (.output.lock) that builds into output/ take turns on."""
    return [p for p in root.glob(".output.*") if p.name not in (".output.spare", ".output.lock")]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_a_stopped_build_leaves_the_previous_output_byte_for_byte(scratch: Scratch, tmp_path: Path,
                                                                  stop: signal.Signals) -> None:
    assert scratch.build().code == 0
    before = tree_digest(scratch.output)
    scratch.edit("cards/dream-job.nl.md", "Een fotograaf zegt", "Een fotograaf uit Parijs zegt")
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "output",
                              "--cache", str(tmp_path / "cold-cache")],  # a cold cache: many seconds of rendering
                             cwd=scratch.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert build.stderr is not None
    said = []
    for line in build.stderr:  # stopped as soon as it says it renders: a cold build takes a few seconds now
        said.append(line)
        if "products to render" in line:
            break
    time.sleep(0.3)  # into the rendering itself
    build.send_signal(stop)
    err = "".join(said) + build.communicate(timeout=60)[1]
    assert tree_digest(scratch.output) == before
    if stop == signal.SIGINT:
        assert build.returncode == 130
        assert err.strip().endswith("Stopped. output/ was not changed.")
        assert "Traceback" not in err
    else:
        assert build.returncode == -signal.SIGKILL
    result = scratch.build()
    assert result.code == 0, result.err
    assert not staging_folders(scratch.root), "the next build removes what a killed one left"
    assert "Een fotograaf uit Parijs zegt" in (scratch.output / "nl" / "cards" / "dream-job" / "index.html").read_text()
