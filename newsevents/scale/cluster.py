"""Ingest on a Dask cluster: workers read, the driver judges in reading order, workers code and store.

1. The driver splits the inputs into partitions (files, and byte ranges of big JSON Lines and WARC
   files cut at record starts: newsevents.sources.partition); workers read them, a few ahead.
2. The driver takes the items back in reading order and makes the per-run judgements of
   ``newsevents.ingest`` (near-duplicate groups, lines a site repeats): they depend on that order,
   so made anywhere else they would change the results. That is cheap; the costly reading work
   (decompressing, page extraction, language identification) was done by the workers.
3. Chunks of ``partition_size`` judged articles go back to the workers, which code them and write
   each chunk's batch straight into the store (a shared folder or an fsspec URL), with a bounded
   number in flight so memory stays flat. The driver fuses at the end.

>>> counts = ingest_cluster(["articles.jsonl"], "store", load_options(), workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO

from newsevents.config import Options
from newsevents.errors import ConfigError, InputError
from newsevents.model import Article
from newsevents.scale.worker import DUPLICATE, Chunk, PipelinePlugin, code_chunk, read_chunk
from newsevents.sources.partition import Partition, plan
from newsevents.sources.records import Context, ReadOptions

log = logging.getLogger(__name__)

# Chunks queued per worker: enough that no worker waits for the driver, few enough for flat memory.
IN_FLIGHT_PER_WORKER = 3
# Input partitions: about four per worker, so that reading is spread, within these bounds.
PARTITIONS_PER_WORKER = 4
MIN_PARTITION_BYTES = 256 * 1024
MAX_PARTITION_BYTES = 64 * 1024 * 1024
# Partitions read ahead of the one the driver judges, per worker.
READ_AHEAD_PER_WORKER = 2
# A poisoned article (it kills its worker every time) is found by halving its chunk; alone, it is
# quarantined with this stage name, so it shows as "failed_worker" in the counts.
POISON_STAGE = "worker"
# The counts every run reports, even at zero (as newsevents.ingest does).
COUNTS = ("records", "read", "new", "known", "duplicates", "quarantined", "skipped", "mentions")


def local_config() -> dict[str, Any]:
    """Return the Dask settings a local cluster runs with (docs/scale.md says why each)."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    # Dask sets a 64 KiB malloc trim threshold in workers to return memory early; spaCy's many
    # short-lived arrays then cost 13% more CPU (bench/scaling_dask.py). glibc's default adapts.
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {
        "distributed.nanny.pre-spawn-environ": environ,
        # A worker holds only the chunk it codes (Dask's default queues one more on it): when a worker
        # dies, Dask blames every chunk it held, and an innocent chunk must not pass for a poisoned one.
        "distributed.scheduler.worker-saturation": 1.0,
        # The statistical profiler samples the coding thread's deep spaCy stacks every 10 ms.
        "distributed.worker.profile.enabled": False,
    }


def ingest_cluster(
    paths: Sequence[str],
    store_dir: str,
    options: Options,
    read: ReadOptions | None = None,
    *,
    workers: int | None = None,
    address: str | None = None,
    partition_size: int | None = None,
    partition_bytes: int | None = None,
    languages: Sequence[str] | None = ("en",),
    near_duplicates: bool = True,
    stdin: BinaryIO | None = None,
    progress: bool | None = None,
    storage_options: dict[str, Any] | None = None,
    **shorthand: Any,
) -> dict[str, int]:
    """Ingest like :func:`newsevents.ingest.ingest`, on a Dask cluster; return the same counts.

    ``workers`` starts a local cluster of that many single-threaded processes; ``address``
    ("tcp://host:8786") uses a running scheduler instead. Workers read the inputs in partitions of
    about ``partition_bytes`` (files, or byte ranges of big JSON Lines and WARC files; by default
    sized for 4 partitions per worker, between 256 KiB and 64 MiB), and code chunks of
    ``partition_size`` articles (default 64, the smallest chunk of the single-process path).
    ``read`` (or its fields as keywords) says how to read, as for ``ingest``. ``store_dir`` may be an
    fsspec URL (``s3://bucket/store``): workers write their batches straight into it, opening it
    with the same ``storage_options``.
    """
    from newsevents.ingest import MIN_CHUNK, Progress, _Judge, _total_bytes
    from newsevents.registry import check_contract
    from newsevents.sources import expand_paths, read_inputs
    from newsevents.sources.read import STDIN, read_options
    from newsevents.store import Store

    if workers is not None and address is not None:
        raise ConfigError("give either a number of local workers or a scheduler address, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    check_contract(options.stages)  # a bad stage list fails here, not on every worker
    chunk_size = partition_size or MIN_CHUNK
    if chunk_size < 1:
        raise ConfigError(f"partition size must be at least 1, not {chunk_size}")
    if partition_bytes is not None and partition_bytes < 1:
        raise ConfigError(f"partition bytes must be at least 1, not {partition_bytes}")
    read = read_options(read, shorthand)
    ctx = read.context()
    if str(store_dir).startswith("memory://"):
        raise ConfigError(f"{store_dir}: a memory:// store lives in one process; Dask workers cannot write into it")
    names = expand_paths(paths)
    store = Store.open(store_dir, create=True, storage_options=storage_options)
    # Workers open the store by URL, or, on other machines, by the same absolute path (a shared folder).
    shared_store = str(store.path) if store.remote else os.path.abspath(store_dir)
    # Standard input reaches only the driver, so the driver reads it; files are read by the workers,
    # which then identify each article's language too.
    on_workers = STDIN not in names
    judge = _Judge(languages, near_duplicates, identified=on_workers)
    counts: Counter[str] = Counter(dict.fromkeys(COUNTS, 0))
    total = _total_bytes(names)
    bar = Progress("ingest on dask", total, active=progress)

    with _client(workers, address) as client:
        n_workers = max(len(client.scheduler_info(n_workers=-1)["workers"]), 1)
        bar.label = f"ingest on {n_workers} dask worker{'s' if n_workers > 1 else ''}"
        _announce(client, bar.active)
        bar.started = time.monotonic()  # the rate is the cluster's, not the start-up's
        plugin = PipelinePlugin(options)
        client.register_plugin(plugin)
        runner = _Runner(client, store, shared_store, plugin.name, n_workers * IN_FLIGHT_PER_WORKER,
                         counts, bar, store.storage_options)
        if on_workers:
            target = partition_bytes or min(max(total // (n_workers * PARTITIONS_PER_WORKER), MIN_PARTITION_BYTES),
                                            MAX_PARTITION_BYTES)
            reader: Iterator[Any] = _read_on_workers(client, plan(names, ctx, target), ctx, languages is not None,
                                                     n_workers * READ_AHEAD_PER_WORKER, bar.read_bytes)
        else:
            reader = read_inputs(names, read, stdin=stdin, meter=bar.read_bytes)
        chunk: list[Article] = []
        held: dict[int, str] = {}  # id(article) -> DUPLICATE or "language:xx"
        unreadable: list[Any] = []

        def flush() -> None:
            if unreadable:
                store.add_unreadable(unreadable)
                unreadable.clear()
            if not chunk:
                return
            # Known: stored before (the store says), or sent to a worker and not back yet.
            known = store.known_ids([a.id for a in chunk]) | runner.in_flight_ids()
            seen = set(known)
            batch: Chunk = []
            for article in chunk:
                if article.id in seen:
                    counts["known"] += 1
                    continue
                seen.add(article.id)
                batch.append((article, held.get(id(article))))
            bar.step(len(chunk) - len(batch))
            if batch:
                runner.submit(batch)
            chunk.clear()
            held.clear()

        for item in reader:
            counts["records"] += 1
            if not isinstance(item, Article):
                if item.kind == "skipped":
                    counts["skipped"] += 1
                else:
                    counts["quarantined"] += 1
                    counts[f"quarantined:{item.kind}"] += 1
                    unreadable.append(item)
                continue
            counts["read"] += 1
            reason = judge(item)
            if reason is not None:
                held[id(item)] = reason
            elif item.dup_of is not None:
                held[id(item)] = DUPLICATE
            chunk.append(item)
            if len(chunk) >= chunk_size or len(unreadable) >= chunk_size * 4:
                flush()
        flush()
        runner.drain()
        bar.close()
    if counts["read"] == 0:
        from newsevents.ingest import summary

        raise InputError(", ".join(names) or "input", f"nothing could be read ({summary(counts)})")
    store.fuse(window_days=options.fuse_window_days)
    return dict(counts)


class _Runner:
    """Keep a bounded number of chunks on the cluster; add their counts as they come back."""

    def __init__(self, client: Any, store: Any, store_dir: str, plugin: str, limit: int,
                 counts: Counter[str], bar: Any, storage_options: dict[str, Any]) -> None:
        self.client, self.store, self.store_dir, self.plugin = client, store, store_dir, plugin
        self.storage_options = storage_options
        self.limit, self.counts, self.bar = limit, counts, bar
        self.pending: dict[Any, Chunk] = {}

    def in_flight_ids(self) -> set[str]:
        return {a.id for chunk in self.pending.values() for a, _ in chunk}

    def submit(self, chunk: Chunk) -> None:
        while len(self.pending) >= self.limit:
            self._wait_one()
        self._send(chunk)

    def _send(self, chunk: Chunk) -> None:
        future = self.client.submit(code_chunk, chunk, self.store_dir, self.plugin, self.storage_options or None,
                                    pure=False)
        self.pending[future] = chunk

    def drain(self) -> None:
        while self.pending:
            self._wait_one()

    def _wait_one(self) -> None:
        from distributed import KilledWorker, wait

        done, _ = wait(list(self.pending), return_when="FIRST_COMPLETED")
        for future in done:
            chunk = self.pending.pop(future)
            try:
                result = future.result()
            except KilledWorker:
                self._poisoned(chunk)
                continue
            except BaseException:
                for other in self.pending:
                    other.cancel()
                raise
            self.counts.update(result)
            self.bar.step(len(chunk))

    def _poisoned(self, chunk: Chunk) -> None:
        """Halve a chunk that killed its workers until the article that does it stands alone."""
        if len(chunk) > 1:
            half = len(chunk) // 2
            log.warning("a chunk of %d articles killed its workers; retrying it in halves", len(chunk))
            self._send(chunk[:half])
            self._send(chunk[half:])
            return
        from newsevents.pipeline import Quarantined

        article = chunk[0][0]
        reason = "the worker process died coding this article, every time it was tried"
        log.warning("%s: %s; quarantined", article.input_id, reason)
        self.store.add([Quarantined(article, POISON_STAGE, reason)], {})
        self.counts["quarantined"] += 1
        self.counts[f"quarantined:failed_{POISON_STAGE}"] += 1
        self.bar.step(1)


def _read_on_workers(client: Any, partitions: list[Partition], ctx: Context, identify: bool, ahead: int,
                     meter: Any) -> Iterator[Any]:
    """Yield the items of the partitions in reading order, read by the workers ``ahead`` partitions ahead.

    The items come back to the driver, which judges them in reading order exactly as the single-process
    run does; the workers did the costly part (decompressing, parsing, extracting pages, identifying
    languages).
    """
    from distributed import KilledWorker

    queue: deque[tuple[Partition, Any]] = deque()
    todo = iter(partitions)

    def submit() -> None:
        for part in itertools.islice(todo, max(ahead - len(queue), 0)):
            # Reads go before queued coding, so the driver is never left waiting for its next partition.
            queue.append((part, client.submit(read_chunk, part, ctx, identify, pure=False, priority=1)))

    submit()
    while queue:
        part, future = queue.popleft()
        try:
            items = future.result()
        except KilledWorker:  # a partition that kills its readers: read it here, one last time
            log.warning("partition %d killed the workers reading it; reading it in the driver", part.index)
            items = read_chunk(part, ctx, identify)
        future.release()
        submit()
        meter(part.nbytes)
        yield from items


@contextmanager
def _client(workers: int | None, address: str | None) -> Iterator[Any]:
    """Yield a Dask client: to the scheduler at ``address``, or to a new local cluster of processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("running on Dask needs dask[distributed]: pip install 'newsevents[dask]'") from None
    if address is not None:
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        with client:
            yield client
        return
    import dask

    n = workers or os.cpu_count() or 1
    # One thread per worker: spaCy holds the GIL, so threads would only share one core.
    with (dask.config.set(local_config()),
          LocalCluster(n_workers=n, threads_per_worker=1, processes=True, silence_logs=logging.ERROR) as cluster,
          Client(cluster) as client):
        yield client


def _announce(client: Any, active: bool) -> None:
    """Say where the scheduler and its dashboard are, for users who want to watch the cluster."""
    import importlib.util

    message = f"dask scheduler {client.scheduler.address}, dashboard {client.dashboard_link}"
    if importlib.util.find_spec("bokeh") is None:
        message += " (its pages need bokeh installed where the scheduler runs)"
    log.info("%s", message)
    if active:
        sys.stderr.write(message + "\n")
