"""Reading gold files, and run_eval end to end on tiny hand-written gold files with the real pipeline."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsevents.errors import ConfigError, InputError
from newsevents.eval import run_eval
from newsevents.eval.gold import read_geo_gold, read_time_gold
from newsevents.model import Article
from newsevents.pipeline import Pipeline


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_time_and_geo_gold(tmp_path: Path) -> None:
    text = "On Monday officials in Springfield met."
    time_row = {"id": "t1", "text": text, "publication_date": "2023-03-17",
                "gold": {"dct": "2023-03-17", "timexes": [{"start": 3, "end": 9, "type": "DATE",
                                                           "value": "2023-03-13", "text": "Monday"}]}}
    geo_row = {"id": "g1", "text": text, "publication_date": None,
               "gold": {"toponyms": [
                   {"start": 23, "end": 34, "text": "Springfield"},
                   {"start": 23, "end": 34, "text": "Springfield", "lat": 39.8, "lon": -89.6}]}}
    (t,) = read_time_gold(_write(tmp_path / "t.jsonl", [time_row]))
    assert t.dct == "2023-03-17" and t.timexes[0].value == "2023-03-13"
    (g,) = read_geo_gold(_write(tmp_path / "g.jsonl", [geo_row]))
    assert [(x.lat, x.lon) for x in g.toponyms] == [(None, None), (39.8, -89.6)]


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "gold": {"timexes": []}}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        read_time_gold(path)


def test_run_eval_rejects_unknown_task(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown eval task"):
        run_eval("sentiment", str(tmp_path / "x.jsonl"))


def test_run_eval_html_on_a_hand_written_page(tmp_path: Path) -> None:
    story = ("The city council approved the new budget on Tuesday after a long debate about school funding. "
             "The mayor said the plan would add two hundred teachers over the next three years.")
    page = (f"<html><head><title>Budget approved</title></head><body><nav>Home | Sports | Subscribe now</nav>"
            f"<article><h1>Budget approved</h1><p>{story}</p><p>{story}</p></article>"
            f"<footer>Copyright Example News. Subscribe now</footer></body></html>")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    row = {"id": "p.html", "url": "https://example.org/budget", "html_path": "html/p.html.gz",
           "publication_date": None,
           "gold": {"with": ["The city council approved the new budget on Tuesday"],
                    "without": ["Copyright Example News"]}}
    report = run_eval("html", str(_write(tmp_path / "snippets.jsonl", [row])), errors=3)
    assert report.documents == 1
    assert report.scores()["with_found"] == 1.0 and report.scores()["without_absent"] == 1.0
    assert json.loads(json.dumps(report.to_dict()))["metrics"]["snippets"]["tp"] == 1
    assert "with_found" in report.to_text()


def test_run_eval_events_counts_every_system_event(tmp_path: Path, pipeline: Pipeline) -> None:
    # The coder's choices may change; the harness must still see what the pipeline found.
    text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday."
    row = {"id": "e1", "text": text, "publication_date": "2023-03-20",
           "gold": {"events": [{"cameo": "040", "source": "RUSGOV", "target": "CHNGOV"}],
                    "no_event_expected": False}}
    found = pipeline.process(Article.from_text(text, published="2023-03-20")).events
    report = run_eval("events", str(_write(tmp_path / "e.jsonl", [row])), by="type", errors=5)
    event = report.metrics["event"]
    assert event.tp + event.fp == len(found)
    assert event.tp + event.fn == 1


def test_pipeline_run_reports_seconds_per_stage(pipeline: Pipeline) -> None:
    # bench/throughput.py reads per-stage times through this hook.
    timings: dict[str, float] = {}
    docs = list(pipeline.run([Article.from_text("Putin invited Xi to Moscow.", published="2023-03-17")],
                             timings=timings))
    assert len(docs) == 1
    assert list(timings) == pipeline.stage_names and all(t >= 0 for t in timings.values())
