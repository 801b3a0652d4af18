"""Measure the full pipeline against spaCy parsing alone on the same texts, in the same process.

    python bench/throughput.py                      # Reuters sample (../shared/data) or the demo corpus
    python bench/throughput.py --limit 200 --rounds 3 --json

Rounds interleave the two runs (spaCy alone, then the pipeline; the order flips every round) so
that machine noise hits both alike; the figure to compare across machines is the ratio of the
median times, pipeline / spaCy alone. Also reported: articles/s and words/s, seconds per stage
(from Pipeline.run's ``timings``) and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus, load_rows, published, words

from newsevents.config import load_options
from newsevents.model import Article
from newsevents.nlp import load_model
from newsevents.pipeline import Pipeline


def machine() -> str:
    """Describe the machine: CPU model, logical CPUs, OS and Python version."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()}, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def articles_of(rows: list[dict[str, Any]]) -> list[Article]:
    return [Article.from_text(r["text"], published=published(r), input_id=str(r.get("id")),
                              title=r.get("title")) for r in rows]


def time_spacy(nlp: Any, texts: list[str], batch_size: int) -> tuple[float, float]:
    """Return wall and CPU seconds of parsing the texts with spaCy alone."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started, time.process_time() - cpu_started


def time_pipeline(
    pipe: Pipeline, rows: list[dict[str, Any]], timings: dict[str, float]
) -> tuple[float, float, int]:
    """Return wall and CPU seconds of the full pipeline over the rows, and how many were quarantined."""
    articles = articles_of(rows)
    started, cpu_started = time.perf_counter(), time.process_time()
    quarantined = sum(1 for r in pipe.run(articles, timings=timings) if not hasattr(r, "events"))
    return time.perf_counter() - started, time.process_time() - cpu_started, quarantined


def measure(corpus: Path, limit: int | None, rounds: int, warmup: int) -> dict[str, Any]:
    """Run the interleaved rounds and return every figure."""
    options = load_options()
    rows = load_rows(corpus, limit)
    texts = [r["text"] for r in rows]
    n_words = sum(words(t) for t in texts)
    load_started = time.perf_counter()
    pipe = Pipeline(options)
    nlp = load_model(options.model)
    load_s = time.perf_counter() - load_started
    time_spacy(nlp, texts[:warmup], options.batch_size)  # first calls pay lazy loading (data files, vectors)
    time_pipeline(pipe, rows[:warmup], {})

    spacy_s: list[float] = []
    spacy_cpu: list[float] = []
    pipe_s: list[float] = []
    pipe_cpu: list[float] = []
    stages: list[dict[str, float]] = []
    quarantined = 0
    for round_no in range(rounds):
        timings: dict[str, float] = {}
        if round_no % 2 == 0:
            wall, cpu = time_spacy(nlp, texts, options.batch_size)
            elapsed, elapsed_cpu, quarantined = time_pipeline(pipe, rows, timings)
        else:
            elapsed, elapsed_cpu, quarantined = time_pipeline(pipe, rows, timings)
            wall, cpu = time_spacy(nlp, texts, options.batch_size)
        spacy_s.append(wall)
        spacy_cpu.append(cpu)
        pipe_s.append(elapsed)
        pipe_cpu.append(elapsed_cpu)
        stages.append(timings)
        logging.getLogger("bench").info("round %d: spaCy %.2f s (CPU %.2f), pipeline %.2f s (CPU %.2f)",
                     round_no + 1, wall, cpu, elapsed, elapsed_cpu)

    med_spacy, med_pipe = statistics.median(spacy_s), statistics.median(pipe_s)
    stage_median = {name: statistics.median(t.get(name, 0.0) for t in stages) for name in pipe.stage_names}
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "corpus": str(corpus),
        "articles": len(rows),
        "words": n_words,
        "rounds": rounds,
        "batch_size": options.batch_size,
        "model": options.model,
        "stages": pipe.stage_names,
        "load_seconds": round(load_s, 2),
        "spacy_seconds": [round(s, 3) for s in spacy_s],
        "pipeline_seconds": [round(s, 3) for s in pipe_s],
        "spacy_articles_per_s": round(len(rows) / med_spacy, 2),
        "spacy_words_per_s": round(n_words / med_spacy),
        "pipeline_articles_per_s": round(len(rows) / med_pipe, 2),
        "pipeline_words_per_s": round(n_words / med_pipe),
        "ratio_pipeline_to_spacy": round(med_pipe / med_spacy, 2),
        "spacy_cpu_seconds": [round(s, 3) for s in spacy_cpu],
        "pipeline_cpu_seconds": [round(s, 3) for s in pipe_cpu],
        "cpu_ratio_pipeline_to_spacy": round(statistics.median(pipe_cpu) / statistics.median(spacy_cpu), 2),
        "stage_seconds": {k: round(v, 3) for k, v in stage_median.items()},
        "quarantined": quarantined,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def as_text(r: dict[str, Any]) -> str:
    total = sum(r["stage_seconds"].values()) or 1.0
    lines = [
        f"{r['date']}  {r['machine']}",
        f"corpus {r['corpus']}: {r['articles']} articles, {r['words']} words; {r['rounds']} rounds, "
        f"batch {r['batch_size']}, model {r['model']} (pipeline and model load {r['load_seconds']} s)",
        "",
        f"{'':<16}{'median s':>10}{'articles/s':>12}{'words/s':>10}",
        f"{'spaCy alone':<16}{statistics.median(r['spacy_seconds']):>10.2f}{r['spacy_articles_per_s']:>12.1f}"
        f"{r['spacy_words_per_s']:>10}",
        f"{'full pipeline':<16}{statistics.median(r['pipeline_seconds']):>10.2f}"
        f"{r['pipeline_articles_per_s']:>12.1f}{r['pipeline_words_per_s']:>10}",
        f"ratio pipeline / spaCy alone: {r['ratio_pipeline_to_spacy']} (wall), "
        f"{r['cpu_ratio_pipeline_to_spacy']} (CPU time, less sensitive to other load on the machine)",
        f"peak RSS: {r['peak_rss_mb']} MiB; quarantined: {r['quarantined']}",
        "",
        "median seconds per stage:",
    ]
    lines += [f"  {k:<12}{v:>8.2f}  {100 * v / total:5.1f}%" for k, v in r["stage_seconds"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None, help="JSON Lines corpus (default: Reuters sample, "
                    "else the demo corpus)")
    ap.add_argument("--limit", type=int, default=300, help="articles from the corpus (default 300)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    ap.add_argument("--warmup", type=int, default=20, help="articles run once before timing")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("newsevents").setLevel(logging.ERROR)  # per-article warnings would drown the figures
    result = measure(args.corpus or default_corpus(), args.limit, max(1, args.rounds), args.warmup)
    print(json.dumps(result, indent=2) if args.json else as_text(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
