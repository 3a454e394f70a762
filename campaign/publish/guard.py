"""What a build may replace, and one build at a time per output folder.

The build replaces its whole output folder, so it must never be pointed at anything else:
- an output folder carries a marker file saying this tool made it, and for which campaign;
  an existing folder that is not empty and has no marker is refused, and so is a file;
- the output may not be, contain or lie inside the content, assets, theme or cache folder,
  nor be or contain the tool's own folder;
- builds into the same output take turns through an OS lock (`flock`) on a file beside it,
  so a preview server and a build, or two CI jobs, cannot mix their files.
"""
from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".campaign-output.json"
"""In every output folder this tool made. It is published too: it says only which campaign this is."""
TOOL = "campaign builder (build.py)"


class OutputRefused(Exception):
    """The output path must not be written; the message says why and what to do."""


def shown(path: Path) -> str:
    """A path as the person typed it, relative to the current folder where it can be."""
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)


def refuse_unsafe_output(output: Path, protected: dict[str, Path]) -> None:
    """Raise OutputRefused if building into `output` could replace anything the build did not make.
    `protected` names the folders that must survive, e.g. {"content": Path("content")}."""
    target = output.resolve()
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{shown(target)} is a file, not a folder: give a folder of its own for the website, "
                            "e.g. --output output")
    for name, folder in protected.items():
        folder = folder.resolve()
        if target == folder:
            raise OutputRefused(f"{shown(target)} is the {name} folder: the build replaces its output folder "
                                "entirely. Give a folder of its own, e.g. --output output")
        if folder.is_relative_to(target):
            raise OutputRefused(f"{shown(target)} contains the {name} folder ({shown(folder)}): the build replaces "
                                "its output folder entirely. Give a folder of its own, e.g. --output output")
        if name != "tool" and target.is_relative_to(folder):
            raise OutputRefused(f"{shown(target)} is inside the {name} folder ({shown(folder)}): give an output "
                                "folder outside it, e.g. --output output")
    if target.is_dir() and read_marker(target) is None and any(target.iterdir()):
        example = ", ".join(sorted(p.name for p in target.iterdir())[:3])
        raise OutputRefused(f"{shown(target)} already holds files this tool did not make ({example}…): the build "
                            "would replace them. Give a new or empty folder with --output, or move that folder "
                            "away yourself if it really only holds an old build")


def read_marker(folder: Path) -> dict[str, str] | None:
    """The marker of a folder this tool made; None for any other folder."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) and marker.get("made_by") == TOOL else None


def write_marker(folder: Path, campaign: str) -> None:
    text = json.dumps({"made_by": TOOL, "campaign": campaign}) + "\n"
    marker = folder / MARKER
    if not marker.exists() or marker.read_text(encoding="utf-8") != text:  # unchanged: not rewritten
        marker.write_text(text, encoding="utf-8")


def previous_campaign(output: Path) -> str | None:
    marker = read_marker(output.resolve()) if output.is_dir() else None
    return marker.get("campaign") if marker else None


class OutputBusy(Exception):
    """Another build is writing the same output folder."""


@contextmanager
def one_build_at_a_time(output: Path, wait: bool, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the output's lock for the block. The lock file stays: removing it would race with a waiter."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = output.with_name(f".{output.name}.lock")
    handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode(errors="replace").strip() or "?"
            message = f"another build (process {holder}) is writing {shown(output)}/"
            if not wait:
                raise OutputBusy(f"{message}: wait for it to finish, or run without --no-wait to wait") from None
            waiting(f"{message}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(handle)  # closing releases the lock
