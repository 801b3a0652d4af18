"""The DuckDB views over a store (a folder or a URL): raw files per table, and the rules that make them one store.

Views (docs/store.md, "Views"): ``articles``, ``mentions``, ``events``, ``quarantine``; the raw rows of
the files as ``_<table>_files``; the same with the file each row comes from as ``_<table>_rows``; an
empty table as ``_<table>_empty``. The views glob the table folders at query time, so files added or
merged after the database was opened are seen without rebuilding it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from newsevents.errors import StoreError
from newsevents.store import schema
from newsevents.store.events_view import EVENTS_VIEW

if TYPE_CHECKING:
    from newsevents.store.files import Files

# Two writers racing on one article both commit it; the earliest batch wins. The file name only breaks
# ties between copies of one batch, which exist while Store.compact merges files.
ARTICLES = """
create view _articles_chosen as select * from _articles_rows
qualify row_number() over (partition by article_id order by ingested_at, batch, filename) = 1;
create view articles as select * exclude (filename) from _articles_chosen
"""

# A mention is visible only once its article row (written last) commits its batch, so a crash between
# files leaves nothing half-added and a rerun does not double the mentions. It is read from the mentions
# file named as the articles file its article is read from: while compaction merges a batch, it is seen
# from the old pair of files or from the new pair, never from both.
MENTIONS = """
create view mentions as select m.* exclude (filename) from _mentions_rows m
semi join _articles_chosen a on m.article_id = a.article_id and m.batch = a.batch
and parse_filename(m.filename) = parse_filename(a.filename)
"""

# Each batch is read from one file (the first by name), for the same reason.
QUARANTINE = """
create view quarantine as select * exclude (filename) from _quarantine_rows
qualify dense_rank() over (partition by batch order by filename) = 1
"""


def first_line(exc: BaseException) -> str:
    """Return the first line of an error message (DuckDB's run over several)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _quote(text: str) -> str:
    """Escape a string for a SQL literal (file globs cannot be bound as parameters in a view)."""
    return text.replace("'", "''")


def open_database(where: Files, present: dict[str, bool]) -> duckdb.DuckDBPyConnection:
    """Return a new in-memory DuckDB database with the views; ``present`` says which tables have files."""
    con = duckdb.connect()
    where.register(con)  # a URL store: DuckDB reads its files through the store's fsspec filesystem
    # Footers already read are kept (checked against the file's mtime): a query over many files does
    # not read them all again. Not on object stores: their mtimes have whole seconds, and the events
    # snapshot can be replaced twice in one second.
    con.execute(f"set parquet_metadata_cache = {str(not where.remote).lower()}")
    for table in schema.TABLES:
        if present[table]:
            glob = where.uri(f"{table}/*.parquet")
            rows = f"read_parquet('{_quote(glob)}', union_by_name = true, filename = true)"
            files = f"select * exclude (filename) from _{table}_rows"
        else:  # read_parquet fails on an empty glob: an empty table with the right columns instead
            # (a table, not a registered Arrow view: cursors of the database see only its catalogue)
            con.register("_arrow_empty", schema.SCHEMAS[table].empty_table())
            con.execute(f"create table _{table}_empty as select * from _arrow_empty")
            con.unregister("_arrow_empty")
            rows = f"(select *, null::varchar as filename from _{table}_empty)"
            files = f"select * from _{table}_empty"
        try:
            con.execute(f"create view _{table}_rows as select * from {rows}")
            con.execute(f"create view _{table}_files as {files}")
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{where.uri(table)}: cannot read the store ({first_line(exc)})") from None
    for sql in (*ARTICLES.split(";"), MENTIONS, QUARANTINE, EVENTS_VIEW):
        con.execute(sql)
    return con
