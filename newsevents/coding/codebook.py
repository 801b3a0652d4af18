"""The CAMEO codebook: label, Goldstein score, quad class and PLOVER type for every CAMEO code.

>>> entry = codebook().get("042")
>>> entry.label, entry.goldstein, entry.quad, entry.plover, entry.plover_mode
('Make a visit', 1.9, 1, 'CONSULT', 'visit')
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.errors import DataFileError

COLUMNS = ("code", "root", "label", "goldstein", "quad", "plover", "plover_mode", "plover_context")
PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)


@dataclass(frozen=True)
class CodeEntry:
    """One CAMEO code with the fields every event carries."""

    code: str
    root: str
    label: str
    goldstein: float
    quad: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    def event_fields(self) -> dict[str, Any]:
        """Return the fields an EventMention takes from its code (cameo, root, label, PLOVER, quad, Goldstein)."""
        return {"cameo": self.code, "root": self.root, "label": self.label, "plover": self.plover,
                "plover_mode": self.plover_mode, "quad": self.quad, "goldstein": self.goldstein}


class Codebook:
    """CAMEO codes by code; ``get`` returns None for an unknown code."""

    def __init__(self, entries: dict[str, CodeEntry]) -> None:
        self._entries = entries

    def get(self, code: str) -> CodeEntry | None:
        return self._entries.get(code)

    def __getitem__(self, code: str) -> CodeEntry:
        return self._entries[code]

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[CodeEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)


def _parse_row(fields: list[str], where: str, line: int) -> CodeEntry:
    if len(fields) != len(COLUMNS):
        raise DataFileError(where, line, f"expected {len(COLUMNS)} tab-separated fields, got {len(fields)}")
    code, root, label, goldstein, quad, plover, mode, context = (f.strip() for f in fields)
    if not code.isdigit() or not 2 <= len(code) <= 4 or root != code[:2] or not 1 <= int(root) <= 20:
        raise DataFileError(where, line, f"bad CAMEO code {code!r} / root {root!r}")
    if not label:
        raise DataFileError(where, line, f"code {code} has no label")
    try:
        score = float(goldstein)
        quad_class = int(quad)
    except ValueError:
        raise DataFileError(where, line, f"code {code}: goldstein/quad not numeric") from None
    if not -10.0 <= score <= 10.0 or quad_class not in (1, 2, 3, 4):
        raise DataFileError(where, line, f"code {code}: goldstein {score} or quad {quad_class} out of range")
    if plover and plover not in PLOVER_TYPES:
        raise DataFileError(where, line, f"code {code}: unknown PLOVER type {plover!r}")
    return CodeEntry(code, root, label, score, quad_class, plover or None, mode or None, context or None)


def read_codebook(path: Path | str) -> Codebook:
    """Read and validate a codebook TSV (``#`` comment lines, then a header row)."""
    where = str(path)
    entries: dict[str, CodeEntry] = {}
    seen_header = False
    with open(path, encoding="utf-8") as fh:
        for line_no, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if not seen_header:
                if tuple(fields) != COLUMNS:
                    raise DataFileError(where, line_no, f"header must be {' '.join(COLUMNS)}")
                seen_header = True
                continue
            entry = _parse_row(fields, where, line_no)
            if entry.code in entries:
                raise DataFileError(where, line_no, f"duplicate code {entry.code}")
            entries[entry.code] = entry
    roots = {e.root for e in entries.values()}
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in roots]
    if missing:
        raise DataFileError(where, None, f"no codes for roots {', '.join(missing)}")
    return Codebook(entries)


def data_path(name: str) -> Path:
    """Return the path of a shipped coding data file."""
    return Path(str(resources.files("newsevents").joinpath("data", "coding", name)))


@functools.lru_cache(maxsize=1)
def codebook() -> Codebook:
    """Return the shipped CAMEO codebook (loaded once per process)."""
    return read_codebook(data_path("cameo.tsv"))
