"""The quality gate: score the dev gold files and fail when a score drops below its pinned floor.

Run from the repository (this is what .ci/run calls)::

    python -m newsevents.eval.gate --data ../shared/data          # check; exit 1 on a drop
    python -m newsevents.eval.gate --data ../shared/data --pin    # re-pin eval/floors.json to today's scores

Floors live in eval/floors.json: one entry per gold file with its task, the rows it uses (``limit``,
the first N rows, so the gate stays within a few minutes on two cores), ``floors`` for figures where
higher is better (every F1 over at least 30 gold items, and every single-figure rate) and
``ceilings`` for those where lower is better (false events per document). Floors sit 0.01 below
the score measured when pinned, which is kept beside them under ``measured``. Without the gold
folder the gate says it skipped and exits 0; a gold file missing from it is a failure.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from newsevents.errors import NewseventsError
from newsevents.eval import EvalReport, run_eval
from newsevents.eval.metrics import PRF

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FLOORS = REPO / "eval" / "floors.json"
DEFAULT_DATA = REPO.parent / "shared" / "data"
MARGIN = 0.01

# Figures where a smaller number is better; they are pinned as ceilings.
LOWER_IS_BETTER = frozenset({"false_events_per_doc"})
# Reported but not gated: a median of mostly exact hits moves in jumps that say little, and the
# PETRARCH file has only 12 no-event sentences (one sentence moves the share by 0.08).
NOT_GATED = frozenset({"median_error_km", "no_event_docs_clean"})
# An F1 over fewer gold items than this is reported but not pinned (e.g. TIME timexes: 8 in AQUAINT).
MIN_SUPPORT = 30

# What --pin scores. Limits keep the whole gate to a few minutes on two cores.
DEV_FILES: tuple[tuple[str, str, int | None], ...] = (
    ("events", "events/plover_gsr.jsonl", None),
    ("events", "events/petrarch_validation.jsonl", None),
    ("time", "time/timebank.jsonl", None),
    ("time", "time/aquaint.jsonl", None),
    ("geo", "geo/lgl.jsonl", 300),  # the full file takes 80 s; its first half keeps the gate near 2 minutes
    ("geo", "geo/tr_news.jsonl", None),
    ("html", "html/trafilatura_eval/snippets.jsonl", None),
)

Runner = Callable[..., EvalReport]


@dataclass
class Check:
    """One figure of one gold file compared with its pinned bound."""

    gold: str
    metric: str
    value: float | None
    bound: float
    lower_is_better: bool

    @property
    def ok(self) -> bool:
        if self.value is None:
            return False
        if self.lower_is_better:
            return self.value <= self.bound + 1e-9
        return self.value >= self.bound - 1e-9

    def line(self) -> str:
        shown = "missing" if self.value is None else f"{self.value:.4f}"
        op = "<=" if self.lower_is_better else ">="
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.gold}  {self.metric} {shown} {op} {self.bound}"


def compare(gold: str, scores: dict[str, float], entry: dict[str, Any]) -> list[Check]:
    """Compare a report's flat scores with an entry's floors and ceilings."""
    floors, ceilings = entry.get("floors", {}), entry.get("ceilings", {})
    checks = [Check(gold, m, scores.get(m), float(b), False) for m, b in sorted(floors.items())]
    checks += [Check(gold, m, scores.get(m), float(b), True) for m, b in sorted(ceilings.items())]
    return checks


def pin(report: EvalReport, margin: float = MARGIN) -> dict[str, dict[str, float]]:
    """Return floors (score minus margin, rounded down) and ceilings (plus slack, rounded up).

    Of a precision/recall/F1 triple only F1 is pinned, so trading one for the other is allowed; an
    F1 over fewer than MIN_SUPPORT gold items is not pinned, since one item moves it by more than
    the margin. A per-document ceiling allows two more items over the file.
    """
    small = {f"{name}.f1" for name, value in report.metrics.items()
             if isinstance(value, PRF) and value.tp + value.fn < MIN_SUPPORT}
    floors, ceilings = {}, {}
    for metric, value in sorted(report.scores().items()):
        if metric in NOT_GATED or metric in small or metric.endswith((".precision", ".recall")):
            continue
        if metric in LOWER_IS_BETTER:
            slack = max(margin, 2 / max(report.documents, 1))
            ceilings[metric] = math.ceil(round((value + slack) * 1000, 6)) / 1000
        else:
            floors[metric] = max(0.0, math.floor(round((value - margin) * 1000, 6)) / 1000)
    return {"floors": floors, "ceilings": ceilings}


def load_floors(path: Path) -> dict[str, Any]:
    """Read floors.json; a missing or malformed file is an error naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewseventsError(f"{path}: cannot read floors ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise NewseventsError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data.get("files"), list):
        raise NewseventsError(f"{path}: expected a 'files' list")
    return data


def run_gate(data: Path, floors: dict[str, Any], *, runner: Runner = run_eval,
             out: Callable[[str], None] = print) -> bool:
    """Score every pinned gold file under ``data``; return True when no figure fell below its bound."""
    passed = True
    for entry in floors["files"]:
        gold = str(entry["gold"])
        path = data / gold
        if not path.exists():
            out(f"FAIL  {gold}: gold file missing under {data}")
            passed = False
            continue
        started = perf_counter()
        try:
            report = runner(entry["task"], str(path), by=None, errors=0, limit=entry.get("limit"))
        except NewseventsError as exc:
            out(f"FAIL  {gold}: {entry['task']} evaluation failed: {exc}")
            passed = False
            continue
        checks = compare(gold, report.scores(), entry)
        bad = [c for c in checks if not c.ok]
        subset = f", first {entry['limit']} rows" if entry.get("limit") else ""
        out(f"{'ok  ' if not bad else 'FAIL'}  {gold} ({entry['task']}{subset}): {len(checks) - len(bad)}/"
            f"{len(checks)} figures at or above their floors, {perf_counter() - started:.0f} s")
        for c in bad:
            out("      " + c.line())
        passed = passed and not bad
    return passed


def pin_all(data: Path, *, margin: float = MARGIN, runner: Runner = run_eval,
            out: Callable[[str], None] = print) -> dict[str, Any]:
    """Score every dev file that runs and return a floors document pinned at today's scores."""
    files, pending = [], []
    for task, gold, limit in DEV_FILES:
        path = data / gold
        if not path.exists():
            pending.append({"task": task, "gold": gold, "reason": "gold file missing"})
            continue
        try:
            report = runner(task, str(path), by=None, errors=0, limit=limit)
        except NewseventsError as exc:
            out(f"not pinned: {gold}: {exc}")
            pending.append({"task": task, "gold": gold, "reason": str(exc)})
            continue
        out(f"pinned {gold}: {json.dumps(report.scores())} ({report.seconds:.0f} s)")
        files.append({"task": task, "gold": gold, "limit": limit, "measured": report.scores(),
                      **pin(report, margin)})
    return {
        "about": "Quality floors for `python -m newsevents.eval.gate`; re-pin with --pin after a real "
                 "improvement. 'limit' = first N rows of the file; 'measured' = the scores when pinned.",
        "margin": margin,
        "files": files,
        "pending": pending,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate (or re-pin with --pin); return the process exit code."""
    ap = argparse.ArgumentParser(prog="python -m newsevents.eval.gate", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the gold data folder (../shared/data)")
    ap.add_argument("--floors", type=Path, default=DEFAULT_FLOORS, help="the floors file (eval/floors.json)")
    ap.add_argument("--pin", action="store_true", help="score the dev files and rewrite the floors file")
    ap.add_argument("--margin", type=float, default=MARGIN, help="slack below today's score when pinning")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no gold data at {args.data}")
        return 0
    started = perf_counter()
    try:
        if args.pin:
            doc = pin_all(args.data, margin=args.margin)
            args.floors.parent.mkdir(parents=True, exist_ok=True)
            args.floors.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {args.floors} ({len(doc['files'])} files pinned, {len(doc['pending'])} pending)")
            return 0
        passed = run_gate(args.data, load_floors(args.floors))
    except NewseventsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"quality gate {'passed' if passed else 'FAILED'} in {perf_counter() - started:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
