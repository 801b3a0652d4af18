"""The time stage: find and normalise time expressions, then date every event."""

from __future__ import annotations

from newsevents.coding.status import plan_future
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
        # An event told as fact but dated after publication has not happened yet: it is planned.
        plan_future(doc)
        return doc


@stage("time", version=VERSION, requires=("parse", "events", "events.status"),
       assigns=("timexes", "events.date", "events.status"))
def make_time_stage(options: Options) -> TimeStage:
    """Normalise time expressions against the publication day, date each event, mark future ones planned."""
    return TimeStage()
