"""Print products shared out among the worker processes: one batch each, about equally long, products that fit the
same texts in the same proportions together."""
from __future__ import annotations

import math

from .. import workers
from .posters import PrintJob

COST = {"poster": 3.0, "screen": 2.0, "card": 1.5, "og": 0.5}
"""About how long each kind of product takes, relative to the others."""
SHARED_COST = 0.4
"""What a product costs when one before it on the same worker fitted the same texts in the same proportions."""


def balanced(jobs: list[PrintJob]) -> list[list[PrintJob]]:
    """The jobs as one batch per worker, about equally long. Products that show the same texts in the same
    proportions (A0 and B1, say) stay together, so their worker fits those texts once."""
    families: dict[tuple[object, ...], list[PrintJob]] = {}
    for job in jobs:
        fmt = job.format
        proportion = round(math.log(fmt.width_mm / fmt.height_mm) / math.log(1.03)) if fmt else None
        regions = job.station.regions if job.station else ()
        families.setdefault((job.kind, job.card, job.languages, regions, proportion), []).append(job)
    loads: list[tuple[float, list[PrintJob]]] = [(0.0, []) for _ in range(min(workers.CORES, len(families)))]
    for members in sorted(families.values(), key=family_cost, reverse=True):  # the longest first, to the least busy
        index = min(range(len(loads)), key=lambda i: loads[i][0])
        loads[index] = (loads[index][0] + family_cost(members), loads[index][1] + members)
    return [batch for _load, batch in loads]


def family_cost(members: list[PrintJob]) -> float:
    return COST[members[0].kind] * (1 + SHARED_COST * (len(members) - 1))
