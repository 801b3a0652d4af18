"""Peoples, places and names beside a title decide a mention's country the way a reader would."""

from __future__ import annotations

import pytest
from actor_runner import Runner, at

from newsevents.actors.places import demonym_country, place_country

DAY = "2023-03-17"


@pytest.mark.parametrize(
    ("sentence", "phrase", "code"),
    [
        # A people after "ethnic" lives where its phrase says, not in the country of its name.
        ("Ethnic Uzbeks in Kyrgyzstan fled their homes.", "Ethnic Uzbeks", "KGZCVL"),
        ("The Armenians of southern Georgia demanded autonomy.", "Armenians", "GEOCVL"),
        # With no place in the phrase it is a people with no country yet (the event coder places it).
        ("Soldiers killed two ethnic Uzbeks near the border.", "ethnic Uzbeks", "CVL"),
        # "the <demonym> people": the country's civilians.
        ("The Chilean people voted on Sunday.", "Chilean people", "CHLCVL"),
        # A province or city after of/in gives an agent its country (gazetteer).
        ("The government of Punjab province banned the rally.", "government", "PAKGOV"),
        ("The police in Basra arrested two men.", "police", "IRQCOP"),
        # A country word inside the object of "of"/"from" ("the Turkish coast", "the Fatah party").
        ("Residents of the Turkish Black Sea coast went on strike.", "Residents", "TURCVL"),
        ("Activists from the ruling Fatah party marched.", "Activists", "PSECVL"),
        # Northern Ireland is part of the United Kingdom, not Ireland.
        ("Police in Northern Ireland arrested a man.", "Police", "GBRCOP"),
        # Extremists, hackers and landowners are actors too.
        ("Egyptian fundamentalists staged a protest.", "Egyptian fundamentalists", "EGYRAD"),
        ("Algerian landowners began a strike.", "Algerian landowners", "DZAAGR"),
    ],
)
def test_peoples_and_places_give_the_country(run: Runner, sentence: str, phrase: str, code: str) -> None:
    doc = run(sentence, DAY)
    found = at(doc, phrase)
    assert [a.code for a in found] == [code], [(a.text, a.code) for a in doc.actors]


@pytest.mark.parametrize(
    "sentence",
    [
        "He was accused of stealing US $3 million.",  # a currency
        "Truck drivers closed the Africa Bridge for a day.",  # a named bridge
    ],
)
def test_a_country_word_inside_a_currency_or_a_place_name_is_no_actor(run: Runner, sentence: str) -> None:
    doc = run(sentence, DAY)
    assert not [a for a in doc.actors if a.role is None], [(a.text, a.code) for a in doc.actors]


def test_a_titled_name_takes_the_country_of_the_role_phrase_beside_it(run: Runner) -> None:
    doc = run("Bahrain's king, Sheikh Salman bin Rashid, visited Egypt on Monday.", DAY)
    assert [a.code for a in at(doc, "Sheikh Salman")] == ["BHRGOV"], [(a.text, a.code) for a in doc.actors]


def test_office_holders_added_for_older_news_are_dated(run: Runner) -> None:
    in_office = run("President Michel Suleiman met the envoy.", "2010-05-01")
    after = run("Michel Suleiman met the envoy.", "2020-05-01")
    assert [a.code for a in at(in_office, "President Michel Suleiman")] == ["LBNGOV"]
    assert [a.code for a in at(after, "Michel Suleiman")] == ["LBNELI"]


def test_place_and_demonym_lookups() -> None:
    assert demonym_country("Iraqi") == "IRQ"
    assert place_country("Samarra") == "IRQ"
    assert place_country("Kandahar") == "AFG"
    assert place_country("the Mediterranean") is None  # a region, in no one country


def test_a_known_name_after_a_title_counts_in_lower_case_but_a_bare_word_does_not(run: Runner) -> None:
    titled = run("President obama spoke on Monday.", "2010-06-01")
    assert [a.entity for a in at(titled, "President obama")] == ["Barack Obama"], [
        (a.text, a.code) for a in titled.actors
    ]
    assert not run("obama spoke on Monday.", "2010-06-01").actors
