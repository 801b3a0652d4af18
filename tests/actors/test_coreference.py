"""Within one article, every way of naming an actor resolves to the same entity and code."""

from __future__ import annotations

from actor_runner import Runner, at, token

from newsevents.actors.lookup import actor_for_token, actors_for_token

DAY = "2023-03-17"


def test_full_name_surname_title_and_pronoun_are_one_person(run: Runner) -> None:
    text = (
        "Xi Jinping arrived in Moscow on Monday. Xi was welcomed at the airport. "
        "The Chinese president later said he hoped for peace."
    )
    doc = run(text, DAY)
    named = [at(doc, "Xi Jinping")[0], at(doc, "Xi was")[0], at(doc, "Chinese president")[0]]
    assert {(a.code, a.entity) for a in named} == {("CHNGOV", "Xi Jinping")}
    he = actor_for_token(doc, token(doc, "he"))
    assert he is not None and he.entity == "Xi Jinping"
    assert len(doc.notes["actors.chains"]["Xi Jinping"]) == 3


def test_the_two_leaders_are_both_leaders_named_before(run: Runner) -> None:
    doc = run("Putin and Xi met in Moscow. The two leaders signed a number of agreements.", DAY)
    pair = at(doc, "two leaders")
    assert [(a.text, a.code, a.entity) for a in pair] == [
        ("two leaders", "RUSGOV", "Vladimir Putin"),
        ("two leaders", "CHNGOV", "Xi Jinping"),
    ]
    assert actors_for_token(doc, token(doc, "leaders")) == pair


def test_the_two_nations_are_the_countries_of_the_pair(run: Runner) -> None:
    doc = run("Putin and Xi praised the ties between the two nations.", DAY)
    assert [(a.code, a.entity) for a in at(doc, "two nations")] == [("RUS", "Russia"), ("CHN", "China")]


def test_pair_without_coordination_takes_the_last_two_people(run: Runner) -> None:
    doc = run("Biden called Macron on Tuesday. Both presidents agreed to meet.", "2023-03-17")
    assert {a.entity for a in at(doc, "Both presidents")} == {"Joe Biden", "Emmanuel Macron"}


def test_plural_with_its_own_country_is_no_pair(run: Runner) -> None:
    doc = run("Putin and Xi met. The two Korean leaders stayed away.", DAY)
    assert all(a.entity not in ("Vladimir Putin", "Xi Jinping") for a in at(doc, "Korean leaders"))


def test_kremlin_and_russian_presidency_are_one_actor(run: Runner) -> None:
    doc = run("The Kremlin confirmed the visit. The Russian presidency also said talks were planned.", DAY)
    kremlin, presidency = at(doc, "Kremlin")[0], at(doc, "Russian presidency")[0]
    assert (kremlin.code, kremlin.entity) == (presidency.code, presidency.entity)
    assert kremlin.entity == "Russian presidency (Kremlin)"


def test_institutions_carry_a_canonical_entity(run: Runner) -> None:
    doc = run(
        "Beijing protested. The Chinese authorities and the Chinese Ministry of Foreign Affairs agreed.", DAY
    )
    assert at(doc, "Beijing")[0].entity == at(doc, "Chinese authorities")[0].entity == "Government of China"
    assert at(doc, "Chinese Ministry")[0].entity == "Foreign ministry of China"


def test_unknown_person_introduced_with_a_role_takes_its_code(run: Runner) -> None:
    text = (
        "Li Wenzhao, the spokesman for the Chinese Ministry of Foreign Affairs, said the talks went well. "
        "Li added that more meetings would follow."
    )
    doc = run(text, DAY)
    first, later = at(doc, "Li Wenzhao")[0], at(doc, "Li added")[0]
    assert (first.text, first.code, first.entity) == ("Li Wenzhao", "CHNGOV", "Li Wenzhao")
    assert (later.text, later.code, later.entity) == ("Li", "CHNGOV", "Li Wenzhao")


def test_unknown_person_after_the_role_phrase_takes_its_code(run: Runner) -> None:
    doc = run(
        "The spokesman of the Venezuelan police, Carlos Mendoza, denied it. Mendoza spoke again later.", DAY
    )
    assert [(a.code, a.entity) for a in at(doc, "Carlos Mendoza")] == [("VENCOP", "Carlos Mendoza")]
    assert [(a.code, a.entity) for a in at(doc, "Mendoza spoke")] == [("VENCOP", "Carlos Mendoza")]


def test_titled_unknown_person_is_remembered_by_surname(run: Runner) -> None:
    doc = run("President Levy Mwanawasa addressed the Zambian people. Mwanawasa promised elections.")
    first, later = at(doc, "President Levy Mwanawasa")[0], at(doc, "Mwanawasa promised")[0]
    assert (first.code, first.entity) == ("ZMBGOV", "Levy Mwanawasa")
    assert (later.code, later.entity) == ("ZMBGOV", "Levy Mwanawasa")


def test_its_forces_belong_to_the_country_named_before(run: Runner) -> None:
    doc = run("Chad has reinforced its troops in Niger.", DAY)
    assert [(a.text, a.code) for a in doc.actors] == [
        ("Chad", "TCD"),
        ("troops", "TCDMIL"),
        ("Niger", "NER"),
    ]
