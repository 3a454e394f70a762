"""A build stopped midway — Ctrl+C or killed outright — leaves the previous output exactly as it was."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import PROJECT, Scratch, file_digests


def staging_folders(root: Path) -> list[Path]:
    """Leftovers of a stopped build; the spare tree (.output.spare) is a cache and may stay, and so does
    the lock file (.output.lock) that builds into output/ take turns on."""
    return [p for p in root.glob(".output.*") if p.name not in (".output.spare", ".output.lock")]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_a_stopped_build_leaves_the_previous_output_byte_for_byte(scratch: Scratch, tmp_path: Path,
                                                                  stop: signal.Signals) -> None:
    """Stopped while it renders the print products of a cold cache. A build that ended before the signal came (a
    cold build of the sample takes a few seconds now) proves nothing: it is tried again, at most three times."""
    assert scratch.build().code == 0
    for city in ("Parijs", "Gent", "Luik"):
        before = file_digests(scratch.output)
        scratch.edit("cards/dream-job.nl.md", "Een fotograaf", f"Een fotograaf uit {city},")
        build, err = stopped(scratch, tmp_path / f"cold-cache-{city}", stop)
        if build.returncode != 0:
            break
    changed = sorted(name for name in {*before, *file_digests(scratch.output)}
                     if before.get(name) != file_digests(scratch.output).get(name))
    assert changed == [], f"exit {build.returncode}\n{err}"
    if stop == signal.SIGINT:
        assert build.returncode == 130
        assert err.strip().endswith("Stopped. output/ was not changed.")
        assert "Traceback" not in err
    else:
        assert build.returncode == -signal.SIGKILL
    result = scratch.build()
    assert result.code == 0, result.err
    assert not staging_folders(scratch.root), "the next build removes what a killed one left"
    assert f"Een fotograaf uit {city}," in (scratch.output / "nl" / "cards" / "dream-job" / "index.html").read_text()


def stopped(scratch: Scratch, cache: Path, stop: signal.Signals) -> tuple[subprocess.Popen[str], str]:
    """A build with a cold cache, sent `stop` as soon as it says it renders the print products."""
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--content", "content", "--output", "output",
                              "--cache", str(cache)], cwd=scratch.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=default_ctrl_c)
    assert build.stderr is not None
    said = []
    for line in build.stderr:
        said.append(line)
        if "products to render" in line:
            break
    time.sleep(0.2)  # into the rendering itself
    build.send_signal(stop)
    return build, "".join(said) + build.communicate(timeout=60)[1]


def default_ctrl_c() -> None:
    """Ctrl+C as in a person's terminal: a test run started in the background by a shell without job control (as a
    CI script may be) ignores SIGINT, and its children would inherit that and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
