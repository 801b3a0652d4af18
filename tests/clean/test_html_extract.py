"""Web pages: main text, title, date, site and canonical URL; navigation and footers left out."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsevents.clean.html import extract_html
from newsevents.model import Article
from newsevents.sources import Unreadable, read_inputs

PARAGRAPHS = [
    "The Russian presidency confirmed on Friday that the Chinese president will travel to Moscow next week, "
    "in a statement carried by state media and cited by several news agencies.",
    "According to the Kremlin, Xi Jinping will hold talks with Vladimir Putin on their strategic partnership "
    "and the two leaders are expected to sign a significant number of bilateral documents.",
    "The spokesman for the Chinese foreign ministry said the trip aims to deepen mutual trust and "
    "understanding between the two countries, which declared a partnership without limits last year.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Xi to visit Moscow next week | Example News</title>
<meta property="og:title" content="Xi to visit Moscow next week">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-03-17T09:30:00+00:00">
<link rel="canonical" href="https://news.example.org/world/xi-moscow">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/login">Sign in to your account</a></li></ul></nav></header>
<main><article>
<h1>Xi to visit Moscow next week</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/a">Markets rally as central bank holds rates steady</a></li>
<li><a href="/b">Ten recipes for a rainy weekend</a></li></ul></aside>
</main>
<footer><p>Copyright 2023 Example News Ltd. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> |
<a href="/cookies">We use cookies to improve your experience</a></p>
</footer></body></html>"""


def test_html_page_main_text_and_title() -> None:
    page = extract_html(PAGE, None)
    assert page.title == "Xi to visit Moscow next week"
    assert page.published == "2023-03-17"
    assert page.site == "Example News"
    assert page.url == "https://news.example.org/world/xi-moscow"
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for furniture in ("Sign in", "Ten recipes", "All rights reserved", "cookies", "Sport"):
        assert furniture not in page.text


def test_html_paragraphs_are_separated_by_blank_lines() -> None:
    text = extract_html(PAGE, None).text
    assert f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}" in text


def test_page_without_main_text_gives_empty_text() -> None:
    assert extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", None).text == ""


def test_html_file_is_read_as_its_main_text(tmp_path: Path) -> None:
    path = tmp_path / "xi.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_inputs([str(path)], published="2020-01-01")
    assert isinstance(article, Article)
    assert article.format == "html" and article.input_id == str(path)
    assert article.text == extract_html(PAGE, None).text
    assert article.published == "2023-03-17"  # the page's own date beats the default
    assert (article.title, article.site) == ("Xi to visit Moscow next week", "Example News")


def test_gzipped_page_without_extension_is_detected_as_html(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article) and article.format == "html"
    assert article.text == extract_html(PAGE, None).text


def test_html_without_main_text_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "menu.htm"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    [item] = read_inputs([str(path)])
    assert isinstance(item, Unreadable) and "no main text" in item.reason


def test_jsonl_record_with_html_field_is_extracted(tmp_path: Path) -> None:
    import json

    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps({"id": "p1", "html": PAGE, "date": "2023-03-18"}) + "\n")
    [article] = read_inputs([str(path)])
    assert article.input_id == "p1" and PARAGRAPHS[1] in article.text
    assert article.published == "2023-03-18"  # the record's date beats the page's


def test_site_name_is_cut_from_the_title() -> None:
    from newsevents.clean.html import strip_site_name

    assert strip_site_name("Xi visits Moscow | Example News", "Example News", None) == "Xi visits Moscow"
    by_host = strip_site_name("Xi visits Moscow - example.org", None, "https://www.example.org/a")
    assert by_host == "Xi visits Moscow"
    kept = "Sino-Russian ties - a new era"
    assert strip_site_name(kept, "Example News", None) == kept
