"""The built-in demo corpus parses, is well formed, and its fusion gold points at real text."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from typing import Any

import pytest

DEMO = resources.files("newsevents") / "data" / "demo"
ARTICLE_KEYS = {"id", "title", "published", "site", "url", "text"}


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate((DEMO / name).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                pytest.fail(f"{name} line {number}: {exc}")
    return rows


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Any]]:
    rows = _read_jsonl("articles.jsonl")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "article ids repeat"
    return {row["id"]: row for row in rows}


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return _read_jsonl("fusion_gold.jsonl")


def test_corpus_has_at_least_30_articles_with_unique_demo_ids(articles: dict[str, dict[str, Any]]) -> None:
    assert len(articles) >= 30
    assert all(re.fullmatch(r"demo-\d{3}", article_id) for article_id in articles)


def test_every_article_has_the_documented_fields(articles: dict[str, dict[str, Any]]) -> None:
    for article in articles.values():
        assert set(article) == ARTICLE_KEYS, article["id"]
        assert all(isinstance(article[key], str) and article[key].strip() for key in ARTICLE_KEYS), article["id"]
        assert article["url"].startswith("https://example.org/"), article["id"]


def test_publication_dates_are_iso_dates(articles: dict[str, dict[str, Any]]) -> None:
    for article in articles.values():
        published = dt.date.fromisoformat(article["published"])
        assert article["published"] == published.isoformat(), article["id"]
        assert dt.date(2023, 1, 1) <= published <= dt.date(2023, 12, 31), article["id"]


def test_every_text_is_a_short_article_of_80_to_300_words(articles: dict[str, dict[str, Any]]) -> None:
    short_or_long = {aid: len(a["text"].split()) for aid, a in articles.items()}
    assert all(80 <= words <= 300 for words in short_or_long.values()), short_or_long


def test_several_outlets_report_the_corpus(articles: dict[str, dict[str, Any]]) -> None:
    assert len({article["site"] for article in articles.values()}) >= 4


@pytest.mark.parametrize("word", ["Xi", "Russia", "visit"])
def test_demo_query_words_occur_in_several_articles(articles: dict[str, dict[str, Any]], word: str) -> None:
    pattern = re.compile(rf"\b{word}")
    hits = [aid for aid, a in articles.items() if pattern.search(a["title"] + " " + a["text"])]
    assert len(hits) >= 5, hits


def test_articles_about_xi_visit_russia_span_announcement_to_aftermath(
    articles: dict[str, dict[str, Any]],
) -> None:
    dates = sorted(
        a["published"] for a in articles.values() if "Xi" in a["text"] and re.search(r"\bvisit", a["text"])
    )
    # The brief shows a visit planned, happening and discussed, so its articles cover days before and after it.
    assert dates[0] < "2023-03-20" < dates[-1]


def test_every_gold_quote_is_an_exact_substring_of_its_article(
    articles: dict[str, dict[str, Any]], gold: list[dict[str, Any]]
) -> None:
    missing = [
        (event["event"], mention["article"], mention["quote"])
        for event in gold
        for mention in event["mentions"]
        if mention["quote"] not in articles.get(mention["article"], {}).get("text", "")
    ]
    assert missing == []


def test_gold_events_are_well_formed_and_mentions_belong_to_one_event(gold: list[dict[str, Any]]) -> None:
    names = [event["event"] for event in gold]
    assert len(names) == len(set(names)), "event names repeat"
    seen: set[tuple[str, str]] = set()
    for event in gold:
        assert re.fullmatch(r"\d{2}", event["cameo_root"]), event["event"]
        assert event.get("cameo", event["cameo_root"]).startswith(event["cameo_root"]), event["event"]
        assert len(event["mentions"]) >= 2, event["event"]
        for mention in event["mentions"]:
            key = (mention["article"], mention["quote"])
            assert key not in seen, f"{key} is in two events"
            seen.add(key)


def test_at_least_five_events_are_reported_by_two_or_more_articles(gold: list[dict[str, Any]]) -> None:
    fused = [e["event"] for e in gold if len({m["article"] for m in e["mentions"]}) >= 2]
    assert len(fused) >= 5, fused


def test_gold_events_cover_the_cameo_spectrum(gold: list[dict[str, Any]]) -> None:
    roots = {event["cameo_root"] for event in gold}
    assert len(roots) >= 8, sorted(roots)
