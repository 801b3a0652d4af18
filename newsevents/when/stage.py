"""The time stage: find and normalise time expressions, then date every event."""

from __future__ import annotations

from newsevents.config import Options
from newsevents.model import Document
from newsevents.registry import stage
from newsevents.when.dating import date_events
from newsevents.when.timex import find_timexes

VERSION = "newsevents.time.v1"


class TimeStage:
    """Fill ``Document.timexes`` (sorted by start) and each event's ``date``."""

    def __call__(self, doc: Document) -> Document:
        doc.timexes = find_timexes(doc)
        date_events(doc.parse, doc.events, doc.timexes, doc.published)
        return doc


@stage("time", version=VERSION, requires=("parse", "events"), assigns=("timexes", "events.date"))
def make_time_stage(options: Options) -> TimeStage:
    """Normalise time expressions against the publication day and date each event by them."""
    return TimeStage()
