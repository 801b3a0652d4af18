"""Read publication dates as users type them and pages print them; read wire datelines.

>>> parse_published("9:55 AM ET, Sun January 4, 2015", source="published")
'2015-01-04'
>>> parse_published("17.03.2023", source="published")
'2023-03-17'
>>> parse_dateline("SALVADOR, Feb 26 - Showers continued")
(2, 26)
"""

from __future__ import annotations

import re
from datetime import date

from newsevents.errors import DateError
from newsevents.when.lexicon import MONTH_LOOSE_RE, month_number

# Year first: ISO dates and datetimes, "2023/03/17", "2023.03.17", "20230317".
_YEAR_FIRST = re.compile(
    r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)|(?<!\d)(\d{4})(\d\d)(\d\d)(?![\d:])"
)
# Day or month first with a four-digit year: "17.03.2023", "03/17/2023", "17-03-2023".
_YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
# Clock times, so their digits are not taken for days: "9:55", "15:41:4", "10:00:00.123".
_CLOCK = re.compile(r"\b\d{1,2}:\d\d(?::\d+(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_MONTH_WORD = re.compile(r"(?<![A-Za-z])" + MONTH_LOOSE_RE + r"(?![A-Za-z])", re.IGNORECASE)
_DAY = re.compile(r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th)?(?![\d:])", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d:])(\d{4})(?![\d:])")

_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'()-]{1,60}?,\s*(?:[A-Za-z .]{1,30},\s*)?(" + MONTH_LOOSE_RE + r")\s+(\d{1,2})\b",
    re.IGNORECASE,
)


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(text: str) -> str | None:
    if m := _YEAR_FIRST.search(text):
        if m.group(1):
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _make(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    if m := _YEAR_LAST.search(text):
        first, sep, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        # Slashes are American month-first unless the first number cannot be a month;
        # dots and dashes are European day-first unless the second cannot be a month.
        if sep == "/":
            month, day = (first, second) if first <= 12 else (second, first)
        else:
            day, month = (first, second) if second <= 12 else (second, first)
        return _make(year, month, day)
    return None


def _worded(text: str) -> str | None:
    month_match = _MONTH_WORD.search(text)
    if not month_match:
        return None
    month = month_number(month_match.group(0))
    rest = text[: month_match.start()] + " " + text[month_match.end():]
    year_match = _YEAR.search(rest)
    if month is None or not year_match:
        return None
    rest = rest[: year_match.start()] + " " + rest[year_match.end():]
    # The day nearest the month name wins ("Sun January 4, 2015" and "4 Jan 2015" alike).
    pivot = month_match.start()
    days = sorted(_DAY.finditer(rest), key=lambda m: abs(m.start() - pivot))
    for day_match in days:
        found = _make(int(year_match.group(1)), month, int(day_match.group(1)))
        if found:
            return found
    return None


def parse_published(value: str, *, source: str) -> str:
    """Return the ISO day ("YYYY-MM-DD") of a date string; raise DateError naming ``source`` if unreadable."""
    text = _CLOCK.sub(" ", value or "")
    found = _numeric(text) or _worded(text)
    if found is None:
        raise DateError(source, f"cannot read date {value!r} (expected e.g. 2023-03-17)")
    return found


def parse_dateline(text: str) -> tuple[int, int] | None:
    """Return (month, day) of a wire dateline at the start of ``text`` ("SALVADOR, Feb 26 -"), or None."""
    m = _DATELINE.match(text[:120])
    if not m:
        return None
    month = month_number(m.group(1))
    day = int(m.group(2))
    if month is None or not 1 <= day <= 31:
        return None
    return month, day
