"""The article ids and batch ids of a store's committed articles files, kept in memory and read incrementally.

``Store.known_ids`` asks this index instead of scanning every articles file: each call lists the folder
and reads only the files it has not seen yet, and only their ``article_id`` and ``batch`` columns. An id
counts only once its articles file has been renamed into place (the rename commits a batch), because
only ``*.parquet`` files are listed; a file being written is a ``.tmp`` file.

>>> index = ArticleIndex(Path("newsevents-store/articles"))          # doctest: +SKIP
>>> index.known(["3f2a9c0d1e2b4a55", "0000000000000000"])             # doctest: +SKIP
{'3f2a9c0d1e2b4a55'}
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsevents.errors import StoreError

COLUMNS = pa.schema([("article_id", pa.string()), ("batch", pa.string())])
RETRIES = 3  # a file can vanish between listing and reading when another process compacts the store


class ArticleIndex:
    """Which article ids and batches the committed files of one articles folder hold.

    Per file only its batches are kept (a handful of strings), and one set of all ids. A file that
    vanished (merged by ``Store.compact``, or removed by hand) drops out: when every batch it held is
    still held by another file, the ids are unchanged (files always hold whole batches); otherwise the
    index is read again from the files left, which is rare.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, frozenset[str]] = {}  # file name -> the batches in it
        self._ids: set[str] = set()
        self._lock = threading.Lock()

    def known(self, ids: Iterable[str]) -> set[str]:
        """Return which of these article ids the committed files hold."""
        wanted = set(ids)
        if not wanted:
            return set()
        with self._lock:
            self._refresh()
            return {i for i in wanted if i in self._ids}

    def batches(self) -> set[str]:
        """Return the ids of the committed batches (those with an articles row)."""
        with self._lock:
            self._refresh()
            return set().union(*self._files.values())

    def note(self, name: str, ids: Iterable[str], batch: str) -> None:
        """Record a file this process has just committed, so it is not read back."""
        with self._lock:
            if name not in self._files:
                self._files[name] = frozenset([batch])
                self._ids.update(ids)

    def _refresh(self) -> None:
        for attempt in range(RETRIES):
            try:
                self._update()
                return
            except FileNotFoundError:
                if attempt == RETRIES - 1:
                    raise StoreError(f"{self.folder}: files keep vanishing while the store is read") from None

    def _update(self) -> None:
        names = {p.name for p in self.folder.glob("*.parquet")}
        gone = self._files.keys() - names
        new = sorted(names - self._files.keys())
        read = self._read(new)
        if gone:
            lost = set().union(*(self._files.pop(name) for name in gone))
            held = set().union(*self._files.values(), *(batches for batches, _ in read.values()))
            if lost - held:  # ids that may be nowhere else: start again from the files there are
                self._files.clear()
                self._ids.clear()
                read = self._read(sorted(names))
        for name, (batches, ids) in read.items():
            self._files[name] = batches
            self._ids.update(ids)

    def _read(self, names: list[str]) -> dict[str, tuple[frozenset[str], list[str]]]:
        return read_files(self.folder, names, ids=True)


def read_files(folder: Path, names: list[str], *, ids: bool = False
               ) -> dict[str, tuple[frozenset[str], list[str]]]:
    """Return per file its batches and (with ``ids``) its article ids, scanning only those columns.

    Raises FileNotFoundError when a file vanished since it was listed, StoreError when one is unreadable.
    """
    if not names:
        return {}
    paths = [str(folder / name) for name in names]
    columns = ["article_id", "batch"] if ids else ["batch"]
    out: dict[str, tuple[set[str], list[str]]] = {Path(p).name: (set(), []) for p in paths}
    try:
        scan = ds.dataset(paths, schema=pa.schema([COLUMNS.field(c) for c in columns]), format="parquet")
        for chunk in scan.to_batches(columns=[*columns, "__filename"]):  # a record batch comes from one file
            if chunk.num_rows:
                batches, found = out[Path(chunk["__filename"][0].as_py()).name]
                batches.update(pc.unique(chunk["batch"]).drop_null().to_pylist())
                if ids:
                    found.extend(chunk["article_id"].drop_null().to_pylist())
    except FileNotFoundError:
        raise
    except (OSError, pa.ArrowException) as exc:
        text = str(exc).strip()
        if "No such file" in text:
            raise FileNotFoundError(text) from None
        raise StoreError(f"{folder}: cannot read the store ({text.splitlines()[0] if text else type(exc).__name__})"
                         ) from None
    return {name: (frozenset(batches), found) for name, (batches, found) in out.items()}
