"""Ingest: read inputs, skip articles already stored, run the pipeline, store results, fuse."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from newsevents.config import Options
from newsevents.model import Article


class Progress:
    """Count work on stderr, only when stderr is a terminal."""

    def __init__(self, label: str, total: int | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.active = sys.stderr.isatty()
        self.started = time.monotonic()

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.active:
            rate = self.done / max(time.monotonic() - self.started, 1e-6)
            of = f"/{self.total}" if self.total else ""
            sys.stderr.write(f"\r{self.label}: {self.done}{of} ({rate:.1f}/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\n")


def ingest(paths: Sequence[str], store_dir: str, options: Options, *, published: str | None = None,
           fmt: str = "auto") -> dict[str, int]:
    """Read, process and store articles; return counts (read, new, known, quarantined, mentions)."""
    from newsevents.pipeline import Quarantined
    from newsevents.sources import read_inputs
    from newsevents.store import Store

    store = Store.open(store_dir, create=True)
    from newsevents.pipeline import Pipeline

    pipe = Pipeline(options)
    counts = {"read": 0, "new": 0, "known": 0, "quarantined": 0, "mentions": 0}
    progress = Progress("ingest")
    chunk: list[Article] = []

    def flush() -> None:
        known = store.known_ids([a.id for a in chunk])
        fresh, seen = [], set(known)
        for a in chunk:
            if a.id in seen:
                counts["known"] += 1
            else:
                seen.add(a.id)
                fresh.append(a)
        results = list(pipe.run(fresh))
        counts["quarantined"] += sum(isinstance(r, Quarantined) for r in results)
        counts["new"] += sum(not isinstance(r, Quarantined) for r in results)
        counts["mentions"] += sum(len(r.events) for r in results if not isinstance(r, Quarantined))
        store.add(results, pipe.versions)
        progress.step(len(chunk))
        chunk.clear()

    for item in read_inputs(list(paths), published=published, fmt=fmt):
        if isinstance(item, Article):
            counts["read"] += 1
            chunk.append(item)
            if len(chunk) >= max(options.batch_size * 4, 64):
                flush()
        else:
            counts["quarantined"] += 1
            store.add_unreadable([item])
    if chunk:
        flush()
    progress.close()
    store.fuse(window_days=options.fuse_window_days)
    return counts


