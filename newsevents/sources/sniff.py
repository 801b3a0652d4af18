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
'feed'
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

FORMATS = ("auto", "text", "jsonl", "html")

GZIP_MAGIC = b"\x1f\x8b"

# Extensions that decide the format when the content does not (a page without a doctype, a
# JSON Lines file whose first line is broken).
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
}

# Files a folder may hold that are certainly not articles; reported, not read.
BINARY_EXTENSIONS = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .svg .ico .zip .tar .tgz .bz2 .xz .7z .parquet .arrow .db .sqlite "
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

# Markup needs more than its first line to be told apart (an XML declaration comes first).
SNIFF_BYTES = 4096


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes, decompressing it when it is gzipped (whatever its name)."""
    with path.open("rb") as fh:
        magic = fh.read(2)
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


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


def detect_format(name: str, head: bytes) -> str:
    """Return "jsonl", "html", "feed" or "text" for an input from its first bytes, then its name.

    Content wins: a ``.txt`` file of JSON records is JSON Lines, a page saved without an
    extension is HTML. The name decides when the content says nothing certain.
    """
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line = head.split(b"\n", 1)[0]
    if first_line.startswith(b"{") and _is_json_object(first_line):
        return "jsonl"
    if head.startswith(b"<"):
        if _HTML_START.match(head):
            return "html"
        if _FEED_START.match(head):
            return "feed"
    return format_from_name(name) or "text"


def looks_binary(data: bytes) -> bool:
    """Say whether bytes are not text at all (NUL bytes do not occur in text encodings we read)."""
    return b"\x00" in data[:8192]


def decode_text(data: bytes, origin: str) -> str:
    """Decode a text file: UTF-8 (a byte-order mark dropped), else Windows-1252, else Latin-1.

    Line endings are kept as they are, so offsets still index into what the user gave.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Old newswire and Windows-saved pages: cp1252 covers the curly quotes latin-1 lacks.
    try:
        text = data.decode("cp1252")
        log.warning("%s: not UTF-8; read as Windows-1252", origin)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        log.warning("%s: not UTF-8; read as Latin-1", origin)
    return text
