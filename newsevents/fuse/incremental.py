"""Keep a store's events up to date, re-clustering only what new mentions can change.

Fusion decides within a block (code and actor pair) by comparing days, and a mention's days only ever
meet those of mentions whose days overlap theirs: so a block's events come out of its runs of
overlapping days (its "components") one by one, and clustering one component alone gives what
clustering the whole block gives. A one-sided report then joins the one two-sided event it fits,
judged on that event's own block only (newsevents.fuse.fuse.attach_target). So new mentions change:

1. the components of their blocks that their days fall in (grown until no stored event of the block
   reaches them: the closure), which are clustered again;
2. the one-sided reports whose days meet a re-clustered two-sided component: their components too;
3. the two-sided events those one-sided reports joined before or join now (rebuilt with the same
   block clustering, gaining or losing those reports).

Nothing else can change, so the result equals a full re-fuse (tests/fuse/test_incremental.py).
The index (newsevents.fuse.runs) finds the stored events of a block on given days by token and days,
opening only the parts and reading only the row groups that may hold them (two levels: the state lists
each part's ranges); the stored copies of their mentions are read the same way, and new mentions
straight from the new batches' files. One fusion writes one run holding the events it made and the ids
it retired; runs are merged now and then (amortised). Whenever the snapshot looks wrong (settings
changed, a fused batch gone, a run whose parts are not listed, a mention seen twice), it re-fuses
everything.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from newsevents.errors import StoreError
from newsevents.fuse import runs
from newsevents.fuse.fuse import (
    COLUMNS,
    FUSER,
    Fused,
    attach_target,
    attaches,
    cluster_block,
    fuse_events,
    prepare,
    reach,
    stored_cluster,
    to_fused,
)
from newsevents.fuse.rows import days_of, events_table, index_table, key_of, mentions_table, tokens
from newsevents.fuse.runs import IO, State

if TYPE_CHECKING:
    from newsevents.store import Store

log = logging.getLogger(__name__)

Key = tuple[str, str, str]
Interval = tuple[date, date]


class Doubt(Exception):
    """The stored snapshot does not match the mentions: re-fuse everything."""


@dataclass
class FuseResult:
    """What one fusion did: events in the snapshot, mentions read and re-clustered, how long, what I/O."""

    events: int
    new_mentions: int
    refused_mentions: int  # mentions clustered this time (all of them on a full fuse)
    full: bool
    seconds: float
    touched: int = 0  # stored events re-fused or rebuilt
    io: IO = field(default_factory=IO)


def _select(con: duckdb.DuckDBPyConnection, where: str = "", params: list[Any] | None = None
            ) -> list[dict[str, Any]]:
    """Select the mention columns fusion reads from the view; columns older batch files lack read as null."""
    present = {r[0] for r in con.execute("describe mentions").fetchall()}
    cols = ", ".join(c if c in present else f"null as {c}" for c in COLUMNS)
    cur = con.execute(f"select {cols} from mentions{where}", params or [])
    return [dict(zip(COLUMNS, r, strict=True)) for r in cur.fetchall()]


def _new_rows(store: Store, fresh: list[str], io: IO) -> list[dict[str, Any]]:
    """Read the mentions of new batches from their own files (a compacted batch through the view)."""
    names = store.list_files("mentions")
    have = set(names)
    rows: list[dict[str, Any]] = []
    elsewhere = []
    for batch in fresh:
        rel = f"mentions/batch-{batch}.parquet"
        if f"batch-{batch}.parquet" not in have:
            elsewhere.append(batch)
            continue
        present = set(store.read_schema(rel).names)
        table = io.read(store.read_parquet(rel, [c for c in (*COLUMNS, "batch") if c in present]))
        for row in table.to_pylist():
            if row.pop("batch", batch) == batch:
                rows.append({c: row.get(c) for c in COLUMNS})
    if elsewhere and any(not n.startswith("batch-") for n in names):  # merged by Store.compact before fusing
        with store._query() as con:
            rows += _select(con, " where batch in (select unnest(?::varchar[]))", [elsewhere])
    return rows


def _next_gen(store: Store) -> int:
    return max([0, *runs.gens(store, "events"), *runs.gens(store, "fusion")]) + 1


def _full(store: Store, window: int, batches: set[str], old: State | None, started: float) -> FuseResult:
    io = IO()
    with store._query() as con:
        rows = _select(con)
        shown = [r[0] for r in con.execute("select event_id from events").fetchall()]
    fused = fuse_events(rows, window_days=window)
    now = runs.fused_at_after(old, datetime.now(UTC))
    ids = {f.event.event_id for f in fused}
    # Rows of the old snapshot stay until the new run is written: retire what it no longer has.
    events = events_table(fused, sorted(set(shown) - ids), now)
    gen = _next_gen(store)
    state = State(FUSER, window, gen, batches, {gen: events.num_rows}, len(fused), now.isoformat())
    keep = set(runs.write_run(store, state, events, index_table(fused, {}),
                              mentions_table(fused, {r["mention_id"]: r for r in rows}), io))
    for folder in ("events", "fusion"):  # everything else: older runs, a snapshot of an older layout
        for name in store.list_files(folder):
            if f"{folder}/{name}" not in keep:
                store.remove(f"{folder}/{name}")
    log.info("store %s: fused %d mentions into %d events", store.path, len(rows), len(fused))
    return FuseResult(len(fused), len(rows), len(rows), True, time.perf_counter() - started, io=io)


def fuse_store(store: Store, window_days: int, *, full: bool = False) -> FuseResult:
    """Bring the store's events up to date with its mentions; re-fuse everything when ``full``."""
    started = time.perf_counter()
    batches = store.batches()
    last = runs.read_state(store)
    state = None if full else last
    if state is not None and (state.fuser != FUSER or state.window_days != window_days
                              or state.batches - batches  # other settings, or a fused batch is gone
                              or set(state.parts) != set(state.runs)):  # an older layout, or a run unlisted
        state = None
    if state is None:
        return _full(store, window_days, batches, last, started)
    runs.clean(store, state)
    fresh = sorted(batches - state.batches)
    if not fresh:
        return FuseResult(state.events, 0, 0, False, time.perf_counter() - started)
    io = IO()
    try:
        new_rows = _new_rows(store, fresh, io)
        if len({r["mention_id"] for r in new_rows}) != len(new_rows):
            raise Doubt("new batches repeat a mention")
        region = _Region(store, state, window_days, io)
        try:
            result = region.fuse(new_rows, set(fresh))
        finally:
            region.reader.close()
    except (Doubt, OSError, pa.ArrowException, StoreError) as exc:  # a file of the snapshot missing or damaged
        log.info("store %s: %s; re-fusing everything", store.path, exc)
        return _full(store, window_days, batches, state, started)
    result.seconds = time.perf_counter() - started
    result.io = io
    return result


# -- the region new mentions reach ---------------------------------------------------------------------

def _covered(spans: list[Interval], days: Interval) -> bool:
    return any(a <= days[0] and days[1] <= b for a, b in spans)


class _Region:
    """The stored events new mentions can change, found through the index; and their re-fusion."""

    def __init__(self, store: Store, state: State, window: int, io: IO) -> None:
        self.store, self.state, self.window, self.io = store, state, window, io
        self.explored: dict[Key, list[Interval]] = defaultdict(list)  # days looked up per block
        self.undated: set[Key] = set()
        self.found: dict[tuple[str, Key], dict[str, Any]] = {}  # (event, block) -> its index row
        self.reader = runs.Reader(store, state.parts, io)

    def _lookup(self, probes: dict[Key, list[Interval | None]], homes: bool = False) -> list[dict[str, Any]]:
        """Return the live index rows of the probed blocks whose days meet a probe's.

        With ``homes``, the probes are one-sided blocks and the rows wanted are the own-block rows of the
        two-sided events they may join.
        """
        by_token: dict[str, list[tuple[Key, list[Interval | None]]]] = defaultdict(list)
        for key, spans in probes.items():
            # A block's rows are under each of its tokens: its first finds them (a one-sided block has one).
            by_token[tokens(key)[0]].append((key, spans))
        wanted: dict[str, runs.Days] = {}
        for token, asks in by_token.items():
            spans = [s for _, ss in asks for s in ss]
            dated = [s for s in spans if s]
            wanted[token] = (min(s[0] for s in dated).isoformat() if dated else None,
                             max(s[1] for s in dated).isoformat() if dated else None, len(dated) < len(spans))
        if not wanted:
            return []
        rows = pa.concat_tables([runs.with_gen(self.reader.rows(gen, "index", wanted), gen)
                                 for gen in sorted(self.state.runs)])
        # Rows dated away from every probe of their token go before the newest row of each event and token
        # is picked: a retired row has the days of the row it retires, so both go or both stay.
        asked = sorted(wanted)
        at = pc.index_in(rows["token"], value_set=pa.array(asked, pa.string()))
        lo = pc.take(pa.array([wanted[t][0] for t in asked], pa.string()), at)
        hi = pc.take(pa.array([wanted[t][1] for t in asked], pa.string()), at)
        undated = pc.take(pa.array([wanted[t][2] for t in asked], pa.bool_()), at)
        near = pc.and_(pc.less_equal(rows["day_from"], hi), pc.greater_equal(rows["day_to"], lo))
        rows = rows.filter(pc.or_(pc.fill_null(near, False), pc.and_(undated, pc.is_null(rows["day_from"]))))
        rows = runs.latest(rows, ["event_id", "token"], "gen")
        rows = rows.filter(pc.invert(rows["retired"]))
        keys = sorted({"|".join(k) for k in probes})
        if not homes:
            rows = rows.filter(pc.is_in(rows["key"], value_set=pa.array(keys, pa.string())))
        else:
            rows = rows.filter(pc.equal(rows["key"], rows["home"]))
        out = []
        for row in rows.to_pylist():
            key, days = key_of(row["key"]), days_of(row)
            for probe, spans in by_token[row["token"]]:
                if homes:  # own-block rows only: filtered above
                    if not attaches(probe, key):
                        continue
                elif key != probe:
                    continue
                if any((s is None and days is None) or (s and days and s[0] <= days[1] and days[0] <= s[1])
                       for s in spans):
                    out.append(row)
                    break
        return out

    def _close(self, probes: dict[Key, list[Interval | None]]) -> None:
        """Grow the probed days of each block until no stored event of the block reaches past them."""
        while probes:
            for key, spans in probes.items():
                for s in spans:
                    if s is None:
                        self.undated.add(key)
                    else:
                        self.explored[key].append(s)
            nxt: dict[Key, list[Interval | None]] = defaultdict(list)
            for key, spans in probes.items():  # one-sided blocks a re-clustered two-sided block may take
                if key[1] and key[2]:
                    code, a, b = key
                    for half in {(code, a, ""), (code, "", b), (code, "", a), (code, b, "")}:
                        if attaches(half, key):
                            nxt[half] += [s for s in spans if not self._seen(half, s)]
            for row in self._lookup(probes):
                key = key_of(row["key"])
                self.found.setdefault((row["event_id"], key), row)
                days = days_of(row)
                if not self._seen(key, days):
                    nxt[key].append(days)
            probes = {k: v for k, v in nxt.items() if v}

    def _seen(self, key: Key, days: Interval | None) -> bool:
        return key in self.undated if days is None else _covered(self.explored[key], days)

    def _mentions(self, events: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """Read the stored mention rows of events (given one live index row of each)."""
        by_gen: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
        for event_id, row in events.items():
            by_gen[row["gen"]][event_id] = row
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for gen, rows in sorted(by_gen.items()):
            days: dict[str, list[str | None]] = defaultdict(list)
            for row in rows.values():
                days[row["home_token"]].append(row["span_from"])
            wanted: dict[str, runs.Days] = {}
            for home, starts in days.items():
                dated = [d for d in starts if d]
                wanted[home] = (min(dated) if dated else None, max(dated) if dated else None,
                                len(dated) < len(starts))
            table = self.reader.rows(gen, "mentions", wanted, ["event_id", "row"])
            table = table.filter(pc.is_in(table["event_id"], value_set=pa.array(sorted(rows), pa.string())))
            for event_id, row in zip(table["event_id"].to_pylist(), table["row"].to_pylist(), strict=True):
                out[event_id].append(json.loads(row))
        if set(out) != set(events):
            raise Doubt("stored events without their mentions")
        return out

    def fuse(self, new_rows: list[dict[str, Any]], fresh: set[str]) -> FuseResult:
        """Re-fuse what the new mentions reach and write it as a new run."""
        probes: dict[Key, list[Interval | None]] = defaultdict(list)
        new = [prepare(r, self.window) for r in new_rows]
        for m in new:
            probes[m.key].append(m.interval)
        self._close(dict(probes))
        touched = {e: row for (e, _), row in self.found.items()}
        stored = self._mentions(touched)
        by_id = {r["mention_id"]: r for r in new_rows}
        if any(r["mention_id"] in by_id for rs in stored.values() for r in rs):
            raise Doubt("new batches repeat fused mentions")
        # Mentions of the explored components are clustered again; the rest of a touched event is kept.
        blocks: dict[Key, list[Any]] = defaultdict(list)
        for m in new:
            blocks[m.key].append(m)
        kept: dict[str, list[Any]] = {}
        prepared: dict[str, list[Any]] = {}  # the stored events' mentions, prepared once
        for event_id, rows in stored.items():
            for r in rows:
                by_id[r["mention_id"]] = r
            ms = prepared[event_id] = [prepare(r, self.window) for r in rows]
            again = [m for m in ms if (event_id, m.key) in self.found]
            home = key_of(touched[event_id]["home"])
            if (event_id, home) in self.found:
                if len(again) != len(ms):
                    raise Doubt("an event re-clustered only in part")
            else:
                kept[event_id] = [m for m in ms if (event_id, m.key) not in self.found]
            for m in again:
                blocks[m.key].append(m)
        clustered = {key: cluster_block(ms) for key, ms in sorted(blocks.items())}
        fulls = [(k, c) for k, cs in clustered.items() if k[1] and k[2] for c in cs]
        halves = [(k, c) for k, cs in clustered.items() if bool(k[1]) != bool(k[2]) for c in cs]
        # Two-sided events not re-clustered that a one-sided report may join: by token, on its seed's days.
        asks: dict[Key, list[Interval | None]] = defaultdict(list)
        for key, half in halves:
            asks[key].append(half.seed.interval)
        others: dict[str, dict[str, Any]] = {}
        for row in self._lookup(asks, homes=True) if asks else []:
            if (row["event_id"], key_of(row["home"])) not in self.found:
                others.setdefault(row["event_id"], row)
        stand_ins = {e: stored_cluster(days_of(r, "span"), bool(r["precise"]), frozenset(r["countries"] or []))
                     for e, r in others.items()}
        owner = {id(c): e for e, c in stand_ins.items()}
        chosen: dict[str, list[Any]] = defaultdict(list)
        alone = []
        by_actor: dict[tuple[str, str], list[tuple[Key, Any]]] = defaultdict(list)
        for k, c in [*fulls, *((key_of(others[e]["home"]), c) for e, c in stand_ins.items())]:
            for actor in {k[1], k[2]}:  # a one-sided block only ever joins blocks of its known actor
                by_actor[k[0], actor].append((k, c))
        for key, half in halves:
            target = attach_target(half, [c for k, c in by_actor[key[0], key[1] or key[2]] if attaches(key, k)])
            if target is None:
                alone.append(half)
            elif id(target) in owner:
                chosen[owner[id(target)]].extend(half.members)
            else:
                target.members.extend(half.members)
        extra = {e: others[e] for e in chosen if e not in kept}
        if extra:
            more = self._mentions(extra)
            for e, rows in more.items():
                stored[e] = rows
                touched[e] = extra[e]
                for r in rows:
                    by_id[r["mention_id"]] = r
                kept[e] = prepared[e] = [prepare(r, self.window) for r in rows]
        fused = [to_fused(c) for _, c in fulls] + [to_fused(c) for c in alone]
        fused += [to_fused(c) for k, cs in clustered.items() if not k[1] and not k[2] for c in cs]
        for e, members in kept.items():
            row = touched[e]
            cluster = stored_cluster(days_of(row, "span"), bool(row["precise"]), frozenset(row["countries"] or []),
                                     members + chosen.get(e, []), row["seed"])
            if cluster.seed.row.get("mention_id") != row["seed"]:
                raise Doubt("a stored event lost its seed")
            fused.append(to_fused(cluster))
        return self._write(fused, prepared, by_id, fresh, len(new_rows))

    def _write(self, fused: list[Fused], stored: dict[str, list[Any]],
               by_id: dict[str, dict[str, Any]], fresh: set[str], new: int) -> FuseResult:
        state = self.state
        now = runs.fused_at_after(state, datetime.now(UTC))
        ids = {f.event.event_id for f in fused}
        retire = sorted(set(stored) - ids)
        retired = {e: reach(ms) for e, ms in stored.items()}
        events = events_table(fused, retire, now)
        gen = state.gen + 1
        live = state.events - len(stored) + len(fused)
        nxt = State(FUSER, self.window, gen, state.batches | fresh, {**state.runs, gen: events.num_rows}, live,
                    now.isoformat(), parts=state.carried())
        runs.write_run(self.store, nxt, events, index_table(fused, retired), mentions_table(fused, by_id), self.io)
        runs.consolidate(self.store, nxt, self.io)
        refused = sum(f.event.num_mentions for f in fused)
        log.info("store %s: fused %d new mentions with %d stored events into %d events (%d mentions)",
                 self.store.path, new, len(stored), len(fused), refused)
        return FuseResult(live, new, refused, False, 0.0, touched=len(stored))
