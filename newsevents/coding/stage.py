"""Register the event coding stages: events, status and attribution."""

from __future__ import annotations

import logging

from newsevents.coding.attribution import attribute
from newsevents.coding.codebook import codebook
from newsevents.coding.coder import CODER, code_document
from newsevents.coding.lexicon import data_version, lexicon
from newsevents.coding.status import assign_status
from newsevents.config import Options
from newsevents.model import Document
from newsevents.registry import StageFn, stage

log = logging.getLogger(__name__)


class EventCoder:
    """Code CAMEO events from triggers and their dependency arguments."""

    def __init__(self, options: Options) -> None:
        # Load and validate the data files now, so a bad lexicon fails when the pipeline is built.
        self.codebook = codebook()
        self.lexicon = lexicon()
        log.debug(
            "event coder %s: %d codes, %d trigger patterns", CODER, len(self.codebook), self.lexicon.size
        )

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            return doc
        doc.events = code_document(doc, self.codebook, self.lexicon)
        doc.notes["coding.data"] = data_version()  # which trigger lexicon and codebook coded these events
        return doc


def _status(doc: Document) -> Document:
    if doc.parse is not None:
        assign_status(doc)
    return doc


def _attribution(doc: Document) -> Document:
    if doc.parse is not None:
        attribute(doc)
    return doc


@stage("events", version=CODER, requires=("parse", "actors"), assigns=("events",))
def make_events(options: Options) -> StageFn:
    """Code CAMEO/PLOVER events (who did what to whom) from verb and noun triggers."""
    return EventCoder(options)


@stage("status", version="newsevents.status.v1", requires=("events",), assigns=("events.status",))
def make_status(options: Options) -> StageFn:
    """Mark each event asserted, planned, intended, negated, hypothetical or alleged, with its cue."""
    return _status


@stage(
    "attribution",
    version="newsevents.attribution.v1",
    requires=("events", "actors"),
    assigns=("events.attribution",),
)
def make_attribution(options: Options) -> StageFn:
    """Say who reports each event (speaker, cue, relays) and add statement events for governments."""
    return _attribution
