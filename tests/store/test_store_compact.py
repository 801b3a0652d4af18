"""A store at scale: the incremental id index, one reused DuckDB database, and crash-safe compaction."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from builders import document, mention

from newsevents.errors import StoreError
from newsevents.model import Article
from newsevents.pipeline import Quarantined
from newsevents.store import Store

VERSIONS = {"events": "newsevents.cameo.v1"}


def docs(start: int, n: int) -> list[Any]:
    out = []
    for i in range(start, start + n):
        events = [mention("e1", "042", "CHNGOV", "RUSGOV", f"2023-03-{i % 28 + 1:02d}")]
        if i % 2:
            events.append(mention("e2", "057", "IRNGOV", "SAUGOV", "2023-03-10", label="Sign formal agreement"))
        out.append(document(f"Report {i}: Xi Jinping will visit Moscow, the Kremlin said.", "2023-03-17",
                            events, site=f"site{i % 3}.example", input_id=f"r{i}"))
    return out


def snapshot(path: Path) -> dict[str, Any]:
    """Everything a reader of the store sees, from a fresh Store object."""
    store = Store.open(path)
    with store.connect() as con:
        seen = {t: con.execute(f"select * from {t} order by all").fetchall()
                for t in ("articles", "quarantine")}
        seen["mentions"] = con.execute(
            "select * exclude (attribution_via, claims) from mentions order by all").fetchall()
    ids = [r[0] for r in seen["articles"]]
    seen["documents"] = [store.document(i) for i in ids]
    seen["known"] = store.known_ids(ids + ["f" * 16])
    seen["batches"] = store.batches()
    seen["stats"] = {k: v for k, v in store.stats().items() if k != "path"}
    return seen


def parquet_names(path: Path) -> dict[str, set[str]]:
    return {t: {p.name for p in (path / t).glob("*.parquet")} for t in ("articles", "mentions", "quarantine")}


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "store", create=True)


def test_known_ids_reads_only_new_batches(store: Store) -> None:
    first, second = docs(0, 4), docs(4, 3)
    store.add(first, VERSIONS)
    assert store.known_ids(d.article.id for d in first + second) == {d.article.id for d in first}
    # The first batch file is not read again: spoil it, and this Store still answers from its index,
    # while a batch another writer adds meanwhile is read and counted.
    other = Store.open(store.path)  # another writer, which has read the first batch too
    assert other.known_ids([first[0].article.id]) == {first[0].article.id}
    store.files("articles")[0].write_bytes(b"PAR1 spoiled after it was indexed")
    other.add(second, VERSIONS)
    assert store.known_ids(d.article.id for d in first + second) == {d.article.id for d in first + second}
    with pytest.raises(StoreError, match="cannot read the store"):
        Store.open(store.path).known_ids([first[0].article.id])  # a new Store has to read every file


def test_known_ids_counts_only_committed_batches(store: Store) -> None:
    batch = docs(0, 2)
    store.add(batch, VERSIONS)
    ids = {d.article.id for d in batch}
    # A file still being written (or left by a killed writer) is a .tmp file: not counted.
    (store.path / "articles" / ".batch-x.parquet.1234abcd.tmp").write_bytes(b"PAR1 half")
    assert store.known_ids(ids) == ids
    # The commit undone (the articles file gone, as if the writer died before its rename): not known.
    store.files("articles")[0].unlink()
    assert store.known_ids(ids) == set()
    assert store.add(batch, VERSIONS).articles == 2 and store.known_ids(ids) == ids


def test_connect_reuses_one_database_until_a_table_gains_a_file(store: Store) -> None:
    store.add(docs(0, 2), VERSIONS)
    reader = store.connect()
    reader.execute("create table scratch as select 42 as answer")
    reader.close()  # closes this cursor only; the database stays
    store.add(docs(2, 2), VERSIONS)
    with store.connect() as con:
        assert con.execute("select answer from scratch").fetchall() == [(42,)]
        # The views read the folders at query time, so the new batch is there without a rebuild.
        assert con.execute("select count(*) from mentions").fetchone() == (6,)
    held = store.connect()
    store.add_unreadable([("feed.jsonl:1", "invalid JSON")])  # quarantine's first file: views rebuilt
    with store.connect() as con:
        assert con.execute("select count(*) from quarantine").fetchone() == (1,)
        with pytest.raises(Exception, match="scratch"):
            con.execute("select answer from scratch")
    assert held.execute("select count(*) from articles").fetchone() == (4,)  # still usable


def build(path: Path) -> Store:
    """A store with what compaction must carry over: racing duplicates, orphans, quarantine, old files."""
    store = Store.open(path, create=True)
    bad = Article.from_text("x" * 50, input_id="feed.jsonl:7", origin="feed.jsonl:7")
    for start in range(0, 12, 3):
        store.add(docs(start, 3) + [Quarantined(bad, "parse", f"error {start}")], VERSIONS)
    store.add_unreadable([("feed.jsonl:9", "invalid JSON")])
    # A batch an earlier newsevents wrote, without the dup_of column.
    old = store.files("articles")[0]
    pq.write_table(pq.read_table(old).drop(["dup_of"]), old)
    # Two writers raced on one article: the same rows committed again by a later batch.
    raced = store.files("articles")[1].name
    for table in ("mentions", "articles"):
        rows = pq.read_table(path / table / raced)
        rows = rows.set_column(rows.schema.get_field_index("batch"), "batch",
                               pa.array(["f" * 32] * rows.num_rows, pa.string()))
        if table == "articles":
            rows = rows.set_column(rows.schema.get_field_index("ingested_at"), "ingested_at",
                                   pa.array([rows["ingested_at"][0].as_py().replace(year=2099)] * rows.num_rows,
                                            rows.schema.field("ingested_at").type))
        pq.write_table(rows, path / table / f"batch-{'f' * 32}.parquet")
    # A writer died after its mentions file: mentions nobody may see.
    orphan = pq.read_table(store.files("mentions")[2]).slice(0, 1)
    orphan = orphan.set_column(orphan.schema.get_field_index("batch"), "batch", pa.array(["0" * 32]))
    pq.write_table(orphan, path / "mentions" / f"batch-{'0' * 32}.parquet")
    return store


def test_compact_keeps_rows_and_is_idempotent(tmp_path: Path) -> None:
    store = build(tmp_path / "store")
    before = snapshot(store.path)
    assert before["stats"]["articles"] == 12 and before["stats"]["mentions"] == 18
    reader = store.connect()  # a connection opened before compaction keeps reading the same rows
    counts = reader.execute("select count(*) from mentions").fetchone()

    done = store.compact()
    assert done.tables == {"articles": 1, "mentions": 2, "quarantine": 1}  # the orphan stays, unread
    assert snapshot(store.path) == before
    assert reader.execute("select count(*) from mentions").fetchone() == counts
    names = parquet_names(store.path)
    again = store.compact()
    assert (again.merged, again.written, again.removed) == (0, 0, 0) and parquet_names(store.path) == names
    # The store goes on: new batches next to the merged files, and a second compaction takes them in.
    store.add(docs(12, 2), VERSIONS)
    assert store.known_ids([d.article.id for d in docs(10, 4)]) == {d.article.id for d in docs(10, 4)}
    assert store.compact().tables["articles"] == 1 and store.stats()["articles"] == 14


def test_compact_is_crash_safe_at_every_step(tmp_path: Path) -> None:
    original = build(tmp_path / "original").path
    before = snapshot(original)
    done = Store.open(shutil.copytree(original, tmp_path / "done"))
    done.compact()
    new = {t: names - parquet_names(original)[t] for t, names in parquet_names(done.path).items()}
    old = {t: names - parquet_names(done.path)[t] for t, names in parquet_names(original).items()}

    def state(name: str, add: dict[str, int], drop: dict[str, int]) -> Path:
        """The store as a compaction killed at some point leaves it: some new files in, some old out."""
        path = Path(shutil.copytree(original, tmp_path / name))
        for table, n in add.items():
            for file in sorted(new[table])[:n]:
                shutil.copy(done.path / table / file, path / table / file)
        for table, n in drop.items():
            for file in sorted(old[table])[:n]:
                (path / table / file).unlink()
        (path / "articles" / ".part-x.parquet.dead.tmp").write_bytes(b"PAR1 half written")
        return path

    everything = {t: len(names) for t, names in new.items()}
    states = [
        state("mentions_written", {"mentions": 1}, {}),
        state("articles_written", {"mentions": 1, "articles": 1}, {}),
        state("some_articles_removed", {"mentions": 1, "articles": 1}, {"articles": 3}),
        state("articles_removed", {"mentions": 1, "articles": 1}, {"articles": len(old["articles"])}),
        state("some_mentions_removed", {"mentions": 1, "articles": 1},
              {"articles": len(old["articles"]), "mentions": 2}),
        state("quarantine_written", everything, {"articles": len(old["articles"]),
                                                 "mentions": len(old["mentions"])}),
    ]
    for path in states:
        assert snapshot(path) == before, path.name
        assert Store.open(path).compact().removed >= 1  # the next compaction clears the stale copies
        assert snapshot(path) == before, path.name
        assert {t: len(n) for t, n in parquet_names(path).items()} == \
            {"articles": 1, "mentions": 2, "quarantine": 1}, path.name


def test_only_one_compaction_runs_at_a_time(store: Store) -> None:
    store.add(docs(0, 2), VERSIONS)
    store.add(docs(2, 2), VERSIONS)
    with (store.path / ".compact.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="another compaction"):
            store.compact()
    assert len(store.files("articles")) == 2
    assert store.compact().tables["articles"] == 1


def test_fuse_after_compaction_equals_a_full_fuse(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store", create=True)
    for start in range(0, 9, 3):
        store.add(docs(start, 3), VERSIONS)
        store.fuse()
    store.compact()
    store.add(docs(9, 3), VERSIONS)
    store.fuse()
    incremental = sorted((e["event_id"], e["num_mentions"]) for e in store.events(limit=1000))
    store.fuse(full=True)
    assert sorted((e["event_id"], e["num_mentions"]) for e in store.events(limit=1000)) == incremental
    assert sum(n for _, n in incremental) == store.stats()["mentions"] == 18
