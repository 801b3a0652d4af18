"""Helpers for the place tests: a text parsed as a Document, and the places found in it."""

from __future__ import annotations

from typing import Any

from newsevents.model import Article, Document, Place, Removed
from newsevents.where.stage import find_places


def parsed(nlp: Any, text: str, removed: list[Removed] | None = None) -> Document:
    """Return a Document over ``text`` parsed by ``nlp`` (no clean stage: only ``removed`` is masked)."""
    doc = Document(Article.from_text(text), text, removed=removed or [])
    doc.parse = nlp(doc.masked_text())
    return doc


def places_in(nlp: Any, text: str) -> list[Place]:
    """Return the places found and resolved in ``text``."""
    return find_places(parsed(nlp, text))
