"""Rules for calendar expressions: dates, day ranges, months, years, decades and clock times."""

from __future__ import annotations

import re
from datetime import date

from newsevents.when.relative import weekday_day
from newsevents.when.rules import (
    MOD,
    WD,
    YEAR,
    Context,
    M,
    Reading,
    capitalised_month,
    rule,
    text_after,
    text_before,
)
from newsevents.when.values import nearest_month_day, week_value

FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Words before a bare month or year that make it a time expression ("in May", "since 2019").
_TIME_PREPOSITIONS = re.compile(
    r"(?:\b(?:in|on|since|until|till|by|from|to|through|during|before|after|of|between|and|or|last|next|"
    r"this|early|late|mid|around|circa|throughout|end|beginning|start|middle|fiscal|year|"
    r"spring|summer|autumn|fall|winter)\s*|-|,\s*)$"
)


def _day(text: str | None) -> int | None:
    found = re.match(r"\d+", text or "")
    return int(found.group(0)) if found else None


def _iso(d: date) -> str:
    return d.isoformat()


def _resolve_day(ctx: Context, m: re.Match[str], month: int, day: int, year: int | None) -> date | None:
    """Return the day meant; without a year it is read against the anchor and the tense."""
    try:
        if year is not None:
            return date(year, month, day)
        if ctx.anchor is None:
            return None
        return nearest_month_day(ctx.anchor, month, day, ctx.tense(m))
    except ValueError:
        return None


def _day_reading(
    ctx: Context, m: re.Match[str], month: int | None, day: int | None, year: int | None
) -> Reading | None:
    if month is None or day is None or not 1 <= day <= 31:
        return None
    found = _resolve_day(ctx, m, month, day, year)
    if found is None:
        if year is None and ctx.anchor is None:
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
        return None
    return Reading("DATE", _iso(found), "day")


_RANGE_JOIN = r"\s*(?P<join>and|to|through|until|till|-|–|—)\s*"


_LEAD = r"(?P<lead>(?:between|from)\s+)?"
_YEAR_TAIL = r"(?:,?\s+(?P<y>" + YEAR + r"))?"


@rule("range-month-days", _LEAD + r"(?P<m1>" + M + r")\s+(?P<d1>" + DAY + r")" + _RANGE_JOIN
      + r"(?:(?P<m2>" + M + r")\s+)?(?P<d2>" + DAY + r")" + _YEAR_TAIL)
@rule("range-days-month", _LEAD + r"(?:the\s+)?(?P<d1>" + DAY + r")(?:\s+(?P<m1>" + M + r"))?"
      + _RANGE_JOIN + r"(?:the\s+)?(?P<d2>" + DAY + r")\s+(?:of\s+)?(?P<m2>" + M + r")" + _YEAR_TAIL)
def day_range(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.group("join").lower() == "and" and not m.group("lead"):
        return None  # "March 20 and 22" alone lists two days rather than spanning them
    month1 = capitalised_month(m.group("m1") or m.group("m2"))
    month2 = capitalised_month(m.group("m2")) or month1
    year = int(m.group("y")) if m.group("y") else None
    first = _day_reading(ctx, m, month1, _day(m.group("d1")), year)
    last = _day_reading(ctx, m, month2, _day(m.group("d2")), year)
    if first is None or last is None or last.value < first.value:
        return None
    return Reading("DATE", first.value, "day", range_end=last.value)


@rule("month-day-year", r"(?:(?P<wd>" + WD + r"),?\s+)?(?P<m>" + M + r")\s+(?P<d>" + DAY + r")" + _YEAR_TAIL)
def month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if re.match(r"\s*(?::\d|\.\d|,\d{3}|%|percent)", text_after(m)):
        return None
    year = int(m.group("y")) if m.group("y") else None
    return _day_reading(ctx, m, capitalised_month(m.group("m")), _day(m.group("d")), year)


@rule("week-of", r"the\s+week\s+of\s+(?P<m>" + M + r")\s+(?P<d>" + DAY + r")" + _YEAR_TAIL)
def week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    day = month_day(m, ctx)
    if day is None or not _ISO_DAY.match(day.value):
        return day
    # "the week of June 14" names the week that day falls in.
    return Reading("DATE", week_value(date.fromisoformat(day.value)), "week")


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


@rule("day-month-year", r"(?:(?P<wd>" + WD + r"),?\s+)?(?:the\s+)?(?P<d>" + DAY + r")(?:\s+of)?\s+"
      r"(?P<m>" + M + r")"
      + _YEAR_TAIL)
def day_month(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m.group("y")) if m.group("y") else None
    return _day_reading(ctx, m, capitalised_month(m.group("m")), _day(m.group("d")), year)


@rule("numeric-date", r"(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})")
def numeric_date(m: re.Match[str], ctx: Context) -> Reading | None:
    a, b, c = m.group("a"), int(m.group("b")), m.group("c")
    try:
        if len(a) == 4 and len(c) == 2:
            found = date(int(a), b, int(c))
        elif len(a) <= 2 and len(c) == 4 and m.group("sep") == "/":
            month, day = (int(a), b) if int(a) <= 12 else (b, int(a))
            found = date(int(c), month, day)
        elif len(a) <= 2 and len(c) == 4:
            found = date(int(c), b, int(a))
        else:
            return None
    except ValueError:
        return None
    return Reading("DATE", _iso(found), "day")


@rule("month-year", r"(?:(?P<mod>" + MOD + r")[-\s]+)?(?P<m>" + M + r")(?:,|\s+of)?\s+(?P<y>" + YEAR + r")")
def month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = capitalised_month(m.group("m"))
    if month is None:
        return None
    return Reading("DATE", f"{m.group('y')}-{month:02d}", "month")


@rule("month-relative-year", r"(?:(?P<mod>" + MOD + r")[-\s]+)?(?P<m>" + M + r")\s+(?P<rel>this|last|next)\s+year")
def month_relative_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = capitalised_month(m.group("m"))
    if month is None:
        return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month")
    # "June last year", "April next year": the month of the year the words name, one expression.
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m.group("rel").lower(), 0)
    return Reading("DATE", f"{year:04d}-{month:02d}", "month")


@rule("month", r"(?:(?P<mod>" + MOD + r")[-\s]+)?(?P<m>" + FULL_MONTH + r")")
def bare_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = capitalised_month(m.group("m"))
    if month is None:
        return None
    word = m.group("m").lower()
    # "May" and "March" are also a verb and a noun: only read them as months after a time word.
    if word in ("may", "march") and not m.group("mod") and not _TIME_PREPOSITIONS.search(text_before(m)):
        return None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month")
    found = nearest_month_day(ctx.anchor, month, None, ctx.tense(m))
    return Reading("DATE", f"{found.year:04d}-{month:02d}", "month")


# What follows a number that counts things rather than naming a year ("2000 troops").
_COUNTED = re.compile(r"\s*(?:%|percent|[,.]\d|people|troops|members|tons|units|shares|cars|workers|\$)")


@rule("year", r"(?:(?P<mod>" + MOD + r"|the\s+year|fiscal(?:\s+year)?)[-\s]+)?(?P<y>" + YEAR + r")(?P<s>'s)?")
def year(m: re.Match[str], ctx: Context) -> Reading | None:
    before = text_before(m)
    hinted = ctx.date_entity(m.start("y"), m.end("y"))
    if not (m.group("mod") or hinted or _TIME_PREPOSITIONS.search(before)):
        return None
    if _COUNTED.match(text_after(m)):
        return None
    if before.rstrip().endswith(("$", "no.", "number", "route", "flight")):
        return None
    return Reading("DATE", m.group("y"), "year")


@rule("decade", r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?"
      r"(?:(?P<c>1[5-9]|20)(?P<d>\d)0|'(?P<d2>\d)0)'?s")
def decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.group("c"):
        return Reading("DATE", m.group("c") + m.group("d"), "decade")
    if ctx.anchor is None:
        return Reading("DATE", "19" + m.group("d2"), "decade")
    century = ctx.anchor.year // 100
    if int(m.group("d2")) * 10 > ctx.anchor.year % 100:
        century -= 1  # "the '80s" written in 2015 is the 1980s, written in 1989 too
    return Reading("DATE", f"{century:02d}{m.group('d2')}", "decade")


_ORDINAL_CENTURY = r"(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>nineteenth|twentieth|twenty-first|eighteenth)"
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


@rule("century", r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:" + _ORDINAL_CENTURY + r")[-\s]+century")
def century(m: re.Match[str], ctx: Context) -> Reading | None:
    n = int(m.group("n")) if m.group("n") else _CENTURY_WORDS[m.group("w").lower()]
    return Reading("DATE", f"{n - 1:02d}", "century")


# The day a clock time may name after it: "4 p.m. EDT Monday", "4 p.m. EDT, Aug. 12".
_CLOCK_DAY = r"(?:,?\s+(?:on\s+)?(?:(?P<wd>" + WD + r")|(?P<m>" + M + r")\s+(?P<d>" + DAY + r")))?"


@rule("clock", r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm|o'clock)"
      r"(?:\s+(?:(?P<tz>[ECMP][SD]?T|GMT|UTC)|local\s+time))?" + _CLOCK_DAY)
@rule("clock-24h", r"(?P<h>\d{1,2}):(?P<mi>\d\d)\s*(?P<tz>[ECMP][SD]?T|GMT|UTC)"
      r"(?:,?\s+(?:on\s+)?(?P<wd>" + WD + r"))?")
@rule("clock-word", r"(?P<word>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<wd>" + WD + r"))?")
def clock(m: re.Match[str], ctx: Context) -> Reading | None:
    groups = m.groupdict()
    if groups.get("word") and re.search(r"\bhigh\s*$", text_before(m)):
        return None  # "High Noon", "it is high noon for the reform": the idiom, not a clock time
    if groups.get("word"):
        hour, minute = (0, 0) if groups["word"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(groups["h"]), int(groups.get("mi") or 0)
        ap = (groups.get("ap") or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
    if not (groups.get("wd") or groups.get("m")):
        # No day named: the day the story last spoke of (resolved in text order), else the anchor.
        return Reading("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "day", anaphor=(f"T{hour:02d}:{minute:02d}", 0))
    if ctx.anchor is None:
        return Reading("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "day")
    day = ctx.anchor
    if groups.get("wd"):
        day = weekday_day(ctx, m, groups["wd"], None)
    elif groups.get("m"):
        month = capitalised_month(groups["m"])
        found = _resolve_day(ctx, m, month, _day(groups["d"]) or 0, None) if month else None
        if found is None:
            return None
        day = found
    return Reading("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", "day")
