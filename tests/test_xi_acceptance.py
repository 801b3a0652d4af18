"""The page that started the project: every event a reader finds in it, with the right attributes."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.model import Article


@pytest.fixture(scope="module")
def xi_doc(pipeline, xi_text) -> dict[str, Any]:
    text = xi_text
    doc = pipeline.process(Article.from_text(text, published="2023-03-17", input_id="xi"))
    return {"text": text, **doc.to_dict()}


def country(actor: dict[str, Any] | None) -> str | None:
    return actor["country"] if actor else None


def find(doc: dict[str, Any], *, roots: set[str], source: str | None = None, target: str | None = None,
         either: tuple[str, str] | None = None, **want: Any) -> list[dict[str, Any]]:
    """Return the events with a root in ``roots`` and the given countries and attributes."""
    found = []
    for ev in doc["events"]:
        if ev["root"] not in roots:
            continue
        src, tgt = country(ev["source"]), country(ev["target"])
        if (source and src != source) or (target and tgt != target):
            continue
        if either and {src, tgt} != set(either):
            continue
        if any(ev.get(k) != v for k, v in want.items()):
            continue
        found.append(ev)
    return found


def in_month(ev: dict[str, Any], month: str) -> bool:
    return bool(ev["date"]) and ev["date"]["start"].startswith(month) and ev["date"]["basis"] == "text"


def test_planned_visit_of_xi_to_russia_is_dated_20_to_22_march(xi_doc):
    visits = find(xi_doc, roots={"04"}, source="CHN", target="RUS", status="planned")
    assert any(v["date"] and (v["date"]["start"], v["date"]["end"]) == ("2023-03-20", "2023-03-22")
               for v in visits), visits


def test_putin_invited_xi(xi_doc):
    assert find(xi_doc, roots={"03", "04"}, source="RUS", target="CHN")


def test_kremlin_confirmation_is_attributed_to_kremlin_via_reuters(xi_doc):
    attributed = [e for e in xi_doc["events"] if e["attribution"]
                  and (e["attribution"]["speaker"] or {}).get("code") == "RUSGOV"
                  and "Reuters" in e["attribution"]["via"]]
    assert attributed


def test_china_offered_to_mediate(xi_doc):
    assert find(xi_doc, roots={"03"}, source="CHN")


def test_ukraine_doubts_china_neutrality(xi_doc):
    assert find(xi_doc, roots={"11", "01"}, source="UKR", target="CHN")


def test_russia_welcomed_china_contribution(xi_doc):
    assert find(xi_doc, roots={"01", "02", "03", "05"}, source="RUS", target="CHN")


def test_signing_of_documents_is_planned(xi_doc):
    assert find(xi_doc, roots={"03", "05", "06"}, status="planned")


def test_xi_talk_with_zelensky_is_alleged_per_wall_street_journal(xi_doc):
    talks = find(xi_doc, roots={"03", "04"}, source="CHN", target="UKR", status="alleged")
    assert any(t["attribution"] and "Wall Street Journal" in ((t["attribution"]["speaker"] or {}).get("text") or "")
               for t in talks), talks


def test_saudi_iran_mediation_is_dated_last_week(xi_doc):
    mediations = [e for e in find(xi_doc, roots={"04"}, source="CHN")
                  if country(e["target"]) in {"SAU", "IRN"}]
    assert any(m["date"] and "2023-03-06" <= m["date"]["start"] <= m["date"]["end"] <= "2023-03-12"
               for m in mediations), mediations


def test_partnership_and_putin_visit_to_beijing_dated_february_2022(xi_doc):
    partnership = find(xi_doc, roots={"03", "05", "06"}, either=("CHN", "RUS"))
    assert any(in_month(p, "2022-02") for p in partnership), partnership
    visit = find(xi_doc, roots={"04"}, source="RUS", target="CHN")
    assert any(in_month(v, "2022-02") for v in visit), visit


def test_russian_invasion_of_ukraine(xi_doc):
    assert find(xi_doc, roots={"17", "18", "19", "20"}, source="RUS", target="UKR")


def test_meeting_last_september_in_uzbekistan(xi_doc):
    meetings = find(xi_doc, roots={"04"}, either=("CHN", "RUS"))
    assert any(in_month(m, "2022-09") and (m["location"] or {}).get("country") == "UZB" for m in meetings), meetings


def test_nothing_from_the_boilerplate(xi_doc):
    text = xi_doc["text"]
    cut = text.index("Disclaimer:")
    assert all(e["trigger"]["start"] < cut for e in xi_doc["events"])
    assert all(a["start"] < cut for a in xi_doc["actors"])
    removed = "".join(text[r["start"]:r["end"]] for r in xi_doc["removed"])
    for line in ("Disclaimer:", "I write epic fantasy", "Leave a Reply"):
        assert line in removed
    assert "The Russian presidency confirmed" not in removed


def test_output_follows_the_document_contract(xi_doc):
    assert set(xi_doc) - {"text"} == {"id", "title", "published", "events", "actors", "timexes", "places",
                                      "removed"}
    event_keys = {"id", "cameo", "root", "label", "plover", "plover_mode", "quad", "goldstein", "source", "target",
                  "status", "status_cue", "date", "location", "attribution", "claims", "claimed_by", "trigger",
                  "sentence", "confidence", "coder"}
    for ev in xi_doc["events"]:
        assert set(ev) == event_keys
        assert xi_doc["text"][ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
    for actor in xi_doc["actors"]:
        assert xi_doc["text"][actor["start"]:actor["end"]] == actor["text"]
