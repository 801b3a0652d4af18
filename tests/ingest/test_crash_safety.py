"""Killing an ingest at any point and running it again gives the store an uninterrupted run gives."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.store import Store

SCRIPT = """
import sys
from newsevents.config import Options
from newsevents.ingest import ingest
ingest([sys.argv[1]], sys.argv[2], Options(stages=("clean",), batch_size=16))
"""
CHUNK = 64  # articles per store batch with batch_size 16 (newsevents.ingest: 4 x batch_size, at least 64)
ARTICLES = 1000


def write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(ARTICLES):
            fh.write(json.dumps({"id": f"a{i}", "site": f"site{i % 7}.example",
                                 "text": f"Report {i}: the council of town {i} met on day {i % 28 + 1} and "
                                         f"approved plan {i * 13} for {i % 50 + 2} new schools.\n"
                                         f"Site {i % 7} "
                                         "newsletter: sign up for free."}) + "\n")
            if i % 250 == 0:
                fh.write('{"id": "broken", "text": \n')


def start(corpus: Path, store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(corpus), str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def snapshot(store: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    con = Store.open(store).connect()
    articles = con.execute("select article_id, input_id, origin, language, text from articles order by all"
                           ).fetchall()
    quarantine = con.execute("select origin, article_id, stage, reason from quarantine order by all"
                             ).fetchall()
    rows = con.execute("select count(*) from _articles_files").fetchone()[0]  # type: ignore[index]
    return articles, quarantine, rows


def wait_for_batches(store: Path, proc: subprocess.Popen[bytes], n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((store / "articles").glob("*.parquet"))) >= n:
            return
        time.sleep(0.01)


@pytest.mark.slow
def test_sigkill_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    reference = tmp_path / "reference"
    assert start(corpus, reference).wait(120) == 0
    expected = snapshot(reference)
    assert len(expected[0]) == ARTICLES and expected[2] == ARTICLES

    killed = tmp_path / "killed"
    for batches in (2, 9):  # kill twice, at different points, then let it finish
        proc = start(corpus, killed)
        wait_for_batches(killed, proc, batches)
        time.sleep(0.003 * batches)  # land somewhere inside the next batch's work
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert start(corpus, killed).wait(120) == 0
    assert snapshot(killed) == expected  # no article lost, none doubled, quarantine rows once each


@pytest.mark.slow
def test_reader_never_sees_half_a_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    store = tmp_path / "store"
    proc = start(corpus, store)
    seen: set[int] = set()
    while proc.poll() is None:
        if (store / "store.json").exists():
            stats = Store.open(store).stats()  # never raises while files are being written
            seen.add(stats["articles"])
        time.sleep(0.005)
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert all(n % CHUNK == 0 or n == ARTICLES for n in seen), sorted(seen)
    assert len(seen) > 2  # the reader did look while batches were landing
