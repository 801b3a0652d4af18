"""The shape of a time-expression rule: a regex and a resolver, registered in order of priority.

A resolver reads the match and the :class:`Context` (publication day, tense around the match,
spaCy's date entities as hints) and returns a :class:`Reading`, or None to reject the match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newsevents.when.lexicon import MONTH_RE, SEASON_RE, WEEKDAY_RE, month_number


@dataclass(frozen=True)
class Reading:
    """What a matched expression means: TIMEX3 type and value, plus the day granularity and range end."""

    type: str
    value: str
    granularity: str | None = None
    range_end: str | None = None
    # "the following year", "that day": (unit, offset) from the date last mentioned, resolved in text order.
    anaphor: tuple[str, int] | None = None


@dataclass
class Context:
    """What a resolver may consult besides the match itself."""

    anchor: date | None  # the publication day
    direction: Callable[[int, int], int] = lambda start, end: 0  # -1 past, +1 future, 0 unknown
    date_entity: Callable[[int, int], bool] = lambda start, end: False  # spaCy DATE/TIME hint
    cache: dict[tuple[int, int], int] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> int:
        key = m.span()
        if key not in self.cache:
            self.cache[key] = self.direction(*key)
        return self.cache[key]


Resolver = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


# Registered in import order, which is the priority among matches of equal length. A pattern may be
# a callable so that rules built from the data files read them on first use, not at import.
_SPECS: list[tuple[str, str | Callable[[], str], Resolver]] = []

# Fragments shared by the rule modules; each rule names its groups.
M = MONTH_RE
WD = WEEKDAY_RE
SEASON = SEASON_RE
YEAR = r"(?:1[5-9]|20)\d\d"
MOD = (
    r"(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
    r"the\s+turn\s+of)"
)


def rule(name: str, pattern: str | Callable[[], str]) -> Callable[[Resolver], Resolver]:
    """Register a resolver for ``pattern`` (compiled case-insensitive, with word boundaries around it)."""

    def register(resolve: Resolver) -> Resolver:
        _SPECS.append((name, pattern, resolve))
        compiled_rules.cache_clear()
        return resolve

    return register


@functools.lru_cache(maxsize=1)
def compiled_rules() -> tuple[Rule, ...]:
    """Return every registered rule with its pattern compiled, in priority order."""
    out = []
    for name, pattern, resolve in _SPECS:
        source = pattern() if callable(pattern) else pattern
        out.append(Rule(name, re.compile(r"(?<![\w'])" + source + r"(?![\w])", re.IGNORECASE), resolve))
    return tuple(out)


def capitalised_month(word: str | None) -> int | None:
    """Return the month number of a month word written as a name ("May", "MAY"), not as a verb ("may")."""
    if not word or not word[0].isupper():
        return None
    return month_number(word)


def text_before(m: re.Match[str], chars: int = 24) -> str:
    """Return the lower-cased text just before the match (for context checks)."""
    return m.string[max(0, m.start() - chars): m.start()].lower()


def text_after(m: re.Match[str], chars: int = 24) -> str:
    return m.string[m.end(): m.end() + chars].lower()
