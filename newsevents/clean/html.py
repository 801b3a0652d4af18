"""Extract the main text and metadata of a web page with trafilatura.

>>> page = open("saved-page.html", encoding="utf-8").read()                    # doctest: +SKIP
>>> text, title, published, site, url = extract_html(page, None)              # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

# trafilatura's text output puts one block (paragraph, heading, list item, table row) per line;
# the document text separates blocks with a blank line, like a pasted article.
_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")
# Fewer words than this is a menu or a cookie wall that the fallback extractors picked up, not an article.
MIN_WORDS = 5
# A balanced extraction this much longer than the precision one holds paragraphs precision missed.
# (On trafilatura's snippet set: with found 0.956, without absent 0.934; precision alone 0.940/0.935,
# balanced alone 0.965/0.915; bench/ingest_bench.py html.)
LONGER = 1.2


class ExtractedPage(NamedTuple):
    """What a page yields: main text (blocks separated by blank lines) and its metadata."""

    text: str
    title: str | None
    published: str | None  # ISO date as found in the page; not yet validated
    site: str | None
    url: str | None


# Page titles often end with the site's name after one of these: "Xi visits Moscow | Example News".
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " › ", " » ", " · ", " :: ", " // ")
_NON_ALNUM = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def _site_keys(site: str | None, url: str | None) -> list[str]:
    keys = [_key(site)] if site else []
    if url:
        host = re.sub(r"^[a-z]+://(www\.)?", "", url.lower()).split("/", 1)[0]
        labels = host.split(".")
        if len(labels) >= 2:
            keys.append(_key(labels[-2]))  # "news.example.org" -> "example"
    return [k for k in keys if len(k) >= 3]


def strip_site_name(title: str, site: str | None, url: str | None) -> str:
    """Return a page title without a trailing site name ("Xi visits Moscow | Example News" -> first part)."""
    keys = _site_keys(site, url)
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, tail = title.rsplit(sep, 1)
        tail_key = _key(tail)
        if len(head) >= 10 and tail_key and any(k in tail_key or tail_key in k for k in keys):
            return head.strip()
    return title


def _blank_line_blocks(text: str) -> str:
    return _LINE_BREAKS.sub("\n\n", text.strip())


def _extract(raw: str | bytes, url: str | None, *, precision: bool) -> Any:
    # Imported here: trafilatura pulls in lxml, htmldate and justext, which plain-text runs never need.
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            raw,
            url=url,
            favor_precision=precision,
            include_comments=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
        )
    except (ValueError, TypeError) as exc:  # malformed markup that lxml cannot even repair
        log.warning("cannot parse HTML (%s): %s", url or "page", exc)
        return None


def extract_html(raw: str | bytes, url: str | None = None) -> ExtractedPage:
    """Return the main text, title, publication date, site name and canonical URL of a page.

    Precision is favoured over recall: a missed paragraph costs less than navigation or
    comments coded as events. The text is empty when no main content is found.
    """
    result = _extract(raw, url, precision=True)
    if result is not None:
        # Precision mode sometimes keeps only a teaser or drops a paragraph; a fuller balanced
        # extraction then wins.
        balanced = _extract(raw, url, precision=False)
        if balanced is not None and len(balanced.text or "") > LONGER * len(result.text or ""):
            result = balanced
    if result is None:
        return ExtractedPage("", None, None, None, url)
    text = _blank_line_blocks(result.text or "")
    if len(text.split()) < MIN_WORDS:
        text = ""
    site = result.sitename or result.hostname or None
    canonical = result.url or url
    title = strip_site_name((result.title or "").strip(), site, canonical or result.hostname)
    return ExtractedPage(text, title or None, result.date or None, site, canonical)


# Elements after which a fragment's text starts a new block (a paragraph in the document text).
_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr pre section article figure".split())


def fragment_text(html: str) -> str:
    """Return the text of an HTML fragment (a feed entry's content), blocks separated by blank lines."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    etree.strip_elements(root, "script", "style", with_tail=False)
    parts: list[str] = []

    def walk(element: Any) -> None:
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if block:
            parts.append("\n\n")
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n\n")

    walk(root)
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts))
    return re.sub(r"\s*\n\s*(?:\n\s*)*", "\n\n", text).strip()
