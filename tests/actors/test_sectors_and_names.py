"""Who a group is (its sector) and how a name is written should not change the code a reader would give."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_runner import Runner, at, make_runner

from newsevents.config import load_options

DAY = "2023-03-17"


@pytest.mark.parametrize(
    ("sentence", "phrase", "code"),
    [
        ("Iranian protesters gathered in the square on Friday.", "Iranian protesters", "IRNCVL"),
        ("Iranian protesters demanded the resignation of the president.", "Iranian protesters", "IRNOPP"),
        ("Anti-government protesters in Tehran clashed with police.", "protesters in Tehran", "IRNOPP"),
        (
            "Opposition supporters in Tbilisi marched on parliament.",
            "Opposition supporters in Tbilisi",
            "GEOOPP",
        ),
        ("Venezuelan police arrested two men.", "Venezuelan police", "VENCOP"),
        ("Israeli forces entered the camp at dawn.", "Israeli forces", "ISRMIL"),
        ("Senior Polish and Czech officials pledged to work together.", "Polish", "POLGOV"),
        ("Senior Polish and Czech officials pledged to work together.", "Czech officials", "CZEGOV"),
        ("Thousands of Nigerians joined the rally.", "Nigerians", "NGACVL"),
        ("Bosnian Serbs asked for a ceasefire.", "Bosnian Serbs", "BIHCVL"),
        ("Ousted President Askar Akayev said Kyrgyzstan needed calm.", "President", "KGZELI"),
        ("King Hassan of Morocco said he was ready to host talks.", "King Hassan of Morocco", "MARGOV"),
        (
            "Vice-President Jomo Otieno faced pressure from the Kenya Anti-Corruption Commission.",
            "Vice",
            "KENGOV",
        ),
        ("Leaders of the Azadliq opposition coalition postponed the rally.", "Leaders", "OPP"),
        ("Bosnian Serbs said their forces had withdrawn.", "forces", "BIHMIL"),
        ("The Chilean and Peruvian sides agreed to swap data.", "Peruvian", "PER"),
    ],
    ids=[
        "protesters-civilians",
        "protesters-against-president",
        "anti-government",
        "opposition-in-capital",
        "police",
        "forces",
        "conjoined-demonym-first",
        "conjoined-demonym-second",
        "counted-people",
        "people-of-a-country",
        "ousted-is-elite",
        "title-of-country",
        "title-names-a-person-the-tagger-missed",
        "leaders-of-a-group",
        "their-forces",
        "two-sides",
    ],
)
def test_sector_and_country(run: Runner, sentence: str, phrase: str, code: str) -> None:
    doc = run(sentence, DAY)
    found = at(doc, phrase)
    assert [a.code for a in found] == [code], [(a.text, a.code) for a in doc.actors]


@pytest.mark.parametrize(
    "sentence",
    [
        "Archbishop Tomas Ravelo demanded sanctions against Ghana.",
        "The US commander in Iraq held talks with President Anton Marek on Wednesday.",
        "President Jean Dupont welcomed South African President Sipho Dlamini.",
        "President Jean Dupont visited China last week.",
    ],
    ids=["object-of-against", "inside-another-actor", "taken-by-another-title", "country-visited"],
)
def test_a_country_that_is_not_theirs_does_not_go_to_a_titled_stranger(run: Runner, sentence: str) -> None:
    doc = run(sentence)
    strangers = [a for a in doc.actors if a.entity in ("Tomas Ravelo", "Anton Marek", "Jean Dupont")]
    assert strangers and all(a.country is None for a in strangers), [(a.text, a.code) for a in doc.actors]


@pytest.mark.parametrize(
    ("sentence", "phrase", "entity"),
    [
        ("XI JINPING SAID THE VISIT WENT WELL.", "XI JINPING", "Xi Jinping"),
        ("Xi Jinping’s trip to Moscow went well.", "Xi Jinping", "Xi Jinping"),
        ("Recep Tayyip Erdoğan met the press.", "Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Erdoğan’s office said nothing.", "Erdoğan", "Recep Tayyip Erdogan"),
        (
            "Médecins Sans Frontières said the hospital was hit.",
            "Médecins Sans Frontières",
            "Doctors Without Borders",
        ),
    ],
    ids=[
        "all-capitals",
        "curly-apostrophe",
        "diacritics",
        "diacritics-and-apostrophe",
        "accented-organisation",
    ],
)
def test_name_forms_resolve(run: Runner, sentence: str, phrase: str, entity: str) -> None:
    doc = run(sentence, DAY)
    assert [a.entity for a in at(doc, phrase)] == [entity], [(a.text, a.entity) for a in doc.actors]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the UN Security Council", "IGOUNO"),
        ("NATO", "IGO"),
        ("the European Commission", "IGO"),
        ("the African Union", "IGO"),
        ("ASEAN", "IGO"),
        ("OPEC", "IGO"),
        ("the IMF", "IGO"),
        ("the World Bank", "IGO"),
        ("the WHO", "IGO"),
        ("the ICC", "IGOJUD"),
        ("UNICEF", "IGOUNO"),
        ("the OSCE", "IGO"),
        ("Hamas", "PSEREB"),
        ("Hezbollah", "LBNREB"),
        ("the Taliban", "AFGREB"),
        ("Islamic State", "IMG"),
        ("the Houthis", "YEMREB"),
        ("Wagner", "RUSMIL"),
        ("al-Shabaab", "SOMREB"),
        ("the PKK", "TURREB"),
        ("Reuters", "GBRMED"),
        ("Xinhua", "CHNMED"),
        ("Al Jazeera", "QATMED"),
        ("TASS", "RUSMED"),
        ("the BBC", "GBRMED"),
        ("Agence France-Presse", "FRAMED"),
        ("Yonhap", "KORMED"),
    ],
)
def test_organisation_coverage(run: Runner, name: str, code: str) -> None:
    doc = run(f"On Monday {name} issued a statement.", DAY)
    assert [a.code for a in doc.actors] == [code], [(a.text, a.code) for a in doc.actors]


def test_user_phrase_gives_its_country_to_an_agent(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("forms\tcode\tentity\tstart\tend\nAcme\tUSABUS\t\t\t\n", encoding="utf-8")
    run = make_runner(load_options(config_file=None).replace(extra={"actors_user_dictionary": str(mine)}))
    doc = run("Acme workers went on strike.", DAY)
    assert [(a.text, a.code) for a in doc.actors] == [("Acme workers", "USALAB")]


def test_group_title_takes_the_groups_role(run: Runner) -> None:
    doc = run("A Hamas spokesman rejected the offer.", DAY)
    assert [(a.text, a.code, a.entity) for a in doc.actors] == [("Hamas spokesman", "PSEREB", "Hamas")]


def test_a_name_of_capitalised_words_needs_them_all_capitalised(run: Runner) -> None:
    # "Russia Today" the channel; "visited Russia today" the country, on this day.
    visit = run("The Kenyan trade minister visited Russia today.", DAY)
    assert [a.code for a in at(visit, "Russia")] == ["RUS"], [(a.text, a.code) for a in visit.actors]
    channel = run("Russia Today reported that talks had begun.", DAY)
    assert [a.code for a in at(channel, "Russia Today")] == ["RUSMED"]


def test_religious_groups_are_a_religious_sector(run: Runner) -> None:
    doc = run("Muslim groups in Karachi called a strike.", DAY)
    assert [a.role for a in at(doc, "Muslim groups")] == ["REL"], [(a.text, a.code) for a in doc.actors]
