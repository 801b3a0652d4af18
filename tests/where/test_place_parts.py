"""Names the gazetteer lacks placed by the place inside them, and named states outweighing implied ones."""

from __future__ import annotations

import pytest
from place_fixtures import places_in

from newsevents.where.gazetteer import load_gazetteer


def places(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {p.text: (p.name, p.admin1) for p in places_in(nlp, text)}


def test_a_park_named_after_its_town_is_placed_at_the_town(nlp) -> None:
    found = places(nlp, "Volunteers in Tennessee painted the benches in Dayton Riverside Park.")
    assert found["Dayton Riverside Park"] == ("Dayton", "Tennessee")


def test_a_name_with_a_town_the_story_names_takes_that_town(nlp) -> None:
    found = places(nlp, "Tulsa City Commissioner Ann Pruitt said the levees in Tulsa would hold.")
    assert found["Tulsa City"] == found["Tulsa"] == ("Tulsa", "Oklahoma")


def test_generic_words_before_the_town_do_not_hide_it(nlp) -> None:
    found = places(nlp, "The board in Tennessee met at the Metro Nashville courthouse.")
    assert found["Metro Nashville"] == ("Nashville", "Tennessee")


def test_a_place_of_its_own_is_not_put_at_the_town_ending_its_name(nlp) -> None:
    # Cherry Hinton is a village of its own, not the town of Hinton; unknown, it stays unlocated.
    found = places(nlp, "Police in Cambridge said the van stopped at Cherry Hinton Hall.")
    assert found["Cherry Hinton Hall"] == ("Cherry Hinton Hall", None)


def test_a_county_named_after_a_town_is_not_placed_at_the_town(nlp) -> None:
    found = places(nlp, "The team lost to Jackson County Central in Minnesota.")
    assert found["Jackson County Central"] == ("Jackson County", "Minnesota")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_a_named_state_outweighs_a_state_one_town_implies(gaz) -> None:
    # "Kentucky" named once (weight 1) against California implied by one ambiguous town (0.5).
    entry = gaz.resolve("Richmond", {"USA": 3.0}, context_admin1={"KY": 1.0, "CA": 0.5})
    assert entry is not None and entry.admin1 == "Kentucky"


def test_state_context_given_as_a_set_still_counts_fully(gaz) -> None:
    entry = gaz.resolve("Richmond", ["USA"], context_admin1={"KY"})
    assert entry is not None and entry.admin1 == "Kentucky"


def test_a_country_one_stray_name_votes_for_counts_little_against_the_storys_country(gaz) -> None:
    # A dozen Australian places and one name read as Canadian: Edmonton is the suburb of Cairns.
    entry = gaz.resolve("Edmonton", {"AUS": 14.0, "CAN": 0.5})
    assert entry is not None and entry.country == "AUS"


def test_a_country_with_a_fair_share_of_the_story_keeps_its_full_weight(gaz) -> None:
    entry = gaz.resolve("Edmonton", {"AUS": 2.0, "CAN": 1.0})
    assert entry is not None and entry.country == "CAN"



def test_an_unknown_township_is_put_at_the_town_the_story_names_most(nlp) -> None:
    text = "Officials in Trenton, New Jersey, said Trenton will share a fire truck with Zqxville Township."
    found = {p.text: p for p in places_in(nlp, text)}
    township, town = found["Zqxville Township"], found["Trenton"]
    assert (township.lat, township.lon) == (town.lat, town.lon)
    assert township.geonameid is None  # an approximate point, not a gazetteer place


def test_an_unknown_river_in_a_story_naming_no_town_stays_unlocated(nlp) -> None:
    found = {p.text: p for p in places_in(nlp, "Kayakers paddled down the Zqxton River in New Jersey on Sunday.")}
    assert "Zqxton River" in found and found["Zqxton River"].lat is None
