"""newsevents: turn news articles into a sourced, queryable record of political events.

>>> import newsevents                                                     # doctest: +SKIP
>>> doc = newsevents.extract("Putin invited Xi to Moscow.", published="2023-03-17")  # doctest: +SKIP
>>> [e.cameo for e in doc.events]                                          # doctest: +SKIP
['036']
"""

from __future__ import annotations

import functools

from newsevents.config import Options, load_options
from newsevents.errors import NewseventsError
from newsevents.model import Actor, Article, Document, Event, EventMention, Place, Timex
from newsevents.pipeline import Pipeline, Quarantined

__version__ = "0.1.0"


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline(load_options())


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Extract events, actors, times and places from one article text (no store involved)."""
    from newsevents.when.dates import parse_published

    pub = parse_published(published, source="published") if published else None
    article = Article.from_text(text, published=pub, input_id=id, title=title)
    return (pipeline or _default_pipeline()).process(article)


def __getattr__(name: str):  # Store is imported lazily: it pulls in DuckDB and PyArrow.
    if name == "Store":
        from newsevents.store import Store

        return Store
    raise AttributeError(name)


__all__ = [
    "Actor",
    "Article",
    "Document",
    "Event",
    "EventMention",
    "NewseventsError",
    "Options",
    "Pipeline",
    "Place",
    "Quarantined",
    "Store",
    "Timex",
    "__version__",
    "extract",
    "load_options",
]
