"""Render documents and event rows for people: plain-text tables and per-event listings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any


def _clip(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]]) -> str:
    """Return rows as a fixed-width text table; ``columns`` is (key, heading, max width)."""
    widths = []
    for key, heading, limit in columns:
        longest = max([len(_clip(r.get(key), limit)) for r in rows] + [len(heading)])
        widths.append(min(longest, limit))
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        cells = [_clip(r.get(key), limit).ljust(w) for (key, _, limit), w in zip(columns, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def actor_label(actor: dict[str, Any] | None) -> str:
    """Return 'Xi Jinping (CHNGOV)' style text for an actor dict, or '-'."""
    if not actor:
        return "-"
    name = actor.get("entity") or actor.get("text") or ""
    code = actor.get("code") or ""
    return f"{name} ({code})" if name and code else (name or code or "-")


def date_label(date: dict[str, Any] | None) -> str:
    """Return '2023-03-20..2023-03-22' or '2023-03-17' (marked '~' when it is the publication date)."""
    if not date:
        return "-"
    start, end = date.get("start") or "", date.get("end") or ""
    text = start if not end or end == start else f"{start}..{end}"
    return ("~" + text) if date.get("basis") == "published" else text


def document_listing(doc: dict[str, Any]) -> str:
    """Return a readable listing of one extracted document: one block per event."""
    head = f"{doc.get('id')}  {doc.get('title') or ''}".rstrip()
    out = [head, f"published {doc.get('published') or 'unknown'}; {len(doc['events'])} events, "
           f"{len(doc['actors'])} actors, {len(doc['timexes'])} time expressions, {len(doc['places'])} places, "
           f"{len(doc['removed'])} removed spans", ""]
    for ev in doc["events"]:
        status = ev["status"] + (f" ({ev['status_cue']})" if ev.get("status_cue") else "")
        out.append(f"  [{ev['cameo']}] {ev['label']}  ({ev.get('plover') or '-'}, quad {ev['quad']}, "
                   f"goldstein {ev['goldstein']})")
        out.append(f"      {actor_label(ev.get('source'))} -> {actor_label(ev.get('target'))}")
        place = (ev.get("location") or {}).get("name") or "-"
        out.append(f"      when {date_label(ev.get('date'))}   where {place}   status {status}")
        att = ev.get("attribution")
        if att:
            via = f" via {', '.join(att['via'])}" if att.get("via") else ""
            out.append(f"      per {actor_label(att.get('speaker'))} ({att.get('cue') or '-'}){via}")
        out.append(f"      trigger \"{ev['trigger']['text']}\" at {ev['trigger']['start']}")
    if doc["removed"]:
        out.append("")
        out.append("  removed: " + ", ".join(f"{r['start']}-{r['end']} {r['reason']}" for r in doc["removed"]))
    return "\n".join(out)


def jsonl(rows: Iterable[dict[str, Any]]) -> str:
    """Return rows as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """Return rows as CSV with a header (nested values as JSON)."""
    if not rows:
        return ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(v, default=str) if isinstance(v, (list, dict)) else v for k, v in r.items()})
    return buf.getvalue()
