"""The "what we know" brief: a dated, sourced timeline that reads well for a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import document, mention

from newsevents.fuse.brief import brief, format_date, parse_query
from newsevents.store import Store

VERSIONS = {"events": "newsevents.cameo.v1"}


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "store", create=True)
    store.add([
        document("The Kremlin said Xi will visit Russia from March 20 to 22.", "2023-03-17",
                 [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", "2023-03-22", status="planned",
                          speaker="RUSGOV", via=("Reuters",), place=("Moscow", "RUS"))], site="reuters.com"),
        document("Russia allegedly sent drones to Iran.", "2023-03-10",
                 [mention("e1", "070", "RUSGOV", "IRNGOV", "2023-03-08", status="alleged",
                          label="Provide aid")], site="wsj.com"),
        document("China and Russia signed a trade deal.", "2023-03-05",
                 [mention("e1", "057", "CHNGOV", "RUSGOV", "2023-03-04", label="Sign formal agreement")],
                 site="apnews.com"),
        document("China and Russia signed a border treaty in 2004.", "2023-03-05",
                 [mention("e2", "057", "CHNGOV", "RUSGOV", "2004-10-14", label="Sign formal agreement")],
                 site="bbc.co.uk"),
        document("Brazil hosted a summit.", "2023-03-09",
                 [mention("e1", "043", "BRAGOV", None, "2023-03-09", label="Host a visit")]),
    ], VERSIONS)
    store.fuse()
    return store


def test_brief_orders_confirmed_before_alleged(store: Store) -> None:
    result = brief(store, "Russia")
    sections = [key for key, lines in result.sections.items() for _ in lines]
    assert sections == ["confirmed", "open", "planned", "background"]
    text = result.to_text()
    positions = [text.index(title) for title in ("Confirmed", "Open questions", "Planned", "Background")]
    assert positions == sorted(positions)
    assert "Brazil" not in text
    confirmed = result.sections["confirmed"][0]
    assert (confirmed.date, confirmed.what, confirmed.status) == \
        ("2023-03-04", "Sign formal agreement", "happened")
    assert result.sections["open"][0].status == "alleged"
    assert result.sections["background"][0].date == "2004-10-14"


def test_brief_line_reads_for_a_person(store: Store) -> None:
    planned = brief(store, "Xi visit Russia").sections["planned"]
    assert [line.to_text() for line in planned] == [
        "2023-03-20..22  China -> Russia  Make a visit (planned) in Moscow, Russia; "
        "per the Kremlin (RUSGOV) via Reuters; reuters.com [1 article, single source]"
    ]


def test_brief_matches_countries_by_name_and_demonym(store: Store) -> None:
    assert [t.country.code for t in parse_query("Chinese and Russian talks") if t.country] == ["CHN", "RUS"]
    dyad = brief(store, "Chinese Russian")
    assert {line.what for line in dyad.lines} == {"Make a visit", "Sign formal agreement"}
    assert brief(store, "Iran Russia").lines[0].what == "Provide aid"
    assert brief(store, "Atlantis").lines == []
    assert "No stored events match 'Atlantis'." in brief(store, "Atlantis").to_text()


def test_brief_since_moves_older_events_to_background(store: Store) -> None:
    result = brief(store, "Russia", since="2023-03-15")
    assert [line.what for line in result.sections["planned"]] == ["Make a visit"]
    assert {line.date for line in result.sections["background"]} == {"2004-10-14", "2023-03-04", "2023-03-08"}
    assert result.to_dict()["since"] == "2023-03-15"


def test_brief_markdown_cannot_be_formatted_by_article_text(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "md", create=True)
    doc = document("[click](http://evil) *now*", "2023-01-01",
                   [mention("e1", "010", "USAGOV", None, "2023-01-01", label="Make statement")],
                   site="[x](y)")
    store.add([doc], VERSIONS)
    store.fuse()
    md = brief(store, "United States").to_markdown()
    assert "\\[x\\](y)" in md and "[x](y)" not in md.replace("\\[x\\](y)", "")


def test_dates_print_compactly() -> None:
    assert format_date("2023-03-20", "2023-03-22", "day") == "2023-03-20..22"
    assert format_date("2023-03-30", "2023-04-02", "day") == "2023-03-30..04-02"
    assert format_date("2023-03-01", "2023-03-31", "month") == "2023-03"
    assert format_date("2023-01-01", "2023-12-31", "year") == "2023"
    assert format_date(None, None, None) == "undated"


def test_long_sections_keep_the_latest_events_and_say_how_many_are_left_out(store: Store) -> None:
    crowded = brief(store, "Russia", since="2000-01-01", per_section=1)
    assert crowded.omitted == {"confirmed": 1}
    assert crowded.sections["confirmed"][0].date == "2023-03-04"
    assert "... 1 earlier event not shown" in crowded.to_text()


def test_words_no_event_mentions_are_ignored_and_said_so(store: Store) -> None:
    asked = brief(store, "What do we know about Russia's deal, please?")
    assert [t.text for t in parse_query("What do we know about Russia's deal, please?")] == \
        ["russia", "deal", "please"]
    assert [(line.date, line.what) for line in asked.lines] == [("2023-03-04", "Sign formal agreement")]
    assert asked.ignored == ["please"]
    assert "ignored: please" in asked.to_text().splitlines()[0]
    # "us" in lower case is a word, not the United States.
    assert [t.country for t in parse_query("tell us")] == []
    assert [t.country.code for t in parse_query("US and U.S. sanctions") if t.country] == ["USA", "USA"]
