"""An event's status and source count follow the evidence: who reports it, how, and how independently."""

from __future__ import annotations

from pathlib import Path

from builders import document, mention

from newsevents.model import Document, Span
from newsevents.store import Store


def fused(tmp_path: Path, docs: list[Document]) -> list[dict]:
    store = Store.open(tmp_path / "store", create=True)
    store.add(docs, {})
    store.fuse()
    return store.events()


def wire(text: str, published: str, site: str, *, via: tuple[str, ...] = ("unnamed sources",),
         dup_of: str | None = None) -> Document:
    """A report whose first sentence (up to the first newline) carries one asserted visit."""
    doc = document(text, published, [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", via=via)],
                   site=site)
    doc.events[0].sentence = Span(0, text.index("\n") if "\n" in text else len(text))
    doc.article.dup_of = dup_of
    return doc


def test_visit_planned_on_friday_and_reported_on_tuesday_happened_with_both_reports(tmp_path: Path) -> None:
    friday = document("Xi will visit Moscow on Tuesday, the Kremlin said.", "2023-03-17",
                      [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-21", status="planned",
                               speaker="RUSGOV")], site="reuters.com")
    tuesday = document("Xi arrived in Moscow on Tuesday.", "2023-03-21",
                       [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-21")], site="apnews.com")
    # A report with no date in its text, published that evening, is the same visit.
    evening = document("Xi is in Moscow.", "2023-03-21", [mention("e1", "042", "CHNGOV", "RUSGOV", None)],
                       site="bbc.co.uk")
    events = fused(tmp_path, [friday, tuesday, evening])
    assert len(events) == 1
    visit = events[0]
    assert (visit["status"], visit["statuses"]) == ("happened", ["asserted", "planned"])
    assert visit["num_mentions"] == 3 and len(set(visit["mention_ids"])) == 3
    assert (visit["date_start"], visit["first_seen"]) == ("2023-03-21", "2023-03-17")


def test_claim_of_one_outlet_citing_unnamed_sources_stays_alleged(tmp_path: Path) -> None:
    one = wire("Xi met Putin secretly in Moscow on Monday, citing unnamed sources.", "2023-03-21", "wsj.com")
    # The same outlet repeating its own scoop the next day is still one source.
    again = wire("As first reported, Xi and Putin met on Monday in secret talks.", "2023-03-22", "wsj.com")
    [event] = fused(tmp_path, [one, again])
    assert (event["status"], event["statuses"], event["num_sources"]) == ("alleged", ["asserted"], 1)


def test_an_outlet_relaying_unnamed_sources_makes_a_claim_not_a_fact(tmp_path: Path) -> None:
    scoop = document("Xi flew to Moscow, the Journal reported, citing people familiar with the matter.",
                     "2023-03-17", [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20",
                                            speaker="USAMED", via=("unnamed sources",))], site="wsj.com")
    [event] = fused(tmp_path, [scoop])
    assert event["status"] == "alleged"
    # The outlet's own reporting, with no unnamed source behind it, is its word.
    own = document("Xi flew to Moscow, the Journal reported.", "2023-03-17",
                   [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", speaker="USAMED")], site="wsj.com")
    [event] = fused(tmp_path / "own", [own])
    assert event["status"] == "happened"


def test_unnamed_sources_at_two_independent_outlets_corroborate(tmp_path: Path) -> None:
    docs = [wire("Xi met Putin secretly in Moscow on Monday, sources said.", "2023-03-21", "wsj.com"),
            wire("Two officials told us Xi and Putin held a secret meeting on Monday.", "2023-03-21",
                 "ft.com", via=("anonymous officials",))]
    [event] = fused(tmp_path, docs)
    assert (event["status"], event["num_sources"]) == ("happened", 2)


def test_a_named_report_confirms_what_unnamed_sources_claimed(tmp_path: Path) -> None:
    docs = [wire("Xi met Putin secretly in Moscow on Monday, sources said.", "2023-03-21", "wsj.com"),
            document("The Kremlin confirmed the Monday meeting.", "2023-03-22",
                     [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", speaker="RUSGOV")], site="tass.ru")]
    [event] = fused(tmp_path, docs)
    assert (event["status"], event["num_sources"]) == ("happened", 2)


def test_syndicated_copies_of_one_wire_story_are_one_source(tmp_path: Path) -> None:
    story = "Xi met Putin secretly in Moscow on Monday, sources said."
    copies = [wire(f"{story}\nReported by AP.", "2023-03-21", "apnews.com"),
              # The same sentence republished: other case, spacing and punctuation, other furniture.
              wire("XI MET PUTIN SECRETLY IN MOSCOW ON MONDAY -- sources said\nCopyright Daily Star.",
                   "2023-03-21", "dailystar.example"),
              wire(f"  {story}  \nMore news from the Courier.", "2023-03-22", "courier.example")]
    # A near-duplicate the ingest marked as a copy of the AP story, even with a sentence edited.
    copies.append(wire("Xi met Putin in Moscow on Monday, sources told AP.\nVia AP.", "2023-03-21",
                       "herald.example", dup_of=copies[0].article.id))
    [event] = fused(tmp_path, copies)
    assert (event["num_articles"], event["num_sources"]) == (4, 1)
    assert event["status"] == "alleged"  # four sites, one wire story, unnamed sources: not confirmed
