"""Run the real clean, parse and actors stages on a text, as the actor tests need (spaCy loads once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsevents.config import Options, load_options
from newsevents.model import Actor, Article, Document, Removed
from newsevents.registry import REGISTRY, get_stage

Spans = list[tuple[int, int]] | None
Runner = Callable[..., Document]


def make_runner(options: Options | None = None) -> Runner:
    """Return ``run(text, published, removed) -> Document``; ``removed`` stands in for the clean stage's."""
    options = options or load_options(config_file=None)
    clean = get_stage("clean").factory(options) if "clean" in REGISTRY.names() else None
    parse, actors = (get_stage(name).factory(options) for name in ("parse", "actors"))

    def run(text: str, published: str | None = None, removed: Spans = None) -> Document:
        doc = Document(article=Article.from_text(text, published=published), text=text)
        if removed is not None:
            doc.removed = [Removed(start, end, "boilerplate") for start, end in removed]
        elif clean is not None:
            doc = clean(doc)
        return actors(parse(doc))

    return run


def coded(doc: Document) -> list[tuple[str, str, str | None]]:
    """Return (text, code, entity) of every actor mention, in text order."""
    return [(a.text, a.code, a.entity) for a in doc.actors]


def at(doc: Document, phrase: str, nth: int = 0) -> list[Actor]:
    """Return the actors whose span starts where the nth occurrence of ``phrase`` starts."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return [a for a in doc.actors if a.start == start]


def token(doc: Document, word: str, nth: int = 0) -> Any:
    return [t for t in doc.parse if t.text == word][nth]
