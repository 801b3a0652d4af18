"""Finding the right event type: light verbs, control frames, objects that change a word's reading,
acts that have not happened, and statements that only source the news (hand-written sentences)."""

from __future__ import annotations

import pytest
from coding_fixtures import parsed

from newsevents.coding.attribution import attribute
from newsevents.coding.coder import code_document
from newsevents.coding.status import assign_status, classic_code


def coded(nlp, text: str):
    doc = parsed(nlp, text)
    doc.events = code_document(doc)
    assign_status(doc)
    attribute(doc)
    return doc


def codes(nlp, text: str) -> set[str]:
    return {e.cameo for e in coded(nlp, text).events}


def roots(nlp, text: str) -> set[str]:
    return {c[:2] for c in codes(nlp, text)}


@pytest.mark.parametrize(
    "text, code",
    [
        ("Iraq issued an arrest warrant for Putin.", "173"),
        ("Russia faces pressure from France to leave Ukraine.", "100"),
        ("Israel faces criticism from France over the raid.", "111"),
        ("Japan suspended part of its economic aid to Myanmar.", "162"),
        ("Armenia accepted a formula for settling the border row with Azerbaijan.", "030"),
        ("Russia offered concessions to Ukraine.", "035"),
        ("Israel struck a deal with Hamas.", "057"),
        ("The United States will halt its mediation between Israel and Syria.", "165"),
        ("Israel forced the Palestinian leaders out of the city.", "174"),
        ("Iraq denied land allocation to Iran.", "120"),
        ("Uzbekistan shortened the curfew in the capital.", "0813"),
        ("Iraq lifted the state of emergency in the north.", "0814"),
    ],
    ids=[
        "arrest-warrant", "face-pressure", "face-criticism", "partitive-object", "accept-formula",
        "offer-concessions", "strike-a-deal", "halt-mediation", "force-out", "deny-allocation",
        "shorten-curfew", "state-of-emergency",
    ],
)
def test_light_verbs_and_their_objects_give_the_act(nlp, text, code) -> None:
    assert code in codes(nlp, text)


def test_calling_off_a_protest_eases_dissent_and_agreeing_to_it_is_an_intent(nlp) -> None:
    assert "082" in codes(nlp, "Palestinian leaders called off the strike.")
    found = roots(nlp, "Palestinian leaders agreed to postpone the protest.")
    assert "03" in found and "13" not in found and "14" not in found


def test_agreeing_to_stop_fighting_is_de_escalation_not_a_threat(nlp) -> None:
    found = codes(nlp, "Russia agreed to stop the fighting in Ukraine.")
    assert "0356" in found and not any(c[:2] in ("13", "19") for c in found)
    assert "0356" in codes(nlp, "Russia and Ukraine agreed to call a ceasefire.")


def test_a_promise_not_to_act_refuses_or_promises_restraint(nlp) -> None:
    assert "12" in roots(nlp, "Armenia vowed not to hand the villages back to Azerbaijan.")
    assert "0356" in codes(nlp, "Russia pledged not to attack Ukraine.")


def test_preparing_an_attack_is_a_planned_attack_not_an_intent_to_cooperate(nlp) -> None:
    doc = coded(nlp, "Israel prepared to attack Hamas.")
    attacks = [e for e in doc.events if e.root == "19"]
    assert attacks and attacks[0].status == "planned"
    assert not any(e.root == "03" for e in doc.events)


def test_three_parties_meeting_meet_each_other(nlp) -> None:
    doc = coded(nlp, "France, Germany and Japan met in Paris.")
    pairs = {(e.source.code, e.target.code) for e in doc.events if e.cameo == "040" and e.source and e.target}
    assert len(pairs) == 6


def test_a_clause_marked_by_for_is_what_is_pushed_for(nlp) -> None:
    assert "02" in roots(nlp, "Egypt is pushing for Britain to lift the embargo on Libya.")


def test_publishing_is_not_a_release_but_freeing_prisoners_is(nlp) -> None:
    assert "0841" not in codes(nlp, "Israel released a report on Hamas.")
    assert "0841" not in codes(nlp, "A report released by Israel accused Hamas.")
    assert "0841" in codes(nlp, "Israel released twenty prisoners to Hamas.")


def test_acts_named_by_an_offer_or_a_right_have_not_happened(nlp) -> None:
    assert "04" not in roots(nlp, "Hamas rejected an offer to meet Israel in Cairo.")
    assert "19" not in roots(nlp, "France defended the right of Israel to attack Hamas.")


def test_the_reason_for_an_arrest_is_not_an_event(nlp) -> None:
    found = roots(nlp, "Iran jailed a French student for helping Israel.")
    assert "17" in found and "07" not in found


def test_a_trailing_said_sources_the_news_a_leading_one_is_a_statement(nlp) -> None:
    trailing = coded(nlp, "Israel attacked Hamas, Palestinian leaders said.")
    attack = next(e for e in trailing.events if e.root == "19")
    assert attack.attribution is not None and "Palestinian leaders" in attack.attribution.speaker.text
    assert not any(e.root in ("01", "11") for e in trailing.events)
    assert any(e.root == "01" for e in coded(nlp, "Palestinian leaders said Israel will visit Egypt.").events)
    # A victim's side telling of force used against it accuses the attacker.
    leading = coded(nlp, "Palestinian leaders said Israel attacked Hamas.").events
    assert [(e.cameo, e.target.country) for e in leading if e.trigger.text == "said"] == [("112", "ISR")]


def test_classic_reading_codes_scheduled_acts_as_acts_and_promises_as_intents() -> None:
    assert classic_code("040", "planned", "scheduled") == "040"
    assert classic_code("042", "planned", "next") == "042"
    assert classic_code("042", "planned", "will")[:2] == "03"
    assert classic_code("190", "intended", "wants")[:2] == "13"


def test_deaths_by_accident_are_no_political_event(nlp) -> None:
    assert "19" not in roots(nlp, "Ten Iraqi soldiers were killed in a helicopter crash near Baghdad.")
    assert "19" in roots(nlp, "Israel killed ten soldiers in Syria.")


def test_letting_another_party_act_is_a_concession(nlp) -> None:
    assert "0811" in codes(nlp, "Turkish police allowed protesters to hold a rally in Caracas.")
    assert "08" in roots(nlp, "Iraq allowed Palestinian leaders to leave the country.")


def test_a_preposition_frame_takes_a_verb_and_the_adjective_reading_wins(nlp) -> None:
    assert "03" in roots(nlp, "Germany is committed to reforming its pension system.")
    found = roots(nlp, "Germany is opposed to lifting the sanctions on Syria.")
    assert "12" in found and "08" not in found


def test_destruction_by_a_missile_is_an_aerial_attack_not_a_bombing(nlp) -> None:
    assert "195" in codes(nlp, "The Iraqi jet was blown up over Syria by an Israeli missile.")
    assert "183" in codes(nlp, "Hamas blew up an Israeli bus.")


def test_alleging_accuses_the_subject_of_what_is_alleged_even_if_nothing_in_it_is_coded(nlp) -> None:
    doc = coded(nlp, "A paper published in Tehran alleged that Germany knew about the scheme.")
    assert [(e.cameo, e.target.code) for e in doc.events if e.root == "11"] == [("112", "DEU")]
    assert not any(e.root == "11" for e in coded(nlp, "A paper said that Germany knew about it.").events)
