"""Data shapes shared by every stage, the store, the API and the docs.

The names here are the names everywhere: Parquet columns, JSON fields and the HTTP API use them
unchanged. ``to_dict()`` gives exactly the document output contract of DESIGN.md.

>>> a = Article.from_text("Putin invited Xi.", published="2023-03-17")
>>> a.id == Article.from_text("Putin  invited Xi. ", published="2023-03-17").id
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

STATUSES = ("asserted", "planned", "intended", "negated", "hypothetical", "alleged")


def normalise_for_id(text: str) -> str:
    """Return the text as hashed for content-addressed ids: NFC, whitespace folded, trimmed."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def content_id(text: str) -> str:
    """Return the content-addressed id of an article text (16 hex digits of SHA-256)."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One input document as read from a source, before any processing.

    ``id`` is the hash of the normalised text, so the same story read twice has one id;
    ``input_id`` is the id the user gave (or the file path) and passes through to the output.
    """

    id: str
    text: str
    input_id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    site: str | None = None
    origin: str | None = None  # where it came from: "path", "path:line", "stdin:3"
    format: str = "text"  # text | html | jsonl | ...
    language: str | None = None
    # The original bytes' text when it differed from ``text`` (HTML: the page; ``text`` is its main
    # text, extracted when the page is read so ids and limits apply to the text we code).
    raw: str | None = None
    # Content id of the earlier article of this run that this one nearly duplicates (a syndicated
    # copy of the same wire story): the group's "same source" key; None for an original.
    dup_of: str | None = None
    # Stretches found to be boilerplate when read, across articles (lines a site repeats in every
    # article); the clean stage adds them to ``Document.removed``.
    boilerplate: list[Removed] = field(default_factory=list)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        published: str | None = None,
        input_id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        origin: str | None = None,
    ) -> Article:
        """Build an article from plain text; the id is derived from the text."""
        aid = content_id(text)
        return cls(
            id=aid,
            text=text,
            input_id=input_id if input_id is not None else aid,
            title=title,
            url=url,
            published=published,
            origin=origin,
        )


@dataclass
class Actor:
    """An actor mention: ``code`` is the CAMEO-style actor code (country + role), e.g. CHNGOV."""

    text: str
    start: int
    end: int
    code: str
    country: str | None
    role: str | None
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Timex:
    """A time expression normalised to a TIMEX3 value against the publication date."""

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str
    # Not part of the output contract; used by the event dating step.
    granularity: str | None = None
    range_end: str | None = None  # for ranges ("between March 20 and 22"): the last day

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "type": self.type, "value": self.value}


@dataclass
class Place:
    """A toponym resolved with the gazetteer; ``kind`` says whether it is a literal place or an actor."""

    text: str
    start: int
    end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str = "literal"  # literal | actor

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventDate:
    """When an event happened or is planned: a day, month or year, or a range of them."""

    start: str
    end: str
    granularity: str  # day | week | month | quarter | year | decade
    text: str | None
    basis: str  # text | published

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Attribution:
    """Who says an event happened: the speaker, the reporting cue and the chain of relaying sources."""

    speaker: Actor | None
    cue: str | None
    via: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue,
            "via": list(self.via),
        }


@dataclass
class Span:
    """A stretch of the document text."""

    start: int
    end: int
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.text is None:
            return {"start": self.start, "end": self.end}
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class EventMention:
    """One event as reported in one sentence of one article."""

    id: str
    cameo: str
    root: str
    label: str
    plover: str | None
    plover_mode: str | None
    quad: int
    goldstein: float
    source: Actor | None
    target: Actor | None
    trigger: Span
    sentence: Span
    status: str = "asserted"
    status_cue: str | None = None
    date: EventDate | None = None
    location: Place | None = None
    attribution: Attribution | None = None
    claims: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    confidence: float = 0.5
    coder: str = "newsevents.cameo.v1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cameo": self.cameo,
            "root": self.root,
            "label": self.label,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad": self.quad,
            "goldstein": self.goldstein,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "status": self.status,
            "status_cue": self.status_cue,
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "claims": list(self.claims),
            "claimed_by": self.claimed_by,
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "confidence": round(self.confidence, 3),
            "coder": self.coder,
        }


@dataclass
class Event:
    """One real-world event fused from its mentions across articles: a row of the store's events table.

    Actors, dates and places are flattened as in the store (``source_code``, ``date_start``), since an
    event gathers reports rather than being one; ``to_dict()`` gives the events columns by name.
    """

    event_id: str
    cameo: str
    root: str | None
    label: str | None
    plover: str | None
    plover_mode: str | None
    quad: int | None
    goldstein: float | None
    source_code: str | None = None
    source_country: str | None = None
    source_role: str | None = None
    source_text: str | None = None
    source_entity: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_role: str | None = None
    target_text: str | None = None
    target_entity: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_granularity: str | None = None
    date_basis: str | None = None  # text | published
    location_name: str | None = None
    location_country: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    status: str = "unknown"  # happened | planned | alleged | denied | hypothetical | unknown
    statuses: list[str] = field(default_factory=list)  # every mention status seen
    num_mentions: int = 0
    num_articles: int = 0
    num_sources: int = 0  # independent sources behind the mentions
    sources: list[str] = field(default_factory=list)  # attribution chains: "the Kremlin (RUSGOV) via Reuters"
    sites: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    mention_ids: list[str] = field(default_factory=list)  # first reported first
    article_ids: list[str] = field(default_factory=list)
    sentence_text: str | None = None
    confidence: float = 0.0
    fuser: str | None = None
    fused_at: Any = None  # datetime (UTC) of the snapshot that holds it

    def to_dict(self) -> dict[str, Any]:
        # Shallow, with fresh lists: asdict's deep copy costs more than fusing the event did.
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), list) else v)
                for f in fields(self)}


@dataclass
class Removed:
    """A stretch of the text that the stages ignore, with the reason (e.g. boilerplate)."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """The working object every stage reads and fills: one article on its way through the pipeline.

    ``to_dict()`` returns the document output contract (DESIGN.md). ``parse`` (the spaCy Doc)
    and ``article`` are working state and are not serialised.
    """

    article: Article
    text: str
    removed: list[Removed] = field(default_factory=list)
    parse: Any = None  # spacy.tokens.Doc over ``masked_text()``
    actors: list[Actor] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    # Stage-to-stage notes that are not part of the contract (e.g. actor coreference chains).
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.article.input_id

    @property
    def published(self) -> str | None:
        return self.article.published

    def masked_text(self) -> str:
        """Return the text with removed spans blanked out (same length, so offsets hold)."""
        if not self.removed:
            return self.text
        chars = list(self.text)
        for span in self.removed:
            for i in range(span.start, min(span.end, len(chars))):
                if chars[i] not in "\n\r":
                    chars[i] = " "
        return "".join(chars)

    def is_removed(self, start: int, end: int) -> bool:
        """Say whether the stretch [start, end) overlaps a removed span."""
        return any(r.start < end and start < r.end for r in self.removed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article.input_id,
            "title": self.article.title,
            "published": self.article.published,
            "events": [e.to_dict() for e in self.events],
            "actors": [a.to_dict() for a in self.actors],
            "timexes": [t.to_dict() for t in self.timexes],
            "places": [p.to_dict() for p in self.places],
            "removed": [r.to_dict() for r in self.removed],
        }
