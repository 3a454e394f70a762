"""Cards and pages parsed once: kept between builds, and parsed on both cores when there are many.

Parsing the Markdown of a card or page (and checking its links, characters and nesting) costs about half a
millisecond; a campaign of 2,000 pages spends most of its load there. Files that did not change since the
last build are taken from `parsed.pickle`; when hundreds are new, worker processes parse them, each file
exactly as the main process would, and the main process takes their results and problems in file order.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ruamel.yaml.comments import CommentedMap

from .. import workers
from ..problems import Problem, Problems
from ..website_workers import WebsiteWorkers
from .markdown import LinkPolicy, Markdown
from .regular import read_regular
from .sources import read_yaml_mapping

T = TypeVar("T")
Reader = Callable[..., T]
"""load.load_card or load.load_page: (file, problems, exact, *, markdown) → (item or None, its links)."""
PARALLEL_FROM = 200
"""Fewer new files than this are parsed in the main process: starting workers costs more than it saves."""
CHUNKS_PER_WORKER = 4
"""Work is handed out in this many parts per worker, so that one slow part does not keep the other idle."""


@dataclass(frozen=True)
class Fresh(Generic[T]):
    """One file parsed: what the reader returned, and what it found to report."""

    result: T
    problems: list[Problem]

    @property
    def clean(self) -> bool:
        return not self.problems


def parse(read: Reader[T], markdown: Markdown, file: Any) -> Fresh[T]:
    """Read quickly (libyaml for the front matter); a file with anything to report is read again exactly,
    for line numbers and YAML 1.2."""
    scratch = Problems()
    result = read(file, scratch, False, markdown=markdown)
    if not scratch.items:
        return Fresh(result, [])
    exact = Problems()
    result = read(file, exact, True, markdown=markdown)
    return Fresh(result, exact.items)


def parse_part(files: list[Any], read: Reader[T], policy: LinkPolicy) -> list[Fresh[T]]:
    """A worker's part (its own Markdown parser: markdown-it's is not picklable, and costs 0.2 ms to make)."""
    markdown = Markdown(policy)
    return [parse(read, markdown, file) for file in files]


class ParsedCache:
    """Cards, pages and YAML files already parsed, by the bytes of their file (and, for cards and pages, the link
    rules they were parsed with). Only files with nothing to report are kept: a file with a problem is read, and
    reported, every time. (The YAML files are read with line numbers, slowly: 0.1 s a build for the sample's.)"""

    CODE = ("load.py", "parsed.py", "markdown.py", "sources.py", "fields.py", "model.py")

    def __init__(self, folder: Path | None, helpers: WebsiteWorkers | None = None) -> None:
        self.path = folder / "parsed.pickle" if folder else None
        self.helpers = helpers
        """The build's worker processes, which go on to render; None: workers of its own when there are many files."""
        code = b"".join((Path(__file__).parent / name).read_bytes() for name in self.CODE)
        self.salt = hashlib.sha256(code).digest()
        self.known: dict[str, object] = {}
        self.used: dict[str, object] = {}
        if self.path and self.path.exists():
            with contextlib.suppress(Exception):  # an unreadable or damaged cache is only a slower build
                kept = self.path.read_bytes()
                if hashlib.sha256(kept[32:]).digest() == kept[:32]:
                    self.known = pickle.loads(kept[32:])

    def key(self, path: Path, rules: object) -> str | None:
        """The file's key; None when it cannot be read (the reader says so, with the reason)."""
        try:
            return hashlib.sha256(self.salt + repr(rules).encode() + str(path).encode() + read_regular(path)).hexdigest()
        except OSError:  # NotRegular too: never opened, the reader says what it is
            return None

    def read_yaml(self, path: Path, problems: Problems) -> CommentedMap | None:
        """read_yaml_mapping, from the cache when the file did not change."""
        key = self.key(path, "yaml")
        if key in self.known:
            self.used[key] = self.known[key]
            return self.known[key]  # type: ignore[return-value]
        before = len(problems.items)
        data = read_yaml_mapping(path, problems)
        if key is not None and data is not None and len(problems.items) == before:
            self.used[key] = data
        return data

    def load_all(self, files: list[Any], read: Reader[T], markdown: Markdown, problems: Problems) -> list[T]:
        """What `read` gives for each file, in order, with its problems added to `problems` in that order."""
        keys = [self.key(file.path, markdown.policy) for file in files]
        new = [file for file, key in zip(files, keys) if key not in self.known]
        fresh = iter(self.parse_all(new, read, markdown))
        results = []
        for file, key in zip(files, keys):
            if key in self.known:
                self.used[key] = self.known[key]
                results.append(self.known[key])
                continue
            parsed = next(fresh)
            problems.items += parsed.problems
            if key is not None and parsed.clean:
                self.used[key] = parsed.result
            results.append(parsed.result)
        return results  # type: ignore[return-value]

    def parse_all(self, files: list[Any], read: Reader[T], markdown: Markdown) -> Iterator[Fresh[T]]:
        if len(files) < PARALLEL_FROM:
            return (parse(read, markdown, file) for file in files)
        size = -(-len(files) // (workers.CORES * CHUNKS_PER_WORKER))
        parts = [files[start:start + size] for start in range(0, len(files), size)]
        task = functools.partial(parse_part, read=read, policy=markdown.policy)
        if self.helpers is not None:
            done = self.helpers.parse(task, parts)
        else:
            with WebsiteWorkers() as helpers:
                done = helpers.parse(task, parts)
        return (fresh for part in done for fresh in part)

    def save(self) -> None:
        if self.path and self.used.keys() != self.known.keys():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps(self.used)
            fresh = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
            try:
                fresh.write_bytes(hashlib.sha256(data).digest() + data)  # checked when read: a damaged file is ignored
                fresh.replace(self.path)
            finally:
                fresh.unlink(missing_ok=True)
