"""Group near-duplicate articles (one wire story syndicated by many outlets) with MinHash and LSH.

Each text becomes the set of its word 5-grams, summarised by 64 minimum hashes; texts sharing
every hash of one of 16 bands of 4 are candidates, kept when their estimated Jaccard similarity
reaches the threshold. The first article of a group, in reading order, is its canonical copy.
Hashing is deterministic (CRC-32, fixed seeds), so the same inputs group the same way in every run.

>>> index = NearDuplicates()
>>> story = ("Xi Jinping will visit Moscow next week for talks with Vladimir Putin, the Kremlin said on "
...          "Friday. The two leaders are expected to sign a number of agreements during the three-day "
...          "visit, and China has offered to mediate between Russia and Ukraine, a proposal Kyiv has "
...          "treated with caution since it was first made in February.")
>>> index.add("a", story) is None
True
>>> index.add("b", "EXAMPLE NEWS - " + story + " (Reporting by Example News)")
'a'
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np

NUM_HASHES = 64
BANDS = 16
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
THRESHOLD = 0.7  # estimated Jaccard of 5-gram sets; wire copies with a new dateline or sign-off stay above
MIN_WORDS = 25  # shorter texts share too few 5-grams to be judged

_SEEDS = np.random.default_rng(20230317).integers(1, 2**63, NUM_HASHES, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Return the CRC-32 hashes of the text's lower-cased word 5-grams."""
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
            for i in range(max(len(words) - SHINGLE + 1, 0))}


def signature(hashes: Iterable[int]) -> np.ndarray | None:
    """Return the MinHash signature of a set of 32-bit hashes (None for an empty set)."""
    values = np.fromiter(hashes, dtype=np.uint64)
    if values.size == 0:
        return None
    # One hash function per seed: the splitmix64 finaliser of (x xor seed), wrapping in 64 bits.
    z = values[:, None] ^ _SEEDS[None, :]
    with np.errstate(over="ignore"):
        z ^= z >> np.uint64(30)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(27)
        z *= np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    # The top 32 bits are hash enough, and halve what the index holds per article.
    return (z.min(axis=0) >> np.uint64(32)).astype(np.uint32)


class NearDuplicates:
    """An in-memory LSH index of the original articles seen in one run: about 1.5 KB per article.

    Past ``capacity`` originals, new ones are still compared but no longer indexed, so memory has a
    ceiling (about 1.5 GB at the default of a million).
    """

    def __init__(self, threshold: float = THRESHOLD, capacity: int = 1_000_000) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self._buckets: list[dict[bytes, str]] = [{} for _ in range(BANDS)]
        self._signatures: dict[str, bytes] = {}

    def add(self, key: str, text: str) -> str | None:
        """Index ``text`` under ``key``; return the earlier article it nearly duplicates, or None."""
        if key in self._signatures:
            return None
        if len(_WORD.findall(text[:20000])) < MIN_WORDS:
            return None
        sig = signature(shingles(text))
        if sig is None:
            return None
        best: tuple[float, str] | None = None
        bands = [sig[b * ROWS:(b + 1) * ROWS].tobytes() for b in range(BANDS)]
        for b, band in enumerate(bands):
            other = self._buckets[b].get(band)
            if other is not None and (best is None or other != best[1]):
                similarity = float(np.mean(np.frombuffer(self._signatures[other], dtype=np.uint32) == sig))
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, other)
        if best is not None:
            return best[1]  # a copy is not indexed: its group is found through the canonical article
        if len(self._signatures) >= self.capacity:
            return None
        self._signatures[key] = sig.tobytes()
        for b, band in enumerate(bands):
            self._buckets[b].setdefault(band, key)
        return None
