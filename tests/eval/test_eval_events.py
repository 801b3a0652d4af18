"""Event scoring on tiny hand-made gold and system records, and reading both event gold formats."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.eval.events import SysActor, SysEvent, score_events
from newsevents.eval.gold import EventDoc, GoldActor, GoldEvent, read_event_gold, split_actor_code


def _cameo_doc(events: list[GoldEvent], no_event: bool = False) -> EventDoc:
    return EventDoc("c1", "A court in Guyana jailed two Brazilian men.", "2008-08-06", "cameo", events,
                    no_event_expected=no_event)


def _sys(root: str, cameo: str, src: tuple[str | None, str | None] | None,
         tgt: tuple[str | None, str | None] | None, plover: str | None = None) -> SysEvent:
    return SysEvent(plover=plover, root=root, cameo=cameo,
                    source=SysActor(*src) if src else None, target=SysActor(*tgt) if tgt else None)


def test_event_match_by_root_and_countries() -> None:
    gold = GoldEvent("17", "173", [split_actor_code("GUYJUD")], [split_actor_code("BRAPPL")])
    right = _sys("17", "173", ("GUY", "JUD"), ("BRA", None))
    wrong_target = _sys("17", "172", ("GUY", "GOV"), ("USA", None))
    metrics, _, misses = score_events([_cameo_doc([gold])] * 2, [[right], [wrong_target]])
    assert metrics["event"].tp == 2                       # both have root 17
    assert metrics["event+countries"].tp == 1             # only one has BRA as target
    assert metrics["event+countries+sectors"].tp == 0     # the right one lacks the PPL sector
    assert metrics["cameo_code"].tp == 1
    assert [(m.kind, m.detail) for m in misses] == [
        ("wrong actors", "gold 17 GUYJUD -> BRAPPL, system GUYGOV -> USA")]


def test_other_root_is_a_miss_and_a_false_event() -> None:
    gold = GoldEvent("04", "042", [split_actor_code("USA")], [split_actor_code("CHN")])
    consult = _sys("03", "036", ("USA", None), ("CHN", None))
    metrics, _, misses = score_events([_cameo_doc([gold])], [[consult]])
    e = metrics["event"]
    assert (e.tp, e.fp, e.fn) == (0, 1, 1)
    assert metrics["false_events_per_doc"] == 1.0
    assert [m.kind for m in misses] == ["missed", "false"]


def test_no_event_documents_count_false_events() -> None:
    docs = [_cameo_doc([], no_event=True), _cameo_doc([], no_event=True)]
    metrics, _, _ = score_events(docs, [[], [_sys("01", "010", None, None)]])
    assert metrics["no_event_docs_clean"] == 0.5
    assert metrics["false_events_per_doc"] == 0.5


def test_plover_type_and_compound_actor() -> None:
    pol, cze = GoldActor("POL", "GOV"), GoldActor("CZE", "GOV")
    # "(SRC/TAR: Polish) and (SRC/TAR: Czech) officials agreed": either may be source or target.
    gold = GoldEvent("AGREE", None, [pol, cze], [pol, cze])
    doc = EventDoc("p1", "Polish and Czech officials agreed.", None, "plover", [gold])
    system = [_sys("05", "057", ("CZE", "GOV"), ("POL", "GOV"), plover="AGREE")]
    metrics, groups, _ = score_events([doc], [system], by="type")
    assert metrics["event+countries+sectors"].f1 == 1.0
    assert groups["AGREE"].tp == 1


def test_empty_gold_target_constrains_nothing() -> None:
    gold = GoldEvent("PROTEST", None, [GoldActor("FRA", None)], [])
    doc = EventDoc("p2", "French farmers protested.", None, "plover", [gold])
    metrics, _, _ = score_events([doc], [[_sys("14", "141", ("FRA", "AGR"), None, plover="PROTEST")]])
    assert metrics["event+countries+sectors"].tp == 1


def test_read_event_gold_both_formats(tmp_path: Path) -> None:
    plover = {"id": "P1", "text": "Senior Polish and Czech officials agreed.", "publication_date": None,
              "gold": {"event": "AGREE", "source": [{"text": "Polish", "code": "POL", "sector": "GOV"},
                                                    {"text": "Czech", "code": "CZE", "sector": "GOV"}],
                       "target": [],
                       "markup": "Senior (SRC/TAR: Polish) and (SRC/TAR: Czech) officials"}}
    cameo = {"id": "C1", "text": "x", "publication_date": "2008-08-06",
             "gold": {"events": [{"cameo": "173", "source": "---LEG", "target": "JAPGOV"}],
                      "no_event_expected": False}}
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (plover, cameo)) + "\n", encoding="utf-8")
    p, c = read_event_gold(path)
    assert p.scheme == "plover" and p.events[0].type == "AGREE"
    assert [a.country for a in p.events[0].targets] == ["POL", "CZE"]
    assert c.scheme == "cameo" and c.events[0].type == "17"
    assert c.events[0].sources[0] == GoldActor(None, "LEG", "---LEG")
    assert c.events[0].targets[0].country == "JPN"            # legacy code folded to ISO 3166
    assert read_event_gold(path, limit=1) == [p]


def test_plover_file_ignores_system_events_without_plover_type() -> None:
    gold = GoldEvent("REJECT", None, [GoldActor("IRN", None)], [])
    doc = EventDoc("p3", "Iran rejected the offer, officials said.", None, "plover", [gold])
    statement = _sys("01", "010", ("IRN", "GOV"), None, plover=None)
    reject = _sys("12", "120", ("IRN", None), None, plover="REJECT")
    metrics, _, _ = score_events([doc], [[reject, statement]])
    assert metrics["event"].f1 == 1.0 and metrics["false_events_per_doc"] == 0.0


def test_plover_v05_types_read_as_v2(tmp_path: Path) -> None:
    row = {"id": "P9", "text": "x", "gold": {"event": "DEMAND", "source": [], "target": [], "markup": ""}}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert read_event_gold(path)[0].events[0].type == "REQUEST"


def test_classic_rows_score_promises_as_gold_annotated_them() -> None:
    # Gold (classic convention): "China said it will visit" is 036; newsevents codes the visit 042, planned.
    gold = GoldEvent("03", "036", [split_actor_code("CHN")], [split_actor_code("RUS")])
    planned_visit = SysEvent(plover="CONSULT", root="04", cameo="042", source=SysActor("CHN", "GOV"),
                             target=SysActor("RUS", None), classic_plover="AGREE", classic_root="03",
                             classic_cameo="036")
    metrics, _, misses = score_events([_cameo_doc([gold])], [[planned_visit]])
    assert (metrics["event"].tp, metrics["event"].fp) == (0, 1)          # own codes: a miss
    assert metrics["classic_event"].tp == 1                               # classic reading: found
    assert metrics["classic_event+countries"].tp == 1
    assert metrics["classic_cameo_code"].tp == 1
    assert metrics["false_events_per_doc"] == 1.0 and metrics["classic_false_events_per_doc"] == 0.0
    assert [m.kind for m in misses] == ["missed", "false"]                # misses follow the own codes


def test_classic_rows_equal_own_rows_when_no_event_changes_reading() -> None:
    gold = GoldEvent("17", "173", [split_actor_code("GUYJUD")], [split_actor_code("BRAPPL")])
    metrics, _, _ = score_events([_cameo_doc([gold])], [[_sys("17", "173", ("GUY", "JUD"), ("BRA", None))]])
    assert metrics["classic_event"] == metrics["event"]
    assert metrics["classic_event+countries"] == metrics["event+countries"]


def test_sys_event_carries_the_classic_code_of_a_planned_act(pipeline) -> None:
    from newsevents.eval.events import sys_event
    from newsevents.model import Article

    doc = pipeline.process(Article.from_text("Norway will give Malawi a grant of three million euros.",
                                             published="2020-01-01"))
    aid = [sys_event(e) for e in doc.events if e.root == "07"]
    assert aid and aid[0].classic().root == "03" and aid[0].root == "07"
