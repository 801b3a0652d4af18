"""Inputs split into partitions read apart give, chained in order, exactly what one reader gives."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import ConfigError
from newsevents.model import Article
from newsevents.sources import read_inputs
from newsevents.sources.partition import plan, read_partition
from newsevents.sources.records import ReadOptions


def key(item: Any) -> tuple[Any, ...]:
    """What a reader yields, field by field (Article and Unreadable alike)."""
    if isinstance(item, Article):
        return ("article", item.origin, item.input_id, item.id, item.text, item.url, item.published, item.title)
    return ("unreadable", item.origin, item.reason, item.snippet)


def split_read(paths: list[str], target: int, read: ReadOptions | None = None) -> tuple[list[Any], int]:
    ctx = (read or ReadOptions()).context()
    parts = plan(paths, ctx, target)
    return [key(i) for part in parts for i in read_partition(part, ctx)], sum(len(p.pieces) for p in parts)


def write_jsonl(path: Path) -> None:
    lines = []
    for i in range(120):
        record = {"text": f"Story {i}: " + "the council met again " * (i % 17 + 1),
                  "url": f"https://s{i % 3}.example/{i}"}
        if i % 4:
            record["id"] = f"a{i}"
        lines.append(json.dumps(record))
        if i % 29 == 3:
            lines.append('{"id": "broken", ')
        if i % 31 == 5:
            lines.append("")
        if i % 43 == 7:
            lines.append(json.dumps([{"id": f"x{i}", "text": "One."}, {"id": f"y{i}", "text": "Two."}]))
        if i == 60:
            lines.append(json.dumps({"id": "huge", "text": "word " * 2000}))
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8") + b"\n")


def write_warc(path: Path, n: int = 12, compress: bool = False) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)  # compressed: one gzip member per record, as crawlers write
        for i in range(n):
            body = (f"<html><head><title>T{i}</title></head><body><article><p>Report {i}: ministers met in "
                    f"the capital and agreed to hold talks on trade next month.</p>"
                    f"<p>{'More detail follows here. ' * 20}</p></article></body></html>")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://n.example/{i}", "response", http_headers=http,
                                                          payload=io.BytesIO(body.encode())))
            if i % 3 == 0:
                writer.write_record(writer.create_warc_record(f"https://n.example/{i}", "request",
                                                              payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("target", [512, 4096, 1 << 30], ids=["tiny-ranges", "some-ranges", "whole"])
def test_jsonl_byte_ranges_read_as_one_file(tmp_path: Path, target: int) -> None:
    path = tmp_path / "feed.jsonl"
    write_jsonl(path)
    read = ReadOptions(max_bytes=5000)  # the "huge" line is quarantined in whichever range holds it
    got, pieces = split_read([str(path)], target, read)
    assert got == [key(i) for i in read_inputs([str(path)], read)]
    assert (pieces > 5) == (target < 1 << 30)
    assert ("unreadable", f"{path}:5") in {g[:2] for g in got}  # line numbers count from the file's start


def test_warc_ranges_start_at_records_and_keep_file_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path)
    got, pieces = split_read([str(path)], 2000)
    assert pieces >= 4
    assert got == [key(i) for i in read_inputs([str(path)])]
    assert all("@" in g[1] for g in got)


def test_warc_gz_is_cut_between_gzip_members_and_keeps_decompressed_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, n=20, compress=True)
    got, pieces = split_read([str(path)], 1500)
    assert pieces >= 4
    assert got == [key(i) for i in read_inputs([str(path)])]
    # Cut short, or one gzip member for the whole crawl: read whole, as one reader does.
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[:-200])
    one = tmp_path / "one.warc.gz"
    one.write_bytes(gzip.compress(gzip.decompress(path.read_bytes())))
    for whole in (cut, one):
        got, pieces = split_read([str(whole)], 1500)
        assert pieces == 1 and got == [key(i) for i in read_inputs([str(whole)])]


def test_folders_and_files_that_cannot_be_cut_are_read_whole(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl")
    with gzip.open(folder / "b.jsonl.gz", "wb") as fh:  # one gzip member: no record boundaries to find
        fh.write((folder / "a.jsonl").read_bytes())
    (folder / "c.json").write_text(json.dumps([{"id": "d1", "text": "One JSON document. " * 100}]))
    (folder / "d.csv").write_text("id,text\n" + "".join(f'{i},"Row {i}\nspans lines"\n' for i in range(200)))
    (folder / "e.pdf").write_bytes(b"%PDF-1.4")
    for i in range(5):
        (folder / f"page{i}.txt").write_text(f"Short story {i}.")
    ctx = ReadOptions().context()
    parts = plan([str(folder)], ctx, 2048)
    whole = [p for part in parts for p in part.pieces if p.start is None]
    assert {Path(p.path).name for p in whole} >= {"b.jsonl.gz", "c.json", "d.csv", "e.pdf", "page0.txt"}
    got, _ = split_read([str(folder)], 2048)
    assert got == [key(i) for i in read_inputs([str(folder)])]


def test_read_options_are_one_object_and_keywords_are_a_shorthand(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("doc,story,when\nd1,Xi arrived in Moscow.,2023-03-20\n")
    read = ReadOptions(fmt="csv", text_field="story", id_field="doc", date_field="when")
    [a] = read_inputs([str(path)], read)
    [b] = read_inputs([str(path)], fmt="csv", text_field="story", id_field="doc", date_field="when")
    assert (a.input_id, a.published, a.text) == (b.input_id, b.published, b.text) == \
        ("d1", "2023-03-20", "Xi arrived in Moscow.")
    with pytest.raises(ConfigError, match="unknown read option colour"):
        read_inputs([str(path)], colour="red")
    with pytest.raises(ConfigError, match="unknown input format"):
        read_inputs([str(path)], ReadOptions(fmt="docx"))
