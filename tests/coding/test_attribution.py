"""Attribution: who says an event happened, through whom, and the statements governments make."""

from __future__ import annotations

from coding_fixtures import parsed

from newsevents.coding.attribution import attribute
from newsevents.coding.coder import code_document
from newsevents.coding.status import assign_status
from newsevents.model import Document

KREMLIN = (
    "In a statement, cited by Reuters, the Kremlin revealed that Xi Jinping will be in Russia "
    "between March 20 and 22 for an official visit, after being invited by Vladimir Putin."
)


def coded(nlp, text: str) -> Document:
    doc = parsed(nlp, text)
    doc.events = code_document(doc)
    assign_status(doc)
    return attribute(doc)


def test_speaker_cue_and_relay_of_a_reported_visit(nlp):
    doc = coded(nlp, KREMLIN)
    visit = next(e for e in doc.events if e.cameo == "042")
    assert visit.attribution is not None
    assert visit.attribution.speaker is not None and visit.attribution.speaker.code == "RUSGOV"
    assert visit.attribution.speaker.text == "Kremlin"
    assert (visit.attribution.cue, visit.attribution.via) == ("revealed", ["Reuters"])


def test_a_government_speaker_makes_a_statement_that_claims_the_reported_events(nlp):
    doc = coded(nlp, KREMLIN)
    statement = next(e for e in doc.events if e.root == "01")
    claimed = [e for e in doc.events if e.claimed_by == statement.id]
    assert statement.cameo == "010" and statement.source is not None and statement.source.code == "RUSGOV"
    assert {e.cameo for e in claimed} == {"042", "036"}
    assert sorted(statement.claims) == sorted(e.id for e in claimed)


def test_confirming_a_nominal_event_attributes_it(nlp):
    doc = coded(
        nlp, "The Russian presidency confirmed this Friday the visit of the Chinese president to Moscow."
    )
    visit = next(e for e in doc.events if e.cameo == "042")
    assert visit.attribution is not None and visit.attribution.cue == "confirmed"
    assert visit.attribution.speaker is not None and visit.attribution.speaker.code == "RUSGOV"


def test_a_newspaper_is_a_speaker_but_makes_no_statement_event(nlp):
    doc = coded(nlp, "The Wall Street Journal revealed that Xi Jinping wanted to speak with Zelensky.")
    talk = next(e for e in doc.events if e.root == "04")
    assert talk.attribution is not None and talk.attribution.speaker is not None
    assert talk.attribution.speaker.text == "The Wall Street Journal" and talk.claimed_by is None
    assert not any(e.root == "01" for e in doc.events)


def test_according_to_names_the_speaker(nlp):
    doc = coded(nlp, "According to Reuters, Russia invaded Ukraine.")
    war = next(e for e in doc.events if e.root == "19")
    assert war.attribution is not None and war.attribution.cue == "according to"
    assert war.attribution.speaker is not None and war.attribution.speaker.text == "Reuters"


def test_an_unreported_event_has_no_attribution(nlp):
    doc = coded(nlp, "Putin visited Beijing.")
    assert [e.attribution for e in doc.events] == [None]


def test_quoted_by_names_the_relay_of_an_inverted_report(nlp):
    doc = coded(
        nlp, "Russian jets struck targets in Ukraine on Sunday, the Ukrainian army said, quoted by Reuters."
    )
    strike = next(e for e in doc.events if e.root == "19")
    assert (strike.source.country, strike.target.country) == ("RUS", "UKR")
    assert strike.attribution is not None and strike.attribution.cue == "said"
    assert strike.attribution.via == ["Reuters"]
