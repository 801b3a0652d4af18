"""Measure ingest on a local Dask cluster (1 and 2 workers) against the plain single-process ingest.

    python bench/scaling_dask.py                        # Reuters sample (../shared/data) or the demo corpus
    python bench/scaling_dask.py --limit 300 --rounds 3 --json
    python bench/scaling_dask.py --no-s3                # without the 2-worker run into an s3:// store
    python bench/scaling_dask.py --warc                 # who reads: driver or workers, on a WARC of pages

With moto[server] and s3fs installed, a fourth setup runs the 2 workers into an s3:// store served
by a local moto S3 server (in the driver's process, so its CPU counts as the driver's).

Both clusters start first and ingest a few articles to load their pipelines; the single-process path
warms the same caches in this process. The timed runs are steady state: each ingests the whole
corpus into a fresh store (read, judge, code, store, fuse), and rounds interleave the three setups,
rotating their order, so that load from other processes hits them alike. Reported: median seconds,
articles/s, the 2-worker/1-worker throughput ratio, the Dask overhead with 1 worker, the driver's
CPU per article (what bounds how many workers one driver can feed), each worker's peak memory, and
the load average around every run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus
from throughput import machine, peak_rss_mb

log = logging.getLogger("scaling_dask")

SETUPS = ("single", "dask-1", "dask-2", "dask-2-s3")


def corpus_file(path: Path, limit: int | None, folder: Path) -> Path:
    """Return the corpus, cut to its first ``limit`` non-blank lines when asked."""
    if limit is None:
        return path
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.strip()]
    cut = folder / f"{path.stem}-{limit}.jsonl"
    cut.write_text("".join(lines[:limit]), encoding="utf-8")
    return cut


def driver_cost(path: Path) -> dict[str, float]:
    """Time the reading work (done by workers: read, identify the language) and the driver's judging."""
    from newsevents.clean.language import identify
    from newsevents.ingest import _Judge
    from newsevents.model import Article
    from newsevents.sources import read_inputs

    cpu = time.process_time()
    articles = [item for item in read_inputs([str(path)]) if isinstance(item, Article)]
    for article in articles:
        article.language = identify(article.text)
    read_cpu = time.process_time() - cpu
    judge = _Judge(("en",), True, identified=True)
    cpu = time.process_time()
    for article in articles:
        judge(article)
    judge_cpu = time.process_time() - cpu
    n = max(len(articles), 1)
    return {"articles": len(articles), "read_cpu_ms_per_article": round(1000 * read_cpu / n, 2),
            "judge_cpu_ms_per_article": round(1000 * judge_cpu / n, 2)}


def workers_cpu(client: Any, plugin: str) -> float:
    """Return the CPU seconds the cluster's worker processes have used so far."""
    from newsevents.scale.worker import worker_report

    return sum(r["cpu_s"] for r in client.run(worker_report, plugin).values())


def timed_run(setup: str, path: Path, store: Path, options: Any, clients: dict[str, Any],
              s3: Any = None) -> dict[str, Any]:
    """Ingest the corpus once with one setup; return wall seconds, CPU seconds and the load average."""
    from newsevents.ingest import ingest
    from newsevents.scale import ingest_cluster
    from newsevents.scale.worker import plugin_name

    client = clients.get(setup.removesuffix("-s3"))
    plugin = plugin_name(options)
    load_before = os.getloadavg()[0]
    workers_before = workers_cpu(client, plugin) if client else 0.0
    started, cpu = time.perf_counter(), time.process_time()
    if client is None:
        counts = ingest([str(path)], str(store), options, progress=False)
    else:
        target = s3.url() if setup.endswith("-s3") else str(store)
        counts = ingest_cluster([str(path)], target, options, progress=False, address=client.scheduler.address,
                                storage_options=s3.storage_options if setup.endswith("-s3") else None)
    seconds = time.perf_counter() - started
    driver_cpu = time.process_time() - cpu
    workers = workers_cpu(client, plugin) - workers_before if client else 0.0
    return {"setup": setup, "seconds": round(seconds, 2), "driver_cpu_s": round(driver_cpu, 2),
            "workers_cpu_s": round(workers, 2), "total_cpu_s": round(driver_cpu + workers, 2),
            "articles": counts["read"], "new": counts["new"], "mentions": counts["mentions"],
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}


def measure(path: Path, rounds: int, s3: Any = None) -> dict[str, Any]:
    import dask
    import distributed

    from newsevents.config import load_options
    from newsevents.ingest import ingest
    from newsevents.scale import ingest_cluster
    from newsevents.scale.cluster import local_config
    from newsevents.scale.worker import plugin_name, worker_report

    options = load_options(config_file=None)
    work = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    warm = corpus_file(path, 5, work)
    runs: list[dict[str, Any]] = []
    with (dask.config.set(local_config()),
          distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as one,
          distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as two):
        clusters = {"dask-1": one, "dask-2": two}
        clients = {name: distributed.Client(c, set_as_default=False) for name, c in clusters.items()}
        started = time.perf_counter()
        for name, cluster in clusters.items():
            ingest_cluster([str(warm)], str(work / f"warm-{name}"), options, progress=False,
                           address=cluster.scheduler_address)
        ingest([str(warm)], str(work / "warm-single"), options, progress=False)
        startup = round(time.perf_counter() - started, 1)
        driver = driver_cost(path)
        setups = SETUPS if s3 is not None else SETUPS[:3]
        for r in range(rounds):
            order = setups[r % len(setups):] + setups[:r % len(setups)]
            for setup in order:
                run = timed_run(setup, path, work / f"{setup}-{r}", options, clients, s3)
                log.info("%s", run)
                runs.append(run)
        workers = {name: list(client.run(worker_report, plugin_name(options)).values())
                   for name, client in clients.items()}
        for client in clients.values():
            client.close()
    return {"corpus": str(path), "rounds": rounds, "runs": runs, "driver": driver, "workers": workers,
            "warmup_seconds": startup, "driver_peak_rss_mb": round(peak_rss_mb(), 1)}


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    ran = [s for s in SETUPS if any(r["setup"] == s for r in result["runs"])]
    median = {s: statistics.median(r["seconds"] for r in result["runs"] if r["setup"] == s) for s in ran}
    articles = result["runs"][0]["articles"]
    rate = {s: round(articles / median[s], 2) for s in ran}
    driver_cpu = statistics.median(r["driver_cpu_s"] for r in result["runs"] if r["setup"] == "dask-2")
    cpu = {s: statistics.median(r["total_cpu_s"] for r in result["runs"] if r["setup"] == s) for s in ran}
    return {"setups": ran, "median_seconds": median, "articles_per_s": rate, "median_cpu_s": cpu,
            "cpu_ms_per_article": {s: round(1000 * cpu[s] / articles, 1) for s in ran},
            "s3_time_vs_local_2_workers": round(median["dask-2-s3"] / median["dask-2"], 2)
            if "dask-2-s3" in median else None,
            "dask_1_cpu_overhead_vs_single": round(cpu["dask-1"] / cpu["single"] - 1, 3),
            "ratio_2_workers_to_1": round(rate["dask-2"] / rate["dask-1"], 2),
            "dask_1_overhead_vs_single": round(median["dask-1"] / median["single"] - 1, 3),
            "driver_cpu_ms_per_article_in_dask_runs": round(1000 * driver_cpu / articles, 2),
            "loads": [r["load_before"] for r in result["runs"]]}


def as_text(result: dict[str, Any], summary: dict[str, Any]) -> str:
    lines = [f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {machine()}",
             f"corpus {result['corpus']}: {result['runs'][0]['articles']} articles, {result['rounds']} rounds",
             "", (f"{'setup':<10}{'median s':>10}{'articles/s':>12}{'CPU ms/article':>16}"
                 "   runs (s @ load average before)")]
    for s in summary["setups"]:
        runs = ", ".join(f"{r['seconds']}@{r['load_before']}" for r in result["runs"] if r["setup"] == s)
        lines.append(f"{s:<10}{summary['median_seconds'][s]:>10.1f}{summary['articles_per_s'][s]:>12.2f}"
                     f"{summary['cpu_ms_per_article'][s]:>16.1f}   {runs}")
    lines += ["",
              f"2 workers / 1 worker throughput: {summary['ratio_2_workers_to_1']:.2f}",
              (f"dask with 1 worker vs single process: {100 * summary['dask_1_overhead_vs_single']:+.1f}% time, "
              f"{100 * summary['dask_1_cpu_overhead_vs_single']:+.1f}% CPU (driver + workers)"),
              *([f"2 workers into s3:// (local moto server) / into a local folder: "
                 f"{summary['s3_time_vs_local_2_workers']:.2f} x the time"]
                if summary["s3_time_vs_local_2_workers"] else []),
              (f"read + language id (on workers): {result['driver']['read_cpu_ms_per_article']} ms CPU/article; "
               f"judging (driver): {result['driver']['judge_cpu_ms_per_article']} ms CPU/article; "
               f"driver CPU during 2-worker runs: {summary['driver_cpu_ms_per_article_in_dask_runs']} ms/article"),
              "peak RSS per worker (MiB): " + "; ".join(
                  f"{name}: {', '.join(str(w['peak_rss_mb']) for w in ws)}" for name, ws in result["workers"].items()),
              (f"driver peak RSS {result['driver_peak_rss_mb']} MiB (it also ran the single-process path); "
               f"warm-up {result['warmup_seconds']} s")]
    return "\n".join(lines)


PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "html" / "trafilatura_eval" / "html"


def build_warc(folder: Path) -> Path:
    """Write the trafilatura evaluation pages (about half of them German) as one uncompressed WARC."""
    import gzip
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = folder / "pages.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for page in sorted(PAGES.glob("*.html.gz")):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{page.name[:-3]}", "response",
                                                          payload=io.BytesIO(gzip.decompress(page.read_bytes())),
                                                          http_headers=http))
    return path


def measure_reading(rounds: int) -> str:
    """Time a 2-worker ingest of a WARC of pages read by the driver (standard input) and by the workers."""
    import dask
    import distributed

    from newsevents.config import load_options
    from newsevents.scale import ingest_cluster
    from newsevents.scale.cluster import local_config

    options = load_options(config_file=None)
    work = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    warc = build_warc(work)
    lines = [f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {machine()}",
             f"{warc.name}: {len(list(PAGES.glob('*.html.gz')))} pages, {warc.stat().st_size >> 20} MiB, 2 workers",
             "", f"{'who reads':<16}{'seconds':>9}{'driver CPU s':>14}   runs (s @ load average before)"]
    with (dask.config.set(local_config()),
          distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0",
                                   silence_logs=logging.ERROR) as cluster):
        ingest_cluster([str(corpus_file(default_corpus(), 5, work))], str(work / "warm"), options,
                       progress=False, address=cluster.scheduler_address)
        runs: dict[str, list[tuple[float, float, float]]] = {"driver (stdin)": [], "workers": []}
        for r in range(rounds):
            for who in (list(runs) if r % 2 == 0 else list(runs)[::-1]):
                load = os.getloadavg()[0]
                started, cpu = time.perf_counter(), time.process_time()
                with warc.open("rb") as stdin:
                    ingest_cluster(["-" if who.startswith("driver") else str(warc)], str(work / f"{r}-{who[:6]}"),
                                   options, progress=False, address=cluster.scheduler_address, stdin=stdin)
                runs[who].append((time.perf_counter() - started, time.process_time() - cpu, load))
    for who, got in runs.items():
        lines.append(f"{who:<16}{statistics.median(g[0] for g in got):>9.1f}"
                     f"{statistics.median(g[1] for g in got):>14.1f}   "
                     + ", ".join(f"{g[0]:.1f}@{g[2]:.2f}" for g in got))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-s3", action="store_true", help="skip the run into an s3:// store")
    parser.add_argument("--warc", action="store_true", help="compare driver and worker reading on a WARC of pages")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    if args.warc:
        logging.getLogger("distributed").setLevel(logging.ERROR)
        print(measure_reading(args.rounds))
        return 0
    work = Path(tempfile.mkdtemp(prefix="newsevents-corpus-"))
    corpus = corpus_file(args.corpus, args.limit, work)
    if args.no_s3 or importlib.util.find_spec("moto") is None or importlib.util.find_spec("s3fs") is None:
        result = measure(corpus, args.rounds)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "store"))
        from moto_s3 import s3_server

        with s3_server() as s3:
            result = measure(corpus, args.rounds, s3)
    summary = summarise(result)
    print(json.dumps({**result, "summary": summary}, indent=2) if args.json else as_text(result, summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
