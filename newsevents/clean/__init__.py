"""Clean articles: main text of web pages, and boilerplate marked (not cut) in plain text."""

from __future__ import annotations

from newsevents.model import Article, Removed


def clean_document(article: Article) -> tuple[str, list[Removed]]:
    """Return an article's document text and the boilerplate spans in it (offsets index the text).

    >>> article = Article.from_text("Xi will visit Moscow, the Kremlin said.\\n\\nLeave a Reply")
    >>> text, removed = clean_document(article)
    >>> [text[r.start:r.end] for r in removed]
    ['Leave a Reply']
    """
    from newsevents.clean.boilerplate import find_boilerplate

    # HTML, feeds and JSON records are reduced to their main text when read, so the text is final here.
    return article.text, find_boilerplate(article.text)


__all__ = ["clean_document"]
