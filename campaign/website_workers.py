"""The worker processes of one build's website: they parse the content, then render the pages.

Started only when a stage asks for them (hundreds of new files to parse, or pages in several
languages to render), they serve both stages. Between the two, while the main process checks
the content (services, numbers, posters, theme strings: a few tenths of a second on one core),
they load what rendering needs: Pelican, Jinja and docutils (0.15-0.3 s). Otherwise each stage
would start workers of its own, and the render workers would load them on the critical path.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from multiprocessing.pool import Pool
from typing import Self, TypeVar

from . import workers

T = TypeVar("T")
R = TypeVar("R")


class WebsiteWorkers:
    """Use as `with WebsiteWorkers() as helpers:`; leaving the block ends the workers. A stage given none
    makes its own for itself."""

    def __init__(self) -> None:
        self.running: Pool | None = None
        self.warm = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pool(self) -> Pool:
        if self.running is None:
            self.running = workers.pool(workers.CORES)
        return self.running

    def parse(self, function: Callable[[T], R], parts: Iterable[T]) -> list[R]:
        """Parse the content's parts; then each worker gets ready to render while the main process checks it."""
        done = self.pool().map(function, parts)
        if not self.warm:
            self.warm = True
            for _ in range(workers.CORES):  # queued after the parts: one for each worker, as it finishes
                self.pool().apply_async(get_ready_to_render)
        return done

    def render(self, function: Callable[[T], R], jobs: Iterable[T]) -> list[R]:
        return self.pool().map(function, jobs)

    def close(self) -> None:
        if self.running is not None:
            self.running.terminate()
            self.running = None


def get_ready_to_render() -> None:
    """Load Pelican, Jinja and the templates' helpers: a worker keeps its modules from one task to the next."""
    from .site import generator  # noqa: F401 - loaded for the render jobs to come
