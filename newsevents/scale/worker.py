"""What runs on a Dask worker: the pipeline, loaded once per worker, and the coding of one chunk.

A chunk arrives from the driver already read and judged (language, near-duplicate, site lines), so
a worker only codes and stores it, writing its batch straight into the store (a shared folder or an
fsspec URL such as ``s3://bucket/store``); the store's content-addressed ids make a retried chunk a no-op for
the articles its killed predecessor already committed.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from typing import Any

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from newsevents.config import Options
from newsevents.model import Article, Document
from newsevents.sources.partition import Partition, read_partition
from newsevents.sources.records import Context, Unreadable

log = logging.getLogger(__name__)

# How the driver marks an article it judged: code it (None), store it uncoded as a near-duplicate
# copy ("dup"), or store it uncoded and quarantine it from coding ("language:de").
DUPLICATE = "dup"

Chunk = list[tuple[Article, str | None]]


def plugin_name(options: Options) -> str:
    """Return the worker plugin name for these options (two option sets on one cluster load twice)."""
    digest = hashlib.sha256(repr(options).encode("utf-8")).hexdigest()[:12]
    return f"newsevents-pipeline-{digest}"


class PipelinePlugin(WorkerPlugin):
    """Build the pipeline once when a worker starts (or joins later, say after a restart)."""

    idempotent = True  # registering again (a second run on the same cluster) keeps the loaded pipeline

    def __init__(self, options: Options) -> None:
        self.options = options
        self.name = plugin_name(options)
        self.pipeline: Any = None
        self.loads = 0
        self.stores: dict[str, Any] = {}  # kept open: a store's article index is then read incrementally

    def store(self, location: str, storage_options: dict[str, Any] | None) -> Any:
        """Return this worker's open store at ``location`` (opened on first use)."""
        from newsevents.store import Store

        key = f"{location} {sorted((storage_options or {}).items())!r}"
        if key not in self.stores:
            self.stores[key] = Store.open(location, storage_options=storage_options)
        return self.stores[key]

    def setup(self, worker: Any) -> None:
        from newsevents.pipeline import Pipeline

        self.pipeline = Pipeline(self.options)
        self.loads += 1
        log.info("worker %s: pipeline loaded (%s)", worker.address, ", ".join(self.pipeline.stage_names))

    def teardown(self, worker: Any) -> None:
        self.pipeline = None
        self.stores.clear()


def worker_plugin(name: str) -> PipelinePlugin:
    """Return this worker's pipeline plugin of that name."""
    plugin = get_worker().plugins[name]
    assert isinstance(plugin, PipelinePlugin)
    return plugin


def code_chunk(chunk: Chunk, store_dir: str, plugin: str,
               storage_options: dict[str, Any] | None = None) -> dict[str, int]:
    """Code one judged chunk with this worker's pipeline, store it as one batch, return its counts.

    The counts are the ones ``newsevents.ingest`` keeps for the same chunk: new, mentions,
    duplicates, quarantined and quarantined:<kind>.
    """
    from newsevents.pipeline import Quarantined

    loaded = worker_plugin(plugin)
    pipe = loaded.pipeline
    store = loaded.store(store_dir, storage_options)  # a shared folder, or a URL
    counts: Counter[str] = Counter()

    def quarantine(kind: str) -> None:
        counts["quarantined"] += 1
        counts[f"quarantined:{kind}"] += 1

    to_code: list[Article] = []
    uncoded: list[Document | Quarantined] = []
    for article, held in chunk:
        if held is None:
            to_code.append(article)
            continue
        uncoded.append(Document(article=article, text=article.text))
        if article.dup_of is not None:
            counts["duplicates"] += 1
        if held != DUPLICATE:
            uncoded.append(Quarantined(article, "language", held))
            quarantine(held)  # "language:de": the language is the reason
    coded = list(pipe.run(to_code))
    for r in coded:
        if isinstance(r, Quarantined):
            quarantine("too_large" if r.reason.startswith("too long") else f"failed_{r.stage}")
        else:
            counts["new"] += 1
            counts["mentions"] += len(r.events)
    # A retry of a chunk whose worker died after committing it finds its articles known: Store.add
    # skips them (same content id), so the batch is not stored twice.
    store.add(uncoded + coded, pipe.versions)
    return dict(counts)


def read_chunk(partition: Partition, ctx: Context, identify: bool) -> list[Article | Unreadable]:
    """Read one input partition (a worker task); with ``identify``, also set each article's language."""
    items = list(read_partition(partition, ctx))
    if identify:
        from newsevents.clean.language import identify as language_of

        for item in items:
            if isinstance(item, Article):
                item.language = language_of(item.text)
    return items


def peak_memory_mb() -> float:
    """Return this process's peak resident memory in MiB (for the benchmark and the run log)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def worker_report(plugin: str, dask_worker: Any = None) -> dict[str, float]:
    """Return how often this worker built the pipeline, its peak memory and CPU seconds (``Client.run`` it)."""
    import time

    loaded = (dask_worker or get_worker()).plugins.get(plugin)
    loads = loaded.loads if isinstance(loaded, PipelinePlugin) else 0
    return {"pipeline_loads": loads, "peak_rss_mb": round(peak_memory_mb(), 1),
            "cpu_s": round(time.process_time(), 3)}
