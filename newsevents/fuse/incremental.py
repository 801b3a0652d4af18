"""Keep a store's events snapshot up to date, re-clustering only the events new mentions can touch.

Fusion only ever joins mentions of related blocks (the same code and actor pair, or a one-sided report
and the two-sided events of its code and known actor) whose days overlap. So the events a batch of new
mentions can change are those reachable from the new mentions through that relation; every other event
comes out of a full re-fuse unchanged. ``fuse_store`` finds them with a small index
(``DIR/fusion/index.parquet``: per event its blocks, and per block the days its mentions there may lie on),
re-fuses their mentions together with the new ones, and writes a new snapshot made of the untouched events plus the
re-fused ones. The result equals a full re-fuse (tests/fuse/test_incremental.py checks it); whenever the
index does not match the snapshot, the fusion settings changed or something looks off, it falls back to
a full re-fuse.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from newsevents.fuse.fuse import COLUMNS, FUSER, Fused, attaches, block_key, fuse_events, mention_interval
from newsevents.store import schema

if TYPE_CHECKING:
    from newsevents.store import Store

log = logging.getLogger(__name__)

META_KEY = b"newsevents.fusion"
# One row per event, block of its mentions ("code|source|target") and token of that block, with the
# days the event's mentions in that block may lie on (null: undated mentions).
INDEX = pa.schema([("event_id", pa.string()), ("key", pa.string()), ("token", pa.string()),
                   ("day_from", pa.string()), ("day_to", pa.string())])
Key = tuple[str, str, str]
Interval = tuple[date, date]


@dataclass
class FuseResult:
    """What one fusion did: events in the snapshot, mentions read and re-clustered, and how long it took."""

    events: int
    new_mentions: int
    refused_mentions: int  # mentions clustered this time (all of them on a full fuse)
    full: bool
    seconds: float


def _paths(store: Store) -> tuple[str, str]:
    from newsevents.store.store import EVENTS_FILE

    return f"events/{EVENTS_FILE}", "fusion/index.parquet"


def _batches(store: Store) -> set[str]:
    """Return the committed batches (by the batch column, so compaction keeps fusion incremental)."""
    return store.batches()


def _read_state(store: Store, window: int) -> dict[str, Any] | None:
    events_path, index_path = _paths(store)
    if not store.exists(events_path) or not store.exists(index_path):
        return None
    try:
        schemas = [store.read_schema(p) for p in (events_path, index_path)]
        metas = [json.loads((s.metadata or {}).get(META_KEY, b"null")) for s in schemas]
    except (OSError, ValueError, pa.ArrowException):
        return None
    if schemas[1].names != INDEX.names:  # an index of another layout
        return None
    state = metas[0]
    if (not isinstance(state, dict) or metas[1] != state or state.get("fuser") != FUSER
            or state.get("window_days") != window):
        return None
    return state


def _select(con: duckdb.DuckDBPyConnection, where: str = "", params: list[Any] | None = None
            ) -> list[dict[str, Any]]:
    """Select the mention columns fusion reads; columns older batch files lack read as null."""
    present = {r[0] for r in con.execute("describe mentions").fetchall()}
    cols = ", ".join(c if c in present else f"null as {c}" for c in COLUMNS)
    cur = con.execute(f"select {cols} from mentions{where}", params or [])
    return [dict(zip(COLUMNS, r, strict=True)) for r in cur.fetchall()]


def _tokens(key: Key) -> list[str]:
    """Return the (code, actor) pairs a block is found by; related blocks always share one."""
    code, a, b = key
    return [f"{code}|{x}" for x in (a, b) if x] or [f"{code}|"]


def _linked(k1: Key, k2: Key) -> bool:
    return k1 == k2 or attaches(k1, k2) or attaches(k2, k1)


def _index_rows(fused: list[Fused]) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = {name: [] for name in INDEX.names}
    for f in fused:
        for key, days in f.reach.items():
            for token in _tokens(key):
                rows["event_id"].append(f.event.event_id)
                rows["key"].append("|".join(key))
                rows["token"].append(token)
                rows["day_from"].append(days[0].isoformat() if days else None)
                rows["day_to"].append(days[1].isoformat() if days else None)
    return rows


def _probe_table(probes: set[tuple[Key, Interval | None]]) -> pa.Table:
    rows: dict[str, list[Any]] = {"token": [], "probe": [], "probe_from": [], "probe_to": []}
    for key, days in probes:
        for token in _tokens(key):
            rows["token"].append(token)
            rows["probe"].append("|".join(key))
            rows["probe_from"].append(days[0].isoformat() if days else None)
            rows["probe_to"].append(days[1].isoformat() if days else None)
    return pa.table(rows, schema=pa.schema([(n, pa.string()) for n in rows]))


def _region(index: pa.Table, probes: list[tuple[Key, Interval | None]]) -> set[str]:
    """Return the ids of the events reachable from the probes (related blocks, overlapping days).

    Each round joins the probes with the index on token and keeps the overlapping days in Arrow; only
    the few rows left are checked for the block relation in Python. The blocks of the events found
    are the next round's probes.
    """
    chosen: set[str] = set()
    pending = set(probes)
    rest = index
    while pending:
        joined = rest.join(_probe_table(pending), keys="token", join_type="inner")
        dated = pc.and_(pc.less_equal(joined["day_from"], joined["probe_to"]),
                        pc.less_equal(joined["probe_from"], joined["day_to"]))
        undated = pc.and_(pc.is_null(joined["day_from"]), pc.is_null(joined["probe_from"]))
        hits = joined.filter(pc.or_(pc.fill_null(dated, False), undated))
        found = {h["event_id"] for h in hits.select(["event_id", "key", "probe"]).to_pylist()
                 if _linked(tuple(h["probe"].split("|")), tuple(h["key"].split("|")))}  # type: ignore[arg-type]
        if not found:
            break
        chosen |= found
        is_found = pc.is_in(rest["event_id"], value_set=pa.array(sorted(found), pa.string()))
        pending = set()
        for e in rest.filter(is_found).select(["key", "day_from", "day_to"]).to_pylist():
            days = (date.fromisoformat(e["day_from"]), date.fromisoformat(e["day_to"])) if e["day_from"] else None
            pending.add((tuple(e["key"].split("|")), days))  # type: ignore[arg-type]
        rest = rest.filter(pc.invert(is_found))
    return chosen


def _write(store: Store, events: pa.Table, index: pa.Table, batches: set[str], window: int) -> None:
    """Write the index, then the events snapshot that commits it; both carry the same snapshot id."""
    meta = json.dumps({"snapshot": uuid.uuid4().hex, "fuser": FUSER, "window_days": window,
                       "batches": sorted(batches)}).encode()
    # The order of a full fuse: by date, undated last ("9999"), then id.
    keys = pa.table({"d": pc.fill_null(events["date_start"], "9999"), "e": events["event_id"]})
    order = pc.sort_indices(keys, sort_keys=[("d", "ascending"), ("e", "ascending")])
    events = events.take(order).replace_schema_metadata({META_KEY: meta})
    events_path, index_path = _paths(store)
    store.write_parquet(index_path, index.replace_schema_metadata({META_KEY: meta}))
    store.write_parquet(events_path, events)


def _events_table(fused: list[Fused], now: datetime) -> pa.Table:
    rows = []
    for f in fused:
        f.event.fused_at = now
        rows.append(f.event.to_dict())
    return schema.to_table("events", rows)


def fuse_store(store: Store, window_days: int, *, full: bool = False) -> FuseResult:
    """Bring the store's events up to date with its mentions; re-fuse everything when ``full``."""
    started = time.perf_counter()
    batches = _batches(store)
    state = None if full else _read_state(store, window_days)
    now = datetime.now(UTC)
    with store._query() as con:
        if state is not None:
            fresh = sorted(batches - set(state["batches"]))
            if set(state["batches"]) - batches:  # a fused batch is gone: the snapshot cannot be trusted
                state = None
        if state is None:
            rows = _select(con)
            fused = fuse_events(rows, window_days=window_days)
            _write(store, _events_table(fused, now), pa.table(_index_rows(fused), schema=INDEX), batches,
                   window_days)
            result = FuseResult(len(fused), len(rows), len(rows), True, time.perf_counter() - started)
            log.info("store %s: fused %d mentions into %d events", store.path, len(rows), len(fused))
            return result
        new_rows = _select(con, " where batch in (select unnest(?::varchar[]))", [fresh]) if fresh else []
        events_path, index_path = _paths(store)
        events = store.read_parquet(events_path)
        if not new_rows:
            return FuseResult(events.num_rows, 0, 0, False, time.perf_counter() - started)
        new_ids = pa.array([r["mention_id"] for r in new_rows], pa.string())
        if pc.any(pc.is_in(pc.list_flatten(events["mention_ids"]), value_set=new_ids)).as_py():
            log.info("store %s: new batches repeat fused mentions; re-fusing everything", store.path)
            return fuse_store(store, window_days, full=True)
        index = store.read_parquet(index_path)
        touched = _region(index, [(block_key(r), mention_interval(r, window_days)) for r in new_rows])
        is_touched = pc.is_in(events["event_id"], value_set=pa.array(sorted(touched), pa.string()))
        old_ids = pc.list_flatten(events.filter(is_touched)["mention_ids"]).to_pylist()
        old_rows = _select(con, " where mention_id in (select unnest(?::varchar[]))", [old_ids])
    if len(old_rows) != len(old_ids):  # fused mentions no longer visible: start again from scratch
        log.info("store %s: fused mentions vanished; re-fusing everything", store.path)
        return fuse_store(store, window_days, full=True)
    fused = fuse_events(new_rows + old_rows, window_days=window_days)
    kept = events.filter(pc.invert(is_touched))
    kept_index = index.filter(pc.invert(pc.is_in(index["event_id"],
                                                 value_set=pa.array(sorted(touched), pa.string()))))
    merged = pa.concat_tables([kept.replace_schema_metadata(None), _events_table(fused, now)])
    merged_index = pa.concat_tables([kept_index.replace_schema_metadata(None),
                                     pa.table(_index_rows(fused), schema=INDEX)])
    _write(store, merged, merged_index, set(state["batches"]) | set(fresh), window_days)
    log.info("store %s: fused %d new mentions with %d of %d events (%d mentions) into %d events",
             store.path, len(new_rows), len(touched), events.num_rows, len(old_rows), merged.num_rows)
    return FuseResult(merged.num_rows, len(new_rows), len(new_rows) + len(old_rows), False,
                      time.perf_counter() - started)
