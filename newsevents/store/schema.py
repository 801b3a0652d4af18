"""Parquet schemas of the store tables and the conversion of Documents into their rows.

Column names follow newsevents.model (DESIGN.md): what is ``source.code`` in the document contract is
``source_code`` here. Every mention row also keeps the full contract dict as JSON (``mention_json``), and
every article row the rest of the document (``document_json``), so ``Store.document`` rebuilds the
contract exactly.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pyarrow as pa

from newsevents.model import Actor, Document, EventMention

FORMAT_NAME = "newsevents-store"
FORMAT_VERSION = 1
TABLES = ("articles", "mentions", "events", "quarantine")

_STR = pa.string()
_F64 = pa.float64()
_I64 = pa.int64()
_TS = pa.timestamp("us", tz="UTC")
_STRS = pa.list_(pa.string())


def _actor_fields(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_{name}", _STR) for name in ("code", "country", "role", "text", "entity")]


ARTICLES = pa.schema([
    ("article_id", _STR), ("input_id", _STR), ("title", _STR), ("url", _STR), ("published", _STR),
    ("site", _STR), ("origin", _STR), ("format", _STR), ("language", _STR), ("text", _STR),
    ("n_events", _I64), ("ingested_at", _TS), ("versions", _STR), ("document_json", _STR), ("batch", _STR),
    ("dup_of", _STR),
])

MENTIONS = pa.schema([
    ("mention_id", _STR), ("article_id", _STR), ("mention_index", _I64), ("local_id", _STR),
    ("cameo", _STR), ("root", _STR), ("label", _STR), ("plover", _STR), ("plover_mode", _STR),
    ("quad", _I64), ("goldstein", _F64),
    *_actor_fields("source"), *_actor_fields("target"),
    ("status", _STR), ("status_cue", _STR),
    ("date_start", _STR), ("date_end", _STR), ("date_granularity", _STR), ("date_text", _STR),
    ("date_basis", _STR),
    ("location_name", _STR), ("location_country", _STR), ("location_lat", _F64), ("location_lon", _F64),
    ("location_geonameid", _I64),
    ("speaker_code", _STR), ("speaker_country", _STR), ("speaker_text", _STR), ("speaker_entity", _STR),
    ("attribution_cue", _STR), ("attribution_via", _STRS),
    ("claims", _STRS), ("claimed_by", _STR),
    ("trigger_text", _STR), ("trigger_start", _I64), ("trigger_end", _I64),
    ("sentence_start", _I64), ("sentence_end", _I64), ("sentence_text", _STR),
    ("confidence", _F64), ("coder", _STR), ("published", _STR), ("site", _STR),
    ("mention_json", _STR), ("batch", _STR), ("dup_of", _STR),
])

EVENTS = pa.schema([
    ("event_id", _STR), ("cameo", _STR), ("root", _STR), ("label", _STR), ("plover", _STR),
    ("plover_mode", _STR), ("quad", _I64), ("goldstein", _F64),
    *_actor_fields("source"), *_actor_fields("target"),
    ("date_start", _STR), ("date_end", _STR), ("date_granularity", _STR), ("date_basis", _STR),
    ("location_name", _STR), ("location_country", _STR), ("location_lat", _F64), ("location_lon", _F64),
    ("status", _STR), ("statuses", _STRS),
    ("num_mentions", _I64), ("num_articles", _I64), ("num_sources", _I64),
    ("sources", _STRS), ("sites", _STRS),
    ("first_seen", _STR), ("last_seen", _STR),
    ("mention_ids", _STRS), ("article_ids", _STRS),
    ("sentence_text", _STR), ("confidence", _F64), ("fuser", _STR), ("fused_at", _TS),
])

QUARANTINE = pa.schema([
    ("origin", _STR), ("article_id", _STR), ("input_id", _STR), ("stage", _STR), ("reason", _STR),
    ("snippet", _STR), ("at", _TS), ("batch", _STR),
])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES, "mentions": MENTIONS, "events": EVENTS, "quarantine": QUARANTINE,
}


def dumps(value: Any) -> str:
    """Serialise to compact JSON, keeping non-ASCII text readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def mention_key(article_id: str, local_id: str) -> str:
    """Return the store-wide id of a mention: its article's content id and its id in the document."""
    return f"{article_id}:{local_id}"


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("code", "country", "role", "text", "entity")}
    return {
        f"{prefix}_code": actor.code, f"{prefix}_country": actor.country, f"{prefix}_role": actor.role,
        f"{prefix}_text": actor.text, f"{prefix}_entity": actor.entity,
    }


def mention_row(doc: Document, index: int, m: EventMention, batch: str) -> dict[str, Any]:
    """Flatten one EventMention of a document into a mentions row."""
    aid = doc.article.id
    text = doc.text
    attribution = m.attribution
    speaker = attribution.speaker if attribution else None
    row: dict[str, Any] = {
        "mention_id": mention_key(aid, m.id), "article_id": aid, "mention_index": index, "local_id": m.id,
        "cameo": m.cameo, "root": m.root, "label": m.label, "plover": m.plover,
        "plover_mode": m.plover_mode, "quad": m.quad, "goldstein": m.goldstein,
        **_actor_cols("source", m.source), **_actor_cols("target", m.target),
        "status": m.status, "status_cue": m.status_cue,
        "date_start": m.date.start if m.date else None, "date_end": m.date.end if m.date else None,
        "date_granularity": m.date.granularity if m.date else None,
        "date_text": m.date.text if m.date else None, "date_basis": m.date.basis if m.date else None,
        "location_name": m.location.name if m.location else None,
        "location_country": m.location.country if m.location else None,
        "location_lat": m.location.lat if m.location else None,
        "location_lon": m.location.lon if m.location else None,
        "location_geonameid": m.location.geonameid if m.location else None,
        "speaker_code": speaker.code if speaker else None,
        "speaker_country": speaker.country if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_entity": speaker.entity if speaker else None,
        "attribution_cue": attribution.cue if attribution else None,
        "attribution_via": list(attribution.via) if attribution else [],
        # Claims point at mentions of the same article; store-wide ids make them joinable.
        "claims": [mention_key(aid, c) for c in m.claims],
        "claimed_by": mention_key(aid, m.claimed_by) if m.claimed_by else None,
        "trigger_text": m.trigger.text, "trigger_start": m.trigger.start, "trigger_end": m.trigger.end,
        "sentence_start": m.sentence.start, "sentence_end": m.sentence.end,
        "sentence_text": text[m.sentence.start:m.sentence.end],
        "confidence": m.confidence, "coder": m.coder, "published": doc.article.published,
        "site": doc.article.site, "mention_json": dumps(m.to_dict()), "batch": batch,
        "dup_of": doc.article.dup_of,
    }
    return row


def article_row(doc: Document, versions: dict[str, str], at: datetime, batch: str) -> dict[str, Any]:
    """Flatten one Document into an articles row (its events go to the mentions table)."""
    a = doc.article
    rest = {k: v for k, v in doc.to_dict().items() if k not in ("id", "title", "published", "events")}
    return {
        "article_id": a.id, "input_id": a.input_id, "title": a.title, "url": a.url,
        "published": a.published, "site": a.site, "origin": a.origin, "format": a.format,
        "language": a.language, "text": doc.text, "n_events": len(doc.events), "ingested_at": at,
        "versions": dumps(versions), "document_json": dumps(rest), "batch": batch,
        "dup_of": a.dup_of,
    }


def rebuild_document(article: dict[str, Any], mention_json: list[str]) -> dict[str, Any]:
    """Return the document contract dict from an articles row and its mentions' JSON, in order."""
    rest = json.loads(article["document_json"])
    return {
        "id": article["input_id"],
        "title": article["title"],
        "published": article["published"],
        "events": [json.loads(m) for m in mention_json],
        **rest,
    }


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Build an Arrow table of one store table from row dicts (missing keys become nulls)."""
    target = SCHEMAS[name]
    # Column by column is several times faster than pa.Table.from_pylist on wide rows.
    return pa.table({f: [r.get(f) for r in rows] for f in target.names}, schema=target)
