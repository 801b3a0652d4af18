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
