"""The render cache: every rendered file kept under the key of what went into it, written
atomically and checked before it is published.

Keys are made of letters, digits and dashes. A file entry's name carries its size and hash (`<key>.<size>.<sha256 prefix>`), so one link
or rename of a finished file creates the file and its checksum together: no crash can leave one without the other. A folder
entry (a print product with its previews) lists the size and hash of each file in
`checksums.json`, written before the folder is renamed into place. An entry that no longer
matches (a crash or a full disk on a file system that does not order its writes, an edit made
through a hard link in the output, a disk fault) is dropped, reported and rendered again.

Unfinished writes are named `*.tmp-<token>*`: a failed build removes its own, and any build
removes those older than an hour (left by a build that was killed).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

HASH_CHARS = 32
CHECKSUMS = "checksums.json"
LINKS_REFUSED = (errno.EXDEV, errno.EMLINK, errno.EPERM, errno.ENOTSUP)
"""Another disk, too many links, or a file system without hard links: copy instead."""
STALE_SECONDS = 3600
"""An unfinished write older than this belongs to a build that was killed: no build runs an hour."""


def checksum(path: Path) -> tuple[int, str]:
    """(size, hash) of a file's bytes."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:HASH_CHARS]
    return path.stat().st_size, digest


class Damage(NamedTuple):
    """A cache entry that no longer matched its checksums, dropped to be rendered again."""

    path: Path
    reason: str


@dataclass
class Cache:
    """One folder of entries. Picklable: worker processes write into the same cache."""

    folder: Path
    token: str = field(default_factory=lambda: secrets.token_hex(4))
    """Marks this build's unfinished writes, so it removes only its own."""
    damaged: list[Damage] = field(default_factory=list)
    """What was dropped, for the build's notes. Values, not text: a worker's list is merged by them (merge)."""
    _names: dict[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def tmp(self, name: str) -> Path:
        return self.folder / f"{name}.tmp-{self.token}"

    # --- file entries ----------------------------------------------------------------------

    def names(self) -> dict[str, str]:
        """key → file name of every file entry, read with one listing of the folder."""
        if self._names is None:
            self._names = {}
            for entry in os.scandir(self.folder):
                key, _, rest = entry.name.partition(".")
                if rest.count(".") == 1 and ".tmp-" not in entry.name:
                    self._names[key] = entry.name
        return self._names

    def find(self, key: str) -> Path | None:
        """The entry for `key` if there is one and it is intact; a damaged one is dropped."""
        name = self.names().get(key)
        if name is None:
            return None
        path = self.folder / name
        _key, size, digest = name.split(".")
        try:
            intact = path.stat().st_size == int(size) and checksum(path)[1] == digest
        except (OSError, ValueError):
            intact = False
        if intact:
            return path
        self.drop(path, "its content does not match its checksum")
        del self.names()[key]
        return None

    def keep(self, key: str, source: Path) -> Path:
        """Make the finished file `source` the entry for `key`: a hard link, or a copy on another disk."""
        size, digest = checksum(source)
        return self.adopt(source, self.folder / f"{key}.{size}.{digest}")

    def keep_written(self, key: str, source: Path, data: bytes) -> Path:
        """The same for a file just written with `data`: its size and hash come from `data`, not read back."""
        return self.adopt(source, self.folder / f"{key}.{len(data)}.{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}")

    def adopt(self, source: Path, final: Path) -> Path:
        """Give the finished file `source` the entry's name: a hard link made under that name at once (the file
        is complete before it has it); under a temporary name then renamed over an entry of that name already
        there; a copy, likewise, on another disk."""
        try:
            os.link(source, final)
            return final
        except FileExistsError:
            pass
        except OSError as exc:
            if exc.errno not in LINKS_REFUSED:
                raise
        work = self.tmp(final.name.partition(".")[0])
        work.unlink(missing_ok=True)
        try:
            os.link(source, work)
        except OSError as exc:
            if exc.errno not in LINKS_REFUSED:
                raise
            shutil.copyfile(source, work)
        os.replace(work, final)
        return final

    def write(self, key: str, data: bytes) -> Path:
        """Make `data` the entry for `key`."""
        final = self.folder / f"{key}.{len(data)}.{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}"
        work = self.tmp(key)
        work.write_bytes(data)
        os.replace(work, final)
        return final

    # --- folder entries --------------------------------------------------------------------

    def find_folder(self, key: str) -> Path | None:
        """The folder entry for `key` if every file it lists is intact; a damaged one is dropped."""
        entry = self.folder / key
        if not entry.is_dir():
            return None
        try:
            listed = json.loads((entry / CHECKSUMS).read_text(encoding="utf-8"))
            intact = isinstance(listed, dict) and all(
                checksum(entry / name) == (size, digest) for name, (size, digest) in listed.items())
        except (OSError, ValueError, TypeError):
            intact = False
        if intact:
            return entry
        self.drop(entry, f"its files do not match {CHECKSUMS}")
        return None

    def new_folder(self, key: str) -> Path:
        """An empty folder to write an entry into, then to hand to `keep_folder`."""
        work = self.tmp(key)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        return work

    def keep_folder(self, key: str, work: Path) -> Path:
        """Make the finished folder `work` the entry for `key`, with the checksums of its files."""
        listed = {p.name: list(checksum(p)) for p in sorted(work.iterdir()) if p.is_file()}
        (work / CHECKSUMS).write_text(json.dumps(listed), encoding="utf-8")
        entry = self.folder / key
        try:
            work.rename(entry)
        except OSError as exc:  # another build made the same entry meanwhile: keep theirs
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            shutil.rmtree(work, ignore_errors=True)
        return entry

    # --- upkeep ----------------------------------------------------------------------------

    def drop(self, path: Path, reason: str) -> None:
        self.damaged.append(Damage(path, reason))
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    def merge(self, damaged: list[Damage]) -> None:
        """Add what a worker's copy of this cache dropped: once each, though the copy started from this list."""
        self.damaged[:] = dict.fromkeys([*self.damaged, *damaged])

    def sweep(self) -> None:
        """Remove unfinished writes: this build's (after it failed), and those of killed builds."""
        limit = time.time() - STALE_SECONDS
        try:
            unfinished = list(self.folder.glob("*.tmp-*"))
        except OSError:
            return  # the folder cannot be listed (too many open files, say): the next build removes them
        for path in unfinished:
            try:
                if path.name.endswith(f".tmp-{self.token}") or path.lstat().st_mtime < limit:
                    if path.is_dir():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
            except OSError:
                pass  # gone already: another build cleans up after itself
