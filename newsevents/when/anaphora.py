"""Resolve time expressions that count from the date last mentioned: "the following year", "that day".

News narrative moves its reference time: in "On June 3, 2004, Novak joined the bank, and the following
year she moved to Vienna", the following year is 2005, not the year after publication. A rule
marks such an expression with ``Reading.anaphor`` = (unit, offset); :func:`resolve_anaphora` then
walks the expressions in text order and counts from the last one that names a calendar date. A
clock time with no day ("at 10 p.m.", unit "T22:00") is placed on that date the same way.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.model import Timex
from newsevents.when.lexicon import weekday_number
from newsevents.when.relative import weekday_day
from newsevents.when.rules import WD, Context, Reading, rule, text_before
from newsevents.when.values import add_months, month_value, nearest_weekday, week_value

_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_DAY_UNITS = ("day", *_PART)
# A value that names a calendar stretch: 1995, 1995-05, 1995-05-22 (a time of day included).
_SPECIFIC = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?$")


@rule("anaphoric-same", r"(?:(?P<mod>later|earlier)\s+)?(?:that|the\s+same)\s+"
      r"(?P<u>day|week|month|year|morning|afternoon|evening|night)")
@rule("anaphoric-next", r"the\s+(?P<rel>following|next|previous|prior|preceding)\s+"
      r"(?P<u>day|week|month|year|morning|afternoon|evening|night)")
def anaphoric(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = m.group("u").lower()
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "next" and (unit not in _DAY_UNITS or re.search(r"\b(?:in|over|within|during|for)\s+$",
                                                               text_before(m))):
        return None  # "in the next year" is a stretch from now, read by the relative rules
    offset = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get(rel, 0)
    return Reading("DATE", "XXXX", unit, anaphor=(unit, offset))


@rule("anaphoric-weekday", r"the\s+(?P<rel>following|next|previous|prior|preceding)\s+(?P<wd>" + WD + r")")
def anaphoric_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-WXX-{wd + 1}")
    rel = m.group("rel").lower()
    offset = 1 if rel in ("following", "next") else -1
    # Read from publication first; a day the story named before it takes over in resolve_anaphora.
    day = weekday_day(ctx, m, m.group("wd"), "next" if offset > 0 else "last")
    return Reading("DATE", day.isoformat(), "day", anaphor=(f"W{wd}", offset))


def _reference_day(value: str) -> tuple[date, str] | None:
    """Return the first day a specific value names and its granularity, or None."""
    m = _SPECIFIC.match(value)
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found, ("day" if m[3] else "month" if m[2] else "year")


def _value(ref: date, granularity: str, unit: str, offset: int) -> tuple[str, str] | None:
    """Return (type, value) of ``unit`` lying ``offset`` units from the reference day."""
    if unit.startswith("W"):
        # "closed down from the previous Friday" after "on Friday": the one before the day last named.
        if granularity != "day":
            return None
        return "DATE", nearest_weekday(ref + timedelta(days=offset), int(unit[1:]), offset).isoformat()
    if unit.startswith("T"):
        # A clock time: on the day last named ("attacked at 11 p.m." after "on June 8").
        return ("TIME", f"{ref.isoformat()}{unit}") if granularity == "day" else None
    order = {"year": 0, "month": 1, "week": 2, "day": 2}
    if order[granularity] < order["day" if unit in _DAY_UNITS else unit]:
        return None  # "that day" after "in 1995" names no particular day
    if unit == "year":
        return "DATE", f"{ref.year + offset:04d}"
    if unit == "month":
        return "DATE", month_value(add_months(ref, offset))
    if unit == "week":
        return "DATE", week_value(ref + timedelta(weeks=offset))
    day = (ref + timedelta(days=offset)).isoformat()
    if unit in _PART:
        return "TIME", f"{day}T{_PART[unit]}"
    return "DATE", day


def resolve_anaphora(timexes: list[Timex], anaphors: dict[int, tuple[str, int]], anchor: date | None) -> None:
    """Give each anaphoric expression (by position in ``timexes``) its value, in place; drop generic ones."""
    # Only a date the text names counts: "that day" with none before it is generic, not the publication day.
    reference: tuple[date, str] | None = None
    drop: list[int] = []
    for i, timex in enumerate(timexes):
        if i not in anaphors:
            found = _reference_day(timex.value) if timex.type in ("DATE", "TIME") else None
            if found is not None:
                reference = found
            continue
        unit, offset = anaphors[i]
        resolved = _value(*reference, unit, offset) if reference else None
        own = _reference_day(timex.value)
        if resolved and own and unit == "night" and reference and abs((reference[0] - own[0]).days) > 7:
            resolved = None  # "overnight" goes with the story's days, not with a date weeks back
        if resolved is None and own is not None:
            # "the previous Friday", "overnight" with no day named before them: read from publication.
            reference = own
            continue
        if resolved is None and unit.startswith("T") and anchor is not None:
            resolved = "TIME", f"{anchor.isoformat()}{unit}"
        if resolved is None:
            if anchor is not None:
                drop.append(i)  # "shares bought that day": a generic day, not a date
            else:
                # TIMEX3's underspecified value for a stretch we cannot place.
                timex.value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
                if unit.startswith("T"):
                    timex.value += unit
            continue
        timex.type, timex.value = resolved
        timex.granularity = "day" if unit in _DAY_UNITS or unit.startswith("T") else unit
        reference = _reference_day(timex.value) or reference  # "the following year ... that year"
    for i in reversed(drop):
        del timexes[i]
