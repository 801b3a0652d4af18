"""Arguments, denials, statements and dates: the coder links the right actors and reports who says so."""

from __future__ import annotations

from coding_fixtures import parsed

from newsevents.coding.attribution import attribute, without_statements
from newsevents.coding.coder import code_document
from newsevents.coding.status import assign_status, classic_code, plan_future
from newsevents.model import EventDate


def coded(nlp, text: str, published: str | None = "2023-03-17"):
    doc = parsed(nlp, text, published=published)
    doc.events = code_document(doc)
    assign_status(doc)
    attribute(doc)
    return doc


def dyads(doc) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in doc.events
    }


def test_coordinated_verbs_share_their_object(nlp) -> None:
    found = dyads(coded(nlp, "Washington accused and sanctioned Moscow."))
    assert ("112", "USAGOV", "RUSGOV") in found
    assert ("163", "USAGOV", "RUSGOV") in found


def test_fighting_between_two_countries_codes_both_sides(nlp) -> None:
    assert ("190", "ARM", "AZE") in dyads(coded(nlp, "Fighting broke out between Armenia and Azerbaijan."))


def test_agreement_between_two_sides_in_the_passive_is_negated_by_no(nlp) -> None:
    doc = coded(nlp, "No agreement was reached between Israel and Hamas.")
    agreements = [e for e in doc.events if e.cameo == "057"]
    assert {(e.source.code, e.target.code) for e in agreements} == {("ISR", "PSEREB"), ("PSEREB", "ISR")}
    assert all(e.status == "negated" for e in agreements)


def test_same_country_arrest_gives_both_sides_the_country_of_the_place(nlp) -> None:
    assert ("173", "VENCOP", "VENOPP") in dyads(
        coded(nlp, "The police arrested opposition leaders in Caracas.")
    )


def test_role_only_protesters_take_the_country_of_the_police_they_face(nlp) -> None:
    found = dyads(coded(nlp, "Turkish police detained protesters."))
    assert ("173", "TURCOP", "TUROPP") in found


def test_denied_accusations_code_the_denial_and_the_accusers_accusation(nlp) -> None:
    doc = coded(nlp, "Iran denied Israeli accusations that it armed Hamas.")
    assert ("016", "IRN", "ISR") in dyads(doc)
    accusation = next(e for e in doc.events if e.cameo == "112")
    assert (accusation.source.code, accusation.target.code, accusation.status) == ("ISR", "IRN", "asserted")


def test_warning_of_ones_own_strike_is_a_threat_not_a_comment(nlp) -> None:
    codes = {e.cameo[:2] for e in coded(nlp, "Russia warned that it would strike Kiev.").events}
    assert "13" in codes and "01" not in codes


def test_statement_targets_the_other_party_of_what_it_claims(nlp) -> None:
    doc = coded(nlp, "The Kremlin said Xi will visit Moscow next week.")
    statement = next(e for e in doc.events if e.claims)
    assert (statement.cameo[:2], statement.source.code, statement.target.code) == ("01", "RUSGOV", "CHNGOV")
    visit = next(e for e in doc.events if e.cameo == "042")
    assert visit.claimed_by == statement.id and visit.status == "planned"


def test_no_statement_without_a_coded_claim(nlp) -> None:
    assert [e for e in coded(nlp, "The Kremlin said the weather was fine.").events if e.root == "01"] == []


def test_citing_unnamed_sources_is_recorded_as_a_relay(nlp) -> None:
    doc = coded(
        nlp,
        "The Wall Street Journal revealed, citing close sources, that Saudi Arabia will normalize relations "
        "with Israel.",
    )
    normalize = next(e for e in doc.events if e.trigger.text == "normalize")
    assert normalize.attribution.speaker.code == "USAMED"
    assert normalize.attribution.via == ["unnamed sources"]


def test_without_statements_drops_every_01x_event_and_dangling_links(nlp) -> None:
    doc = coded(nlp, "The Kremlin said Xi will visit Moscow next week.")
    kept = without_statements(doc.events)
    assert kept and all(e.root != "01" and e.claimed_by is None for e in kept)
    assert kept[0].attribution is not None  # who said so survives


def test_an_asserted_event_dated_after_publication_becomes_planned(nlp) -> None:
    doc = coded(nlp, "Xi visits Moscow on March 20.", published="2023-03-17")
    visit = next(e for e in doc.events if e.cameo == "042")
    assert visit.status == "asserted"
    visit.date = EventDate("2023-03-20", "2023-03-20", "day", "March 20", "text")
    plan_future(doc)
    assert (visit.status, visit.status_cue) == ("planned", "March 20")


def test_a_date_from_the_publication_date_or_the_past_leaves_the_status(nlp) -> None:
    doc = coded(nlp, "Xi visited Moscow on March 10.", published="2023-03-17")
    visit = next(e for e in doc.events if e.cameo == "042")
    visit.date = EventDate("2023-03-10", "2023-03-10", "day", "March 10", "text")
    plan_future(doc)
    assert visit.status == "asserted"
    visit.date = EventDate("2023-03-18", "2023-03-18", "day", None, "published")
    plan_future(doc)
    assert visit.status == "asserted"


def test_classic_reading_makes_conditional_attacks_threats_but_not_questions() -> None:
    assert classic_code("190", "hypothetical", "if")[:2] == "13"
    assert classic_code("190", "hypothetical", "?") == "190"


def test_a_government_claiming_anothers_attack_accuses_it_saying_so_does_not(nlp) -> None:
    claimed = coded(nlp, "Israel claimed that Iran attacked Saudi Arabia.")
    assert ("112", "ISR", "IRN") in dyads(claimed)
    said = coded(nlp, "Israel said that Iran attacked Saudi Arabia.")
    assert ("010", "ISR", "IRN") in dyads(said) and not [e for e in said.events if e.cameo == "112"]


def test_a_call_for_an_end_to_fighting_is_an_appeal_to_de_escalate(nlp) -> None:
    assert {e.cameo for e in coded(nlp, "Egypt called for an end to the fighting in Ukraine.").events} == {
        "0256"
    }


def test_exercises_alone_show_force_and_with_a_partner_are_cooperation(nlp) -> None:
    assert ("150", "RUS", None) in dyads(coded(nlp, "Russia held military exercises."))
    assert ("062", "CHN", "RUS") in dyads(coded(nlp, "China held joint drills with Russia."))


def test_the_doer_of_a_condemned_act_is_the_target(nlp) -> None:
    found = dyads(coded(nlp, "Israel condemned the killing of protesters by Iran."))
    assert ("111", "ISR", "IRN") in found
