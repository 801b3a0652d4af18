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

Running it again merges nothing new: it is idempotent. One compaction runs at a time (a lock file).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsevents.errors import StoreError
from newsevents.store import schema
from newsevents.store.index import read_files

if TYPE_CHECKING:
    from newsevents.store.store import Store

log = logging.getLogger(__name__)

TARGET_BYTES = 128 * 1024 * 1024  # on disk, per merged file (articles + mentions of one pair)
FLUSH_BYTES = 64 * 1024 * 1024  # rows held in memory before they are written as a row group
LOCK = ".compact.lock"
TMP_SUFFIX = ".tmp"


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
def _locked(path: Path) -> Iterator[None]:
    import fcntl  # POSIX only; imported here so the store still opens elsewhere

    with (path / LOCK).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{path}: another compaction of this store is running") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def compact(store: Store, target_bytes: int = TARGET_BYTES) -> Compacted:
    """Merge the small files of articles, mentions and quarantine; return what was done."""
    tables = ("articles", "mentions", "quarantine")
    done = Compacted(files_before=sum(len(store.files(t)) for t in tables))
    with _locked(store.path):
        done.removed += _drop_copies(store.path, paired=True)
        done.removed += _drop_copies(store.path, paired=False)
        for paired, table in ((True, "articles"), (False, "quarantine")):
            folder = store.path / table
            for group in _groups(folder, target_bytes, store.path / "mentions" if paired else None):
                _merge_group(store.path, table, group, paired)
                done.merged += len(group)
                done.written += 1
    done.tables = {t: len(store.files(t)) for t in tables}
    done.files_after = sum(done.tables.values())
    log.info("store %s: compacted %d files into %d, removed %d stale copies; %d files left",
             store.path, done.merged, done.written, done.removed, done.files_after)
    return done


def _batches(folder: Path) -> dict[str, frozenset[str]]:
    names = sorted(p.name for p in folder.glob("*.parquet"))
    return {name: batches for name, (batches, _) in read_files(folder, names).items()}


def _remove(path: Path) -> int:
    """Remove a file; return 1 if it was there, else 0."""
    try:
        path.unlink()
        return 1
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise StoreError(f"{path}: cannot remove ({exc.strerror or exc})") from None


def _drop_copies(root: Path, *, paired: bool) -> int:
    """Remove files whose batches all sit in other files of their table; return how many were removed."""
    table = "articles" if paired else "quarantine"
    files = _batches(root / table)
    holders = Counter(b for batches in files.values() for b in batches)
    removed = 0
    # Old batch files first, then merged files, oldest name first: any order is safe, this one is stable.
    for name in sorted(files, key=lambda n: (not n.startswith("batch-"), n)):
        batches = files[name]
        if batches and all(holders[b] > 1 for b in batches):
            removed += _remove(root / table / name)
            if paired:
                removed += _remove(root / "mentions" / name)
            holders.subtract(batches)
            del files[name]
    if paired:  # mentions files of a removed articles file, left by a compaction killed in between
        committed = {b for b, n in holders.items() if n > 0}
        for name, batches in _batches(root / "mentions").items():
            if name not in files and batches <= committed:
                removed += _remove(root / "mentions" / name)
    return removed


def _groups(folder: Path, target: int, partner: Path | None) -> list[list[str]]:
    """Return runs of small files, oldest first, each at most ``target`` bytes (with partner files)."""
    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except FileNotFoundError:
            return 0

    files = []
    for path in folder.glob("*.parquet"):
        total = size(path) + (size(partner / path.name) if partner else 0)
        files.append((path.stat().st_mtime_ns, path.name, total))
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


def _merge_group(root: Path, table: str, group: list[str], paired: bool) -> None:
    """Merge one run of files (and their partner mentions files) into one new file, then drop the old."""
    batches = read_files(root / table, group)
    source: dict[str, str] = {}  # batch -> the one file of the run it is copied from
    for name in group:
        for b in batches[name][0]:
            source.setdefault(b, name)
    keep = {name: {b for b, n in source.items() if n == name} for name in group}
    new = f"part-{uuid.uuid4().hex}.parquet"
    if paired:  # mentions first: the articles file written next is what makes them read
        inputs = [(root / "mentions" / n, keep[n]) for n in group if (root / "mentions" / n).exists()]
        if inputs:
            _write_merged("mentions", inputs, root / "mentions" / new)
    _write_merged(table, [(root / table / n, keep[n]) for n in group], root / table / new)
    for name in group:
        _remove(root / table / name)
    if paired:
        for name in group:
            _remove(root / "mentions" / name)


def _conform(batch: pa.RecordBatch, target: pa.Schema) -> pa.Table:
    """Return the rows with the target's columns in its order (columns a file lacks become nulls)."""
    names = batch.schema.names
    columns = [batch.column(f.name).cast(f.type) if f.name in names else pa.nulls(batch.num_rows, f.type)
               for f in target]
    return pa.Table.from_arrays(columns, schema=target)


def _write_merged(table: str, inputs: list[tuple[Path, set[str]]], path: Path) -> None:
    """Copy the rows of the chosen batches of each input into one Parquet file, renamed into place."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
    files: list[pq.ParquetFile] = []
    try:
        files = [pq.ParquetFile(p) for p, _ in inputs]
        target = pa.unify_schemas([schema.SCHEMAS[table], *(f.schema_arrow.remove_metadata() for f in files)])
        with pq.ParquetWriter(tmp, target, compression="zstd") as writer:
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
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except (OSError, pa.ArrowException) as exc:
        tmp.unlink(missing_ok=True)
        text = getattr(exc, "strerror", None) or str(exc).strip().splitlines()[0]
        raise StoreError(f"{path.parent}: cannot compact ({text})") from None
    finally:
        for f in files:
            f.close()
