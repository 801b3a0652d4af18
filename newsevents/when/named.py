"""Rules for named days (holidays), spelled-out years and reporting periods ("the latest quarter")."""

from __future__ import annotations

import re
from datetime import timedelta

from newsevents.when.absolute import FULL_MONTH
from newsevents.when.knowledge import knowledge
from newsevents.when.lexicon import ONES, SEASON_RE, SEASONS, TENS
from newsevents.when.rules import YEAR, Context, Reading, capitalised_month, rule, text_after
from newsevents.when.values import add_months, quarter_of, week_value


def _holiday_pattern() -> str:
    names = sorted(knowledge().holidays, key=len, reverse=True)
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]") for h in names)
    return (r"(?:(?P<rel>last|this|next)\s+)?(?P<h>" + alternatives + r")(?:,?\s+(?P<y>" + YEAR + r"))?"
            r"(?P<week>\s+week)?")


@rule("holiday", _holiday_pattern)
def holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", m.group("h").lower()).replace("’", "'")
    if not m.group("h")[0].isupper():
        return None
    day_of = knowledge().holidays[name]
    if m.group("y"):
        found = day_of(int(m.group("y")))
    elif ctx.anchor is None:
        return None
    else:
        rel = (m.group("rel") or "").lower()
        direction = {"last": -1, "next": 1}.get(rel, ctx.tense(m))
        found = day_of(ctx.anchor.year)
        # Within a week of publication the holiday is this one, whatever the tense ("as Easter week began").
        near = abs((found - ctx.anchor).days) <= 7 and not rel
        if direction < 0 and found > ctx.anchor and not near:
            found = day_of(ctx.anchor.year - 1)
        elif direction > 0 and found < ctx.anchor and not near:
            found = day_of(ctx.anchor.year + 1)
    if m.group("week"):
        return Reading("DATE", week_value(found), "week")  # "Easter week", "Christmas week"
    return Reading("DATE", found.isoformat(), "day")


_UNITS_WORDS = "|".join(k for k in ONES if 0 < ONES[k] < 10)
_TEENS_WORDS = "|".join(k for k in ONES if ONES[k] >= 10)
_TENS_WORDS = "|".join(TENS)
_TWO_DIGITS = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:{_UNITS_WORDS}))?|{_TEENS_WORDS})"


def _two_digits(text: str) -> int:
    total = 0
    for part in re.split(r"[-\s]+", text.lower()):
        total += ONES.get(part, 0) + TENS.get(part, 0)
    return total


_SPELLED_YEAR = (r"(?:(?P<c>nineteen|eighteen)\s+(?P<yy>" + _TWO_DIGITS + r"|hundred)"
                 r"|two\s+thousand(?:\s+(?:and\s+)?(?P<y2>" + _TWO_DIGITS + r"|" + _UNITS_WORDS + r"))?)")


def _spelled_value(m: re.Match[str]) -> int:
    if m.group("c"):
        century = 1900 if m.group("c").lower() == "nineteen" else 1800
        yy = m.group("yy").lower()
        return century + (0 if yy == "hundred" else _two_digits(yy))
    return 2000 + (_two_digits(m.group("y2")) if m.group("y2") else 0)


@rule("spelled-year", r"(?:the\s+year\s+)?" + _SPELLED_YEAR)
def spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = _spelled_value(m)
    if not m.group(0).lower().startswith("the year") and year % 100 == 0 and m.group("c"):
        return None
    if re.match(r"[-\s]+(?:years?|people|dollars|miles)\b", text_after(m)):
        return None  # "two thousand years" counts, it names no year
    return Reading("DATE", f"{year:04d}", "year")


# Broadcast transcripts spell years out: "January nineteen ninety-seven", "the spring of nineteen eighty-six".
@rule("month-spelled-year", r"(?P<m>" + FULL_MONTH + r"),?\s+(?:of\s+)?" + _SPELLED_YEAR)
@rule("season-spelled-year", r"(?:the\s+)?(?P<s>" + SEASON_RE + r")\s+(?:of\s+)?" + _SPELLED_YEAR)
def month_spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = _spelled_value(m)
    if m.groupdict().get("s"):
        return Reading("DATE", f"{year:04d}-{SEASONS[m.group('s').lower()]}", "month")
    month = capitalised_month(m.group("m"))
    if month is None:
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}", "month")


@rule("reporting-period", r"the\s+(?P<k>latest|recent|just-ended|most\s+recent|year-ago|year-earlier|"
      r"comparable|same)?[-\s]*(?P<p>quarter|period|three\s+months)")
@rule("year-ago", r"(?P<k>year-ago|year-earlier)")
@rule("year-period", r"the\s+(?P<y>" + YEAR + r")\s+(?P<p>quarter)")
def reporting_period(m: re.Match[str], ctx: Context) -> Reading | None:
    groups = m.groupdict()
    kind = (groups.get("k") or "").lower()
    if ctx.anchor is None:
        return None
    if groups.get("y"):
        # "the 1988 quarter": the reported quarter, in the year named.
        return Reading("DATE", f"{groups['y']}-Q{quarter_of(add_months(ctx.anchor, -3))}", "quarter")
    if groups.get("p") and groups["p"].lower() != "quarter" and not kind:
        return None  # "the period" alone is anaphoric
    # Company reports speak of the quarter just ended; "year-ago" is that quarter a year before.
    ended = add_months(ctx.anchor, -3)
    year = ended.year - (1 if kind in ("year-ago", "year-earlier") else 0)
    if kind in ("same", "comparable") and not groups.get("p"):
        return None
    return Reading("DATE", f"{year:04d}-Q{quarter_of(ended)}", "quarter")


@rule("the-weekend", r"(?:over\s+)?(?P<span>the\s+weekend)")
def the_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return None
    if ctx.tense(m) > 0 or ctx.anchor.weekday() >= 5:
        return Reading("DATE", week_value(ctx.anchor) + "-WE", "day")
    return Reading("DATE", week_value(ctx.anchor - timedelta(days=7)) + "-WE", "day")


@rule("end-of-unit", r"(?P<mod>the\s+end|the\s+beginning|the\s+start|the\s+middle)\s+of\s+the\s+"
      r"(?P<u>year|month|week)")
def end_of_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return None
    unit = m.group("u").lower()
    if unit == "year":
        return Reading("DATE", f"{ctx.anchor.year:04d}", "year")
    if unit == "month":
        return Reading("DATE", f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}", "month")
    return Reading("DATE", week_value(ctx.anchor), "week")


@rule("the-year", r"(?P<lead>(?:for|in|of|during|through|throughout|over)\s+)"
      r"(?P<span>the\s+(?:(?:full|fiscal|current|entire|whole)\s+)?year)")
def the_year(m: re.Match[str], ctx: Context) -> Reading | None:
    # "the year ended June 30" is a reporting year (a stretch); "for the year" alone is this year.
    if re.match(r"\s+(?:ended|ending|to)\b", text_after(m)):
        return Reading("DURATION", "P1Y")
    if ctx.anchor is None:
        return Reading("DATE", "XXXX", "year")
    return Reading("DATE", f"{ctx.anchor.year:04d}", "year")


@rule("year-end", r"(?P<lead>(?P<p>by|since|until|before|at|around|after)\s+)(?P<span>year[-\s]end)")
def year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-12-31", "day")
    # "since year-end" looks back to the last one; "by year-end" to the coming one.
    year = ctx.anchor.year - (1 if m.group("p").lower() == "since" else 0)
    return Reading("DATE", f"{year:04d}-12-31", "day")
