"""Split inputs into partitions that separate processes can read, giving the items one reader gives.

A partition is a run of pieces: whole files (read exactly as :func:`read_inputs` reads a file), or
byte ranges of a big file cut at record boundaries: JSON Lines at line starts, WARC at record starts
(found by walking the record headers), and a ``.warc.gz`` between gzip members that start a record
(crawlers compress record by record; found by inflating the file once). Reading the partitions in
order and chaining their items gives what ``read_inputs`` yields over the same paths, item for item,
with the same origins: a range knows the number of its first line (JSON Lines origins are
``file:line``) and its offset in the (decompressed) WARC stream (origins ``file@offset``).

What is not split: other compressed files (a ``.jsonl.gz`` is one gzip member, with no boundaries
one can find without inflating everything before them), zip and tar archives, CSV (a quoted field
may hold line breaks), feeds, single JSON documents, files that do not parse from start to end as
records (those are read whole, so errors are reported as one reader reports them) and standard input.

>>> parts = plan(["big.jsonl", "pages/"], ReadOptions().context(), target_bytes=64 << 20)  # doctest: +SKIP
>>> items = [item for part in parts for item in read_partition(part, ctx)]                 # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import io
import itertools
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from newsevents.model import Article
from newsevents.sources.formats import read_warc
from newsevents.sources.read import (
    _TRUNCATED,
    STDIN,
    _binary_note,
    _folder_files,
    _one_json_document,
    _read_file,
    _read_jsonl,
)
from newsevents.sources.records import Context, Unreadable
from newsevents.sources.sniff import (
    EMPTY_ZIP_MAGIC,
    GZIP_MAGIC,
    SNIFF_BYTES,
    ZIP_MAGIC,
    detect_format,
    looks_binary,
)

log = logging.getLogger(__name__)

Item = Article | Unreadable

PEEK_BYTES = 65536  # what the JSON reader looks at to tell JSON Lines from one JSON document
SCAN_BYTES = 1 << 24  # read at a time when counting lines
FEED_BYTES = 1 << 15  # fed at a time to zlib when finding gzip members


@dataclass(frozen=True)
class Piece:
    """A whole file (``start`` None), or the bytes ``start:end`` of one, read in format ``fmt``."""

    path: str
    size: int = 0
    start: int | None = None
    end: int | None = None
    fmt: str = ""  # "jsonl", "warc", or "warc.gz" (whole gzip members)
    first_line: int = 1  # the number of the range's first line (JSON Lines)
    base: int = 0  # the offset of the range's first record in the (decompressed) WARC stream
    in_folder: bool = False  # found in a folder: a binary extension is reported, not read

    @property
    def nbytes(self) -> int:
        return self.size if self.start is None else (self.end or 0) - self.start


@dataclass(frozen=True)
class Partition:
    """Pieces read one after the other by one task; ``index`` is its place in reading order."""

    index: int
    pieces: tuple[Piece, ...]

    @property
    def nbytes(self) -> int:
        return sum(p.nbytes for p in self.pieces)


def plan(names: list[str], ctx: Context, target_bytes: int) -> list[Partition]:
    """Return the partitions of these expanded paths, each about ``target_bytes``, in reading order."""
    if STDIN in names:
        raise ValueError("standard input cannot be split into partitions")
    pieces: list[Piece] = []
    for path in names:
        if os.path.isdir(path):
            for file in _folder_files(path):
                binary = _binary_note(file) is not None
                pieces.extend([Piece(file, _size(file), in_folder=True)] if binary else
                              _split(file, ctx, target_bytes, in_folder=True))
        else:
            pieces.extend(_split(path, ctx, target_bytes))
    partitions: list[Partition] = []
    run: list[Piece] = []
    held = 0
    for piece in pieces:  # small files share a partition; a range is one already
        if run and held + piece.nbytes > target_bytes:
            partitions.append(Partition(len(partitions), tuple(run)))
            run, held = [], 0
        run.append(piece)
        held += piece.nbytes
    if run:
        partitions.append(Partition(len(partitions), tuple(run)))
    return partitions


def read_partition(partition: Partition, ctx: Context) -> Iterator[Item]:
    """Yield the items of one partition, as ``read_inputs`` yields them for those bytes."""
    for piece in partition.pieces:
        if piece.start is None:
            if piece.in_folder and (note := _binary_note(piece.path)) is not None:
                yield note
            else:
                yield from _read_file(piece.path, ctx, None)
        else:
            yield from _read_range(piece, ctx)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _split(path: str, ctx: Context, target: int, *, in_folder: bool = False) -> list[Piece]:
    """Return a big JSON Lines or WARC file as ranges cut at record starts; any other file whole."""
    size = _size(path)
    whole = [Piece(path, size, in_folder=in_folder)]
    if size <= target:
        return whole
    try:
        with open(path, "rb") as fh:
            head = fh.read(PEEK_BYTES)
            fmt = _splittable(path, head, ctx)
            if fmt is None:
                return whole
            fh.seek(0)
            if fmt == "jsonl":
                cuts = _line_cuts(fh, size, target)
            elif fmt == "warc":
                cuts = [(pos, pos) for pos, _ in _warc_cuts(fh, size, target)]
            else:
                cuts = _gzip_cuts(fh, target)
    except (OSError, zlib.error):
        return whole  # the reader reports it
    if not cuts:
        return whole
    bounds = [(0, 1 if fmt == "jsonl" else 0), *cuts, (size, 0)]
    log.info("%s: read in %d ranges", path, len(bounds) - 1)
    if fmt == "jsonl":
        return [Piece(path, size, start, end, fmt, first_line=mark, in_folder=in_folder)
                for (start, mark), (end, _) in itertools.pairwise(bounds)]
    return [Piece(path, size, start, end, fmt, base=mark, in_folder=in_folder)
            for (start, mark), (end, _) in itertools.pairwise(bounds)]


def _splittable(path: str, head: bytes, ctx: Context) -> str | None:
    """Return "jsonl", "warc" or "warc.gz" when a file's bytes can be cut at record starts, else None."""
    if head[:2] == GZIP_MAGIC:
        # A WARC compressed record by record (the usual .warc.gz): members can be cut between.
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return None
        return "warc.gz" if ctx.fmt in ("auto", "warc") and inner.startswith(b"WARC/") else None
    if head[:4] in (ZIP_MAGIC, EMPTY_ZIP_MAGIC) or head[257:262] == b"ustar":
        return None
    if not head.strip():
        return None
    fmt = ctx.fmt if ctx.fmt != "auto" else detect_format(path, head[:SNIFF_BYTES])
    if fmt == "warc":
        return "warc" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"WARC/") else None
    if fmt != "jsonl" or looks_binary(head[:SNIFF_BYTES]):
        return None
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return None if _one_json_document(first) else "jsonl"


def _line_cuts(fh: IO[bytes], size: int, target: int) -> list[tuple[int, int]]:
    """Return (offset, line number) of line starts about ``target`` bytes apart (not the first)."""
    cuts: list[tuple[int, int]] = []
    lines = pos = 0
    want = target  # the next cut is the first line start at or after this offset
    while pos < size:
        chunk = fh.read(SCAN_BYTES)
        if not chunk:
            break
        look = max(want - 1 - pos, 0)
        while look < len(chunk):
            nl = chunk.find(b"\n", look)
            if nl < 0:
                break
            cut = pos + nl + 1
            if cut >= size:
                break
            cuts.append((cut, lines + chunk.count(b"\n", 0, nl + 1) + 1))
            want = cut + target
            look = max(want - 1 - pos, nl + 1)
        lines += chunk.count(b"\n")
        pos += len(chunk)
    return cuts


def _warc_cuts(fh: IO[bytes], size: int, target: int) -> list[tuple[int, int]]:
    """Return offsets of WARC record starts about ``target`` bytes apart, walking the record headers.

    Only the headers are read (each record's Content-Length says where the next begins). A file that
    does not parse as WARC records from start to end is not cut at all: one reader handles it whole.
    """
    cuts: list[tuple[int, int]] = []
    pos, want = 0, target
    while True:
        fh.seek(pos)
        line = fh.readline()
        while line in (b"\r\n", b"\n"):  # blank lines between records
            pos += len(line)
            line = fh.readline()
        if not line:
            return cuts
        if not line.startswith(b"WARC/"):
            return []
        if pos >= want:
            cuts.append((pos, 0))
            want = pos + target
        length = None
        while True:
            header = fh.readline()
            if not header:
                return []
            if header in (b"\r\n", b"\n"):
                break
            name, _, value = header.partition(b":")
            if name.strip().lower() == b"content-length":
                try:
                    length = int(value.strip())
                except ValueError:
                    return []
        if length is None:
            return []
        pos = fh.tell() + length
        if pos > size:
            return cuts  # the last record is cut short: its range says so when read


def _gzip_cuts(fh: IO[bytes], target: int) -> list[tuple[int, int]]:
    """Return (file offset, decompressed offset) of gzip members starting a WARC record, about ``target`` apart.

    Inflates the whole file once (fast next to extracting its pages) to find where members end. A file
    that is not whole gzip members from start to end (cut short, trailing bytes) is not cut at all.
    """
    cuts: list[tuple[int, int]] = []
    start = inflated = 0  # where the current member starts, in the file and in the decompressed stream
    want = target
    pending = b""  # bytes read but not yet inflated; kept small, since each member copies what is left
    while True:
        if len(pending) < FEED_BYTES:
            pending += fh.read(FEED_BYTES)
        if not pending:
            return cuts
        if pending[:2] != GZIP_MAGIC:
            return []
        member = zlib.decompressobj(wbits=31)
        first = member.decompress(pending)
        if start >= want and first.startswith(b"WARC/"):
            cuts.append((start, inflated))
            want = start + target
        produced, fed = len(first), len(pending)
        while not member.eof:
            more = fh.read(FEED_BYTES)
            if not more:
                return []
            produced += len(member.decompress(more))
            fed += len(more)
        pending = member.unused_data
        start += fed - len(pending)
        inflated += produced


class _Range(io.RawIOBase):
    """The bytes of a file from its current position up to ``limit`` bytes on."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self._raw, self._left = raw, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        n = self._raw.readinto(view) or 0  # type: ignore[attr-defined]
        self._left -= n
        return n


def _read_range(piece: Piece, ctx: Context) -> Iterator[Item]:
    assert piece.start is not None and piece.end is not None
    try:
        raw = open(piece.path, "rb", buffering=0)  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Unreadable(piece.path, f"unreadable: cannot open ({exc.strerror or exc})")
        return
    with raw:
        raw.seek(piece.start)
        stream = io.BufferedReader(_Range(raw, piece.end - piece.start), buffer_size=1 << 16)
        try:
            if piece.fmt == "jsonl":
                yield from _read_jsonl(stream, piece.path, ctx, piece.first_line)
            elif piece.fmt == "warc.gz":
                inflated: IO[bytes] = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
                yield from read_warc(inflated, piece.path, ctx, base=piece.base)
            else:
                yield from read_warc(stream, piece.path, ctx, base=piece.base)
        except _TRUNCATED as exc:  # gzip.BadGzipFile among them
            yield Unreadable(piece.path, f"truncated: compressed data cut short or corrupt ({exc})")
        except OSError as exc:
            yield Unreadable(piece.path, f"unreadable: {exc.strerror or exc}")
