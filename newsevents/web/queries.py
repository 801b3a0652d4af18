"""Read-only aggregate queries for the web UI: counts, timelines, actors, networks and map points.

Every statement is parameterised; user input only ever reaches SQL as a bound value or by selecting a key of
a fixed table (``BUCKETS``). The store is opened through :class:`ReadOnlyStore`, whose DuckDB connections can
read nothing outside the store's table folders and which refuses every writing method.

>>> store = ReadOnlyStore.open("newsevents-store")                   # doctest: +SKIP
>>> counts(store, EventFilter(actor="CHN"))["quad"]                  # doctest: +SKIP
{1: 12, 2: 3, 3: 5, 4: 1}
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import duckdb

from newsevents.errors import StoreError
from newsevents.store import Store, schema
from newsevents.store.query import EventFilter, fetch_dicts, where_sql

BUCKETS = {"week": "week", "month": "month"}
MAX_MENTIONS = 200  # reports shown on one event page; num_mentions still counts them all
MAX_PERIODS = 600  # about 50 years of months or 11 of weeks: a chart, not a table
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class ReadOnlyStore(Store):
    """A store for the server: DuckDB may read only the table folders, and nothing writes.

    One locked-down DuckDB database is kept and each caller gets its own cursor (a connection to the same
    in-memory catalogue, safe to use from its own thread); the views glob the Parquet folders at query time,
    so batches ingested while the server runs show up. The database is rebuilt when a table that was empty
    gets its first file.
    """

    def __init__(self, path: Any, manifest: dict[str, Any], options: Any = None) -> None:
        super().__init__(path, manifest, options)
        self._lock = threading.Lock()
        self._base: duckdb.DuckDBPyConnection | None = None
        self._shape: tuple[bool, ...] = ()

    def connect(self) -> duckdb.DuckDBPyConnection:
        shape = tuple(bool(self.files(table)) for table in schema.TABLES)
        with self._lock:
            if self._base is None or shape != self._shape:
                base = super().connect()
                for table, present in zip(schema.TABLES, shape, strict=True):
                    if not present:  # an Arrow table registered on one connection is invisible to cursors
                        base.execute(f"create table _{table}_none as select * from _{table}_empty")
                        base.execute(f"create or replace view _{table}_files as select * from _{table}_none")
                folders = [str(self.path.resolve() / table) + "/" for table in schema.TABLES]
                base.execute("set allowed_directories = ?", [folders])
                base.execute("set enable_external_access = false")  # a later query cannot switch it back on
                self._base, self._shape = base, shape
            return self._base.cursor()

    def add(self, *args: Any, **kwargs: Any) -> Any:
        raise StoreError(f"{self.path}: opened read-only by the server")

    add_unreadable = fuse = export = add


def root_label(root: str | None) -> str | None:
    """Return the codebook name of a two-digit CAMEO root ("04" -> "Consult")."""
    from newsevents.coding.codebook import codebook

    entry = codebook().get(root) if root else None
    return entry.label if entry else None


def _filtered(f: EventFilter, extra: str = "",
              extra_params: list[Any] | None = None) -> tuple[str, list[Any]]:
    """Return a WHERE clause over events for a filter plus an optional extra condition."""
    where, params = where_sql("events", f)
    if extra:
        where = f"{where} and ({extra})" if where else f" where ({extra})"
        params = [*params, *(extra_params or [])]
    return where, params


def dyad_condition(a: str, b: str) -> tuple[str, list[Any]]:
    """Return a condition matching events between actors a and b in either direction."""
    ab, p1 = where_sql("events", EventFilter(source=a, target=b))
    ba, p2 = where_sql("events", EventFilter(source=b, target=a))
    return f"({ab.removeprefix(' where ')}) or ({ba.removeprefix(' where ')})", [*p1, *p2]


def count_events(store: Store, f: EventFilter, extra: str = "", extra_params: list[Any] | None = None) -> int:
    """Return how many fused events match."""
    where, params = _filtered(f, extra, extra_params)
    with store.connect() as con:
        row = con.execute(f"select count(*) from events{where}", params).fetchone()
    return int(row[0]) if row else 0


def counts(store: Store, f: EventFilter, extra: str = "", extra_params: list[Any] | None = None
           ) -> dict[str, Any]:
    """Return the number of matching events by CAMEO root and by quad class."""
    where, params = _filtered(f, extra, extra_params)
    with store.connect() as con:
        roots = con.execute(f"select root, count(*) from events{where} group by root order by root",
                            params).fetchall()
        quads = con.execute(f"select quad, count(*) from events{where} group by quad order by quad",
                            params).fetchall()
    return {
        "total": sum(int(r[1]) for r in roots),
        "root": [{"root": r[0], "label": root_label(r[0]), "count": int(r[1])} for r in roots],
        "quad": [{"quad": q[0], "label": QUADS.get(q[0], "unknown"), "count": int(q[1])} for q in quads],
    }


def timeline(store: Store, f: EventFilter, bucket: str = "month", extra: str = "",
             extra_params: list[Any] | None = None) -> dict[str, Any]:
    """Return events per week or month by quad class, with the Goldstein sum of each period."""
    if bucket not in BUCKETS:
        raise StoreError(f"unknown bucket {bucket!r}; choose week or month")
    where, params = _filtered(f, "date_start is not null" + (f" and ({extra})" if extra else ""),
                              extra_params)
    period = f"strftime(date_trunc('{BUCKETS[bucket]}', try_cast(date_start as date)), '%Y-%m-%d')"
    sql = (f"select {period} as period, "
           f"quad, count(*) as n, sum(goldstein) as g from events{where} "
           "group by period, quad having period is not null order by period, quad")
    with store.connect() as con:
        rows = con.execute(sql, params).fetchall()
    periods: dict[str, dict[str, Any]] = {}
    for period, quad, n, g in rows:
        p = periods.setdefault(period, {"period": period, "counts": {"1": 0, "2": 0, "3": 0, "4": 0},
                                        "goldstein": 0.0, "total": 0})
        p["counts"][str(quad)] = p["counts"].get(str(quad), 0) + int(n)
        p["goldstein"] = round(p["goldstein"] + float(g or 0.0), 2)
        p["total"] += int(n)
    return {"bucket": bucket, "quads": {str(k): v for k, v in QUADS.items()},
            "periods": _fill_gaps(periods, bucket)}


def _fill_gaps(periods: dict[str, dict[str, Any]], bucket: str) -> list[dict[str, Any]]:
    """Return the periods in order with empty weeks or months added, so the time axis is linear."""
    if not periods:
        return []
    keys = sorted(periods)
    day, last = date.fromisoformat(keys[0]), date.fromisoformat(keys[-1])
    out: list[dict[str, Any]] = []
    while day <= last and len(out) < MAX_PERIODS:
        key = day.isoformat()
        out.append(periods.get(key) or {"period": key, "counts": {"1": 0, "2": 0, "3": 0, "4": 0},
                                        "goldstein": 0.0, "total": 0})
        if bucket == "week":
            day += timedelta(days=7)
        else:
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def search_actors(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Return actor codes whose code, text or entity matches, with event counts, most frequent first."""
    like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = (
        "with sides as ("
        " select source_code as code, source_country as country, source_text as text, "
        " source_entity as entity "
        " from events where source_code is not null"
        " union all select target_code, target_country, target_text, target_entity "
        " from events where target_code is not null) "
        "select code, any_value(country), count(*) as n, "
        "list(distinct entity) filter (where entity is not null), "
        "list(distinct text) filter (where text is not null) from sides "
        "where lower(code) like ? escape '\\' or lower(text) like ? escape '\\' "
        "or lower(entity) like ? escape '\\' "
        "group by code order by n desc, code limit ?"
    )
    with store.connect() as con:
        rows = con.execute(sql, [like, like, like, limit]).fetchall()
    return [{"code": r[0], "country": r[1], "events": int(r[2]), "entities": sorted(r[3] or [])[:10],
             "names": sorted(r[4] or [])[:10]} for r in rows]


def actor_profile(store: Store, code: str) -> dict[str, Any] | None:
    """Return one actor's names, event counts as source and target, partners and event types."""
    side = ("(source_code like ?)", "(target_code like ?)")
    prefix = code.upper().replace("%", "").replace("_", "") + "%"
    with store.connect() as con:
        n_source = con.execute(f"select count(*) from events where {side[0]}", [prefix]).fetchone()
        n_target = con.execute(f"select count(*) from events where {side[1]}", [prefix]).fetchone()
        if not (n_source and n_target) or n_source[0] + n_target[0] == 0:
            return None
        names = fetch_dicts(con, (
            "select name, count(*) as n from ("
            " select coalesce(source_entity, source_text) as name from events where source_code like ? "
            " union all select coalesce(target_entity, target_text) from events where target_code like ?) "
            "where name is not null group by name order by n desc, name limit 12"), [prefix, prefix])
        partners = fetch_dicts(con, (
            "select partner, count(*) as events, sum(goldstein) as goldstein, "
            "count(*) filter (where quad <= 2) as cooperation, count(*) filter (where quad >= 3) as conflict "
            "from (select target_code as partner, goldstein, quad from events where source_code like ? "
            " union all select source_code, goldstein, quad from events where target_code like ?) "
            "where partner is not null and partner not like ? "
            "group by partner order by events desc, partner limit 20"), [prefix, prefix, prefix])
        roots = fetch_dicts(con, (
            "select root, count(*) as events from events "
            "where source_code like ? or target_code like ? "
            "group by root order by events desc, root limit 20"),
            [prefix, prefix])
    for p in partners:
        p["goldstein"] = round(float(p["goldstein"] or 0.0), 2)
    for r in roots:
        r["label"] = root_label(r["root"])
    from newsevents.fuse.brief import country_name

    return {"code": code.upper(), "name": country_name(code.upper()[:3]),
            "as_source": int(n_source[0]), "as_target": int(n_target[0]),
            "names": names, "partners": partners, "roots": roots}


def network(store: Store, f: EventFilter, max_edges: int = 150) -> dict[str, Any]:
    """Return actor nodes and directed edges weighted by events, split into cooperation and conflict."""
    where, params = _filtered(f, "source_code is not null and target_code is not null "
                                 "and source_code <> target_code")
    sql = (f"select source_code, target_code, count(*) as n, sum(goldstein) as g, "
           f"count(*) filter (where quad <= 2) as coop, count(*) filter (where quad >= 3) as conflict "
           f"from events{where} group by source_code, target_code order by n desc, source_code, target_code "
           "limit ?")
    with store.connect() as con:
        rows = con.execute(sql, [*params, max_edges]).fetchall()
    edges = [{"source": r[0], "target": r[1], "events": int(r[2]), "goldstein": round(float(r[3] or 0), 2),
              "cooperation": int(r[4]), "conflict": int(r[5])} for r in rows]
    weight: dict[str, int] = {}
    for e in edges:
        weight[e["source"]] = weight.get(e["source"], 0) + e["events"]
        weight[e["target"]] = weight.get(e["target"], 0) + e["events"]
    nodes = [{"id": code, "events": n} for code, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def map_points(store: Store, f: EventFilter, limit: int = 500) -> list[dict[str, Any]]:
    """Return located events grouped by place: coordinates, counts by cooperation/conflict, an example."""
    where, params = _filtered(f, "location_lat is not null and location_lon is not null")
    sql = (f"select any_value(location_name), location_country, round(location_lat, 3) as lat, "
           f"round(location_lon, 3) as lon, count(*) as n, count(*) filter (where quad <= 2), "
           f"count(*) filter (where quad >= 3), min(event_id) "
           f"from events{where} group by location_country, lat, lon order by n desc limit ?")
    with store.connect() as con:
        rows = con.execute(sql, [*params, limit]).fetchall()
    return [{"name": r[0], "country": r[1], "lat": r[2], "lon": r[3], "events": int(r[4]),
             "cooperation": int(r[5]), "conflict": int(r[6]), "example": r[7]} for r in rows]


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return one fused event with its mentions (each with its article's title, URL and site)."""
    with store.connect() as con:
        events = fetch_dicts(con, "select * from events where event_id = ?", [event_id])
        if not events:
            return None
        event = events[0]
        event["mentions"] = fetch_dicts(con, (
            "select m.* exclude (mention_json, batch), a.title as article_title, a.url as article_url, "
            "a.input_id as article_input_id from mentions m join articles a using (article_id) "
            "where m.mention_id in (select unnest(?::varchar[])) order by m.published, m.article_id, "
            "m.mention_index limit ?"), [list(event.get("mention_ids") or []), MAX_MENTIONS])
    return event
