"""Event status: planned, intended, negated, hypothetical and alleged events are told apart from facts."""

from __future__ import annotations

import pytest
from coding_fixtures import parsed

from newsevents.coding.coder import code_document
from newsevents.coding.status import assign_status, classic_code


def statuses(nlp, text: str) -> set[tuple[str, str, str | None]]:
    doc = parsed(nlp, text)
    doc.events = code_document(doc)
    assign_status(doc)
    return {(e.cameo, e.status, e.status_cue) for e in doc.events}


@pytest.mark.parametrize(
    "text, cameo, status, cue",
    [
        ("Putin visited Beijing.", "042", "asserted", None),
        ("Xi Jinping will visit Moscow next week.", "042", "planned", "will"),
        ("Xi is to visit Moscow in March.", "042", "planned", "is to"),
        ("Xi is expected to visit Moscow.", "042", "planned", "expected"),
        ("Xi is set to visit Moscow.", "042", "planned", "set"),
        ("Xi plans to visit Moscow.", "042", "planned", "plans"),
        ("Xi wants to visit Moscow.", "042", "intended", "wants"),
        ("Xi hopes to visit Moscow.", "042", "intended", "hopes"),
        ("Xi did not visit Moscow.", "042", "negated", "not"),
        ("Xi never visited Moscow.", "042", "negated", "never"),
        ("Xi could visit Moscow.", "042", "hypothetical", "could"),
        ("If Xi visits Moscow, Ukraine will protest.", "042", "hypothetical", "If"),
        ("Xi reportedly visited Moscow.", "042", "alleged", "reportedly"),
    ],
    ids=[
        "asserted",
        "will",
        "is-to",
        "expected-to",
        "set-to",
        "plans-to",
        "wants-to",
        "hopes-to",
        "not",
        "never",
        "could",
        "if",
        "reportedly",
    ],
)
def test_status_and_the_cue_that_decided_it(nlp, text, cameo, status, cue):
    assert (cameo, status, cue) in statuses(nlp, text)


def test_a_nominal_event_called_alleged_is_alleged(nlp):
    found = statuses(nlp, "No one has confirmed this alleged conversation of Xi with Zelensky.")
    assert ("040", "alleged", "alleged") in found


def test_an_unconfirmed_report_makes_the_intention_alleged(nlp):
    text = (
        "The Wall Street Journal revealed that Xi wanted to speak with Zelensky but, so far, "
        "no official source has confirmed it."
    )
    assert {s for c, s, _ in statuses(nlp, text) if c == "040"} == {"alleged"}


def test_after_clause_keeps_its_own_time(nlp):
    found = statuses(
        nlp, "Xi will be in Russia for an official visit, after being invited by Vladimir Putin."
    )
    assert ("036", "asserted", None) in found and ("042", "planned", "will") in found


def test_the_aim_of_a_trip_belongs_to_what_it_aims_at(pipeline):
    from newsevents.model import Article

    doc = pipeline.process(Article.from_text("Lula's trip to Paris aims to deepen trade ties.",
                                             published="2023-03-17"))
    found = {doc.text[e.trigger.start:e.trigger.end]: e.status for e in doc.events}
    assert found.get("trip") == "asserted" and found.get("deepen") == "intended"


def test_an_act_in_a_same_time_clause_shares_the_plan_of_its_verb(nlp):
    # "after visiting" / "after he visits": the visit belongs to the planned talk's future.
    assert {s for c, s, _ in statuses(nlp, "Macron will meet Lula after visiting Brazil.") if c == "042"} == {
        "planned"}
    assert {s for c, s, _ in statuses(nlp, "Macron will meet Lula after he visits Brazil.") if c == "042"} == {
        "planned"}
    # Told as done, with a perfect form or in the past: the visit keeps its own status.
    assert {s for c, s, _ in statuses(nlp, "Macron will meet Lula after having visited Brazil.")
            if c == "042"} == {"asserted"}
    assert {s for c, s, _ in statuses(nlp, "Macron met Lula after visiting Brazil.") if c == "042"} == {
        "asserted"}


@pytest.mark.parametrize(
    "code, status, classic",
    [
        ("0841", "planned", "0353"),
        ("190", "intended", "1384"),
        ("042", "negated", "125"),
        ("042", "asserted", "042"),
    ],
)
def test_classic_cameo_reading_of_a_status(code, status, classic):
    assert classic_code(code, status) == classic


def test_would_in_reported_speech_is_a_plan_not_a_hypothesis(nlp):
    found = statuses(nlp, "Kurdish parties said they would boycott the elections in Iraq.")
    assert {(s, c) for _, s, c in found} == {("planned", "would")}


@pytest.mark.parametrize(
    "text, status, cue",
    [
        ("Russia denied that it invaded Ukraine.", "negated", "denied"),
        ("Russia denied the invasion of Ukraine.", "negated", "denied"),
        ("Ukraine claimed that Russia invaded Iraq.", "alleged", "claimed"),
    ],
    ids=["denied-that", "denied-noun", "claimed-that"],
)
def test_denials_negate_and_claims_allege_what_they_report(nlp, text, status, cue):
    assert {(s, c) for code, s, c in statuses(nlp, text) if code == "190"} == {(status, cue)}
