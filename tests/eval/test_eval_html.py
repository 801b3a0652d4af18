"""HTML extraction scoring on hand-made pages and gold records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsevents.eval.gold import HtmlDoc, read_html_gold
from newsevents.eval.html import SysPage, read_page, score_pages


def _doc(body: str | None = None, date: str | None = None) -> HtmlDoc:
    return HtmlDoc("h1", None, Path("h1.html"), ["The council approved the budget.", "Taxes rise in May."],
                   ["Subscribe to our newsletter"], body=body, date=date)


def test_snippet_rates_and_trafilatura_counts() -> None:
    page = SysPage("The council approved\nthe budget. Subscribe to our newsletter", published="2021-05-03")
    metrics, _, misses = score_pages([_doc(date="2021-05-03 10:00")], [page])
    assert metrics["with_found"] == 0.5 and metrics["without_absent"] == 0.0
    s = metrics["snippets"]
    assert (s.tp, s.fn, s.fp) == (1, 1, 1)
    assert metrics["date_accuracy"] == 1.0
    assert "body_f1" not in metrics
    assert misses[0].context == "Taxes rise in May."


def test_body_tokens_are_averaged_per_page() -> None:
    docs = [_doc(body="one two three four"), _doc(body="alpha beta")]
    pages = [SysPage("one two three four"), SysPage("alpha gamma")]
    metrics, _, _ = score_pages(docs, pages)
    assert metrics["body_f1"] == 0.75                 # mean of 1.0 and 0.5
    assert metrics["body_precision"] == 0.75 and metrics["body_recall"] == 0.75


def test_read_html_gold_and_page(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html.gz").write_bytes(
        gzip.compress('<html><meta charset="iso-8859-1"><p>Gr\xfc\xdfe</p></html>'.encode("latin-1")))
    row = {"id": "a.html", "url": "hard::a.html", "html_path": "html/a.html.gz", "publication_date": None,
           "gold": {"with": ["Grüße"], "without": [], "date": ""}}
    (tmp_path / "snippets.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = read_html_gold(tmp_path / "snippets.jsonl")
    assert doc.url is None and doc.date == "" and doc.with_snippets == ["Grüße"]
    assert "Grüße".encode("latin-1") in read_page(str(doc.html_path))
