"""The rows one fusion writes: events and retired ids, index rows, and the copy of their mentions.

Layout and meaning: newsevents.fuse.runs and docs/fusion.md, "Snapshot layout".
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from newsevents.fuse import runs
from newsevents.fuse.fuse import Fused
from newsevents.fuse.runs import RETIRED
from newsevents.store import schema

Key = tuple[str, str, str]
Interval = tuple[date, date]


def iso(days: Interval | None) -> tuple[str | None, str | None]:
    """Return days as ISO strings (None, None when undated)."""
    return (days[0].isoformat(), days[1].isoformat()) if days else (None, None)


def days_of(row: dict[str, Any], prefix: str = "day") -> Interval | None:
    """Return the days of an index row (``day_``: its block's mentions; ``span_``: its own block's span)."""
    start = row[f"{prefix}_from"]
    return (date.fromisoformat(start), date.fromisoformat(row[f"{prefix}_to"])) if start else None


def tokens(key: Key) -> list[str]:
    """Return the (code, actor) pairs a block is found by; a block and the one-sided blocks it takes share one."""
    code, a, b = key
    return [f"{code}|{x}" for x in (a, b) if x] or [f"{code}|"]


def key_of(text: str) -> Key:
    """Return a block key from its text in the index ("code|source|target")."""
    return tuple(text.split("|"))  # type: ignore[return-value]


def events_table(fused: list[Fused], retire: list[str], now: datetime) -> pa.Table:
    """Return the events rows of a run: its events, fused ``now``, and a row retiring each of ``retire``."""
    rows = []
    for f in fused:
        f.event.fused_at = now
        rows.append(f.event.to_dict())
    rows += [{"event_id": i, "fuser": RETIRED, "fused_at": now} for i in retire]
    return schema.to_table("events", rows)


def index_table(fused: list[Fused], retired: dict[str, dict[Key, Interval | None]]) -> pa.Table:
    """Index rows of new events, and retired copies of the rows of the events they replace."""
    rows: dict[str, list[Any]] = {name: [] for name in runs.INDEX.names}

    def add(event_id: str, reach: dict[Key, Interval | None], f: Fused | None) -> None:
        home = tokens(f.home)[0] if f else None
        span = iso(f.span) if f else (None, None)
        for key, days in reach.items():
            day_from, day_to = iso(days)
            for token in tokens(key):
                for name, value in (("event_id", event_id), ("key", "|".join(key)), ("token", token),
                                    ("day_from", day_from), ("day_to", day_to), ("home_token", home),
                                    ("home", "|".join(f.home) if f else None), ("span_from", span[0]),
                                    ("span_to", span[1]), ("precise", f.precise if f else None),
                                    ("countries", sorted(f.countries) if f else None),
                                    ("seed", f.seed if f else None), ("retired", f is None)):
                    rows[name].append(value)

    for event_id, reach in retired.items():
        add(event_id, reach, None)
    for f in fused:
        add(f.event.event_id, f.reach, f)
    return pa.table(rows, schema=runs.INDEX)


def mentions_table(fused: list[Fused], by_id: dict[str, dict[str, Any]]) -> pa.Table:
    """Return the mention copy of a run: each event's mention rows as JSON, by home token and day."""
    rows = []
    for f in fused:
        home, day = tokens(f.home)[0], iso(f.span)[0]
        rows += [{"event_id": f.event.event_id, "home_token": home, "day_from": day, "day_to": day,
                  "row": json.dumps(by_id[m], separators=(",", ":"))} for m in f.event.mention_ids]
    return pa.Table.from_pylist(rows, schema=runs.MENTIONS)

