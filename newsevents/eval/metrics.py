"""Pure scoring functions: counts to P/R/F1, one-to-one matching, distances and token overlap.

Nothing here imports the pipeline: every function takes plain values (spans, codes, strings), so
the scores can be checked on tiny hand-made examples.

>>> PRF(tp=3, fp=1, fn=2).f1
0.6667
>>> round(haversine_km(51.5074, -0.1278, 48.8566, 2.3522))
344
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
S = TypeVar("S")

EARTH_RADIUS_KM = 6371.0088
# The customary threshold of geoparsing evaluations (100 miles), e.g. Gritta et al. 2018.
ACCURACY_KM = 161.0

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass
class PRF:
    """True positive, false positive and false negative counts with precision, recall and F1.

    An empty denominator gives 0.0, except that nothing to find and nothing found scores 1.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return round(self._precision(), 4)

    @property
    def recall(self) -> float:
        return round(self._recall(), 4)

    @property
    def f1(self) -> float:
        p, r = self._precision(), self._recall()
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def _precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    def _recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Say whether two half-open character spans share at least one character."""
    return a_start < b_end and b_start < a_end


def match_one_to_one(
    gold: Sequence[G], system: Sequence[S], compatible: Callable[[G, S], bool]
) -> list[tuple[int, int]]:
    """Return a maximum one-to-one matching of gold to system items as (gold index, system index) pairs.

    Each item is used at most once, and the number of pairs is as large as possible (Kuhn's
    augmenting paths), so a greedy choice can never cost a match. Preference goes to the earliest
    compatible system item, which keeps results stable.
    """
    edges = [[j for j, s in enumerate(system) if compatible(g, s)] for g in gold]
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def count_matches(n_gold: int, n_system: int, n_matched: int) -> PRF:
    """Turn item counts and a matching size into PRF counts."""
    return PRF(tp=n_matched, fp=n_system - n_matched, fn=n_gold - n_matched)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float = ACCURACY_KM) -> bool:
    """Say whether two points lie within ``km`` kilometres of each other (inclusive)."""
    return haversine_km(lat1, lon1, lat2, lon2) <= km


def tokens(text: str) -> list[str]:
    """Split text into case-folded word tokens (letters, digits, underscore; any script)."""
    return [t.casefold() for t in _TOKEN.findall(text)]


def token_prf(gold_text: str, system_text: str) -> PRF:
    """Count bag-of-token overlap between an extracted text and the gold text (multiset counts)."""
    gold, system = Counter(tokens(gold_text)), Counter(tokens(system_text))
    common = sum((gold & system).values())
    return PRF(tp=common, fp=sum(system.values()) - common, fn=sum(gold.values()) - common)


def normalise_space(text: str) -> str:
    """Fold runs of whitespace to one space and trim, so line wrapping does not decide a match."""
    return _SPACE.sub(" ", text).strip()


def snippet_counts(text: str, with_snippets: Sequence[str], without_snippets: Sequence[str]) -> PRF:
    """Count snippets as trafilatura's evaluation does: a found ``with`` is a tp, a missing one a fn,
    a present ``without`` a fp (whitespace-normalised substring test)."""
    hay = normalise_space(text)
    found = sum(1 for s in with_snippets if s and normalise_space(s) in hay)
    missing = sum(1 for s in with_snippets if s) - found
    leaked = sum(1 for s in without_snippets if s and normalise_space(s) in hay)
    return PRF(tp=found, fp=leaked, fn=missing)


def mean(values: Sequence[float]) -> float:
    """Return the arithmetic mean, 0.0 for no values."""
    return round(sum(values) / len(values), 4) if values else 0.0


def median(values: Sequence[float]) -> float:
    """Return the median, 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def share(part: int, whole: int) -> float:
    """Return part / whole rounded to 4 places, 0.0 when whole is 0."""
    return round(part / whole, 4) if whole else 0.0
