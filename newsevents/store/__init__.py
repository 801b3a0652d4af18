"""The store: Parquet batches per table in a folder, queried in place with DuckDB (docs/store.md)."""

from newsevents.store.compact import Compacted
from newsevents.store.query import EventFilter
from newsevents.store.store import Added, Store

__all__ = ["Added", "Compacted", "EventFilter", "Store"]
