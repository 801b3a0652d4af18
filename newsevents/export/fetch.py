"""Read what the GDELT and PLOVER writers need: filtered events or mentions with their articles."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from newsevents.store.query import EventFilter, fetch_dicts, where_sql

# Per mention: its own columns, whether it is in the first event sentence of its article, its article.
_DETAILS = """
with mm as (select m.* from mentions m where m.mention_id in (select mention_id from wanted)),
firsts as (select article_id, min(sentence_start) as first_sentence from mentions
           where article_id in (select distinct article_id from mm) group by article_id)
select mm.* exclude (batch), mm.sentence_start = f.first_sentence as is_lead,
       a.url, a.title, a.language, a.input_id, a.ingested_at, length(a.text) as doc_len
from mm join firsts f using (article_id) join articles a using (article_id)
order by mm.published nulls last, mm.mention_id
"""


def _details(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = fetch_dicts(con, _DETAILS, [])
    for row in rows:  # actor offsets live only in the contract JSON
        contract = json.loads(row.pop("mention_json") or "{}")
        for side in ("source", "target"):
            actor = contract.get(side) or {}
            row[f"{side}_start"] = actor.get("start")
    return rows


def events_with_mentions(con: duckdb.DuckDBPyConnection, filters: EventFilter
                         ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Return the events matching the filters (by date) and every mention of theirs by id."""
    where, params = where_sql("events", filters)
    con.execute(f"create temp table chosen as select * from events{where}", params)
    events = fetch_dicts(con, "select * from chosen order by date_start nulls last, event_id", [])
    con.execute("create temp table wanted as select distinct unnest(mention_ids) as mention_id from chosen")
    return events, {m["mention_id"]: m for m in _details(con)}


def mentions(con: duckdb.DuckDBPyConnection, filters: EventFilter) -> list[dict[str, Any]]:
    """Return the mentions matching the filters, with their articles, first published first."""
    where, params = where_sql("mentions", filters)
    con.execute(f"create temp table wanted as select mention_id from mentions{where}", params)
    return _details(con)
