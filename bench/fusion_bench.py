"""Measure fusion: an incremental fuse after one new batch against a full re-fuse, at two store sizes.

    python bench/fusion_bench.py                       # 1,000 and 20,000 articles, side by side: ~2 minutes
    python bench/fusion_bench.py --sizes 1000 --new 50 --json

The corpus is synthetic (built here, no model needed): a world of real events (60 countries, 24 CAMEO
codes; one event per three articles, about 30 articles a day, so a bigger store covers more days), and articles reporting 1-3 of them, popular events far
more often, each report dated in its text, by a month or only by its publication day, sometimes
without a target, with places and speakers. Per size it ingests the store in
ten batches (fusing after each, as ``ingest`` does), then adds ``--new`` articles - the next day's
news, or with ``--backfill`` reports on any day of the store's span - and times ``fuse_store`` on them (wall and CPU time, fastest of three copies of the store; bytes the
process read and wrote, from /proc/self/io, and the rows fusion read and wrote); then it times a full
re-fuse of the same store and checks both show the same events. Last it adds ``--stream`` more batches
one after another, fusing after each, so the merges of runs are paid too (amortised cost). It prints a
table, or one JSON line per size with ``--json``, and the load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
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


def _io() -> tuple[int, int]:
    """Return the bytes this process has read and written through system calls so far (Linux)."""
    try:
        fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
        return int(fields["rchar"]), int(fields["wchar"])
    except (OSError, KeyError, ValueError):
        return 0, 0


def _timed(fn: Any) -> tuple[Any, dict[str, float]]:
    read, wrote = _io()
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    cost = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
    after = _io()
    cost["read_bytes"], cost["written_bytes"] = after[0] - read, after[1] - wrote
    return out, cost


def _shown(store: Any) -> list[dict[str, Any]]:
    with store._query() as con:
        return con.sql("select * exclude (fused_at) from events order by coalesce(date_start, '9999'), event_id"
                       ).to_arrow_table().to_pylist()


def run(size: int, new: int, *, backfill: bool = False, stream: int = 10, seed: int = 1) -> dict[str, Any]:
    """Build a store of ``size`` articles, then time an incremental and a full fuse after ``new`` more."""
    from newsevents.fuse.incremental import fuse_store
    from newsevents.store import Store

    rnd = random.Random(seed)
    # News grows by days: about 30 articles a day, one real event for every three articles.
    days = max(size // 30, 10)
    events = world(rnd, max(size // 3, 10), START, days)

    def next_news(day: int) -> World:
        if backfill:  # the new batch reports on any day of the store's span
            return events
        # the next day's news: new events, and follow-ups of the last two weeks' ones
        recent = [e for e in events if e[3] >= START + timedelta(days=day - 14)]
        return world(rnd, max(new // 3, 1), START + timedelta(days=day), 1) + recent

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store", create=True)
        step = size // 10
        for start in range(0, size, step):
            store.add([article(rnd, n, events) for n in range(start, min(start + step, size))], {})
            fuse_store(store, 3)
        store.add([article(rnd, size + n, next_news(days)) for n in range(new)], {})
        # The machine is shared: time each fuse on three copies of the same store and keep the cheapest.
        copies = [Store.open(shutil.copytree(store.path, Path(tmp) / f"copy{i}")) for i in range(REPEAT)]
        for c in copies:  # as in ``ingest``, which fuses with the Store it added with: its id index is read
            c.batches()
        incremental = min((_timed(lambda c=c: fuse_store(c, 3)) for c in copies), key=lambda r: r[1]["cpu_s"])
        after = _shown(copies[0])
        full = min((_timed(lambda c=c: fuse_store(c, 3, full=True)) for c in copies[1:]),
                   key=lambda r: r[1]["cpu_s"])
        equal = after == _shown(copies[1])
        # A stream of batches, fused one by one: merges of runs included.
        streamed = {"wall_s": 0.0, "cpu_s": 0.0, "read_bytes": 0, "written_bytes": 0, "new_mentions": 0,
                    "fulls": 0}
        for day in range(stream):
            copies[0].add([article(rnd, size + new * (day + 1) + n, next_news(days + day + 1))
                           for n in range(new)], {})
            result, cost = _timed(lambda: fuse_store(copies[0], 3))
            for k, v in cost.items():
                streamed[k] += v
            streamed["new_mentions"] += result.new_mentions
            streamed["fulls"] += result.full
        check = Store.open(shutil.copytree(copies[0].path, Path(tmp) / "check"))
        fuse_store(check, 3, full=True)
        stream_equal = _shown(copies[0]) == _shown(check)
    inc, cost = incremental
    per = max(inc.new_mentions, 1)
    sn = max(streamed["new_mentions"], 1)
    return {
        "articles": size, "new_batch": "backfill" if backfill else "next day",
        "stored_mentions": full[0].new_mentions, "events": full[0].events,
        "new_articles": new, "new_mentions": inc.new_mentions, "refused_mentions": inc.refused_mentions,
        "touched_events": inc.touched, "full_fallback": inc.full,
        "incremental_wall_s": round(cost["wall_s"], 3), "incremental_cpu_s": round(cost["cpu_s"], 3),
        "ms_per_new_mention_wall": round(1000 * cost["wall_s"] / per, 2),
        "ms_per_new_mention_cpu": round(1000 * cost["cpu_s"] / per, 2),
        "kb_read": round(cost["read_bytes"] / 1024), "kb_written": round(cost["written_bytes"] / 1024),
        "kb_read_per_new_mention": round(cost["read_bytes"] / 1024 / per, 1),
        "kb_written_per_new_mention": round(cost["written_bytes"] / 1024 / per, 1),
        "fusion_rows_read": inc.io.rows_read, "fusion_rows_written": inc.io.rows_written,
        "full_wall_s": round(full[1]["wall_s"], 3), "full_cpu_s": round(full[1]["cpu_s"], 3),
        "full_kb_read": round(full[1]["read_bytes"] / 1024),
        "stream_batches": stream, "stream_ms_per_new_mention_cpu": round(1000 * streamed["cpu_s"] / sn, 2),
        "stream_kb_read_per_new_mention": round(streamed["read_bytes"] / 1024 / sn, 1),
        "stream_kb_written_per_new_mention": round(streamed["written_bytes"] / 1024 / sn, 1),
        "stream_full_fallbacks": streamed["fulls"],
        "equal_to_full": equal and stream_equal,
    }


ROWS = [("stored mentions", "stored_mentions"), ("events", "events"), ("new mentions", "new_mentions"),
        ("re-fused mentions", "refused_mentions"), ("touched stored events", "touched_events"),
        ("incremental wall s", "incremental_wall_s"), ("incremental CPU s", "incremental_cpu_s"),
        ("ms per new mention (wall)", "ms_per_new_mention_wall"),
        ("ms per new mention (CPU)", "ms_per_new_mention_cpu"),
        ("KiB read / written", ("kb_read", "kb_written")),
        ("KiB read / written per new mention", ("kb_read_per_new_mention", "kb_written_per_new_mention")),
        ("fusion rows read / written", ("fusion_rows_read", "fusion_rows_written")),
        ("full re-fuse wall s / CPU s", ("full_wall_s", "full_cpu_s")),
        ("stream: CPU ms per new mention", "stream_ms_per_new_mention_cpu"),
        ("stream: KiB read / written per new mention",
         ("stream_kb_read_per_new_mention", "stream_kb_written_per_new_mention")),
        ("equal to a full re-fuse", "equal_to_full")]


def _table(results: list[dict[str, Any]]) -> str:
    lines = ["| | " + " | ".join(f"{r['articles']:,} articles" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    for label, key in ROWS:
        keys = key if isinstance(key, tuple) else (key,)
        cells = [" / ".join(f"{r[k]:,}" if isinstance(r[k], int) and not isinstance(r[k], bool) else str(r[k])
                            for k in keys) for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000", help="store sizes in articles (default 1000,20000)")
    parser.add_argument("--new", type=int, default=50, help="articles in the new batch (default 50)")
    parser.add_argument("--stream", type=int, default=10, help="batches fused one after another (default 10)")
    parser.add_argument("--backfill", action="store_true",
                        help="the new batch reports events of any day, not the next day's news")
    parser.add_argument("--json", action="store_true", help="one JSON line per size")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(run(size, args.new, backfill=args.backfill, stream=args.stream))
        if args.json:
            sys.stdout.write(json.dumps(results[-1]) + "\n")
            sys.stdout.flush()
    end = os.getloadavg()
    if not args.json:
        sys.stdout.write(_table(results) + "\n")
    sys.stdout.write(f"load average (1 min) at start {load[0]:.2f}, at end {end[0]:.2f}, on {os.cpu_count()} CPUs\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
