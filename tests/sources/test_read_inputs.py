"""Reading articles from text files, folders, JSON Lines (plain, gzipped, stdin)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.model import Article
from newsevents.sources import Unreadable, read_inputs

STORY = "Putin invited Xi to Moscow.\n\nThe Kremlin confirmed the visit on Friday."


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_plain_text_file_id_is_its_path_and_text_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "Putin invited Xi.\r\n\r\nXi accepted.  \n"
    path.write_bytes(text.encode("utf-8"))
    [article] = read_inputs([str(path)], published="2023-03-17")
    assert isinstance(article, Article)
    assert article.input_id == str(path)
    assert article.text == text  # CRLF and trailing spaces kept: offsets index into the input
    assert article.published == "2023-03-17"


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("\n\n", "\n  \n") + "\n")
    (tmp_path / "c.txt").write_text("Something else entirely happened.")
    a, b, c = read_inputs([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")])
    assert a.id == b.id != c.id
    assert a.input_id != b.input_id


def test_missing_path_error_names_it(tmp_path: Path) -> None:
    (tmp_path / "there.txt").write_text(STORY)
    missing = str(tmp_path / "nowhere.jsonl")
    with pytest.raises(InputError) as err:
        read_inputs([str(tmp_path / "there.txt"), missing])  # raised before anything is read
    assert str(err.value) == f"{missing}: no such file or directory"


@pytest.mark.parametrize("content", ["", "\n  \n"], ids=["empty", "blank"])
def test_empty_input_is_quarantined_as_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content)
    [item] = read_inputs([str(path)])
    assert isinstance(item, Unreadable) and (item.origin, item.kind) == (str(path), "empty")


def test_jsonl_bad_line_is_quarantined_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl({"id": "a", "text": "First story."}, '{"id": "b", "text": oops}',
                          {"id": "c", "text": "Third."}))
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Unreadable", "Article"]
    bad = items[1]
    assert bad.origin == f"{path}:2"
    assert bad.reason.startswith("bad_json: ")
    assert "oops" in bad.snippet
    assert [items[0].input_id, items[2].input_id] == ["a", "c"]


@pytest.mark.parametrize(
    "record, reason",
    [({"id": "x"}, "no_text"), ({"id": "x", "text": "   "}, "no_text"),
     ({"id": "x", "text": 42}, "not a string"), (["a", "list"], "not a JSON object")],
    ids=["missing", "blank", "number", "array"],
)
def test_record_without_text_is_unreadable(tmp_path: Path, record: object, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(record, {"id": "ok", "text": "A story."}))
    bad, good = read_inputs([str(path)])
    assert isinstance(bad, Unreadable) and reason in bad.reason
    assert isinstance(good, Article) and good.input_id == "ok"


def test_stdin_jsonl_accepts_field_aliases_and_normalises_dates() -> None:
    stream = io.BytesIO(jsonl(
        {"id": 7, "content": "Story one.", "pubDate": "Fri, 17 Mar 2023 10:00:00 GMT", "headline": "One"},
        {"body": "Story two.", "date": "2023-03-18T08:00:00Z", "link": "https://example.org/2"},
        {"id": "three", "text": "Story three."},
    ).encode())
    one, two, three = read_inputs(["-"], published="2023-01-01", stdin=stream)
    assert (one.input_id, one.text, one.published, one.title) == ("7", "Story one.", "2023-03-17", "One")
    assert (two.input_id, two.published, two.url) == ("stdin:2", "2023-03-18", "https://example.org/2")
    assert three.published == "2023-01-01"  # no date in the record: the --published default


def test_unreadable_record_date_falls_back_to_default(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl({"id": "a", "text": "A story.", "date": "sometime soon"}))
    [article] = read_inputs([str(path)], published="2023-03-17")
    assert article.published == "2023-03-17"


def test_text_field_option_picks_the_field(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(jsonl({"id": "a", "text": "teaser", "fulltext": "The whole story."}))
    [article] = read_inputs([str(path)], text_field="fulltext")
    assert article.text == "The whole story."


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(jsonl({"id": "a", "text": "Gzipped story one."}, {"id": "b", "text": "Gzipped story two."}))
    items = list(read_inputs([str(path)]))
    assert [(i.input_id, i.text) for i in items] == [("a", "Gzipped story one."), ("b", "Gzipped story two.")]


def test_corrupt_gzip_is_unreadable_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    data = gzip.compress(jsonl(*({"id": str(i), "text": f"Story {i}. " * 50} for i in range(50))).encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], Unreadable) and items[-1].kind == "truncated"
    assert all(isinstance(i, Article) for i in items[:-1])


def test_jsonl_recognised_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(jsonl({"id": "a", "text": "A story."}))
    [article] = read_inputs([str(path)])
    assert (article.input_id, article.text) == ("a", "A story.")


def test_folder_recursive_sorted(tmp_path: Path) -> None:
    for name in ("b/z.txt", "a.txt", "b/a/y.txt", "c.jsonl", ".hidden.txt", "b/empty.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "b/z.txt").write_text("Story z.")
    (tmp_path / "a.txt").write_text("Story a.")
    (tmp_path / "b/a/y.txt").write_text("Story y.")
    (tmp_path / "c.jsonl").write_text(jsonl({"id": "c1", "text": "Story c1."}))
    (tmp_path / ".hidden.txt").write_text("Not an article.")
    (tmp_path / "b/empty.txt").write_text("")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read_inputs([str(tmp_path)])
    ids = [i.input_id if isinstance(i, Article) else f"unreadable:{i.origin}" for i in items]
    assert ids == [f"{tmp_path}/a.txt", f"{tmp_path}/b/a/y.txt", f"unreadable:{tmp_path}/b/empty.txt",
                   f"{tmp_path}/b/z.txt", "c1", f"unreadable:{tmp_path}/photo.png"]


def test_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Le Président a dit « oui ».".encode("cp1252"))
    [article] = read_inputs([str(path)])
    assert article.text == "Le Président a dit « oui »."


def test_stdin_replaced_by_a_text_stream_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(jsonl({"id": "a", "text": "Président Xi arrived."})))
    [article] = read_inputs(["-"])
    assert (article.input_id, article.text) == ("a", "Président Xi arrived.")


def test_feed_entry_without_text_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>News</title>'
                    "<item><title>Xi visits Moscow</title></item></channel></rss>\n")
    [item] = read_inputs([str(path)])
    assert isinstance(item, Unreadable) and item.kind == "no_text" and item.origin == f"{path}[0]"


def test_gzipped_stdin_is_decompressed() -> None:
    stream = io.BytesIO(gzip.compress(jsonl({"id": "z", "text": "Zipped on stdin."}).encode()))
    [article] = read_inputs(["-"], stdin=stream)
    assert (article.input_id, article.text) == ("z", "Zipped on stdin.")


def test_json_array_file_gives_one_article_per_element(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    records = [{"id": "a", "text": "Story a."}, {"text": "Story b."}, {"id": "c"}]
    path.write_text(json.dumps(records, indent=2))
    a, b, c = read_inputs([str(path)])
    assert (a.input_id, a.text) == ("a", "Story a.")
    assert b.input_id == f"{path}[1]"
    assert isinstance(c, Unreadable) and c.origin == f"{path}[2]"


def test_minified_json_array_gives_one_article_per_element(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"id": "a", "text": "Story a."}, {"id": "b", "text": "Story b."}]))
    assert [a.input_id for a in read_inputs([str(path)])] == ["a", "b"]
