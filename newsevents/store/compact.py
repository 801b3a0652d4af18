"""Merge a store's small batch files into bigger ones, so queries open a few files instead of thousands.

Every ``Store.add`` writes one small file per table, and every query opens them all. ``compact`` rewrites
them into files of up to ``target_bytes`` without changing what any view shows, at any moment, even when
it is killed half way (docs/store.md, "Compaction"):

- Rows are copied unchanged (batch ids too) and files are merged whole, so a file always holds whole
  batches. The views read each batch from one file: an article from one copy (ties broken by file name),
  its mentions from the mentions file named as that articles file, quarantine rows from the first file
  holding their batch. So while the old and the new files both exist, every row is seen exactly once.
- Articles and mentions are merged in pairs of files of one name (``part-<uuid>.parquet``): the new
  mentions file is written first, then the new articles file, then the old articles files are removed,
  then their mentions files. A mentions file is thus never without the articles file that makes it read.
- A file whose batches all sit in other files is a copy a killed compaction did not get to remove: it is
  removed first (articles before mentions). A mentions file without an articles file of its name is kept
  unless its batches are committed elsewhere: it may belong to a batch being written right now.

Running it again merges nothing new: it is idempotent. One compaction runs at a time: in a local folder
an flock on a lock file; on an object store, which has no locks, a lock object that a second compaction
sees and refuses to run beside (two started in the same instant can both miss it: docs/store.md).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsevents.errors import StoreError
from newsevents.store import schema
from newsevents.store.files import _why
from newsevents.store.index import read_files

if TYPE_CHECKING:
    from newsevents.store.store import Store

log = logging.getLogger(__name__)

TARGET_BYTES = 128 * 1024 * 1024  # on disk, per merged file (articles + mentions of one pair)
FLUSH_BYTES = 64 * 1024 * 1024  # rows held in memory before they are written as a row group
LOCK = ".compact.lock"
STALE_LOCK_S = 3600  # an object-store lock this old is a compaction that died without removing it


@dataclass
class Compacted:
    """What one compaction did: files before and after, files merged, files written, stale copies removed."""

    files_before: int = 0
    files_after: int = 0
    merged: int = 0
    written: int = 0
    removed: int = 0
    tables: dict[str, int] = field(default_factory=dict)  # files per table after


@contextmanager
def _locked(store: Store) -> Iterator[None]:
    if store.remote:
        with _object_lock(store):
            yield
        return
    import fcntl  # POSIX only; imported here so the store still opens elsewhere

    with (store.path / LOCK).open("a") as fh:  # type: ignore[union-attr]
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{store.path}: another compaction of this store is running") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _object_lock(store: Store) -> Iterator[None]:
    """Hold a lock object while compacting; refuse when another compaction's lock is there and fresh."""
    try:
        held = json.loads(store.read_bytes(LOCK))
    except (FileNotFoundError, ValueError):
        held = None
    if isinstance(held, dict) and time.time() - float(held.get("since", 0)) < STALE_LOCK_S:
        raise StoreError(f"{store.path}: another compaction of this store is running "
                         f"(since {time.ctime(float(held['since']))} on {held.get('host')}; "
                         f"remove {store.uri(LOCK)} if it died)")
    token = uuid.uuid4().hex
    store.write_bytes(LOCK, json.dumps({"since": time.time(), "host": socket.gethostname(),
                                        "pid": os.getpid(), "token": token}).encode())
    try:
        yield
    finally:
        store.remove(LOCK)


def compact(store: Store, target_bytes: int = TARGET_BYTES) -> Compacted:
    """Merge the small files of articles, mentions and quarantine; return what was done."""
    tables = ("articles", "mentions", "quarantine")
    done = Compacted(files_before=sum(len(store.list_files(t)) for t in tables))
    with _locked(store):
        done.removed += _drop_copies(store, paired=True)
        done.removed += _drop_copies(store, paired=False)
        for paired, table in ((True, "articles"), (False, "quarantine")):
            for group in _groups(store, table, target_bytes, paired):
                _merge_group(store, table, group, paired)
                done.merged += len(group)
                done.written += 1
    done.tables = {t: len(store.list_files(t)) for t in tables}
    done.files_after = sum(done.tables.values())
    log.info("store %s: compacted %d files into %d, removed %d stale copies; %d files left",
             store.path, done.merged, done.written, done.removed, done.files_after)
    return done


def _batches(store: Store, folder: str) -> dict[str, frozenset[str]]:
    names = store.list_files(folder)
    return {name: batches for name, (batches, _) in read_files(store, folder, names).items()}


def _drop_copies(store: Store, *, paired: bool) -> int:
    """Remove files whose batches all sit in other files of their table; return how many were removed."""
    table = "articles" if paired else "quarantine"
    files = _batches(store, table)
    holders = Counter(b for batches in files.values() for b in batches)
    removed = 0
    # Old batch files first, then merged files, oldest name first: any order is safe, this one is stable.
    for name in sorted(files, key=lambda n: (not n.startswith("batch-"), n)):
        batches = files[name]
        if batches and all(holders[b] > 1 for b in batches):
            removed += store.remove(f"{table}/{name}")
            if paired:
                removed += store.remove(f"mentions/{name}")
            holders.subtract(batches)
            del files[name]
    if paired:  # mentions files of a removed articles file, left by a compaction killed in between
        committed = {b for b, n in holders.items() if n > 0}
        for name, batches in _batches(store, "mentions").items():
            if name not in files and batches <= committed:
                removed += store.remove(f"mentions/{name}")
    return removed


def _groups(store: Store, table: str, target: int, paired: bool) -> list[list[str]]:
    """Return runs of small files, oldest first, each at most ``target`` bytes (with partner files)."""
    partner = store.list_info("mentions") if paired else {}
    files = [(mtime, name, size + partner.get(name, (0, 0))[0])
             for name, (size, mtime) in store.list_info(table).items()]
    groups: list[list[str]] = []
    run: list[str] = []
    held = 0
    for _, name, total in sorted(files):
        if total >= target:
            continue
        if run and held + total > target:
            groups.append(run)
            run, held = [], 0
        run.append(name)
        held += total
    groups.append(run)
    return [g for g in groups if len(g) > 1]


def _merge_group(store: Store, table: str, group: list[str], paired: bool) -> None:
    """Merge one run of files (and their partner mentions files) into one new file, then drop the old."""
    batches = read_files(store, table, group)
    source: dict[str, str] = {}  # batch -> the one file of the run it is copied from
    for name in group:
        for b in batches[name][0]:
            source.setdefault(b, name)
    keep = {name: {b for b, n in source.items() if n == name} for name in group}
    new = f"part-{uuid.uuid4().hex}.parquet"
    if paired:  # mentions first: the articles file written next is what makes them read
        present = set(store.list_files("mentions"))
        inputs = [(f"mentions/{n}", keep[n]) for n in group if n in present]
        if inputs:
            _write_merged(store, "mentions", inputs, f"mentions/{new}")
    _write_merged(store, table, [(f"{table}/{n}", keep[n]) for n in group], f"{table}/{new}")
    for name in group:
        store.remove(f"{table}/{name}")
    if paired:
        for name in group:
            store.remove(f"mentions/{name}")


def _conform(batch: pa.RecordBatch, target: pa.Schema) -> pa.Table:
    """Return the rows with the target's columns in its order (columns a file lacks become nulls)."""
    names = batch.schema.names
    columns = [batch.column(f.name).cast(f.type) if f.name in names else pa.nulls(batch.num_rows, f.type)
               for f in target]
    return pa.Table.from_arrays(columns, schema=target)


def _write_merged(store: Store, table: str, inputs: list[tuple[str, set[str]]], rel: str) -> None:
    """Copy the rows of the chosen batches of each input into one Parquet file, committed whole."""
    files: list[pq.ParquetFile] = []
    try:
        files = [store.parquet_file(r) for r, _ in inputs]
        target = pa.unify_schemas([schema.SCHEMAS[table], *(f.schema_arrow.remove_metadata() for f in files)])
        with store.writing(rel) as tmp, pq.ParquetWriter(tmp, target, compression="zstd") as writer:
            held: list[pa.Table] = []
            size = 0
            for f, (_, keep) in zip(files, inputs, strict=True):
                wanted = pa.array(sorted(keep), pa.string())
                for batch in f.iter_batches(batch_size=65536):
                    rows = _conform(batch, target)
                    chosen = pc.is_in(rows["batch"], value_set=wanted)
                    if not pc.all(chosen).as_py():  # a batch copied from an earlier file of the run
                        rows = rows.filter(chosen)
                    held.append(rows)
                    size += rows.nbytes
                    if size >= FLUSH_BYTES:
                        writer.write_table(pa.concat_tables(held))
                        held, size = [], 0
            if held:
                writer.write_table(pa.concat_tables(held))
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"{store.uri(table)}: cannot compact ({_why(exc)})") from None
    finally:
        for f in files:
            f.close()
