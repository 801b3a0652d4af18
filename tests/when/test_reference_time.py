"""Expressions read from the date last mentioned, from another event, or with no publication day at all."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.config import load_options
from newsevents.model import Article, Document, EventMention, Span
from newsevents.registry import get_stage
from newsevents.when.rules import Context
from newsevents.when.timex import recognise

FRIDAY = date(2023, 3, 17)


def values(text: str, published: date | None = FRIDAY) -> dict[str, str]:
    return {t.text: t.value for t in recognise(text, Context(published))}


def test_the_following_year_counts_from_the_year_last_mentioned() -> None:
    found = values("On June 3, 2004, Novak joined the bank, and the following year she moved to Vienna.")
    assert found["the following year"] == "2005"


def test_that_day_and_the_next_morning_follow_the_story_not_the_publication() -> None:
    found = values("The judge was attacked on June 8, 2003. Earlier that day his family called the police. "
                   "The police came the next morning.")
    assert found["Earlier that day"] == "2003-06-08"
    assert found["the next morning"] == "2003-06-09TMO"


def test_a_clock_time_falls_on_the_day_last_named() -> None:
    found = values("The guard was attacked on June 8, 2003 at 11 p.m. as he locked the gate.")
    assert found["11 p.m."] == "2003-06-08T23:00"


def test_a_clock_time_with_its_date_after_it() -> None:
    assert values("The bid lapses at 4 p.m. EDT Aug. 12.", date(2005, 8, 3))["4 p.m. EDT Aug. 12"] == (
        "2005-08-12T16:00")


def test_generic_that_day_is_not_a_date() -> None:
    assert values("Traders who sold that day lost money.") == {}


def test_deadline_weekday_lies_ahead() -> None:
    # Published on a Friday: "until 8 a.m. Monday" is the coming Monday, not the one gone by.
    assert values("The union has until 8 a.m. Monday to respond.")["8 a.m. Monday"] == "2023-03-20T08:00"


def test_day_within_weeks_of_publication_keeps_its_year_whatever_the_tense() -> None:
    # Written on 2 November: a dividend payable Dec. 12 is next month's, though "declared" is past.
    found = values("The board declared a dividend payable Dec. 12 to shareholders.", date(1989, 11, 2))
    assert found["Dec. 12"] == "1989-12-12"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Sales for the year rose 5%.", "the year", "2023"),
    ("Profit was $12 million for the year ended June 30.", "the year", "P1Y"),
    ("The deal should close by year-end.", "year-end", "2023-12-31"),
])
def test_reporting_years(text: str, phrase: str, value: str) -> None:
    assert values(text)[phrase] == value


def test_a_rate_is_not_a_duration() -> None:
    assert values("The plan saves $500 million a year.") == {}


@pytest.mark.parametrize(("text", "value"), [
    ("Xi met Putin last week.", "XXXX-WXX"),
    ("The minister arrived yesterday.", "XXXX-XX-XX"),
    ("Talks resume next month.", "XXXX-XX"),
    ("The deal was signed three weeks ago.", "XXXX-WXX"),
    ("Exports fell this year.", "XXXX"),
    ("They met on Monday.", "XXXX-WXX-1"),
])
def test_without_a_publication_day_relative_expressions_stay_underspecified(text: str, value: str) -> None:
    assert list(values(text, None).values()) == [value]


def _event(text: str, word: str) -> EventMention:
    start = text.index(word)
    return EventMention(id=word, cameo="010", root="01", label="test", plover=None, plover_mode=None, quad=1,
                        goldstein=0.0, source=None, target=None, trigger=Span(start, start + len(word), word),
                        sentence=Span(0, len(text)))


def _dated(nlp, text: str, words: list[str], published: str | None) -> dict[str, object]:
    doc = Document(article=Article.from_text(text, published=published), text=text)
    doc.parse = nlp(text)
    doc.events = [_event(text, w) for w in words]
    get_stage("time").factory(load_options())(doc)
    return {e.trigger.text: e.date for e in doc.events}


def test_without_a_publication_day_events_are_never_dated_today(nlp) -> None:
    text = "Xi met Putin last week. On March 20, 2023 Xi arrived in Moscow."
    dates = _dated(nlp, text, ["met", "arrived"], published=None)
    assert dates["met"] is None  # "last week" of an unknown week
    assert (dates["arrived"].start, dates["arrived"].basis) == ("2023-03-20", "text")


def test_weeks_before_an_event_count_from_that_event(nlp) -> None:
    text = ("Russia invaded Ukraine on February 24, 2022. Biden warned Putin a few weeks before the invasion. "
            "He met Zelensky three days after the invasion.")
    dates = _dated(nlp, text, ["warned", "met"], published="2023-03-17")
    warned, met = dates["warned"], dates["met"]
    assert (warned.end, warned.granularity, warned.basis) == ("2022-02-24", "week", "text")
    assert "2022-01-20" < warned.start < "2022-02-24"
    assert (met.start, met.end) == ("2022-02-27", "2022-02-27")
