"""Measure the store as it grows: add() throughput, known_ids, connect, and queries before/after compaction.

    python bench/store_bench.py                          # 20,000 articles in chunks of 128: about 2 minutes
    python bench/store_bench.py --articles 5000 --chunk 64 --json

The documents are synthetic (built here, no model needed): articles of about 1,500 characters with 1-3
event mentions each, as ``ingest`` hands them to the store. Each chunk goes through what ``ingest`` does
per chunk: ``known_ids`` on the chunk's ids, then ``add`` (which looks the ids up again). Store-side
time only is counted (building the documents is not). Reported:

- ``first_1k_per_s``, ``last_1k_per_s``: articles/s of known_ids + add over the first and the last 1,000
  articles, so a store that slows as it grows shows it; ``median_chunk_ms`` the median chunk there;
- ``known_ids_ms``: one known_ids call of a chunk's worth of ids, half stored, at 1,000 articles and at the
  end, on the Store object that did the adding (warm) and on a freshly opened Store (cold);
- ``connect_ms``: ``Store.open`` + ``connect()`` + a trivial query, first call and later calls on one Store;
- ``queries_ms``: stats, a mention filter, a document and an article lookup, before and after
  ``Store.compact()`` (median of 5), with the number of batch files before and after.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsevents.model import Actor, Article, Attribution, Document, EventDate, EventMention, Span
from newsevents.store import EventFilter, Store

COUNTRIES = [f"C{i:02d}" for i in range(60)]
CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "111", "120", "173", "190"]
WORDS = ["the", "minister", "said", "talks", "would", "continue", "after", "officials", "met", "in", "the", "capital", "on", "Monday", "while", "protesters", "gathered", "outside", "parliament", "and", "the", "army", "denied", "reports", "of", "new", "strikes"]
VERSIONS = {"clean": "newsevents.clean.v1", "events": "newsevents.cameo.v1"}


def document(rnd: random.Random, n: int) -> Document:
    """One synthetic article of about 1,500 characters with 1-3 event mentions."""
    body = " ".join(rnd.choice(WORDS) for _ in range(220))
    text = f"Report {n}: {body}."
    day = f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    mentions = []
    for j in range(rnd.choice([1, 1, 2, 3])):
        a, b = rnd.sample(COUNTRIES[:20] if rnd.random() < 0.5 else COUNTRIES, 2)
        code = rnd.choice(CODES)
        start = rnd.randrange(0, len(text) - 200)
        mentions.append(EventMention(
            id=f"e{j + 1}", cameo=code, root=code[:2], label="Event", plover="CONSULT", plover_mode=None,
            quad=1, goldstein=1.0, source=Actor(a, 0, 3, a + "GOV", a, "GOV"),
            target=Actor(b, 5, 8, b, b, None), trigger=Span(start, start + 5, text[start:start + 5]),
            sentence=Span(start, start + 150), status="asserted",
            date=EventDate(day, day, "day", "on Monday", "text"),
            attribution=Attribution(Actor(a, 0, 3, a + "GOV", a, "GOV"), "said", []) if j == 0 else None,
            confidence=rnd.uniform(0.3, 0.9)))
    article = Article.from_text(text, published=day, input_id=f"syn-{n}.json", title=f"Report {n}")
    article.site = f"site{n % 40}.example"
    return Document(article=article, text=text, events=mentions)


def _ms(fn: Callable[[], Any], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(1000 * statistics.median(times), 2)


def _queries(path: Path, ids: list[str]) -> dict[str, float]:
    store = Store.open(path)
    store.stats()  # the first query opens the connection; time the steady state
    return {
        "stats": _ms(store.stats, 5),
        "mentions_filter": _ms(lambda: store.mentions(EventFilter(actor="C03", root="04"), limit=100), 5),
        "document": _ms(lambda: store.document(ids[len(ids) // 2]), 5),
        "article": _ms(lambda: store.article(ids[-1]), 5),
    }


def _connect_ms(path: Path) -> dict[str, float]:
    def once(store: Store) -> None:
        with store.connect() as con:
            con.execute("select 1").fetchall()

    fresh = _ms(lambda: once(Store.open(path)), 5)
    store = Store.open(path)
    once(store)
    return {"fresh_store": fresh, "same_store": _ms(lambda: once(store), 5)}


def _known_ms(store: Store, path: Path, stored: list[str], chunk: int) -> dict[str, float]:
    probe = stored[-chunk // 2:] + [f"{i:016x}" for i in range(chunk // 2)]
    return {"warm": _ms(lambda: store.known_ids(probe), 3),
            "cold": _ms(lambda: Store.open(path).known_ids(probe), 3)}


def run(articles: int, chunk: int, seed: int = 1) -> dict[str, Any]:
    """Fill a store chunk by chunk and return the figures described in the module docstring."""
    rnd = random.Random(seed)
    out: dict[str, Any] = {"articles": articles, "chunk": chunk}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Store.open(Path(tmp) / "warm-up", create=True)  # imports and first-call costs, not timed
        warm.add([document(rnd, -n) for n in range(1, chunk + 1)], VERSIONS)
        warm.known_ids(["0" * 16])
        warm.stats()
        path = Path(tmp) / "store"
        store = Store.open(path, create=True)
        ids: list[str] = []
        per_article: list[float] = []  # store-side seconds of the chunk, spread over its articles
        per_chunk: list[float] = []
        for start in range(0, articles, chunk):
            docs = [document(rnd, n) for n in range(start, min(start + chunk, articles))]
            started = time.perf_counter()
            known = store.known_ids(d.article.id for d in docs)
            added = store.add([d for d in docs if d.article.id not in known], VERSIONS)
            spent = time.perf_counter() - started
            assert added.articles == len(docs), added
            per_article += [spent / len(docs)] * len(docs)
            per_chunk.append(spent)
            ids += [d.article.id for d in docs]
            if len(ids) == min(1000, articles) or (len(ids) < 1000 <= len(ids) + chunk and articles > 1000):
                out["known_ids_ms_at_1k"] = _known_ms(store, path, ids, chunk)
        out["first_1k_per_s"] = round(min(1000, articles) / sum(per_article[:1000]), 1)
        out["last_1k_per_s"] = round(min(1000, articles) / sum(per_article[-1000:]), 1)
        # The median chunk is steadier than the sum on a shared machine.
        n = max(1000 // chunk, 1)
        out["median_chunk_ms"] = {"first_1k": round(1000 * statistics.median(per_chunk[:n]), 1),
                                  "last_1k": round(1000 * statistics.median(per_chunk[-n:]), 1)}
        out["known_ids_ms_at_end"] = _known_ms(store, path, ids, chunk)
        out["connect_ms"] = _connect_ms(path)
        out["batch_files_before"] = sum(len(store.files(t)) for t in ("articles", "mentions", "quarantine"))
        out["queries_ms_before"] = _queries(path, ids)
        if hasattr(store, "compact"):
            started = time.perf_counter()
            store.compact()
            out["compact_s"] = round(time.perf_counter() - started, 2)
            out["batch_files_after"] = sum(len(store.files(t)) for t in ("articles", "mentions", "quarantine"))
            out["queries_ms_after"] = _queries(path, ids)
            out["connect_ms_after"] = _connect_ms(path)
            out["known_ids_ms_after"] = _known_ms(Store.open(path), path, ids, chunk)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000, help="articles to add (default 20,000)")
    parser.add_argument("--chunk", type=int, default=128,
                        help="articles per add(), as ingest's chunk (default 128: 4 x batch_size 32)")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of indented JSON")
    args = parser.parse_args(argv)
    result = run(args.articles, args.chunk)
    sys.stdout.write(json.dumps(result, indent=None if args.json else 2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
