"""Words of English time expressions: months, weekdays, seasons, units and spelled-out numbers.

>>> month_number("Sept.")
9
>>> number_value("twenty-four")
24.0
"""

from __future__ import annotations

import re

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# Abbreviations as they appear in wire copy ("Sept. 14", "DEC. 12") and scraped dates ("Mar").
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                         "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# Quantities that say "some number of": TIMEX3 writes them as X ("several months" = PXM).
VAGUE_QUANTITIES = ("a few", "a couple of", "several", "few", "many", "some", "recent", "coming",
                    "numerous", "a number of")

# Regex fragments (case-insensitive use); longest alternatives first so the regex engine prefers them.
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)"
)
# Scraped date strings are not prose, so "Mar" and "May" there are always months.
MONTH_LOOSE_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"
_NUMBER_WORDS = sorted(list(ONES) + list(TENS), key=len, reverse=True)
NUMBER_WORD_RE = (
    r"(?:(?:" + "|".join(TENS) + r")[- ](?:" + "|".join(k for k in ONES if 0 < ONES[k] < 10) + r")"
    r"|" + "|".join(_NUMBER_WORDS) + r")"
)
NUMBER_RE = (
    r"(?:\d+(?:\s+1/2|\.\d+)?|" + NUMBER_WORD_RE + r"(?: and a half)?|a half|half an?|an?|"
    + "|".join(re.escape(q) for q in VAGUE_QUANTITIES) + r")"
)


def month_number(word: str) -> int | None:
    """Return 1-12 for a month name or abbreviation (any case, trailing full stop allowed)."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return MONTH_ABBREVIATIONS.get(w)


def weekday_number(word: str) -> int | None:
    """Return 0 (Monday) to 6 (Sunday) for a weekday name or abbreviation."""
    w = word.lower().rstrip(".")
    if w in WEEKDAYS:
        return WEEKDAYS.index(w)
    return WEEKDAY_ABBREVIATIONS.get(w)


def number_value(text: str) -> float | None:
    """Return the number a numeral or number phrase means; None for vague ones ("several")."""
    t = text.lower().strip().replace("-", " ")
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    elif t.endswith(" 1/2"):
        t, half = t[: -len(" 1/2")].strip(), 0.5
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("a", "an"):
        return 1 + half
    if re.fullmatch(r"a\s+couple\s+of", t):
        return 2 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = 0
    for part in t.split():
        if part in ONES:
            total += ONES[part]
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return total + half


def unit_of(word: str) -> str:
    """Return the singular unit name of a unit word ("Months" -> "month", "centuries" -> "century")."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w.removesuffix("s")
