"""Weigh the mentions of one event: who stands behind each, how many independent sources, what status.

Mentions are one source when they share a speaker (or, unattributed, a first relay), or when they are
copies of one story: the same site, the same near-duplicate group (``Article.dup_of``), or the same
sentence after normalisation (a wire story republished with another headline). An asserted mention
that rests only on unnamed sources ("sources said", "citing unnamed officials") is a claim: the event
counts as ``happened`` only when a named or unattributed report asserts it, or when two independent
sources do; otherwise it stays ``alleged`` (docs/store.md, "Status by evidence").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

from newsevents.errors import DataFileError

UNNAMED_FILE = "data/fuse/unnamed_sources.tsv"


@functools.lru_cache(maxsize=1)
def unnamed_pattern() -> re.Pattern[str]:
    """Return the regex of unnamed-source words, loaded once from the data file."""
    text = resources.files("newsevents").joinpath(UNNAMED_FILE).read_text("utf-8")
    words = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word = line.strip()
        if "\t" in word or word != word.lower():
            raise DataFileError(UNNAMED_FILE, n, f"expected one lower-case word or phrase, got {line!r}")
        words.append(re.escape(word).replace(r"\ ", r"\s+"))
    if not words:
        raise DataFileError(UNNAMED_FILE, None, "no words")
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _coded(code: str | None) -> bool:
    return bool(code and code.strip("-"))  # "---": a name the dictionaries could not code


def rests_on_unnamed_sources(row: dict[str, Any]) -> bool:
    """Say whether a mention rests on unnamed sources ("sources said"; "the Journal reported, citing officials").

    A news outlet that relays unnamed sources vouches for nothing itself: its report rests on them.
    Any other named speaker (a ministry citing its own sources) stands behind the claim.
    """
    pattern = unnamed_pattern()
    via = [t for t in row.get("attribution_via") or [] if t]
    if any(pattern.search(t) for t in via) and (row.get("speaker_code") or "").endswith("MED"):
        return True
    if _coded(row.get("speaker_code")) or row.get("speaker_entity"):
        return False
    texts = [row.get("speaker_text") or "", *via]
    return any(t and pattern.search(t) for t in texts)


def event_status(statuses: Iterable[str]) -> str:
    """Return an event's status from its mentions': happened > planned > alleged > denied > hypothetical."""
    s = set(statuses)
    if "asserted" in s:
        return "happened"
    if s & {"planned", "intended"}:
        return "planned"
    if "alleged" in s:
        return "alleged"
    if "negated" in s:
        return "denied"
    if "hypothetical" in s:
        return "hypothetical"
    return "unknown"


def evidence_status(rows: Sequence[dict[str, Any]], source_of: Sequence[int]) -> str:
    """Return the event status, counting an assertion resting on unnamed sources as an allegation.

    ``source_of[i]`` is the independent source of ``rows[i]`` (see :func:`source_groups`).
    """
    effective = []
    weak_sources = set()
    for row, source in zip(rows, source_of, strict=True):
        status = row.get("status")
        if status == "asserted" and rests_on_unnamed_sources(row):
            weak_sources.add(source)
            status = "alleged"
        if status:
            effective.append(status)
    if len(weak_sources) >= 2:  # two independent outlets with their own sources corroborate each other
        effective.append("asserted")
    return event_status(effective)


def _speaker(row: dict[str, Any]) -> str | None:
    name = row.get("speaker_entity") or row.get("speaker_text")
    code = row.get("speaker_code") if _coded(row.get("speaker_code")) else None
    if name and code:
        return f"{name} ({code})"
    return name or code


def source_chain(row: dict[str, Any]) -> str | None:
    """Describe who a mention's claim comes from, e.g. "Kremlin (RUSGOV) via Reuters"."""
    speaker = _speaker(row)
    via = [v for v in row.get("attribution_via") or [] if v]
    if speaker and via:
        return f"{speaker} via {', '.join(via)}"
    return speaker or (", ".join(via) if via else None)


def normalise_sentence(text: str | None) -> str | None:
    """Return a sentence folded for comparing copies: NFKC, case, punctuation and spacing ignored."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    return " ".join(words) if len(words) >= 4 else None  # "He said." matches too much to mean a copy


def _keys(row: dict[str, Any]) -> list[str]:
    """Return what identifies a mention's source; mentions sharing any key are one source."""
    via = [v for v in row.get("attribution_via") or [] if v]
    named = (row.get("speaker_entity") or (row.get("speaker_code") if _coded(row.get("speaker_code")) else None)
             or row.get("speaker_text") or (via[0] if via else None))
    # An unnamed speaker ("sources") is not one source across outlets: each outlet has its own.
    if named and not rests_on_unnamed_sources(row):
        return ["speaker:" + str(named).casefold()]
    keys = ["copy:" + (row.get("dup_of") or row["article_id"])]
    if row.get("site"):
        keys.append("site:" + str(row["site"]).casefold())
    if sentence := normalise_sentence(row.get("sentence_text")):
        keys.append("text:" + sentence)
    return keys


def source_groups(rows: Sequence[dict[str, Any]]) -> list[int]:
    """Return, per mention, the number of its independent source (0..n-1, first seen first)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, row in enumerate(rows):
        for key in _keys(row):
            if key in owner:
                a, b = find(owner[key]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(len(rows))]
