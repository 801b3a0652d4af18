"""The store: content-addressed dedup, atomic batches, quarantine, filters and the document round trip."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from builders import document, mention

from newsevents.errors import NewseventsError, StoreError
from newsevents.model import Article
from newsevents.pipeline import Quarantined
from newsevents.store import EventFilter, Store

VERSIONS = {"events": "newsevents.cameo.v1", "time": "newsevents.time.v1"}


def xi_docs():
    return [
        document("Xi Jinping will visit Moscow from March 20 to 22, the Kremlin said.", "2023-03-17",
                 [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20", "2023-03-22", status="planned",
                          speaker="RUSGOV", via=("Reuters",))], site="reuters.com"),
        document("Iran and Saudi Arabia agreed to restore ties.", "2023-03-10",
                 [mention("e1", "057", "IRNGOV", "SAUGOV", "2023-03-10", label="Sign formal agreement")],
                 site="apnews.com"),
        document("US forces struck a militia depot.", "2023-03-24",
                 [mention("e1", "195", "USAMIL", "IRN", "2023-03-23", label="Employ aerial weapons"),
                  mention("e2", "042", "USAGOV", "SAUGOV", "2023-03-25", status="planned")],
                 site="wsj.com"),
    ]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "store", create=True)


def test_reingest_same_article_adds_nothing(store: Store) -> None:
    docs = xi_docs()
    first = store.add(docs, VERSIONS)
    store.fuse()
    files = sorted(p.name for t in ("articles", "mentions") for p in store.files(t))
    before = store.stats()

    # The same stories again, one of them with different spacing (same content id), and twice in one batch.
    again = xi_docs()
    again.append(document("Xi Jinping  will visit Moscow from March 20 to 22,\nthe Kremlin said. ",
                          "2023-03-17", [mention("e1", "042", "CHNGOV", "RUSGOV", "2023-03-20")]))
    second = store.add(again, VERSIONS)
    store.fuse()

    assert (first.articles, first.mentions) == (3, 4)
    assert (second.articles, second.mentions, second.skipped) == (0, 0, 4)
    assert sorted(p.name for t in ("articles", "mentions") for p in store.files(t)) == files
    after = store.stats()
    assert {k: after[k] for k in ("articles", "mentions", "events")} == \
        {k: before[k] for k in ("articles", "mentions", "events")}
    assert store.known_ids([d.article.id for d in docs] + ["0" * 16]) == {d.article.id for d in docs}


def test_duplicates_within_one_batch_are_stored_once(store: Store) -> None:
    doc = xi_docs()[0]
    twin = document(doc.text + "  ", doc.article.published, [mention("e1", "042", "CHNGOV", "RUSGOV", None)])
    added = store.add([doc, twin], VERSIONS)
    assert (added.articles, added.skipped) == (1, 1)
    assert store.stats()["mentions"] == 1


def test_crash_leaves_no_partial_batch(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = xi_docs()
    store.add(docs[:1], VERSIONS)

    # 1. A writer killed mid-file leaves a temporary file; readers never see it.
    for table in ("articles", "mentions"):
        (store.path / table / ".batch-dead.parquet.1234abcd.tmp").write_bytes(b"PAR1 half a file")
    assert store.stats()["articles"] == 1
    assert len(store.mentions()) == 1

    # 2. A write that fails on disk leaves no visible file and cleans up its temporary one.
    def disk_full(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 partial")
        raise OSError(28, "No space left on device")

    def leftovers() -> set[Path]:
        return {p for t in ("articles", "mentions") for p in (store.path / t).iterdir()}

    before = leftovers()
    monkeypatch.setattr(pq, "write_table", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.add(docs[1:2], VERSIONS)
    monkeypatch.undo()
    assert leftovers() == before
    assert store.stats()["articles"] == 1

    # 3. A crash after the mentions file but before the articles file that commits the batch:
    # the orphaned mentions stay invisible and a rerun stores the article exactly once.
    store.add(docs[2:], VERSIONS)
    committed = [p for p in store.files("articles") if p.stat().st_mtime == max(
        q.stat().st_mtime for q in store.files("articles"))]
    committed[-1].unlink()
    assert store.known_ids([docs[2].article.id]) == set()
    assert {m["article_id"] for m in store.mentions()} == {docs[0].article.id}
    store.add(docs, VERSIONS)
    assert store.stats()["articles"] == 3
    assert sorted(m["mention_id"] for m in store.mentions()) == sorted(
        f"{d.article.id}:{e.id}" for d in docs for e in d.events)


def test_events_filter_by_actor_and_root(store: Store) -> None:
    store.add(xi_docs(), VERSIONS)
    store.fuse()

    visits = store.events(EventFilter(actor="CHN", root="04"))
    assert [(e["source_code"], e["target_code"], e["cameo"]) for e in visits] == [("CHNGOV", "RUSGOV", "042")]
    # Either side, by code prefix or by actor text; combined with a date range.
    assert {e["cameo"] for e in store.events(EventFilter(actor="SAU"))} == {"057", "042"}
    late_saudi = store.events(EventFilter(actor="saudi arabia", since="2023-03-20"))
    assert {e["cameo"] for e in late_saudi} == {"042"}
    assert [e["cameo"] for e in store.events(EventFilter(target="IRN"))] == ["195"]
    assert store.events(EventFilter(source="IRN", root="19")) == []
    planned = store.events(EventFilter(status="planned"), order="date_asc")
    assert [(e["cameo"], e["date_start"]) for e in planned] == [("042", "2023-03-20"), ("042", "2023-03-25")]
    assert [m["cameo"] for m in store.mentions(EventFilter(actor="USA", cameo="19"))] == ["195"]
    assert [m["cameo"] for m in store.mentions(EventFilter(q="restore ties"))] == ["057"]
    with pytest.raises(StoreError, match="not an ISO date"):
        store.events(EventFilter(since="last week"))
    with pytest.raises(StoreError, match="unknown order"):
        store.events(order="date; drop table events")


def test_quarantine_records_reason(store: Store) -> None:
    bad = Article.from_text("x" * 50, input_id="feed.jsonl:7", origin="feed.jsonl:7")
    results = [xi_docs()[0], Quarantined(bad, "parse", "ValueError: cannot tokenise")]
    assert store.add(results, VERSIONS).quarantined == 1
    assert store.add_unreadable([("feed.jsonl:9", "invalid JSON: Expecting value")]) == 1
    # A rerun records the same failures once.
    assert store.add(results, VERSIONS).quarantined == 0
    assert store.add_unreadable([("feed.jsonl:9", "invalid JSON: Expecting value")]) == 0

    with store.connect() as con:
        rows = con.execute(
            "select origin, article_id, stage, reason from quarantine order by origin").fetchall()
    assert rows == [("feed.jsonl:7", bad.id, "parse", "ValueError: cannot tokenise"),
                    ("feed.jsonl:9", None, "read", "invalid JSON: Expecting value")]
    assert store.stats()["articles"] == 1


def test_open_missing_store_error_names_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match="nowhere") as err:
        Store.open(missing)
    assert str(missing) in str(err.value) and "\n" not in str(err.value)

    plain = tmp_path / "photos"
    plain.mkdir()
    (plain / "cat.jpg").write_bytes(b"")
    with pytest.raises(StoreError, match=r"photos: not a newsevents store \(no store.json\)"):
        Store.open(plain)
    with pytest.raises(StoreError, match="not an empty folder"):
        Store.open(plain, create=True)

    broken = Store.open(tmp_path / "broken", create=True).path
    (broken / "store.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken/store.json: unreadable"):
        Store.open(broken)
    assert issubclass(StoreError, NewseventsError)


def test_empty_store_has_empty_views_with_columns(store: Store) -> None:
    with store.connect() as con:
        assert con.execute("select mention_id, cameo, attribution_via from mentions").fetchall() == []
        assert con.execute("select event_id, num_sources from events").fetchall() == []
    assert store.events() == [] and store.mentions() == []
    assert {k: store.stats()[k] for k in ("articles", "mentions", "events", "quarantine")} == dict.fromkeys(
        ("articles", "mentions", "events", "quarantine"), 0)


def test_document_is_rebuilt_exactly_from_the_store(store: Store) -> None:
    docs = xi_docs()
    store.add(docs, VERSIONS)
    for doc in docs:
        assert store.document(doc.article.id) == doc.to_dict()
    assert store.document("0" * 16) is None
    art = store.article(docs[2].article.id)
    assert art is not None and art["n_events"] == 2 and art["site"] == "wsj.com"
    assert '"events": "newsevents.cameo.v1"' in art["versions"].replace(":", ": ")


def test_export_writes_every_row(store: Store, tmp_path: Path) -> None:
    store.add(xi_docs(), VERSIONS)
    out = tmp_path / "mentions.csv"
    assert store.export(out, fmt="csv", table="mentions") == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and "mention_json" not in lines[0] and "cameo" in lines[0]


def test_pipeline_results_round_trip_through_the_store(request: pytest.FixtureRequest, store: Store) -> None:
    try:
        pipeline = request.getfixturevalue("pipeline")
    except (NewseventsError, ImportError) as exc:  # a stage module is missing or broken
        pytest.skip(f"pipeline not available: {exc}")
    text = ("Chinese President Xi Jinping will visit Russia from March 20 to 22, the Kremlin said on "
            "Friday. Putin and Xi will sign agreements in Moscow.")
    articles = [Article.from_text(text, published="2023-03-17", input_id="xi.txt")]
    results = list(pipeline.run(articles))
    store.add(results, pipeline.versions)
    store.fuse()
    assert store.document(articles[0].id) == results[0].to_dict()
    assert store.stats()["mentions"] == len(results[0].events)


def test_since_and_until_treat_a_month_as_the_whole_month(store: Store) -> None:
    store.add([document("Talks were held in March.", "2023-04-01",
                        [mention("e1", "036", "USAGOV", "IRNGOV", "2023-03", granularity="month")])],
              VERSIONS)
    assert len(store.mentions(EventFilter(since="2023-03-15", until="2023-03-20"))) == 1
    assert store.mentions(EventFilter(since="2023-04-01")) == []
    assert store.mentions(EventFilter(until="2023-02-28")) == []


def test_damaged_batch_file_gives_a_store_error_not_a_traceback(store: Store) -> None:
    store.add(xi_docs(), VERSIONS)
    (store.path / "mentions" / "batch-damaged.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(StoreError, match="cannot read the store"):
        store.mentions()


def test_store_written_before_dup_of_existed_still_fuses_and_exports(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "old", create=True)
    store.add(xi_docs(), VERSIONS)
    for table in ("articles", "mentions"):  # as an earlier newsevents wrote them: no dup_of column
        for path in store.files(table):
            pq.write_table(pq.read_table(path).drop(["dup_of"]), path)
    assert store.fuse() == 4
    out = tmp_path / "mentions.csv"
    assert store.export(out, fmt="csv", table="mentions") == 4
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",dup_of")
