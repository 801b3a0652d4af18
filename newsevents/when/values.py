"""Calendar arithmetic for TIMEX3 values: shifting, ISO weeks, and the days a value covers.

>>> value_range("2023-W10")
('2023-03-06', '2023-03-12', 'week')
>>> value_range("2023-02")
('2023-02-01', '2023-02-28', 'month')
"""

from __future__ import annotations

import calendar as _cal  # stdlib
import re
from datetime import date, timedelta

QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
HALF_MONTHS = {1: (1, 6), 2: (7, 12)}
# Meteorological seasons of the northern hemisphere; winter starts in December of the year before.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (0, 2)}


def parse_iso(value: str) -> date | None:
    """Return the date of an ISO "YYYY-MM-DD..." string, or None."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """Return ``d`` moved by whole months, clamping the day to the month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, _cal.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def month_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def week_value(d: date) -> str:
    """Return the ISO week containing ``d`` as TIMEX3 "YYYY-Wnn"."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def _months_range(year: int, first: int, last: int) -> tuple[date, date]:
    start = date(year, first, 1) if first >= 1 else date(year - 1, 12, 1)
    return start, month_end(year, last)


def value_range(value: str) -> tuple[str, str, str] | None:
    """Return (first day, last day, granularity) covered by a DATE value, or None if it has no days."""
    found = _value_days(value)
    if found is None:
        return None
    start, end, granularity = found
    return start.isoformat(), end.isoformat(), granularity


def _value_days(value: str) -> tuple[date, date, str] | None:
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d\d?)(?:-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if value.endswith("-WE"):
                return monday + timedelta(days=5), monday + timedelta(days=6), "day"
            return monday, monday + timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), month_end(year, month), "month"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            first, last = QUARTER_MONTHS[int(m[2])]
            return (*_months_range(int(m[1]), first, last), "quarter")
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            first, last = HALF_MONTHS[int(m[2])]
            return (*_months_range(int(m[1]), first, last), "quarter")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            first, last = SEASON_MONTHS[m[2]]
            return (*_months_range(int(m[1]), first, last), "month")
        if m := re.fullmatch(r"(\d{4})", value):
            year = int(m[1])
            return date(year, 1, 1), date(year, 12, 31), "year"
        if m := re.fullmatch(r"(\d{3})", value):
            decade = int(m[1]) * 10
            return date(decade, 1, 1), date(decade + 9, 12, 31), "decade"
    except ValueError:
        return None
    return None


def nearest_weekday(anchor: date, weekday: int, direction: int) -> date:
    """Return the ``weekday`` nearest ``anchor`` in ``direction`` (-1 back, +1 forward, 0 same week).

    The anchor itself counts when it is that weekday.
    """
    if direction == 0:
        return anchor + timedelta(days=weekday - anchor.weekday())
    delta = (weekday - anchor.weekday()) % 7
    if direction > 0:
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=(7 - delta) % 7)


# How close to the anchor a month-day (or the first of a bare month) must be to keep the anchor's year.
NEAR_DAYS = 60
NEAR_MONTH_DAYS = 31


def nearest_month_day(anchor: date, month: int, day: int | None, direction: int) -> date:
    """Return the occurrence of a month (and day) meant from ``anchor``: -1 looking back, +1 ahead, 0 nearest.

    Only the month decides the year, so "by Jan. 14" written on 6 January stays in that year.
    """
    def make(year: int) -> date:
        return date(year, month, min(day or 1, _cal.monthrange(year, month)[1]))

    # A day within two months of the anchor is in the anchor's year whatever the tense says: "declared a
    # dividend payable Dec. 7" written in November is next month's, not a day eleven months back.
    same_year = make(anchor.year)
    if abs((same_year - anchor).days) <= (NEAR_DAYS if day is not None else NEAR_MONTH_DAYS):
        return same_year
    if direction < 0 and month > anchor.month:
        return make(anchor.year - 1)
    if direction > 0 and month < anchor.month:
        return make(anchor.year + 1)
    if direction == 0 and abs(month - anchor.month) > 6:
        return make(anchor.year - 1 if month > anchor.month else anchor.year + 1)
    return make(anchor.year)
