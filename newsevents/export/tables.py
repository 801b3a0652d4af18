"""Write a store table as CSV, JSON Lines or Parquet: the documented columns, filtered like ``events``.

The columns (docs/export.md) are the store's (docs/store.md) without the internal ones: ``batch``
everywhere, ``mention_json`` of mentions and ``document_json`` of articles in CSV (they repeat the
other columns as JSON). CSV writes list columns (``statuses``, ``mention_ids``, ...) as JSON arrays,
so a cell such as ``["asserted","planned"]`` reads back with ``json.loads``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsevents.errors import StoreError
from newsevents.store import schema
from newsevents.store.query import EventFilter, where_sql

# What is left out of each table's export, per format (everything else is exported in schema order).
DROPPED: dict[str, dict[str, tuple[str, ...]]] = {
    "events": {"csv": (), "jsonl": (), "parquet": ()},
    "mentions": {"csv": ("batch", "mention_json"), "jsonl": ("batch",), "parquet": ("batch",)},
    "articles": {"csv": ("batch", "document_json"), "jsonl": ("batch",), "parquet": ("batch",)},
    "quarantine": {"csv": ("batch",), "jsonl": ("batch",), "parquet": ("batch",)},
}
ORDER = {
    "events": "date_start nulls last, event_id",
    "mentions": "published nulls last, mention_id",
    "articles": "published nulls last, article_id",
    "quarantine": "at, origin",
}
COPY_OPTIONS = {"csv": "format csv, header true", "jsonl": "format json",
                "parquet": "format parquet, compression zstd"}


def columns(table: str, fmt: str) -> list[str]:
    """Return the exported column names of a table in a format, in order."""
    dropped = DROPPED[table][fmt]
    return [name for name in schema.SCHEMAS[table].names if name not in dropped]


def _quote(text: str) -> str:
    return text.replace("'", "''")


def write(store: object, output: Path, fmt: str, table: str, filters: EventFilter) -> int:
    """Copy the (filtered) table to ``output``; return the number of rows written."""
    if table not in schema.TABLES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(schema.TABLES)}")
    if table in ("events", "mentions"):
        where, params = where_sql(table, filters)
    elif not filters.is_empty():
        raise StoreError(f"filters apply to events and mentions, not to {table}")
    else:
        where, params = "", []
    lists = {f.name for f in schema.SCHEMAS[table] if str(f.type).startswith("list")}
    con_of = store._query(f"{output}: cannot export {table}")  # type: ignore[attr-defined]
    with con_of as con:
        present = {r[0] for r in con.execute(f"describe {table}").fetchall()}
        select = []
        for name in columns(table, fmt):
            # A column older batch files lack (say dup_of) is exported empty rather than failing.
            value = name if name in present else "null::varchar[]" if name in lists else "null::varchar"
            if fmt == "csv" and name in lists:
                value = f"to_json({value})"
            select.append(f"{value} as {name}")
        # Parameters cannot be bound inside COPY, so the filtered rows go to a temporary table first.
        con.execute(f"create temp table export_rows as select {', '.join(select)} from {table}{where} "
                    f"order by {ORDER[table]}", params)
        n = con.execute("select count(*) from export_rows").fetchone()[0]  # type: ignore[index]
        try:
            con.execute(f"copy export_rows to '{_quote(str(output))}' ({COPY_OPTIONS[fmt]})")
        except duckdb.IOException as exc:
            raise StoreError(f"{output}: cannot write ({str(exc).splitlines()[0]})") from None
    return int(n)
