"""Read the gold files of ../shared/data (JSON Lines, one annotated document a row) into plain records.

Formats are described in ../shared/data/README.md. Every reader takes ``limit`` (the first N rows),
so a quick run and the quality gate can use a fixed subset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import InputError

# Codes the gold files use where ISO 3166 alpha-3 (which the coder emits) has another: legacy CAMEO
# codes and a few typos in the PLOVER gold. Applied to gold and system alike, so neither is punished.
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "TMP": "TLS", "MTN": "MNE"}

# The PLOVER gold records use PLOVER 0.5b1 categories; the coder emits PLOVER 2.0 ones. The 2.0 manual
# (its CAMEO equivalents table) folds these four into the current types: REQUEST <- CAMEO 10,
# ACCUSE <- 09 and 11, ASSAULT <- 18, 19 and 20. The other twelve types kept their names.
PLOVER_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class GoldActor:
    """One actor of a gold event: its country code (None when unknown) and sector (None when unstated)."""

    country: str | None
    sector: str | None
    text: str | None = None


@dataclass
class GoldEvent:
    """One gold event: its type in the file's scheme (PLOVER type, or CAMEO root for CAMEO files)."""

    type: str
    code: str | None  # the full CAMEO code when the file has one
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    text: str | None = None  # the words the annotator marked as the event, when given


@dataclass
class EventDoc:
    """A gold sentence or article with its events; ``scheme`` is "plover" or "cameo"."""

    id: str
    text: str
    published: str | None
    scheme: str
    events: list[GoldEvent]
    no_event_expected: bool = False
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoldTimex:
    """A gold TIMEX3: span, type (DATE, TIME, DURATION, SET) and normalised value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeDoc:
    """A gold document with its creation time (dct) and time expressions."""

    id: str
    text: str
    dct: str | None
    timexes: list[GoldTimex]
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoldToponym:
    """A gold toponym: span and, when the annotators resolved it, its coordinates."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    country: str | None = None
    fcode: str | None = None


@dataclass
class GeoDoc:
    """A gold article with its toponyms."""

    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class HtmlDoc:
    """A gold web page: where its HTML is, snippets that must (not) be extracted, and a body when given."""

    id: str
    url: str | None
    html_path: Path
    with_snippets: list[str]
    without_snippets: list[str]
    body: str | None = None
    date: str | None = None
    title: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


def gold_files(path: str | Path) -> list[Path]:
    """Return the gold files a path names: the file itself, or every ``*.jsonl`` in a folder (sorted)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    files = sorted(path.glob("*.jsonl"))
    if not files:
        raise InputError(str(path), "a folder of gold files must hold at least one *.jsonl file")
    return files


def read_rows(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the first ``limit`` rows (all when None) of a JSON Lines file; errors name file and line."""
    path = Path(path)
    rows: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if limit is not None and len(rows) >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict) or not isinstance(row.get("gold"), dict):
                    raise InputError(f"{path}:{number}", "a gold row must be an object with a 'gold' object")
                rows.append(row)
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file ({exc.strerror})") from None
    if not rows:
        raise InputError(str(path), "no gold rows")
    return rows


def country_code(code: str | None) -> str | None:
    """Normalise a country code: upper case, aliases folded, unknown ("---", "", None) as None."""
    if not code or not code.strip("-* "):
        return None
    code = code.strip().upper()
    return COUNTRY_ALIASES.get(code, code)


def sector_code(sector: str | None) -> str | None:
    """Reduce a sector to its primary three-letter code ("CVLalb" -> "CVL"); "***" and None are None."""
    if not sector or not sector.strip("*- "):
        return None
    return sector.strip()[:3].upper()


def split_actor_code(code: str | None) -> GoldActor:
    """Split a CAMEO actor code into country and sector: "GUYJUD" -> GUY/JUD, "---LEG" -> None/LEG."""
    code = (code or "").strip()
    return GoldActor(country=country_code(code[:3]), sector=sector_code(code[3:6]), text=code or None)


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("text", "gold") and isinstance(v, str | int | float)}


def _plover_actor(a: dict[str, Any]) -> GoldActor:
    return GoldActor(country_code(a.get("code")), sector_code(a.get("sector")), a.get("text"))


def read_event_gold(path: str | Path, limit: int | None = None) -> list[EventDoc]:
    """Read a PLOVER (gold.event) or CAMEO (gold.events[]) event file."""
    docs = []
    for row in read_rows(path, limit):
        gold = row["gold"]
        if "event" in gold:
            sources = [_plover_actor(a) for a in gold.get("source") or []]
            targets = [_plover_actor(a) for a in gold.get("target") or []]
            # "(SRC/TAR: Hungarian) and (SRC/TAR: Romanian) agreed": a compound actor acting on itself.
            if not targets and "SRC/TAR" in (gold.get("markup") or ""):
                targets = list(sources)
            kind = str(gold.get("event") or "").upper()
            events = [GoldEvent(type=PLOVER_V2.get(kind, kind), code=None, sources=sources, targets=targets,
                                text=gold.get("event_text"))] if kind else []
            docs.append(EventDoc(row["id"], row["text"], row.get("publication_date"), "plover", events,
                                 fields=_fields(row)))
        elif "events" in gold:
            events = []
            for e in gold["events"]:
                cameo = str(e["cameo"]).strip()
                src, tgt = e.get("source"), e.get("target")
                events.append(GoldEvent(type=cameo[:2], code=cameo,
                                        sources=[split_actor_code(src)] if src else [],
                                        targets=[split_actor_code(tgt)] if tgt else []))
            docs.append(EventDoc(row["id"], row["text"], row.get("publication_date"), "cameo", events,
                                 no_event_expected=bool(gold.get("no_event_expected")), fields=_fields(row)))
        else:
            raise InputError(f"{path}: row {row.get('id')}", "event gold needs gold.event (PLOVER) or "
                             "gold.events (CAMEO)")
    return docs


def read_time_gold(path: str | Path, limit: int | None = None) -> list[TimeDoc]:
    """Read a TimeBank-style file: gold.dct and gold.timexes[] with start, end, type, value."""
    docs = []
    for row in read_rows(path, limit):
        gold = row["gold"]
        if "timexes" not in gold:
            raise InputError(f"{path}: row {row.get('id')}", "time gold needs gold.timexes")
        timexes = [GoldTimex(t["start"], t["end"], t.get("text") or row["text"][t["start"]:t["end"]],
                             str(t.get("type") or ""), str(t.get("value") or ""))
                   for t in gold["timexes"]]
        docs.append(TimeDoc(row["id"], row["text"], gold.get("dct") or row.get("publication_date"), timexes,
                            fields=_fields(row)))
    return docs


def read_geo_gold(path: str | Path, limit: int | None = None) -> list[GeoDoc]:
    """Read a geoparsing file: gold.toponyms[] with start, end and (when resolved) lat, lon."""
    docs = []
    for row in read_rows(path, limit):
        gold = row["gold"]
        if "toponyms" not in gold:
            raise InputError(f"{path}: row {row.get('id')}", "geo gold needs gold.toponyms")
        tops = [GoldToponym(t["start"], t["end"], t.get("text") or row["text"][t["start"]:t["end"]],
                            _float(t.get("lat")), _float(t.get("lon")), t.get("country"), t.get("fcode"))
                for t in gold["toponyms"]]
        docs.append(GeoDoc(row["id"], row["text"], row.get("publication_date"), tops, fields=_fields(row)))
    return docs


def read_html_gold(path: str | Path, limit: int | None = None) -> list[HtmlDoc]:
    """Read an HTML extraction file: html_path (relative to the file), with[]/without[], optional body."""
    base = Path(path).parent
    docs = []
    for row in read_rows(path, limit):
        gold = row["gold"]
        if "html_path" not in row:
            raise InputError(f"{path}: row {row.get('id')}", "html gold needs html_path")
        url = row.get("url")
        docs.append(HtmlDoc(
            id=row["id"],
            url=url if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
            html_path=base / row["html_path"],
            with_snippets=[s for s in gold.get("with") or [] if s],
            without_snippets=[s for s in gold.get("without") or [] if s],
            body=gold.get("body") or gold.get("text"),
            date=gold.get("date"),
            title=gold.get("title"),
            fields=_fields(row),
        ))
    return docs


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None
