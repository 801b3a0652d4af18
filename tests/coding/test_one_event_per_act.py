"""One act, one event: purposes and objects that restate their verb, aims of nouns, self-reports, and the
reports that accuse (hand-written sentences)."""

from __future__ import annotations

from newsevents.model import Article


def events(pipeline, text: str):
    return pipeline.process(Article.from_text(text, published="2023-03-17")).events


def dyads(pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.cameo, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in events(pipeline, text)]


def test_a_meeting_held_to_discuss_is_one_meeting(pipeline) -> None:
    found = dyads(pipeline, "Chinese and Indian diplomats met in Geneva to discuss the border.")
    assert sorted(found) == [("040", "CHN", "IND"), ("040", "IND", "CHN")]


def test_a_first_name_the_parser_reads_as_a_preposition_still_names_the_subject(pipeline) -> None:
    found = dyads(pipeline, "Barack Obama and Xi Jinping will meet in Oslo to discuss climate.")
    assert {(s, t) for c, s, t in found if c.startswith("04")} == {("USA", "CHN"), ("CHN", "USA")}


def test_a_verb_and_its_object_noun_of_the_same_root_are_one_event(pipeline) -> None:
    assert [c for c, _, _ in dyads(pipeline, "Georgia ratified a broad agreement with NATO on Monday.")] == ["057"]
    # An object of another root is an event of its own ("condemned the invasion").
    found = {c[:2] for c, _, _ in dyads(pipeline, "Canada condemned the invasion of Georgia.")}
    assert {"11", "19"} <= found


def test_what_a_trip_aims_at_has_not_happened(pipeline) -> None:
    found = dyads(pipeline, "The mediator set off on a regional tour aimed at pressing for a ceasefire in Libya.")
    assert not any(c.startswith("02") for c, _, _ in found)
    # The aim of a person is still intended, and coded.
    aim = dyads(pipeline, "Qatar aimed at pressing Hamas to accept a ceasefire.")
    assert any(c.startswith("02") for c, _, _ in aim)


def test_attending_a_hosts_occasion_is_a_visit_to_the_host(pipeline) -> None:
    assert ("042", "JPN", "KOR") in dyads(pipeline, "The Japanese prime minister will attend the Seoul Olympics.")


def test_a_speaker_telling_of_its_own_acts_makes_no_statement(pipeline) -> None:
    found = events(pipeline, "The Chinese president said he would send aid to Nepal.")
    assert [e.root for e in found] == ["07"]
    assert found[0].attribution is not None and found[0].status == "planned"
    # Telling of another party's acts still is a statement.
    other = events(pipeline, "The Kremlin said the Chinese president will visit Moscow.")
    assert sorted(e.root for e in other) == ["01", "04"]


def test_a_victim_telling_of_force_used_against_it_accuses_the_attacker(pipeline) -> None:
    found = dyads(pipeline, "Israel said rockets were fired at it from Lebanon on Friday.")
    assert ("112", "ISR", "LBN") in found
    assert any(c.startswith("19") and (s, t) == ("LBN", "ISR") for c, s, t in found)
    # A trailing "..., officials said" only sources the news.
    trailing = dyads(pipeline, "Israeli troops shot two Palestinian fishermen, Palestinian officials said.")
    assert not any(c.startswith(("01", "11")) for c, _, _ in trailing)


def test_a_hope_or_a_label_is_no_event(pipeline) -> None:
    # An act only hoped for, by no one named, and "accused of" as a label: nothing happened yet.
    assert events(pipeline, "Chile said on Monday that it hoped Peruvian officers would be arrested.") == []
    assert events(pipeline, "Chile said that it hoped a dozen Peruvian officers accused of torture would be "
                            "tried.") == []
    # An accuser named makes it an accusation.
    found = dyads(pipeline, "Kenya arrested two men accused by Uganda of smuggling arms.")
    assert any(c == "112" and s == "UGA" for c, s, _ in found)


def test_what_someone_is_pressed_to_do_has_not_happened(pipeline) -> None:
    assert [c[:2] for c, _, _ in dyads(pipeline, "Peru was urged to free the journalists.")] == ["02"]
    assert [c[:2] for c, _, _ in dyads(pipeline, "Chile faces pressure from its senate to aid Peru.")] == ["10"]


def test_rioters_and_protesters_are_the_doers_of_their_event(pipeline) -> None:
    found = dyads(pipeline, "Bolivian police clashed with chilean rioters in La Paz.")
    assert ("145", "CHL", "BOL") in found
    # A bare "a protester" says nothing of whose protest it is.
    assert not any(c.startswith("14") for c, _, _ in dyads(pipeline, "A protester smashed the window."))


def test_an_unsigned_report_speaks_for_the_country_it_came_out_in(pipeline) -> None:
    found = dyads(pipeline, "A long report released on Monday in the Kenyan capital alleged that Uganda had armed "
                            "the rebels.")
    assert ("112", "KEN", "UGA") in found
