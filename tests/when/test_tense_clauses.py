"""Which way a weekday reads when its clause is a plan, a participle, a possessive or a schedule (parse)."""

from __future__ import annotations

from newsevents.model import Article, Document
from newsevents.when.timex import find_timexes

WEDNESDAY = "1998-09-30"


def weekday_values(nlp, text: str, published: str = WEDNESDAY) -> list[str]:
    doc = Document(article=Article.from_text(text, published=published), text=text, removed=[])
    doc.parse = nlp(doc.masked_text())
    return [t.value for t in find_timexes(doc)]


def test_a_planned_act_lies_ahead_even_when_the_plan_is_told_in_the_past(nlp) -> None:
    assert weekday_values(nlp, "The delegation planned to fly to Lagos on Thursday.") == ["1998-10-01"]


def test_a_plan_told_in_the_past_perfect_stays_behind(nlp) -> None:
    found = weekday_values(nlp, "The permit had been scheduled to lapse on Monday, but it was renewed.")
    assert found == ["1998-09-28"]


def test_a_bare_participle_tells_what_was_done(nlp) -> None:
    found = weekday_values(nlp, "The firm would contest the fine, imposed Tuesday by regulators.")
    assert found == ["1998-09-29"]


def test_a_possessive_weekday_is_not_dated_by_its_clause(nlp) -> None:
    found = weekday_values(nlp, "Lawyers said they would seek a way around Tuesday's verdict.")
    assert found == ["1998-09-29"]


def test_the_simple_present_schedules_what_lies_ahead(nlp) -> None:
    assert weekday_values(nlp, "The two leaders meet Monday in Geneva.") == ["1998-10-05"]
    assert weekday_values(nlp, "The talks resume on Monday.") == ["1998-10-05"]


def test_a_verb_spelled_alike_in_past_and_present_is_not_a_schedule(nlp) -> None:
    found = weekday_values(nlp, "Weak bank shares hurt the index on Monday.")
    assert found == ["1998-09-28"]
