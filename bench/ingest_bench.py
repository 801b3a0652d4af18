"""Measure ingestion: HTML main text against plain trafilatura, throughput against spaCy, peak memory.

    python bench/ingest_bench.py html          # snippet scores on ../shared/data/html/trafilatura_eval
    python bench/ingest_bench.py throughput    # ingest of the Reuters sample vs spaCy parsing alone
    python bench/ingest_bench.py memory        # peak RSS of ingest at 1,000 and 20,000 articles
    python bench/ingest_bench.py all --json

HTML: the share of ``with`` snippets found and of ``without`` snippets absent in the extracted text,
for newsevents and for trafilatura (default and precision settings) on the same pages in the same
run. Throughput: articles/s of ``ingest`` (the full default pipeline, into a fresh store) and the
ratio of its time to spaCy's ``nlp.pipe`` alone on the same texts. Memory: each size runs in its own
process (so peaks do not mix); the texts are Reuters stories with their words shuffled per copy, so
every copy is a distinct article and not a near-duplicate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import REUTERS, load_rows, published

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SNIPPETS = SHARED / "html" / "trafilatura_eval" / "snippets.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split())


def snippet_scores(pages: list[tuple[str, list[str], list[str]]]) -> dict[str, float]:
    """Return the share of `with` snippets found and of `without` snippets absent."""
    found = total_with = absent = total_without = 0
    for text, with_, without in pages:
        text = _norm(text)
        found += sum(_norm(s) in text for s in with_)
        absent += sum(_norm(s) not in text for s in without)
        total_with += len(with_)
        total_without += len(without)
    return {"with_found": round(found / max(total_with, 1), 3),
            "without_absent": round(absent / max(total_without, 1), 3), "pages": len(pages)}


def bench_html() -> dict[str, Any]:
    import trafilatura

    from newsevents.clean.html import extract_html

    rows = [json.loads(line) for line in SNIPPETS.open(encoding="utf-8") if line.strip()]
    runs: dict[str, list[tuple[str, list[str], list[str]]]] = {"newsevents": [], "trafilatura": [],
                                                               "trafilatura_precision": []}
    seconds = dict.fromkeys(runs, 0.0)
    for row in rows:
        raw = gzip.decompress((SNIPPETS.parent / row["html_path"]).read_bytes())
        with_ = [s for s in row["gold"].get("with") or [] if s]
        without = [s for s in row["gold"].get("without") or [] if s]
        for name, run in (("newsevents", lambda raw=raw: extract_html(raw).text),
                          ("trafilatura", lambda raw=raw: trafilatura.extract(raw) or ""),
                          ("trafilatura_precision",
                           lambda raw=raw: trafilatura.extract(raw, favor_precision=True) or "")):
            started = time.perf_counter()
            text = run()
            seconds[name] += time.perf_counter() - started
            runs[name].append((text, with_, without))
    return {name: {**snippet_scores(pages), "seconds": round(seconds[name], 1)}
            for name, pages in runs.items()}


def bench_throughput(limit: int | None) -> dict[str, Any]:
    from newsevents.config import load_options
    from newsevents.ingest import ingest
    from newsevents.nlp import load_model

    rows = load_rows(REUTERS, limit)
    options = load_options(config_file=None)
    nlp = load_model(options.model)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps({"id": row["id"], "text": row["text"], "title": row.get("title"),
                                     "published": published(row)}) + "\n")
        texts = [row["text"] for row in rows]
        for _ in nlp.pipe(texts[:50], batch_size=options.batch_size):  # first calls pay lazy loading
            pass

        def spacy_alone() -> float:
            started = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=options.batch_size):
                pass
            return time.perf_counter() - started

        # spaCy before and after the ingest, so drift in machine load hits both sides alike.
        spacy_before = spacy_alone()
        started = time.perf_counter()
        counts = ingest([str(corpus)], str(Path(tmp) / "store"), options, progress=False)
        ingest_seconds = time.perf_counter() - started
        spacy_seconds = (spacy_before + spacy_alone()) / 2
        started = time.perf_counter()
        light = ingest([str(corpus)], str(Path(tmp) / "store-clean"), options.replace(stages=("clean",)),
                       progress=False)
        clean_seconds = time.perf_counter() - started
    return {
        "articles": len(rows), "counts": counts, "ingest_seconds": round(ingest_seconds, 1),
        "ingest_articles_per_s": round(len(rows) / ingest_seconds, 1),
        "spacy_seconds": round(spacy_seconds, 1),
        "ratio_ingest_to_spacy": round(ingest_seconds / spacy_seconds, 2),
        "read_judge_store_only_articles_per_s": round(light["read"] / clean_seconds, 1),
    }


def write_grown(path: Path, size: int) -> None:
    """Write ``size`` distinct articles: Reuters stories, words shuffled per copy after the first."""
    rows = load_rows(REUTERS)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            row = rows[i % len(rows)]
            words = row["text"].split()
            if i >= len(rows):
                random.Random(i).shuffle(words)
            fh.write(json.dumps({"id": f"{row['id']}-{i}", "text": " ".join(words)}) + "\n")


MEMORY_RUN = """
import json, resource, sys, time
from newsevents.config import load_options
from newsevents.ingest import ingest
options = load_options(config_file=None)
stages = sys.argv[3].split(",") if sys.argv[3] != "all" else None
if stages:
    options = options.replace(stages=tuple(stages))
started = time.perf_counter()
counts = ingest([sys.argv[1]], sys.argv[2], options, progress=False)
print(json.dumps({"seconds": round(time.perf_counter() - started, 1), "read": counts["read"],
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def bench_memory(sizes: list[int], stages: str) -> dict[str, Any]:
    out: dict[str, Any] = {"stages": stages}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"corpus-{size}.jsonl"
            write_grown(corpus, size)
            store = str(Path(tmp) / f"s{size}")
            result = subprocess.run([sys.executable, "-c", MEMORY_RUN, str(corpus), store, stages],
                                    capture_output=True, text=True, check=True)
            out[str(size)] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["html", "throughput", "memory", "all"], nargs="?", default="all")
    parser.add_argument("--limit", type=int, help="throughput: use only the first N Reuters stories")
    parser.add_argument("--sizes", default="1000,20000", help="memory: corpus sizes (default 1000,20000)")
    parser.add_argument("--stages", default="clean",
                        help="memory: stages to run, comma-separated, or 'all' (default: clean, so "
                             "20,000 articles take minutes, not hours; reading, judging and storing stream)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    if args.what in ("html", "all"):
        report["html"] = bench_html()
    if args.what in ("throughput", "all"):
        report["throughput"] = bench_throughput(args.limit)
    if args.what in ("memory", "all"):
        report["memory"] = bench_memory([int(s) for s in args.sizes.split(",")], args.stages)
    report["peak_rss_mb_this_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
