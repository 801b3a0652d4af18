"""CSV tables, RSS/Atom feeds, WARC crawls, zip and tar archives, globs: each record an article or a note."""

from __future__ import annotations

import gzip
import io
import logging
import tarfile
import zipfile
from pathlib import Path

import pytest

from newsevents.model import Article
from newsevents.sources import Unreadable, read_inputs

BODY = ("The Russian presidency confirmed on Friday that the Chinese president will travel to Moscow next "
        "week, in a statement carried by state media and cited by several news agencies. According to the "
        "Kremlin, Xi Jinping will hold talks with Vladimir Putin on their strategic partnership.")


def page(title: str, body: str = BODY, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<html><head><title>{title}</title>{link}"
            '<meta property="article:published_time" content="2023-03-17T09:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
            f"<p>{body}</p><p>{body}</p></article><footer>Copyright Example News</footer></body></html>")


def warc_bytes(pages: list[tuple[str, str]], *, compress: bool, images: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for url, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
            warc_headers_dict={"WARC-Date": "2023-03-18T10:00:00Z"}))
        if not images:
            continue
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url + ".png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00"), http_headers=image))
    return buf.getvalue()


def kinds(items: list[Article | Unreadable]) -> list[str]:
    return ["article" if isinstance(i, Article) else i.kind for i in items]


def test_csv_with_default_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('id,title,published,text\n1,Visit,2023-03-17,"Xi will visit Moscow, the Kremlin said."\n'
                    '2,Talks,18/03/2023,"Talks, which ran late,\nended on Monday."\n3,Empty,,\n',
                    encoding="utf-8")
    one, two, three = read_inputs([str(path)])
    assert (one.input_id, one.title, one.published, one.text) == \
        ("1", "Visit", "2023-03-17", "Xi will visit Moscow, the Kremlin said.")
    assert two.text == "Talks, which ran late,\nended on Monday." and two.format == "csv"
    assert isinstance(three, Unreadable) and three.kind == "no_text" and three.origin == f"{path}:5"


def test_tsv_with_configured_fields_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_text("doc\theadline\twhen\tstory\nx1\tVisit\t2023-03-17\tXi will visit Moscow.\n",
                    encoding="utf-8")
    [article] = read_inputs([str(path)], fmt="csv", text_field="story", id_field="doc", date_field="when",
                            title_field="headline")
    assert (article.input_id, article.title, article.published, article.text) == \
        ("x1", "Visit", "2023-03-17", "Xi will visit Moscow.")


def test_rss_entries_become_articles_with_their_content(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        "<item><title>Xi to visit Moscow</title><link>https://example.org/xi</link>"
        "<guid>xi-1</guid><pubDate>Fri, 17 Mar 2023 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Xi will visit Moscow.&lt;/p&gt;&lt;p&gt;Putin invited him.&lt;/p&gt;"
        "</description>"
        "</item><item><title>Second</title><link>http://192.0.2.1/never-fetched</link>"
        "<description>Talks ended on Monday.</description></item></channel></rss>", encoding="utf-8")
    first, second = read_inputs([str(path)], published="2023-01-01")
    assert (first.input_id, first.title, first.url, first.published, first.site) == \
        ("xi-1", "Xi to visit Moscow", "https://example.org/xi", "2023-03-17", "Example News")
    assert first.text == "Xi will visit Moscow.\n\nPutin invited him."
    assert (second.text, second.published, second.format) == ("Talks ended on Monday.", "2023-01-01", "rss")


def test_atom_entry_content_wins_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        "<entry><id>urn:1</id><title>Summit</title><updated>2023-03-20T08:00:00Z</updated>"
        "<summary>Short.</summary><content type='html'>&lt;p&gt;The full story of the summit.&lt;/p&gt;"
        "</content></entry></feed>", encoding="utf-8")
    [entry] = read_inputs([str(path)])
    assert (entry.input_id, entry.text, entry.published) == ("urn:1", "The full story of the summit.",
                                                               "2023-03-20")


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_articles_others_skipped(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc_bytes([("https://example.org/a", page("Xi visits Moscow"))], compress=compress))
    items = list(read_inputs([str(path)]))
    assert kinds(items) == ["skipped", "article", "skipped"]
    article = items[1]
    assert (article.url, article.format) == ("https://example.org/a", "warc")
    assert article.title == "Xi visits Moscow"
    assert article.published == "2023-03-17" and "strategic partnership" in article.text
    assert article.origin.startswith(f"{path}@")


def test_truncated_warc_gz_keeps_what_came_before(tmp_path: Path) -> None:
    data = warc_bytes([(f"https://example.org/{i}", page(f"Story {i}", BODY + f" Story number {i}."))
                       for i in range(3)], compress=True, images=False)
    path = tmp_path / "cut.warc.gz"  # cut inside the last page's record
    path.write_bytes(data[: len(data) - 200])
    items = list(read_inputs([str(path)]))
    assert kinds(items)[-1] == "truncated"
    assert kinds(items).count("article") == 2


def test_zip_members_are_read_in_name_order(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("b/story.txt", "Talks ended on Monday.")
        archive.writestr("a.jsonl", '{"id": "j1", "text": "Xi arrived."}\n')
        archive.writestr("c.txt", "")
    items = list(read_inputs([str(path)]))
    assert [i.input_id if isinstance(i, Article) else i.kind for i in items] == ["j1", f"{path}/b/story.txt",
                                                                                 "empty"]


def test_tar_gz_members_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bundle.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = b"Xi arrived in Moscow on Monday."
        info = tarfile.TarInfo("news/one.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    [article] = read_inputs([str(path)])
    assert (article.input_id, article.text) == (f"{path}/news/one.txt", "Xi arrived in Moscow on Monday.")


def test_glob_pattern_expands_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"Story {name}.")
    items = list(read_inputs([str(tmp_path / "*.txt")]))
    assert [i.input_id for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_format_decision_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "export.txt"
    path.write_text('{"id": "a", "text": "A story."}\n')
    with caplog.at_level(logging.INFO, logger="newsevents.sources"):
        list(read_inputs([str(path)]))
    assert f"{path}: read as jsonl" in caplog.text


def test_size_limit_quarantines_large_file_and_line_streams_on(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 5000)
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"id": "big", "text": "' + "x" * 5000 + '"}\n{"id": "ok", "text": "Small."}\n')
    items = list(read_inputs([str(big), str(lines)], max_bytes=1000))
    assert [(i.origin, i.kind) if isinstance(i, Unreadable) else i.input_id for i in items] == \
        [(str(big), "too_large"), (f"{lines}:1", "too_large"), "ok"]


def test_mojibake_and_control_characters_are_repaired_original_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    damaged = "The minister said â€œnoâ€\x9d to the \x07plan.\x0cPage two."
    path.write_text(damaged, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.text == "The minister said “no” to the plan.\nPage two."
    assert article.raw == damaged


def test_gzip_of_text_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "story"
    path.write_bytes(gzip.compress(b"Xi arrived in Moscow."))
    [article] = read_inputs([str(path)])
    assert article.text == "Xi arrived in Moscow."
