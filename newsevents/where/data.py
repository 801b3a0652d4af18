"""Read and validate the hand-written gazetteer additions under newsevents/data/where/."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from newsevents.errors import DataFileError

DATA_DIR = "data/where"
REGION_KINDS = ("admin1", "region", "water")


@dataclass(frozen=True)
class RegionRow:
    """One place from regions.tsv: a region, sea or non-US first-level division."""

    name: str
    kind: str
    iso2: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]


def parse_rows(text: str, path: str, min_cols: int, max_cols: int) -> list[tuple[int, list[str]]]:
    """Return (line number, columns) for every data line of TSV text, checking the column count."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not min_cols <= len(cols) <= max_cols:
            problem = f"expected {min_cols}-{max_cols} tab-separated columns, got {len(cols)}"
            raise DataFileError(path, number, problem)
        rows.append((number, [c.strip() for c in cols]))
    return rows


def _rows(filename: str, min_cols: int, max_cols: int) -> list[tuple[int, list[str]]]:
    text = resources.files("newsevents").joinpath(DATA_DIR, filename).read_text(encoding="utf-8")
    return parse_rows(text, f"newsevents/{DATA_DIR}/{filename}", min_cols, max_cols)


def _coord(path: str, number: int, lat: str, lon: str) -> tuple[float, float]:
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        raise DataFileError(path, number, f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise DataFileError(path, number, f"coordinates out of range: {la}, {lo}")
    return la, lo


def _iso2(path: str, number: int, value: str) -> str:
    if len(value) != 2 or not value.isalpha() or not value.isupper():
        raise DataFileError(path, number, f"expected a two-letter ISO country code, got {value!r}")
    return value


def load_country_centroids() -> dict[str, tuple[float, float]]:
    """Return ISO2 -> (lat, lon) for countries placed at their centre rather than their capital."""
    path = f"newsevents/{DATA_DIR}/country_centroids.tsv"
    return {
        _iso2(path, n, c[0]): _coord(path, n, c[1], c[2]) for n, c in _rows("country_centroids.tsv", 3, 3)
    }


def load_us_states() -> dict[str, tuple[float, float, tuple[str, ...]]]:
    """Return state code -> (lat, lon, AP abbreviations)."""
    path = f"newsevents/{DATA_DIR}/us_states.tsv"
    states = {}
    for n, c in _rows("us_states.tsv", 3, 4):
        lat, lon = _coord(path, n, c[1], c[2])
        abbrevs = tuple(a.strip() for a in c[3].split(",") if a.strip()) if len(c) == 4 else ()
        states[_iso2(path, n, c[0])] = (lat, lon, abbrevs)
    return states


def load_country_aliases() -> dict[str, str]:
    """Return alias -> ISO2 for the other names news uses for countries."""
    path = f"newsevents/{DATA_DIR}/country_aliases.tsv"
    return {c[0]: _iso2(path, n, c[1]) for n, c in _rows("country_aliases.tsv", 2, 2)}


def load_regions(text: str | None = None) -> list[RegionRow]:
    """Return the regions, seas and non-US first-level divisions of regions.tsv (or of ``text``)."""
    path = f"newsevents/{DATA_DIR}/regions.tsv"
    rows = parse_rows(text, path, 5, 6) if text is not None else _rows("regions.tsv", 5, 6)
    regions = []
    for n, c in rows:
        if c[1] not in REGION_KINDS:
            raise DataFileError(path, n, f"kind must be one of {', '.join(REGION_KINDS)}, got {c[1]!r}")
        lat, lon = _coord(path, n, c[3], c[4])
        aliases = tuple(a.strip() for a in c[5].split(",") if a.strip()) if len(c) == 6 else ()
        regions.append(RegionRow(c[0], c[1], _iso2(path, n, c[2]) if c[2] else None, lat, lon, aliases))
    return regions
