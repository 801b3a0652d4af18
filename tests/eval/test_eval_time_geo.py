"""Time and geo scoring on tiny hand-made gold and system records."""

from __future__ import annotations

import json

import pytest

from newsevents.errors import InputError
from newsevents.eval import run_eval
from newsevents.eval.geo import SysPlace, score_places
from newsevents.eval.gold import GeoDoc, GoldTimex, GoldToponym, TimeDoc, gold_files
from newsevents.eval.time import SysTimex, score_timexes

TEXT = "On Monday, March 20, 2023 the talks began; they lasted two weeks. At 5 pm they ended."


def _time_doc() -> TimeDoc:
    return TimeDoc("d1", TEXT, "2023-03-17", [
        GoldTimex(3, 25, "Monday, March 20, 2023", "DATE", "2023-03-20"),
        GoldTimex(55, 64, "two weeks", "DURATION", "P2W"),
        GoldTimex(69, 73, "5 pm", "TIME", "2023-03-20T17:00"),
    ])


def test_relaxed_span_match_counts_overlap() -> None:
    system = [SysTimex(11, 25, "DATE", "2023-03-20"),   # "March 20, 2023": overlaps the gold DATE
              SysTimex(59, 64, "DURATION", "P2W"),       # "weeks": overlaps
              SysTimex(0, 2, "DATE", "2023")]            # "On": overlaps nothing
    metrics, _, misses = score_timexes([_time_doc()], [system])
    span = metrics["span"]
    assert (span.tp, span.fp, span.fn) == (2, 1, 1)
    assert {m.kind for m in misses} == {"missed", "false"}


def test_value_f1_requires_identical_value() -> None:
    system = [SysTimex(3, 25, "DATE", "2023-03-20"),
              SysTimex(55, 64, "DURATION", "P14D"),       # same duration, different TIMEX3 value
              SysTimex(69, 73, "TIME", "2023-03-20T17:00")]
    metrics, _, misses = score_timexes([_time_doc()], [system])
    assert metrics["span"].f1 == 1.0
    assert (metrics["value"].tp, metrics["value"].fp, metrics["value"].fn) == (2, 1, 1)
    assert metrics["date_value"].f1 == 1.0 and metrics["time_value"].f1 == 1.0
    assert [m.kind for m in misses] == ["wrong value"]


def test_time_breakdown_by_type() -> None:
    system = [SysTimex(3, 25, "DATE", "2023-03-20"), SysTimex(0, 2, "TIME", "x")]
    _, groups, _ = score_timexes([_time_doc()], [system], by="type")
    assert (groups["DATE"].tp, groups["DURATION"].fn, groups["TIME"].fn, groups["TIME"].fp) == (1, 1, 1, 1)


GEO_TEXT = "Flooding hit Alexandria and Paris; officials in Springfield said."


def _geo_doc() -> GeoDoc:
    return GeoDoc("g1", GEO_TEXT, None, [
        GoldToponym(13, 23, "Alexandria", 31.31, -92.45),     # Alexandria, Louisiana
        GoldToponym(28, 33, "Paris", 48.8566, 2.3522),
        GoldToponym(48, 59, "Springfield", None, None),      # recognised by annotators, not resolved
    ])


def test_geo_recognition_and_161km_share() -> None:
    system = [SysPlace(13, 23, 31.2001, 29.9187, "Alexandria, Egypt"),  # right span, wrong continent
              SysPlace(28, 33, 48.80, 2.30, "Paris"),                   # a few km off: within 161 km
              SysPlace(48, 59, 39.80, -89.64, "Springfield"),           # no gold point: not in the share
              SysPlace(0, 8, 0.0, 0.0, "Flooding")]                     # false toponym
    metrics, _, misses = score_places([_geo_doc()], [system])
    top = metrics["toponym"]
    assert (top.tp, top.fp, top.fn) == (3, 1, 0)
    assert metrics["within_161km"] == 0.5
    assert misses[0].kind == "far" and "Alexandria" in misses[0].detail


def test_geo_unresolved_place_counts_as_outside_161km() -> None:
    metrics, _, misses = score_places([_geo_doc()], [[SysPlace(28, 33, None, None)]])
    assert metrics["toponym"].tp == 1 and metrics["within_161km"] == 0.0
    assert any(m.kind == "unresolved" for m in misses)


def _time_row(doc_id: str, text: str, dct: str, timexes: list[tuple[int, int, str, str]]) -> str:
    gold = [{"start": s, "end": e, "type": t, "value": v} for s, e, t, v in timexes]
    return json.dumps({"id": doc_id, "text": text, "publication_date": dct, "gold": {"dct": dct, "timexes": gold}})


def test_a_folder_of_time_gold_files_is_scored_together_and_file_by_file(tmp_path) -> None:
    (tmp_path / "a.jsonl").write_text(
        _time_row("a1", "The talks began on March 20, 2023 in Moscow.", "2023-03-17",
                  [(19, 33, "DATE", "2023-03-20")]) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        _time_row("b1", "Prices rose last week.", "2023-03-17", [(12, 21, "DATE", "2023-W99")]) + "\n",
        encoding="utf-8")
    report = run_eval("time", str(tmp_path))
    a, b, overall = report.metrics["value a"], report.metrics["value b"], report.metrics["value"]
    assert (a.tp, b.tp, b.fn) == (1, 0, 1)  # b's gold value is wrong on purpose
    assert (overall.tp, overall.fn) == (a.tp + b.tp, a.fn + b.fn)
    assert report.documents == 2 and any("2 files together" in n for n in report.notes)


def test_an_empty_gold_folder_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError, match="jsonl"):
        gold_files(tmp_path)
