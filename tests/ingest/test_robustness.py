"""A corpus of everything that goes wrong in real inputs: each input stored or quarantined, by reason."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest

from newsevents.config import Options
from newsevents.errors import InputError
from newsevents.ingest import ingest, summary
from newsevents.store import Store

# Only the clean stage: these tests are about reading and judging inputs, not about coding events.
OPTIONS = Options(stages=("clean",), batch_size=8)

WIRE = ("Chinese President Xi Jinping will pay a state visit to Russia from March 20 to 22 at the invitation "
        "of President Vladimir Putin, the foreign ministry in Beijing said on Friday. The two leaders will "
        "discuss the comprehensive partnership and strategic cooperation between their countries and sign "
        "a number of bilateral documents, the Kremlin said in a separate statement. China has offered to "
        "mediate in the war in Ukraine and published a twelve-point position paper last month.")
GERMAN = ("Der chinesische Präsident Xi Jinping wird in der kommenden Woche zu einem Staatsbesuch nach "
          "Russland reisen, teilte das Außenministerium in Peking am Freitag mit. Die beiden Präsidenten "
          "wollen über die Zusammenarbeit ihrer Länder sprechen und mehrere Abkommen unterzeichnen.")
FRENCH = ("Le président chinois Xi Jinping se rendra la semaine prochaine en Russie pour une visite d'État, "
          "a annoncé vendredi le ministère des Affaires étrangères à Pékin. Les deux dirigeants doivent "
          "discuter de leur partenariat et signer plusieurs accords bilatéraux.")


def story(i: int) -> str:
    return (f"Story {i}: the parliament of country number {i} voted on a budget of {i * 7} million on "
            f"Tuesday, after {i + 3} hours of debate about roads, schools and hospitals in district {i}.")


def warc_gz(pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(pages):
        html = f"<html><body><article><h1>Page {i}</h1><p>{story(1000 + i)}</p><p>{WIRE[:200]} {i}</p>" \
               "</article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=http))
    return buf.getvalue()


def build_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "photo.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "logo.png").write_bytes(b"\x89PNG")
    records = "".join(json.dumps({"id": f"gz{i}", "text": story(i) * 5}) + "\n" for i in range(60))
    data = gzip.compress(records.encode())
    (folder / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    data = warc_gz(4)
    (folder / "cut.warc.gz").write_bytes(data[: len(data) - 150])
    rng = random.Random(7)
    (folder / "latin.txt").write_bytes(bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000)))
    (folder / "big.txt").write_text(story(1) * 100)  # over the 4,000-byte limit set below
    (folder / "empty.txt").write_text("")
    (folder / "blank.txt").write_text("  \n\n\t\n")
    (folder / "nobody.html").write_text("<!DOCTYPE html><html><head><title>Nothing</title></head></html>")
    outlets = ["example.org", "news.example.com", "daily.example.net"]
    lines = [json.dumps({"id": f"wire-{site}", "site": site,
                         "text": f"{site.upper()} - {WIRE}\n\n(Reporting by staff of {site})"})
             for site in outlets]
    lines += ['{"id": "broken", "text": oops}', json.dumps({"id": "de", "text": GERMAN}),
              json.dumps({"id": "fr", "text": FRENCH}),
              json.dumps({"id": "ok", "text": "Talks between the two delegations ended on Monday."})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")


EXPECTED = {"binary": 2, "truncated": 2, "undecodable": 1, "too_large": 1, "empty": 2, "no_text": 1,
            "bad_json": 1, "language:de": 1, "language:fr": 1}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    build_corpus(tmp_path / "corpus")
    return tmp_path / "corpus"


def test_robustness_corpus_counts_every_input_by_reason(corpus: Path, tmp_path: Path) -> None:
    counts = ingest([str(corpus)], str(tmp_path / "store"), OPTIONS, max_bytes=4000)
    quarantined = {k.split(":", 1)[1]: n for k, n in counts.items() if k.startswith("quarantined:")}
    assert quarantined == EXPECTED
    assert counts["quarantined"] == sum(EXPECTED.values())
    assert counts["duplicates"] == 2  # three outlets carried one wire story: two copies of the first
    store = Store.open(tmp_path / "store")
    con = store.connect()
    # What the truncated files held before the cut is kept: JSON lines and WARC pages.
    formats = dict(con.execute("select format, count(*) from articles group by format").fetchall())
    assert formats["jsonl"] > 3 + 3 + 1 and formats["warc"] >= 2
    assert counts["read"] == sum(formats.values())
    rows = con.execute("select reason, origin from quarantine").fetchall()
    by_kind: dict[str, int] = {}
    for reason, origin in rows:
        kind = reason if reason.startswith("language:") else reason.split(":", 1)[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
        assert origin
    assert by_kind == EXPECTED
    languages = dict(con.execute("select input_id, language from articles where input_id in ('de', 'fr')"
                                 ).fetchall())
    assert languages == {"de": "de", "fr": "fr"}  # kept in the store, not coded
    assert "bad_json" in summary(counts) and "2 near-duplicates" in summary(counts)


def test_rerun_of_the_corpus_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    store_dir = str(tmp_path / "store")
    first = ingest([str(corpus)], store_dir, OPTIONS, max_bytes=4000)
    store = Store.open(store_dir)
    before = store.stats()
    second = ingest([str(corpus)], store_dir, OPTIONS, max_bytes=4000)
    after = store.stats()
    tables = ("articles", "quarantine")
    assert {k: before[k] for k in tables} == {k: after[k] for k in tables}
    assert second["new"] == 0 and second["known"] == first["read"] - first["known"]


def test_nothing_readable_is_an_error_naming_the_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="nothing could be read") as err:
        ingest([str(empty)], str(tmp_path / "store"), OPTIONS)
    assert str(empty) in str(err.value)
    quarantine = Store.open(tmp_path / "store").connect().execute("select reason from quarantine").fetchall()
    assert [r[0].split(":")[0] for r in quarantine] == ["empty"]


def test_site_repeated_line_is_marked_as_boilerplate(tmp_path: Path) -> None:
    from newsevents.ingest import _Judge
    from newsevents.pipeline import Pipeline
    from newsevents.sources import read_inputs

    plug = "Example Daily is a member of the Springfield Media Group"
    path = tmp_path / "site.jsonl"
    records = ({"id": str(i), "site": "Example", "text": f"{story(i)}\n{plug}\n"} for i in range(4))
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    judge, pipe = _Judge(("en",), near_duplicates=True), Pipeline(OPTIONS)
    docs = []
    for article in read_inputs([str(path)]):
        judge(article)
        docs.append(pipe.process(article))
    removed = [[d.text[r.start:r.end] for r in d.removed] for d in docs]
    assert removed == [[], [], [plug], [plug]]  # from the third article of the site on
