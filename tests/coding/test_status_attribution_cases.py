"""Status and attribution on a hand-written set of sentences: report accuracy and hold it above a floor.

Each line of status_attribution_cases.jsonl gives a sentence, the trigger word of one event, the status
it must have and, for reported events, words the speaker's text must contain and the relays (``via``).
A case is right when some event with that trigger has the status (and speaker and relays, when given).
Cases marked "set": "later" were written after the first round of fixes, as a check on overfitting.

    python tests/coding/test_status_attribution_cases.py     # prints every case and the accuracy
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.model import Article, Document, EventMention

CASES = Path(__file__).with_name("status_attribution_cases.jsonl")
# Measured 0.988 (81/82, as docs/coding.md reports). First runs: 57/68 on the first 68 cases, 6/12 on 12
# cases written after the fixes (their misses were mostly events not coded at all, not wrong statuses).
# Below the floor is a regression.
FLOOR = 0.9


def load_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _right(case: dict[str, Any], event: EventMention) -> bool:
    if event.status != case["status"]:
        return False
    attribution = event.attribution
    if "speaker" in case:
        speaker = attribution.speaker if attribution else None
        if speaker is None or case["speaker"].lower() not in speaker.text.lower():
            return False
    return "via" not in case or (attribution is not None and attribution.via == case["via"])


def judge(case: dict[str, Any], doc: Document) -> tuple[bool, str]:
    """Return whether the document's events satisfy a case, and what was found (for the report)."""
    found = [e for e in doc.events if e.trigger.text.lower() == case["trigger"].lower() and not e.claims]
    seen = (
        "; ".join(
            f"{e.cameo} {e.status}({e.status_cue})"
            + (
                f" by {e.attribution.speaker.text if e.attribution.speaker else None} via {e.attribution.via}"
                if e.attribution
                else ""
            )
            for e in found
        )
        or "no event"
    )
    return any(_right(case, e) for e in found), seen


def run_cases(pipeline: Any) -> list[tuple[dict[str, Any], bool, str]]:
    cases = load_cases()
    docs = list(pipeline.run([Article.from_text(c["text"], published="2024-05-01") for c in cases]))
    return [(c, *judge(c, d)) for c, d in zip(cases, docs, strict=True)]


def test_case_file_covers_every_status_and_nested_reports() -> None:
    kinds = Counter(c["kind"] for c in load_cases())
    assert sum(kinds.values()) >= 60
    for kind in ("asserted", "planned", "intended", "negated", "hypothetical", "alleged", "report"):
        assert kinds[kind] >= 6, kind


def test_status_and_attribution_accuracy_holds_its_floor(pipeline) -> None:
    results = run_cases(pipeline)
    accuracy = sum(ok for _, ok, _ in results) / len(results)
    wrong = [f"{c['text']} -> want {c['status']}, got {seen}" for c, ok, seen in results if not ok]
    print(f"status/attribution accuracy {accuracy:.3f} ({len(results) - len(wrong)}/{len(results)})")
    assert accuracy >= FLOOR, "\n".join(wrong)


if __name__ == "__main__":
    from newsevents.config import load_options
    from newsevents.pipeline import Pipeline

    rows = run_cases(Pipeline(load_options(config_file=None)))
    by_kind: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for case, ok, seen in rows:
        by_kind[case["kind"]] += 1
        right[case["kind"]] += ok
        print(
            f"{'ok ' if ok else 'BAD'} {case['kind']:12} want {case['status']:12} got {seen} | {case['text']}"
        )
    for kind in by_kind:
        print(f"{kind:12} {right[kind]}/{by_kind[kind]}")
    total = sum(right.values())
    print(f"accuracy {total / len(rows):.3f} ({total}/{len(rows)})")
