"""Write events as PLOVER JSON records (the field table of the PLOVER manual's "Data Fields" chapter).

One record per fused event (or, for ``table="mentions"``, per mention): event type, mode and context
where known, actor and recipient entities with country code and sector, dates, the event location, and
``cite_info`` naming the article of the sentence in ``text``. A ``.json`` output is one JSON array;
any other name gets JSON Lines, one record a line. Events without a PLOVER type (CAMEO codes the
PLOVER mapping leaves out) are skipped, since ``event`` is a required field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsevents.errors import StoreError
from newsevents.export import fetch
from newsevents.store.query import EventFilter

CODEBOOK = "CAMEO 1.1b3 coded, mapped to PLOVER with CAMEO2PLOVER-2021 (newsevents/data/coding)"


def _entity(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    code = row.get(f"{side}_code")
    if not code and not row.get(f"{side}_text"):
        return None
    entity = {
        "code": row.get(f"{side}_country") or (code[:3] if code else None),
        "sector": row.get(f"{side}_role"),
        "entity_text": row.get(f"{side}_text"),
        "identifier_text": row.get(f"{side}_entity"),
    }
    return {k: v for k, v in entity.items() if v}


def _place(row: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any] | None:
    from newsevents.fuse.brief import country_name

    if not row.get("location_name") and not row.get("location_country"):
        return None
    loc = {
        "extracted_place": row.get("location_name"), "resolved_place": row.get("location_name"),
        "geonameid": (detail or {}).get("location_geonameid"),
        "lat": row.get("location_lat"), "lon": row.get("location_lon"),
        "country": country_name(row.get("location_country")), "country_code": row.get("location_country"),
    }
    return {k: v for k, v in loc.items() if v is not None}


def context(cameo: str | None) -> list[str]:
    from newsevents.coding.codebook import codebook

    entry = codebook().get(cameo) if cameo else None
    return [c for c in (entry.plover_context or "").split(",") if c] if entry else []


def record(row: dict[str, Any], cite: dict[str, Any] | None, triggers: list[str], *,
           record_id: str, coder: str | None, coded: str | None, comment: str) -> dict[str, Any]:
    """Return the PLOVER record of an event or mention row; ``cite`` is the mention its text comes from."""
    cite = cite or {}
    out: dict[str, Any] = {
        "id": record_id, "has_event": True,
        "date": row.get("date_start"),
        "enddate": row.get("date_end") if row.get("date_end") != row.get("date_start") else None,
        "actor": [a] if (a := _entity(row, "source")) else [],
        "recipient": [r] if (r := _entity(row, "target")) else [],
        "event": [row["plover"]],
        "mode": [row["plover_mode"]] if row.get("plover_mode") else [],
        "context": context(row.get("cameo")),
        "event_loc": _place(row, cite),
        "event_text": triggers,
        "quad_code": row.get("quad"),
        "text": row.get("sentence_text"),
        "text_info": {"start": cite.get("sentence_start"), "end": cite.get("sentence_end")} if cite else None,
        "cite_info": {k: v for k, v in {
            "corpus": "newsevents store", "citation": cite.get("input_id"), "url": cite.get("url"),
            "title": cite.get("title"), "language": cite.get("language"), "publication": cite.get("site"),
            "coder": cite.get("coder"), "codebook": CODEBOOK}.items() if v} if cite else None,
        "coder": coder, "coded_date": coded, "comment": comment,
    }
    return {k: v for k, v in out.items() if v not in (None, [], {})}


def _event_records(events: list[dict[str, Any]], mentions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in events:
        own = [mentions[m] for m in e.get("mention_ids") or [] if m in mentions]
        # Cite the sentence the event shows (its representative mention's), else the first report.
        cite = next((m for m in own if m.get("sentence_text") == e.get("sentence_text")), own[0] if own else None)
        fused = e.get("fused_at")
        comment = (f"status {e.get('status')} (mention statuses: {', '.join(e.get('statuses') or [])}); "
                   f"{e.get('num_articles')} articles, {e.get('num_sources')} independent sources; "
                   f"CAMEO {e.get('cameo')}, Goldstein {e.get('goldstein')}")
        out.append(record(e, cite, sorted({m["trigger_text"] for m in own if m.get("trigger_text")}),
                          record_id=e["event_id"], coder=e.get("fuser"),
                          coded=str(fused)[:10] if fused else None, comment=comment))
    return out


def _mention_records(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record(m, m, [m["trigger_text"]] if m.get("trigger_text") else [], record_id=m["mention_id"],
                   coder=m.get("coder"), coded=str(m.get("ingested_at") or "")[:10] or None,
                   comment=f"status {m.get('status')}; CAMEO {m.get('cameo')}, Goldstein {m.get('goldstein')}")
            for m in mentions]


def write(store: Any, output: Path, table: str, filters: EventFilter) -> int:
    """Write PLOVER records of the filtered events (or mentions); return how many were written."""
    with store._query(f"{output}: cannot export PLOVER {table}") as con:
        if table == "events":
            events, details = fetch.events_with_mentions(con, filters)
            records = _event_records([e for e in events if e.get("plover")], details)
        else:
            records = _mention_records([m for m in fetch.mentions(con, filters) if m.get("plover")])
    try:
        with output.open("w", encoding="utf-8") as fh:
            if output.suffix.lower() == ".json":
                json.dump(records, fh, ensure_ascii=False, indent=1, default=str)
                fh.write("\n")
            else:
                fh.writelines(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    except OSError as exc:
        raise StoreError(f"{output}: cannot write ({exc.strerror or exc})") from None
    return len(records)
