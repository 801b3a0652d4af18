"""A local story's towns are read near each other; a qualified name settles its bare mentions; state names."""

from __future__ import annotations

import pytest
from place_fixtures import places_in

from newsevents.where.cohesion import Without, cell, name_cells, name_weight, support
from newsevents.where.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def places(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {p.text: (p.country, p.admin1) for p in places_in(nlp, text)}


def test_towns_named_together_are_the_namesakes_that_lie_together(nlp) -> None:
    found = places(nlp, "Crews from Paris and Murray worked through the night in Mayfield.")
    assert found["Paris"] == ("USA", "Kentucky")
    assert found["Mayfield"] == ("USA", "Kentucky")


def test_nearness_crosses_state_lines(nlp) -> None:
    # Ashland, Kentucky lies across the river from Ironton, Ohio and Huntington, West Virginia.
    found = places(nlp, "Fans drove from Ashland and Ironton to the game in Huntington.")
    assert found["Ashland"] == ("USA", "Kentucky")
    assert found["Huntington"] == ("USA", "West Virginia")


def test_a_name_with_few_readings_is_firmer_evidence_than_a_common_one(gaz) -> None:
    assert name_weight([c.entry for c in gaz.candidates("Tupelo")]) > name_weight(
        [c.entry for c in gaz.candidates("Springfield")])


def test_support_reaches_the_cells_around_each_reading(gaz) -> None:
    tupelo = [c.entry for c in gaz.candidates("Tupelo") if c.entry.kind == "city"]
    near = support([(name_cells(tupelo), 1.0)])
    starkville = gaz.resolve("Starkville")
    assert near.get(cell(starkville.lat, starkville.lon), 0.0) > 0
    assert near.get(cell(48.86, 2.35), 0.0) == 0  # Paris, France is nowhere near


def test_a_qualified_mention_settles_the_bare_mentions_of_its_name(nlp) -> None:
    text = "Residents of Belgrade asked for a new road. BELGRADE, Minn. is small."
    readings = {(p.country, p.admin1) for p in places_in(nlp, text) if p.text.lower() == "belgrade"}
    assert readings == {("USA", "Minnesota")}


def test_a_states_name_is_the_state_even_where_a_small_town_bears_it(gaz) -> None:
    entry = gaz.resolve("California", {"USA": 3.0}, context_admin1={"PA": 1.5})
    assert entry.kind == "admin1" and entry.admin1 == "California"


def test_a_state_named_town_is_found_when_the_text_qualifies_it(gaz) -> None:
    entry = gaz.resolve("California", {"USA": 3.0}, qualifier=gaz.resolve("Pennsylvania"))
    assert (entry.kind, entry.admin1) == ("city", "Pennsylvania")


def test_a_storys_counties_point_to_the_state_of_its_towns_even_when_another_state_is_named(nlp) -> None:
    # Columbus, Nebraska is in Platte County; Ohio's capital is far bigger, and Iowa is named.
    found = places(nlp, "Columbus police and Platte County deputies arrested a man from Iowa.")
    assert found["Columbus"] == ("USA", "Nebraska")
    assert found["Platte County"] == ("USA", "Nebraska")


def test_a_county_inside_an_office_name_counts_for_the_storys_towns(nlp) -> None:
    found = places(nlp, "Deputies from Platte County Sheriff's Office searched Columbus on Friday, "
                        "officials in Iowa said.")
    assert found["Columbus"] == ("USA", "Nebraska")
    assert found["Platte County Sheriff's Office"] == ("USA", "Nebraska")


def test_a_county_jail_is_the_countys_not_a_towns(nlp) -> None:
    found = places(nlp, "He was taken to Platte County Jail in Columbus, officials in Iowa said.")
    assert "Platte" not in found
    assert found["Platte County"] == ("USA", "Nebraska")


def test_a_name_does_not_vouch_for_its_own_readings(gaz) -> None:
    tupelo = (name_cells([c.entry for c in gaz.candidates("Tupelo")]), 1.0)
    starkville = (name_cells([c.entry for c in gaz.candidates("Starkville")]), 1.0)
    where = gaz.resolve("Starkville")
    here = cell(where.lat, where.lon)
    total = support([tupelo, starkville])
    assert total[here] == 2.0
    assert Without(total, [starkville])[here] == 1.0
