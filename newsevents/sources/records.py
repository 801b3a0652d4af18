"""Turn JSON records and HTML pages into articles, or into Unreadable notes for quarantine."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from newsevents.errors import DateError
from newsevents.model import Article

log = logging.getLogger(__name__)

# Field names used by common dumps and scrapers (news-please, newspaper, RSS-to-JSON tools).
TEXT_KEYS = ("text", "content", "body", "maintext", "article")
HTML_KEYS = ("html", "raw_html")
DATE_KEYS = ("published", "date", "pubDate", "publication_date", "date_publish", "datePublished",
             "published_at", "pub_date")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
SITE_KEYS = ("site", "sitename", "source_domain")

SNIPPET_CHARS = 200


@dataclass
class Unreadable:
    """An input (file, line, record) that yields no article, kept for quarantine with the reason.

    >>> Unreadable("feed.jsonl:3", "invalid JSON: Expecting value", '{"id": 3, text}').origin
    'feed.jsonl:3'
    """

    origin: str  # "path", "path:line" or "stdin:line"
    reason: str
    snippet: str = ""  # the start of the raw input, to recognise it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the text, id and date; None means "try the usual names"."""

    text: str | None = None
    id: str | None = None
    date: str | None = None


def snippet_of(raw: str | bytes) -> str:
    """Return the start of a raw input as text, for a quarantine note."""
    if isinstance(raw, bytes):
        raw = raw[: SNIPPET_CHARS * 4].decode("utf-8", errors="replace")
    return raw[:SNIPPET_CHARS]


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def published_or_default(value: Any, default: str | None, origin: str) -> str | None:
    """Normalise a record's date; an unreadable one falls back to the default, with a warning."""
    if value in (None, ""):
        return default
    from newsevents.when.dates import parse_published

    try:
        return parse_published(str(value), source=origin)
    except DateError as exc:
        # Losing the whole article over its date would be worse than dating it by the default.
        log.warning("%s; using %s instead", exc, default or "no publication date")
        return default


def article_from_html(
    raw: str | bytes, *, input_id: str, origin: str, url: str | None, published: str | None,
    fmt: str = "html",
) -> Article | Unreadable:
    """Extract a page's main text and metadata into an article (its text is the extracted text)."""
    from newsevents.clean.html import extract_html

    page = extract_html(raw, url)
    if not page.text.strip():
        return Unreadable(origin, "no main text found in the HTML page", snippet_of(raw))
    article = Article.from_text(
        page.text,
        published=published_or_default(page.published, published, origin),
        input_id=input_id,
        title=page.title,
        url=page.url,
        origin=origin,
    )
    article.site = page.site
    article.format = fmt
    return article


def article_from_record(
    record: Any, *, origin: str, fallback_id: str, published: str | None, fields: Fields, raw: bytes
) -> Article | Unreadable:
    """Map one JSON record ({"id", "text", "published"?, "title"?, "url"?}) to an article."""
    if not isinstance(record, dict):
        return Unreadable(origin, f"not a JSON object but a {type(record).__name__}", snippet_of(raw))
    text_keys = (fields.text,) if fields.text else TEXT_KEYS
    id_keys = (fields.id,) if fields.id else ("id",)
    date_keys = (fields.date,) if fields.date else DATE_KEYS

    input_id = _text_or_none(_first(record, id_keys)) or fallback_id
    text = _first(record, text_keys)
    if text is not None and not isinstance(text, str):
        return Unreadable(origin, f"field {text_keys[0]!r} is not a string", snippet_of(raw))
    if text is None or not text.strip():
        html = _first(record, HTML_KEYS)
        if isinstance(html, str) and html.strip():
            page = article_from_html(html, input_id=input_id, origin=origin, published=published,
                                     url=_text_or_none(_first(record, URL_KEYS)), fmt="jsonl")
            record_date = published_or_default(_first(record, date_keys), None, origin)
            if isinstance(page, Article) and record_date:  # the record's own date beats the page's
                page.published = record_date
            return page
        return Unreadable(origin, f"no text: no non-empty {', '.join(text_keys)} field",
                          snippet_of(raw))
    article = Article.from_text(
        text,  # kept exactly as given: every offset of the output indexes into it
        published=published_or_default(_first(record, date_keys), published, origin),
        input_id=input_id,
        title=_text_or_none(_first(record, TITLE_KEYS)),
        url=_text_or_none(_first(record, URL_KEYS)),
        origin=origin,
    )
    article.site = _text_or_none(_first(record, SITE_KEYS))
    article.format = "jsonl"
    return article
