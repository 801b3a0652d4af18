"""Score the event coder on the shared gold files with the issue's per-sentence figures.

    python tests/coding/quick_eval.py [../shared/data/events] [--limit N] [-v [--classic]]

Runs the default pipeline once per gold file and scores its events with the harness's own scorer
(newsevents.eval.events.score_events: one-to-one pairing of gold and system events per sentence), twice:
- "own": the coder's codes as emitted (a planned visit is CONSULT with status "planned");
- "classic": the classic CAMEO reading of status (status.classic_code: a planned or promised cooperative
  act is an intent, 03x/AGREE; a planned hostile act a threat, 13x/THREATEN; a refused cooperative act a
  rejection, 12x/REJECT), which is how both gold files were annotated.
-v lists the misses of the own reading (--classic: of the classic one). Statements (01x) are kept: the
PETRARCH file codes some (PLOVER has no statement type, so the scorer leaves them out of PLOVER files).
`newsevents eval events` reports the same two readings (the `classic_*` rows).

Figures: PLOVER GSR found = share of gold events (one per sentence) with a system event of the gold type;
+countries = also source and target countries; false/sentence = unpaired system events per sentence.
PETRARCH root recall = share of gold events whose CAMEO root is found; no-event clean = share of
sentences expecting no event where none is coded.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from newsevents.eval.events import score_events, sys_event
from newsevents.eval.gold import read_event_gold
from newsevents.eval.system import build_pipeline
from newsevents.model import Article

log = logging.getLogger("quick_eval")


def score_file(path: Path, limit: int | None) -> dict[str, dict[str, float]]:
    """Return the figures of both readings on one gold file."""
    docs = read_event_gold(str(path), limit)
    pipe = build_pipeline("events")
    arts = [
        Article.from_text(d.text, published=(d.published or None) and d.published[:10], input_id=d.id)
        for d in docs
    ]
    events = [list(getattr(r, "events", None) or []) for r in pipe.run(arts)]
    system = [[sys_event(e) for e in evs] for evs in events]
    out = {}
    for reading in ("own", "classic"):
        if reading == "classic":
            system = [[s.classic() for s in evs] for evs in system]
        metrics, _, misses = score_events(docs, system)
        row = {
            "found": metrics["event"].recall,
            "found+countries": metrics["event+countries"].recall,
            "precision": metrics["event"].precision,
            "false_per_sentence": metrics["false_events_per_doc"],
        }
        if "no_event_docs_clean" in metrics:
            row["no_event_clean"] = metrics["no_event_docs_clean"]
        out[reading] = row
        if "-v" in sys.argv and reading == ("classic" if "--classic" in sys.argv else "own"):
            for m in misses:
                print(f"  {m.doc_id} {m.kind:12} {m.detail} | {m.context[:200]}")
    return out


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    if limit is not None:
        args = [a for a in args if a != str(limit)]
    folder = Path(args[0] if args else "../shared/data/events")
    for name in ("plover_gsr.jsonl", "petrarch_validation.jsonl"):
        for reading, row in score_file(folder / name, limit).items():
            print(f"{name:28} {reading:8} " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()))
