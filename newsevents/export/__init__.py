"""Write a store's events and mentions in standard formats: CSV, JSON Lines, Parquet, GDELT 2.0, PLOVER.

>>> store.export("events.tsv", fmt="gdelt", table="events", filters=EventFilter(actor="CHN"))  # doctest: +SKIP
12
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.errors import StoreError
from newsevents.store.query import EventFilter

if TYPE_CHECKING:
    from newsevents.store import Store

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "plover")


def export_store(store: Store, output: str | Path, fmt: str = "csv", table: str = "mentions",
                 filters: EventFilter | None = None) -> int:
    """Write one table of the store (events or mentions filtered like ``events``) to a file; return rows."""
    from newsevents.export import gdelt, plover, tables

    filters = filters or EventFilter()
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "gdelt":
        if table not in ("events", "mentions"):
            raise StoreError(f"GDELT exports events or mentions, not {table!r}")
        return gdelt.write(store, Path(output), table, filters)
    if fmt == "plover":
        if table not in ("events", "mentions"):
            raise StoreError(f"PLOVER exports events (one record per fused event) or mentions, not {table!r}")
        return plover.write(store, Path(output), table, filters)
    return tables.write(store, Path(output), fmt, table, filters)
