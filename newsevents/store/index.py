"""The article ids and batch ids of a store's committed articles files, kept in memory and read incrementally.

``Store.known_ids`` asks this index instead of scanning every articles file: each call lists the folder
and reads only the files it has not seen yet, and only their ``article_id`` and ``batch`` columns. An id
counts only once its articles file has been renamed into place (the rename commits a batch), because
only ``*.parquet`` files are listed; a file being written is a ``.tmp`` file.

>>> index = ArticleIndex(Store.open("newsevents-store"), "articles")  # doctest: +SKIP
>>> index.known(["3f2a9c0d1e2b4a55", "0000000000000000"])             # doctest: +SKIP
{'3f2a9c0d1e2b4a55'}
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsevents.errors import StoreError
from newsevents.store.views import first_line

if TYPE_CHECKING:
    from newsevents.store.store import Store

COLUMNS = pa.schema([("article_id", pa.string()), ("batch", pa.string())])
RETRIES = 3  # a file can vanish between listing and reading when another process compacts the store


class ArticleIndex:
    """Which article ids and batches the committed files of one articles folder hold.

    Per file only its batches are kept (a handful of strings), and one set of all ids. A file that
    vanished (merged by ``Store.compact``, or removed by hand) drops out: when every batch it held is
    still held by another file, the ids are unchanged (files always hold whole batches); otherwise the
    index is read again from the files left, which is rare.
    """

    def __init__(self, store: Store, folder: str) -> None:
        self.store, self.folder = store, folder
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
                    raise StoreError(f"{self.store.uri(self.folder)}: files keep vanishing while the store is read"
                                     ) from None

    def _update(self) -> None:
        names = set(self.store.list_files(self.folder))
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
        return read_files(self.store, self.folder, names, ids=True)


def read_files(store: Store, folder: str, names: list[str], *, ids: bool = False
               ) -> dict[str, tuple[frozenset[str], list[str]]]:
    """Return per file its batches and (with ``ids``) its article ids, scanning only those columns.

    Raises FileNotFoundError when a file vanished since it was listed, StoreError when one is unreadable.
    """
    if not names:
        return {}
    located = [store.arrow_path(f"{folder}/{name}") for name in names]
    paths, filesystem = [p for p, _ in located], located[0][1]
    columns = ["article_id", "batch"] if ids else ["batch"]
    out: dict[str, tuple[set[str], list[str]]] = {name: (set(), []) for name in names}
    try:
        scan = ds.dataset(paths, schema=pa.schema([COLUMNS.field(c) for c in columns]), format="parquet",
                          filesystem=filesystem)
        for chunk in scan.to_batches(columns=[*columns, "__filename"]):  # a record batch comes from one file
            if chunk.num_rows:
                batches, found = out[chunk["__filename"][0].as_py().rsplit("/", 1)[-1]]
                batches.update(pc.unique(chunk["batch"]).drop_null().to_pylist())
                if ids:
                    found.extend(chunk["article_id"].drop_null().to_pylist())
    except FileNotFoundError:
        raise
    except (OSError, pa.ArrowException) as exc:
        text = str(exc).strip()
        if "No such file" in text:
            raise FileNotFoundError(text) from None
        raise StoreError(f"{store.uri(folder)}: cannot read the store ({first_line(exc)})") from None
    return {name: (frozenset(batches), found) for name, (batches, found) in out.items()}
