"""Ingest into an s3:// store (a local S3 API) gives the store a local folder gets."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsevents.config import load_options
from newsevents.ingest import ingest
from newsevents.store import Store

pytest.importorskip("moto")
pytest.importorskip("s3fs")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from moto_s3 import s3_server

STORIES = [
    ("visit", "Xi Jinping will visit Moscow next week for talks with Vladimir Putin, the Kremlin said."),
    ("ties", "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations, state media said."),
    ("strike", "US forces struck a militia depot in eastern Syria on Thursday, the Pentagon said."),
]


def view(store: Store) -> dict[str, Any]:
    with store.connect() as con:
        return {
            "articles": con.execute("select article_id, input_id, n_events from articles order by 1").fetchall(),
            "mentions": con.execute("select mention_id, cameo, source_code, target_code from mentions "
                                    "order by 1").fetchall(),
            "events": con.execute("select event_id, cameo, mention_ids from events order by 1").fetchall(),
            "quarantine": con.execute("select origin, reason from quarantine order by all").fetchall(),
        }


def test_ingest_into_s3_stores_the_same_ids_mentions_and_events_as_a_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "stories.jsonl"
    lines = [json.dumps({"id": i, "text": t, "published": "2023-03-17"}) for i, t in STORIES]
    corpus.write_text("\n".join([*lines, '{"id": "broken", '])+ "\n", encoding="utf-8")
    options = load_options(config_file=None)
    with s3_server() as s3:
        url = s3.url()
        remote_counts = ingest([str(corpus)], url, options, progress=False, storage_options=s3.storage_options)
        local_counts = ingest([str(corpus)], str(tmp_path / "store"), options, progress=False)
        remote = view(Store.open(url, storage_options=s3.storage_options))
        again = ingest([str(corpus)], url, options, progress=False, storage_options=s3.storage_options)
    local = view(Store.open(tmp_path / "store"))
    assert remote_counts == local_counts
    assert remote == local
    assert remote["mentions"] and remote["events"] and remote["quarantine"]
    assert again["known"] == len(STORIES) and again["new"] == 0
