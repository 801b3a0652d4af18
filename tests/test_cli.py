"""The command line as a user runs it: happy paths and the errors people hit first."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.cli import main

VISIT = ("Chinese President Xi Jinping will visit Moscow on Monday, the Kremlin said on Friday. "
         "Russian President Vladimir Putin invited Xi to hold talks on their partnership.")
PROTEST = ("Police arrested dozens of opposition supporters in Tbilisi on Thursday after protesters "
           "threw stones at the parliament building, the Georgian interior ministry said.")


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "visit.txt").write_text(VISIT, encoding="utf-8")
    (folder / "protest.txt").write_text(PROTEST, encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_file_prints_one_contract_document_per_input(capsys, articles):
    code, out, _ = run(capsys, "extract", str(articles / "visit.txt"), "--published", "2023-03-17")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["id"] == str(articles / "visit.txt")
    assert doc["published"] == "2023-03-17"
    assert any(e["root"] == "04" for e in doc["events"])


def test_extract_stdin_jsonl_keeps_ids_and_order(capsys, monkeypatch):
    rows = [{"id": "b-2", "text": PROTEST, "published": "2023-03-09"},
            {"id": "a-1", "text": VISIT, "published": "2023-03-17"}]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in rows)))
    code, out, _ = run(capsys, "extract", "-")
    assert code == 0
    docs = [json.loads(line) for line in out.strip().splitlines()]
    assert [d["id"] for d in docs] == ["b-2", "a-1"]
    assert [d["published"] for d in docs] == ["2023-03-09", "2023-03-17"]


def test_extract_readable_listing_names_actors_and_codes(capsys, articles):
    code, out, _ = run(capsys, "extract", str(articles / "visit.txt"), "--published", "2023-03-17",
                       "--format", "text")
    assert code == 0
    assert "Make a visit" in out or "visit" in out.lower()
    assert "CHN" in out


def test_missing_file_is_one_clear_line(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "extract", str(missing))
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(missing) in err and "Traceback" not in err


def test_bad_published_date_is_one_clear_line(capsys, articles):
    code, _, err = run(capsys, "extract", str(articles / "visit.txt"), "--published", "next blursday")
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "--published" in err and "next blursday" in err


def test_empty_input_is_an_error(capsys, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(empty), "--store", str(tmp_path / "store"))
    assert code != 0
    assert str(empty) in err and len(err.strip().splitlines()) == 1


def test_unreadable_store_is_one_clear_line(capsys, tmp_path):
    not_a_store = tmp_path / "plain"
    not_a_store.mkdir()
    (not_a_store / "x.txt").write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "events", "--store", str(not_a_store))
    assert code != 0
    assert str(not_a_store) in err and len(err.strip().splitlines()) == 1


def test_ingest_twice_adds_nothing_and_events_filter(capsys, articles, tmp_path):
    store = str(tmp_path / "store")
    code, out, _ = run(capsys, "ingest", str(articles), "--store", store, "--published", "2023-03-17")
    assert code == 0 and "2 new" in out
    code, out, _ = run(capsys, "ingest", str(articles), "--store", store, "--published", "2023-03-17")
    assert code == 0 and "0 new" in out and "2 already" in out

    code, out, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
    mentions = [json.loads(line) for line in out.strip().splitlines()]
    assert mentions
    code, out, _ = run(capsys, "events", "--store", store, "--mentions", "--root", "04", "--format", "jsonl")
    visits = [json.loads(line) for line in out.strip().splitlines()]
    assert visits and all(m["root"] == "04" for m in visits)
    assert len(visits) < len(mentions)
    code, out, _ = run(capsys, "events", "--store", store, "--actor", "CHN", "--format", "csv")
    assert (code == 0 and out.splitlines()[0].startswith(("event_id", "mention_id"))) or "CHN" in out


def test_store_and_stateless_extract_agree(capsys, articles, tmp_path):
    store = str(tmp_path / "store")
    run(capsys, "ingest", str(articles / "visit.txt"), "--store", store, "--published", "2023-03-17")
    _, out, _ = run(capsys, "extract", str(articles / "visit.txt"), "--published", "2023-03-17")
    extracted = json.loads(out)
    _, out, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
    stored = [json.loads(line) for line in out.strip().splitlines()]
    def key(rows):
        return sorted((r["cameo"], r["trigger_start"] if "trigger_start" in r else r["trigger"]["start"])
                      for r in rows)
    assert key(stored) == key(extracted["events"])


def test_cli_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "newsevents", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for command in ("ingest", "extract", "clean", "events", "brief", "export", "serve", "eval", "demo"):
        assert command in out


def test_python_api_has_the_cli_shape(articles):
    import newsevents

    doc = newsevents.extract(VISIT, published="2023-03-17", id="visit")
    d = doc.to_dict()
    assert d["id"] == "visit" and set(d) == {"id", "title", "published", "events", "actors", "timexes",
                                             "places", "removed"}
    assert sorted(newsevents.__all__) == newsevents.__all__


def test_ingest_csv_with_named_fields_prints_a_summary(capsys, tmp_path):
    import csv

    data = tmp_path / "export.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["story_id", "story", "day"])
        writer.writerow(["s1", VISIT, "2023-03-17"])
        writer.writerow(["s2", PROTEST, "2023-03-09"])
    store = str(tmp_path / "store")
    code, out, _ = run(capsys, "ingest", str(data), "--store", store, "--text-field", "story",
                       "--id-field", "story_id", "--date-field", "day")
    assert code == 0 and "2 new" in out
    code, out, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
    published = {json.loads(line)["published"] for line in out.strip().splitlines()}
    assert published <= {"2023-03-17", "2023-03-09"} and "2023-03-17" in published


def test_actors_lookup_explains_the_code_by_date(capsys):
    code, out, _ = run(capsys, "actors", "lookup", "Barack Obama", "--date", "2014-06-01", "--json")
    assert code == 0 and json.loads(out)[0]["code"] == "USAGOV"
    code, out, _ = run(capsys, "actors", "lookup", "Barack Obama", "--date", "2023-06-01", "--json")
    assert json.loads(out)[0]["code"] != "USAGOV"
    code, out, _ = run(capsys, "actors", "lookup", "Chinese foreign ministry")
    assert code == 0 and "CHNGOV" in out and "because" in out


def test_export_gdelt_and_plover_from_the_command_line(capsys, articles, tmp_path):
    store = str(tmp_path / "store")
    run(capsys, "ingest", str(articles), "--store", store, "--published", "2023-03-17")
    gdelt = tmp_path / "events.tsv"
    code, _, err = run(capsys, "export", "--store", store, "--format", "gdelt", "-o", str(gdelt))
    assert code == 0 and "events rows" in err
    rows = [line.split("\t") for line in gdelt.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    plover = tmp_path / "events.json"
    code, _, _ = run(capsys, "export", "--store", store, "--format", "plover", "--root", "04", "-o", str(plover))
    records = json.loads(plover.read_text(encoding="utf-8"))
    assert records and all(r["event"] == ["CONSULT"] for r in records)  # PLOVER: a list of categories


def test_no_statements_leaves_out_01_but_keeps_the_claims(capsys, tmp_path):
    # A report that leads the sentence is a statement event (a trailing "..., X said" only sources it).
    path = str(tmp_path / "announced.txt")
    Path(path).write_text("The Kremlin announced on Friday that Chinese President Xi Jinping will visit "
                          "Moscow on Monday.", encoding="utf-8")
    _, out, _ = run(capsys, "extract", path, "--published", "2023-03-17")
    every = json.loads(out)["events"]
    _, out, _ = run(capsys, "extract", path, "--published", "2023-03-17", "--no-statements")
    acts = json.loads(out)["events"]
    assert any(e["root"] == "01" for e in every) and not any(e["root"] == "01" for e in acts)
    assert {e["id"] for e in acts} == {e["id"] for e in every if e["root"] != "01"}
    store = str(tmp_path / "store")
    run(capsys, "ingest", path, "--store", store, "--published", "2023-03-17")
    _, out, _ = run(capsys, "events", "--store", store, "--mentions", "--no-statements", "--format", "jsonl")
    assert out.strip() and all(json.loads(line)["root"] != "01" for line in out.strip().splitlines())


def test_eval_scores_a_gold_file_from_the_command_line(capsys, tmp_path):
    text = "The ministers met on March 5, 2023 in Geneva."
    start = text.index("March 5, 2023")
    gold = {"id": "g1", "text": text, "publication_date": "2023-03-07",
            "gold": {"dct": "2023-03-07", "timexes": [{"start": start, "end": start + len("March 5, 2023"),
                                                       "text": "March 5, 2023", "type": "DATE",
                                                       "value": "2023-03-05"}]}}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "eval", "time", str(path), "--json")
    assert code == 0
    report = json.loads(out)
    assert "1.0" in json.dumps(report)  # one expression, found with the right value
    code, _, err = run(capsys, "eval", "time", str(tmp_path / "missing.jsonl"))
    assert code != 0 and "missing.jsonl" in err


def test_compact_keeps_what_events_lists(capsys, articles, tmp_path):
    store = str(tmp_path / "store")
    run(capsys, "ingest", str(articles / "visit.txt"), "--store", store, "--published", "2023-03-17")
    run(capsys, "ingest", str(articles / "protest.txt"), "--store", store, "--published", "2023-03-09")
    _, before, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
    code, _, err = run(capsys, "compact", "--store", store)
    assert code == 0 and "compacted" in err
    _, after, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
    def key(out):
        return sorted(json.loads(line)["mention_id"] for line in out.strip().splitlines())

    assert key(before) == key(after) and key(after)


@pytest.mark.slow
def test_ingest_on_a_local_dask_cluster_gives_the_single_process_store(capsys, articles, tmp_path):
    single, cluster = str(tmp_path / "single"), str(tmp_path / "cluster")
    run(capsys, "ingest", str(articles), "--store", single, "--published", "2023-03-17")
    code, out, _ = run(capsys, "ingest", str(articles), "--store", cluster, "--published", "2023-03-17",
                       "--workers", "1")
    assert code == 0 and "2 new" in out
    listings = []
    for store in (single, cluster):
        _, out, _ = run(capsys, "events", "--store", store, "--mentions", "--format", "jsonl")
        listings.append(sorted(json.loads(line)["mention_id"] for line in out.strip().splitlines()))
    assert listings[0] == listings[1] and listings[0]


@pytest.mark.slow
def test_demo_stores_the_corpus_and_shows_events_and_a_brief(capsys, tmp_path):
    store = tmp_path / "demo"
    code, out, _ = run(capsys, "demo", "--store", str(store), "--limit", "10")
    assert code == 0
    assert "Ingested the demo corpus: 34 articles" in out
    header = next(line for line in out.splitlines() if line.startswith("date "))
    for column in ("source", "event", "target", "status", "place", "article"):
        assert column in header
    assert "demo-0" in out  # articles are named by their ids, not content hashes
    assert "What we know" in out and "Xi" in out
    assert str(store.resolve()) in out and "Next:" in out
    code, out, _ = run(capsys, "brief", "Saudi Iran", "--store", str(store), "--format", "json")
    assert code == 0 and json.loads(out)
