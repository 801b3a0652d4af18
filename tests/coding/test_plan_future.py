"""Events dated after publication are planned, unless the text tells them as already done."""

from __future__ import annotations

from newsevents.model import Article


def events_of(pipeline, text: str, published: str = "2023-03-17"):
    return pipeline.process(Article.from_text(text, published=published)).events


def test_event_dated_after_publication_is_planned(pipeline):
    events = events_of(pipeline, "Chinese President Xi Jinping visits Moscow on March 20, officials said.")
    visits = [e for e in events if e.cameo == "042"]
    assert visits and all(e.status == "planned" for e in visits)


def test_invitation_told_in_the_past_stays_asserted_beside_a_planned_visit(pipeline):
    events = events_of(pipeline, "Xi Jinping will be in Russia between March 20 and 22 for an official visit, "
                                 "after being invited by Vladimir Putin.")
    invitations = [e for e in events if e.trigger.text == "invited"]
    assert invitations and all(e.status == "asserted" for e in invitations)
    assert any(e.root == "04" and e.status == "planned" for e in events)


def test_a_past_act_in_the_clause_of_a_coming_visit_keeps_no_future_date(pipeline) -> None:
    text = "Emmanuel Macron will be in Brazil between May 22 and 24, after being invited by Lula."
    doc = pipeline.process(Article.from_text(text, published="2023-05-05"))
    invitation = next(e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "invited")
    assert invitation.status == "asserted"
    assert (invitation.date.start, invitation.date.basis) == ("2023-05-05", "published")
