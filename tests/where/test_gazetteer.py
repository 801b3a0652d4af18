"""The gazetteer: lookup by any spelling, ISO3 codes and coordinates, context-aware disambiguation."""

from __future__ import annotations

import math

import pytest

from newsevents.errors import DataFileError
from newsevents.where.data import load_regions
from newsevents.where.gazetteer import load_gazetteer


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Uzbekistan", "UZB", 41.0, 64.0),
        ("Saudi Arabia", "SAU", 25.0, 45.0),
        ("United States", "USA", 39.8, -98.5),
        ("U.S.", "USA", 39.8, -98.5),
        ("Beijing", "CHN", 39.9, 116.4),
        ("Moscow", "RUS", 55.75, 37.6),
    ],
    ids=["country", "two-word-country", "united-states", "abbreviation", "capital", "capital-not-idaho"],
)
def test_well_known_places_resolve_to_iso3_and_coordinates(gaz, name, country, lat, lon):
    entry = gaz.resolve(name)
    assert entry is not None and entry.country == country
    assert distance_km(entry.lat, entry.lon, lat, lon) < 100


def test_lookup_ignores_case_and_accents(gaz):
    assert gaz.resolve("SAO PAULO").name == "São Paulo"
    assert gaz.resolve("são paulo").country == "BRA"


def test_exonym_finds_the_city_under_its_current_name(gaz):
    entry = gaz.resolve("Kiev")
    assert (entry.name, entry.country, entry.kind) == ("Kyiv", "UKR", "city")


def test_ambiguous_name_prefers_document_country(gaz):
    assert gaz.resolve("Paris").country == "FRA"
    in_texas = gaz.resolve("Paris", ["USA", "USA"], context_admin1=["TX"])
    assert (in_texas.country, in_texas.admin1) == ("USA", "Texas")


def test_georgia_is_the_state_in_american_news_and_the_country_otherwise(gaz):
    assert gaz.resolve("Georgia", ["RUS"]).kind == "country"
    assert gaz.resolve("Georgia", ["USA"]).admin1 == "Georgia"


def test_qualifier_after_comma_decides_between_namesakes(gaz):
    paris = gaz.resolve("Paris", qualifier=gaz.resolve("Texas"))
    assert (paris.country, paris.admin1, paris.geonameid) == ("USA", "Texas", 4717560)


def test_small_us_town_is_found_with_its_state(gaz):
    # Paris, Tennessee (about 10,000 people) comes from towns.tsv, not the 15,000-people city list.
    paris = gaz.resolve("Paris", qualifier=gaz.resolve("Tenn."))
    assert (paris.country, paris.admin1) == ("USA", "Tennessee")
    assert distance_km(paris.lat, paris.lon, 36.30, -88.33) < 20


def test_town_missing_from_gazetteer_keeps_its_state(gaz):
    # No Paris in Alaska: the place is kept, at the state's centre, with no gazetteer id.
    town = gaz.resolve("Paris", qualifier=gaz.resolve("Alaska"))
    assert (town.name, town.country, town.admin1, town.geonameid) == ("Paris", "USA", "Alaska", None)


def test_bare_new_york_is_the_state_not_the_city_alias(gaz):
    assert gaz.resolve("New York").kind == "admin1"
    assert gaz.resolve("New York City").kind == "city"


def test_bad_regions_line_names_file_and_line():
    text = "# comment\nCrimea\tregion\tUA\t45.3\t34.4\nAtlantis\tregion\tXX\tnorth\t0\n"
    with pytest.raises(DataFileError, match=r"regions.tsv:3"):
        load_regions(text)


def test_unknown_kind_in_regions_is_rejected():
    with pytest.raises(DataFileError, match="kind must be one of"):
        load_regions("Crimea\tpeninsula\tUA\t45.3\t34.4\n")


def test_bad_towns_line_names_file_and_line():
    from newsevents.where.towns import load_towns

    text = "# header\n4647963\tParis\tUS\tTN\t36.30\t-88.33\t10156\n123\tNowhere\tUS\tTX\tfar\t0\t5\n"
    with pytest.raises(DataFileError, match=r"towns.tsv:3"):
        load_towns(text)


def test_chinese_and_indian_provinces_are_regions_of_their_country(gaz):
    assert (gaz.resolve("Hunan").country, gaz.resolve("Hunan").kind) == ("CHN", "admin1")
    assert gaz.resolve("Uttar Pradesh").country == "IND"
