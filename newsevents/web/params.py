"""Query parameters shared by the API and the pages: event filters and paging, validated at the edge.

Empty strings count as absent (HTML forms send every field), and every value is bounded, so a bad
parameter is a 422 naming it rather than an error deep in a query.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query

from newsevents.store.query import EventFilter
from newsevents.web.errors import ApiError

MAX_LIMIT = 500
STATUSES = ("asserted", "planned", "intended", "negated", "hypothetical", "alleged", "happened", "denied")
STATUS_PATTERN = r"^(" + "|".join(STATUSES) + ")?$"
Order = Literal["date", "date_asc", "mentions", "goldstein", "confidence"]
Bucket = Literal["week", "month"]

Plover = Annotated[str | None, Query(pattern=r"^([A-Za-z_]{2,30})?$", description="PLOVER type")]
Status = Annotated[str | None, Query(pattern=STATUS_PATTERN, description="event or mention status")]
Since = Annotated[str | None, Query(max_length=10, description="ISO date: events ending on or after")]
Until = Annotated[str | None, Query(max_length=10, description="ISO date: events starting on or before")]
ActorParam = Annotated[str | None,
                       Query(max_length=100, description="actor code prefix (CHN, RUSGOV) or name")]


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)",
                       [{"parameter": name, "message": "not a date (YYYY-MM-DD)"}]) from None


def _blank(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def event_filter(
    actor: ActorParam = None,
    source: ActorParam = None,
    target: ActorParam = None,
    root: Annotated[str | None, Query(pattern=r"^(\d{2})?$", description="two-digit CAMEO root")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^(\d{2,4})?$", description="CAMEO code prefix")] = None,
    plover: Plover = None,
    status: Status = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[str | None, Query(max_length=100, description="place name or country code")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the source sentences")] = None,
    no_statements: Annotated[bool, Query(description="leave out statements (CAMEO 01x)")] = False,
) -> EventFilter:
    """Return the event filter from query parameters (the same filters as `newsevents events`)."""
    return EventFilter(actor=_blank(actor), source=_blank(source), target=_blank(target), root=_blank(root),
                       cameo=_blank(cameo), plover=_blank(plover), status=_blank(status),
                       since=_date("since", _blank(since)), until=_date("until", _blank(until)),
                       place=_blank(place), q=_blank(q), no_statements=no_statements)


@dataclass
class Page:
    limit: int
    offset: int
    order: str


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    order: Order = "date",
) -> Page:
    """Return the paging parameters."""
    return Page(limit, offset, order)


def filter_params(f: EventFilter) -> dict[str, Any]:
    """Return the non-empty filter fields, e.g. to echo them or to build links."""
    return {k: v for k, v in asdict(f).items() if v not in (None, "", False)}
