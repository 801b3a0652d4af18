"""Score toponyms: recognition F1 (spans overlap, paired one to one) and resolution within 161 km.

``within_161km`` is the share of recognised gold toponyms that carry gold coordinates whose system
place lies within 161 km (100 miles) of the gold point; a recognised toponym the system left
without coordinates counts as a miss there. ``median_error_km`` is over pairs with both points.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from newsevents.config import Options
from newsevents.eval.gold import GeoDoc, GoldToponym, read_geo_gold
from newsevents.eval.metrics import (
    ACCURACY_KM,
    PRF,
    count_matches,
    haversine_km,
    match_one_to_one,
    median,
    share,
    spans_overlap,
)
from newsevents.eval.report import EvalReport, Miss, context
from newsevents.eval.system import build_pipeline, find_per_document, need

log = logging.getLogger(__name__)


@dataclass
class SysPlace:
    """A system place as the scorer sees it."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str | None = None


def _overlap(g: GoldToponym, s: SysPlace) -> bool:
    return spans_overlap(g.start, g.end, s.start, s.end)


def score_places(
    docs: list[GeoDoc], system: list[list[SysPlace]], *, by: str | None = None
) -> tuple[dict[str, PRF | float], dict[str, PRF], list[Miss]]:
    """Return recognition PRF, the 161 km share and median error, the breakdown by ``by`` and the misses."""
    found = PRF()
    resolvable = within = 0
    errors_km: list[float] = []
    groups: dict[str, PRF] = {}
    misses: list[Miss] = []
    for doc, places in zip(docs, system, strict=True):
        pairs = match_one_to_one(doc.toponyms, places, _overlap)
        found += count_matches(len(doc.toponyms), len(places), len(pairs))
        for i, j in pairs:
            g, s = doc.toponyms[i], places[j]
            if g.lat is None or g.lon is None:
                continue
            resolvable += 1
            if s.lat is None or s.lon is None:
                misses.append(Miss(doc.id, "unresolved", f"{g.text} (gold {g.lat:.2f},{g.lon:.2f})",
                                   context(doc.text, g.start, g.end), 2.0))
                continue
            km = haversine_km(g.lat, g.lon, s.lat, s.lon)
            errors_km.append(km)
            if km <= ACCURACY_KM:
                within += 1
            else:
                misses.append(Miss(doc.id, "far", f"{g.text} resolved to {s.name} {km:.0f} km from gold",
                                   context(doc.text, g.start, g.end), 2.0 + km / 1000))
        g_idx = {i for i, _ in pairs}
        s_idx = {j for _, j in pairs}
        for i, g in enumerate(doc.toponyms):
            if i not in g_idx:
                misses.append(Miss(doc.id, "missed", g.text, context(doc.text, g.start, g.end), 1.5))
                if by is not None:
                    groups[_key(doc, g, by)] = groups.get(_key(doc, g, by), PRF()) + PRF(fn=1)
            elif by is not None:
                groups[_key(doc, g, by)] = groups.get(_key(doc, g, by), PRF()) + PRF(tp=1)
        for j, s in enumerate(places):
            if j not in s_idx:
                misses.append(Miss(doc.id, "false", s.name or doc.text[s.start:s.end],
                                   context(doc.text, s.start, s.end), 1.0))
                if by is not None:
                    key = _key(doc, None, by)
                    groups[key] = groups.get(key, PRF()) + PRF(fp=1)
    metrics: dict[str, PRF | float] = {
        "toponym": found,
        "within_161km": share(within, resolvable),
        "median_error_km": round(median(errors_km), 1),
    }
    return metrics, groups, misses


def _key(doc: GeoDoc, g: GoldToponym | None, by: str) -> str:
    if by in ("fcode", "country"):
        return str(getattr(g, by, None) or "?") if g is not None else "?"
    return str(doc.fields.get(by, "?"))


def system_places(
    docs: list[GeoDoc], options: Options | None = None
) -> tuple[list[list[SysPlace]], int]:
    """Clean, parse and find actors in the gold texts, then find and resolve their places."""
    from newsevents.model import Article

    find_places = need("geo", "newsevents.where.stage", "find_places")
    pipe = build_pipeline("geo", ("clean", "parse", "actors"), options)
    articles = [Article.from_text(d.text, published=d.published[:10] if d.published else None, input_id=d.id)
                for d in docs]
    return find_per_document("geo", pipe, articles, lambda doc: [SysPlace(p.start, p.end, p.lat, p.lon, p.name)
                                                                for p in find_places(doc)])


def evaluate(path: str, *, by: str | None, errors: int, limit: int | None,
             options: Options | None = None) -> EvalReport:
    """Score the places found and resolved on a gold file."""
    docs = read_geo_gold(path, limit)
    system, quarantined = system_places(docs, options)
    metrics, groups, misses = score_places(docs, system, by=by)
    report = EvalReport("geo", str(path), len(docs), metrics, by=by, groups=groups, limit=limit,
                        errors=sorted(misses, key=lambda m: -m.severity)[:errors])
    if quarantined:
        report.notes.append(f"{quarantined} documents failed (quarantined or an error); they count as empty")
    return report
