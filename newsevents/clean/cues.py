"""Load the boilerplate cue lists (newsevents/data/clean/boilerplate_cues.tsv), validated, once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsevents.errors import DataFileError

CUE_FILE = "data/clean/boilerplate_cues.tsv"
KINDS = ("start", "whole", "list", "byline", "bio")

# What may trail a cue line without making it a sentence: punctuation, arrows, counts in brackets.
_TRAIL = r"[\s.:;,!|»›>)\](\d-]*"


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns, one alternation per kind."""

    start: re.Pattern[str]
    whole: re.Pattern[str]
    list_head: re.Pattern[str]
    byline: re.Pattern[str]
    bio: tuple[re.Pattern[str], ...]  # kept apart: the number of different bio cues is a feature


def parse_cues(text: str, path: str) -> dict[str, list[str]]:
    """Return the patterns of a cue file by kind; raise DataFileError naming a bad line."""
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise DataFileError(path, lineno, "expected two tab-separated columns: kind, pattern")
        kind, pattern = parts[0].strip(), parts[1].strip()
        if kind not in KINDS:
            raise DataFileError(path, lineno, f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DataFileError(path, lineno, f"bad pattern {pattern!r}: {exc}") from None
        found[kind].append(pattern)
    for kind, patterns in found.items():
        if not patterns:
            raise DataFileError(path, None, f"no {kind!r} cues")
    return found


def compile_cues(patterns: dict[str, list[str]]) -> Cues:
    """Compile parsed patterns into anchored, case-insensitive matchers."""

    def alternation(kind: str) -> str:
        return "|".join(f"(?:{p})" for p in patterns[kind])

    flags = re.IGNORECASE
    return Cues(
        start=re.compile(rf"(?:{alternation('start')})", flags),
        whole=re.compile(rf"(?:{alternation('whole')}){_TRAIL}", flags),
        list_head=re.compile(rf"(?:{alternation('list')}){_TRAIL}", flags),
        # The name after a byline cue is checked for capitals by the caller, so no IGNORECASE there.
        byline=re.compile(rf"(?i:{alternation('byline')})\s+(?=[A-Z])"),
        bio=tuple(re.compile(p, flags) for p in patterns["bio"]),
    )


def load_cue_file(path: str | Path) -> Cues:
    """Read and compile a cue file (a user's own list, or the shipped one)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read ({exc.strerror})") from None
    return compile_cues(parse_cues(text, str(path)))


@functools.lru_cache(maxsize=1)
def shipped_cues() -> Cues:
    """Return the cues shipped with newsevents (loaded once per process)."""
    ref = resources.files("newsevents").joinpath(CUE_FILE)
    return compile_cues(parse_cues(ref.read_text(encoding="utf-8"), f"newsevents/{CUE_FILE}"))
