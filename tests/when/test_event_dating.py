"""Each event is dated by the time expression governing its trigger, else by the publication day."""

from __future__ import annotations

import pytest

from newsevents.config import load_options
from newsevents.errors import NewseventsError
from newsevents.model import Article, Document, EventMention, Span
from newsevents.registry import get_stage


def event(text: str, word: str, occurrence: int = 0) -> EventMention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return EventMention(
        id=f"{word}@{start}", cameo="042", root="04", label="Make a visit", plover="CONSULT",
        plover_mode="visit", quad=1, goldstein=1.9, source=None, target=None,
        trigger=Span(start, start + len(word), word), sentence=Span(0, len(text)),
    )


def dated(nlp, text: str, words: list[str], published: str | None = "2023-03-17") -> dict[str, object]:
    doc = Document(article=Article.from_text(text, published=published), text=text)
    doc.parse = nlp(text)
    doc.events = [event(text, w) for w in words]
    get_stage("time").factory(load_options())(doc)
    return {e.trigger.text: e.date for e in doc.events}


def test_planned_visit_takes_the_range_of_its_clause(nlp) -> None:
    text = ("The Kremlin revealed that Xi Jinping will be in Russia between March 20 and 22 "
            "for an official visit.")
    dates = dated(nlp, text, ["visit", "revealed"])
    visit = dates["visit"]
    assert (visit.start, visit.end, visit.granularity) == ("2023-03-20", "2023-03-22", "day")
    assert visit.basis == "text"
    assert visit.text == "between March 20 and 22"
    # The date belongs to the reported visit, not to the report of it.
    assert dates["revealed"].basis == "published"


def test_when_clause_shares_the_date_of_the_clause_it_hangs_from(nlp) -> None:
    text = "China and Russia agreed in February 2022 to a partnership, when Putin visited Beijing."
    dates = dated(nlp, text, ["agreed", "visited"])
    for word in ("agreed", "visited"):
        got = dates[word]
        assert (got.start, got.end, got.granularity) == ("2022-02-01", "2022-02-28", "month")


def test_week_expression_dates_the_event_monday_to_sunday(nlp) -> None:
    text = "Last week, Beijing mediated an understanding between Saudi Arabia and Iran."
    dates = dated(nlp, text, ["mediated"])
    assert (dates["mediated"].start, dates["mediated"].end, dates["mediated"].granularity) == (
        "2023-03-06", "2023-03-12", "week")


def test_event_without_time_expression_takes_the_publication_day(nlp) -> None:
    dates = dated(nlp, "Putin invited Xi to Moscow.", ["invited"])
    d = dates["invited"]
    assert (d.start, d.end, d.granularity) == ("2023-03-17", "2023-03-17", "day")
    assert (d.text, d.basis) == (None, "published")


def test_event_without_any_date_has_none(nlp) -> None:
    assert dated(nlp, "Putin invited Xi to Moscow.", ["invited"], published=None)["invited"] is None


def test_each_coordinated_verb_keeps_its_own_date(nlp) -> None:
    text = ("In the last year, the two leaders held video conferences and met in person last September "
            "in Uzbekistan.")
    dates = dated(nlp, text, ["held", "met"])
    assert (dates["met"].start, dates["met"].end) == ("2022-09-01", "2022-09-30")
    assert (dates["held"].start, dates["held"].end) == ("2022-03-17", "2023-03-17")


def test_during_the_meeting_borrows_the_meeting_date(nlp) -> None:
    text = ("Xi will be in Moscow between March 20 and 22 for a meeting with Putin. "
            "During the meeting, the two leaders will sign several agreements.")
    assert dated(nlp, text, ["sign"])["sign"].start == "2023-03-20"


def test_reporting_verb_keeps_its_own_day_and_the_report_keeps_its_own(nlp) -> None:
    dates = dated(nlp, "Officers said on Tuesday they detained 10 protesters on Monday.", ["said", "detained"])
    assert dates["said"].start == "2023-03-14"
    assert dates["detained"].start == "2023-03-13"


def test_time_inside_a_subordinate_clause_stays_with_that_clause(nlp) -> None:
    text = ("It was a bold step, noted the newspaper, especially after, last week, Beijing mediated "
            "a deal between two rivals.")
    dates = dated(nlp, text, ["mediated", "noted"])
    assert (dates["mediated"].start, dates["mediated"].end) == ("2023-03-06", "2023-03-12")
    assert dates["noted"].basis == "published"


def test_participle_describing_the_event_noun_dates_it(nlp) -> None:
    dates = dated(nlp, "The talks, scheduled for March 30, were postponed.", ["talks", "postponed"])
    assert dates["talks"].start == "2023-03-30"
    assert dates["postponed"].basis == "published"


@pytest.fixture()
def full_pipeline(request):
    try:
        return request.getfixturevalue("pipeline")
    except NewseventsError as exc:  # other stages are still being written
        pytest.skip(f"default pipeline not available: {exc}")


def test_xi_example_timexes_and_event_dates(full_pipeline, xi_text) -> None:
    doc = full_pipeline.process(Article.from_text(xi_text, published="2023-03-17"))
    values = {t.text: (t.value, t.range_end) for t in doc.timexes}
    assert values["between March 20 and 22"] == ("2023-03-20", "2023-03-22")
    assert values["this Friday"] == ("2023-03-17", None)
    assert values["last week"] == ("2023-W10", None)
    assert values["February 2022"] == ("2022-02", None)
    assert values["last September"] == ("2022-09", None)
    assert values["Earlier in the week"][0] == "2023-W11"
    assert not any(t.start >= xi_text.index("Disclaimer") for t in doc.timexes)
    for e in doc.events:
        assert e.date is not None and e.date.start <= e.date.end
        sentence = xi_text[e.sentence.start:e.sentence.end]
        if "between March 20 and 22" in sentence and e.date.basis == "text":
            assert e.date.start == "2023-03-20"
