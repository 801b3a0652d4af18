"""Read articles from files, folders and standard input, in any of the formats users have.

>>> for item in read_inputs(["articles/"], published="2023-03-17"):     # doctest: +SKIP
...     print(item.input_id if isinstance(item, Article) else f"unreadable {item.origin}: {item.reason}")
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import ConfigError, InputError
from newsevents.model import Article
from newsevents.sources.records import (
    Fields,
    Unreadable,
    article_from_html,
    article_from_record,
    snippet_of,
)
from newsevents.sources.sniff import (
    BINARY_EXTENSIONS,
    FORMATS,
    GZIP_MAGIC,
    SNIFF_BYTES,
    decode_text,
    detect_format,
    looks_binary,
    open_binary,
)

log = logging.getLogger(__name__)

STDIN = "-"

Item = Article | Unreadable

# A gzip stream cut short or garbled fails in any of these ways, sometimes only halfway through.
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True)
class _Context:
    fmt: str
    published: str | None
    fields: Fields


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: str | None = None,
    fmt: str = "auto",
    text_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Unreadable]:
    """Yield an Article for every article in ``paths`` (files, folders, "-" for stdin), in order.

    Records that cannot be read are yielded as :class:`Unreadable` and reading goes on.
    ``published`` (ISO date) dates articles whose input has no date of its own.
    A missing path raises InputError at once; an input without any article raises it when reached.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    names = [os.fspath(p) for p in paths]
    for path in names:
        if path != STDIN and not os.path.exists(path):
            raise InputError(path, "no such file or directory")
    if published is not None:
        from newsevents.when.dates import parse_published

        published = parse_published(published, source="published")
    ctx = _Context(fmt, published, Fields(text=text_field, id=id_field, date=date_field))
    return _read_all(names, ctx, stdin)


def _read_all(paths: list[str], ctx: _Context, stdin: BinaryIO | None) -> Iterator[Item]:
    for path in paths:
        count = 0
        for item in _read_path(path, ctx, stdin):
            count += 1
            yield item
        if count == 0:
            raise InputError(path, "empty input: no articles")


def _read_path(path: str, ctx: _Context, stdin: BinaryIO | None) -> Iterator[Item]:
    if path == STDIN:
        stream = _gunzipped(stdin if stdin is not None else _stdin_bytes())
        yield from _read_stream(stream, name="stdin", input_id="stdin", ctx=ctx)
    elif os.path.isdir(path):
        yield from _read_folder(path, ctx)
    else:
        yield from _read_file(Path(path), path, ctx)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    # A text stream stands in for stdin (notebooks, tests): hand its text on as UTF-8 bytes.
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _gunzipped(stream: BinaryIO) -> BinaryIO:
    """Return a stream that decompresses ``stream`` if it is gzipped (``zcat`` not needed)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        head = peek(2)[:2]
    else:  # a stream that cannot look ahead is read whole (a test's BytesIO, a notebook's stand-in)
        data = stream.read()
        stream, head = io.BytesIO(data), data[:2]
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def _folder_files(folder: str) -> list[str]:
    # Sorted walk so that ids, store batches and outputs do not depend on the file system order.
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: Path(p).parts)


def _read_folder(folder: str, ctx: _Context) -> Iterator[Item]:
    for path in _folder_files(folder):
        suffix = Path(path.lower()).suffix
        if suffix in BINARY_EXTENSIONS:
            yield Unreadable(path, f"not an article format ({suffix} file)")
            continue
        yield from _read_file(Path(path), path, ctx)


def _read_file(path: Path, name: str, ctx: _Context) -> Iterator[Item]:
    try:
        stream = open_binary(path)
    except OSError as exc:
        yield Unreadable(name, f"cannot open: {exc.strerror or exc}")
        return
    with stream:
        yield from _read_stream(stream, name=name, input_id=name, ctx=ctx)


def _read_stream(stream: BinaryIO, *, name: str, input_id: str, ctx: _Context) -> Iterator[Item]:
    """Read one input: sniff its first bytes, then read it as JSON Lines, HTML or text."""
    head: list[bytes] = []
    try:
        for line in stream:
            head.append(line)
            if line.strip():
                break
        if not head or not any(line.strip() for line in head):
            log.info("%s: empty, skipped", name)
            return
        first = head[-1]
        if first.lstrip().startswith(b"<"):  # markup: read on to see past an XML declaration
            size = sum(map(len, head))
            for line in stream:
                head.append(line)
                size += len(line)
                if size >= SNIFF_BYTES:
                    break
        fmt = ctx.fmt if ctx.fmt != "auto" else detect_format(name, b"".join(head))
        if fmt == "feed":
            yield Unreadable(name, "RSS/Atom feeds are not read yet; convert the items to JSON Lines",
                             snippet_of(b"".join(head)))
            return
        if fmt == "jsonl" and not _one_json_document(first):
            yield from _read_jsonl(itertools.chain(head, stream), name, ctx)
            return
        data = b"".join(head) + stream.read()
    except _GZIP_ERRORS as exc:
        yield Unreadable(name, f"corrupt gzip data: {exc}")
        return
    if fmt == "jsonl":
        yield from _read_json_document(data, name, ctx)
    elif looks_binary(data):
        yield Unreadable(name, "binary data, not text", snippet_of(data))
    elif fmt == "html":
        yield article_from_html(data, input_id=input_id, origin=name, url=None, published=ctx.published)
    else:
        text = decode_text(data, name)
        if text.strip():
            yield Article.from_text(text, published=ctx.published, input_id=input_id, origin=name)


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


def _read_json_document(data: bytes, name: str, ctx: _Context) -> Iterator[Item]:
    try:
        document = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except ValueError as exc:
        yield Unreadable(name, f"invalid JSON: {exc}", snippet_of(data))
        return
    records = document if isinstance(document, list) else [document]
    for i, record in enumerate(records):
        origin = f"{name}[{i}]"
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8")
        yield article_from_record(record, origin=origin, fallback_id=origin, published=ctx.published,
                                  fields=ctx.fields, raw=raw)


def _read_jsonl(lines: Iterable[bytes], name: str, ctx: _Context) -> Iterator[Item]:
    lineno = 0
    try:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            origin = f"{name}:{lineno}"
            try:
                record = json.loads(line.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else line)
            except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
                yield Unreadable(origin, f"invalid JSON: {exc}", snippet_of(line))
                continue
            if isinstance(record, list) and record and all(isinstance(r, dict) for r in record):
                # A line holding an array of records: a minified JSON file, or a batch in a stream.
                for i, element in enumerate(record):
                    yield article_from_record(element, origin=f"{origin}[{i}]", fallback_id=f"{origin}[{i}]",
                                              published=ctx.published, fields=ctx.fields, raw=line)
                continue
            yield article_from_record(record, origin=origin, fallback_id=origin, published=ctx.published,
                                      fields=ctx.fields, raw=line)
    except _GZIP_ERRORS as exc:
        yield Unreadable(f"{name}:{lineno + 1}", f"corrupt gzip data: {exc}")
