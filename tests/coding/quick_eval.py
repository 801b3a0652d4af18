"""Quick scores of the event coder on the shared gold files (a stop-gap until `newsevents eval events`).

    python tests/coding/quick_eval.py [../shared/data/events]

PLOVER GSR: event type per sentence (gold PLOVER 0.5 names normalised to PLOVER 2021 names).
PETRARCH validation: CAMEO root per sentence, and root + source/target country.
Micro precision/recall/F1 over unique (sentence, label) pairs.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from newsevents.coding.codebook import codebook
from newsevents.coding.status import classic_code
from newsevents.config import load_options
from newsevents.errors import PipelineError
from newsevents.model import Article, Document
from newsevents.pipeline import Pipeline

log = logging.getLogger("quick_eval")
OLD_TO_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO 163 (sanctions) is COERCE in the 2021 table but SANCTION in PLOVER 0.5, which the gold uses.
SANCTION_CODES = ("163",)


def build_pipeline() -> tuple[Pipeline | None, str]:
    try:
        opts = load_options().replace(stages=("clean", "parse", "actors", "events", "status", "attribution"))
        return Pipeline(opts), "actors stage"
    except (PipelineError, ImportError) as exc:
        log.warning("no actors stage (%s); using the test stub tagger", exc)
        return None, "stub actors"


def run(texts: list[str]) -> list[Document]:
    pipe, _ = build_pipeline()
    if pipe is not None:
        return [r for r in pipe.run([Article.from_text(t) for t in texts]) if isinstance(r, Document)]
    sys.path.insert(0, str(Path(__file__).parent))
    import coding_fixtures as helpers

    helpers.ACTORS.update(dictionary_names())

    from newsevents.coding.attribution import attribute
    from newsevents.coding.coder import code_document
    from newsevents.coding.status import assign_status
    from newsevents.nlp import load_model

    nlp = load_model(load_options().model)
    docs = []
    for t in texts:
        d = helpers.parsed(nlp, t)
        d.events = code_document(d)
        assign_status(d)
        attribute(d)
        docs.append(d)
    return docs


def dictionary_names() -> dict[str, tuple[str, str | None, str | None]]:
    """Names, demonyms, capitals and agent nouns from the actors data files (stub tagging only)."""
    data = Path(__file__).resolve().parents[2] / "newsevents" / "data" / "actors"
    out: dict[str, tuple[str, str | None, str | None]] = {}
    countries = data / "countries.tsv"
    if countries.exists():
        for line in countries.open(encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 7 or f[0] == "code":
                continue
            code = f[0]
            for name in filter(None, f[3].split("|") + f[4].split("|")):
                out.setdefault(name, (code, code, None))
            for cap in filter(None, f[5].split("|") + f[6].split("|")):
                out.setdefault(cap, (code + "GOV", code, "GOV"))
    agents = data / "agents.tsv"
    if agents.exists():
        for line in agents.open(encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 2 or f[0] == "forms":
                continue
            for form in filter(None, f[0].split("|")):
                out.setdefault(form, ("---" + f[1], None, f[1]))
    return out


def prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp}, pred={npred}, gold={ngold})"


def plover_of(e, classic: bool = False) -> str | None:
    code = classic_code(e.cameo, e.status) if classic else e.cameo
    if code in SANCTION_CODES:
        return "SANCTION"
    return codebook()[code].plover


def root_of(e, classic: bool = False) -> str:
    return (classic_code(e.cameo, e.status) if classic else e.cameo)[:2]


def eval_gsr(path: Path) -> None:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = run([r["text"] for r in rows])
    for classic in (False, True):
        _score_gsr(rows, docs, classic)


def _score_gsr(rows, docs, classic: bool) -> None:
    tp = npred = ngold = 0
    tp_first = 0
    for row, doc in zip(rows, docs, strict=True):
        gold = OLD_TO_2021.get(row["gold"]["event"], row["gold"]["event"])
        pred = {plover_of(e, classic) for e in doc.events if not e.claims and plover_of(e, classic)}
        ngold += 1
        npred += len(pred)
        tp += gold in pred
        first = max(doc.events, key=lambda e: e.confidence, default=None) if doc.events else None
        tp_first += bool(first is not None and plover_of(first, classic) == gold)
        if "-fp" in sys.argv and classic and pred - {gold}:
            print(f"  EXTRA {gold:9} extra={sorted(pred - {gold})} | {row['text'][:110]}")
        if "-v" in sys.argv and gold not in pred and classic:
            print(f"  MISS {gold:9} pred={sorted(pred)} | {row['text'][:110]}")
    mode = "classic CAMEO reading of status" if classic else "own codes"
    print(f"PLOVER GSR ({len(rows)} sentences), event type, {mode}: {prf(tp, npred, ngold)}")
    print(f"  top-confidence event type accuracy: {tp_first / len(rows):.3f}")


def eval_petrarch(path: Path) -> None:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = run([r["text"] for r in rows])
    for classic in (False, True):
        _score_petrarch(rows, docs, classic)


def _score_petrarch(rows, docs, classic: bool) -> None:
    scores = {"root": [0, 0, 0], "root+dyad": [0, 0, 0]}
    right = with_events = quiet = no_events = 0
    for row, doc in zip(rows, docs, strict=True):
        gold_roots = {e["cameo"][:2] for e in row["gold"]["events"]}
        gold_dyads = {
            (e["cameo"][:2], (e["source"] or "")[:3], (e["target"] or "")[:3]) for e in row["gold"]["events"]
        }
        evs = [e for e in doc.events if not e.claims]
        pred_roots = {root_of(e, classic) for e in evs}
        pred_dyads = {
            (
                root_of(e, classic),
                (e.source.country or "") if e.source else "",
                (e.target.country or "") if e.target else "",
            )
            for e in evs
        }
        if gold_roots:
            with_events += 1
            top = max(evs, key=lambda e: e.confidence, default=None)
            right += top is not None and root_of(top, classic) in gold_roots
        else:
            no_events += 1
            quiet += not evs
        for key, g, p in (("root", gold_roots, pred_roots), ("root+dyad", gold_dyads, pred_dyads)):
            scores[key][0] += len(g & p)
            scores[key][1] += len(p)
            scores[key][2] += len(g)
        if "-v" in sys.argv and gold_roots != pred_roots and classic:
            print(f"  gold={sorted(gold_dyads)} pred={sorted(pred_dyads)} | {row['text'][:110]}")
    for key, (tp, npred, ngold) in scores.items():
        mode = "classic" if classic else "own"
        print(f"PETRARCH validation ({len(rows)} sentences), {key} ({mode}): {prf(tp, npred, ngold)}")
    print(
        f"  top-confidence root right in {right}/{with_events} sentences with events; "
        f"no event in {quiet}/{no_events} sentences expecting none"
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    folder = Path(next((a for a in sys.argv[1:] if not a.startswith("-")), "../shared/data/events"))
    print("actors:", build_pipeline()[1])
    eval_gsr(folder / "plover_gsr.jsonl")
    eval_petrarch(folder / "petrarch_validation.jsonl")
