"""Countries of an event's sides when the text names them indirectly: places, peoples, the reporter's
country left out, the own country of a domestic act, and sides the parser hides (hand-written sentences)."""

from __future__ import annotations

import pytest

from newsevents.model import Article

Dyad = tuple[str | None, str | None, str | None]


def dyads(pipeline, text: str) -> set[Dyad]:
    doc = pipeline.process(Article.from_text(text, published="2023-03-17"))
    return {
        (e.cameo, e.source.country if e.source else None, e.target.country if e.target else None) for e in doc.events
    }


def has(found: set[Dyad], root: str, source: str | None, target: str | None) -> bool:
    return any(c and c.startswith(root) and (s, t) == (source, target) for c, s, t in found)


@pytest.mark.parametrize(
    ("text", "root", "source", "target"),
    [
        # A place stands for its country: a city from the gazetteer, a province in an agent's phrase.
        ("Rebels shelled Kandahar on Sunday.", "19", None, "AFG"),
        ("Red Cross officials halted aid convoys in Mosul on Tuesday.", "16", "IGO", "IRQ"),
        # A demonym on an ordinary noun names whose it is ("Syrian villages").
        ("The army of Turkey threatened to shell Syrian villages.", "13", "TUR", "SYR"),
        # Violence with no doer is placed where it happened.
        ("A car bomb near the town of Kirkuk killed four Turkish engineers.", "19", "IRQ", "TUR"),
        # A state acting at home, nobody else named: its own country is the target.
        ("The Peruvian president threatened to impose a curfew.", "13", "PER", "PER"),
        ("Kenyan police arrested 40 on Friday.", "17", "KEN", "KEN"),
        # The reporter's country is no side ("a spokesman for the French embassy said").
        (
            "The Chilean government threatened to impose martial law, a spokesman for the French embassy said.",
            "13",
            "CHL",
            "CHL",
        ),
        # ... but a medium's country is kept when nothing else is named, and a dateline places the story.
        ("Police arrested 12 protesters on Friday, Iranian state media said.", "17", "IRN", "IRN"),
        ("KABUL, Jan 5 (Reuters) - Police arrested three opposition leaders on Friday.", "17", "AFG", "AFG"),
        # "is opposed to", "were engaged in": the subject holds the stance, it is not a patient.
        ("Norway is opposed to Swedish mediation in the dispute.", "12", "NOR", "SWE"),
        # A complaint to a body over someone targets the someone.
        ("Chile complained to the United Nations over Peruvian air raids.", "11", "CHL", "PER"),
        # The issuer of a statement demands; the subject of "its demand that X ..." is the target.
        ("Hamas issued a statement demanding that Israel release prisoners.", "10", "PSE", "ISR"),
        ("Norway repeated its demand that Chile free the prisoners.", "10", "NOR", "CHL"),
        # Who made the offer refused is the target; troops withdrawn leave the "from" place.
        ("Chile refused to respond to an offer from Peru.", "12", "CHL", "PER"),
        ("Russia sped up the withdrawal of its troops from Georgia.", "08", "RUS", "GEO"),
        # Own forces sent somewhere: the place is the other side, even with other countries named.
        ("Turkey deployed its troops in Syria after talks with Russia and Iran.", "15", "TUR", "SYR"),
        # A region is no side: joint exercises at sea are between the two navies.
        ("Greek and Turkish warships launched naval exercises in the Mediterranean Sea.", "06", "GRC", "TUR"),
        # A subject the parser hung on a fronted phrase is still the subject.
        (
            "With the signing of the accord, the Chilean government and the rebels have agreed to a truce.",
            "03",
            "CHL",
            "CHL",
        ),
        # People of a country protesting with no target protest against their government.
        ("Young Egyptians blocked roads to protest.", "14", "EGY", "EGY"),
    ],
)
def test_sides_take_the_countries_the_text_implies(pipeline, text: str, root: str, source, target) -> None:
    found = dyads(pipeline, text)
    assert has(found, root, source, target), found


def test_home_country_is_not_the_target_of_a_people_or_of_an_act_on_named_people(pipeline) -> None:
    assert not has(dyads(pipeline, "Chilean students threatened to block the roads."), "13", "CHL", "CHL")
    found = dyads(pipeline, "Iraqi police detained the inspectors.")
    assert has(found, "17", "IRQ", None), found  # the inspectors, whoever they are, not Iraq


def test_a_region_or_the_reporter_is_not_taken_as_the_other_side(pipeline) -> None:
    found = dyads(pipeline, "Bolivian troops held exercises in the Mediterranean Sea, a French diplomat said.")
    assert all(t not in ("MDT", "FRA") for c, _, t in found if c and c.startswith("15")), found


def test_a_wished_for_act_gets_no_guessed_doer(pipeline) -> None:
    # The hoper is not the one who would indict; nor is another country the sentence names.
    found = dyads(pipeline, "Canada rejected claims by Chile, as Santiago said it hoped Canadian officers "
                            "would be indicted for torture.")
    assert not any(c and c.startswith("17") and s is not None for c, s, _ in found)
    # Demanded, not hoped for: the demand carries the act, and no one is guessed as the indicter.
    demanded = dyads(pipeline, "Canada rejected claims by Chile, as Santiago demanded that Canadian officers "
                               "be indicted for torture.")
    assert not any(c and c.startswith("17") and s == "CHL" for c, s, _ in demanded)


def test_a_by_phrase_names_the_doer_of_a_nominal_event(pipeline) -> None:
    # Not the governor who ordered the curfews after them.
    text = "The Pakistani governor imposed curfews after violent riots by Muslim groups."
    doc = pipeline.process(Article.from_text(text, published="2023-03-17"))
    assert [e.source.code for e in doc.events if e.root == "14"] == ["PAKREL"]


def test_two_sides_meeting_somewhere_face_each_other(pipeline) -> None:
    # "Geneva" is also a US town: a bare country of one side is no third party of a meeting.
    found = dyads(pipeline, "U.S. and Chinese diplomats travel to Geneva next week for talks on trade.")
    assert {(s, t) for c, s, t in found if c and c.startswith("04")} == {("USA", "CHN"), ("CHN", "USA")}


def test_what_a_meeting_is_about_names_the_other_side(pipeline) -> None:
    found = dyads(pipeline, "The Kenyan president is due to attend a conference on the violence in Sudan.")
    assert has(found, "04", "KEN", "SDN")
