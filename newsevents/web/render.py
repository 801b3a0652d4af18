"""Render server-side pages with Jinja2 (autoescaping on) and the filters the templates use."""

from __future__ import annotations

import functools
import json
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from newsevents.fuse.brief import country_name, format_date
from newsevents.web.queries import QUADS

NAV = (("/", "Search"), ("/actors", "Actors"), ("/network", "Network"), ("/map", "Map"), ("/brief", "Brief"),
       ("/extract", "Extract"), ("/docs", "API"))


def safe_url(url: Any) -> str | None:
    """Return the URL if it is an absolute http(s) URL, else None (javascript:, data: and the like)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x20 or c in "\"'<>` " for c in text):
        return None
    return text


def actor_label(row: dict[str, Any], side: str) -> str:
    """Return a person-facing name for one side of an event row: entity, text or code."""
    entity, text, code = row.get(f"{side}_entity"), row.get(f"{side}_text"), row.get(f"{side}_code")
    country = country_name(row.get(f"{side}_country"))
    name = entity or text or country or code
    return str(name) if name else "-"


def pretty_json(value: Any) -> str:
    """Return indented JSON as plain text (the template escapes it like any other text)."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def count(items: Any, noun: str) -> str:
    """Return "1 event" or "3 events" for a list (or a number)."""
    n = items if isinstance(items, int) else len(items)
    return f"{n} {noun}{'' if n == 1 else 's'}"


def event_date(row: dict[str, Any]) -> str:
    text = format_date(row.get("date_start"), row.get("date_end"), row.get("date_granularity"))
    return ("~" + text) if row.get("date_basis") == "published" else text


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """Return ?a=b&... from the non-empty parameters, with some changed (for paging links)."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the template environment (autoescape for every template: all of them are HTML)."""
    env = Environment(loader=PackageLoader("newsevents.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_url=safe_url, event_date=event_date, country=country_name,
                       pretty_json=pretty_json)
    env.globals.update(count=count, nav=NAV, actor_label=actor_label, quad_names=QUADS,
                       query_string=query_string)
    return env


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render one page template with the request and the context."""
    page = environment().get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(page, status_code=status)
