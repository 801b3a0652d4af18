"""The JSON API under /api/: events, articles, actors, dyads, network, map, brief and stateless extraction."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from newsevents.store.query import EventFilter, fetch_dicts
from newsevents.web import queries
from newsevents.web.errors import ApiError
from newsevents.web.highlight import document_marks
from newsevents.web.params import Bucket, Page, event_filter, filter_params, paging
from newsevents.web.queries import ReadOnlyStore

router = APIRouter(prefix="/api", tags=["api"])

Filters = Annotated[EventFilter, Depends(event_filter)]
Paging = Annotated[Page, Depends(paging)]
Code = Annotated[str, Path(pattern=r"^[A-Za-z]{2,15}$", description="actor code or code prefix, e.g. CHN")]
ARTICLE_COLUMNS = "article_id, input_id, title, url, published, site, format, language, n_events, ingested_at"


def store_of(request: Request) -> ReadOnlyStore:
    return request.app.state.store  # type: ignore[no-any-return]


Store = Annotated[ReadOnlyStore, Depends(store_of)]


class ExtractRequest(BaseModel):
    """One article to extract events from, without storing it."""

    text: str = Field(min_length=1, description="the article text (plain text)")
    published: str | None = Field(None, max_length=40, description="publication date, ISO (YYYY-MM-DD)")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(None, max_length=500, description="passes through to the output")


@router.get("/events", summary="Search fused events")
def list_events(store: Store, f: Filters, page: Paging) -> dict[str, Any]:
    """Return fused events matching the filters, one page at a time, with the total count."""
    rows = store.events(f, limit=page.limit, offset=page.offset, order=page.order)
    return {"events": rows, "total": queries.count_events(store, f), "limit": page.limit,
            "offset": page.offset, "order": page.order, "filters": filter_params(f)}


@router.get("/events/{event_id}", summary="One event with its mentions and source sentences")
def get_event(store: Store, event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """Return one fused event, each mention with its article and the highlights of its sentence."""
    event = event_with_highlights(store, event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    return event


def event_with_highlights(store: ReadOnlyStore, event_id: str) -> dict[str, Any] | None:
    """Return an event's detail; each mention gets ``highlights`` relative to its sentence."""
    event = queries.event_detail(store, event_id)
    if event is None:
        return None
    docs: dict[str, dict[str, Any] | None] = {}
    for m in event["mentions"]:
        aid = m["article_id"]
        if aid not in docs:
            docs[aid] = store.document(aid)
        doc = docs[aid] or {}
        own = [e for e in doc.get("events") or [] if e.get("id") == m.get("local_id")]
        marks = document_marks(doc, m["sentence_start"], m["sentence_end"], events=own)
        m["highlights"] = [{"start": k.start, "end": k.end, "kind": k.kind, "title": k.title} for k in marks]
    return event


@router.get("/counts", summary="Counts of matching events by CAMEO root and quad class")
def get_counts(store: Store, f: Filters) -> dict[str, Any]:
    return queries.counts(store, f)


@router.get("/timeline", summary="Events per week or month by quad class, with Goldstein sums")
def get_timeline(store: Store, f: Filters, bucket: Bucket = "month") -> dict[str, Any]:
    return queries.timeline(store, f, bucket)


@router.get("/articles", summary="Stored articles")
def list_articles(
    store: Store,
    q: Annotated[str | None, Query(max_length=200, description="words in the title")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Return stored articles, newest first (without their text)."""
    where, params = "", []
    if q:
        where = " where lower(title) like ? escape '\\'"
        params.append("%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    with store.connect() as con:
        rows = fetch_dicts(con, f"select {ARTICLE_COLUMNS} from articles{where} "
                                "order by published desc nulls last, article_id limit ? offset ?",
                           [*params, limit, offset])
        total = con.execute(f"select count(*) from articles{where}", params).fetchone()
    return {"articles": rows, "total": int(total[0]) if total else 0, "limit": limit, "offset": offset}


@router.get("/articles/{article_id}", summary="One article with its text and document output")
def get_article(store: Store, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    article = store.article(article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}")
    article.pop("versions", None)
    return {"article": article, "document": store.document(article["article_id"])}


@router.get("/actors", summary="Search actors by code or name")
def list_actors(store: Store, q: Annotated[str, Query(max_length=100)] = "",
                limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
    return {"actors": queries.search_actors(store, q, limit)}


@router.get("/actors/{code}", summary="One actor's profile")
def get_actor(store: Store, code: Code) -> dict[str, Any]:
    profile = queries.actor_profile(store, code)
    if profile is None:
        raise ApiError(404, f"no events with actor {code!r}")
    return profile


@router.get("/dyads/{a}/{b}", summary="Events between two actors over time, by quad class")
def get_dyad(store: Store, a: Code, b: Code, f: Filters, bucket: Bucket = "month") -> dict[str, Any]:
    cond, params = queries.dyad_condition(a, b)
    return {"a": a.upper(), "b": b.upper(), "counts": queries.counts(store, f, cond, params),
            "timeline": queries.timeline(store, f, bucket, cond, params)}


@router.get("/network", summary="Actor network: nodes and edges weighted by events")
def get_network(store: Store, f: Filters,
                max_edges: Annotated[int, Query(ge=1, le=500)] = 150) -> dict[str, Any]:
    return {"filters": filter_params(f), **queries.network(store, f, max_edges)}


@router.get("/map", summary="Located events grouped by place")
def get_map(store: Store, f: Filters, limit: Annotated[int, Query(ge=1, le=2000)] = 500) -> dict[str, Any]:
    return {"filters": filter_params(f), "points": queries.map_points(store, f, limit)}


@router.get("/brief", summary="What the store knows about a query")
def get_brief(store: Store, q: Annotated[str, Query(min_length=1, max_length=200)],
              f: Filters) -> dict[str, Any]:
    from newsevents.fuse.brief import brief

    return brief(store, q, since=f.since, until=f.until).to_dict()


@router.get("/stats", summary="Row counts and date range of the store")
def get_stats(store: Store) -> dict[str, Any]:
    stats = store.stats()
    stats.pop("path", None)  # the server's file layout is not the client's business
    return stats


@router.post("/extract", summary="Extract events from one text (nothing is stored)")
def post_extract(request: Request, body: ExtractRequest) -> dict[str, Any]:
    """Run the pipeline on the text and return the document output contract."""
    return extract_document(request, body.text, body.published, body.title, body.id)


def extract_document(request: Request, text: str, published: str | None, title: str | None,
                     id: str | None = None) -> dict[str, Any]:
    """Run the pipeline on one text; 413 over the size limit, 422 when it cannot be processed."""
    import newsevents
    from newsevents.errors import NewseventsError

    limit = request.app.state.options.max_chars
    if len(text) > limit:
        raise ApiError(413, f"text longer than {limit} characters")
    try:
        doc = newsevents.extract(text, published=published or None, title=title or None, id=id,
                                 pipeline=request.app.state.pipeline())
    except NewseventsError as exc:
        raise ApiError(422, str(exc)) from None
    result = doc.to_dict()
    json.dumps(result)  # fail here, not half-way through the response, if something is not JSON
    return result
