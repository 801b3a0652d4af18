"""The tense around an incomplete date decides which way it reads (uses the spaCy parse)."""

from __future__ import annotations

from newsevents.model import Article, Document, Removed
from newsevents.when.timex import find_timexes


def timexes(nlp, text: str, published: str | None = "2023-03-17", removed: list[Removed] | None = None):
    doc = Document(article=Article.from_text(text, published=published), text=text, removed=removed or [])
    doc.parse = nlp(doc.masked_text())
    return find_timexes(doc)


def test_future_partial_date_reads_forward(nlp) -> None:
    # Published in December: a planned January meeting is next year's January.
    found = timexes(nlp, "The two leaders will meet on January 5 in Geneva.", published="2023-12-20")
    assert [t.value for t in found] == ["2024-01-05"]


def test_past_partial_date_reads_back(nlp) -> None:
    found = timexes(nlp, "The two leaders met on December 5 in Geneva.", published="2024-01-10")
    assert [t.value for t in found] == ["2023-12-05"]


def test_weekday_in_past_tense_is_the_previous_one(nlp) -> None:
    found = timexes(nlp, "Protesters marched on Monday in the capital.")  # published Friday 17 March
    assert [t.value for t in found] == ["2023-03-13"]


def test_weekday_in_future_tense_is_the_next_one(nlp) -> None:
    found = timexes(nlp, "The ministers will sign the treaty on Monday.")
    assert [t.value for t in found] == ["2023-03-20"]


def test_planned_object_reads_forward(nlp) -> None:
    found = timexes(nlp, "Farmers planned a big tractor rally on Saturday.", published="2000-01-07")
    assert [t.value for t in found] == ["2000-01-08"]


def test_text_inside_removed_spans_is_ignored(nlp) -> None:
    text = "Talks began on Monday.\n\nPosted 3 days ago. Comments closed in 2019."
    cut = text.index("Posted")
    found = timexes(nlp, text, removed=[Removed(cut, len(text), "boilerplate")])
    assert [t.text for t in found] == ["Monday"]


def test_timexes_are_sorted_and_offsets_index_the_text(nlp) -> None:
    text = "Last year the army withdrew; next month it returns, officials said on Tuesday."
    found = timexes(nlp, text)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.value for t in found] == ["2022", "2023-04", "2023-03-14"]


def test_present_perfect_progressive_reads_back(nlp) -> None:
    found = timexes(nlp, "Detectives have been hunting the gunman since the Nov. 14 robbery.",
                    published="1999-05-06")
    assert [t.value for t in found] == ["1998-11-14"]


def test_deadline_put_off_until_a_weekday_lies_ahead(nlp) -> None:
    # Published Friday 31 March 2000: what was postponed "until Tuesday" is the coming Tuesday,
    # while the act itself ("on Tuesday") is the last one.
    ahead = timexes(nlp, "Officials postponed any action until Tuesday.", published="2000-03-31")
    done = timexes(nlp, "The court extended the deadline on Tuesday.", published="2000-03-31")
    assert [t.value for t in ahead] == ["2000-04-04"]
    assert [t.value for t in done] == ["2000-03-28"]


def test_last_or_next_month_and_day_is_that_day(nlp) -> None:
    back = timexes(nlp, "She was robbed last Nov. 14 outside her shop.", published="1999-04-19")
    ahead = timexes(nlp, "The vote is set for next March 3.", published="1999-04-19")
    assert [t.value for t in back] == ["1998-11-14"]
    assert [t.value for t in ahead] == ["2000-03-03"]
