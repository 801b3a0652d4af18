"""Cutting text into highlighted segments."""

from __future__ import annotations

from newsevents.web.highlight import Mark, document_marks, segments


def test_segments_cover_the_text_exactly_once() -> None:
    text = "Xi visited Moscow on Monday."
    parts = segments(text, [Mark(0, 2, "actor"), Mark(3, 10, "trigger"), Mark(11, 17, "place"),
                            Mark(21, 27, "time")])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.kinds) for p in parts if p.kinds] == [
        ("Xi", ("actor",)), ("visited", ("trigger",)), ("Moscow", ("place",)), ("Monday", ("time",))]


def test_overlapping_marks_carry_both_kinds() -> None:
    parts = segments("Moscow said", [Mark(0, 6, "actor"), Mark(0, 6, "place", "Moscow, RUS")])
    assert parts[0].kinds == ("actor", "place") and parts[0].css == "hl-actor hl-place"
    assert parts[0].title == "Moscow, RUS"


def test_marks_outside_the_text_or_of_unknown_kind_are_ignored() -> None:
    parts = segments("short", [Mark(2, 99, "actor"), Mark(0, 2, "bogus"), Mark(3, 3, "time")])
    assert [(p.text, p.kinds) for p in parts] == [("short", ())]


def test_document_marks_are_shifted_to_the_window() -> None:
    doc = {"actors": [{"start": 10, "end": 12, "code": "CHN", "entity": None}],
           "timexes": [{"start": 40, "end": 46, "type": "DATE", "value": "2023"}],
           "places": [], "events": [{"trigger": {"start": 13, "end": 20}, "cameo": "042", "label": "Visit"}]}
    marks = document_marks(doc, 10, 30)
    assert [(m.start, m.end, m.kind) for m in marks] == [(0, 2, "actor"), (3, 10, "trigger")]
