"""Load the time lexicon (newsevents/data/when/lexicon.tsv) once, validating every line.

>>> knowledge().references["currently"]
'PRESENT_REF'
>>> knowledge().holidays["good friday"](2023).isoformat()
'2023-04-07'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from newsevents.errors import DataFileError
from newsevents.when.lexicon import WEEKDAYS
from newsevents.when.values import nearest_weekday

KINDS = ("reference", "holiday", "support_verb", "planning_verb", "planning_object_verb", "anchor_noun",
         "deadline_verb")
REFERENCE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
DayOf = Callable[[int], date]


@dataclass(frozen=True)
class TimeKnowledge:
    """The lexicon's entries by kind."""

    references: dict[str, str] = field(default_factory=dict)
    holidays: dict[str, DayOf] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, kind: str, word: str) -> bool:
        return word in self.words.get(kind, frozenset())


def easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(month: int, weekday: int, n: int) -> DayOf:
    def day_of(year: int) -> date:
        if n < 0:
            following = date(year + (month == 12), month % 12 + 1, 1)
            return nearest_weekday(following - timedelta(days=1), weekday, -1)
        return nearest_weekday(date(year, month, 1), weekday, +1) + timedelta(weeks=n - 1)

    return day_of


def _holiday_rule(value: str) -> DayOf | None:
    if m := re.fullmatch(r"(\d\d)-(\d\d)", value):
        month, day = int(m[1]), int(m[2])
        date(2000, month, day)  # raises ValueError on an impossible day (2000 is a leap year)
        return lambda year: date(year, month, min(day, 28) if (month, day) == (2, 29) else day)
    if m := re.fullmatch(r"easter([+-]\d+)", value):
        offset = int(m[1])
        return lambda year: easter(year) + timedelta(days=offset)
    if m := re.fullmatch(r"(\d\d)/([a-z]+)/(-1|[1-5])", value):
        if m[2] not in WEEKDAYS or not 1 <= int(m[1]) <= 12:
            return None
        return _nth_weekday(int(m[1]), WEEKDAYS.index(m[2]), int(m[3]))
    return None


def parse_lexicon(lines: list[str], path: str) -> TimeKnowledge:
    """Return the knowledge in TSV ``lines``; raise DataFileError naming ``path`` and the line."""
    out = TimeKnowledge()
    words: dict[str, set[str]] = {}
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3):
            raise DataFileError(path, lineno, f"expected kind<TAB>phrase<TAB>value, got {line!r}")
        kind, phrase = cells[0], cells[1].strip()
        value = cells[2].strip() if len(cells) == 3 else ""
        if kind not in KINDS:
            raise DataFileError(path, lineno, f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
        if not phrase or phrase != phrase.lower():
            raise DataFileError(path, lineno, f"phrase must be non-empty lower case, got {phrase!r}")
        if kind == "reference":
            if value not in REFERENCE_VALUES:
                raise DataFileError(path, lineno, f"reference value must be one of {REFERENCE_VALUES}")
            out.references[phrase] = value
        elif kind == "holiday":
            try:
                rule = _holiday_rule(value)
            except ValueError:
                rule = None
            if rule is None:
                raise DataFileError(
                    path, lineno, f"holiday value {value!r} is not MM-DD, easter+N or MM/weekday/N"
                )
            out.holidays[phrase] = rule
        else:
            if value:
                raise DataFileError(path, lineno, f"{kind} takes no value, got {value!r}")
            words.setdefault(kind, set()).add(phrase)
    out.words.update({k: frozenset(v) for k, v in words.items()})
    return out


@functools.lru_cache(maxsize=1)
def knowledge() -> TimeKnowledge:
    """Return the shipped time lexicon (read once per process)."""
    source = resources.files("newsevents").joinpath("data", "when", "lexicon.tsv")
    path = str(Path(str(source)))
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc})") from None
    return parse_lexicon(text.splitlines(), path)
