"""Server-rendered pages: they render, they stay inert with hostile content, and the server is read-only."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from newsevents.errors import StoreError


class Tags(HTMLParser):
    """Collect every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_inert(html: str, payloads: tuple[str, ...]) -> None:
    """No payload appears raw; scripts are only our static files; no handlers or javascript: links."""
    for payload in payloads:
        assert payload not in html, payload
    for tag, attrs in parse(html):
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        if tag == "img":
            raise AssertionError(f"unexpected img tag {attrs}")


def page_urls(client, crafted_event_id: str) -> list[str]:
    article_id = client.get(f"/api/events/{crafted_event_id}").json()["mentions"][0]["article_id"]
    hostile_article = next(a["article_id"] for a in client.get("/api/articles", params={"limit": 100}).json()
                           ["articles"] if a["input_id"] == "hostile-jsonl")
    return ["/", "/?q=script", "/?actor=XSS", f"/events/{crafted_event_id}", "/actors/XSSGOV",
            "/actors?q=evil",
            "/dyads/XSSGOV/RUSGOV", "/network", "/map", "/brief?q=Russia", "/brief?q=Evilland", "/extract",
            f"/articles/{article_id}", f"/articles/{hostile_article}", "/docs",
            "/?q=" + quote('<script>alert("pwned")</script>')]


def test_every_page_renders_with_the_security_headers(client, crafted_event_id, hostile) -> None:
    for url in page_urls(client, crafted_event_id):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert_inert(response.text, hostile["payloads"])


def test_hostile_title_text_and_names_are_shown_escaped(client, crafted_event_id) -> None:
    html = client.get(f"/events/{crafted_event_id}").text
    assert "Breaking &lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "Evilland&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Dr. Evil &lt;script&gt;" in html


def test_only_http_urls_become_links(client, crafted_event_id, hostile) -> None:
    # The crafted article's URL is http(s) but breaks out of its attribute: shown as text, not linked.
    html = client.get(f"/events/{crafted_event_id}").text
    hrefs = [attrs.get("href") for tag, attrs in parse(html) if tag == "a"]
    assert not any(h and "example.org/a" in h for h in hrefs)
    hostile_article = next(a for a in client.get("/api/articles", params={"limit": 100}).json()["articles"]
                           if a["input_id"] == "hostile-jsonl")
    html = client.get(f"/articles/{hostile_article['article_id']}").text
    assert "javascript:alert(document.cookie)" in html  # visible as text
    assert not any((attrs.get("href") or "").startswith("javascript") for _, attrs in parse(html))
    demo = client.get("/api/events", params={"limit": 50}).json()["events"]
    demo_event = next(e for e in demo if e["source_code"] != "XSSGOV")
    links = [attrs.get("href") for tag, attrs in parse(client.get(f"/events/{demo_event['event_id']}").text)
             if tag == "a"]
    assert any(h and h.startswith("https://example.org/") for h in links)  # a clean URL is linked


def test_event_page_highlights_trigger_actor_time_and_place(client, crafted_event_id) -> None:
    html = client.get(f"/events/{crafted_event_id}").text
    marks = [attrs.get("class") for tag, attrs in parse(html) if tag == "mark"]
    for kind in ("hl-trigger", "hl-actor", "hl-time", "hl-place"):
        assert any(kind in (m or "") for m in marks), kind
    assert '<mark class="hl-trigger" title="111 Criticize or denounce">criticised</mark>' in html


def test_search_page_shows_counts_and_links_events(client, crafted_event_id) -> None:
    html = client.get("/", params={"actor": "XSS"}).text
    assert "1 event," in html
    assert f'href="/events/{crafted_event_id}"' in html
    assert "11 Disapprove" in html and "verbal conflict" in html


def test_charts_get_their_data_from_api_urls_in_data_attributes(client) -> None:
    tags = parse(client.get("/actors/XSSGOV").text) + parse(client.get("/network?root=11").text)
    sources = [attrs["data-src"] for _, attrs in tags if attrs.get("data-src")]
    assert "/api/timeline?actor=XSSGOV" in sources and "/api/network?root=11" in sources
    for src in sources:
        assert client.get(src).status_code == 200


def test_bad_page_parameters_render_an_error_page(client) -> None:
    response = client.get("/", params={"since": "yesterday"})
    assert response.status_code == 422
    assert "since" in response.text and response.headers["content-type"].startswith("text/html")
    missing = client.get("/events/ev-nope")
    assert missing.status_code == 404 and "no event" in missing.text


def test_extract_page_shows_highlighted_escaped_text(client, hostile) -> None:
    text = "Russia condemned Ukraine on Monday. " + hostile["title"]
    response = client.post("/extract", data={"text": text, "published": "2023-03-17", "title": "<i>t</i>"})
    assert response.status_code == 200
    assert_inert(response.text, hostile["payloads"])
    assert "&lt;i&gt;t&lt;/i&gt;" in response.text
    assert 'class="article-text"' in response.text


def test_server_opens_the_store_read_only(client, web_app, web_store) -> None:
    before = sorted(p.relative_to(web_store) for p in web_store.rglob("*"))
    for url in ("/", "/api/events", "/network", "/api/map"):
        client.get(url)
    assert sorted(p.relative_to(web_store) for p in web_store.rglob("*")) == before
    store = web_app.state.store
    with pytest.raises(StoreError, match="read-only"):
        store.fuse()
    con = store.connect()
    with pytest.raises(Exception, match="disabled"):
        con.execute("select * from read_csv('/etc/passwd')")


def test_static_assets_are_vendored(client) -> None:
    for asset in ("/static/style.css", "/static/charts.js", "/static/network.js", "/static/map.js"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        # Nothing loads from elsewhere (the SVG namespace is a name, not a download).
        assert response.text.count("://") == response.text.count("http://www.w3.org/2000/svg"), asset
    assert len(client.get("/static/world.json").json()["cells"]) > 1000
