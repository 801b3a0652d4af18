"""Measure fusion: a full re-fuse against an incremental fuse after one new batch, at two store sizes.

    python bench/fusion_bench.py                       # 1,000 and 20,000 articles: about 2 minutes
    python bench/fusion_bench.py --sizes 1000 --new 50

The corpus is synthetic (built here, no model needed): a world of real events (60 countries, 24 CAMEO
codes; one event per three articles, about 30 articles a day, so a bigger store covers more days), and articles reporting 1-3 of them, popular events far
more often, each report dated in its text, by a month or only by its publication day, sometimes
without a target, with places and speakers. Per size it ingests the store in
ten batches (fusing after each, as ``ingest`` does), then adds ``--new`` articles - the next day's
news, or with ``--backfill`` reports on any day of the store's span - and times ``fuse_store`` on them; then it times a full re-fuse of the same store and checks both give the same
events. It prints one JSON line per size: per-new-mention cost of the incremental fuse against the full
re-fuse's cost per stored mention.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsevents.model import Actor, Article, Attribution, Document, EventDate, EventMention, Place, Span

COUNTRIES = [f"C{i:02d}" for i in range(60)]
ROLES = ["GOV", "MIL", "", "OPP", "BUS"]
CODES = ["010", "020", "036", "040", "042", "043", "045", "046", "051", "057", "061", "071", "111",
         "112", "120", "130", "138", "141", "163", "172", "173", "180", "190", "193"]
START = date(2022, 1, 1)
SITES = [f"site{i}.example" for i in range(40)]
REPEAT = 3


def _actor(rnd: random.Random, country: str) -> Actor:
    role = rnd.choice(ROLES)
    return Actor(country, 0, 3, country + role, country, role or None)


World = list[tuple[str, str, str, date, bool]]


def world(rnd: random.Random, n: int, first: date, days: int) -> World:
    """Real-world events to report: (code, source country, target country, day, has a place)."""
    out = []
    for _ in range(n):
        a = COUNTRIES[min(int(rnd.expovariate(0.1)), 59)]
        b = COUNTRIES[min(int(rnd.expovariate(0.1)), 59)]
        code = CODES[min(int(rnd.expovariate(0.15)), len(CODES) - 1)]
        out.append((code, a, b if b != a else COUNTRIES[(COUNTRIES.index(a) + 1) % 60],
                    first + timedelta(days=rnd.randint(0, days - 1)), rnd.random() < 0.3))
    return out


def article(rnd: random.Random, n: int, events: World) -> Document:
    """One synthetic article reporting 1-3 world events, the popular ones far more often ."""
    hot = max(len(events) // 20, 1)  # one event in twenty draws 40% of the reports
    reported = [events[rnd.randrange(hot) if rnd.random() < 0.4 else rnd.randrange(len(events))]
                for _ in range(rnd.choice([1, 1, 2, 2, 3]))]
    published = max(day for *_, day, _ in reported) + timedelta(days=rnd.randint(0, 3))
    text = f"Synthetic report {n} of {published}: the sides met and talked."
    mentions = []
    for j, (code, a, b, day, placed) in enumerate(reported):
        kind = rnd.random()
        if kind < 0.5:  # the day in the text
            when: EventDate | None = EventDate(day.isoformat(), day.isoformat(), "day", "on Monday", "text")
        elif kind < 0.6:
            when = EventDate(day.isoformat()[:7], day.isoformat()[:7], "month", "this month", "text")
        else:  # only the publication day
            when = None
        mentions.append(EventMention(
            id=f"e{j}", cameo=code, root=code[:2], label="Event", plover="CONSULT", plover_mode=None, quad=1,
            goldstein=1.0, source=_actor(rnd, a), target=_actor(rnd, b) if rnd.random() < 0.85 else None,
            trigger=Span(0, 5, "talks"), sentence=Span(0, len(text)),
            status=rnd.choice(["asserted"] * 6 + ["planned", "negated", "alleged", "hypothetical"]),
            date=when,
            location=Place("Capital", 0, 1, "Capital", a, None, 1.0, 2.0, None) if placed else None,
            attribution=Attribution(_actor(rnd, a), "said", []) if rnd.random() < 0.3 else None,
            confidence=rnd.uniform(0.3, 0.9)))
    doc = Article.from_text(text, published=published.isoformat(), input_id=f"syn-{n}")
    doc.site = rnd.choice(SITES)
    return Document(article=doc, text=text, events=mentions)


def run(size: int, new: int, *, backfill: bool = False, seed: int = 1) -> dict[str, Any]:
    """Build a store of ``size`` articles, then time an incremental and a full fuse after ``new`` more."""
    import pyarrow.parquet as pq

    from newsevents.fuse.incremental import fuse_store
    from newsevents.store import Store

    rnd = random.Random(seed)
    # News grows by days: about 30 articles a day, one real event for every three articles.
    days = max(size // 30, 10)
    events = world(rnd, max(size // 3, 10), START, days)
    if backfill:  # the new batch reports on any day of the store's span
        fresh = events
    else:  # the next day's news: new events, and follow-ups of the last two weeks' ones
        recent = [e for e in events if e[3] >= START + timedelta(days=days - 14)]
        fresh = world(rnd, max(new // 3, 1), START + timedelta(days=days), 1) + recent
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store", create=True)
        step = size // 10
        for start in range(0, size, step):
            store.add([article(rnd, n, events) for n in range(start, min(start + step, size))], {})
            fuse_store(store, 3)
        store.add([article(rnd, size + n, fresh) for n in range(new)], {})
        # The machine is shared: time each fuse on three copies of the same store and keep the fastest.
        copies = [Store.open(shutil.copytree(store.path, Path(tmp) / f"copy{i}")) for i in range(REPEAT)]
        incremental = min((fuse_store(c, 3) for c in copies), key=lambda r: r.seconds)
        after = pq.read_table(copies[0].path / "events" / "events.parquet").drop(["fused_at"])
        full = min((fuse_store(c, 3, full=True) for c in copies), key=lambda r: r.seconds)
        again = pq.read_table(copies[0].path / "events" / "events.parquet").drop(["fused_at"])
    return {
        "articles": size, "new_batch": "backfill" if backfill else "next day", "stored_mentions": full.new_mentions, "events": full.events,
        "new_articles": new, "new_mentions": incremental.new_mentions,
        "refused_mentions": incremental.refused_mentions,
        "incremental_s": round(incremental.seconds, 3),
        "incremental_ms_per_new_mention": round(1000 * incremental.seconds / max(incremental.new_mentions, 1), 3),
        "full_s": round(full.seconds, 3),
        "full_ms_per_mention": round(1000 * full.seconds / max(full.new_mentions, 1), 3),
        "equal_to_full": after.equals(again),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000", help="store sizes in articles (default 1000,20000)")
    parser.add_argument("--new", type=int, default=100, help="articles in the new batch (default 100)")
    parser.add_argument("--backfill", action="store_true",
                        help="the new batch reports events of any day, not the next day's news")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        sys.stdout.write(json.dumps(run(size, args.new, backfill=args.backfill)) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
