"""Ingest on a Dask cluster: the driver reads and judges, workers code and store, the driver fuses.

Reading stays in one process because the per-run judgements of ``newsevents.ingest`` (near-duplicate
groups, lines a site repeats) depend on reading order; made anywhere else they would change the
results. On JSON Lines the driver spends about 2 ms per article against tens for coding, so one
driver feeds many workers (docs/scale.md has the measured ratio). Chunks of ``partition_size``
articles go to the workers as they are read, with a bounded number in flight so memory stays flat.

>>> counts = ingest_cluster(["articles.jsonl"], "store", load_options(), workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO

from newsevents.config import Options
from newsevents.errors import ConfigError, InputError
from newsevents.model import Article
from newsevents.scale.worker import DUPLICATE, Chunk, PipelinePlugin, code_chunk

log = logging.getLogger(__name__)

# Chunks queued per worker: enough that no worker waits for the driver, few enough for flat memory.
IN_FLIGHT_PER_WORKER = 3
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
    *,
    workers: int | None = None,
    address: str | None = None,
    published: str | None = None,
    fmt: str = "auto",
    partition_size: int | None = None,
    text_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    title_field: str | None = None,
    url_field: str | None = None,
    max_bytes: int | None = None,
    languages: Sequence[str] | None = ("en",),
    near_duplicates: bool = True,
    stdin: BinaryIO | None = None,
    progress: bool | None = None,
) -> dict[str, int]:
    """Ingest like :func:`newsevents.ingest.ingest`, coding on a Dask cluster; return the same counts.

    ``workers`` starts a local cluster of that many single-threaded processes; ``address``
    ("tcp://host:8786") uses a running scheduler instead. ``partition_size`` is the number of
    articles per task (default 64, the smallest chunk of the single-process path).
    """
    from newsevents.ingest import MIN_CHUNK, Progress, _Judge, _total_bytes
    from newsevents.registry import check_contract
    from newsevents.sources import expand_paths, read_inputs
    from newsevents.store import Store

    if workers is not None and address is not None:
        raise ConfigError("give either a number of local workers or a scheduler address, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    check_contract(options.stages)  # a bad stage list fails here, not on every worker
    chunk_size = partition_size or MIN_CHUNK
    if chunk_size < 1:
        raise ConfigError(f"partition size must be at least 1, not {chunk_size}")
    if "://" in store_dir:
        # The store writes through the local file system; object storage is reached by mounting it.
        raise ConfigError(f"{store_dir}: a store is a folder every worker can open; mount object storage "
                          "(s3fs, gcsfuse, mountpoint-s3) and give its path (docs/scale.md)")
    names = expand_paths(paths)
    store = Store.open(store_dir, create=True)
    # Workers on other machines see the store by the same absolute path (a shared folder).
    shared_store = os.path.abspath(store_dir)
    judge = _Judge(languages, near_duplicates)
    counts: Counter[str] = Counter(dict.fromkeys(COUNTS, 0))
    bar = Progress("ingest on dask", _total_bytes(names), active=progress)
    reader = read_inputs(names, published=published, fmt=fmt, text_field=text_field, id_field=id_field,
                         date_field=date_field, title_field=title_field, url_field=url_field,
                         max_bytes=max_bytes, stdin=stdin, meter=bar.read_bytes)

    with _client(workers, address) as client:
        n_workers = max(len(client.scheduler_info(n_workers=-1)["workers"]), 1)
        bar.label = f"ingest on {n_workers} dask worker{'s' if n_workers > 1 else ''}"
        _announce(client, bar.active)
        bar.started = time.monotonic()  # the rate is the cluster's, not the start-up's
        plugin = PipelinePlugin(options)
        client.register_plugin(plugin)
        runner = _Runner(client, store, shared_store, plugin.name, n_workers * IN_FLIGHT_PER_WORKER,
                         counts, bar)
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
                 counts: Counter[str], bar: Any) -> None:
        self.client, self.store, self.store_dir, self.plugin = client, store, store_dir, plugin
        self.limit, self.counts, self.bar = limit, counts, bar
        self.pending: dict[Any, Chunk] = {}

    def in_flight_ids(self) -> set[str]:
        return {a.id for chunk in self.pending.values() for a, _ in chunk}

    def submit(self, chunk: Chunk) -> None:
        while len(self.pending) >= self.limit:
            self._wait_one()
        self._send(chunk)

    def _send(self, chunk: Chunk) -> None:
        future = self.client.submit(code_chunk, chunk, self.store_dir, self.plugin, pure=False)
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
