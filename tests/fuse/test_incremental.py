"""Incremental fusion: fusing after each ingest gives exactly the events of one full re-fuse."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from builders import document, mention

from newsevents.fuse.incremental import fuse_store
from newsevents.model import Document
from newsevents.store import Store

CODES = ["042", "043", "036", "040", "045", "112", "173", "061"]
ACTORS = ["CHNGOV", "RUSGOV", "USAGOV", "IRNGOV", "SAUGOV", None]


def random_docs(n: int, seed: int) -> list[Document]:
    """Reports of a few dyads over two months: text dates, publication dates, months, one-sided reports."""
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        day = rnd.randint(1, 60)
        published: str | None = f"2023-{3 + day // 31:02d}-{day % 31 + 1:02d}" if day % 31 < 28 else "2023-03-15"
        if rnd.random() < 0.1:  # no publication date: its undated reports are undated events
            published = None
        events = []
        for j in range(rnd.randint(1, 3)):
            source, target = rnd.choice(ACTORS[:-1]), rnd.choice(ACTORS)
            if target == source:
                target = None
            kind = rnd.random()
            if kind < 0.55:
                start: str | None = f"2023-{3 + (day - rnd.randint(0, 2)) // 31:02d}-{max(day - 2, 0) % 28 + 1:02d}"
                gran = "day"
            elif kind < 0.65:
                start, gran = f"2023-{3 + day // 31:02d}", "month"
            else:
                start, gran = None, "day"
            events.append(mention(
                f"e{j}", rnd.choice(CODES), source, target, start, granularity=gran,
                status=rnd.choice(["asserted", "asserted", "planned", "alleged", "negated"]),
                place=rnd.choice([None, ("Moscow", "RUS"), ("Beijing", "CHN")]),
                speaker=rnd.choice([None, None, "RUSGOV"])))
        docs.append(document(f"Report {seed}-{i}: talks and visits of the week.", published, events,
                             site=rnd.choice(["a.com", "b.com", "c.org", None])))
    return docs


def snapshot(store: Store) -> list[dict[str, Any]]:
    rows = pq.read_table(store.path / "events" / "events.parquet").to_pylist()
    for row in rows:
        row.pop("fused_at")
    return rows


def test_incremental_fusion_equals_a_full_refuse(tmp_path: Path) -> None:
    docs = random_docs(240, seed=7)
    step = Store.open(tmp_path / "step", create=True)
    for chunk in (docs[:100], docs[100:200], docs[200:]):
        step.add(chunk, {})
        step.fuse()
    whole = Store.open(tmp_path / "whole", create=True)
    whole.add(docs, {})
    whole.fuse(full=True)
    events = snapshot(whole)
    assert len(events) > 100 and max(e["num_mentions"] for e in events) >= 3
    assert snapshot(step) == events  # same events, same ids, same order


def test_incremental_fusion_touches_only_what_new_mentions_reach(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(200, seed=3), {})
    first = fuse_store(store, 3)
    assert first.full
    ids_before = {e["event_id"] for e in snapshot(store)}
    late = document("Xi and Putin met in Moscow.", "2023-03-10",
                    [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-09", place=("Moscow", "RUS"))])
    store.add([late], {})
    second = fuse_store(store, 3)
    assert not second.full and second.new_mentions == 1
    assert second.refused_mentions < first.refused_mentions / 5
    after = {e["event_id"] for e in snapshot(store)}
    assert len(ids_before - after) <= 3  # the few events the new report joined or re-seeded
    third = fuse_store(store, 3)  # nothing new: nothing re-fused, nothing rewritten
    assert (third.new_mentions, third.refused_mentions) == (0, 0)


def test_changed_window_or_missing_index_falls_back_to_full_fuse(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(30, seed=1), {})
    store.fuse()
    store.add(random_docs(5, seed=2), {})
    assert fuse_store(store, 5).full  # another window: every event may change
    (store.path / "fusion" / "index.parquet").unlink()
    store.add(random_docs(5, seed=4), {})
    assert fuse_store(store, 5).full
    again = Store.open(tmp_path / "again", create=True)
    again.add(random_docs(30, seed=1) + random_docs(5, seed=2) + random_docs(5, seed=4), {})
    again.fuse(5, full=True)
    assert snapshot(store) == snapshot(again)


def test_new_mentions_touching_no_stored_event_only_add_events(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(40, seed=5), {})
    store.fuse()
    before = snapshot(store)
    store.add([document("Brazil and Argentina signed a trade deal.", "2024-06-01",
                        [mention("e1", "057", "BRAGOV", "ARGGOV", "2024-06-01", label="Sign formal agreement")])],
              {})
    result = fuse_store(store, 3)
    assert (result.full, result.refused_mentions) == (False, 1)
    after = snapshot(store)
    assert after[:-1] == before and after[-1]["cameo"] == "057"  # the latest event sorts last


def test_undated_reports_join_their_undated_event_across_batches(tmp_path: Path) -> None:
    def undated(text: str) -> Document:
        doc = document(text, "2023-01-01", [mention("e1", "112", "USAGOV", "IRNGOV", None, label="Accuse")])
        doc.article.published = None  # no date at all: an undated event
        return doc

    store = Store.open(tmp_path / "s", create=True)
    store.add([undated("The US accused Iran of meddling.")], {})
    store.fuse()
    store.add([undated("Washington again accused Tehran of meddling.")], {})
    assert not fuse_store(store, 3).full
    [event] = snapshot(store)
    assert (event["num_mentions"], event["date_start"]) == (2, None)
