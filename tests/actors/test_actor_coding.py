"""Actor mentions get the code a reader would give them: country + role, and the person behind a name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsevents.config import load_options
from newsevents.model import Actor, Article, Document, Removed
from newsevents.registry import REGISTRY, get_stage

Spans = list[tuple[int, int]] | None


@pytest.fixture(scope="module")
def run_actors() -> Callable[..., Document]:
    """Return ``run(text, published, removed) -> Document``: the real clean (when registered), parse, actors.

    With ``removed`` given, those spans stand in for the clean stage's.
    """
    options = load_options(config_file=None)
    clean = get_stage("clean").factory(options) if "clean" in REGISTRY.names() else None
    parse, actors = (get_stage(name).factory(options) for name in ("parse", "actors"))

    def run(text: str, published: str | None = None, removed: Spans = None) -> Document:
        doc = Document(article=Article.from_text(text, published=published), text=text)
        if removed is not None:
            doc.removed = [Removed(start, end, "boilerplate") for start, end in removed]
        elif clean is not None:
            doc = clean(doc)
        return actors(parse(doc))

    return run


def by_text(doc: Document) -> dict[str, Actor]:
    return {a.text: a for a in doc.actors}


def test_actors_stage_contract() -> None:
    spec = get_stage("actors")
    assert (spec.version, spec.requires, spec.assigns) == ("newsevents.actors.v2", ("parse",), ("actors",))


def test_country_name_is_country_without_role(run_actors) -> None:
    doc = run_actors("Ukraine raised doubts about China's neutrality.", "2023-03-17")
    actors = by_text(doc)
    assert (actors["Ukraine"].code, actors["Ukraine"].role) == ("UKR", None)
    assert actors["China"].code == "CHN"


def test_capital_acting_is_government(run_actors) -> None:
    doc = run_actors("Beijing has offered to mediate, and Moscow only welcomed the proposal.", "2023-03-17")
    actors = by_text(doc)
    beijing = actors["Beijing"]
    assert (beijing.code, beijing.country, beijing.role) == ("CHNGOV", "CHN", "GOV")
    assert actors["Moscow"].code == "RUSGOV"


def test_capital_as_place_is_not_government_actor(run_actors) -> None:
    doc = run_actors("Diplomats held talks in Beijing on Monday, and more talks are planned at Moscow.")
    assert not [a for a in doc.actors if a.text in ("Beijing", "Moscow")]


def test_seat_of_power_is_government(run_actors) -> None:
    doc = run_actors("The Kremlin said the White House had not replied.", "2023-03-17")
    assert [(a.text, a.code) for a in doc.actors] == [("Kremlin", "RUSGOV"), ("White House", "USAGOV")]


@pytest.mark.parametrize(
    ("sentence", "span", "code"),
    [
        ("The Chinese Ministry of Foreign Affairs said.", "Chinese Ministry of Foreign Affairs", "CHNGOV"),
        ("Russian troops crossed the border.", "Russian troops", "RUSMIL"),
        ("Venezuelan police arrested two men.", "Venezuelan police", "VENCOP"),
        ("The Russian presidency confirmed the visit.", "Russian presidency", "RUSGOV"),
        ("He met the president of China in March.", "president of China", "CHNGOV"),
        ("Iranian protesters gathered outside the embassy.", "Iranian protesters", "IRNCVL"),
        ("China's foreign ministry rejected the claim.", "China's foreign ministry", "CHNGOV"),
        ("NATO troops left the base.", "NATO troops", "IGOMIL"),
        ("Rebels in Sudan attacked a convoy.", "Rebels in Sudan", "SDNREB"),
        ("Rebels attacked a convoy.", "Rebels", "REB"),
    ],
    ids=[
        "ministry",
        "troops",
        "police",
        "presidency",
        "president-of",
        "protesters",
        "possessive",
        "igo",
        "in",
        "no-country",
    ],
)
def test_demonym_agent_phrase(run_actors, sentence: str, span: str, code: str) -> None:
    actors = by_text(run_actors(sentence, "2023-03-17"))
    assert span in actors, [a.text for a in run_actors(sentence).actors]
    assert actors[span].code == code


def test_demonym_before_ordinary_noun_is_not_an_actor(run_actors) -> None:
    doc = run_actors("China has become the biggest buyer of Russian oil.", "2023-03-17")
    assert [a.text for a in doc.actors] == ["China"]


def test_demonym_before_event_noun_names_the_country(run_actors) -> None:
    doc = run_actors("The West viewed Chinese proposals with skepticism.", "2023-03-17")
    assert ("Chinese", "CHN") in [(a.text, a.code) for a in doc.actors]


@pytest.mark.parametrize(("published", "code"), [("2014-06-01", "USAGOV"), ("2023-03-17", "USAELI")])
def test_office_holder_by_publication_date(run_actors, published: str, code: str) -> None:
    doc = run_actors("Barack Obama called for calm.", published)
    assert [(a.text, a.code, a.entity) for a in doc.actors] == [("Barack Obama", code, "Barack Obama")]


def test_surname_resolves_to_entity(run_actors) -> None:
    doc = run_actors("Putin invited Xi. Vladimir Putin said Xi Jinping would come.", "2023-03-17")
    entities = {a.text: (a.code, a.entity) for a in doc.actors}
    assert entities["Putin"] == ("RUSGOV", "Vladimir Putin")
    assert entities["Xi"] == ("CHNGOV", "Xi Jinping")


def test_title_resolves_to_office_holder_on_publication_date(run_actors) -> None:
    doc = run_actors("The Chinese president will meet the Ukrainian president.", "2023-03-17")
    assert [(a.text, a.code, a.entity) for a in doc.actors] == [
        ("Chinese president", "CHNGOV", "Xi Jinping"),
        ("Ukrainian president", "UKRGOV", "Volodymyr Zelensky"),
    ]


def test_title_of_international_body_resolves_to_its_head(run_actors) -> None:
    doc = run_actors("The UN secretary-general met the NATO secretary-general.", "2023-03-17")
    heads = [(a.code, a.entity) for a in doc.actors]
    assert heads == [("IGOGOV", "António Guterres"), ("IGOGOV", "Jens Stoltenberg")]


def test_agent_of_a_person_takes_the_persons_country(run_actors) -> None:
    doc = run_actors("The Bush administration and Putin's government disagreed.", "2023-03-17")
    found = [(a.text, a.code) for a in doc.actors]
    assert found == [("Bush administration", "USAGOV"), ("Putin's government", "RUSGOV")]


def test_title_before_person_is_one_actor(run_actors) -> None:
    doc = run_actors("Russian President Vladimir Putin spoke to reporters.", "2023-03-17")
    assert (doc.actors[0].text, doc.actors[0].code) == ("Russian President Vladimir Putin", "RUSGOV")


@pytest.mark.parametrize("sentence", ["A former Russian president spoke.", "Russia's former leader spoke."])
def test_former_office_is_elite(run_actors, sentence: str) -> None:
    doc = run_actors(sentence, "2023-03-17")
    assert [a.code for a in doc.actors] == ["RUSELI"]


def test_title_decides_when_the_article_is_undated(run_actors) -> None:
    doc = run_actors("Senator Marco Rubio criticised the deal.")
    assert [(a.code, a.entity) for a in doc.actors] == [("USALEG", "Marco Rubio")]


def test_news_media_are_media_actors(run_actors) -> None:
    doc = run_actors("In a statement cited by Reuters, they denied what The Wall Street Journal revealed.")
    actors = by_text(doc)
    assert (actors["Reuters"].role, actors["The Wall Street Journal"].code) == ("MED", "USAMED")


def test_nothing_is_found_inside_removed_text(run_actors) -> None:
    text = "Putin met Xi in Moscow.\n\nRead more: Biden and the Kremlin on Twitter\n"
    cut = text.index("Read more")
    doc = run_actors(text, "2023-03-17", removed=[(cut, len(text))])
    assert [a.text for a in doc.actors] == ["Putin", "Xi"]
    assert all(a.end <= cut for a in doc.actors)


def test_actor_spans_are_token_aligned_offsets_into_text(run_actors) -> None:
    text = "The spokesman for the Chinese Ministry of Foreign Affairs, Wang Wenbin, said Beijing disagreed."
    doc = run_actors(text, "2023-03-17")
    assert doc.actors == sorted(doc.actors, key=lambda a: a.start)
    assert all(text[a.start : a.end] == a.text for a in doc.actors)
    assert by_text(doc)["Wang Wenbin"].code == "CHNGOV"


XI_EXPECTED = [
    ("Putin", "RUSGOV", "Vladimir Putin"),
    ("Xi", "CHNGOV", "Xi Jinping"),
    ("Xi Jinping", "CHNGOV", "Xi Jinping"),
    ("Vladimir Putin", "RUSGOV", "Vladimir Putin"),
    ("Kremlin", "RUSGOV", "Russian presidency (Kremlin)"),
    ("Russian presidency", "RUSGOV", "Russian presidency (Kremlin)"),
    ("Chinese president", "CHNGOV", "Xi Jinping"),
    ("Ukraine", "UKR", "Ukraine"),
    ("China", "CHN", "China"),
    ("Reuters", "GBRMED", "Reuters"),
    ("The Wall Street Journal", "USAMED", "The Wall Street Journal"),
    ("Chinese Ministry of Foreign Affairs", "CHNGOV", "Foreign ministry of China"),
    ("Wang Wenbin", "CHNGOV", "Wang Wenbin"),
    ("Ukrainian president", "UKRGOV", "Volodymyr Zelensky"),
    ("Volodymyr Zelensky", "UKRGOV", "Volodymyr Zelensky"),
    ("Saudi Arabia", "SAU", "Saudi Arabia"),
    ("Iran", "IRN", "Iran"),
    ("United States", "USA", "United States"),
    ("Uzbekistan", "UZB", "Uzbekistan"),
    ("two leaders", "RUSGOV", "Vladimir Putin"),
    ("two leaders", "CHNGOV", "Xi Jinping"),
    ("heads of state", "RUSGOV", "Vladimir Putin"),
    ("heads of state", "CHNGOV", "Xi Jinping"),
    ("two nations", "RUS", "Russia"),
    ("two nations", "CHN", "China"),
    ("Chinese friends", "CHN", "China"),
    ("European countries", "EUR", "Europe"),
]


def test_xi_example_actors(run_actors, xi_text: str) -> None:
    cut = xi_text.index("Disclaimer:")
    doc = run_actors(xi_text, "2023-03-17", removed=[(cut, len(xi_text))])
    found = {(a.text, a.code, a.entity) for a in doc.actors}
    assert [e for e in XI_EXPECTED if e not in found] == []
    assert all(a.end <= cut for a in doc.actors)

    def code_at(phrase: str) -> str | None:
        start = xi_text.index(phrase)
        return next((a.code for a in doc.actors if a.start == start), None)

    assert code_at("Beijing has already offered") == "CHNGOV"
    assert code_at("Moscow only welcomed") == "RUSGOV"
    assert code_at("Kiev") == "UKRGOV"  # "the conflict between Moscow and Kiev"
    assert code_at("Beijing –") is None  # "unprecedented feat in Beijing": a place, not an actor
