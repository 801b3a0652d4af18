"""Rules for durations ("for three years"), repeated times ("every Monday") and vague references ("now")."""

from __future__ import annotations

import re

from newsevents.when.knowledge import knowledge
from newsevents.when.lexicon import NUMBER_RE, number_value, unit_of, weekday_number
from newsevents.when.relative import _HEDGE, duration_reading
from newsevents.when.rules import WD, Context, M, Reading, capitalised_month, rule, text_after, text_before

_UNIT_WORD = (
    r"(?P<u>(?:second|minute|hour|day|night|week|weekend|month|year|decade|centurie|century|quarter)s?)"
)


@rule("duration", r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|latest|previous|following|"
      r"final|initial|remaining|recent|same)\s+)?" + _HEDGE + r"(?P<n>" + NUMBER_RE + r")[-\s]+"
      r"(?:(?:more|additional|extra|further)\s+)?" + _UNIT_WORD
      + r"(?P<half>\s+and\s+a\s+half)?(?:[-\s]+(?:long|old))?")
def duration(m: re.Match[str], ctx: Context) -> Reading | None:
    n_text = m.group("n").lower()
    unit = unit_of(m.group("u"))
    if unit == "night":
        unit = "day"
    if n_text in ("a", "an") and re.search(r"(?:once|twice|times|per)\s*$", text_before(m)):
        return None  # "twice a year" is a set, read by the set rule
    if n_text in ("a", "an") and not m.group("the") and re.search(
            r"(?:\d|million|billion|thousand|percent|%|cents?|dollars?|shares|a\s+head)\s*$", text_before(m)):
        return None  # "$2 million a year", "24 hours a day": a rate, not a stretch of time
    if re.fullmatch(r"\d{4}", n_text):
        return None  # "the 1985 year", "the 1988 quarter" name a year, they measure nothing
    if unit == "quarter" and (re.search(r"-quarters?$", m.group(0).lower()) or re.match(
            r"\s+of\s+(?:the|its|his|her|their|our|all|a|an|those|these)\s+(?!(?:fiscal\s+)?year)", text_after(m))):
        return None  # "nearly three-quarters of its oil": a fraction, not a span of time
    if unit == "second" and n_text in ("a", "an", "recent", "coming"):
        return None  # "a second" is an ordinal or an instant far more often than a duration
    if m.group(0).lower().endswith("old") or re.match(r"[-\s]+old\b", text_after(m)):
        return None  # ages: "a 6-year-old", "52 years old"
    if not m.group("half") and re.match(r"\s*(?:ago|earlier|later|from\s+now|hence|back)\b", text_after(m)):
        return None  # the "ago" rule takes it with its anchor word
    n = number_value(n_text)
    if n is not None and m.group("half"):
        n += 0.5
    return duration_reading(n, unit)


@rule("bare-units", r"(?P<lead>(?:for|over|in|within|after|took|take|takes|lasted|last)\s+)"
      r"(?P<span>(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries))")
def bare_units(m: re.Match[str], ctx: Context) -> Reading | None:
    return duration_reading(None, unit_of(m.group("u")))


def _reference_pattern() -> str:
    phrases = sorted(knowledge().references, key=len, reverse=True)
    return r"(?P<w>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")"


@rule("reference", _reference_pattern)
def reference(m: re.Match[str], ctx: Context) -> Reading | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    after = text_after(m)
    if word in ("current", "recent", "future") and not re.match(r"\s+[a-z]", after):
        return None  # adjectives only: "current talks", "recent years"
    if word == "future" and re.match(r"\s+(?:of|generations?)\b", after):
        return None
    if word == "now" and re.match(r"\s*that\b", after):
        return None  # "now that" is a conjunction
    if m.group("w")[0].isupper() and m.start() > 0 and not re.search(r"[.!?\"'\n]\s*$", text_before(m, 4)):
        return None  # "the Future Fund", "Current Affairs" as names
    return Reading("DATE", knowledge().references[word])


_SET_UNITS = {"day": "P1D", "night": "P1D", "morning": "P1D", "evening": "P1D", "week": "P1W", "month": "P1M",
              "year": "P1Y", "quarter": "P3M", "hour": "PT1H", "weekend": "P1W"}
_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
            "yearly": "P1Y", "hourly": "PT1H", "biannually": "P6M"}


@rule("set-every", r"(?:every|each|per)\s+(?:other\s+|single\s+)?"
      r"(?P<u>day|night|morning|evening|week|weekend|month|year|quarter|hour|" + WD + r"|" + M + r")")
@rule("set-times", r"(?P<lead>(?:once|twice|thrice|" + NUMBER_RE + r"\s+times)\s+)"
      r"(?P<span>an?\s+(?P<u>day|week|month|year|hour))")
@rule("set-adverb", r"(?P<u>daily|nightly|weekly|monthly|annually|yearly|hourly|biannually)")
@rule("set-weekdays", r"(?:on\s+)?(?P<u>(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))")
def repeated(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m.group("u")
    low = word.lower()
    if low in _ADVERBS:
        if word[0].isupper() and m.start() > 0 and not re.search(r"[.!?\"\n]\s*$", text_before(m, 4)):
            return None  # "the Daily Telegraph"
        return Reading("SET", _ADVERBS[low])
    if low in _SET_UNITS:
        return Reading("SET", _SET_UNITS[low])
    wd = weekday_number(low.rstrip("s"))
    if wd is not None:
        return Reading("SET", f"XXXX-WXX-{wd + 1}")
    month = capitalised_month(word)
    if month is not None:
        return Reading("SET", f"XXXX-{month:02d}")
    return None
