"""Event coding on short sentences, with actors set by hand (the actors stage is tested on its own)."""

from __future__ import annotations

import pytest
from coding_fixtures import parsed

from newsevents.coding.coder import code_document, event_id
from newsevents.model import EventMention, Removed


def events_of(nlp, text: str) -> list[EventMention]:
    doc = parsed(nlp, text)
    return code_document(doc)


def dyads(events: list[EventMention]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None) for e in events
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Putin invited Xi to Moscow.", ("036", "RUSGOV", "CHNGOV")),
        ("Xi was invited by Putin.", ("036", "RUSGOV", "CHNGOV")),
        ("Putin visited Beijing last year.", ("042", "RUSGOV", "CHNGOV")),
        ("Beijing has offered to mediate peace in Ukraine.", ("039", "CHNGOV", "UKR")),
        ("Iran threatened to attack Israel.", ("1384", "IRN", "ISR")),
        ("Russia called for a ceasefire in Ukraine.", ("0256", "RUS", "UKR")),
        ("Russia invaded Ukraine.", ("190", "RUS", "UKR")),
        ("Beijing mediated an understanding between Saudi Arabia and Iran.", ("045", "CHNGOV", "SAU")),
        ("Ukraine raised doubts about China's neutrality.", ("111", "UKR", "CHN")),
        ("Russia imposed sanctions on Ukraine.", ("163", "RUS", "UKR")),
        ("Ukraine refused to negotiate with Russia.", ("125", "UKR", "RUS")),
    ],
    ids=[
        "invite",
        "passive-invite",
        "visit",
        "offer-to-mediate",
        "threaten-to-attack",
        "call-for-ceasefire",
        "invade",
        "mediate-between",
        "raise-doubts",
        "impose-sanctions",
        "refuse-to-negotiate",
    ],
)
def test_sentence_is_coded_with_code_source_and_target(nlp, text, expected):
    assert expected in dyads(events_of(nlp, text))


def test_offer_to_mediate_is_an_intent_not_a_mediation(nlp):
    roots = {e.root for e in events_of(nlp, "Beijing has offered to mediate peace in Ukraine.")}
    assert roots == {"03"}


def test_coordinated_subjects_act_towards_each_other(nlp):
    found = dyads(events_of(nlp, "China and Russia agreed in February 2022 to an unlimited partnership."))
    assert {(s, t) for _, s, t in found} == {("CHN", "RUS"), ("RUS", "CHN")}
    assert {c[:2] for c, _, _ in found} == {"03"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What we know about the visit of the Chinese president to Russia", ("042", "CHNGOV", "RUS")),
        ("Xi Jinping's trip to Moscow aims to deepen trust.", ("042", "CHNGOV", "RUSGOV")),
        ("Xi Jinping will be in Russia for an official visit.", ("042", "CHNGOV", "RUS")),
    ],
    ids=["visit-of-x-to-y", "possessive-trip", "be-in-for-a-visit"],
)
def test_nominal_events_take_their_arguments_from_the_noun_phrase(nlp, text, expected):
    assert expected in dyads(events_of(nlp, text))


def test_the_two_leaders_refers_back_to_the_last_pair(nlp):
    found = dyads(events_of(nlp, "Putin and Xi will discuss trade and the two leaders will sign documents."))
    assert ("057", "RUSGOV", "CHNGOV") in found and ("057", "CHNGOV", "RUSGOV") in found


def test_event_carries_codebook_fields_spans_and_a_stable_id(nlp):
    text = "Later, Putin visited Beijing."
    doc = parsed(nlp, text)
    (event,) = code_document(doc)
    assert (event.label, event.plover, event.plover_mode, event.quad, event.goldstein) == (
        "Make a visit",
        "CONSULT",
        "visit",
        1,
        1.9,
    )
    assert text[event.trigger.start : event.trigger.end] == "visited" == event.trigger.text
    assert (event.sentence.start, event.sentence.end) == (0, len(text))
    assert event.coder == "newsevents.cameo.v1" and 0.0 < event.confidence <= 1.0
    assert event.id == event_id(doc.article.id, event.trigger.start, "042")


@pytest.mark.parametrize(
    "text",
    [
        "The company said first quarter profits rose 12 pct to 4.5 mln dlrs on higher sales.",
        "Shareholders agreed to the merger, and the board will meet again in June.",
        "The war on prices hit the market and the talks about the dividend continue.",
    ],
    ids=["earnings", "merger", "metaphor"],
)
def test_business_text_without_political_actors_gives_no_events(nlp, text):
    assert events_of(nlp, text) == []


def test_removed_boilerplate_gives_no_events(nlp):
    text = "Putin visited Beijing.\nDisclaimer: Russia invaded Ukraine, contact our team."
    cut = text.index("Disclaimer")
    doc = parsed(nlp, text, removed=[Removed(cut, len(text), "boilerplate")])
    assert {e.cameo for e in code_document(doc)} == {"042"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Iran said it would allow monitors to come back.", ("0862", "IRN", None)),
        ("The United States fired missiles at Iraq.", ("195", "USA", "IRQ")),
        ("Ukraine declined to comment on the report.", ("011", "UKR", None)),
        ("Militants attempted to assassinate the Israeli prime minister.", ("185", None, "ISR")),
        ("Russia wants Iran to attack Israel.", ("0", "RUS", "IRN")),
    ],
    ids=["pronoun-antecedent", "fire-at", "decline-to-comment", "attempt-to-assassinate", "want-x-to"],
)
def test_frames_pronouns_and_attachment_slips(nlp, text, expected):
    code, source, target = expected
    found = dyads(events_of(nlp, text))
    assert any(c.startswith(code) and (s, t) == (source, target) for c, s, t in found), found


def test_showing_prowess_is_not_a_demonstration(nlp):
    assert events_of(nlp, "Kenyan runners demonstrated remarkable skill this season.") == []


def test_going_somewhere_that_is_no_country_is_not_a_visit(nlp):
    assert events_of(nlp, "The police officer went to the church after the call.") == []


def test_coordinated_demonyms_give_both_sides(nlp):
    found = dyads(events_of(nlp, "Chinese and Russian officials agreed to cooperate on energy."))
    assert {(s, t) for _, s, t in found} == {("CHN", "RUS"), ("RUS", "CHN")}
