"""Read the container formats: CSV tables, RSS/Atom feeds and WARC crawls, one article per row, entry or page.

Nothing here touches the network: a feed is parsed from the bytes given, links are only recorded.
"""

from __future__ import annotations

import csv
import io
import logging
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from newsevents.model import Article
from newsevents.sources.records import (
    Context,
    Unreadable,
    article_from_html,
    article_from_record,
    make_article,
    published_or_default,
    snippet_of,
    too_large,
)

log = logging.getLogger(__name__)

Item = Article | Unreadable

_HTML_TYPES = ("text/html", "application/xhtml")


def read_upto(stream: Any, size: int) -> bytes:
    """Read until ``size`` bytes or the end (some streams return less than asked before their end)."""
    parts, got = [], 0
    while got < size:
        chunk = stream.read(min(size - got, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_csv(stream: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    """Yield one article per row of a CSV or TSV table with a header row."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    header = text.readline()
    delimiter = "\t" if header.count("\t") > header.count(",") else ";" if header.count(";") > \
        header.count(",") else ","
    # A field may hold a whole article; the limit guards memory, not the format.
    csv.field_size_limit(max(ctx.max_bytes, 131072))
    reader = csv.reader(text, delimiter=delimiter)
    columns = [c.strip() for c in next(csv.reader([header], delimiter=delimiter), [])]
    line = 1
    while True:
        start = reader.line_num + 2  # the header was read before the reader started counting
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over the limit, a stray NUL
            kind = "too_large" if "larger than field limit" in str(exc) else "bad_record"
            yield Unreadable(f"{name}:{start}", f"{kind}: {exc}")
            continue
        line = start
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield Unreadable(f"{name}:{line}", f"bad_record: {len(row)} fields where the header has "
                             f"{len(columns)}", snippet_of(delimiter.join(row)))
            continue
        record = dict(zip(columns, row, strict=True))
        yield article_from_record(record, origin=f"{name}:{line}", fallback_id=f"{name}:{line}",
                                  published=ctx.published, fields=ctx.fields,
                                  raw=delimiter.join(row), fmt="csv")


def _entry_text(entry: Any) -> str:
    from newsevents.clean.html import fragment_text

    # The fullest of the entry's content blocks, else its summary; both are HTML fragments as a rule.
    blocks = [c.get("value", "") for c in entry.get("content") or []]
    blocks.append(entry.get("summary", "") or "")
    best = max(blocks, key=len)
    return fragment_text(best) if "<" in best else best.strip()


def read_feed(stream: IO[bytes], name: str, ctx: Context) -> Iterator[Item]:
    """Yield one article per entry of an RSS 1.0/2.0 or Atom feed (its content, else its summary)."""
    import feedparser

    data = stream.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        yield too_large(name, "feed", ctx.max_bytes, data)
        return
    # A file object, never a string: feedparser would take a string that looks like a URL and fetch it.
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        problem = f" ({feed.get('bozo_exception')})" if feed.get("bozo") else ""
        yield Unreadable(name, f"no_text: a feed without entries{problem}", snippet_of(data))
        return
    site = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries):
        origin = f"{name}[{i}]"
        text = _entry_text(entry)
        if not text.strip():
            yield Unreadable(origin, "no_text: feed entry without content or summary",
                             snippet_of(str(entry.get("title", ""))))
            continue
        date = entry.get("published") or entry.get("updated")
        yield make_article(
            text, input_id=str(entry.get("id") or entry.get("link") or origin), origin=origin, fmt="rss",
            published=published_or_default(date, ctx.published, origin),
            title=entry.get("title") or None, url=entry.get("link") or None, site=site,
        )


def read_warc(stream: IO[bytes], name: str, ctx: Context, base: int = 0) -> Iterator[Item]:
    """Yield an article per HTML response record of a WARC; other records are counted as skipped.

    The stream comes already decompressed (Python's gzip notices a cut-off file, warcio does not).
    ``base`` is the offset of the stream's start in the file (a byte range): origins name file offsets.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(_Guarded(stream), check_digests=False)
    try:
        for record in records:
            yield _warc_item(record, lambda: f"{name}@{base + records.get_record_offset()}", ctx)
    except (ArchiveLoadFailed, _StreamCut) as exc:
        yield Unreadable(f"{name}@{base + records.offset}", f"truncated: WARC unreadable from here ({exc})")


class _StreamCut(Exception):
    """The compressed stream under a WARC broke off (warcio takes an EOFError for a clean end)."""


class _Guarded(io.RawIOBase):
    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        # One underlying read per call: what came before a break is handed on before the break.
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._read(len(buffer))
        except (EOFError, OSError, zlib.error) as exc:
            raise _StreamCut(str(exc)) from None
        buffer[: len(data)] = data
        return len(data)


def _warc_item(record: Any, where: Callable[[], str], ctx: Context) -> Item:
    # warcio's record offset reads the record to its end: ask for it only once the body is read.
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return Unreadable(where(), f"skipped: WARC {kind} record")
    http = record.http_headers
    status = http.get_statuscode() if http is not None else "200"
    ctype = (http.get_header("Content-Type") if http is not None
             else record.rec_headers.get_header("Content-Type")) or ""
    if not ctype.lower().startswith(_HTML_TYPES) or not str(status).startswith("2"):
        return Unreadable(where(), f"skipped: WARC {kind} record, HTTP {status} {ctype.split(';')[0]}")
    body = read_upto(record.content_stream(), ctx.max_bytes + 1)
    truncated = record.raw_stream.limit > 0  # the record promised more bytes than the file holds
    origin = where()
    if len(body) > ctx.max_bytes:
        return too_large(origin, "WARC record", ctx.max_bytes, body)
    if truncated:
        return Unreadable(origin, "truncated: WARC record cut short", snippet_of(body))
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    item = article_from_html(body, input_id=url or origin, origin=origin, url=url,
                             published=crawled or ctx.published, fmt="warc")
    if isinstance(item, Article) and not item.url:
        item.url = url
    return item
