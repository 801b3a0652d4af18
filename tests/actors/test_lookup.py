"""Which actor a token stands for: a spokesman speaks for his ministry, a visit is no actor."""

from __future__ import annotations

import pytest
from actor_runner import Runner, make_runner

from newsevents.actors.lookup import actor_for_token


@pytest.fixture(scope="module")
def run_actors() -> Runner:
    return make_runner()


def token(doc, word: str):
    return next(t for t in doc.parse if t.text == word)


def test_spokesman_maps_to_the_ministry_he_speaks_for(run_actors) -> None:
    doc = run_actors("The spokesman for the Chinese Ministry of Foreign Affairs said the trip was planned.")
    actor = actor_for_token(doc, token(doc, "spokesman"))
    assert actor is not None and (actor.text, actor.code) == ("Chinese Ministry of Foreign Affairs", "CHNGOV")


def test_token_inside_an_actor_span_gives_that_actor(run_actors) -> None:
    doc = run_actors("The visit of the Chinese president to Russia was confirmed.", "2023-03-17")
    actor = actor_for_token(doc, token(doc, "president"))
    assert actor is not None and actor.code == "CHNGOV"


def test_event_noun_is_not_an_actor(run_actors) -> None:
    doc = run_actors("The visit of the Chinese president to Russia was confirmed.", "2023-03-17")
    assert actor_for_token(doc, token(doc, "visit")) is None


def test_personal_pronoun_refers_to_the_last_person_named(run_actors) -> None:
    doc = run_actors("Beijing welcomed the talks. Xi Jinping said he would visit Moscow.", "2023-03-17")
    actor = actor_for_token(doc, token(doc, "he"))
    assert actor is not None and actor.entity == "Xi Jinping"


def test_possessive_its_refers_to_the_government_before_it(run_actors) -> None:
    doc = run_actors("Beijing, for its part, also confirmed the visit.", "2023-03-17")
    actor = actor_for_token(doc, token(doc, "its"))
    assert actor is not None and actor.code == "CHNGOV"


def test_pleonastic_it_is_no_actor(run_actors) -> None:
    doc = run_actors("China agreed. It is not known whether Xi will travel.", "2023-03-17")
    assert actor_for_token(doc, token(doc, "It")) is None
