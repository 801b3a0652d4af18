"""The fused-events snapshot as a log of runs: each fusion adds one small run, merges keep the runs few.

Layout (docs/fusion.md, "Snapshot layout")::

    events/run-<gen>.parquet               event rows (by id) and the ids it retires (fuser "retired")
    fusion/index-<gen>-<part>.parquet      per event, block and token: the days, the facts of its own block
    fusion/mentions-<gen>-<part>.parquet   the fusion columns of the run's events' mentions

``gen`` is an 8-digit counter. An event id's row with the latest ``fused_at`` is the one shown (the
``events`` view, newsevents/store/events_view.py); in the index and the mention copy the latest gen wins.
A run is committed by its events file, written last, whose Parquet metadata carries the state (fuser,
window, batches fused, live runs and the range of tokens and days of each of their parts); files of gens
it does not list are leftovers of a crash and removed. The index and the mention copy are sorted by day,
then token, and cut in parts of bounded size: a lookup of some tokens on some days opens only the parts
the state says may hold them, and in those only the row groups whose statistics may; so the footers it
reads stay small however big the store grows.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsevents.store import schema

if TYPE_CHECKING:
    from newsevents.store import Store

log = logging.getLogger(__name__)

META_KEY = b"newsevents.fusion"
RETIRED = "retired"  # the fuser of a row that retires an event id
NAME = re.compile(r"(run|index|mentions)-(\d{8})(?:-\d{4})?\.parquet")
# Rows per row group. A group read costs about as much as a few hundred rows decoded, and what one fusion
# looks up (related blocks on near days) is dense in a run's rows of those days: big groups cost less CPU
# than small ones that read fewer rows (measured: 1,024 against 128 to 2,048, bench/fusion_bench.py).
GROUP = 1024
# Rows per file (part) of a run's index or mention copy: a lookup opens only the parts whose days and
# tokens (listed in the state: the first level) may hold what it wants, and reads their footers (the
# second level), small whatever the size of the store.
PART_ROWS = 4096

_S = pa.string()
INDEX = pa.schema([
    ("event_id", _S), ("key", _S), ("token", _S), ("day_from", _S), ("day_to", _S), ("home_token", _S),
    ("home", _S), ("span_from", _S), ("span_to", _S), ("precise", pa.bool_()), ("countries", pa.list_(_S)),
    ("seed", _S), ("retired", pa.bool_()),
])
# day_from = day_to = the first day of the event's span: the copy is sorted by day, then home token, so
# the mentions of the events one fusion touches (related blocks, near days) sit in a few row groups.
# The row itself is one JSON column: a lookup reads a few narrow row groups, not forty columns of each.
MENTIONS = pa.schema([("event_id", _S), ("home_token", _S), ("day_from", _S), ("day_to", _S), ("row", _S)])


def events_rel(gen: int) -> str:
    return f"events/run-{gen:08d}.parquet"


def part_rel(kind: str, gen: int, part: int) -> str:
    """Return the path of one part of a run's index (``kind`` "index") or mention copy ("mentions")."""
    return f"fusion/{kind}-{gen:08d}-{part:04d}.parquet"


KINDS = {"index": ("token", INDEX), "mentions": ("home_token", MENTIONS)}  # kind -> token column, schema
Part = dict[str, Any]  # rows, and min and max of token and days, as a row group's statistics say them


@dataclass
class State:
    """What the newest committed run says: settings, the batches fused, the live runs and their sizes."""

    fuser: str
    window_days: int
    gen: int
    batches: set[str]
    runs: dict[int, int]  # gen -> rows of its events file (events and retired ids)
    events: int  # live events
    fused_at: str  # the latest fused_at written (ISO), so the next run's rows sort after it
    parts: dict[int, dict[str, list[Part]]] = field(default_factory=dict)  # gen -> kind -> its parts

    def to_json(self) -> bytes:
        return json.dumps({"snapshot": uuid.uuid4().hex, "fuser": self.fuser, "window_days": self.window_days,
                           "gen": self.gen, "batches": sorted(self.batches),
                           "runs": [[g, n] for g, n in sorted(self.runs.items())], "events": self.events,
                           "fused_at": self.fused_at,
                           "parts": [[g, self.parts[g]] for g in sorted(self.runs) if g in self.parts]}).encode()

    def carried(self) -> dict[int, dict[str, list[Part]]]:
        """Return a copy of the parts of the live runs, for the next state to add its run to."""
        return {g: p for g, p in self.parts.items() if g in self.runs}


@dataclass
class IO:
    """Rows and bytes (in memory, uncompressed) one fusion read and wrote."""

    rows_read: int = 0
    bytes_read: int = 0
    rows_written: int = 0
    bytes_written: int = 0

    def read(self, table: pa.Table) -> pa.Table:
        self.rows_read += table.num_rows
        self.bytes_read += table.nbytes
        return table


def _gens(names: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for name in names:
        if m := NAME.fullmatch(name):
            out.setdefault(int(m[2]), name)
    return out


def gens(store: Store, folder: str) -> dict[int, str]:
    """Return the gens of the run files in a folder, with their names (files of other names left out)."""
    return _gens(store.list_files(folder))


def read_state(store: Store) -> State | None:
    """Return the state of the newest run, or None when the events folder holds anything else."""
    names = store.list_files("events")
    runs = _gens(names)
    if not runs or len(runs) != len(names):
        return None
    try:
        meta = json.loads((store.read_schema(events_rel(max(runs))).metadata or {}).get(META_KEY, b"null"))
        return State(meta["fuser"], meta["window_days"], meta["gen"], set(meta["batches"]),
                     {int(g): int(n) for g, n in meta["runs"]}, int(meta["events"]), meta["fused_at"],
                     parts={int(g): p for g, p in meta.get("parts", [])})
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None


Days = tuple[str | None, str | None, bool]  # first and last day wanted (ISO), and whether undated rows are


def _meets(stats: dict[str, Any], days: Days) -> bool:
    """Say whether a row group may hold rows on the days wanted, from its day statistics."""
    lo, hi, undated = days
    if undated and stats["undated"]:
        return True
    starts, ends = stats["day_from"], stats["day_to"]
    if lo is None or hi is None:
        return False
    return starts is None or ends is None or (starts[0] <= hi and ends[1] >= lo)


def _choose(stats: list[Part], column: str, wanted: dict[str, Days]) -> list[int]:
    """Return the parts or row groups whose statistics may hold a wanted token on the days wanted for it."""
    tokens = sorted(wanted)
    dated = [(lo, hi) for lo, hi, _ in wanted.values() if lo is not None and hi is not None]
    hull: Days = (min((d[0] for d in dated), default=None), max((d[1] for d in dated), default=None),
                  any(undated for *_, undated in wanted.values()))
    chosen = []
    for i, g in enumerate(stats):
        if not _meets(g, hull):  # no wanted token has days there: skip without looking at tokens
            continue
        span = g.get(column)
        inside = tokens if span is None else tokens[bisect.bisect_left(tokens, span[0]):
                                                   bisect.bisect_right(tokens, span[1])]
        if any(_meets(g, wanted[t]) for t in inside):
            chosen.append(i)
    return chosen


def part_stats(table: pa.Table, column: str) -> Part:
    """Return what the state lists of one part: its rows, and the range of its tokens and of its days."""
    out: Part = {"rows": table.num_rows, "undated": table["day_from"].null_count > 0}
    for col in (column, "day_from", "day_to"):
        mm = pc.min_max(table[col]).as_py()
        out[col] = None if mm["min"] is None else [mm["min"], mm["max"]]
    return out


class Reader:
    """Reads rows of the index and the mention copy by their sort key, in two levels.

    A run's index (and mention copy) is sorted by day, then token, and cut in parts of bounded size,
    each in a few row groups. The state lists each part's range of tokens and days: a lookup opens only
    the parts that may hold a wanted token on the days wanted for it, reads their (small) footers once per
    fusion, then only the row groups whose statistics may hold one, and keeps the rows whose token is
    wanted; exact day checks are the caller's. Row groups read are kept for the next lookups.
    """

    def __init__(self, store: Store, parts: dict[int, dict[str, list[Part]]], io: IO) -> None:
        self.store, self.parts, self.io = store, parts, io
        self._files: dict[str, tuple[pq.ParquetFile, list[Part]]] = {}
        self._groups: dict[tuple[str, int], pa.Table] = {}  # row groups read, kept for the next lookups

    def _open(self, rel: str) -> tuple[pq.ParquetFile, list[Part]]:
        if rel not in self._files:
            f = self.store.parquet_file(rel)
            meta = f.metadata
            names = f.schema_arrow.names
            groups = []
            for i in range(meta.num_row_groups):
                rg = meta.row_group(i)
                stats: Part = {"rows": rg.num_rows}
                for col in ("token", "home_token", "day_from", "day_to"):
                    st = rg.column(names.index(col)).statistics if col in names else None
                    stats[col] = (st.min, st.max) if st is not None and st.has_min_max else None
                    if col == "day_from":
                        stats["undated"] = st is None or st.null_count != 0
                groups.append(stats)
            self._files[rel] = (f, groups)
        return self._files[rel]

    def rows(self, gen: int, kind: str, wanted: dict[str, Days], columns: list[str] | None = None) -> pa.Table:
        """Return the rows of run ``gen``'s index or mention copy (``kind``) whose token is a wanted one,
        reading only parts and row groups that may hold one on the days wanted for it."""
        column, schema_ = KINDS[kind]
        found = []
        for part in _choose(self.parts[gen][kind], column, wanted):
            rel = part_rel(kind, gen, part)
            f, groups = self._open(rel)
            chosen = _choose(groups, column, wanted)
            missing = [i for i in chosen if (rel, i) not in self._groups]
            if missing:  # threads cost more than they save on a few small row groups
                table = self.io.read(f.read_row_groups(missing, use_threads=False))
                offset = 0
                for i in missing:
                    self._groups[rel, i] = table.slice(offset, groups[i]["rows"])
                    offset += groups[i]["rows"]
            found += [self._groups[rel, i] for i in chosen]
        if not found:
            return schema_.empty_table().select(columns or schema_.names)
        table = pa.concat_tables(found).combine_chunks()
        table = table.filter(pc.is_in(table[column], value_set=pa.array(sorted(wanted), pa.string())))
        return table if columns is None else table.select(columns)

    def close(self) -> None:
        for f, _ in self._files.values():
            f.close()
        self._files.clear()


def write(store: Store, rel: str, table: pa.Table, row_group_size: int | None, io: IO,
          statistics: list[str] | None = None) -> None:
    """Write one file atomically; with ``row_group_size``, in small row groups with statistics only on
    the columns lookups prune by (a footer entry per group stays small: no minimum and maximum of JSON)."""
    io.rows_written += table.num_rows
    io.bytes_written += table.nbytes
    if row_group_size is None:
        store.write_parquet(rel, table)
        return
    with store.writing(rel) as path:
        pq.write_table(table, path, compression="zstd", row_group_size=row_group_size,
                       write_statistics=statistics or True)


def write_run(store: Store, state: State, events: pa.Table, index: pa.Table, mentions: pa.Table, io: IO
              ) -> list[str]:
    """Write one run: the parts of its index and mention copy, then the events file that commits them
    (its state lists the parts); return the paths written."""
    # By day first: what one fusion looks up (related blocks on near days) sits in a few row groups.
    index = index.sort_by([("day_from", "ascending", "at_end"), ("token", "ascending", "at_end"),
                           ("event_id", "ascending", "at_end")])
    mentions = mentions.sort_by([("day_from", "ascending", "at_end"), ("home_token", "ascending", "at_end"),
                                 ("event_id", "ascending", "at_end")])
    written = []
    state.parts[state.gen] = {}
    for kind, table in (("index", index), ("mentions", mentions)):
        column = KINDS[kind][0]
        listed = state.parts[state.gen][kind] = []
        for part, start in enumerate(range(0, table.num_rows, PART_ROWS)):
            piece = table.slice(start, PART_ROWS)
            written.append(part_rel(kind, state.gen, part))
            write(store, written[-1], piece, GROUP, io, [column, "day_from", "day_to"])
            listed.append(part_stats(piece, column))
    events = events.sort_by([("event_id", "ascending")]).replace_schema_metadata({META_KEY: state.to_json()})
    written.append(events_rel(state.gen))
    write(store, written[-1], events, None, io)
    return written


def with_gen(table: pa.Table, gen: int) -> pa.Table:
    """Return a run's rows with a ``gen`` column, so that of rows from several runs the newest can be kept."""
    return table.append_column("gen", pa.repeat(pa.scalar(gen, pa.int64()), table.num_rows))


def read_whole(store: Store, state: State, gen: int, kind: str, io: IO) -> pa.Table:
    """Read all parts of a run's index or mention copy."""
    tables = [io.read(store.read_parquet(part_rel(kind, gen, p))) for p in range(len(state.parts[gen][kind]))]
    return pa.concat_tables(tables) if tables else KINDS[kind][1].empty_table()


def remove_gens(store: Store, drop: Iterable[int]) -> None:
    """Remove the files of runs no longer live: events files first, so no reader is left without them."""
    drop = set(drop)
    for gen in sorted(drop):
        store.remove(events_rel(gen))
    for name in store.list_files("fusion"):
        if (m := NAME.fullmatch(name)) and int(m[2]) in drop:
            store.remove(f"fusion/{name}")


def clean(store: Store, state: State) -> None:
    """Remove what crashed or interrupted runs left: files of gens the state does not list as live."""
    present = set(gens(store, "events")) | set(gens(store, "fusion"))
    stale = present - set(state.runs)
    if stale:
        log.info("store %s: removing %d leftover fusion runs", store.path, len(stale))
        remove_gens(store, stale)


def latest(table: pa.Table, by: list[str], order: str) -> pa.Table:
    """Keep, per value of the ``by`` columns, the rows with the greatest ``order`` (in their order)."""
    if not table.num_rows:
        return table
    # Joins cannot carry list columns: find the rows to keep on a narrow table, then take them.
    narrow = pa.table({**{c: table[c] for c in by}, order: table[order],
                       "_row": pa.array(range(table.num_rows), pa.int64())})
    top = narrow.group_by(by).aggregate([(order, "max")])
    joined = narrow.join(top, keys=by, join_type="inner")
    keep = joined.filter(pc.equal(joined[order], joined[f"{order}_max"]))["_row"]
    return table.take(pc.take(keep, pc.sort_indices(keep)))


def keep_matching(table: pa.Table, other: pa.Table, keys: list[str], join_type: str) -> pa.Table:
    """Return the rows of ``table`` a semi or anti join with ``other`` on ``keys`` keeps (in their order)."""
    narrow = pa.table({**{c: table[c] for c in keys}, "_row": pa.array(range(table.num_rows), pa.int64())})
    keep = narrow.join(other.select(keys), keys=keys, join_type=join_type)["_row"]
    return table.take(pc.take(keep, pc.sort_indices(keep)))


def merge_plan(runs: dict[int, int]) -> list[int]:
    """Return the newest runs to merge into one (none when every run is bigger than all newer ones together).

    Runs are kept so that each is bigger than all newer ones together: the newest suffix whose oldest run
    is no bigger than the rest of it is merged (a binary counter), so there are about log2(store / run)
    runs and each row is rewritten about that many times.
    """
    order = sorted(runs)
    for i in range(len(order) - 1):
        rest = sum(runs[g] for g in order[i + 1:])
        if runs[order[i]] <= rest:
            return order[i:]
    return []


def merge(store: Store, state: State, group: list[int], io: IO) -> State:
    """Merge runs (the newest ones) into one new run; the view shows the same events before and after."""
    oldest = group[0] == min(state.runs)
    events = pa.concat_tables([io.read(store.read_parquet(events_rel(g))).replace_schema_metadata(None)
                               for g in group], promote_options="permissive")
    events = latest(events, ["event_id"], "fused_at")
    # A microsecond later than the rows it copies: until the old runs are removed, the copy is the latest.
    later = pc.add(events["fused_at"], pa.scalar(timedelta(microseconds=1), pa.duration("us")))
    events = events.set_column(events.schema.get_field_index("fused_at"), "fused_at",
                               later.cast(events.schema.field("fused_at").type))
    every = pa.concat_tables([with_gen(read_whole(store, state, g, "index", io), g) for g in group])
    index = latest(every, ["event_id", "token"], "gen")
    live = index.filter(pc.invert(index["retired"]))
    # Every retired row is kept while an older run may hold the old row it retires: a retired row of an
    # earlier run of the group may be the only one with those days (later rows of the token have others).
    retired = every.filter(every["retired"])
    if oldest:
        retired = retired.slice(0, 0)
        events = events.filter(pc.not_equal(events["fuser"], RETIRED))
    index = pa.concat_tables([live, retired])
    live_at = pa.table({"event_id": live["event_id"], "gen": live["gen"]}).group_by(["event_id", "gen"]).aggregate([])
    mentions = pa.concat_tables([with_gen(read_whole(store, state, g, "mentions", io), g) for g in group])
    mentions = keep_matching(mentions, live_at, ["event_id", "gen"], "left semi")
    last = pc.max(events["fused_at"]).as_py()
    new = State(state.fuser, state.window_days, state.gen + 1, state.batches,
                {g: n for g, n in state.runs.items() if g not in group}, state.events,
                max(state.fused_at, last.isoformat()) if last else state.fused_at,
                parts={g: p for g, p in state.carried().items() if g not in group})
    new.runs[new.gen] = events.num_rows
    write_run(store, new, events.select(schema.EVENTS.names),
              index.drop(["gen"]).select(INDEX.names), mentions.drop(["gen"]).select(MENTIONS.names), io)
    remove_gens(store, group)
    log.info("store %s: merged fusion runs %s into run %d (%d rows)", store.path, group, new.gen, events.num_rows)
    return new


def consolidate(store: Store, state: State, io: IO) -> State:
    """Merge runs while the newest ones have grown as big as an older one (amortised: see merge_plan)."""
    while group := merge_plan(state.runs):
        state = merge(store, state, group, io)
    return state


def fused_at_after(state: State | None, now: datetime) -> datetime:
    """Return ``now``, or a microsecond past the latest fused_at written if the clock went back."""
    if state is not None:
        last = datetime.fromisoformat(state.fused_at)
        if now <= last:
            return last + timedelta(microseconds=1)
    return now
