"""Encoding repair, language identification and near-duplicate grouping of articles."""

from __future__ import annotations

import pytest

from newsevents.clean.language import identify
from newsevents.clean.neardup import NearDuplicates
from newsevents.clean.repeats import SiteRepeats, site_of
from newsevents.clean.textfix import repair_text
from newsevents.model import Article

WIRE = ("Chinese President Xi Jinping will pay a state visit to Russia from March 20 to 22 at the invitation "
        "of President Vladimir Putin, the foreign ministry in Beijing said on Friday. The two leaders will "
        "discuss the comprehensive partnership and strategic cooperation between their countries and sign "
        "a number of bilateral documents, the Kremlin said in a separate statement.")


@pytest.mark.parametrize(
    "damaged, repaired",
    [("He said â€œnoâ€\x9d.", "He said “no”."), ("Ã‰lysÃ©e Palace", "Élysée Palace"),
     ("Cafe\u0301 talks", "Café talks"), ("Page one.\x0cPage two.\x00", "Page one.\nPage two.")],
    ids=["quotes", "accents", "nfc", "controls"],
)
def test_damaged_text_is_repaired(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize("text", ["Le Président a dit « oui ».", "Don’t — “quoted”", "Zürich\r\nGenève\ttab"],
                         ids=["french", "typography", "crlf-tab"])
def test_sound_text_is_left_exactly_as_given(text: str) -> None:
    assert repair_text(text) is text


@pytest.mark.parametrize(
    "text, language",
    [(WIRE, "en"),
     ("Der chinesische Präsident Xi Jinping wird in der kommenden Woche zu einem Staatsbesuch nach Russland "
      "reisen, teilte das Außenministerium in Peking am Freitag mit.", "de"),
     ("El presidente chino, Xi Jinping, viajará la próxima semana a Rusia en visita de Estado, informó el "
      "viernes el Ministerio de Asuntos Exteriores en Pekín.", "es"),
     ("Shr 27 cts vs 2.06 dlrs\nNet 613,000 vs 1,942,000\nRevs 11.3 mln vs 9.8 mln", None),
     ("Xi arrived.", None)],
    ids=["english", "german", "spanish", "figures-undecided", "short-undecided"],
)
def test_language_is_identified_only_when_confident(text: str, language: str | None) -> None:
    assert identify(text) == language


def test_syndicated_copies_point_to_the_first_copy_and_distinct_stories_do_not() -> None:
    index = NearDuplicates()
    assert index.add("first", f"BEIJING (Wire) - {WIRE}") is None
    assert index.add("copy", f"{WIRE}\n\nReporting by the Example Herald; editing by Jane Roe") == "first"
    other = WIRE.replace("state visit to Russia", "working visit to France").replace("Putin", "Macron")
    other = " ".join(reversed(other.split()))
    assert index.add("other", other) is None


def test_near_duplicate_grouping_is_the_same_in_every_run() -> None:
    texts = [f"{WIRE} Copy {i}." for i in range(3)]
    runs = []
    for _ in range(2):
        index = NearDuplicates()
        runs.append([index.add(str(i), t) for i, t in enumerate(texts)])
    assert runs[0] == runs[1] == [None, "0", "0"]


def test_site_is_the_site_name_else_the_url_host() -> None:
    article = Article.from_text("x", url="https://www.example.org/2023/xi")
    assert site_of(article) == "example.org"
    article.site = "Example News"
    assert site_of(article) == "example news"


def test_an_article_made_only_of_repeated_lines_is_not_all_boilerplate() -> None:
    seen = SiteRepeats(min_articles=2)
    text = "Markets closed higher.\nMore at example.org"
    assert seen.observe("example.org", text) == []
    assert seen.observe("example.org", text) == []
