"""Fuse event mentions across articles into events: one row per real-world event, with its evidence.

Two mentions belong to one event when they share (docs/store.md, "Fusion"):

1. the CAMEO event code (3 digits; a visit 042 and its hosting 043 count as one), and the actor pair
   (country, else actor code) - in either direction for the symmetric roots 03-06 (intents to
   cooperate, consultations, diplomatic and material cooperation); a mediation (045) needs only the
   same mediator, since it is reported with either party as the target;
2. compatible dates: dates read from the text must overlap (talks on Monday and talks on Tuesday are
   two events); a date that is only the publication day is widened to the days it bounds (a reported
   event: up to ``window_days`` before; a planned one: up to 4 x ``window_days`` after);
3. a compatible place: same country, or one of the two has no place.

A mention missing one actor joins the one two-sided event of its code and known actor that fits it,
and stays its own event when none or several fit. Whether it fits is judged on the two-sided event as
its own block made it (its days and places), not on other one-sided reports already joined: so each
decision depends on nothing but the reports of related blocks on overlapping days, in any order.

Clustering is greedy and deterministic: within a block of (code, actors), precise dates (from the
text, day-level, earliest first) seed events and widen them as they join; vague ones (publication
days, weeks, months) then join the one event they fit, and stay an event of their own when they fit
several rather than being guessed into one.
An event's id is a hash of its first-reported mention (earliest publication date, then mention id),
so it is the same on every machine and stays put as later reports of the event arrive.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsevents.fuse.evidence import event_status, evidence_status, source_chain, source_groups
from newsevents.model import Event

__all__ = ["COLUMNS", "FUSER", "Fused", "attach_target", "attaches", "block_key", "cluster_block", "event_status",
           "fuse_events", "fuse_rows", "parse_interval", "prepare", "reach", "source_chain",
           "stored_cluster", "to_fused"]

FUSER = "newsevents.fuse.v5"  # v5: an outlet relaying unnamed sources makes a claim
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5}

Interval = tuple[date, date]

# The mention columns fusion reads (Store.fuse selects them).
COLUMNS = (
    "mention_id", "article_id", "cameo", "root", "label", "plover", "plover_mode", "quad", "goldstein",
    "source_code", "source_country", "source_role", "source_text", "source_entity",
    "target_code", "target_country", "target_role", "target_text", "target_entity",
    "status", "date_start", "date_end", "date_granularity", "date_basis",
    "location_name", "location_country", "location_lat", "location_lon",
    "speaker_code", "speaker_text", "speaker_entity", "attribution_via",
    "sentence_text", "confidence", "published", "site", "dup_of",
)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def parse_interval(value: str | None) -> Interval | None:
    """Return the days a TIMEX-style date value covers: 2023-03-20, 2023-03, 2023-W11, 2023-Q1, 2023, 202."""
    if not value:
        return None
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", v):
            d = date.fromisoformat(v[:10])
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 1, 1), date(int(v), 12, 31)
        if re.fullmatch(r"\d{3}", v):
            return date(int(v) * 10, 1, 1), date(int(v) * 10 + 9, 12, 31)
    except ValueError:  # e.g. month 13 or week 54: treat as undated rather than fail the fusion
        return None
    return None


@dataclass
class _Mention:
    row: dict[str, Any]
    interval: Interval | None
    rank: int  # granularity rank; 9 for undated
    soft: bool  # dated from the publication day, not from the text: a bound, not a date
    key: tuple[str, str, str] = ("", "", "")  # its block


@dataclass
class _Cluster:
    seed: _Mention
    span: Interval | None  # the days its precisely dated (text, day-level) reports cover
    members: list[_Mention] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    # The places of its own block's reports, which one-sided reports are judged against.
    base: frozenset[str] = frozenset()


PAST = frozenset({"asserted", "negated", "alleged"})
FUTURE = frozenset({"planned", "intended"})


def _prepare(row: dict[str, Any], window: int) -> _Mention:
    start = parse_interval(row.get("date_start"))
    end = parse_interval(row.get("date_end")) or start
    gran = row.get("date_granularity")
    if start is None or end is None or row.get("date_basis") == "published":
        # The publication day only bounds the event: a reported event happened up to `window` days
        # before it, a planned one lies after it (within a few windows), anything else either side.
        published = parse_interval(row.get("published"))
        if published is None:
            return _Mention(row, None, 9, soft=True)
        day, status = published[0], row.get("status")
        before = timedelta(days=0 if status in FUTURE else window)
        after = timedelta(days=1 if status in PAST else 4 * window)  # 1: the event may be a day ahead in its time zone
        return _Mention(row, (day - before, day + after), 0, soft=True)
    interval = (start[0], max(start[1], end[1]))
    if gran not in GRANULARITY_RANK:
        gran = "day" if interval[1] - interval[0] < timedelta(days=7) else "month"
    return _Mention(row, interval, GRANULARITY_RANK[gran], soft=False)


def prepare(row: dict[str, Any], window_days: int) -> _Mention:
    """Return a mention row ready to cluster: its days, date precision and block."""
    mention = _prepare(row, window_days)
    mention.key = block_key(row)
    return mention


def _actor_key(row: dict[str, Any], side: str) -> str:
    country, code = row.get(f"{side}_country"), row.get(f"{side}_code")
    if not country and code and code == row.get(f"{side}_role"):
        return ""  # a bare role ("the government", no country) names no one: the side is unknown
    return country or code or ""


# Codes that name one event from either side: a visit (042) is hosted (043) by the other party.
CODE_GROUPS = {"043": "042"}
# Mediation (045) is one event between a mediator and two parties, reported as either party the target.
ANY_TARGET = frozenset({"045"})


def block_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """Return what two mentions of one event share: event code and actor pair (unordered if symmetric)."""
    code = (row.get("cameo") or "")[:3]
    code = CODE_GROUPS.get(code, code)
    a, b = _actor_key(row, "source"), _actor_key(row, "target")
    if code in ANY_TARGET:
        return code, a, "*"
    if code[:2] in SYMMETRIC_ROOTS and b < a:
        a, b = b, a
    return code, a, b


def _dates_fit(cluster: _Cluster, m: _Mention) -> bool:
    if cluster.span is None or m.interval is None:
        return cluster.span is None and m.interval is None
    return m.interval[0] <= cluster.span[1] and m.interval[1] >= cluster.span[0]


def _place_fits(cluster: _Cluster, m: _Mention) -> bool:
    country = m.row.get("location_country")
    return not country or not cluster.countries or country in cluster.countries


def _fits(cluster: _Cluster, m: _Mention) -> bool:
    return _dates_fit(cluster, m) and _place_fits(cluster, m)


def _join(cluster: _Cluster, m: _Mention) -> None:
    cluster.members.append(m)
    if m.row.get("location_country"):
        cluster.countries.add(m.row["location_country"])
    # Only precise dates widen the event, so a string of vague reports cannot drift across weeks.
    if not m.soft and m.rank == 0 and not cluster.seed.soft and cluster.seed.rank == 0 and m.interval:
        assert cluster.span is not None
        cluster.span = (min(cluster.span[0], m.interval[0]), max(cluster.span[1], m.interval[1]))


def _precise_first(clusters: list[_Cluster]) -> list[_Cluster]:
    """Keep the events seeded by a precise date if there are any: a vague report is no rival."""
    precise = [c for c in clusters if not c.seed.soft and c.seed.rank == 0]
    return precise or clusters


def cluster_block(mentions: list[_Mention]) -> list[_Cluster]:
    """Cluster the mentions of one block (or of any union of its runs of overlapping days) into events."""
    clusters: list[_Cluster] = []
    # Precise dates seed events first: text before publication dates, days before months,
    # earliest first, and of two reports starting on one day the longer range.
    ordered = sorted(mentions, key=lambda m: (
        m.soft, m.rank, m.interval[0] if m.interval else date.max,
        -(m.interval[1] - m.interval[0]).days if m.interval else 0, m.row["mention_id"]))
    # Precise mentions come first and by start day, so an event whose days end before a mention's
    # start can take no later precise mention: they are only checked against the `open` events.
    open_: list[_Cluster] = []
    for m in ordered:
        if not m.soft and m.rank == 0 and m.interval is not None:
            open_ = [c for c in open_ if c.span and c.span[1] >= m.interval[0]]
            pool = open_
        else:
            pool = clusters
        fits = _precise_first([c for c in pool if _fits(c, m)])
        if (m.soft or m.rank > 0) and len(fits) > 1:
            fits = []  # a vague date that fits several events: do not guess which
        if fits:
            start = m.interval[0] if m.interval else date.max
            target = min(fits, key=lambda c: abs(((c.span or (start, start))[0] - start).days))
        else:
            target = _Cluster(seed=m, span=m.interval)
            clusters.append(target)
            if pool is open_:
                open_.append(target)
        _join(target, m)
    for c in clusters:
        c.base = frozenset(c.countries)
    return clusters


def _first_seen_key(m: _Mention) -> tuple[str, str]:
    return (m.row.get("published") or "9999-99-99", m.row["mention_id"])


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    # most_common sorts stably, so ties go to the first seen value (members are in report order).
    return counts.most_common(1)[0][0] if counts else None


def _event(cluster: _Cluster) -> Event:
    members = sorted(cluster.members, key=_first_seen_key)
    rows = [m.row for m in members]
    counts = Counter(r["cameo"] for r in rows)
    cameo = max(counts, key=lambda c: (counts[c], len(c), c))  # most reported, then most specific
    # The representative mention: the chosen code, both actors named, asserted, most confident.
    rep = max(
        (r for r in rows if r["cameo"] == cameo),
        key=lambda r: (bool(r.get("source_code")) + bool(r.get("target_code")),
                       r.get("status") == "asserted", r.get("confidence") or 0.0),
    )
    when: dict[str, Any] = dict.fromkeys(("date_start", "date_end", "date_granularity", "date_basis"))
    precise = [m for m in members if m.interval is not None and not m.soft]
    published = [r["published"] for r in rows if r.get("published")]
    seed = cluster.seed
    if not seed.soft and seed.rank == 0 and cluster.span:  # the days its precise reports cover
        when = {"date_start": cluster.span[0].isoformat(), "date_end": cluster.span[1].isoformat(),
                "date_granularity": "day", "date_basis": "text"}
    elif precise:  # dates read from the text; a day beats a month; then the most reported
        finest = min(m.rank for m in precise)
        interval = _most_common(m.interval for m in precise if m.rank == finest)
        best = next(m for m in precise if m.interval == interval)
        when = {"date_start": interval[0].isoformat(), "date_end": interval[1].isoformat(),
                "date_granularity": best.row.get("date_granularity") or "day", "date_basis": "text"}
    elif published:  # only publication days: say so, and give the first report's
        when = {"date_start": min(published), "date_end": min(published), "date_granularity": "day",
                "date_basis": "published"}
    located = [r for r in rows if r.get("location_name") or r.get("location_country")]
    place_name = _most_common(r.get("location_name") for r in located)
    place = next((r for r in located if r.get("location_name") == place_name), located[0] if located else {})
    statuses = sorted({r["status"] for r in rows if r.get("status")})
    source_of = source_groups(rows)
    strongest: dict[int, float] = {}  # per independent source, its most confident mention
    for r, source in zip(rows, source_of, strict=True):
        strongest[source] = max(strongest.get(source, 0.0), float(r.get("confidence") or 0.0))
    disbelief = 1.0
    for c in strongest.values():  # independent sources corroborate: confidence rises with each
        disbelief *= 1.0 - min(c, 0.95)
    seed_id = rows[0]["mention_id"]
    return Event(
        event_id="ev-" + hashlib.sha256(seed_id.encode("utf-8")).hexdigest()[:16],
        cameo=cameo, root=rep.get("root"), label=rep.get("label"), plover=rep.get("plover"),
        plover_mode=rep.get("plover_mode"), quad=rep.get("quad"), goldstein=rep.get("goldstein"),
        **{f"{side}_{k}": rep.get(f"{side}_{k}") for side in ("source", "target")
           for k in ("code", "country", "role", "text", "entity")},
        **when,
        location_name=place.get("location_name"), location_country=place.get("location_country"),
        location_lat=place.get("location_lat"), location_lon=place.get("location_lon"),
        status=evidence_status(rows, source_of), statuses=statuses,
        num_mentions=len(rows), num_articles=len({r["article_id"] for r in rows}),
        num_sources=len(strongest),
        sources=sorted({s for r in rows if (s := source_chain(r))}),
        sites=sorted({r["site"] for r in rows if r.get("site")}),
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        mention_ids=[r["mention_id"] for r in rows],
        article_ids=sorted({r["article_id"] for r in rows}),
        sentence_text=rep.get("sentence_text"),
        confidence=round(min(1.0 - disbelief, 0.99), 3),
        fuser=FUSER,
    )


def attaches(half: tuple[str, str, str], full: tuple[str, str, str]) -> bool:
    """Say whether events of a one-sided block may join those of a two-sided one: same code, known actor."""
    code, a, b = half
    if bool(a) == bool(b) or not (full[1] and full[2]) or full[0] != code:
        return False
    known, side = (a, 1) if a else (b, 2)
    return known in full[1:] if code[:2] in SYMMETRIC_ROOTS else full[side] == known


def attach_target(half: _Cluster, candidates: list[_Cluster]) -> _Cluster | None:
    """Return the one two-sided event (of blocks ``attaches`` allows) a one-sided event fits, if only one fits."""
    country = half.seed.row.get("location_country")
    fits = _precise_first([c for c in candidates if _dates_fit(c, half.seed)
                           and (not country or not c.base or country in c.base)])
    return fits[0] if len(fits) == 1 else None


def _attach_one_sided(clustered: dict[tuple[str, str, str], list[_Cluster]]) -> None:
    """Merge events missing one actor into the one two-sided event they fit, if exactly one fits.

    "Xi arrived in Moscow" often codes without a target; it is the CHN->RUS visit of those days
    when that is the only CHN visit it fits, and stays apart when it fits two.
    """
    by_actor: dict[tuple[str, str], list[tuple[tuple[str, str, str], _Cluster]]] = {}
    for key, cs in clustered.items():
        if key[1] and key[2]:
            for actor in {key[1], key[2]}:  # a one-sided block only ever joins blocks of its known actor
                by_actor.setdefault((key[0], actor), []).extend((key, c) for c in cs)
    for key, clusters in clustered.items():
        if bool(key[1]) == bool(key[2]):
            continue
        candidates = [c for k, c in by_actor.get((key[0], key[1] or key[2]), []) if attaches(key, k)]
        keep = []
        for half in clusters:
            if (target := attach_target(half, candidates)) is not None:
                target.members.extend(half.members)
            else:
                keep.append(half)
        clustered[key] = keep


@dataclass
class Fused:
    """A fused event with what incremental fusion needs to find it again and to rebuild it."""

    event: Event
    # Per block its mentions fall in, the days those mentions may lie on (None: undated mentions).
    reach: dict[tuple[str, str, str], Interval | None]
    home: tuple[str, str, str]  # the block of its seed; the others are one-sided reports that joined it
    span: Interval | None  # the days its block clustering gave it (what one-sided reports are fitted to)
    precise: bool  # seeded by a precise date
    countries: frozenset[str]  # its own block's places
    seed: str  # the seed's mention id


def reach(mentions: Iterable[_Mention]) -> dict[tuple[str, str, str], Interval | None]:
    """Return per block the days an event's mentions may lie on (None: undated), as the index holds them."""
    days: dict[tuple[str, str, str], list[Interval]] = {}
    for m in mentions:
        days.setdefault(m.key, [])
        if m.interval is not None:  # an event's mentions in one block are all dated or all undated
            days[m.key].append(m.interval)
    return {key: (min(d[0] for d in ds), max(d[1] for d in ds)) if ds else None
            for key, ds in sorted(days.items())}


def to_fused(cluster: _Cluster) -> Fused:
    """Return a clustered event as a Fused event."""
    seed = cluster.seed
    return Fused(_event(cluster), reach(cluster.members), seed.key, cluster.span, not seed.soft and seed.rank == 0,
                 cluster.base, seed.row["mention_id"])


def stored_cluster(span: Interval | None, precise: bool, countries: frozenset[str],
                   members: list[_Mention] | None = None, seed: str | None = None) -> _Cluster:
    """Return a two-sided event of an earlier fusion as a cluster: to fit one-sided reports to, or to rebuild."""
    first = next((m for m in members or [] if m.row["mention_id"] == seed), None)
    if first is None:  # only fitted to, never rebuilt: a stand-in seed with its date precision
        first = _Mention({}, span, 0 if precise else 9, soft=not precise)
    return _Cluster(seed=first, span=span, members=list(members or []), countries=set(countries), base=countries)


def fuse_events(rows: Iterable[dict[str, Any]], *, window_days: int = 3) -> list[Fused]:
    """Cluster mention rows (store columns) into events, ordered by date then id."""
    blocks: dict[tuple[str, str, str], list[_Mention]] = {}
    for row in rows:
        mention = prepare(row, window_days)
        blocks.setdefault(mention.key, []).append(mention)
    clustered = {key: cluster_block(blocks[key]) for key in sorted(blocks)}
    _attach_one_sided(clustered)
    fused = [to_fused(c) for key in sorted(clustered) for c in clustered[key]]
    fused.sort(key=lambda f: (f.event.date_start or "9999", f.event.event_id))
    return fused


def fuse_rows(rows: Iterable[dict[str, Any]], *, window_days: int = 3) -> list[dict[str, Any]]:
    """Cluster mention rows (store columns) into event rows (the events table), ordered by date then id."""
    return [f.event.to_dict() for f in fuse_events(rows, window_days=window_days)]
