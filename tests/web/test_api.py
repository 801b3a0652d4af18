"""The JSON API: shapes, filters, paging, errors and the stateless extraction."""

from __future__ import annotations

import pytest


def test_events_returns_a_page_with_the_total(client) -> None:
    body = client.get("/api/events", params={"limit": 2}).json()
    assert set(body) >= {"events", "total", "limit", "offset", "order"}
    assert body["total"] >= len(body["events"]) and len(body["events"]) <= 2
    assert all("event_id" in e and "cameo" in e for e in body["events"])


def test_events_paging_does_not_repeat_events(client) -> None:
    total = client.get("/api/events").json()["total"]
    first = client.get("/api/events", params={"limit": 1, "offset": 0}).json()["events"]
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()["events"]
    assert total >= 2
    assert first[0]["event_id"] != second[0]["event_id"]


def test_events_filter_by_actor_and_root_keeps_only_matching_events(client) -> None:
    body = client.get("/api/events", params={"actor": "XSS", "root": "11"}).json()
    assert body["total"] == 1
    event = body["events"][0]
    assert event["source_code"] == "XSSGOV" and event["root"] == "11"
    assert body["filters"] == {"actor": "XSS", "root": "11"}


@pytest.mark.parametrize(("params", "parameter"), [
    ({"since": "2023-13-01"}, "since"),
    ({"root": "4x"}, "root"),
    ({"limit": 100000}, "limit"),
    ({"limit": 0}, "limit"),
    ({"order": "random()"}, "order"),
    ({"status": "drop table"}, "status"),
], ids=["bad-date", "bad-root", "limit-too-big", "limit-zero", "unknown-order", "unknown-status"])
def test_bad_parameters_are_422_naming_the_parameter(client, params, parameter) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422
    assert parameter in body["message"]
    assert any(e["parameter"] == parameter for e in body["errors"])


def test_unknown_event_is_404_json(client) -> None:
    response = client.get("/api/events/ev-does-not-exist")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": "no event 'ev-does-not-exist'"}


def test_event_detail_has_mentions_with_highlights_inside_the_sentence(client, crafted_event_id,
                                                                      hostile) -> None:
    text = hostile["crafted_text"]
    event = client.get(f"/api/events/{crafted_event_id}").json()
    [mention] = event["mentions"]
    assert mention["sentence_text"] == text
    kinds = {h["kind"] for h in mention["highlights"]}
    assert kinds == {"trigger", "actor", "time", "place"}
    for h in mention["highlights"]:
        assert 0 <= h["start"] < h["end"] <= len(mention["sentence_text"])
    trigger = next(h for h in mention["highlights"] if h["kind"] == "trigger")
    assert text[trigger["start"]:trigger["end"]] == "criticised"


def test_counts_by_root_and_quad_add_up_to_the_total(client) -> None:
    counts = client.get("/api/counts").json()
    total = client.get("/api/events").json()["total"]
    assert counts["total"] == total
    assert sum(r["count"] for r in counts["root"]) == total
    assert sum(q["count"] for q in counts["quad"]) == total
    assert all(r["label"] for r in counts["root"])  # root names come from the codebook


def test_timeline_has_contiguous_months_with_goldstein_sums(client) -> None:
    body = client.get("/api/timeline", params={"actor": "RUS", "bucket": "month"}).json()
    periods = [p["period"] for p in body["periods"]]
    assert periods == sorted(periods) and all(p.endswith("-01") for p in periods)
    months = [int(p[:4]) * 12 + int(p[5:7]) for p in periods]
    assert months == list(range(months[0], months[0] + len(months)))
    march = next(p for p in body["periods"] if p["period"] == "2023-03-01")
    assert march["total"] == sum(march["counts"].values()) >= 1


def test_actor_search_and_profile(client) -> None:
    found = client.get("/api/actors", params={"q": "evil"}).json()["actors"]
    assert [a["code"] for a in found] == ["XSSGOV"]
    profile = client.get("/api/actors/XSSGOV").json()
    assert profile["as_source"] == 1 and profile["as_target"] == 0
    assert profile["partners"][0]["partner"] == "RUSGOV"
    assert client.get("/api/actors/ZZZGOV").status_code == 404
    assert client.get("/api/actors/bad%20code!").status_code == 422


def test_dyad_counts_both_directions(client) -> None:
    ab = client.get("/api/dyads/XSS/RUS").json()
    ba = client.get("/api/dyads/RUS/XSS").json()
    assert ab["counts"]["total"] == ba["counts"]["total"] == 1
    assert ab["timeline"]["periods"][0]["goldstein"] == -2.0


def test_network_edges_join_known_nodes(client) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    edge = next(e for e in body["edges"] if e["source"] == "XSSGOV")
    assert edge == {"source": "XSSGOV", "target": "RUSGOV", "events": 1, "goldstein": -2.0,
                    "cooperation": 0, "conflict": 1}


def test_map_points_have_coordinates(client) -> None:
    points = client.get("/api/map").json()["points"]
    assert points and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)


def test_brief_returns_sections(client) -> None:
    body = client.get("/api/brief", params={"q": "Russia"}).json()
    assert set(body["sections"]) == {"confirmed", "open", "planned", "background"}
    assert client.get("/api/brief").status_code == 422  # q is required


def test_articles_list_and_one_article_with_its_document(client, hostile) -> None:
    body = client.get("/api/articles", params={"limit": 100}).json()
    assert body["total"] == len(body["articles"]) >= 7
    crafted = next(a for a in body["articles"] if a["input_id"] == "hostile-crafted")
    one = client.get(f"/api/articles/{crafted['article_id']}").json()
    assert one["article"]["text"] == hostile["crafted_text"]
    assert one["document"]["events"][0]["id"] == "crafted"


def test_stats_do_not_reveal_the_server_path(client, web_store) -> None:
    body = client.get("/api/stats").json()
    assert body["events"] >= 1
    assert str(web_store) not in client.get("/api/stats").text


def test_extract_returns_the_document_contract(client) -> None:
    text = "Russia condemned Ukraine on Monday. <b>Bold</b> claims followed."
    response = client.post("/api/extract", json={"text": text, "published": "2023-03-17", "id": "x1"})
    assert response.status_code == 200
    doc = response.json()
    assert set(doc) >= {"id", "title", "published", "events", "actors", "timexes", "places", "removed"}
    assert doc["id"] == "x1" and doc["published"] == "2023-03-17"
    for item in doc["actors"] + doc["timexes"] + doc["places"]:
        assert text[item["start"]:item["end"]] == item["text"]  # offsets index the text as given


def test_extract_refuses_a_body_over_the_limit_with_413(client) -> None:
    response = client.post("/api/extract", json={"text": "x" * 1_200_000})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_extract_refuses_a_chunked_body_over_the_limit_with_413(client) -> None:
    def chunks():
        yield b'{"text": "'
        for _ in range(120):
            yield b"x" * 10_000
        yield b'"}'

    response = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_extract_refuses_a_text_over_max_chars_with_413(client, web_app) -> None:
    limit = web_app.state.options.max_chars
    if limit >= 900_000:
        pytest.skip("max_chars is above the body limit")
    response = client.post("/api/extract", json={"text": "word " * (limit // 5 + 10)})
    assert response.status_code == 413


def test_extract_without_text_is_422(client) -> None:
    response = client.post("/api/extract", json={"published": "2023-03-17"})
    assert response.status_code == 422
    assert "text" in response.json()["message"]


def test_openapi_schema_lists_the_api(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/actors",
                 "/api/actors/{code}",
                 "/api/dyads/{a}/{b}", "/api/brief", "/api/extract", "/api/network", "/api/map"):
        assert path in paths
    assert "/events/{event_id}" not in paths  # pages are not API
