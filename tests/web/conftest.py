"""A small store for the web tests: demo articles through the real pipeline, plus hostile articles.

One hostile article goes through the reader and the pipeline like any other; a second is built by hand
with an event whose actor names, sentence, title and URL carry payloads, so the escaping tests do not
depend on what the coder happens to find.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.model import Actor, Article, Document, EventDate, EventMention, Place, Span, Timex
from newsevents.store import Store

DEMO = Path(__file__).resolve().parents[2] / "newsevents" / "data" / "demo" / "articles.jsonl"
DEMO_IDS = ("demo-002", "demo-004", "demo-010", "demo-016", "demo-022")

SCRIPT = '<script>alert("pwned")</script>'
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_TITLE = f"Breaking {SCRIPT}{IMG}"
HOSTILE_URL = "javascript:alert(document.cookie)"
QUOTED_URL = 'https://example.org/a"onmouseover="alert(1)'
HOSTILE_TEXT = (f"Russia condemned Ukraine on Monday in Kyiv. {SCRIPT} The Kremlin said {IMG} "
                "it would respond. javascript:alert(2)")

# The hand-built article: an event between XSSGOV and RUSGOV whose every string carries a payload.
CRAFTED_TEXT = f"Officials {SCRIPT} said Evilland{IMG} criticised Russia on Tuesday in Moscow."
CRAFTED_EVENT = "crafted"


# Never unescaped in a page ("javascript:" may show as text, it must just never be a link).
PAYLOADS = (SCRIPT, "<img src=x", 'onmouseover="alert')


def _crafted_document() -> Document:
    text = CRAFTED_TEXT
    a = Article.from_text(text, published="2023-03-14", input_id="hostile-crafted", title=HOSTILE_TITLE,
                          url=QUOTED_URL)
    a.site = f"Evil Site {SCRIPT}"
    doc = Document(article=a, text=text)

    def at(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    s1, e1 = at("Evilland" + IMG)
    s2, e2 = at("Russia")
    src = Actor(text[s1:e1], s1, e1, "XSSGOV", "XSS", "GOV", entity=f"Dr. Evil {SCRIPT}")
    tgt = Actor(text[s2:e2], s2, e2, "RUSGOV", "RUS", "GOV", entity=None)
    ts, te = at("Tuesday")
    ps, pe = at("Moscow")
    place = Place("Moscow", ps, pe, f"Moscow{IMG}", "RUS", None, 55.75, 37.62, 524901, "literal")
    ks, ke = at("criticised")
    doc.actors = [src, tgt]
    doc.timexes = [Timex("Tuesday", ts, te, "DATE", "2023-03-14")]
    doc.places = [place]
    doc.events = [EventMention(
        id=CRAFTED_EVENT, cameo="111", root="11", label="Criticize or denounce", plover="DISAPPROVE",
        plover_mode=None, quad=3, goldstein=-2.0, source=src, target=tgt,
        trigger=Span(ks, ke, "criticised"), sentence=Span(0, len(text)), status="asserted",
        date=EventDate("2023-03-14", "2023-03-14", "day", "Tuesday", "text"), location=place, confidence=0.9,
    )]
    return doc


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    """Return the folder of a store holding a few demo articles and the hostile ones, fused."""
    from newsevents.sources import read_inputs

    folder = tmp_path_factory.mktemp("web") / "store"
    lines = [line for line in DEMO.read_text(encoding="utf-8").splitlines()
             if json.loads(line)["id"] in DEMO_IDS]
    lines.append(json.dumps({"id": "hostile-jsonl", "title": HOSTILE_TITLE, "url": HOSTILE_URL,
                             "published": "2023-03-13", "text": HOSTILE_TEXT}))
    source = folder.parent / "articles.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = [a for a in read_inputs([str(source)]) if isinstance(a, Article)]
    assert len(articles) == len(DEMO_IDS) + 1
    store = Store.open(folder, create=True)
    store.add(pipeline.run(articles), pipeline.versions)
    store.add([_crafted_document()], {"test": "hand-built"})
    store.fuse()
    return folder


@pytest.fixture(scope="session")
def web_app(web_store: Path, pipeline):
    """The application over the test store (sharing the session pipeline for /api/extract)."""
    from newsevents.web import create_app

    return create_app(str(web_store), pipeline=pipeline)


@pytest.fixture(scope="session")
def client(web_app) -> Iterator:
    from fastapi.testclient import TestClient

    with TestClient(web_app) as c:
        yield c


@pytest.fixture(scope="session")
def crafted_event_id(client) -> str:
    """Return the fused event id of the hand-built hostile event."""
    events = client.get("/api/events", params={"source": "XSSGOV"}).json()["events"]
    assert len(events) == 1
    return events[0]["event_id"]


@pytest.fixture()
def hostile() -> dict[str, object]:
    """The hostile strings the store holds, and the raw markup that must never reach a page."""
    return {"title": HOSTILE_TITLE, "url": HOSTILE_URL, "quoted_url": QUOTED_URL, "text": HOSTILE_TEXT,
            "crafted_text": CRAFTED_TEXT, "payloads": PAYLOADS}
