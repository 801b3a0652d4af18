"""Show that pipeline cost grows linearly with corpus size and memory stays flat.

    python bench/scaling.py                            # 200, 600 and 1,800 articles: about 3 minutes
    python bench/scaling.py --sizes 1000,5000,20000    # the full-scale run: about 25 minutes on 2 cores

Each size runs in a fresh process (so each peak RSS is that run's own), on a corpus grown from the
Reuters sample (or the demo corpus) by repeating it with rotated paragraphs and distinct ids. The
articles stream through Pipeline.run and the results are dropped, as ``ingest`` does with batches.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus, grown, load_rows, published, words


def one_size(corpus: Path, size: int, warmup: int) -> dict[str, Any]:
    """Time the pipeline over ``size`` grown articles in this process and return the figures."""
    from throughput import peak_rss_mb

    from newsevents.config import load_options
    from newsevents.model import Article
    from newsevents.pipeline import Pipeline

    rows = load_rows(corpus)
    pipe = Pipeline(load_options())

    def articles(n: int) -> Any:
        for r in grown(rows, n):
            yield Article.from_text(r["text"], published=published(r), input_id=r["id"])

    for _ in pipe.run(articles(warmup)):
        pass
    rss_before = peak_rss_mb()
    n_words = 0
    done = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for result in pipe.run(articles(size)):
        done += 1
        n_words += words(result.article.text)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"size": size, "done": done, "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
            "words": n_words, "cpu_ms_per_1k_words": round(1e6 * cpu / max(n_words, 1), 1),
            "articles_per_s": round(size / elapsed, 2), "words_per_s": round(n_words / elapsed),
            "ms_per_1k_words": round(1e6 * elapsed / max(n_words, 1), 1),
            "peak_rss_before_mb": round(rss_before, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}


def as_text(corpus: Path, results: list[dict[str, Any]]) -> str:
    from throughput import machine

    lines = [f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {machine()}",
             f"corpus grown from {corpus}", "",
             f"{'articles':>9}{'words':>9}{'wall s':>8}{'CPU s':>8}{'articles/s':>12}{'words/s':>9}"
             f"{'CPU ms/1k words':>17}{'peak RSS MiB':>14}{'(after load)':>14}"]
    for r in results:
        lines.append(f"{r['size']:>9}{r['words']:>9}{r['seconds']:>8.1f}{r['cpu_seconds']:>8.1f}"
                     f"{r['articles_per_s']:>12.1f}{r['words_per_s']:>9}{r['cpu_ms_per_1k_words']:>17.1f}"
                     f"{r['peak_rss_mb']:>14.1f}{r['peak_rss_before_mb']:>14.1f}")
    per = [r["cpu_ms_per_1k_words"] for r in results]
    rss = [r["peak_rss_mb"] for r in results]
    if len(results) > 1:
        lines += ["",
                  f"CPU cost per word varies by {100 * (max(per) - min(per)) / min(per):.0f}% across sizes "
                  f"(a constant cost per word means linear growth)",
                  f"peak RSS varies by {max(rss) - min(rss):.0f} MiB across a "
                  f"{results[-1]['size'] // results[0]['size']}x range of sizes"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None, help="JSON Lines corpus to grow from")
    ap.add_argument("--sizes", default="200,600,1800", help="comma-separated corpus sizes")
    ap.add_argument("--warmup", type=int, default=20, help="articles run once before timing")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # child process mode
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    corpus = args.corpus or default_corpus()
    if args.one is not None:
        print(json.dumps(one_size(corpus, args.one, args.warmup)))
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--corpus", str(corpus),
                                "--warmup", str(args.warmup)], capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return child.returncode
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"{size} articles: {results[-1]['seconds']} s", file=sys.stderr)
    print(json.dumps(results, indent=2) if args.json else as_text(corpus, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
