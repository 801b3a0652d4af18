"""Rules for expressions read against the publication day: yesterday, weekdays, last week, next month, ago."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.when.lexicon import NUMBER_RE, SEASONS, number_value, unit_of, weekday_number
from newsevents.when.rules import (
    SEASON,
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
from newsevents.when.values import (
    add_months,
    month_value,
    nearest_weekday,
    quarter_of,
    week_value,
)

_QUARTERLY = re.compile(r"\b(?:quarter|quarterly)\b", re.IGNORECASE)
_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_BACK = ("last", "past", "previous")
# Words that make a bare weekday a deadline or an earliest date, so one still ahead.
_DEADLINE = re.compile(r"\b(?:until|till|by|as\s+(?:soon|early)\s+as|no\s+later\s+than|deadline\s+(?:of|is))"
                       r"(?:\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+[ECMP][SD]T)?,?|\s+(?:noon|midnight))?"
                       r"\s*(?:on\s+)?$")
_AHEAD = ("next", "coming", "following")


# TIMEX3's underspecified values: what "last week" is without a publication day to count from.
UNANCHORED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
              "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}


def is_title(m: re.Match[str]) -> bool:
    """Say whether a match is written as a name: every word capitalised, and not at a sentence start."""
    text = m.group(0)
    words = text.split()
    if text.isupper() or not all(w[0].isupper() for w in words):
        return False
    if len(words) > 1:
        return True  # prose writes "This week" even at a sentence's start
    return m.start() > 0 and not re.search(r"(?:^|[.!?:\n])['\"`]*\s*$", text_before(m, 6))


def _shift(anchor: date, unit: str, n: int) -> tuple[str, str]:
    """Return (value, granularity) of the ``unit`` lying ``n`` units from the anchor."""
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat(), "day"
    if unit in ("week", "weekend"):
        value = week_value(anchor + timedelta(weeks=n))
        return (value + "-WE", "day") if unit == "weekend" else (value, "week")
    if unit == "month":
        return month_value(add_months(anchor, n)), "month"
    if unit == "quarter":
        moved = add_months(anchor, 3 * n)
        return f"{moved.year:04d}-Q{quarter_of(moved)}", "quarter"
    if unit == "year":
        return f"{anchor.year + n:04d}", "year"
    if unit == "decade":
        return f"{(anchor.year + 10 * n) // 10:03d}", "decade"
    if unit == "century":
        return f"{(anchor.year + 100 * n) // 100:02d}", "century"
    raise ValueError(unit)


@rule("deictic-day", r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>yesterday|today|tomorrow|tonight)"
      r"(?:\s+(?P<part>morning|afternoon|evening|night))?")
@rule("deictic-part", r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>this|last)\s+"
      r"(?P<part>morning|afternoon|evening|night)")
@rule("day-before", r"the\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow)")
@rule("part-deictic", r"(?:mid[-\s]?)?(?P<part>morning|afternoon|evening)\s+(?P<w>yesterday|today|tomorrow)")
@rule("overnight", r"(?P<w>overnight)(?P<part>)")
def deictic_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if is_title(m):
        return None  # "This is VOA Today": a programme's name
    word = re.sub(r"\s+", " ", m.group("w").lower())
    part = (m.groupdict().get("part") or "").lower()
    if word == "last" and part != "night":
        return None  # "last evening" is rare; "last morning" is not a date
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1,
              "before yesterday": -2, "after tomorrow": 2, "overnight": -1}[word]
    if word == "overnight":
        part = "overnight"  # the night before the report
    if ctx.anchor is None:
        return Reading("TIME", f"XXXX-XX-XXT{_PART[part]}") if part else Reading("DATE", UNANCHORED["day"])
    day = (ctx.anchor + timedelta(days=offset)).isoformat()
    if word == "overnight":
        # The night before the day the story is about, which is not always the day before publication.
        return Reading("TIME", f"{day}TNI", "day", anaphor=("night", -1))
    if part:
        return Reading("TIME", f"{day}T{_PART[part]}", "day")
    return Reading("DATE", day, "day")


def weekday_day(ctx: Context, m: re.Match[str], weekday: str, rel: str | None) -> date:
    """Return the day a weekday name means, from the anchor, the word before it and the tense."""
    assert ctx.anchor is not None
    wd = weekday_number(weekday)
    assert wd is not None
    anchor = ctx.anchor
    if rel in _BACK:
        return nearest_weekday(anchor - timedelta(days=1), wd, -1)
    if rel in _AHEAD:
        return nearest_weekday(anchor + timedelta(days=1), wd, +1)
    if wd == anchor.weekday():
        return anchor
    direction = ctx.tense(m)
    if direction >= 0 and _DEADLINE.search(text_before(m)):
        # "has until noon Friday" lies ahead; "until Monday nobody had" stays behind.
        return nearest_weekday(anchor + timedelta(days=1), wd, +1)
    if rel == "this" and direction == 0:
        return nearest_weekday(anchor, wd, 0)
    # News mostly reports what happened: an untensed weekday is the last one.
    return nearest_weekday(anchor, wd, direction if direction else -1)


@rule("weekday", r"(?:(?P<rel>last|this|next|coming|past|previous|following)\s+)?(?P<wd>" + WD + r")"
      r"(?:\s+(?P<part>morning|afternoon|evening|night))?")
def weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-WXX-{(weekday_number(m.group('wd')) or 0) + 1}")
    rel = (m.group("rel") or "").lower() or None
    day = weekday_day(ctx, m, m.group("wd"), rel).isoformat()
    if m.group("part"):
        return Reading("TIME", f"{day}T{_PART[m.group('part').lower()]}", "day")
    return Reading("DATE", day, "day")


@rule("unit-relative", r"(?:(?P<mod>early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
      r"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+turn\s+of)\s+)?"
      r"(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|current|following)\s+"
      r"(?P<u>week|month|year|quarter|decade|century|weekend)")
@rule("unit-earlier-in", r"(?P<mod>earlier|later|early|late)\s+in\s+the\s+(?P<u>week|month|year)")
def unit_relative(m: re.Match[str], ctx: Context) -> Reading | None:
    groups = m.groupdict()
    if is_title(m):
        return None  # ABC's "This Week": a programme's name
    unit = groups["u"].lower()
    rel = (groups.get("rel") or "this").lower()
    if groups.get("the") and rel in ("following", "previous") and not groups.get("mod"):
        return None  # "the following year" counts from the story's last date: see anaphora.py
    if groups.get("the") and rel in ("last", "past", "next", "coming"):
        # "the past decade", "in the last year": a stretch of time ending (or starting) now.
        n = {"decade": 10, "century": 100}.get(unit, 1)
        letter = {"decade": "Y", "century": "Y", "weekend": "D", "quarter": "M"}.get(unit, unit[0].upper())
        n = 3 if unit == "quarter" else (2 if unit == "weekend" else n)
        return Reading("DURATION", f"P{n}{letter}")
    if ctx.anchor is None:
        return Reading("DATE", UNANCHORED[unit])
    n = -1 if rel in _BACK else (1 if rel in _AHEAD else 0)
    value, granularity = _shift(ctx.anchor, unit, n)
    return Reading("DATE", value, granularity)


@rule("relative-month", r"(?P<rel>last|this|next|past|coming)\s+(?P<m>" + M + r")"
      r"(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?::\d|\.\d|,\d{3}|%|percent)))?")
def relative_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = capitalised_month(m.group("m"))
    if month is None:
        return None
    if m.group("d"):
        return _relative_month_day(m, ctx, month, int(m.group("d")))
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month")
    rel = m.group("rel").lower()
    a = ctx.anchor
    if rel in _BACK:
        year = a.year if month < a.month else a.year - 1
    elif rel in _AHEAD:
        year = a.year if month > a.month else a.year + 1
    else:
        year = a.year  # "this September" is this year's, whichever side of the anchor it falls
    return Reading("DATE", f"{year:04d}-{month:02d}", "month")


def _relative_month_day(m: re.Match[str], ctx: Context, month: int, day: int) -> Reading | None:
    """Read "last Oct. 23" as the last 23 October before the anchor, "next March 3" as the next one."""
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day") if 1 <= day <= 31 else None
    a, rel = ctx.anchor, m.group("rel").lower()
    try:
        found = date(a.year, month, day)
        if rel in _BACK and found >= a:
            found = date(a.year - 1, month, day)
        elif rel in _AHEAD and found <= a:
            found = date(a.year + 1, month, day)
    except ValueError:
        return None
    return Reading("DATE", found.isoformat(), "day")


@rule("season", r"(?:(?P<rel>last|this|next|past|coming|the|early|late|mid)[-\s]+)?(?P<s>" + SEASON + r")"
      r"(?:\s+(?:of\s+)?(?P<y>" + YEAR + r"))?")
def season(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = (m.group("rel") or "").lower()
    if not (rel or m.group("y")) or (m.group("s")[0].isupper() and not m.group("y") and rel in ("", "the")):
        return None  # "fall" the verb; "the Arab Spring"
    if not m.group("y") and re.match(r"\s+(?:in|of)\b", text_after(m)):
        return None  # "the fall in prices", "the fall of the Wall"
    code = SEASONS[m.group("s").lower()]
    if m.group("y"):
        return Reading("DATE", f"{m.group('y')}-{code}", "month")
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{code}", "month")
    year = ctx.anchor.year
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    direction = -1 if rel in _BACK else (1 if rel in _AHEAD else ctx.tense(m))
    if direction < 0 and start_month > ctx.anchor.month:
        year -= 1
    elif direction > 0 and start_month + 2 < ctx.anchor.month:
        year += 1
    return Reading("DATE", f"{year:04d}-{code}", "month")


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@rule("quarter", r"(?:the\s+)?(?:(?P<y1>" + YEAR + r")\s+)?(?:fiscal\s+)?"
      r"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)"
      r"[-\s]+(?P<k>quarter|half)(?:\s+(?:of\s+)?(?:(?P<y>" + YEAR + r")|(?P<yrel>this|last|next)\s+year))?")
@rule("quarter-q", r"(?P<k>Q)(?P<o>[1-4])(?:\s+(?P<y>" + YEAR + r"))?")
@rule("quarter-of-year", r"(?:the\s+)?(?P<o>last|final|latter|first|second)\s+(?:(?P<two>two)\s+)?"
      r"(?P<k>half|quarters?)\s+of\s+(?P<y>" + YEAR + r")")
@rule("half-by-quarters", r"(?:the\s+)?(?P<o>first|last|final|latter)\s+(?P<two>two)\s+(?P<k>quarters)"
      r"(?:\s+of\s+(?:(?P<y>" + YEAR + r")|(?P<yrel>this|last|next)\s+year))?")
def quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    groups = m.groupdict()
    kind = "H" if groups["k"].lower() == "half" else "Q"
    order = groups["o"].lower()
    if groups["k"].lower() == "quarters":
        if order == "second" or not groups.get("two"):
            return None
        kind = "H"  # "the first two quarters of 2011" is its first half
    if order in ("last", "final", "latter"):
        n = 2 if kind == "H" else 4  # "the last half of 2007", "the final quarter of 2011"
    else:
        n = int(order) if order.isdigit() else _QUARTER_ORDINALS[order]
    if kind == "H" and n > 2:
        return None
    year_text = groups.get("y") or groups.get("y1")
    if year_text:
        return Reading("DATE", f"{year_text}-{kind}{n}", "quarter")
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{kind}{n}", "quarter")
    year = ctx.anchor.year + {"last": -1, "next": 1}.get((groups.get("yrel") or "").lower(), 0)
    first_month = (n - 1) * (6 if kind == "H" else 3) + 1
    if not groups.get("yrel"):
        tense = ctx.tense(m)
        # Early in the year "the fourth quarter" is last year's; in the past tense, any quarter not begun yet.
        ahead = first_month - ctx.anchor.month
        if (tense < 0 and ahead > 0) or (tense == 0 and ahead > 6):
            year -= 1
    return Reading("DATE", f"{year:04d}-{kind}{n}", "quarter")


_HEDGE = (
    r"(?:(?:about|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|at\s+least|roughly|around|only|"
    r"just)\s+)?"
)


@rule("ago", _HEDGE + r"(?P<n>" + NUMBER_RE + r")(?:\s+or\s+so)?[-\s]+"
      r"(?P<u>(?:second|minute|hour|day|week|month|year|decade|centurie|century)s?)(?:\s+or\s+so)?\s+"
      r"(?P<rel>ago|earlier|later|from\s+now|hence|back)")
def ago(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of(m.group("u"))
    n = number_value(m.group("n"))
    rel = m.group("rel").lower()
    if rel in ("earlier", "later") and unit not in ("year", "month", "quarter", "decade"):
        return duration_reading(n, unit)  # "a day earlier" counts from another event, not from publication
    back = rel in ("ago", "back", "earlier")
    if back and unit == "year" and n == 1 and ctx.anchor is not None and _QUARTERLY.search(
            m.string[max(0, m.start() - 300): m.end() + 300]):
        # In quarterly results "a year ago" is the same quarter of last year.
        ended = add_months(ctx.anchor, -3)
        return Reading("DATE", f"{ended.year - 1:04d}-Q{quarter_of(ended)}", "quarter")
    if unit in ("decade", "century") and n is not None:
        n, unit = n * (10 if unit == "decade" else 100), "year"
    if ctx.anchor is None and n is not None and unit in UNANCHORED:
        return Reading("DATE", UNANCHORED[unit])  # "three weeks ago", and no day to count from
    if n is None or ctx.anchor is None or n != int(n) or unit in ("second", "minute", "hour"):
        return Reading("DATE", "PAST_REF" if back else "FUTURE_REF")
    value, granularity = _shift(ctx.anchor, unit, -int(n) if back else int(n))
    return Reading("DATE", value, granularity)


def duration_reading(n: float | None, unit: str) -> Reading:
    """Return the DURATION reading of ``n`` units (X when the quantity is vague)."""
    if unit in ("second", "minute", "hour"):
        letter, prefix = unit[0].upper(), "PT"
    elif unit in ("decade", "century"):
        letter, prefix = ("DE" if unit == "decade" else "CE"), "P"
    elif unit == "weekend":
        letter, prefix = "WE", "P"
    else:
        letter, prefix = unit[0].upper(), "P"
    if n is None:
        return Reading("DURATION", f"{prefix}X{letter}")
    if unit in ("decade", "century"):
        letter, n = "Y", n * (10 if unit == "decade" else 100)
    whole = int(n)
    if n != whole and unit in _HALVES:
        # "two and a half years" is P2Y6M: the half goes into the next smaller unit.
        half = _HALVES[unit]
        head = f"{whole}{letter}" if whole else ""
        if unit == "day":
            return Reading("DURATION", f"P{head}T{half}")
        return Reading("DURATION", f"{prefix}{head}{half}")
    amount = str(whole) if n == whole else str(n)
    return Reading("DURATION", f"{prefix}{amount}{letter}")


_HALVES = {"year": "6M", "month": "15D", "day": "12H", "hour": "30M", "minute": "30S"}
