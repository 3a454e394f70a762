"""Publish atomically. The site is built in a hidden folder beside `output/` and swapped in
only when the whole build succeeded; a failed or killed build leaves the previous output
exactly as it was. Only folders carrying this tool's marker (guard.py) are ever reused or removed.

On Linux the swap is one `renameat2(RENAME_EXCHANGE)` system call, so there is no moment
at which `output/` is missing or half-written. Elsewhere it falls back to two renames.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .guard import MARKER, read_marker, write_marker

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
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)  # fails, rather than replace it, if a folder of that name is there
    staged.rename(output)
    old.rename(staged)


def remove_leftovers(output: Path) -> None:
    """Staging folders of builds killed before they could clean up (never the spare, never the lock,
    and never a folder without this tool's marker)."""
    for leftover in output.parent.glob(f".{output.name}.*"):
        if leftover.name != f".{output.name}.spare" and leftover.is_dir() and read_marker(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


class Stage:
    """The folder a build writes into: the spare tree (the output before last), brought up to date.

    Reusing it spares creating a folder per page each build, the slowest part of publishing
    thousands of clean URLs. Every file is a hard link to its rendered copy in the cache; `prune`
    then removes whatever this build did not place, so the tree holds exactly this build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.placed: set[str] = set()

    def place(self, source: Path, relative: str | Path) -> bool:
        """Make `relative` the same file as `source`; False when there is no `source`."""
        target = self.root / relative
        if not link(source, target):
            return False
        self.placed.add(str(relative))
        return True

    def carry(self, output: Path, print_part: bool) -> None:
        """Keep one part of the published output as it is, the print part (print/, og/) or the rest: the
        preview publishes the pages first and the print products they show right after."""
        # The print part is two folders: walked alone, rather than every page's folder to find them.
        tops = [top for top in (output / "print", output / "og") if not top.is_symlink()] if print_part else [output]
        for top in tops:
            for folder, _subfolders, files in os.walk(top):
                relative = Path(folder).relative_to(output)
                if (relative.parts[:1] in (("print",), ("og",))) == print_part:
                    for name in files:
                        if name != MARKER:
                            self.place(Path(folder) / name, relative / name)

    def write(self, relative: str, data: bytes) -> Path:
        """Write a file of this build as a new file: never through a link the spare tree holds into the cache."""
        target = self.root / relative
        try:
            handle = target.open("xb")
        except FileExistsError:
            target.unlink()
            handle = target.open("xb")
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = target.open("xb")
        with handle:
            handle.write(data)
        self.placed.add(relative)
        return target

    def prune(self) -> None:
        root = str(self.root)
        removed: set[str] = set()
        for folder, subfolders, files in os.walk(root, topdown=False):
            # Relative names as `placed` holds them ("nl/help/index.html"), made with string operations:
            # this runs for every file of every build.
            prefix = os.path.relpath(folder, root) + os.sep if folder != root else ""
            kept = False
            for name in files:
                if prefix + name in self.placed:
                    kept = True
                else:
                    os.unlink(os.path.join(folder, name))
            # Empty once its files and subfolders are gone: known from the walk, without listing the folder again
            # (a build walks a folder per page).
            if folder != root and not kept and all(os.path.join(folder, sub) in removed for sub in subfolders):
                os.rmdir(folder)
                removed.add(folder)


@contextmanager
def staging(output: Path, campaign: str, note: Callable[[tuple[Path, str]], None]) -> Iterator[Stage]:
    """The stage to build into; published over `output` only if the block ends without error.
    A failed or stopped build leaves `output` untouched; the spare tree it was updating is only a cache,
    reused only if it carries this tool's marker. Call it holding the output's lock."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    spare = output.with_name(f".{output.name}.spare")
    if spare.exists() and not read_marker(spare):
        note((spare, "this folder was not made by this tool, so it is left alone; remove it yourself if it is "
                     "not needed (builds are slower while it is there)"))
        spare = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=output.parent))
    spare.mkdir(exist_ok=True)
    spare.chmod(0o755)  # a web server must be able to read it once published
    write_marker(spare, campaign)
    stage = Stage(spare)
    stage.placed.add(MARKER)
    try:
        yield stage
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)  # half-written, perhaps on a full disk: free the space
        raise
    stage.prune()
    swap_into_place(spare, output)  # the spare now holds the previous output, for the next build
    if spare.name != f".{output.name}.spare":
        shutil.rmtree(spare, ignore_errors=True)


@contextmanager
def scratch(beside: Path) -> Iterator[Stage]:
    """A stage that is never published (`check`): made beside the cache, so files are linked, not copied."""
    beside.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".check-", dir=beside))
    try:
        yield Stage(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def link(source: Path, target: Path) -> bool:
    """Make `target` a hard link to `source` (replacing what was there); False if there is no `source`.
    One system call in the usual case: this runs for every file of every build."""
    try:
        os.link(source, target)
    except FileExistsError:
        if os.path.samefile(source, target):
            return True
        fresh = target.with_name(target.name + ".new")
        fresh.unlink(missing_ok=True)
        os.link(source, fresh)
        os.replace(fresh, target)
    except FileNotFoundError:
        if not source.exists():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        return link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EMLINK, errno.EPERM, errno.ENOTSUP):
            raise
        target.parent.mkdir(parents=True, exist_ok=True)  # another file system: copy instead
        shutil.copyfile(source, target)
    return True


def files_digest(paths: Iterable[Path]) -> str:
    """One hash over the names and bytes of files (folders skipped): a cache key for what they feed."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
