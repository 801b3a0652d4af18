"""Find lines a site repeats across its articles in one run (newsletter plugs, sign-offs, legal notes).

A line that stands in at least ``min_articles`` different articles of the same site is furniture
of that site, wherever it stands. Counting is in reading order, so the first articles of a site are
judged with what was seen so far; the same input order gives the same result in every run.

>>> seen = SiteRepeats(min_articles=2)
>>> seen.observe("example.org", "Xi arrived in Moscow.\\nGet our daily briefing by email")
[]
>>> text = "Putin welcomed him.\\nGet our daily briefing by email"
>>> [text[r.start:r.end] for r in seen.observe("example.org", text)]
['Get our daily briefing by email']
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from urllib.parse import urlsplit

from newsevents.model import Article, Removed

MIN_ARTICLES = 3
MAX_LINE_CHARS = 400  # longer paragraphs are reporting, even when a site reuses them
MAX_KEYS_PER_SITE = 50_000  # memory stays flat: lines seen once are forgotten when a site's table fills

_LINE = re.compile(r"[^\r\n]+")
_SPACE = re.compile(r"\s+")


def site_of(article: Article) -> str | None:
    """Return the site an article belongs to: its site name, else its URL's host, else None."""
    if article.site:
        return article.site.lower()
    if article.url:
        host = urlsplit(article.url).hostname
        return host.removeprefix("www.") if host else None
    return None


class SiteRepeats:
    """Counts, per site, in how many articles each line was seen."""

    def __init__(self, min_articles: int = MIN_ARTICLES) -> None:
        self.min_articles = min_articles
        self._counts: dict[str, Counter[int]] = {}

    def observe(self, site: str | None, text: str) -> list[Removed]:
        """Count the lines of one article; return those already repeated across the site's articles."""
        if site is None:
            return []
        counts = self._counts.setdefault(site, Counter())
        lines: list[tuple[int, int, int]] = []
        for m in _LINE.finditer(text):
            line = m.group().strip()
            if 3 <= len(line) <= MAX_LINE_CHARS and any(ch.isalpha() for ch in line):
                key = zlib.crc32(_SPACE.sub(" ", line.lower()).encode("utf-8"))
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                lines.append((key, start, start + len(line)))
        for key in {k for k, _, _ in lines}:
            counts[key] += 1
        if len(counts) > MAX_KEYS_PER_SITE:
            for key in [k for k, n in counts.items() if n == 1]:
                del counts[key]
        repeated = [Removed(s, e, "boilerplate") for k, s, e in lines if counts[k] >= self.min_articles]
        # A text made only of repeated lines is a repeated story, not furniture around one.
        return repeated if len(repeated) < len(lines) else []
