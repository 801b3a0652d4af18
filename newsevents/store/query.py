"""Filters over the events and mentions views, turned into parameterised DuckDB SQL.

>>> sql, params = select_sql("events", EventFilter(actor="CHN", root="04"), limit=10)
>>> params[:3]
['CHN%', '%chn%', '%chn%']
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import duckdb

from newsevents.errors import StoreError

# Column expressions allowed in ORDER BY; user input only ever selects a key of this table.
ORDERS = {
    "date": "date_start desc nulls last, {id} ",
    "date_asc": "date_start asc nulls last, {id}",
    "mentions": "{count} desc, date_start desc nulls last, {id}",
    "goldstein": "goldstein asc, date_start desc nulls last, {id}",
    "confidence": "confidence desc, date_start desc nulls last, {id}",
}


@dataclass
class EventFilter:
    """What to look for; every field is optional and the fields combine with AND.

    ``actor`` matches either side: an actor code prefix ("CHN", "RUSGOV") or a substring of the
    actor's text or entity ("Xi Jinping"). ``source``/``target`` do the same on one side.
    ``cameo`` is a code prefix ("04", "042"), ``root`` a two-digit root, ``since``/``until`` ISO dates
    compared with the event's date range (overlap), ``place`` a place name or country code, ``q``
    free text searched in the source sentences.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    root: str | None = None
    cameo: str | None = None
    plover: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    article_id: str | None = None
    q: str | None = None
    no_statements: bool = False  # leave out CAMEO root 01 (statements), keep the claims they carry

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "", False) for f in fields(self))


def _check_date(name: str, value: str) -> str:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise StoreError(f"filter {name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return value[:10]


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _side(prefix: str, value: str, params: list[Any]) -> str:
    """Match one actor side by code prefix or by text/entity substring."""
    params += [value.upper().replace("%", "") + "%", _like(value), _like(value)]
    return (f"({prefix}_code like ? or lower({prefix}_text) like ? escape '\\' "
            f"or lower({prefix}_entity) like ? escape '\\')")


def where_sql(table: str, f: EventFilter) -> tuple[str, list[Any]]:
    """Return a WHERE clause (possibly empty) and its parameters for one of events/mentions."""
    conds: list[str] = []
    params: list[Any] = []
    if f.actor:
        conds.append(f"({_side('source', f.actor, params)} or {_side('target', f.actor, params)})")
    if f.source:
        conds.append(_side("source", f.source, params))
    if f.target:
        conds.append(_side("target", f.target, params))
    if f.root:
        conds.append("root = ?")
        params.append(f.root.zfill(2))
    if f.no_statements:
        conds.append("root <> '01'")
    if f.cameo:
        conds.append("cameo like ?")
        params.append(f.cameo.replace("%", "") + "%")
    if f.plover:
        conds.append("upper(plover) = ?")
        params.append(f.plover.upper())
    if f.status:
        if table == "events":  # an event status, or any status among its mentions
            conds.append("(status = ? or list_contains(statuses, ?))")
            params += [f.status.lower(), f.status.lower()]
        else:
            conds.append("status = ?")
            params.append(f.status.lower())
    if f.since:
        # '~' sorts after digits and '-', so a partial date ("2023-03") counts as reaching its end.
        conds.append("coalesce(date_end, date_start) || '~' >= ?")
        params.append(_check_date("since", f.since))
    if f.until:
        conds.append("date_start <= ?")
        params.append(_check_date("until", f.until))
    if f.place:
        conds.append("(lower(location_name) like ? escape '\\' or upper(location_country) = ?)")
        params += [_like(f.place), f.place.upper()]
    if f.article_id:
        if table == "events":
            conds.append("list_contains(article_ids, ?)")
        else:
            conds.append("article_id = ?")
        params.append(f.article_id)
    if f.q:
        text_match = ("(lower(sentence_text) like ? escape '\\' or lower(label) like ? escape '\\')")
        if table == "events":
            # An event matches when any of its mentions' sentences does.
            conds.append(
                "(" + text_match + " or event_id in (select x.event_id from "
                "(select event_id, unnest(mention_ids) as mid from events) x "
                "join mentions m on m.mention_id = x.mid where lower(m.sentence_text) like ? escape '\\'))"
            )
            params += [_like(f.q)] * 3
        else:
            conds.append(text_match)
            params += [_like(f.q)] * 2
    return (" where " + " and ".join(conds)) if conds else "", params


def select_sql(table: str, f: EventFilter, limit: int = 100, offset: int = 0,
               order: str = "date") -> tuple[str, list[Any]]:
    """Return the full SELECT for events or mentions with filter, order, limit and offset."""
    if table not in ("events", "mentions"):
        raise StoreError(f"cannot query table {table!r}; use events or mentions")
    if order not in ORDERS:
        raise StoreError(f"unknown order {order!r}; choose one of {', '.join(ORDERS)}")
    if limit < 0 or offset < 0:
        raise StoreError("limit and offset must not be negative")
    where, params = where_sql(table, f)
    ident, count = ("event_id", "num_mentions") if table == "events" else ("mention_id", "confidence")
    order_by = ORDERS[order].format(id=ident, count=count)
    columns = "*" if table == "events" else "* exclude (mention_json)"
    sql = f"select {columns} from {table}{where} order by {order_by} limit ? offset ?"
    return sql, [*params, limit, offset]


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts (timestamps as ISO strings)."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        item = dict(zip(names, row, strict=True))
        for key, value in item.items():
            if hasattr(value, "isoformat") and not isinstance(value, str):
                item[key] = value.isoformat()
        out.append(item)
    return out
