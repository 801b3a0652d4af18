"""Exports read back with standard readers (csv, json, pyarrow, DuckDB) with the store's counts and keys."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsevents.errors import StoreError
from newsevents.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, global_event_id
from newsevents.export.plover import context as plover_context
from newsevents.model import Actor, Article, Attribution, Document, EventDate, EventMention, Place, Span
from newsevents.store import EventFilter, Store


def report(text: str, published: str, url: str, cameo: str, source: str, target: str, day: str, *,
           status: str = "asserted", place: bool = False, speaker: bool = False) -> Document:
    """A one-sentence article whose one mention spans its trigger (the word after the first actor)."""
    article = Article.from_text(text, published=published, input_id=url.rsplit("/", 1)[-1], title=text[:25],
                                url=url)
    article.site = url.split("/")[2]
    trigger = text.split()[1]
    at = text.index(trigger)
    mention = EventMention(
        id="e1", cameo=cameo, root=cameo[:2], label="Make a visit" if cameo == "042" else "Accuse",
        plover="CONSULT" if cameo == "042" else "ACCUSE", plover_mode="visit" if cameo == "042" else None,
        quad=1 if cameo == "042" else 3, goldstein=1.9 if cameo == "042" else -2.0,
        source=Actor(text.split()[0], 0, len(text.split()[0]), source, source[:3], source[3:] or None,
                     "Xi Jinping" if source.startswith("CHN") else None),
        target=Actor("Russia", text.find("Russia"), text.find("Russia") + 6, target, target[:3], None),
        trigger=Span(at, at + len(trigger), trigger), sentence=Span(0, len(text)), status=status,
        date=EventDate(day, day, "day", None, "text"),
        location=Place("Moscow", 0, 1, "Moscow", "RUS", None, 55.75222, 37.61556, 524901) if place else None,
        attribution=Attribution(Actor("the Kremlin", 0, 1, "RUSGOV", "RUS", "GOV"), "said", ["Reuters"])
        if speaker else None, confidence=0.7)
    return Document(article=article, text=text, events=[mention])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "store", create=True)
    s.add([
        report("Xi will visit Russia on March 20, a Kremlin aide said.", "2023-03-17",
               "https://reuters.com/a1", "042", "CHNGOV", "RUSGOV", "2023-03-20", status="planned",
               speaker=True),
        report("Xi arrived in Russia on Monday, in Moscow.", "2023-03-20", "https://apnews.com/a2", "042",
               "CHNGOV", "RUS", "2023-03-20", place=True),
        report("Xi landed in Russia for a state visit.", "2023-03-20", "https://bbc.co.uk/a3", "042",
               "CHNGOV", "RUSGOV", "2023-03-20", place=True),
        report("Washington accused Russia of lying.", "2023-03-22", "https://wsj.com/a4", "112", "USAGOV",
               "RUSGOV", "2023-03-21"),
    ], {})
    s.fuse()
    return s


@pytest.mark.parametrize("table", ["events", "mentions"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_table_export_reads_back_with_standard_readers(store: Store, tmp_path: Path, fmt: str,
                                                       table: str) -> None:
    out = tmp_path / f"out.{fmt}"
    n = store.export(out, fmt=fmt, table=table)
    key = "event_id" if table == "events" else "mention_id"
    expected = {r[key] for r in getattr(store, table)(limit=1000)}
    if fmt == "csv":
        with out.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        lists = json.loads(rows[0]["mention_ids" if table == "events" else "claims"])
        assert isinstance(lists, list)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        rows = pq.read_table(out).to_pylist()
    assert n == len(rows) == len(expected) and {r[key] for r in rows} == expected
    assert "batch" not in rows[0]
    via_duckdb = duckdb.sql(f"select count(*) from '{out}'").fetchall()[0][0]
    assert via_duckdb == n
    if table == "events":
        visit = next(r for r in rows if r["cameo"] == "042")
        assert int(visit["num_articles"]) == 3 and visit["status"] == "happened"


def test_export_applies_event_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "usa.jsonl"
    assert store.export(out, fmt="jsonl", table="events", filters=EventFilter(actor="USA")) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["cameo"] == "112"
    assert store.export(tmp_path / "m.csv", table="mentions", filters=EventFilter(cameo="042")) == 3
    with pytest.raises(StoreError, match="filters apply to events and mentions"):
        store.export(tmp_path / "a.csv", table="articles", filters=EventFilter(actor="USA"))


def test_gdelt_event_table_has_61_columns_with_event_dates_and_places(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert store.export(out, fmt="gdelt", table="events") == 2
    with out.open(newline="", encoding="utf-8") as fh:
        rows = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in csv.reader(fh, delimiter="\t")]
    visit = next(r for r in rows if r["EventCode"] == "042")
    event = next(e for e in store.events() if e["cameo"] == "042")
    assert int(visit["GLOBALEVENTID"]) == global_event_id(event["event_id"])
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20230320", "202303", "2023")
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == ("CHNGOV", "CHN", "GOV")
    assert visit["Actor1Name"] == "XI JINPING" and visit["Actor2CountryCode"] == "RUS"
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("042", "04", "1")
    assert (visit["NumMentions"], visit["NumArticles"], visit["IsRootEvent"]) == ("3", "3", "1")
    assert visit["AvgTone"] == "" and visit["Actor1Geo_Type"] == ""
    assert (visit["ActionGeo_Type"], visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == (
        "4", "Moscow, Russia", "RS")
    assert float(visit["ActionGeo_Lat"]) == pytest.approx(55.75222)
    assert visit["SOURCEURL"] == "https://reuters.com/a1" and len(visit["DATEADDED"]) == 14
    # DuckDB reads it with the codebook's column names.
    names = ", ".join(f"'{c}'" for c in EVENT_COLUMNS)
    dates = duckdb.sql(f"select SQLDATE from read_csv('{out}', delim='\t', header=false, names=[{names}], "
                       "all_varchar=true) order by SQLDATE").fetchall()
    assert dates == [("20230320",), ("20230321",)]


def test_gdelt_gives_an_event_no_report_tells_as_happened_its_classic_cameo_code(tmp_path: Path) -> None:
    # GDELT users read an announced visit as an intent to meet (036); our own exports keep 042 + planned.
    store = Store.open(tmp_path / "planned", create=True)
    store.add([report("Xi will visit Russia on March 20, a Kremlin aide said.", "2023-03-17",
                      "https://reuters.com/a1", "042", "CHNGOV", "RUSGOV", "2023-03-20", status="planned")], {})
    store.fuse()
    out = tmp_path / "events.tsv"
    assert store.export(out, fmt="gdelt", table="events") == 1
    with out.open(newline="", encoding="utf-8") as fh:
        row = dict(zip(EVENT_COLUMNS, next(csv.reader(fh, delimiter="\t")), strict=True))
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == (
        "036", "036", "03", "1")
    assert float(row["GoldsteinScale"]) == pytest.approx(4.0)
    store.export(tmp_path / "events.jsonl", fmt="jsonl", table="events")
    own = json.loads((tmp_path / "events.jsonl").read_text(encoding="utf-8"))
    assert (own["cameo"], own["status"]) == ("042", "planned")


def test_gdelt_mention_table_points_at_events_and_trigger_offsets(store: Store, tmp_path: Path) -> None:
    store.export(tmp_path / "events.tsv", fmt="gdelt", table="events")
    out = tmp_path / "mentions.tsv"
    assert store.export(out, fmt="gdelt", table="mentions") == 4
    with out.open(newline="", encoding="utf-8") as fh:
        rows = [dict(zip(MENTION_COLUMNS, r, strict=True)) for r in csv.reader(fh, delimiter="\t")]
    with (tmp_path / "events.tsv").open(newline="", encoding="utf-8") as fh:
        event_ids = {r[0] for r in csv.reader(fh, delimiter="\t")}
    assert {r["GLOBALEVENTID"] for r in rows} == event_ids
    ap = next(r for r in rows if r["MentionIdentifier"] == "https://apnews.com/a2")
    text = "Xi arrived in Russia on Monday, in Moscow."
    assert (ap["MentionSourceName"], ap["MentionType"], ap["MentionTimeDate"]) == ("apnews.com", "1",
                                                                                   "20230320000000")
    assert (ap["ActionCharOffset"], ap["Actor1CharOffset"]) == (str(text.index("arrived")), "0")
    assert (ap["Actor2CharOffset"], ap["Confidence"], ap["MentionDocLen"]) == (
        str(text.index("Russia")), "70", str(len(text)))


@pytest.mark.parametrize("name", ["events.jsonl", "events.json"])
def test_plover_records_carry_type_actors_place_and_citation(store: Store, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert store.export(out, fmt="plover", table="events") == 2
    text = out.read_text(encoding="utf-8")
    records = json.loads(text) if name.endswith(".json") else [json.loads(x) for x in text.splitlines()]
    visit = next(r for r in records if r["event"] == ["CONSULT"])
    assert (visit["mode"], visit["date"], visit["quad_code"]) == (["visit"], "2023-03-20", 1)
    assert visit["actor"] == [{"code": "CHN", "sector": "GOV", "entity_text": "Xi",
                               "identifier_text": "Xi Jinping"}]
    assert visit["recipient"][0]["code"] == "RUS"
    assert visit["event_loc"]["country_code"] == "RUS" and visit["event_loc"]["geonameid"] == 524901
    assert visit["text"] in {"Xi arrived in Russia on Monday, in Moscow.", "Xi landed in Russia for a state visit."}
    assert visit["cite_info"]["url"].startswith("https://") and visit["cite_info"]["title"]
    assert sorted(visit["event_text"]) == ["arrived", "landed", "will"]
    assert "status happened" in visit["comment"]
    accuse = next(r for r in records if r["event"] == ["ACCUSE"])
    assert "context" not in accuse and "event_loc" not in accuse  # unknown: left out, not null


def test_plover_context_comes_from_the_codebook() -> None:
    assert plover_context("0311") == ["economic"] and plover_context("042") == []


def test_plover_mentions_give_one_record_per_report(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    assert store.export(out, fmt="plover", table="mentions", filters=EventFilter(cameo="042")) == 3
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["cite_info"]["publication"] for r in records) == ["apnews.com", "bbc.co.uk", "reuters.com"]


def test_unknown_format_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        store.export(tmp_path / "x.xml", fmt="xml", table="events")
