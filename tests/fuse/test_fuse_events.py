"""Fusion: reports of one real-world event across articles become one event with its evidence."""

from __future__ import annotations

from pathlib import Path

from builders import document, mention

from newsevents.fuse.fuse import event_status, parse_interval
from newsevents.model import Actor
from newsevents.store import EventFilter, Store

VERSIONS = {"events": "newsevents.cameo.v1"}


def visit_reports():
    """Three outlets on Xi's Moscow trip: announced by the Kremlin, then reported as it happened."""
    return [
        document("Xi will visit Moscow March 20-22, the Kremlin said.", "2023-03-17",
                 [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", "2023-03-22", status="planned",
                          speaker="RUSGOV", via=("Reuters",))], site="reuters.com"),
        document("Xi Jinping arrived in Moscow on Monday.", "2023-03-20",
                 [mention("e1", "042", "CHNGOV", "RUS", "2023-03-20", place=("Moscow", "RUS"))],
                 site="wsj.com"),
        # The host's side of the same visit: the dyad reversed, a day later.
        document("Putin hosted Xi at the Kremlin on Tuesday.", "2023-03-21",
                 [mention("e1", "043", "RUSGOV", "CHNGOV", "2023-03-21", label="Host a visit")],
                 site="bbc.co.uk"),
    ]


def fused(tmp_path: Path, docs, name: str = "store") -> Store:
    store = Store.open(tmp_path / name, create=True)
    store.add(docs, VERSIONS)
    store.fuse()
    return store


def test_fuse_merges_same_event_across_articles(tmp_path: Path) -> None:
    store = fused(tmp_path, visit_reports())
    events = store.events()
    assert len(events) == 1
    ev = events[0]
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (3, 3, 3)
    assert ev["status"] == "happened" and ev["statuses"] == ["asserted", "planned"]
    assert (ev["date_start"], ev["date_end"]) == ("2023-03-20", "2023-03-22")
    assert ev["location_name"] == "Moscow"
    assert (ev["first_seen"], ev["last_seen"]) == ("2023-03-17", "2023-03-21")
    assert ev["sites"] == ["bbc.co.uk", "reuters.com", "wsj.com"]
    assert ev["sources"] == ["the Kremlin (RUSGOV) via Reuters"]
    by_article = store.events(EventFilter(article_id=visit_reports()[2].article.id))
    assert [e["event_id"] for e in by_article] == [ev["event_id"]]


def test_fuse_keeps_different_dates_apart(tmp_path: Path) -> None:
    docs = [
        document("Putin and Xi held talks on Monday.", "2023-03-21",
                 [mention("e1", "040", "CHNGOV", "RUSGOV", "2023-03-20", label="Consult")]),
        # Dated in the text to another day: other talks, even a day later.
        document("Putin and Xi held formal talks on Tuesday.", "2023-03-22",
                 [mention("e1", "040", "RUSGOV", "CHNGOV", "2023-03-21", label="Consult")]),
        document("Xi and Putin met again in October.", "2023-10-18",
                 [mention("e1", "040", "CHNGOV", "RUSGOV", "2023-10-17", label="Consult")]),
        # No date in the text: reported on the 22nd, so held within the window before it; it fits
        # both March talks and is not guessed into either.
        document("Putin and Xi have held talks.", "2023-03-22",
                 [mention("e1", "040", "CHNGOV", "RUSGOV", None, label="Consult")]),
        # Reported on October 19 without a date: only the October talks fit.
        document("The two leaders talked.", "2023-10-19",
                 [mention("e1", "040", "CHNGOV", "RUSGOV", None, label="Consult")]),
        # Same day, different dyad: a different event.
        document("Lula and Putin held talks.", "2023-03-21",
                 [mention("e1", "040", "BRAGOV", "RUSGOV", "2023-03-20", label="Consult")]),
    ]
    events = fused(tmp_path, docs).events()
    assert sorted((e["date_start"], e["source_country"], e["target_country"], e["num_mentions"],
                   e["date_basis"]) for e in events) == [
        ("2023-03-20", "BRA", "RUS", 1, "text"),
        ("2023-03-20", "CHN", "RUS", 1, "text"),
        ("2023-03-21", "RUS", "CHN", 1, "text"),
        ("2023-03-22", "CHN", "RUS", 1, "published"),  # the undated March report, kept apart
        ("2023-10-17", "CHN", "RUS", 2, "text"),
    ]


def test_fuse_does_not_guess_a_coarse_date_into_one_of_two_events(tmp_path: Path) -> None:
    docs = [
        document("Talks on the 3rd.", "2023-03-03", [mention("e1", "036", "USAGOV", "IRNGOV", "2023-03-03")]),
        document("Talks on the 25th.", "2023-03-25",
                 [mention("e1", "036", "USAGOV", "IRNGOV", "2023-03-25")]),
        document("Talks in March.", "2023-04-02",
                 [mention("e1", "036", "USAGOV", "IRNGOV", "2023-03", granularity="month")]),
        document("Talks in May.", "2023-05-02",
                 [mention("e1", "036", "USAGOV", "IRNGOV", "2023-05", granularity="month")]),
        document("Talks on May 9.", "2023-05-09", [mention("e1", "036", "USAGOV", "IRNGOV", "2023-05-09")]),
    ]
    events = fused(tmp_path, docs).events(order="date_asc")
    # March: two day-level events plus the month-level report kept apart; May: the month joins the day.
    assert sorted((e["date_start"], e["date_granularity"], e["num_mentions"]) for e in events) == [
        ("2023-03-01", "month", 1), ("2023-03-03", "day", 1), ("2023-03-25", "day", 1),
        ("2023-05-09", "day", 2),
    ]


def test_fused_ids_stable_across_runs(tmp_path: Path) -> None:
    reports = visit_reports()
    one = fused(tmp_path, reports, "one")
    ids = [e["event_id"] for e in one.events()]
    one.fuse()
    assert [e["event_id"] for e in one.events()] == ids
    assert len(one.files("events")) == 1  # the snapshot is replaced, not added to

    # Another machine, the articles arriving in another order and in separate batches.
    two = Store.open(tmp_path / "two", create=True)
    for doc in reversed(visit_reports()):
        two.add([doc], VERSIONS)
    two.fuse()
    assert [e["event_id"] for e in two.events()] == ids

    # A later report of the same event does not change its id.
    two.add([document("Xi wrapped up his Moscow visit.", "2023-03-23",
                      [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-22")])], VERSIONS)
    two.fuse()
    assert [(e["event_id"], e["num_mentions"]) for e in two.events()] == [(ids[0], 4)]


def test_confidence_rises_with_independent_sources(tmp_path: Path) -> None:
    single = document("A said X.", "2023-01-02", [mention("e1", "112", "USAGOV", "CHNGOV", "2023-01-02")],
                      site="a.com")
    echo = document("B repeats A on X.", "2023-01-02",
                    [mention("e1", "112", "USAGOV", "CHNGOV", "2023-01-02", speaker="USAGOV")], site="b.com")
    echo2 = document("C repeats A on X.", "2023-01-03",
                     [mention("e1", "112", "USAGOV", "CHNGOV", "2023-01-02", speaker="USAGOV")], site="c.com")
    alone = fused(tmp_path, [single], "alone").events()[0]
    echoed = fused(tmp_path, [single, echo, echo2], "echoed").events()[0]
    # b.com and c.com quote the same speaker: two independent sources, not three.
    assert echoed["num_sources"] == 2 and echoed["num_articles"] == 3
    assert echoed["confidence"] > alone["confidence"]


def test_event_status_prefers_evidence_that_it_happened() -> None:
    assert event_status(["planned", "asserted"]) == "happened"
    assert event_status(["intended"]) == "planned"
    assert event_status(["alleged", "hypothetical"]) == "alleged"
    assert event_status(["negated"]) == "denied"
    assert event_status(["hypothetical"]) == "hypothetical"


def test_timex_values_become_day_ranges() -> None:
    assert parse_interval("2023-03") == (parse_interval("2023-03-01")[0], parse_interval("2023-03-31")[0])
    assert parse_interval("2024-02")[1].day == 29
    assert parse_interval("2023-W12")[0].isoformat() == "2023-03-20"
    assert parse_interval("2023-Q2")[1].isoformat() == "2023-06-30"
    assert parse_interval("PRESENT_REF") is None and parse_interval("2023-13") is None


def test_event_page_lists_its_mentions_with_sentences(tmp_path: Path) -> None:
    store = fused(tmp_path, visit_reports())
    event_id = store.events()[0]["event_id"]
    page = store.event(event_id)
    assert page is not None
    assert [m["site"] for m in page["mentions"]] == ["reuters.com", "wsj.com", "bbc.co.uk"]
    assert page["mentions"][1]["sentence_text"] == "Xi Jinping arrived in Moscow on Monday."
    assert store.event("ev-0000000000000000") is None


def test_report_missing_a_target_joins_the_only_event_it_fits(tmp_path: Path) -> None:
    arrived = document("Xi arrived on Monday.", "2023-03-20",
                       [mention("e1", "042", "CHNGOV", None, "2023-03-20", place=("Moscow", "RUS"))])
    events = fused(tmp_path, [*visit_reports(), arrived], "one").events()
    assert [e["num_mentions"] for e in events] == [4]

    # With a second CHN visit on those days (Iran), the one-sided report cannot be placed: it stays apart.
    tehran = document("Xi also visited Tehran.", "2023-03-21",
                      [mention("e1", "042", "CHNGOV", "IRNGOV", "2023-03-20")])
    arrived_nowhere = document("Xi arrived on Monday, officials said.", "2023-03-20",
                               [mention("e1", "042", "CHNGOV", None, "2023-03-20")])
    events = fused(tmp_path, [*visit_reports(), tehran, arrived_nowhere], "two").events()
    assert sorted(e["num_mentions"] for e in events) == [1, 1, 3]


def test_mediation_is_one_event_whichever_party_is_the_target(tmp_path: Path) -> None:
    docs = [document("China brokered talks between Saudi Arabia and Iran.", "2023-03-10",
                     [mention("e1", "045", "CHNGOV", "SAUGOV", "2023-03-10", label="Mediate"),
                      mention("e2", "045", "CHNGOV", "IRNGOV", "2023-03-10", label="Mediate")]),
            document("Beijing's mediation with Tehran paid off.", "2023-03-11",
                     [mention("e1", "045", "CHN", "IRN", "2023-03-10", label="Mediate")])]
    assert [e["num_mentions"] for e in fused(tmp_path, docs).events()] == [3]


def test_a_side_coded_only_by_its_role_counts_as_unknown(tmp_path: Path) -> None:
    met = document("The Saudi and Iranian foreign ministers met in Beijing.", "2023-04-06",
                   [mention("e1", "040", "SAUGOV", "IRNGOV", "2023-04-06", label="Consult")])
    talks = mention("e1", "040", "SAUGOV", None, "2023-04-06", label="Consult")
    talks.target = Actor("the government", 0, 1, "GOV", None, "GOV", None)  # whose government: not said
    held = document("The Saudi minister held talks with the government on Thursday.", "2023-04-07", [talks])
    # "the government" names no one: the report joins the one Saudi consultation of that day it fits.
    assert [e["num_mentions"] for e in fused(tmp_path, [met, held]).events()] == [2]


def test_event_dataclass_has_exactly_the_events_columns(tmp_path: Path) -> None:
    from newsevents.model import Event
    from newsevents.store.schema import EVENTS

    store = fused(tmp_path, visit_reports())
    row = store.events()[0]
    event = Event(**row)  # a stored row is an Event, field for field
    assert list(event.to_dict()) == EVENTS.names
    assert event.to_dict()["mention_ids"] == row["mention_ids"]
