"""Score actor coding against the PLOVER gold sentences: country, and country with sector, of each gold actor.

Run ``python tests/actors/actor_gold_eval.py [--misses]`` for the figures; ``test_gold_recall.py`` pins floors.

A gold actor counts as found when one of our actors in the sentence has its country (compared through the
iso3 column of countries.tsv: gold is ISO 3166, ours CAMEO) and, for the sector score, also its sector.
Gold sectors are PLOVER's, ours CAMEO's: PLOVER's JRN (journalists) is our MED, PLOVER's MED (health)
our HLH, CIV our CVL, and a lower-case suffix (``CVLalb``, an ethnic group) is ignored. Our UNO is
CAMEO's mark of the United Nations family, not a sector, so it counts as none. A gold actor with no
sector needs one of ours with that country and no role: "Hungary" is HUN, not HUNGOV.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.actors.lexicon import load_lexicon
from newsevents.model import Actor

GOLD = Path(__file__).resolve().parents[3] / "shared" / "data" / "events" / "plover_gsr.jsonl"
SECTOR_ALIASES = {"JRN": "MED", "MED": "HLH", "CIV": "CVL"}


@dataclass
class Score:
    """Counts of gold actors found by country and by country and sector, with the misses."""

    total: int = 0
    country: int = 0
    sector: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def country_recall(self) -> float:
        return self.country / self.total if self.total else 0.0

    @property
    def sector_recall(self) -> float:
        return self.sector / self.total if self.total else 0.0


def _sector(gold: str | None) -> str | None:
    if not gold or gold == "***":
        return None
    head = gold[:3].upper()
    return SECTOR_ALIASES.get(head, head)


def _countries(actor: Actor) -> set[str]:
    countries = load_lexicon().countries
    out = {actor.country} if actor.country else set()
    if actor.country in countries and countries[actor.country].iso3:
        out.add(countries[actor.country].iso3 or "")
    return out


def score(rows: list[dict[str, Any]], actor_lists: list[list[Actor]]) -> Score:
    """Score our actors (one list per gold row) against the rows' gold sources and targets."""
    result = Score()
    for row, actors in zip(rows, actor_lists, strict=True):
        for side in ("source", "target"):
            for gold in row["gold"][side]:
                if not gold["code"]:
                    continue
                result.total += 1
                same = [a for a in actors if gold["code"] in _countries(a)]
                want = _sector(gold.get("sector"))
                if same:
                    result.country += 1
                if any((None if a.role == "UNO" else a.role) == want for a in same):
                    result.sector += 1
                else:
                    ours = ", ".join(f"{a.text}={a.code}" for a in actors)
                    result.misses.append(
                        f"{gold['text']!r} {gold['code']}/{want}  <- [{ours}]  {row['text']}"
                    )
    return result


def main(argv: list[str]) -> None:
    from newsevents.config import load_options
    from newsevents.model import Article
    from newsevents.pipeline import Pipeline

    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    pipeline = Pipeline(load_options(config_file=None).replace(stages=("clean", "parse", "actors")))
    docs = pipeline.run(Article.from_text(r["text"], published=r["publication_date"]) for r in rows)
    result = score(rows, [d.actors for d in docs])
    if "--misses" in argv:
        sys.stdout.write("\n".join(result.misses) + "\n")
    sys.stdout.write(
        f"gold actors {result.total}: country {result.country_recall:.3f}, "
        f"country+sector {result.sector_recall:.3f}\n"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
