"""Turn JSON/CSV records and HTML pages into articles, or into Unreadable notes for quarantine.

Every Unreadable reason starts with one of the stable kinds of :data:`KINDS` ("bad_json: ...");
ingest counts quarantined inputs by that kind.
"""

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

# Why an input yields no article. "skipped" is counted but not quarantined (a WARC request record).
KINDS = ("unreadable", "binary", "empty", "too_large", "truncated", "bad_json", "undecodable", "no_text",
         "skipped")


@dataclass
class Unreadable:
    """An input (file, line, record) that yields no article, kept for quarantine with the reason.

    >>> bad = Unreadable("feed.jsonl:3", "bad_json: Expecting value", '{"id": 3, text}')
    >>> bad.origin, bad.kind
    ('feed.jsonl:3', 'bad_json')
    """

    origin: str  # "path", "path:line", "path@offset" (a WARC record) or "stdin:line"
    reason: str  # "<kind>: detail", the kind one of KINDS
    snippet: str = ""  # the start of the raw input, to recognise it

    @property
    def kind(self) -> str:
        """Return the stable kind of the reason ("bad_json", "too_large", ...)."""
        return self.reason.split(":", 1)[0].strip()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the text, id, date, title and URL; None means "try the usual names"."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None


# One unit read into memory at once (a text file, a page, a JSON line, a feed, a WARC record) is at
# most this long; longer ones are quarantined as too_large, so memory stays flat.
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Context:
    """How to read: the format (or "auto"), the default date, the record fields and the size limit."""

    fmt: str = "auto"
    published: str | None = None
    fields: Fields = Fields()
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read, as the user gives it; every ingest entry point takes one of these.

    >>> ReadOptions(published="2023-03-17", fmt="jsonl", text_field="story").fields.text
    'story'
    """

    published: str | None = None  # dates articles whose input has none (any form parse_published takes)
    fmt: str = "auto"
    text_field: str | None = None
    id_field: str | None = None
    date_field: str | None = None
    title_field: str | None = None
    url_field: str | None = None
    max_bytes: int | None = None  # one unit read into memory at most; MAX_BYTES when None

    @property
    def fields(self) -> Fields:
        return Fields(text=self.text_field, id=self.id_field, date=self.date_field, title=self.title_field,
                      url=self.url_field)

    def context(self) -> Context:
        """Return the checked reading context (format known, date normalised, positive size limit)."""
        from newsevents.errors import ConfigError
        from newsevents.sources.sniff import FORMATS

        if self.fmt not in FORMATS:
            raise ConfigError(f"unknown input format {self.fmt!r}; expected one of {', '.join(FORMATS)}")
        if self.max_bytes is not None and self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}")
        published = self.published
        if published is not None:
            from newsevents.when.dates import parse_published

            published = parse_published(published, source="published")
        return Context(self.fmt, published, self.fields, self.max_bytes or MAX_BYTES)


def too_large(origin: str, size: int | str, limit: int, snippet: str | bytes = "") -> Unreadable:
    """Return the quarantine note of an input over the size limit."""
    return Unreadable(origin, f"too_large: more than {limit} bytes ({size})", snippet_of(snippet))


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


def make_article(text: str, *, input_id: str, origin: str, fmt: str, published: str | None = None,
                 title: str | None = None, url: str | None = None, site: str | None = None) -> Article:
    """Build an article from text, repairing mojibake and control characters (the original kept in raw)."""
    from newsevents.clean.textfix import repair_text

    fixed = repair_text(text)
    article = Article.from_text(fixed, published=published, input_id=input_id, title=title, url=url,
                                origin=origin)
    if fixed is not text:
        article.raw = text
    article.site = site
    article.format = fmt
    return article


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
        return Unreadable(origin, "no_text: no main text found in the HTML page", snippet_of(raw))
    return make_article(page.text, input_id=input_id, origin=origin, fmt=fmt, title=page.title,
                        published=published_or_default(page.published, published, origin),
                        url=page.url, site=page.site)


def article_from_record(
    record: Any, *, origin: str, fallback_id: str, published: str | None, fields: Fields, raw: bytes | str,
    fmt: str = "jsonl",
) -> Article | Unreadable:
    """Map one JSON or CSV record ({"id", "text", "published"?, "title"?, "url"?}) to an article."""
    if not isinstance(record, dict):
        return Unreadable(origin, f"bad_json: not a JSON object but a {type(record).__name__}",
                          snippet_of(raw))
    text_keys = (fields.text,) if fields.text else TEXT_KEYS
    id_keys = (fields.id,) if fields.id else ("id",)
    date_keys = (fields.date,) if fields.date else DATE_KEYS
    title_keys = (fields.title,) if fields.title else TITLE_KEYS
    url_keys = (fields.url,) if fields.url else URL_KEYS

    input_id = _text_or_none(_first(record, id_keys)) or fallback_id
    text = _first(record, text_keys)
    if text is not None and not isinstance(text, str):
        return Unreadable(origin, f"no_text: field {text_keys[0]!r} is not a string", snippet_of(raw))
    if text is None or not text.strip():
        html = _first(record, HTML_KEYS)
        if isinstance(html, str) and html.strip():
            page = article_from_html(html, input_id=input_id, origin=origin, published=published,
                                     url=_text_or_none(_first(record, url_keys)), fmt=fmt)
            record_date = published_or_default(_first(record, date_keys), None, origin)
            if isinstance(page, Article) and record_date:  # the record's own date beats the page's
                page.published = record_date
            return page
        return Unreadable(origin, f"no_text: no non-empty {', '.join(text_keys)} field",
                          snippet_of(raw))
    return make_article(
        text,  # kept as given unless damaged: every offset of the output indexes into it
        published=published_or_default(_first(record, date_keys), published, origin),
        input_id=input_id, origin=origin, fmt=fmt,
        title=_text_or_none(_first(record, title_keys)),
        url=_text_or_none(_first(record, url_keys)),
        site=_text_or_none(_first(record, SITE_KEYS)),
    )
