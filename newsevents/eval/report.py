"""The result of one evaluation run, printable as a table for people or as JSON for programs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from newsevents.eval.metrics import PRF

CONTEXT_CHARS = 60


@dataclass
class Miss:
    """One error worth showing: a gold item not found, a false item, or a wrong value or place.

    ``severity`` orders the list (larger is worse); ``context`` is the text around the item with
    the item itself marked ``[[like this]]``.
    """

    doc_id: str
    kind: str  # missed | false | wrong value | far | page
    detail: str
    context: str
    severity: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "kind": self.kind, "detail": self.detail,
                "context": self.context, "severity": round(self.severity, 3)}


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """Return the text around [start, end) on one line, the span marked with [[ ]]."""
    start, end = max(0, start), min(len(text), end)
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    snippet = f"{before}[[{text[start:end]}]]{after}"
    snippet = " ".join(snippet.split())
    lead = "..." if start > width else ""
    tail = "..." if end + width < len(text) else ""
    return f"{lead}{snippet}{tail}"


@dataclass
class EvalReport:
    """Scores of one task on one gold file: headline metrics, an optional breakdown, the worst misses.

    ``metrics`` maps a metric name to a PRF (counts with precision, recall, F1) or a plain number;
    ``groups`` holds the breakdown by the ``by`` field, one PRF per value of that field.

    >>> r = EvalReport("time", "gold.jsonl", documents=2, metrics={"span": PRF(3, 1, 1), "share": 0.5})
    >>> r.scores()["span.f1"], r.scores()["share"]
    (0.75, 0.5)
    """

    task: str
    gold_path: str
    documents: int
    metrics: dict[str, PRF | float] = field(default_factory=dict)
    by: str | None = None
    groups: dict[str, PRF] = field(default_factory=dict)
    errors: list[Miss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    limit: int | None = None

    def scores(self) -> dict[str, float]:
        """Return every headline figure flat ("span.f1", "value.recall", "within_161km"), as floors use."""
        flat: dict[str, float] = {}
        for name, value in self.metrics.items():
            if isinstance(value, PRF):
                flat[f"{name}.precision"] = value.precision
                flat[f"{name}.recall"] = value.recall
                flat[f"{name}.f1"] = value.f1
            else:
                flat[name] = float(value)
        return flat

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "gold": self.gold_path,
            "documents": self.documents,
            "limit": self.limit,
            "seconds": round(self.seconds, 2),
            "metrics": {k: v.to_dict() if isinstance(v, PRF) else v for k, v in self.metrics.items()},
            "by": self.by,
            "groups": {k: v.to_dict() for k, v in self.groups.items()},
            "errors": [m.to_dict() for m in self.errors],
            "notes": list(self.notes),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Return a plain table: P/R/F1 rows, then single figures, the breakdown and the worst misses."""
        subset = f" (first {self.limit})" if self.limit else ""
        head = f"{self.task}: {self.gold_path}, {self.documents} documents{subset}, {self.seconds:.1f} s"
        lines = [head, ""]
        prf = {k: v for k, v in self.metrics.items() if isinstance(v, PRF)}
        plain = {k: v for k, v in self.metrics.items() if not isinstance(v, PRF)}
        if prf:
            lines.extend(_prf_table("metric", list(prf.items())))
        if plain:
            lines.append("")
            width = max(len(k) for k in plain)
            lines.extend(f"{k:<{width}}  {_number(v)}" for k, v in plain.items())
        if self.by is not None:
            lines += ["", f"by {self.by}:"]
            if self.groups:
                lines.extend(_prf_table(self.by, sorted(self.groups.items())))
            else:
                lines.append(f"  (no items carry a {self.by!r} field)")
        if self.errors:
            lines += ["", f"worst {len(self.errors)} misses:"]
            for m in self.errors:
                lines.append(f"- [{m.doc_id}] {m.kind}: {m.detail}")
                if m.context:
                    lines.append(f"    {m.context}")
        if self.notes:
            lines += [""] + [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def _prf_table(label: str, rows: list[tuple[str, PRF]]) -> list[str]:
    width = max([len(label)] + [len(str(k)) for k, _ in rows])
    out = [f"{label:<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'tp':>6}  {'fp':>6}  {'fn':>6}"]
    out.extend(f"{k!s:<{width}}  {v.precision:6.3f}  {v.recall:6.3f}  {v.f1:6.3f}  "
               f"{v.tp:6d}  {v.fp:6d}  {v.fn:6d}" for k, v in rows)
    return out


def _number(v: float) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)
