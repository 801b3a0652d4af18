"""ingest_cluster on a 2-worker LocalCluster stores what the single-process ingest stores."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

import dask

from newsevents.config import Options, load_options
from newsevents.errors import ConfigError
from newsevents.ingest import ingest
from newsevents.scale import ingest_cluster
from newsevents.scale.cluster import local_config
from newsevents.scale.worker import plugin_name, worker_report
from newsevents.store import Store

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent.parent / "newsevents" / "data" / "demo" / "articles.jsonl"
POISON_MODULE = HERE / "scale_poison.py"


def _snapshot(store_dir: Path | str, storage_options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return what a user sees in a store, without run-specific columns (batch names, timestamps)."""
    con = Store.open(store_dir, storage_options=storage_options).connect()
    try:
        rows = {
            "articles": "select * exclude (ingested_at, batch) from articles order by article_id",
            "mentions": "select * exclude (batch) from mentions order by mention_id",
            "events": "select * exclude (fused_at) from events order by event_id",
            "quarantine": 'select * exclude ("at", batch) from quarantine order by all',
        }
        snap = {name: con.execute(sql).fetchall() for name, sql in rows.items()}
        # Duplicates in the files themselves, not only in the deduplicating views.
        snap["article_rows_in_files"] = con.execute("select count(*) from _articles_files").fetchone()[0]
        snap["mention_rows_in_files"] = con.execute("select count(*) from _mentions_files").fetchone()[0]
    finally:
        con.close()
    return snap


@pytest.fixture(scope="module")
def options() -> Options:
    return load_options(config_file=None)


@pytest.fixture(scope="module")
def cluster() -> Any:
    """Two single-threaded worker processes that can also run the test-only poison stage."""
    with (dask.config.set({**local_config(), "distributed.scheduler.allowed-failures": 1}),
          distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=50, preload=[str(POISON_MODULE)]) as local):
        yield local


@pytest.fixture(scope="module")
def demo_single(tmp_path_factory: pytest.TempPathFactory, options: Options) -> dict[str, Any]:
    """The demo corpus ingested by the single-process path: counts and store snapshot."""
    store = tmp_path_factory.mktemp("single") / "store"
    counts = ingest([str(DEMO)], str(store), options, progress=False)
    return {"counts": counts, "snapshot": _snapshot(store)}


@pytest.mark.slow
def test_two_workers_store_the_same_articles_mentions_and_events_as_one_process(
        tmp_path: Path, cluster: Any, options: Options, demo_single: dict[str, Any]) -> None:
    store = tmp_path / "store"
    counts = ingest_cluster([str(DEMO)], str(store), options, address=cluster.scheduler_address,
                            partition_size=5, progress=False)
    assert counts == demo_single["counts"]
    snap = _snapshot(store)
    assert snap["articles"] and snap["mentions"] and snap["events"]
    assert snap == demo_single["snapshot"]


@pytest.mark.slow
def test_the_same_article_in_two_partitions_is_stored_once(
        tmp_path: Path, cluster: Any, options: Options, demo_single: dict[str, Any]) -> None:
    # Every demo article again, under another id, in later chunks that run while the first are coded.
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = [dict(r, id=f"copy-{r['id']}") for r in reversed(rows)]
    doubled = tmp_path / "doubled.jsonl"
    doubled.write_text("".join(json.dumps(r) + "\n" for r in rows + copies), encoding="utf-8")
    single, distributed_store = tmp_path / "single", tmp_path / "distributed"

    expected = ingest([str(doubled)], str(single), options, progress=False)
    counts = ingest_cluster([str(doubled)], str(distributed_store), options,
                            address=cluster.scheduler_address, partition_size=4, progress=False)
    assert counts == expected
    assert counts["known"] == len(rows)
    snap = _snapshot(distributed_store)
    assert snap == _snapshot(single)
    assert snap["article_rows_in_files"] == len(rows)


@pytest.mark.slow
def test_workers_build_the_pipeline_once_and_stderr_shows_cluster_progress_and_dashboard(
        tmp_path: Path, cluster: Any, options: Options, capsys: pytest.CaptureFixture[str]) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text("".join(DEMO.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    counts = ingest_cluster([str(few)], str(tmp_path / "store"), options,
                            address=cluster.scheduler_address, partition_size=1, progress=True)
    assert counts["new"] == 6  # six chunks for two workers
    with distributed.Client(cluster, set_as_default=False) as client:
        reports = client.run(worker_report, plugin_name(options))
    assert [r["pipeline_loads"] for r in reports.values()] == [1, 1]
    err = capsys.readouterr().err
    assert f"dask scheduler {cluster.scheduler_address}, dashboard http" in err
    assert "ingest on 2 dask workers: 6 articles" in err


@pytest.mark.slow
def test_a_killed_worker_is_retried_and_the_store_ends_complete_without_duplicates(
        tmp_path: Path, cluster: Any, options: Options, demo_single: dict[str, Any]) -> None:
    store = tmp_path / "store"
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["counts"] = ingest_cluster([str(DEMO)], str(store), options,
                                               address=cluster.scheduler_address, partition_size=3,
                                               progress=False)
        except BaseException as exc:
            outcome["error"] = exc

    with distributed.Client(cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
        driver = threading.Thread(target=run)
        driver.start()
        victim = None
        deadline = time.monotonic() + 120
        while victim is None and driver.is_alive() and time.monotonic() < deadline:
            # Kill a worker in the middle of coding, once the store has its first batch.
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy and list((store / "articles").glob("*.parquet")):
                victim = pids[busy[0]]
                os.kill(victim, signal.SIGKILL)
            time.sleep(0.05)
        driver.join(timeout=180)
        assert victim is not None, "the run ended before a worker could be killed"
        client.wait_for_workers(2, timeout=60)
        assert victim not in client.run(os.getpid).values()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["counts"] == demo_single["counts"]
    snap = _snapshot(store)
    assert snap == demo_single["snapshot"]
    assert snap["article_rows_in_files"] == len(snap["articles"])
    assert snap["mention_rows_in_files"] == len(snap["mentions"])


@pytest.mark.slow
def test_an_article_that_kills_its_worker_is_quarantined_not_retried_forever(
        tmp_path: Path, cluster: Any, options: Options) -> None:
    from scale_poison import MARK

    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()[:3]]
    poison = {"id": "poisoned", "published": "2023-03-17",
              "text": f"The minister met the ambassador in the capital on Friday. {MARK} "
                      "The two men discussed trade and security for an hour."}
    path = tmp_path / "poison.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [rows[0], poison, *rows[1:]]), encoding="utf-8")
    poisoned_options = options.replace(stages=("poison", *options.stages))
    store = tmp_path / "store"

    scheduler = cluster.scheduler
    allowed, scheduler.allowed_failures = scheduler.allowed_failures, 0  # one death is enough here
    try:
        counts = ingest_cluster([str(path)], str(store), poisoned_options,
                                address=cluster.scheduler_address, partition_size=2, progress=False)
    finally:
        scheduler.allowed_failures = allowed
    assert counts["new"] == 3
    assert counts["quarantined:failed_worker"] == 1
    quarantined = Store.open(store).connect().execute(
        "select input_id, stage from quarantine").fetchall()
    assert quarantined == [("poisoned", "worker")]


def test_workers_and_a_scheduler_address_together_are_refused(tmp_path: Path, options: Options) -> None:
    with pytest.raises(ConfigError, match="not both"):
        ingest_cluster([str(DEMO)], str(tmp_path / "store"), options, workers=2,
                       address="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="lives in one process"):
        ingest_cluster([str(DEMO)], "memory://store", options, workers=2)


@pytest.fixture(scope="module")
def s3() -> Any:
    """A local S3 API (moto's HTTP server): worker processes reach it like a real endpoint."""
    pytest.importorskip("moto")
    pytest.importorskip("s3fs")
    import sys

    sys.path.insert(0, str(HERE.parent / "store"))
    from moto_s3 import s3_server

    with s3_server() as server:
        yield server


@pytest.mark.slow
def test_two_workers_write_their_batches_straight_into_an_s3_store(
        cluster: Any, options: Options, demo_single: dict[str, Any], s3: Any) -> None:
    url = s3.url()
    counts = ingest_cluster([str(DEMO)], url, options, address=cluster.scheduler_address, partition_size=5,
                            progress=False, storage_options=s3.storage_options)
    assert counts == demo_single["counts"]
    assert _snapshot(url, s3.storage_options) == demo_single["snapshot"]
    # One batch per chunk: the workers wrote them, not the driver.
    store = Store.open(url, storage_options=s3.storage_options)
    assert len(store.list_files("articles")) >= 34 // 5


# -- workers read the inputs ---------------------------------------------------------------------


def _demo_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.slow
def test_workers_read_byte_ranges_of_a_jsonl_and_judge_near_duplicates_as_one_process(
        tmp_path: Path, cluster: Any, options: Options) -> None:
    from newsevents.sources.partition import plan
    from newsevents.sources.records import ReadOptions

    rows = _demo_rows()
    # Wire copies with a new dateline land in later ranges than their originals; a bad line and a
    # blank one sit in the middle; ids are left out of some rows, so line numbers make their ids.
    copies = [dict(r, id=f"copy-{r['id']}", text="EXAMPLE WIRE - " + r["text"]) for r in rows[:8]]
    lines = [json.dumps(r if i % 5 else {k: v for k, v in r.items() if k != "id"}) for i, r in enumerate(rows)]
    lines[10:10] = ['{"id": "broken", ', ""]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines + [json.dumps(c) for c in copies]) + "\n", encoding="utf-8")
    ranges = [p for part in plan([str(corpus)], ReadOptions().context(), 8192) for p in part.pieces]
    assert len(ranges) >= 5 and all(p.start is not None for p in ranges)

    single, spread = tmp_path / "single", tmp_path / "spread"
    expected = ingest([str(corpus)], str(single), options, progress=False)
    counts = ingest_cluster([str(corpus)], str(spread), options, address=cluster.scheduler_address,
                            partition_size=6, partition_bytes=8192, progress=False)
    assert counts == expected
    assert counts["duplicates"] == len(copies) and counts["quarantined:bad_json"] == 1
    assert _snapshot(spread) == _snapshot(single)


def _html(row: dict[str, Any]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in row["text"].split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><title>{row['title']}</title></head><body><nav>Home | World | "
            f"Sign up for our newsletter</nav><article><h1>{row['title']}</h1>{paragraphs}</article>"
            f"<footer>Copyright Example Media</footer></body></html>")


@pytest.mark.slow
def test_workers_read_html_files_and_warc_ranges_and_store_what_one_process_stores(
        tmp_path: Path, cluster: Any, options: Options) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rows = _demo_rows()[:12]
    pages = tmp_path / "input" / "pages"
    pages.mkdir(parents=True)
    for row in rows[:6]:
        (pages / f"{row['id']}.html").write_text(_html(row), encoding="utf-8")
    (pages / "logo.png").write_bytes(b"\x89PNG not an article")
    with (tmp_path / "input" / "crawl.warc").open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for row in rows[6:]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(row["url"], "response", http_headers=http,
                                                          payload=io.BytesIO(_html(row).encode("utf-8"))))
            writer.write_record(writer.create_warc_record(row["url"], "request",
                                                          payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))

    from newsevents.sources.partition import plan
    from newsevents.sources.records import ReadOptions

    single, spread = tmp_path / "single", tmp_path / "spread"
    inputs = [str(tmp_path / "input")]
    pieces = [p for part in plan(inputs, ReadOptions().context(), 6000) for p in part.pieces]
    assert sum(p.path.endswith("crawl.warc") for p in pieces) >= 3  # the WARC is read in ranges
    expected = ingest(inputs, str(single), options, progress=False)
    counts = ingest_cluster(inputs, str(spread), options, address=cluster.scheduler_address,
                            partition_size=3, partition_bytes=6000, progress=False)
    assert counts == expected
    assert counts["new"] == len(rows) and counts["skipped"] == 6 and counts["quarantined:binary"] == 1
    assert _snapshot(spread) == _snapshot(single)


@pytest.mark.slow
def test_standard_input_is_read_by_the_driver_and_stores_what_one_process_stores(
        tmp_path: Path, cluster: Any, options: Options) -> None:
    import io

    few = "".join(DEMO.read_text(encoding="utf-8").splitlines(keepends=True)[:6]).encode("utf-8")
    single, spread = tmp_path / "single", tmp_path / "spread"
    expected = ingest(["-"], str(single), options, stdin=io.BytesIO(few), progress=False)
    counts = ingest_cluster(["-"], str(spread), options, address=cluster.scheduler_address, partition_size=2,
                            stdin=io.BytesIO(few), progress=False)
    assert counts == expected and counts["new"] == 6
    assert _snapshot(spread) == _snapshot(single)
