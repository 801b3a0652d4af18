"""Measure the actors stage against parsing on Reuters stories: ``python tests/actors/actor_speed.py [N]``.

Prints the seconds spent parsing (spaCy, batched, as the pipeline does) and in the actors stage on the
same documents, and their ratio; ``test_actor_speed.py`` pins a ceiling on the ratio.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsevents.config import load_options
from newsevents.model import Article, Document
from newsevents.registry import get_stage

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpora" / "reuters21578_sample.jsonl"


def measure(n: int = 200, corpus: Path = CORPUS) -> tuple[int, float, float, int]:
    """Return (documents, parse seconds, actors seconds, actor mentions) over the first ``n`` stories."""
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    options = load_options(config_file=None)
    clean, parse, actors = (get_stage(s).factory(options) for s in ("clean", "parse", "actors"))
    docs = [
        clean(
            Document(
                article=Article.from_text(r["text"], published=r.get("publication_date")), text=r["text"]
            )
        )
        for r in rows
    ]
    parse.nlp("warm up")  # the model loads outside the timing
    started = time.perf_counter()
    docs = list(parse.pipe(docs))
    parsed = time.perf_counter()
    mentions = sum(len(actors(doc).actors) for doc in docs)
    done = time.perf_counter()
    return len(docs), parsed - started, done - parsed, mentions


def main(argv: list[str]) -> None:
    n, parse_s, actors_s, mentions = measure(int(argv[0]) if argv else 200)
    sys.stdout.write(
        f"{n} stories: parse {parse_s:.2f} s, actors {actors_s:.2f} s "
        f"({actors_s / parse_s:.1%} of parse, {1000 * actors_s / n:.1f} ms/story), {mentions} actor mentions\n"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
