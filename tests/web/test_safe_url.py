"""Only absolute http(s) URLs that cannot break out of an attribute become links."""

from __future__ import annotations

import pytest

from newsevents.web.render import safe_url


@pytest.mark.parametrize("url", [
    "https://example.org/2023/03/17/xi", "http://example.org/a?b=1&c=2", "  https://example.org/x  ",
], ids=["https", "http-query", "padded"])
def test_web_urls_are_linked(url: str) -> None:
    assert safe_url(url) == url.strip()


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox", "//example.org/protocol-relative", "/relative/path", "ftp://example.org/file",
    'https://example.org/a"onmouseover="alert(1)', "https://example.org/<script>", "https://exa mple.org/",
    "https://example.org/\nx", "http:///no-host", None, 42,
], ids=["javascript", "javascript-mixed-case", "data", "vbscript", "protocol-relative", "relative", "ftp",
        "quote-breakout", "angle-brackets", "space", "newline", "no-host", "none", "number"])
def test_other_urls_are_not_linked(url: object) -> None:
    assert safe_url(url) is None
