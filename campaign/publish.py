"""Stage 4: publish atomically. The site is built in a hidden folder beside `output/` and
swapped in only when the whole build succeeded; a failed or killed build leaves the
previous output exactly as it was.

On Linux the swap is one `renameat2(RENAME_EXCHANGE)` system call, so there is no moment
at which `output/` is missing or half-written. Elsewhere it falls back to two renames.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def swap_into_place(staged: Path, output: Path) -> None:
    """Make `staged` the new `output`; afterwards `staged` holds the old output (or nothing)."""
    if not output.exists():
        staged.rename(output)
        return
    if _exchange(staged, output):
        return
    old = output.with_name(f".{output.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    output.rename(old)
    staged.rename(output)
    old.rename(staged)


def remove_leftovers(output: Path) -> None:
    """Staging folders of builds that were killed before they could clean up."""
    for leftover in output.parent.glob(f".{output.name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def staging(output: Path) -> Iterator[Path]:
    """A fresh folder to build into; published over `output` if the block ends without error."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staged = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        staged.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
        yield staged
        swap_into_place(staged, output)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def link(source: Path, target: Path) -> bool:
    """Put `source` at `target` without copying its bytes (a hard link); False if there is no `source`."""
    if not source.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system: copy instead
        shutil.copyfile(source, target)
    return True
