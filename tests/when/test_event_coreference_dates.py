"""A definite event noun with no date of its own takes the date of the event the article dates."""

from __future__ import annotations

from newsevents.model import Article


def visits(pipeline, text: str) -> list[tuple[str, str, str, str]]:
    doc = pipeline.process(Article.from_text(text, published="2023-05-05"))
    return [(doc.text[e.trigger.start:e.trigger.end], e.date.start, e.date.end, e.status)
            for e in doc.events if e.cameo == "042" and e.date is not None]


def test_the_visit_named_before_its_dates_is_the_planned_visit(pipeline) -> None:
    found = visits(pipeline, "Officials in Brasilia confirmed the visit of the French president to Brazil. "
                             "Emmanuel Macron will travel to Brazil between May 22 and 24.")
    assert ("visit", "2023-05-22", "2023-05-24", "planned") in found
    assert all(status == "planned" for *_, status in found)


def test_two_visits_with_different_dates_leave_the_bare_reference_undated(pipeline) -> None:
    found = visits(pipeline, "Officials in Brasilia confirmed the visit of the French president to Brazil. "
                             "Emmanuel Macron visited Brazil in March 2019 and will travel to Brazil "
                             "between May 22 and 24.")
    assert ("visit", "2023-05-05", "2023-05-05", "asserted") in found


def dates(pipeline, text: str, published: str) -> dict[str, tuple[str, str, str]]:
    doc = pipeline.process(Article.from_text(text, published=published))
    return {doc.text[e.trigger.start:e.trigger.end]: (e.date.start, e.date.end, e.date.basis) for e in doc.events}


def test_an_act_a_stretch_before_the_clause_it_hangs_from_is_dated_back(pipeline) -> None:
    found = dates(pipeline, "The phone call came more than a month after Macron visited Beijing and held talks "
                            "with Xi.", "2023-05-10")
    assert found["visited"] == ("2023-04-01", "2023-04-30", "text")
    assert found["held"] == ("2023-04-01", "2023-04-30", "text")


def test_an_act_two_days_before_the_main_one_is_dated_from_the_main_ones_day(pipeline) -> None:
    # The sentence's "on Friday" dates the attack; the shelling lies two days before it, not on Friday.
    found = dates(pipeline, "Two days after Russian forces shelled Kharkiv, Ukraine attacked Belgorod on Friday.",
                  "2023-05-10")
    assert found["shelled"] == ("2023-05-03", "2023-05-03", "text")
    found = dates(pipeline, "Two days after Russian forces shelled Kharkiv, Ukraine attacked Belgorod.",
                  "2023-05-10")
    assert found["shelled"] == ("2023-05-08", "2023-05-08", "text")
