"""TIMEX3 values for the expression classes fixed in the third round (hand-written sentences, rules alone)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.when.rules import Context
from newsevents.when.timex import recognise

MONDAY = date(1989, 10, 30)  # a Monday late in 1989: the '80s are this century's, Friday was 27 October


def values(text: str, published: date = MONDAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in recognise(text, Context(published))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Transcripts spell years out; the month or season goes with the spelled year.
        ("It happened in January nineteen ninety-seven in Atlanta.", [("January nineteen ninety-seven", "1997-01")]),
        ("Output dropped back to where it stood in the spring of nineteen eighty-six.",
         [("the spring of nineteen eighty-six", "1986-SP")]),
        # "two thousand years" counts years; it names none.
        ("The temple stood for over three thousand years.", []),
        # A decade written with an apostrophe belongs to the publication's century when not ahead of it.
        ("Sales were flat in the late '80s.", [("the late '80s", "198")]),
        # Halves of a named year.
        ("Margins should improve in the last half of 1987.", [("the last half of 1987", "1987-H2")]),
        ("Orders stay slow through the first two quarters of 1991.",
         [("the first two quarters of 1991", "1991-H1")]),
        # A year before "quarter" names the reported quarter of that year, not a duration.
        ("Profit reached $9 million for the 1988 quarter.", [("the 1988 quarter", "1988-Q3")]),
        # A month with "this/last/next year" is one expression.
        ("The leaders fell out in June last year.", [("June last year", "1988-06")]),
        ("They become members in April next year.", [("April next year", "1990-04")]),
        # "a couple of years" is two years.
        ("Rates should hold steady for a couple of years.", [("a couple of years", "P2Y")]),
        # Extra units are still a duration: "two more weeks", "an additional year".
        ("The envoy remains in Cairo for at least three more weeks.", [("at least three more weeks", "P3W")]),
        ("The lease could be renewed for an additional year.", [("an additional year", "P1Y")]),
        # Fractions are not spans of time.
        ("Japan buys nearly three-quarters of its oil abroad.", []),
        ("Pension funds own over a quarter of the shares.", []),
        # "the week of" a day is that day's ISO week.
        ("A hearing is set for the week of November 6.", [("the week of November 6", "1989-W45")]),
        # "High Noon" and "high noon" are idioms, not clock times.
        ("A poster showed Gary Cooper in High Noon.", []),
        # Programme titles written capitalised mid-sentence are names, not dates.
        ('Baker said on ABC\'s "This Week" that talks went on.', []),
        ("This is VOA Today.", []),
        # A part of the day before yesterday/today.
        ("Shares were up at mid-afternoon yesterday.", [("mid-afternoon yesterday", "1989-10-29TAF")]),
    ],
)
def test_expression_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_season_and_quarter_ordinals_still_read_as_before() -> None:
    assert values("Profit rose in the fourth quarter of 1988.") == [("the fourth quarter of 1988", "1988-Q4")]
    assert values("Results for the first half of 1989 were weak.") == [("the first half of 1989", "1989-H1")]


def test_a_holiday_week_is_the_week_the_holiday_falls_in() -> None:
    # Easter 2000 fell on Sunday 23 April: its week is 2000-W16 even when the story tells it in the past.
    assert values("Protesters prayed as Easter week began.", date(2000, 4, 17)) == [("Easter week", "2000-W16")]


def test_a_holiday_within_a_week_of_publication_is_this_years() -> None:
    assert values("Crowds gathered as Easter began.", date(2000, 4, 20)) == [("Easter", "2000-04-23")]


def test_the_previous_weekday_counts_from_the_day_last_named() -> None:
    found = values("Shares fell on Friday, 3% below the previous Friday.")
    assert found == [("Friday", "1989-10-27"), ("the previous Friday", "1989-10-20")]


def test_the_previous_weekday_without_an_earlier_day_counts_from_publication() -> None:
    assert values("The index is down from the previous Friday.") == [("the previous Friday", "1989-10-27")]


def test_overnight_is_the_night_before_the_storys_day() -> None:
    found = values("Shares slipped Friday in Tokyo after overnight declines on Wall Street.")
    assert found == [("Friday", "1989-10-27"), ("overnight", "1989-10-26TNI")]


def test_overnight_ignores_a_date_weeks_back() -> None:
    found = values("The embassies were bombed on October 7. Sites were struck overnight.")
    assert found == [("October 7", "1989-10-07"), ("overnight", "1989-10-29TNI")]
