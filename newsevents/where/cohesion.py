"""Read a story's town names as places near each other: a local story's places lie together.

"Rogersville", "Logan" and "Springfield" in one story are the three near Springfield, Missouri,
not the biggest of each name (Tennessee, Utah, Missouri). Each town reading gets support from every
other name of the story that has a reading within about one cell (a degree and a half, some
150 km) of it; names with fewer readings are firmer evidence and weigh more.

>>> cell(38.9, -77.0)
(25, -52)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.where.gazetteer import Entry

CELL_DEGREES = 1.5
SUPPORT_KINDS = ("city",)
_NEIGHBOURS = tuple((dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def cell(lat: float, lon: float) -> tuple[int, int]:
    """Return the grid cell of a point."""
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def name_cells(readings: Iterable[Entry]) -> set[tuple[int, int]]:
    """Return the cells around every town reading of a name (its cell and the eight next to it)."""
    out: set[tuple[int, int]] = set()
    for e in readings:
        if e.kind in SUPPORT_KINDS and e.lat is not None and e.lon is not None:
            y, x = cell(e.lat, e.lon)
            out.update((y + dy, x + dx) for dy, dx in _NEIGHBOURS)
    return out


def name_weight(readings: Iterable[Entry]) -> float:
    """Return how much a name's nearness says: one reading says much, fifty ("Springfield") little."""
    n = sum(1 for e in readings if e.kind in SUPPORT_KINDS and e.lat is not None)
    return 1.0 / math.sqrt(n) if n else 0.0


def support(others: Iterable[tuple[set[tuple[int, int]], float]]) -> Counter[tuple[int, int]]:
    """Return, per cell, the summed weight of the names that have a reading near it."""
    total: Counter[tuple[int, int]] = Counter()
    for cells, weight in others:
        for c in cells:
            total[c] += weight  # type: ignore[assignment]
    return total


class Without(Mapping[tuple[int, int], float]):
    """The support of all the story's names less that of some (a name must not vouch for itself).

    Built once per story and read lazily, so a story of a hundred names costs a hundred lookups per
    reading, not a hundred copies of the grid.
    """

    def __init__(self, total: Mapping[tuple[int, int], float],
                 excluded: list[tuple[set[tuple[int, int]], float]]) -> None:
        self._total = total
        self._excluded = excluded

    def __getitem__(self, key: tuple[int, int]) -> float:
        value = self._total[key] - sum(w for cells, w in self._excluded if key in cells)
        return max(0.0, value)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._total)

    def __len__(self) -> int:
        return len(self._total)
