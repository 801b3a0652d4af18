"""Ingest: read inputs, judge each article (language, near-duplicate, site furniture), code, store, fuse.

Streaming: articles go through in chunks, so memory stays flat as the input grows. Every input
ends up stored as an article or as a quarantine row with its origin and reason kind. A rerun of
the same command after a crash gives the store an uninterrupted run gives: articles are
content-addressed, quarantine rows are keyed by origin and reason, and the per-run judgements
(near-duplicates, repeated lines) are made again over every article read, stored or not.

>>> counts = ingest(["articles/"], "newsevents-store", load_options())      # doctest: +SKIP
>>> print(summary(counts))                                                   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any, BinaryIO

from newsevents.config import Options
from newsevents.errors import InputError
from newsevents.model import Article, Document
from newsevents.sources.records import ReadOptions

log = logging.getLogger(__name__)

# Articles held before one store batch is written: big enough for few files, small for flat memory.
MIN_CHUNK = 64


class Progress:
    """Show progress on stderr (articles/s, share of input bytes, ETA); off when not a terminal."""

    def __init__(self, label: str, total_bytes: int = 0, active: bool | None = None) -> None:
        self.label, self.total = label, total_bytes
        self.done_bytes = self.articles = 0
        self.active = sys.stderr.isatty() if active is None else active
        self.started = self._shown = time.monotonic()

    def read_bytes(self, n: int) -> None:
        self.done_bytes += n

    def step(self, n: int = 1) -> None:
        self.articles += n
        now = time.monotonic()
        if self.active and now - self._shown >= 0.25:
            self._shown = now
            sys.stderr.write("\r" + self.line(now))
            sys.stderr.flush()

    def line(self, now: float | None = None) -> str:
        """Return the progress line: counts, rate and, when the input size is known, share and ETA."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-6)
        text = f"{self.label}: {self.articles} articles, {self.articles / elapsed:.1f}/s"
        if self.total and self.done_bytes:
            share = min(self.done_bytes / self.total, 1.0)
            eta = elapsed * (1 - share) / max(share, 1e-6)
            text += f", {share:.0%} of input, ETA {int(eta // 60)}m{int(eta % 60):02d}s"
        return text + "   "

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\r" + self.line() + "\n")


def _total_bytes(names: list[str]) -> int:
    from newsevents.sources import input_files

    total = 0
    for name in input_files(names):
        with contextlib.suppress(OSError):
            total += os.path.getsize(name)
    return total


class _Judge:
    """The per-run judgements on each article read: language, near-duplicate, site-repeated lines."""

    def __init__(self, languages: Sequence[str] | None, near_duplicates: bool, *, identified: bool = False) -> None:
        from newsevents.clean.neardup import NearDuplicates
        from newsevents.clean.repeats import SiteRepeats

        self.languages = set(languages) if languages else None
        self.identified = identified  # the readers set each article's language already (Dask workers)
        self.dups = NearDuplicates() if near_duplicates else None
        self.repeats = SiteRepeats()

    def __call__(self, article: Article) -> str | None:
        """Fill in language, dup_of and boilerplate; return a quarantine reason ("language:de") or None."""
        from newsevents.clean.language import identify
        from newsevents.clean.repeats import site_of

        if self.languages is not None and not self.identified:
            article.language = identify(article.text)
        if self.dups is not None:
            article.dup_of = self.dups.add(article.id, article.text)
        if article.dup_of is None:  # a syndicated copy would count its own lines as the site's
            article.boilerplate = self.repeats.observe(site_of(article), article.text)
        if self.languages is not None and article.language and article.language not in self.languages:
            return f"language:{article.language}"
        return None


def ingest(
    paths: Sequence[str],
    store_dir: str,
    options: Options,
    read: ReadOptions | None = None,
    *,
    languages: Sequence[str] | None = ("en",),
    near_duplicates: bool = True,
    stdin: BinaryIO | None = None,
    progress: bool | None = None,
    storage_options: dict[str, Any] | None = None,
    **shorthand: Any,
) -> dict[str, int]:
    """Read, judge, code and store articles, then fuse; return the counts (see :func:`summary`).

    ``read`` says how to read the inputs (format, default date, record fields, size limit); its
    fields may be given as keywords instead (``published="2023-03-17"``, ``max_bytes=4000``).
    ``store_dir`` is a folder or an fsspec URL (``s3://bucket/store``; ``storage_options`` go to its
    filesystem, docs/store.md).

    Counts: ``records`` (inputs read), ``read`` (articles among them), ``new`` (coded and stored),
    ``known`` (already stored), ``duplicates`` (near-duplicate copies, stored uncoded),
    ``quarantined`` (all quarantine rows) and ``quarantined:<kind>`` per reason kind, ``skipped``
    (WARC records that are not pages) and ``mentions``. Non-English articles are stored with their
    language and quarantined from coding as ``language:xx`` (``languages=None`` codes everything).
    Raises InputError when nothing at all could be read.
    """
    from newsevents.pipeline import Pipeline, Quarantined
    from newsevents.sources import expand_paths, read_inputs
    from newsevents.sources.read import read_options
    from newsevents.store import Store

    read = read_options(read, shorthand)
    read.context()  # a bad option fails here, before the store is created
    names = expand_paths(paths)
    store = Store.open(store_dir, create=True, storage_options=storage_options)
    pipe = Pipeline(options)
    judge = _Judge(languages, near_duplicates)
    counts: Counter[str] = Counter(dict.fromkeys(
        ("records", "read", "new", "known", "duplicates", "quarantined", "skipped", "mentions"), 0))
    bar = Progress("ingest", _total_bytes(names), active=progress)
    chunk: list[Article] = []
    held: list[Document | Quarantined] = []  # uncoded results: other languages, near-duplicate copies
    unreadable: list[Any] = []
    chunk_size = max(options.batch_size * 4, MIN_CHUNK)

    def quarantine(kind: str) -> None:
        counts["quarantined"] += 1
        counts[f"quarantined:{kind}"] += 1

    def flush() -> None:
        if unreadable:
            store.add_unreadable(unreadable)
            unreadable.clear()
        if not chunk:
            return
        known = store.known_ids([a.id for a in chunk])
        to_code: list[Article] = []
        uncoded: list[Document | Quarantined] = []
        seen = set(known)
        for article in chunk:
            if article.id in seen:
                counts["known"] += 1
                continue
            seen.add(article.id)
            results = [r for r in held if r.article is article]
            if not results:
                to_code.append(article)
                continue
            uncoded.extend(results)
            if article.dup_of is not None:
                counts["duplicates"] += 1
            for r in results:
                if isinstance(r, Quarantined):
                    quarantine(r.reason)  # "language:de": the language is the reason
        coded = list(pipe.run(to_code))
        for r in coded:
            if isinstance(r, Quarantined):
                quarantine("too_large" if r.reason.startswith("too long") else f"failed_{r.stage}")
            else:
                counts["new"] += 1
                counts["mentions"] += len(r.events)
        store.add(uncoded + coded, pipe.versions)
        bar.step(len(chunk))
        chunk.clear()
        held.clear()

    reader = read_inputs(names, read, stdin=stdin, meter=bar.read_bytes)
    for item in reader:
        counts["records"] += 1
        if not isinstance(item, Article):
            if item.kind == "skipped":
                counts["skipped"] += 1
            else:
                quarantine(item.kind)
                unreadable.append(item)
            continue
        counts["read"] += 1
        reason = judge(item)
        if reason is not None:
            # Kept in the store with its language, and quarantined from coding.
            held.extend([Document(article=item, text=item.text), Quarantined(item, "language", reason)])
        elif item.dup_of is not None:
            held.append(Document(article=item, text=item.text))
        chunk.append(item)
        if len(chunk) >= chunk_size or len(unreadable) >= chunk_size * 4:
            flush()
    flush()
    bar.close()
    if counts["read"] == 0:
        raise InputError(", ".join(names) or "input", f"nothing could be read ({summary(counts)})")
    store.fuse(window_days=options.fuse_window_days)
    return dict(counts)


def summary(counts: dict[str, int]) -> str:
    """Return the run summary the CLI prints: read, stored, duplicates, quarantined by reason."""
    reasons = sorted((k.split(":", 1)[1], n) for k, n in counts.items() if k.startswith("quarantined:"))
    by_reason = ", ".join(f"{kind} {n}" for kind, n in reasons)
    text = (f"{counts.get('records', 0)} inputs read: {counts.get('read', 0)} articles, "
            f"{counts.get('new', 0)} new, {counts.get('known', 0)} already stored, "
            f"{counts.get('duplicates', 0)} near-duplicates, {counts.get('quarantined', 0)} quarantined")
    if by_reason:
        text += f" ({by_reason})"
    if counts.get("skipped"):
        text += f", {counts['skipped']} non-article records skipped"
    return text + f"; {counts.get('mentions', 0)} event mentions"
