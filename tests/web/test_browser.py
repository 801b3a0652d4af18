"""The web UI in a real browser: the server runs in a thread, Chromium clicks through the pages.

Screenshots go to docs/img/ (search.png and event.png are the README's). Skipped, with the reason, when
Playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to a temporary folder, so a test run never rewrites tracked files; set
# NEWSEVENTS_SCREENSHOTS=docs/img to refresh the README's pictures.
IMG = Path(os.environ.get("NEWSEVENTS_SCREENSHOTS") or Path(tempfile.gettempdir()) / "newsevents-screenshots")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTICLE = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. "
           "Ukraine criticised the talks. <script>alert('pasted')</script>")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_app) -> Iterator[str]:
    """Serve the test app with uvicorn on a free localhost port; yield its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records script errors, CSP violations and any dialog (an executed payload)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: pg.problems.append(f"console {msg.type}: {msg.text}")
          if msg.type == "error" else None)
    pg.on("dialog", lambda dialog: (pg.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield pg
    context.close()


def _shot(pg, name: str) -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(IMG / f"{name}.png"), full_page=False)


def test_search_event_actor_dyad_click_through(page, server) -> None:
    page.goto(server + "/?order=mentions")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 3
    assert page.locator("aside.facets ul.bars li").count() >= 2  # counts by quad and root
    _shot(page, "search")

    page.locator("table.events a[href^='/events/']").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("blockquote.sentence").count() >= 1
    assert page.locator("blockquote.sentence mark.hl-trigger").count() >= 1
    _shot(page, "event")

    page.locator("dl.facts a[href^='/actors/']").first.click()
    page.wait_for_url("**/actors/**")
    page.wait_for_selector(".chart.timeline svg rect")
    assert page.locator(".chart.timeline svg text", has_text="events (count)").count() == 1  # axis with unit
    assert page.locator(".chart.timeline svg text", has_text="Goldstein sum").count() >= 1  # legend
    _shot(page, "actor")

    page.locator("a.bucket[data-bucket='week']").click()
    page.wait_for_selector(".chart.timeline svg text:has-text('week (starting Monday)')")

    page.locator("a[href^='/dyads/']").first.click()
    page.wait_for_url("**/dyads/**")
    page.wait_for_selector(".chart.timeline svg rect")
    _shot(page, "dyad")
    assert page.problems == []


def test_network_and_map_draw(page, server) -> None:
    page.goto(server + "/network")
    page.wait_for_selector(".chart.network svg circle.node")
    assert page.locator(".chart.network svg path.edge").count() >= 1
    _shot(page, "network")
    page.goto(server + "/map")
    page.wait_for_selector(".chart.map svg g.place")
    assert page.locator(".chart.map svg g.land rect").count() > 1000
    assert page.locator(".chart.map svg text", has_text="30°N").count() == 1  # graticule labels
    _shot(page, "map")
    assert page.problems == []


def test_brief_page(page, server) -> None:
    page.goto(server + "/brief")
    page.fill("input[name=q]", "Russia")
    page.click("form.filters button")
    page.wait_for_url("**/brief?q=Russia**")
    assert page.locator("h1", has_text="What we know: Russia").count() == 1
    _shot(page, "brief")
    assert page.problems == []


def test_paste_an_article_into_the_extract_page(page, server) -> None:
    page.goto(server + "/extract")
    page.fill("textarea[name=text]", ARTICLE)
    page.fill("input[name=published]", "2023-03-21")
    page.click("form.extract button")
    page.wait_for_selector(".article-text")
    assert "<script>alert('pasted')</script>" in page.inner_text(".article-text")  # shown as text
    assert page.locator("script:not([src])").count() == 0
    _shot(page, "extract")
    assert page.problems == []


def test_hostile_article_renders_inert(page, server, crafted_event_id) -> None:
    page.goto(server + f"/events/{crafted_event_id}")
    page.wait_for_load_state("networkidle")
    assert page.locator("img").count() == 0
    assert page.locator("script:not([src])").count() == 0
    assert '<script>alert("pwned")</script>' in page.inner_text("main")
    page.goto(server + "/actors/XSSGOV")
    page.wait_for_selector(".chart.timeline svg rect")
    page.goto(server + "/network")
    page.wait_for_selector(".chart.network svg circle.node")
    assert page.locator("img").count() == 0
    assert page.problems == []
