"""Score coded events against PLOVER or CAMEO gold: type, then countries, then sectors of both actors.

Conventions (../shared/data/README.md): an event is found when a system event of the document has
the gold PLOVER type (PLOVER files) or CAMEO root (CAMEO files); the stricter levels also need the
source and target countries, then their sectors. Gold and system events are paired one to one
within a document. An empty gold side (no target annotated) or an unknown gold country or sector
constrains nothing. False events per document counts system events left unpaired at the type level.
PLOVER gold types of version 0.5b1 are read as their PLOVER 2.0 successors (see gold.PLOVER_V2), and
system events with no PLOVER type (statements and appeals have none) are out of scope for PLOVER files.

Both gold files follow the classic CAMEO convention for promised acts (a promised visit is 036, an intent;
newsevents codes the visit, 042, with status "planned"). The ``classic_*`` rows score the same system events
on their classic code (``newsevents.coding.status.classic_code``), paired afresh on that code, so the
report states both readings; the other rows are the codes as emitted.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsevents.config import Options
from newsevents.eval.gold import EventDoc, GoldActor, GoldEvent, country_code, read_event_gold, sector_code
from newsevents.eval.metrics import PRF, count_matches, match_one_to_one, share
from newsevents.eval.report import EvalReport, Miss, context
from newsevents.eval.system import build_pipeline
from newsevents.model import EventMention

log = logging.getLogger(__name__)

LEVELS = ("event", "event+countries", "event+countries+sectors")


@dataclass(frozen=True)
class SysActor:
    """A system actor as the scorer sees it."""

    country: str | None
    sector: str | None


@dataclass
class SysEvent:
    """A system event as the scorer sees it: codes, actors and where its trigger is."""

    plover: str | None
    root: str | None
    cameo: str | None
    source: SysActor | None
    target: SysActor | None
    start: int = 0
    end: int = 0
    # The classic CAMEO reading of the event (status folded into the code), when it differs.
    classic_plover: str | None = None
    classic_root: str | None = None
    classic_cameo: str | None = None

    def classic(self) -> SysEvent:
        """Return the event as a classic CAMEO coder codes it (itself when the reading is the same)."""
        if self.classic_cameo is None or self.classic_cameo == self.cameo:
            return self
        return replace(self, plover=self.classic_plover, root=self.classic_root, cameo=self.classic_cameo)

    def type_in(self, scheme: str) -> str | None:
        return self.plover.upper() if scheme == "plover" and self.plover else (
            self.root if scheme == "cameo" else None)


def _actor_ok(gold: list[GoldActor], system: SysActor | None, sectors: bool) -> bool:
    if not gold:
        return True
    for g in gold:
        if g.country is None and (not sectors or g.sector is None):
            return True
        if system is None:
            continue
        if g.country is not None and g.country != system.country:
            continue
        if sectors and g.sector is not None and g.sector != system.sector:
            continue
        return True
    return False


def event_matches(gold: GoldEvent, system: SysEvent, scheme: str, level: str) -> bool:
    """Say whether a system event counts as the gold event at a level of LEVELS."""
    if system.type_in(scheme) != gold.type:
        return False
    if level == "event":
        return True
    sectors = level == "event+countries+sectors"
    return _actor_ok(gold.sources, system.source, sectors) and _actor_ok(gold.targets, system.target, sectors)


def score_events(
    docs: list[EventDoc], system: list[list[SysEvent]], *, by: str | None = None
) -> tuple[dict[str, PRF | float], dict[str, PRF], list[Miss]]:
    """Return the headline metrics, the breakdown by ``by`` and the misses, from gold and system events."""
    totals = {level: PRF() for level in LEVELS}
    code = PRF()
    groups: dict[str, PRF] = {}
    misses: list[Miss] = []
    quiet_docs = quiet_clean = 0
    for doc, sys_events in zip(docs, system, strict=True):
        if doc.scheme == "plover":
            sys_events = [s for s in sys_events if s.plover]
        by_level = {level: match_one_to_one(doc.events, sys_events, functools.partial(_matches, doc.scheme, level))
                    for level in LEVELS}
        for level, pairs in by_level.items():
            totals[level] += count_matches(len(doc.events), len(sys_events), len(pairs))
        type_pairs = by_level["event"]
        if doc.scheme == "cameo":
            pairs = match_one_to_one(doc.events, sys_events, _code_matches)
            code += count_matches(len(doc.events), len(sys_events), len(pairs))
        if doc.no_event_expected:
            quiet_docs += 1
            quiet_clean += not sys_events
        matched_g = {i for i, _ in type_pairs}
        matched_s = {j for _, j in type_pairs}
        if by is not None:
            key = _group_key(doc, by)
            for i, g in enumerate(doc.events):
                _bump(groups, key(g.type), PRF(tp=int(i in matched_g), fn=int(i not in matched_g)))
            for j, s in enumerate(sys_events):
                if j not in matched_s:
                    _bump(groups, key(s.type_in(doc.scheme) or "?"), PRF(fp=1))
        with_countries = {i for i, _ in by_level["event+countries"]}
        for i, g in enumerate(doc.events):
            wanted = f"{g.type} {_actors(g.sources)} -> {_actors(g.targets)}"
            if i not in matched_g:
                misses.append(Miss(doc.id, "missed", wanted, " ".join(doc.text.split())[:240], 2.0))
            elif i not in with_countries:
                s = sys_events[dict(type_pairs)[i]]
                misses.append(Miss(doc.id, "wrong actors", f"gold {wanted}, system {_sys_actors(s)}",
                                   context(doc.text, s.start, s.end), 1.5))
        for j, s in enumerate(sys_events):
            if j not in matched_s:
                misses.append(Miss(doc.id, "false", f"{s.type_in(doc.scheme)} (cameo {s.cameo})",
                                   context(doc.text, s.start, s.end), 1.0))
    metrics: dict[str, PRF | float] = dict(totals)
    if code.tp + code.fp + code.fn:
        metrics["cameo_code"] = code
    classic = _classic_totals(docs, system)
    metrics.update({f"classic_{level}": prf for level, prf in classic.items()})
    metrics["false_events_per_doc"] = share(totals["event"].fp, len(docs))
    metrics["classic_false_events_per_doc"] = share(classic["event"].fp, len(docs))
    if quiet_docs:
        metrics["no_event_docs_clean"] = share(quiet_clean, quiet_docs)
    return metrics, groups, misses


def _classic_totals(docs: list[EventDoc], system: list[list[SysEvent]]) -> dict[str, PRF]:
    """Score the system events on their classic code: type and countries levels, and the CAMEO code."""
    totals = {level: PRF() for level in LEVELS[:2]}
    code = PRF()
    for doc, sys_events in zip(docs, system, strict=True):
        events = [s.classic() for s in sys_events]
        if doc.scheme == "plover":
            events = [s for s in events if s.plover]
        for level in totals:
            pairs = match_one_to_one(doc.events, events, functools.partial(_matches, doc.scheme, level))
            totals[level] += count_matches(len(doc.events), len(events), len(pairs))
        if doc.scheme == "cameo":
            pairs = match_one_to_one(doc.events, events, _code_matches)
            code += count_matches(len(doc.events), len(events), len(pairs))
    out = dict(totals)
    if code.tp + code.fp + code.fn:
        out["cameo_code"] = code
    return out


def _code_matches(gold: GoldEvent, system: SysEvent) -> bool:
    """Say whether a system event's CAMEO code, cut to three digits, is the gold event's code."""
    return bool(system.cameo) and gold.code == (system.cameo or "")[:3]


def _group_key(doc: EventDoc, by: str) -> Callable[[str], str]:
    if by == "type":
        return lambda t: t
    value = str(doc.fields.get(by, "?"))
    return lambda _t: value


def _bump(groups: dict[str, PRF], key: str, add: PRF) -> None:
    groups[key] = groups.get(key, PRF()) + add


def _actors(actors: list[GoldActor]) -> str:
    return "+".join(f"{a.country or '---'}{a.sector or ''}" for a in actors) or "-"


def _sys_actors(s: SysEvent) -> str:
    def one(a: SysActor | None) -> str:
        return f"{a.country or '---'}{a.sector or ''}" if a else "-"
    return f"{one(s.source)} -> {one(s.target)}"


def _sys_actor(actor: object | None) -> SysActor | None:
    if actor is None:
        return None
    # The actor's own country field ("IGO" and "NGO" included); a bare role ("GOV") has none.
    return SysActor(country=country_code(getattr(actor, "country", None)),
                    sector=sector_code(getattr(actor, "role", None)))


def system_events(
    docs: list[EventDoc], options: Options | None = None
) -> tuple[list[list[SysEvent]], int]:
    """Run the full default pipeline on the gold texts; return events per document and how many failed."""
    from newsevents.model import Article

    pipe = build_pipeline("events", None, options)
    articles = [Article.from_text(d.text, published=(d.published or None) and d.published[:10], input_id=d.id)
                for d in docs]
    out: list[list[SysEvent]] = []
    quarantined = 0
    for result in pipe.run(articles):
        events = getattr(result, "events", None)
        if events is None:
            quarantined += 1
            log.warning("quarantined %s: %s", result.article.input_id, getattr(result, "reason", ""))
            out.append([])
            continue
        out.append([sys_event(e) for e in events])
    return out, quarantined


def sys_event(e: EventMention) -> SysEvent:
    """Return a pipeline event as the scorer sees it, with its classic CAMEO reading."""
    from newsevents.coding.codebook import codebook
    from newsevents.coding.status import classic_code

    classic = classic_code(e.cameo, e.status, e.status_cue) if e.cameo else None
    entry = codebook().get(classic) if classic and classic != e.cameo else None
    return SysEvent(plover=e.plover, root=e.root, cameo=e.cameo, source=_sys_actor(e.source),
                    target=_sys_actor(e.target), start=e.trigger.start, end=e.trigger.end,
                    classic_plover=entry.plover if entry else None, classic_root=entry.root if entry else None,
                    classic_cameo=classic if entry else None)


def evaluate(path: str, *, by: str | None, errors: int, limit: int | None,
             options: Options | None = None) -> EvalReport:
    """Score the pipeline's events on a gold file."""
    docs = read_event_gold(path, limit)
    system, quarantined = system_events(docs, options)
    metrics, groups, misses = score_events(docs, system, by=by)
    report = EvalReport("events", str(path), len(docs), metrics, by=by, groups=groups, limit=limit,
                        errors=sorted(misses, key=lambda m: -m.severity)[:errors])
    if quarantined:
        report.notes.append(f"{quarantined} documents were quarantined and count as finding nothing")
    report.notes.append("classic_* rows score the same events on their classic CAMEO code (a promised act as "
                        "an intent 03x, a planned hostile act as a threat 13x), the convention of both shared "
                        "gold files; the other rows, the misses and the breakdown use the codes as emitted")
    unscoped = sum(1 for d, evs in zip(docs, system, strict=True) if d.scheme == "plover"
                   for e in evs if not e.plover)
    if unscoped:
        report.notes.append(f"{unscoped} system events have no PLOVER type and were left out of the scores")
    return report


def _matches(scheme: str, level: str, gold: GoldEvent, system: SysEvent) -> bool:
    return event_matches(gold, system, scheme, level)
