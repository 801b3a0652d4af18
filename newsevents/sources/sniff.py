"""Open inputs (gzipped or not), decode them and tell their format from content and name.

>>> detect_format("notes.txt", b'{"id": "a1", "text": "Xi arrived."}')
'jsonl'
>>> detect_format("page.bin", b"<!DOCTYPE html>")
'html'
>>> detect_format("story.html", b"Putin invited Xi.")
'html'
>>> detect_format("-", b"Putin invited Xi.")
'text'
>>> detect_format("news.xml", b'<?xml version="1.0"?> <rss version="2.0">')
'rss'
>>> detect_format("crawl", b"WARC/1.1\\r\\nWARC-Type: warcinfo")
'warc'
>>> detect_format("export", b"id,title,text\\n1,Xi,Xi arrived.")
'csv'
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import unicodedata
import zlib
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

FORMATS = ("auto", "text", "jsonl", "csv", "html", "rss", "warc")

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# Extensions that decide the format when the content does not (a page without a doctype, a
# JSON Lines file whose first line is broken).
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "rss", ".atom": "rss", ".rdf": "rss",
    ".warc": "warc", ".arc": "warc",
}

# Files a folder may hold that are certainly not articles; reported, not read.
BINARY_EXTENSIONS = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .svg .ico .bz2 .xz .7z .parquet .arrow .db .sqlite "
    ".doc .docx .xls .xlsx .ppt .pptx .mp3 .mp4 .mov .avi .woff .woff2 .ttf .exe .so .pyc".split()
)

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL
)
# A CSV header names its columns; one of them must look like the article text.
_CSV_TEXT_COLUMNS = {"text", "content", "body", "maintext", "article", "html", "raw_html"}

# Markup needs more than its first line to be told apart (an XML declaration comes first).
SNIFF_BYTES = 8192


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, decompressing it when it is gzipped (whatever its name)."""
    fh = path.open("rb")
    if fh.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


def format_from_name(name: str) -> str | None:
    """Return the format an input's name suggests (``.gz`` looked through), or None."""
    path = Path(name.lower())
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return _EXTENSIONS.get(path.suffix)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _is_csv_header(line: bytes) -> bool:
    text = line.decode("utf-8", errors="replace").strip().lower()
    for sep in (",", "\t", ";"):
        names = {n.strip().strip('"') for n in text.split(sep)}
        if len(names) >= 2 and names & _CSV_TEXT_COLUMNS:
            return True
    return False


def detect_format(name: str, head: bytes) -> str:
    """Return the format of an input ("jsonl", "csv", "html", "rss", "warc", "text") from content, then name.

    Content wins: a ``.txt`` file of JSON records is JSON Lines, a page saved without an
    extension is HTML. The name decides when the content says nothing certain.
    """
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    first_line = head.split(b"\n", 1)[0]
    if first_line.startswith(b"[{") or (first_line.startswith(b"{") and _is_json_object(first_line)):
        return "jsonl"
    if head.startswith(b"<"):
        if _FEED_START.match(head):
            return "rss"
        if _HTML_START.match(head):
            return "html"
    by_name = format_from_name(name)
    if by_name is None and _is_csv_header(first_line):
        return "csv"
    return by_name or "text"


def looks_binary(data: bytes) -> bool:
    """Say whether bytes are not text at all (NUL bytes do not occur in text encodings we read)."""
    return b"\x00" in data[:8192]


def _mostly_text(text: str) -> bool:
    # Bytes read in the wrong encoding come out as symbols and control characters, not as words.
    sample = text[:20000]
    if not sample:
        return True
    odd = sum(1 for ch in sample if unicodedata.category(ch)[0] in "CS" and ch not in "\t\n\r")
    return odd / len(sample) < 0.05


def decode_text(data: bytes, origin: str) -> str | None:
    """Decode text: UTF-8 (a byte-order mark dropped), else Windows-1252, else Latin-1; None if none fits.

    Line endings are kept as they are, so offsets still index into what the user gave.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Old newswire and Windows-saved pages: cp1252 covers the curly quotes latin-1 lacks.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            log.warning("%s: not UTF-8; read as %s", origin, encoding)
            return text
    return None


class Rewound(io.RawIOBase):
    """A stream that gives back bytes already read from it first (to sniff, then read from the start)."""

    def __init__(self, head: bytes, rest: IO[bytes], error: BaseException | None = None) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._error = error  # raised once the head is given back: the stream broke while sniffing

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def sniff(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """Return the first bytes of ``stream`` and a buffered stream that reads it from the start."""
    parts: list[bytes] = []
    size, error = 0, None
    try:
        # Small reads, so that a compressed stream cut short still gives what came before the cut.
        while size < SNIFF_BYTES:
            chunk = stream.read(min(1024, SNIFF_BYTES - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
    except (EOFError, OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        error = exc
    head = b"".join(parts)
    return head, io.BufferedReader(Rewound(head, stream, error), buffer_size=1 << 16)
