"""Where a store's files live: a local folder, or any fsspec URL (``s3://``, ``gs://``, ``memory://``).

Every read and write of a file under a store goes through one of these two classes, with paths given
relative to the store root ("articles/batch-<uuid>.parquet"). What makes a file appear at once, whole:

- local folder: write a hidden ``.tmp`` file, fsync it, rename it into place (readers list ``*.parquet``);
- object store: one PUT (or one multipart upload, completed in one call) creates the object whole, so the
  file is written under its final name; a failed upload leaves nothing.

>>> files = open_files("s3://bucket/store", {"anon": False})           # doctest: +SKIP
>>> files.uri("articles/batch-1.parquet")                                 # doctest: +SKIP
's3://bucket/store/articles/batch-1.parquet'
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsevents.errors import StoreError
from newsevents.store.views import first_line

TMP_SUFFIX = ".tmp"  # readers list *.parquet, so files being written are never seen


def is_url(location: str | Path) -> bool:
    """Say whether a store location is a URL (``s3://...``) rather than a local folder."""
    return isinstance(location, str) and "://" in location and not location.startswith("file://")


class URLPath(str):
    """A store URL that joins like a path (``url / "articles"``), so ``Store.path`` reads the same for both."""

    def __truediv__(self, other: str) -> URLPath:
        return URLPath(f"{self.rstrip('/')}/{other}")

    @property
    def name(self) -> str:
        return self.rstrip("/").rsplit("/", 1)[-1]

    def resolve(self) -> URLPath:
        return self


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or first_line(exc)


class LocalFiles:
    """The files of a store in a local folder."""

    remote = False

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path: Path | URLPath = root
        self.arrow_fs: pafs.FileSystem = pafs.LocalFileSystem()

    def list_files(self, folder: str) -> list[str]:
        return sorted(p.name for p in (self.root / folder).glob("*.parquet"))

    def is_empty(self) -> bool:
        """Say whether nothing is at the root yet (absent, or an empty folder)."""
        return not self.root.exists() or (self.root.is_dir() and not any(self.root.iterdir()))

    def has_files(self, folder: str) -> bool:
        return next((self.root / folder).glob("*.parquet"), None) is not None

    def list_info(self, folder: str) -> dict[str, tuple[int, int]]:
        """Return per committed Parquet file of a folder its size in bytes and modification time (ns)."""
        out = {}
        for p in (self.root / folder).glob("*.parquet"):
            try:
                st = p.stat()
            except FileNotFoundError:
                continue
            out[p.name] = (st.st_size, st.st_mtime_ns)
        return out

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def arrow_path(self, rel: str) -> str:
        return str(self.root / rel)

    def uri(self, rel: str) -> str:
        return str(self.root / rel)

    def read_bytes(self, rel: str) -> bytes:
        return (self.root / rel).read_bytes()

    @contextmanager
    def writing(self, rel: str) -> Iterator[Path]:
        """Yield a local path to write ``rel`` to; on leaving, fsync and rename it into place (else drop it)."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
        try:
            yield tmp
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:  # only a failed write leaves a temporary file to drop
            tmp.unlink(missing_ok=True)
            raise

    def remove(self, rel: str) -> bool:
        try:
            (self.root / rel).unlink()
            return True
        except FileNotFoundError:
            return False

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        """Let a DuckDB database read the store's files (local files need nothing)."""

    def refresh(self) -> None:
        """Forget cached listings (local listings are never cached)."""


class RemoteFiles:
    """The files of a store under an fsspec URL; ``fs`` is the filesystem, ``root`` the path within it."""

    remote = True

    def __init__(self, url: str, fs: Any, root: str) -> None:
        self.url, self.fs, self.root = url.rstrip("/"), fs, root.rstrip("/")
        protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
        # The form DuckDB and fsspec globs give back: "s3://bucket/key", "memory:///key".
        self.base = f"{protocol}://{self.root}"
        self.path: Path | URLPath = URLPath(self.base)
        self.arrow_fs = pafs.PyFileSystem(pafs.FSSpecHandler(fs))

    def _key(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def refresh(self) -> None:
        # Other processes add files: a cached listing would hide their batches.
        self.fs.invalidate_cache()

    def _ls(self, folder: str) -> list[dict[str, Any]]:
        self.refresh()
        try:
            entries = self.fs.ls(self._key(folder), detail=True)
        except FileNotFoundError:
            return []
        return [e for e in entries if e.get("type") == "file" and e["name"].endswith(".parquet")
                and not e["name"].rsplit("/", 1)[-1].startswith(".")]

    def list_files(self, folder: str) -> list[str]:
        return sorted(e["name"].rsplit("/", 1)[-1] for e in self._ls(folder))

    def is_empty(self) -> bool:
        self.refresh()
        try:
            return not self.fs.ls(self.root, detail=False)
        except FileNotFoundError:
            return True

    def has_files(self, folder: str) -> bool:
        return bool(self._ls(folder))

    def list_info(self, folder: str) -> dict[str, tuple[int, int]]:
        out = {}
        for e in self._ls(folder):
            modified = e.get("LastModified") or e.get("mtime") or e.get("created") or 0
            stamp = int(modified.timestamp() * 1e9) if hasattr(modified, "timestamp") else int(modified * 1e9)
            out[e["name"].rsplit("/", 1)[-1]] = (int(e.get("size") or 0), stamp)
        return out

    def exists(self, rel: str) -> bool:
        self.refresh()
        return bool(self.fs.exists(self._key(rel)))

    def arrow_path(self, rel: str) -> str:
        return self._key(rel)

    def uri(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def read_bytes(self, rel: str) -> bytes:
        return bytes(self.fs.cat_file(self._key(rel)))

    @contextmanager
    def writing(self, rel: str) -> Iterator[Path]:
        """Yield a local temporary path; on leaving, upload it as ``rel`` in one request (else drop it)."""
        folder = tempfile.mkdtemp(prefix="newsevents-")
        tmp = Path(folder) / Path(rel).name
        try:
            yield tmp
            # put_file is one PUT, or one multipart upload for big files: the object appears whole.
            self.fs.put_file(str(tmp), self._key(rel))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def remove(self, rel: str) -> bool:
        try:
            self.fs.rm_file(self._key(rel))
            return True
        except FileNotFoundError:
            return False

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        con.register_filesystem(self.fs)


Files = LocalFiles | RemoteFiles


# The fsspec filesystem package of the usual cloud protocols, named when fsspec itself is missing.
FILESYSTEM_PACKAGES = {"s3": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs"}


def open_files(location: str | Path, storage_options: dict[str, Any] | None = None) -> Files:
    """Return the file access of a store location; a missing fsspec package is a one-line StoreError."""
    if not is_url(location):
        text = str(location)
        return LocalFiles(Path(text[len("file://"):] if text.startswith("file://") else text))
    url = str(location)
    protocol = url.split("://", 1)[0]
    try:
        import fsspec
        from fsspec.registry import known_implementations
    except ImportError:
        package = FILESYSTEM_PACKAGES.get(protocol)
        needed = f"fsspec and {package}" if package else "fsspec"
        raise StoreError(f"{url}: install {needed} to use {protocol}:// stores") from None
    try:
        fs, root = fsspec.core.url_to_fs(url, **(storage_options or {}))
    except ImportError:
        package = str(known_implementations.get(protocol, {}).get("class", protocol)).split(".")[0]
        raise StoreError(f"{url}: install {package} to use {protocol}:// stores") from None
    except ValueError as exc:
        raise StoreError(f"{url}: not a store location fsspec knows ({_why(exc)})") from None
    return RemoteFiles(url, fs, root)


def write_table(files: Files, rel: str, table: pa.Table, row_group_size: int | None = None) -> None:
    """Write a Parquet file of the store so that readers see no file or the whole file."""
    try:
        with files.writing(rel) as tmp:
            pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"{files.uri(rel)}: cannot write ({_why(exc)})") from None
