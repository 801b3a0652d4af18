"""Incremental fusion: fusing after each ingest gives exactly the events of one full re-fuse."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from builders import document, mention

from newsevents.fuse import runs
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
    """Return the events the store shows, in the order of a full fuse (by date, undated last, then id)."""
    with store._query() as con:
        table = con.sql("select * exclude (fused_at) from events "
                            "order by coalesce(date_start, '9999'), event_id").to_arrow_table()
    return table.to_pylist()


def fused_whole(tmp_path: Path, docs: list[Document]) -> Store:
    """Return a store that ingested ``docs`` at once and fused them in one full fuse."""
    whole = Store.open(tmp_path / "whole", create=True)
    whole.add(docs, {})
    whole.fuse(full=True)
    return whole


def test_incremental_fusion_equals_a_full_refuse(tmp_path: Path) -> None:
    docs = random_docs(240, seed=7)
    step = Store.open(tmp_path / "step", create=True)
    for chunk in (docs[:100], docs[100:200], docs[200:]):
        step.add(chunk, {})
        step.fuse()
    whole = fused_whole(tmp_path, docs)
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
    for index in (store.path / "fusion").glob("index-*.parquet"):
        index.unlink()
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


def test_many_small_fusions_merge_their_runs_and_equal_a_full_refuse(tmp_path: Path) -> None:
    docs = random_docs(210, seed=11)
    step = Store.open(tmp_path / "step", create=True)
    results = []
    for start in range(0, len(docs), 7):
        step.add(docs[start:start + 7], {})
        results.append(fuse_store(step, 3))
    assert not any(r.full for r in results[1:])  # one full fuse (the first), then only incremental ones
    # Runs are merged as they grow (a binary counter): 30 fusions leave a handful of files.
    assert len(list((step.path / "events").glob("run-*.parquet"))) <= 6
    whole = fused_whole(tmp_path, docs)
    assert snapshot(step) == snapshot(whole)


def test_a_fusion_killed_before_its_events_file_leaves_the_old_snapshot(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(60, seed=2), {})
    store.fuse()
    before = snapshot(store)
    store.add(random_docs(10, seed=3), {})
    real = runs.write

    def crash_on_events(store: Store, rel: str, *args: Any) -> None:
        if rel.startswith("events/"):
            raise KeyboardInterrupt  # the process dies after the index and mention copy are written
        real(store, rel, *args)

    monkeypatch.setattr(runs, "write", crash_on_events)
    with pytest.raises(KeyboardInterrupt):
        fuse_store(store, 3)
    monkeypatch.setattr(runs, "write", real)
    assert snapshot(store) == before  # readers still see the previous snapshot
    assert not fuse_store(store, 3).full  # the rerun ignores the leftovers and stays incremental
    whole = fused_whole(tmp_path, random_docs(60, seed=2) + random_docs(10, seed=3))
    assert snapshot(store) == snapshot(whole)
    # The leftovers are gone: the fusion folder holds the index and mention-copy parts of the live runs only.
    live = sorted(p.name[4:12] for p in (store.path / "events").iterdir())
    parts = {(p.name.split("-")[0], p.name.split("-")[1]) for p in (store.path / "fusion").iterdir()}
    assert parts == {(kind, gen) for gen in live for kind in ("index", "mentions")}


def test_a_merge_killed_before_removing_old_runs_shows_each_event_once(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    docs = random_docs(80, seed=4)
    store = Store.open(tmp_path / "s", create=True)
    store.add(docs[:40], {})
    store.fuse()
    real = runs.remove_gens
    killed: list[list[int]] = []

    def crash_on_remove(store: Store, gens: Any) -> None:
        killed.append(sorted(gens))
        raise KeyboardInterrupt

    monkeypatch.setattr(runs, "remove_gens", crash_on_remove)
    with pytest.raises(KeyboardInterrupt):  # the first merge of runs dies before the old runs are removed
        for start in range(40, 80, 4):
            store.add(docs[start:start + 4], {})
            fuse_store(store, 3)
    monkeypatch.setattr(runs, "remove_gens", real)
    assert killed and len(list((store.path / "events").glob("run-*.parquet"))) > 2
    shown = snapshot(store)
    assert len({e["event_id"] for e in shown}) == len(shown)
    store.add(docs[start + 4:], {})
    fuse_store(store, 3)  # cleans the leftovers, goes on incrementally
    whole = fused_whole(tmp_path, docs)
    assert snapshot(store) == snapshot(whole)


def test_batches_compacted_before_fusing_are_still_fused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(30, seed=8), {})
    store.fuse()
    store.add(random_docs(10, seed=9), {})
    store.add(random_docs(10, seed=10), {})
    store.compact()  # the new batches now sit in part files
    assert not fuse_store(store, 3).full
    whole = fused_whole(tmp_path, random_docs(30, seed=8) + random_docs(10, seed=9) + random_docs(10, seed=10))
    assert snapshot(store) == snapshot(whole)


def test_fusing_a_days_news_reads_as_little_after_two_years_as_after_one(tmp_path: Path) -> None:
    rnd = random.Random(5)
    dyads = [("CHNGOV", "RUSGOV"), ("USAGOV", "IRNGOV"), ("SAUGOV", "IRNGOV"), ("FRAGOV", "DEUGOV"), ("CHNGOV", None)]

    def news(day: int, n: int) -> list[Document]:
        on = (date(2022, 1, 1) + timedelta(days=day)).isoformat()
        return [document(f"Report {day}-{i}: the sides met.", on,
                         [mention("e1", rnd.choice(["040", "042", "057"]), *rnd.choice(dyads), on)])
                for i in range(n)]

    store = Store.open(tmp_path / "s", create=True)
    read = []
    for days in (360, 720):
        for month in range(days - 360, days, 30):  # a month per batch, fused after each
            store.add([doc for day in range(month, month + 30) for doc in news(day, 3)], {})
            fuse_store(store, 3)
        store.add(news(days - 1, 4), {})  # more reports of the last day's events
        result = fuse_store(store, 3)
        assert not result.full and 0 < result.refused_mentions < 20
        read.append(result.io.rows_read)
    stored = sum(store.parquet_file(f"fusion/{name}").metadata.num_rows for name in store.list_files("fusion"))
    # The rows read are those of the last days, however long the history: a small share of what is stored.
    assert read[1] < 2 * read[0] and read[1] < stored / 10, (read, stored)


def test_runs_cut_in_many_parts_and_row_groups_still_equal_a_full_refuse(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny parts and row groups, so lookups skip parts by the state's list and groups by their statistics.
    monkeypatch.setattr(runs, "PART_ROWS", 24)
    monkeypatch.setattr(runs, "GROUP", 4)
    docs = random_docs(150, seed=13)
    step = Store.open(tmp_path / "step", create=True)
    results = []
    for start in range(0, len(docs), 10):
        step.add(docs[start:start + 10], {})
        results.append(fuse_store(step, 3))
    assert not any(r.full for r in results[1:])
    assert len(list((step.path / "fusion").glob("index-*.parquet"))) > 2 * len(
        list((step.path / "events").glob("run-*.parquet")))
    whole = fused_whole(tmp_path, docs)
    assert snapshot(step) == snapshot(whole)


def test_a_snapshot_whose_state_lists_no_parts_is_refused_whole_then_incremental(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s", create=True)
    store.add(random_docs(40, seed=14), {})
    store.fuse()
    # The layout before parts: one index and one mention-copy file per run, and a state without a part list.
    [events] = (store.path / "events").glob("run-*.parquet")
    table = pq.read_table(events)
    meta = json.loads(table.schema.metadata[runs.META_KEY])
    del meta["parts"]
    pq.write_table(table.replace_schema_metadata({runs.META_KEY: json.dumps(meta).encode()}), events)
    store.add(random_docs(10, seed=15), {})
    assert fuse_store(store, 3).full  # its runs cannot be looked up by parts: fused again, whole
    store.add(random_docs(10, seed=16), {})
    assert not fuse_store(store, 3).full
    whole = fused_whole(tmp_path, random_docs(40, seed=14) + random_docs(10, seed=15) + random_docs(10, seed=16))
    assert snapshot(store) == snapshot(whole)
