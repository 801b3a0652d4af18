"""Score fusion against a gold file of real-world events and the article quotes that report them.

Gold format (``newsevents/data/demo/fusion_gold.jsonl``, one event a line)::

    {"event": "xi-visit-russia", "cameo_root": "04",
     "mentions": [{"article": "demo-002", "quote": "Xi Jinping will visit Russia between March 20 and 22"}]}

A stored mention stands for a gold mention when its trigger lies inside the quote (first occurrence in
the article's text) and its CAMEO root is the gold root. Over the gold mentions found, every pair is a
"same event?" decision: pairwise precision and recall compare the fused events with the gold events,
and B-cubed precision and recall average the same per mention.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError

if TYPE_CHECKING:
    from newsevents.store import Store


@dataclass
class FusionScore:
    """Pairwise and B-cubed precision/recall of fused events over the gold mentions found."""

    gold_mentions: int
    found: int
    pair_precision: float
    pair_recall: float
    bcubed_precision: float
    bcubed_recall: float

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_precision, self.pair_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "pair_f1": round(self.pair_f1, 3)}


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a fusion gold file (JSON Lines); a bad line raises InputError naming file and line."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or "event" not in row or not isinstance(row.get("mentions"), list):
                raise ValueError("needs event and mentions")
        except ValueError as exc:
            raise InputError(f"{path}:{n}", f"not a fusion gold line ({exc})") from None
        rows.append(row)
    return rows


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def score_fusion(store: Store, gold: list[dict[str, Any]]) -> FusionScore:
    """Score the store's fused events against gold events (see the module docstring)."""
    with store.connect() as con:
        texts = dict(con.execute("select input_id, text from articles").fetchall())
        ids = dict(con.execute("select input_id, article_id from articles").fetchall())
        mentions = con.execute(
            "select article_id, mention_id, root, trigger_start, trigger_end from mentions").fetchall()
        fused = con.execute("select event_id, mention_ids from events").fetchall()
    event_of = {mid: eid for eid, mids in fused for mid in mids}
    by_article: dict[str, list[tuple[str, str, int, int]]] = {}
    for aid, mid, root, start, end in mentions:
        by_article.setdefault(aid, []).append((mid, root, start, end))

    found: list[tuple[str, str]] = []  # (gold event, predicted event) per gold mention found
    total = 0
    for event in gold:
        for gm in event["mentions"]:
            total += 1
            text, aid = texts.get(gm["article"]), ids.get(gm["article"])
            at = text.find(gm["quote"]) if text else -1
            if at < 0 or aid is None:
                continue
            span = (at, at + len(gm["quote"]))
            hits = sorted(mid for mid, root, start, end in by_article.get(aid, [])
                          if root == event.get("cameo_root") and span[0] <= start and end <= span[1])
            if hits and hits[0] in event_of:
                found.append((event["event"], event_of[hits[0]]))

    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in itertools.combinations(found, 2):
        tp += g1 == g2 and p1 == p2
        fp += g1 != g2 and p1 == p2
        fn += g1 == g2 and p1 != p2
    bp = br = 0.0
    for g, p in found:  # B-cubed: for each mention, how pure and how complete its predicted cluster is
        same_p = [x for x in found if x[1] == p]
        same_g = [x for x in found if x[0] == g]
        both = sum(1 for x in same_p if x[0] == g)
        bp += both / len(same_p)
        br += both / len(same_g)
    n = len(found)
    return FusionScore(
        gold_mentions=total, found=n, pair_precision=_ratio(tp, tp + fp), pair_recall=_ratio(tp, tp + fn),
        bcubed_precision=round(bp / n, 3) if n else 0.0, bcubed_recall=round(br / n, 3) if n else 0.0,
    )
