"""Read articles from files, folders, globs, archives and standard input, in any of the formats users have.

Everything streams: a file is read record by record (JSON Lines, CSV, WARC) or, for one-article
formats, up to the size limit, so memory stays flat however large the input. Every input either
becomes an article or an :class:`Unreadable` with its origin and a reason kind.

>>> for item in read_inputs(["articles/"], published="2023-03-17"):     # doctest: +SKIP
...     print(item.input_id if isinstance(item, Article) else f"unreadable {item.origin}: {item.reason}")
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import logging
import os
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import IO, Any

from newsevents.errors import ConfigError, InputError
from newsevents.model import Article
from newsevents.sources.formats import read_csv, read_feed, read_warc
from newsevents.sources.records import (
    Context,
    ReadOptions,
    Unreadable,
    article_from_html,
    article_from_record,
    make_article,
    snippet_of,
    too_large,
)
from newsevents.sources.sniff import (
    BINARY_EXTENSIONS,
    EMPTY_ZIP_MAGIC,
    GZIP_MAGIC,
    ZIP_MAGIC,
    decode_text,
    detect_format,
    looks_binary,
    sniff,
)

log = logging.getLogger(__name__)

STDIN = "-"

Item = Article | Unreadable
Meter = Callable[[int], None]  # told how many input bytes were just read (for a progress bar)

# A compressed stream cut short or garbled fails in any of these ways, sometimes only halfway through.
_TRUNCATED = (gzip.BadGzipFile, EOFError, zlib.error, zipfile.BadZipFile, tarfile.ReadError)
_GLOB_CHARS = frozenset("*?[")


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    read: ReadOptions | None = None,
    *,
    stdin: IO[bytes] | None = None,
    meter: Meter | None = None,
    **shorthand: Any,
) -> Iterator[Article | Unreadable]:
    """Yield an Article or Unreadable for every record in ``paths`` (files, folders, globs, "-"), in order.

    ``read`` says how (format, default date, record fields, size limit); its fields may also be given
    as keywords (``read_inputs(paths, published="2023-03-17")``). ``max_bytes`` caps one unit read
    into memory (a file, line, row, feed or WARC record). A missing path, or a glob matching nothing,
    raises InputError at once.
    """
    ctx = read_options(read, shorthand).context()
    names = expand_paths(paths)
    return _read_all(names, ctx, stdin, meter)


def read_options(read: ReadOptions | None, shorthand: dict[str, Any]) -> ReadOptions:
    """Return ``read`` with the keyword shorthand applied (``published=...`` and the like)."""
    try:
        return replace(read or ReadOptions(), **shorthand)
    except TypeError:
        unknown = sorted(set(shorthand) - {f.name for f in fields(ReadOptions)})
        raise ConfigError(f"unknown read option {', '.join(unknown)}") from None


def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Return the paths with glob patterns expanded (sorted); raise InputError for a missing one."""
    names: list[str] = []
    for p in paths:
        path = os.fspath(p)
        if path == STDIN or os.path.exists(path):
            names.append(path)
        elif _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise InputError(path, "no file matches this pattern")
            names.extend(matches)
        else:
            raise InputError(path, "no such file or directory")
    return names


def input_files(paths: Sequence[str]) -> Iterator[str]:
    """Yield every file the (expanded) paths stand for, in reading order."""
    for path in paths:
        if path == STDIN:
            continue
        yield from (_folder_files(path) if os.path.isdir(path) else [path])


def _read_all(paths: list[str], ctx: Context, stdin: IO[bytes] | None, meter: Meter | None) -> Iterator[Item]:
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else _stdin_bytes()
            yield from _read_stream(stream, name="stdin", input_id="stdin", ctx=ctx)
        elif os.path.isdir(path):
            for file in _folder_files(path):
                note = _binary_note(file)
                if note is not None:
                    yield note
                else:
                    yield from _read_file(file, ctx, meter)
        else:
            yield from _read_file(path, ctx, meter)


def _binary_note(file: str) -> Unreadable | None:
    """Return the note of a file found in a folder whose extension says it holds no articles, else None."""
    suffix = Path(file.lower()).suffix
    return Unreadable(file, f"binary: not an article format ({suffix} file)") if suffix in BINARY_EXTENSIONS else None


def _stdin_bytes() -> IO[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    # A text stream stands in for stdin (notebooks, tests): hand its text on as UTF-8 bytes.
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _folder_files(folder: str) -> list[str]:
    # Sorted walk so that ids, store batches and outputs do not depend on the file system order.
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: Path(p).parts)


class _Metered(io.RawIOBase):
    """A raw file that tells a meter how many bytes were read (compressed bytes, for gzip)."""

    def __init__(self, raw: IO[bytes], meter: Meter) -> None:
        self._raw, self._meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._meter(n or 0)
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def _read_file(name: str, ctx: Context, meter: Meter | None) -> Iterator[Item]:
    try:
        raw: IO[bytes] = open(name, "rb", buffering=0)  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Unreadable(name, f"unreadable: cannot open ({exc.strerror or exc})")
        return
    if meter is not None:
        raw = _Metered(raw, meter)  # type: ignore[assignment]
    with io.BufferedReader(raw, buffer_size=1 << 16) as fh:  # type: ignore[arg-type,type-var]
        if fh.peek(4)[:4] in (ZIP_MAGIC, EMPTY_ZIP_MAGIC):
            yield from _read_zip(fh, name, ctx)
        else:
            yield from _read_stream(fh, name=name, input_id=name, ctx=ctx)


def _read_zip(fh: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Unreadable(name, f"truncated: zip archive unreadable ({exc})")
        return
    with archive:
        members = sorted((m for m in archive.infolist() if not m.is_dir()), key=lambda m: m.filename)
        if not members:
            yield Unreadable(name, "empty: zip archive without files")
        for member in members:
            member_name = f"{name}/{member.filename}"
            if Path(member.filename).name.startswith("."):
                continue
            try:
                with archive.open(member) as stream:
                    yield from _read_stream(stream, name=member_name, input_id=member_name, ctx=ctx)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
                yield Unreadable(member_name, f"truncated: zip member unreadable ({exc})")


def _read_tar(stream: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if member.isfile() and not Path(member.name).name.startswith("."):
                extracted = archive.extractfile(member)
                if extracted is not None:
                    member_name = f"{name}/{member.name}"
                    yield from _read_stream(extracted, name=member_name, input_id=member_name, ctx=ctx)


def _read_stream(stream: IO[bytes], *, name: str, input_id: str, ctx: Context) -> Iterator[Item]:
    """Read one input: sniff its first bytes (gzip looked through), then read it in its format."""
    try:
        head, buffered = sniff(stream)
        if head[:2] == GZIP_MAGIC:
            head, buffered = sniff(gzip.GzipFile(fileobj=buffered, mode="rb"))  # type: ignore[arg-type]
        if not head.strip():
            yield Unreadable(name, "empty: no content")
            return
        if head[257:262] == b"ustar":
            yield from _read_tar(buffered, name, ctx)
            return
        if head[:4] == ZIP_MAGIC:
            yield Unreadable(name, "unreadable: a zip archive can be read from a file, not a stream")
            return
        fmt = ctx.fmt if ctx.fmt != "auto" else detect_format(name, head)
        log.info("%s: read as %s%s", name, fmt, "" if ctx.fmt == "auto" else " (as told)")
        if fmt == "warc":
            yield from read_warc(buffered, name, ctx)
        elif looks_binary(head):
            yield Unreadable(name, "binary: not text (NUL bytes)", snippet_of(head))
        elif fmt == "jsonl":
            yield from _read_json(buffered, name, ctx)
        elif fmt == "csv":
            yield from read_csv(buffered, name, ctx)
        elif fmt == "rss":
            yield from read_feed(buffered, name, ctx)
        else:
            yield _read_one(buffered, name, input_id, fmt, ctx)
    except _TRUNCATED as exc:
        yield Unreadable(name, f"truncated: compressed data cut short or corrupt ({exc})")
    except OSError as exc:
        yield Unreadable(name, f"unreadable: {exc.strerror or exc}")


def _read_one(stream: IO[bytes], name: str, input_id: str, fmt: str, ctx: Context) -> Item:
    """Read a one-article input (plain text or an HTML page) whole, up to the size limit."""
    data = stream.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        return too_large(name, f"{fmt} file", ctx.max_bytes, data)
    if looks_binary(data):
        return Unreadable(name, "binary: not text (NUL bytes)", snippet_of(data))
    if fmt == "html":
        return article_from_html(data, input_id=input_id, origin=name, url=None, published=ctx.published)
    text = decode_text(data, name)
    if text is None:
        return Unreadable(name, "undecodable: not text in UTF-8, Windows-1252 or Latin-1", snippet_of(data))
    if not text.strip():
        return Unreadable(name, "empty: only white space")
    return make_article(text, published=ctx.published, input_id=input_id, origin=name, fmt="text")


def _one_json_document(first_line: bytes) -> bool:
    """Say whether a JSON input is one document (an array, a pretty-printed object), not JSON Lines."""
    line = first_line.strip().removeprefix(b"\xef\xbb\xbf")
    if not line.startswith((b"[", b"{")):
        return False
    try:
        json.loads(line)
    except ValueError:
        # An array or object spread over lines; a broken one-line record is just a bad line.
        return line.startswith(b"[") or line == b"{"
    return False


def _loads(line: bytes) -> object:
    try:
        return json.loads(line)
    except UnicodeDecodeError:  # a line in Windows-1252 among UTF-8 ones: read it, do not lose it
        text = decode_text(line, "JSON line")
        if text is None:
            raise
        return json.loads(text)


def _read_json(stream: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    ahead = stream.peek(65536)[:65536]  # type: ignore[attr-defined]
    first = ahead.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if _one_json_document(first):
        yield from _read_json_document(stream, name, ctx)
    else:
        yield from _read_jsonl(stream, name, ctx)


def _read_json_document(stream: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    data = stream.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        yield too_large(name, "JSON document", ctx.max_bytes, data)
        return
    try:
        document = _loads(data.removeprefix(b"\xef\xbb\xbf"))
    except ValueError as exc:
        yield Unreadable(name, f"bad_json: {exc}", snippet_of(data))
        return
    records = document if isinstance(document, list) else [document]
    for i, record in enumerate(records):
        origin = f"{name}[{i}]"
        raw = json.dumps(record, ensure_ascii=False)[:1000]
        yield article_from_record(record, origin=origin, fallback_id=origin, published=ctx.published,
                                  fields=ctx.fields, raw=raw)


def _read_jsonl(stream: IO[bytes], name: str, ctx: Context, first_line: int = 1) -> Iterator[Item]:
    """Yield an item per line; ``first_line`` numbers the stream's first line (a byte range of a file)."""
    lineno = first_line - 1
    limit = ctx.max_bytes + 1
    while True:
        line = stream.readline(limit)
        if not line:
            return
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(line) >= limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the line without holding it
                line = stream.readline(1 << 20)
            yield too_large(origin, "JSON line", ctx.max_bytes)
            continue
        if not line.strip():
            continue
        try:
            record = _loads(line.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else line)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
            yield Unreadable(origin, f"bad_json: {exc}", snippet_of(line))
            continue
        if isinstance(record, list) and record and all(isinstance(r, dict) for r in record):
            # A line holding an array of records: a minified JSON file, or a batch in a stream.
            for i, element in enumerate(record):
                yield article_from_record(element, origin=f"{origin}[{i}]", fallback_id=f"{origin}[{i}]",
                                          published=ctx.published, fields=ctx.fields, raw=line)
            continue
        yield article_from_record(record, origin=origin, fallback_id=origin, published=ctx.published,
                                  fields=ctx.fields, raw=line)
