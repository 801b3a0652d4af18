"""Server-rendered pages: search, event, actor, dyad, network, map, brief, extract, API docs."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from newsevents.store.query import EventFilter, fetch_dicts
from newsevents.web import queries
from newsevents.web.api import Code, Filters, Paging, Store, event_with_highlights, extract_document
from newsevents.web.errors import ApiError
from newsevents.web.highlight import Mark, document_marks, segments
from newsevents.web.params import STATUSES, filter_params
from newsevents.web.render import render

router = APIRouter(include_in_schema=False)
ROOTS = tuple((f"{n:02d}", queries.root_label(f"{n:02d}") or "") for n in range(1, 21))


def _form(request: Request, f: EventFilter, **extra: Any) -> dict[str, Any]:
    return {"filters": filter_params(f), "roots": ROOTS, "statuses": STATUSES, **extra}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: Store, f: Filters, page: Paging) -> HTMLResponse:
    rows = store.events(f, limit=page.limit, offset=page.offset, order=page.order)
    counts = queries.counts(store, f)
    params = {**filter_params(f), "order": page.order if page.order != "date" else None,
              "limit": page.limit if page.limit != 50 else None}
    return render(request, "search.html", _form(
        request, f, events=rows, counts=counts, page=page, params=params, order=page.order,
        stats=store.stats(), total=counts["total"]))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: Store,
               event_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    event = event_with_highlights(store, event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    for m in event["mentions"]:
        marks = [Mark(h["start"], h["end"], h["kind"], h["title"]) for h in m["highlights"]]
        m["segments"] = segments(m.get("sentence_text") or "", marks)
    return render(request, "event.html", {"event": event})


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: Store,
                q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    return render(request, "actors.html", {"q": q, "actors": queries.search_actors(store, q, 100)})


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, store: Store, code: Code) -> HTMLResponse:
    profile = queries.actor_profile(store, code)
    if profile is None:
        raise ApiError(404, f"no events with actor {code!r}")
    recent = store.events(EventFilter(actor=code), limit=20)
    timeline = "/api/timeline?" + urlencode({"actor": code})
    return render(request, "actor.html", {"actor": profile, "events": recent, "timeline_src": timeline})


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, store: Store, a: Code, b: Code) -> HTMLResponse:
    cond, params = queries.dyad_condition(a, b)
    counts = queries.counts(store, EventFilter(), cond, params)
    with store.connect() as con:
        events = fetch_dicts(con, f"select * from events where {cond} "
                                  "order by date_start desc nulls last, event_id limit 100", params)
    return render(request, "dyad.html", {"a": a.upper(), "b": b.upper(), "counts": counts, "events": events,
                                         "timeline_src": f"/api/dyads/{a.upper()}/{b.upper()}"})


def _api_src(path: str, f: EventFilter) -> str:
    params = filter_params(f)
    return path + ("?" + urlencode(params) if params else "")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, f: Filters) -> HTMLResponse:
    return render(request, "network.html", _form(request, f, src=_api_src("/api/network", f)))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Filters) -> HTMLResponse:
    return render(request, "map.html", _form(request, f, src=_api_src("/api/map", f)))


@router.get("/brief", response_class=HTMLResponse)
def brief_page(request: Request, store: Store, f: Filters,
               q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    from newsevents.fuse.brief import SECTIONS, brief

    result = brief(store, q, since=f.since, until=f.until) if q.strip() else None
    return render(request, "brief.html", {"q": q, "since": f.since, "until": f.until, "brief": result,
                                          "sections": SECTIONS})


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request) -> HTMLResponse:
    return render(request, "extract.html", {"form": {}, "doc": None})


@router.post("/extract", response_class=HTMLResponse)
async def extract_page(request: Request) -> HTMLResponse:
    body = await request.body()  # the Guard middleware has already bounded its size
    fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8", errors="replace")).items()}
    form = {k: fields.get(k, "")[:1000] for k in ("title", "published")}
    text = fields.get("text", "")
    form["text"] = text
    if not text.strip():
        raise ApiError(422, "text: paste an article first",
                       [{"parameter": "text", "message": "empty"}])
    from starlette.concurrency import run_in_threadpool

    doc = await run_in_threadpool(extract_document, request, text, form["published"], form["title"])
    marks = document_marks(doc, 0, len(text))
    return render(request, "extract.html", {"form": form, "doc": doc, "segments": segments(text, marks)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: Store,
                 article_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    article = store.article(article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}")
    doc = store.document(article["article_id"]) or {}
    text = article.get("text") or ""
    return render(request, "article.html", {"article": article, "doc": doc,
                                            "segments": segments(text, document_marks(doc, 0, len(text)))})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Render the OpenAPI schema as a page (the stock Swagger UI needs a CDN)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type_of(p.get("schema", {})), "description": p.get("description")
                       or p.get("schema", {}).get("description", "")} for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": "requestBody" in op})
    return render(request, "docs.html", {"ops": ops, "info": schema.get("info", {})})


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    text = str(schema.get("type", "any"))
    if "pattern" in schema:
        text += f" /{schema['pattern']}/"
    if "maximum" in schema:
        text += f" <= {schema['maximum']}"
    return text

