"""Time expressions found and normalised against the publication day (rules alone, no parse)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.when.rules import Context
from newsevents.when.timex import recognise

FRIDAY = date(2023, 3, 17)  # publication day of the xi-visit example: a Friday


def only(text: str, published: date = FRIDAY):
    found = recognise(text, Context(published))
    assert len(found) == 1, found
    return found[0]


def test_last_week_is_the_iso_week_before_publication() -> None:
    timex = only("Beijing mediated a deal last week.")
    assert (timex.text, timex.type) == ("last week", "DATE")
    assert (timex.value, timex.granularity) == ("2023-W10", "week")


def test_range_between_days() -> None:
    timex = only("Xi will be in Russia between March 20 and 22 for a visit.")
    assert timex.text == "between March 20 and 22"
    assert (timex.value, timex.range_end, timex.granularity) == ("2023-03-20", "2023-03-22", "day")


def test_range_across_months_with_a_dash() -> None:
    timex = only("The summit runs 30 March - 2 April 2023.")
    assert (timex.value, timex.range_end) == ("2023-03-30", "2023-04-02")


def test_this_friday_on_a_friday_is_the_publication_day() -> None:
    assert only("The Kremlin confirmed this Friday the visit.").value == "2023-03-17"


def test_last_month_name_is_the_most_recent_one_before_publication() -> None:
    assert only("They met last September in Uzbekistan.").value == "2022-09"
    assert only("They met last March in Uzbekistan.").value == "2022-03"


@pytest.mark.parametrize(
    ("text", "value", "type_"),
    [
        ("agreed in February 2022 to a partnership", "2022-02", "DATE"),
        ("the deal signed on 17 March 2021", "2021-03-17", "DATE"),
        ("a report dated Dec. 12, 2014", "2014-12-12", "DATE"),
        ("an election in 2019", "2019", "DATE"),
        ("talks yesterday", "2023-03-16", "DATE"),
        ("talks tomorrow", "2023-03-18", "DATE"),
        ("three days ago", "2023-03-14", "DATE"),
        ("two weeks ago", "2023-W09", "DATE"),
        ("a week or so ago", "2023-W10", "DATE"),
        ("for two and a half years", "P2Y6M", "DURATION"),
        ("next month", "2023-04", "DATE"),
        ("next year", "2024", "DATE"),
        ("earlier this month", "2023-03", "DATE"),
        ("the third quarter of 2022", "2022-Q3", "DATE"),
        ("in the summer of 2021", "2021-SU", "DATE"),
        ("in the 1990s", "199", "DATE"),
        ("jailed for three years", "P3Y", "DURATION"),
        ("over the past decade", "P10Y", "DURATION"),
        ("a 16-hour flight", "PT16H", "DURATION"),
        ("for several months", "PXM", "DURATION"),
        ("meets every Monday", "XXXX-WXX-1", "SET"),
        ("published daily", "P1D", "SET"),
        ("prices are rising now", "PRESENT_REF", "DATE"),
        ("at 9:30 a.m. local time", "2023-03-17T09:30", "TIME"),
        ("on Christmas Day 2022", "2022-12-25", "DATE"),
        ("in nineteen ninety-six", "1996", "DATE"),
    ],
)
def test_expression_normalises_to_timex3_value(text: str, value: str, type_: str) -> None:
    timex = only(text)
    assert (timex.value, timex.type) == (value, type_)


@pytest.mark.parametrize(
    "text",
    [
        "Officials may meet to march on the capital.",  # the verb "may", the verb "march"
        "The 6-year-old boy returned home.",  # an age, not a duration
        "More than 2000 troops were deployed.",  # a count, not a year
        "Jan Kowalski spoke.",  # a name, not January
    ],
)
def test_words_that_only_look_like_times_are_not_timexes(text: str) -> None:
    assert recognise(text, Context(FRIDAY)) == []


def test_without_publication_day_partial_dates_stay_underspecified() -> None:
    timex = recognise("They met on March 20.", Context(None))[0]
    assert timex.value == "XXXX-03-20"


def test_untensed_month_reads_to_the_nearest_occurrence() -> None:
    # Written in January 1998, "October" is the October just gone, not the one nine months ahead.
    assert only("Prices in October", date(1998, 1, 8)).value == "1997-10"
