"""A store: immutable Parquet batches per table in a folder or at an fsspec URL, queried with DuckDB.

Layout (docs/store.md)::

    DIR/store.json                      format name and version
    DIR/articles/batch-<uuid>.parquet   one file per Store.add; written last, so it commits the batch
    DIR/mentions/batch-<uuid>.parquet   the same batch's event mentions
    DIR/quarantine/batch-<uuid>.parquet inputs that could not be processed, with the reason
    DIR/events/run-<gen>.parquet        fused events: one run of rows per Store.fuse (docs/fusion.md)
    DIR/fusion/*.parquet                what incremental fusion looks up: index and mention copies
    DIR/<table>/part-<uuid>.parquet     many batches merged by Store.compact (same rows, same batch ids)

>>> store = Store.open("newsevents-store", create=True)          # doctest: +SKIP
>>> store = Store.open("s3://bucket/newsevents", create=True)     # doctest: +SKIP
>>> store.add(pipeline.run(articles), pipeline.versions)          # doctest: +SKIP
>>> store.fuse()                                                  # doctest: +SKIP
>>> store.compact()                                               # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsevents.config import Options
from newsevents.errors import StoreError
from newsevents.model import Document
from newsevents.pipeline import Quarantined
from newsevents.store import query, schema, views
from newsevents.store.compact import TARGET_BYTES, Compacted, compact
from newsevents.store.files import URLPath, _why, open_files, write_table
from newsevents.store.index import ArticleIndex
from newsevents.store.query import EventFilter
from newsevents.store.views import first_line as _first_line

log = logging.getLogger(__name__)

MANIFEST = "store.json"


@dataclass
class Added:
    """What one Store.add wrote: new articles and mentions, quarantined inputs, and skipped repeats."""

    articles: int = 0
    mentions: int = 0
    quarantined: int = 0
    skipped: int = 0


class Store:
    """A newsevents store folder; open it with :meth:`Store.open`."""

    def __init__(self, path: str | Path, manifest: dict[str, Any], options: Options | None = None,
                 storage_options: dict[str, Any] | None = None) -> None:
        self.storage_options = dict(storage_options or {})
        self._files = open_files(path, self.storage_options)
        self.path = self._files.path  # a Path, or for a URL store a URLPath ("s3://bucket/store")
        self.manifest = manifest
        self.options = options
        self._index = ArticleIndex(self, "articles")
        self._con_lock = threading.Lock()
        self._base: duckdb.DuckDBPyConnection | None = None
        self._shape: tuple[bool, ...] = ()

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, create: bool = False, options: Options | None = None,
             storage_options: dict[str, Any] | None = None) -> Store:
        """Open the store at ``path`` (a folder or an fsspec URL); with ``create``, make it if absent or empty.

        ``storage_options`` go to the fsspec filesystem of a URL (say ``{"client_kwargs":
        {"endpoint_url": ...}}`` for an S3-compatible server); fsspec also reads them from
        ``FSSPEC_<PROTOCOL>_<OPTION>`` environment variables.
        """
        files = open_files(path, storage_options)
        where = files.url if files.remote else files.path  # type: ignore[union-attr]
        try:
            if not files.exists(MANIFEST):
                if not create:
                    if not files.remote and not files.root.exists():  # type: ignore[union-attr]
                        raise StoreError(f"{where}: no such store (the folder does not exist)")
                    raise StoreError(f"{where}: not a newsevents store (no {MANIFEST})")
                if not files.is_empty():
                    raise StoreError(f"{where}: not a newsevents store (no {MANIFEST}) and not an empty folder")
                return cls._create(path, options, storage_options)
            text = files.read_bytes(MANIFEST).decode("utf-8")
        except StoreError:
            raise
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{files.uri(MANIFEST)}: unreadable ({_why(exc)})") from None
        except Exception as exc:  # a filesystem package's own errors (no credentials, say) end here too
            if not files.remote:
                raise
            raise StoreError(f"{where}: cannot open the store ({type(exc).__name__}: {_why(exc)})") from None
        try:
            manifest = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{files.uri(MANIFEST)}: unreadable ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT_NAME:
            raise StoreError(f"{files.uri(MANIFEST)}: not a newsevents store manifest")
        version = manifest.get("version")
        if not isinstance(version, int) or version > schema.FORMAT_VERSION:
            raise StoreError(
                f"{where}: store format version {version!r} is not supported "
                f"(this newsevents reads up to {schema.FORMAT_VERSION})"
            )
        return cls._make(path, manifest, options, storage_options)

    @classmethod
    def _make(cls, path: str | Path, manifest: dict[str, Any], options: Options | None,
              storage_options: dict[str, Any] | None) -> Store:
        # Subclasses written before storage options (web.queries.ReadOnlyStore) take three arguments.
        if storage_options:
            return cls(path, manifest, options, storage_options=storage_options)
        return cls(path, manifest, options)

    @classmethod
    def _create(cls, path: str | Path, options: Options | None,
                storage_options: dict[str, Any] | None) -> Store:
        from newsevents import __version__

        manifest = {
            "format": schema.FORMAT_NAME,
            "version": schema.FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "created_by": f"newsevents {__version__}",
        }
        files = open_files(path, storage_options)
        try:
            if not files.remote:  # object stores have no folders: a key's prefix is its folder
                for table in schema.TABLES:
                    (files.root / table).mkdir(parents=True, exist_ok=True)  # type: ignore[operator]
            with files.writing(MANIFEST) as tmp:
                tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{files.path}: cannot create store ({_why(exc)})") from None
        log.info("created store %s", files.path)
        return cls._make(path, manifest, options, storage_options)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- files: every read and write of a file under the store goes through these -------------------
    # (``rel`` is a path relative to the store root with "/" separators, e.g. "articles/batch-<id>.parquet";
    # newsevents.store.files does the work for a local folder or an fsspec URL.)

    @property
    def remote(self) -> bool:
        """Say whether the store lives under a URL (an object store) rather than in a local folder."""
        return self._files.remote

    def list_files(self, folder: str) -> list[str]:
        """Return the names of the committed Parquet files in one folder of the store, sorted."""
        return self._files.list_files(folder)

    def list_info(self, folder: str) -> dict[str, tuple[int, int]]:
        """Return per committed Parquet file of one folder its size in bytes and modification time (ns)."""
        return self._files.list_info(folder)

    def exists(self, rel: str) -> bool:
        """Say whether a file exists under the store."""
        return self._files.exists(rel)

    def read_parquet(self, rel: str, columns: list[str] | None = None, filters: Any = None) -> pa.Table:
        """Read one Parquet file of the store (only ``columns``, and rows matching ``filters``, when given).

        ``filters`` is what ``pyarrow.parquet.read_table`` takes (DNF tuples or an expression): row
        groups whose statistics rule them out are not read.
        """
        return pq.read_table(self._files.arrow_path(rel), columns=columns, filters=filters,
                             filesystem=self._files.arrow_fs)

    def read_schema(self, rel: str) -> pa.Schema:
        """Read the schema (with its metadata) of one Parquet file of the store."""
        return pq.read_schema(self._files.arrow_path(rel), filesystem=self._files.arrow_fs)

    def parquet_file(self, rel: str) -> pq.ParquetFile:
        """Open one Parquet file of the store for reading by row groups (close it when done)."""
        return pq.ParquetFile(self._files.arrow_path(rel), filesystem=self._files.arrow_fs)

    def read_bytes(self, rel: str) -> bytes:
        """Read one file of the store whole (FileNotFoundError when it is not there)."""
        return self._files.read_bytes(rel)

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Write one file of the store atomically (readers see the old file or the whole new one)."""
        try:
            with self.writing(rel) as tmp:
                tmp.write_bytes(data)
        except OSError as exc:
            raise StoreError(f"{self.uri(rel)}: cannot write ({_why(exc)})") from None

    def write_parquet(self, rel: str, table: pa.Table, row_group_size: int | None = None) -> None:
        """Write one Parquet file of the store atomically (readers see the old file or the whole new one).

        ``row_group_size`` caps the rows per row group (small groups make filtered reads cheap).
        """
        write_table(self._files, rel, table, row_group_size)

    def writing(self, rel: str) -> AbstractContextManager[Path]:
        """Return a context giving a local path to write ``rel`` to; leaving it commits the file whole."""
        return self._files.writing(rel)

    def remove(self, rel: str) -> bool:
        """Remove one file of the store; return whether it was there (a file already gone is fine)."""
        try:
            return self._files.remove(rel)
        except OSError as exc:
            raise StoreError(f"{self.uri(rel)}: cannot remove ({_why(exc)})") from None

    def uri(self, rel: str) -> str:
        """Return the location of a store file as DuckDB takes it (a path, or a URL)."""
        return self._files.uri(rel)

    def arrow_path(self, rel: str) -> tuple[str, pafs.FileSystem]:
        """Return a store file as PyArrow takes it: a path and the filesystem it is on."""
        return self._files.arrow_path(rel), self._files.arrow_fs

    # -- reading ---------------------------------------------------------------------------------

    def files(self, table: str) -> list[Path | URLPath]:
        """Return the committed Parquet files of one table (temporary files excluded)."""
        return [self.path / table / name for name in self.list_files(table)]

    def _shape_now(self) -> tuple[bool, ...]:
        """Return which tables have at least one committed file (the views depend on nothing else)."""
        return tuple(self._files.has_files(t) for t in schema.TABLES)

    def connect(self) -> duckdb.DuckDBPyConnection:
        """Return a DuckDB connection with views articles, mentions, events, quarantine.

        It is a cursor of one in-memory database kept per Store object (closing it leaves the database
        open); the database is rebuilt only when a table gains its first file or loses its last one,
        since the views glob the table folders at query time. A subclass that overrides ``connect`` gets
        a fresh database of its own from ``super().connect()``.
        """
        if type(self).connect is not Store.connect:
            return self._open_connection()
        with self._con_lock:
            shape = self._shape_now()
            if self._base is None or shape != self._shape:
                # The old database is dropped, not closed: cursors handed out keep it alive until closed.
                self._base, self._shape = self._open_connection(), shape
            return self._base.cursor()

    def close(self) -> None:
        """Close the database ``connect`` keeps, and its cursors (the next ``connect`` opens a new one)."""
        with self._con_lock:
            if self._base is not None:
                self._base.close()
                self._base = None

    def _open_connection(self) -> duckdb.DuckDBPyConnection:
        """Return a new in-memory DuckDB database with the store's views."""
        self._files.refresh()
        return views.open_database(self._files, {t: self._files.has_files(t) for t in schema.TABLES})

    @contextmanager
    def _query(self, problem: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a connection; a DuckDB error (say, a damaged batch file) becomes a StoreError."""
        con = self.connect()
        try:
            yield con
        except duckdb.Error as exc:
            problem = problem or f"{self.path}: cannot read the store"
            raise StoreError(f"{problem} ({_first_line(exc)})") from None
        finally:
            con.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Return which of these article content ids are already stored (committed)."""
        return self._index.known(ids)

    def batches(self) -> set[str]:
        """Return the ids of the committed batches: those with rows in an articles file."""
        return self._index.batches()

    # -- writing ---------------------------------------------------------------------------------

    def add(self, results: Iterable[Document | Quarantined], versions: dict[str, str]) -> Added:
        """Store pipeline results as one batch per table; articles already stored are skipped."""
        items = list(results)
        docs = [r for r in items if isinstance(r, Document)]
        known = self.known_ids(d.article.id for d in docs)
        added = Added()
        batch = uuid.uuid4().hex
        now = datetime.now(UTC)
        article_rows: list[dict[str, Any]] = []
        mention_rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for doc in docs:
            aid = doc.article.id
            if aid in known or aid in seen:
                added.skipped += 1
                continue
            seen.add(aid)
            article_rows.append(schema.article_row(doc, versions, now, batch))
            mention_rows.extend(schema.mention_row(doc, i, m, batch) for i, m in enumerate(doc.events))
        quarantine_rows = [
            {"origin": q.article.origin, "article_id": q.article.id, "input_id": q.article.input_id,
             "stage": q.stage, "reason": q.reason, "snippet": (q.article.raw or q.article.text)[:200],
             "at": now, "batch": batch}
            for q in items if isinstance(q, Quarantined)
        ]
        added.quarantined = self._write_quarantine(quarantine_rows, batch)
        if article_rows:
            # Order matters: mentions first, then the articles file that makes them visible.
            if mention_rows:
                self.write_parquet(f"mentions/batch-{batch}.parquet", schema.to_table("mentions", mention_rows))
            name = f"batch-{batch}.parquet"
            self.write_parquet(f"articles/{name}", schema.to_table("articles", article_rows))
            self._index.note(name, (r["article_id"] for r in article_rows), batch)
        added.articles, added.mentions = len(article_rows), len(mention_rows)
        log.info("store %s: added %d articles, %d mentions, %d quarantined, skipped %d already stored",
                 self.path, added.articles, added.mentions, added.quarantined, added.skipped)
        return added

    def add_unreadable(self, records: Iterable[Any], *, stage: str = "read") -> int:
        """Quarantine inputs that could not even be read; return how many were new.

        Each record is a ``newsevents.sources.Unreadable`` (origin, reason, snippet) or an
        ``(origin, reason)`` pair.
        """
        now = datetime.now(UTC)
        batch = uuid.uuid4().hex
        rows = []
        for record in records:
            if isinstance(record, tuple):
                origin, reason, snippet = record[0], record[1], None
            else:
                origin, reason = record.origin, record.reason
                snippet = getattr(record, "snippet", None) or None
            rows.append({"origin": origin, "article_id": None, "input_id": None, "stage": stage,
                         "reason": reason, "snippet": snippet, "at": now, "batch": batch})
        return self._write_quarantine(rows, batch)

    def _write_quarantine(self, rows: list[dict[str, Any]], batch: str) -> int:
        if not rows:
            return 0
        # The same failure recorded twice (a rerun) is kept once: key = what failed, where and why.
        def key(r: dict[str, Any]) -> tuple[str, str, str, str]:
            return (r["article_id"] or "", r["origin"] or "", r["stage"] or "", r["reason"] or "")

        existing: set[tuple[str, str, str, str]] = set()
        if self.files("quarantine"):
            with self._query() as con:
                existing = {tuple(r) for r in con.execute(  # type: ignore[misc]
                    "select coalesce(article_id, ''), coalesce(origin, ''), coalesce(stage, ''), "
                    "coalesce(reason, '') from quarantine where coalesce(origin, '') in "
                    "(select unnest(?::varchar[]))",
                    [sorted({key(r)[1] for r in rows})]).fetchall()}
        fresh: list[dict[str, Any]] = []
        for row in rows:
            if key(row) not in existing:
                existing.add(key(row))
                fresh.append(row)
        if fresh:
            self.write_parquet(f"quarantine/batch-{batch}.parquet", schema.to_table("quarantine", fresh))
        return len(fresh)

    def fuse(self, window_days: int | None = None, *, full: bool = False) -> int:
        """Bring the fused events up to date with the mentions; return how many events there are.

        Only the events new batches can touch are re-clustered (newsevents.fuse.incremental); the
        result equals a full re-fuse, which ``full=True`` forces.
        """
        from newsevents.fuse.incremental import fuse_store

        if window_days is None:
            window_days = self.options.fuse_window_days if self.options else 3
        return fuse_store(self, window_days, full=full).events

    def compact(self, target_bytes: int | None = None) -> Compacted:
        """Merge small batch files into files of up to ``target_bytes``; safe to run at any time, idempotent."""
        return compact(self, target_bytes or TARGET_BYTES)

    # -- queries used by the CLI and the HTTP API ------------------------------------------------

    def events(self, filters: EventFilter | None = None, limit: int = 100, offset: int = 0,
               order: str = "date") -> list[dict[str, Any]]:
        """Return fused events matching the filter (one row per real-world event)."""
        return self._select("events", filters or EventFilter(), limit, offset, order)

    def mentions(self, filters: EventFilter | None = None, limit: int = 100, offset: int = 0,
                 order: str = "date") -> list[dict[str, Any]]:
        """Return raw event mentions matching the filter (one row per report in one article)."""
        return self._select("mentions", filters or EventFilter(), limit, offset, order)

    def _select(self, table: str, filters: EventFilter, limit: int, offset: int,
                order: str) -> list[dict[str, Any]]:
        sql, params = query.select_sql(table, filters, limit, offset, order)
        with self._query() as con:
            return query.fetch_dicts(con, sql, params)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Return one fused event with its mentions (each with its sentence), first reported first."""
        with self._query() as con:
            rows = query.fetch_dicts(con, "select * from events where event_id = ?", [event_id])
            if not rows:
                return None
            event = rows[0]
            mentions = query.fetch_dicts(
                con,
                "select m.* exclude (mention_json), a.title, a.url, a.input_id from mentions m "
                "join articles a on a.article_id = m.article_id "
                "where list_contains(?, m.mention_id) order by m.published nulls last, m.mention_id",
                [event["mention_ids"]],
            )
        event["mentions"] = mentions
        return event

    def article(self, article_id: str) -> dict[str, Any] | None:
        """Return one stored article row by content id (or, failing that, by input id)."""
        with self._query() as con:
            rows = query.fetch_dicts(
                con,
                "select * exclude (document_json) from articles where article_id = ? or input_id = ? "
                "order by (article_id = ?) desc limit 1",
                [article_id, article_id, article_id],
            )
        return rows[0] if rows else None

    def document(self, article_id: str) -> dict[str, Any] | None:
        """Return the document output contract of a stored article, rebuilt from its JSON columns."""
        with self._query() as con:
            arts = query.fetch_dicts(
                con,
                "select article_id, input_id, title, published, document_json from articles "
                "where article_id = ? or input_id = ? order by (article_id = ?) desc limit 1",
                [article_id, article_id, article_id],
            )
            if not arts:
                return None
            mentions = con.execute(
                "select mention_json from mentions where article_id = ? order by mention_index",
                [arts[0]["article_id"]],
            ).fetchall()
        return schema.rebuild_document(arts[0], [m[0] for m in mentions])

    def stats(self) -> dict[str, Any]:
        """Return row counts per table, the publication date range and the last ingest time."""
        with self._query() as con:
            out: dict[str, Any] = {"path": str(self.path), "format_version": self.manifest.get("version")}
            for table in schema.TABLES:
                out[table] = con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
            row = con.execute(
                "select min(published), max(published), max(ingested_at) from articles").fetchone()
            out["published_from"], out["published_to"] = (row[0], row[1]) if row else (None, None)
            out["last_ingest"] = row[2].isoformat() if row and row[2] else None
            out["batches"] = len(self.batches())
        return out


    def export(self, output: str | Path, fmt: str = "csv", table: str = "mentions",
               filters: EventFilter | None = None) -> int:
        """Write a table (events or mentions filtered like ``events``) as csv, jsonl, parquet, gdelt or plover.

        Returns the number of rows (records) written; docs/export.md describes every format.
        """
        from newsevents.export import export_store

        return export_store(self, output, fmt=fmt, table=table, filters=filters)
