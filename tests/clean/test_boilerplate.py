"""Boilerplate in plain text is marked as removed, the article itself is kept, the text never changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsevents.clean import clean_document
from newsevents.clean.boilerplate import find_boilerplate
from newsevents.clean.cues import load_cue_file
from newsevents.errors import DataFileError
from newsevents.model import Article

BODY = (
    "Xi Jinping will travel to Moscow next week, the Kremlin said in a statement on Friday.\n\n"
    "The two leaders are expected to sign a number of agreements during the three-day visit.\n\n"
    "China has offered to mediate between Russia and Ukraine, a proposal Kyiv has treated with caution."
)


def removed_texts(text: str) -> list[str]:
    return [text[r.start:r.end] for r in find_boilerplate(text)]


def kept_text(text: str) -> str:
    for r in reversed(find_boilerplate(text)):
        text = text[:r.start] + text[r.end:]
    return text


def test_xi_page_boilerplate_removed_article_kept(xi_text: str) -> None:
    text, removed = clean_document(Article.from_text(xi_text, published="2023-03-17"))
    assert text == xi_text
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", xi_text)]
    disclaimer = next(i for i, (s, _) in enumerate(paragraphs) if xi_text.startswith("Disclaimer:", s))
    article, furniture = paragraphs[:disclaimer], paragraphs[disclaimer:]
    assert len(article) >= 10 and xi_text[article[0][0]:].startswith("Putin invited and Xi accepted.")
    # Every line from the disclaimer on is covered, and nothing before it is touched.
    for start, end in furniture:
        assert any(r.start <= start and end <= r.end for r in removed), xi_text[start:end]
    assert all(r.start >= furniture[0][0] for r in removed)
    covered = " ".join(xi_text[r.start:r.end] for r in removed)
    pieces = ("Disclaimer:", "Learn more", "Deborah Acker", "I write epic fantasy", "#author.",
              "Leave a Reply")
    for piece in pieces:
        assert piece in covered
    assert all(r.reason == "boilerplate" for r in removed)


@pytest.mark.parametrize(
    "furniture",
    [
        "Share this article on Facebook",
        "Follow us on Twitter and Instagram",
        "Sign up for our daily politics newsletter",
        "We use cookies to give you the best experience. By continuing to use this site you agree.",
        "Photo: Sergei Ivanov / Example Agency",
        "Leave a comment",
        "Read more: Kremlin confirms summit dates",
        "Advertisement",
        "Jane Doe is a freelance writer based in Lisbon. She has written for several magazines.",
    ],
    ids=["share", "follow", "newsletter", "cookies", "photo-credit", "comment", "read-more", "advert", "bio"],
)
def test_furniture_after_the_article_is_removed(furniture: str) -> None:
    text = f"{BODY}\n\n{furniture}\n"
    assert removed_texts(text) == [furniture.rstrip()]
    assert kept_text(text).strip() == BODY


def test_cue_lines_inside_the_article_are_removed_too() -> None:
    text = BODY.replace("\n\nThe two", "\n\nAdvertisement\n\nThe two", 1)
    assert removed_texts(text) == ["Advertisement"]


def test_related_list_is_removed_with_its_headlines() -> None:
    text = f"{BODY}\n\nRelated articles\n- Putin meets Modi in Delhi\n- Markets fall on rate fears\n"
    headlines = "Related articles\n- Putin meets Modi in Delhi\n- Markets fall on rate fears"
    assert removed_texts(text) == [headlines]


def test_byline_at_the_top_is_removed_but_the_title_stays() -> None:
    text = f"Xi to visit Moscow\nBy Anna Petrova and John Smith\n\n{BODY}"
    assert removed_texts(text) == ["By Anna Petrova and John Smith"]


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, the troops had withdrawn from the town, a local official said.",
        "Follow-up talks are planned for April in Geneva, diplomats said.",
        "Photographers were kept away from the meeting, witnesses said.",
        '"I am a mother of two and I write to the president every week," the activist told reporters.',
        "Read the full statement, the spokesman urged journalists, before drawing conclusions.",
    ],
    ids=["by-monday", "follow-up", "photographers", "first-person-quote", "read-the"],
)
def test_article_sentences_that_start_like_cues_are_kept(sentence: str) -> None:
    text = f"{BODY}\n\n{sentence}\n\nLeave a Reply"
    assert removed_texts(text) == ["Leave a Reply"]


def test_wire_story_ending_in_figures_and_signoff_is_untouched() -> None:
    text = (
        "Shr 27 cts vs 2.06 dlrs\n    Net 613,000 vs 1,942,000\n    Assets 388.4 mln vs 352.9 mln\n"
        "    Note: prior quarter figures not given. Year includes a one-time\n"
        "credit of 95,000 dlrs from a land sale.\n Reuter\n"
    )
    assert find_boilerplate(text) == []


def test_offsets_index_the_unchanged_text_with_crlf() -> None:
    text = BODY.replace("\n", "\r\n") + "\r\n\r\nLeave a Reply\r\n"
    [span] = find_boilerplate(text)
    assert text[span.start:span.end] == "Leave a Reply"


def test_bad_cue_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("# my cues\nstart\tleave a reply\nstart\tfollow (us\n")
    with pytest.raises(DataFileError) as err:
        load_cue_file(path)
    assert str(err.value).startswith(f"{path}:3: bad pattern")


def test_wrapped_wire_paragraph_is_judged_whole() -> None:
    # Its first line alone would look like a byline; wrapped at a fixed width, it is one sentence.
    text = (
        "    By Sunday Prime Minister Li Peng had met the delegation twice\n"
        "and agreed to resume talks on the border dispute in April, the\n"
        "official news agency said.\n"
        "    The talks broke off last year after a clash in the mountains.\n"
    )
    assert find_boilerplate(text) == []


def test_author_name_above_a_closing_bio_goes_with_it() -> None:
    bio = "I write about energy and Central Asia. Views are my own. #energy #geopolitics"
    text = f"{BODY}\n\nMaria Lopez\n\n{bio}\n"
    assert removed_texts(text) == [f"Maria Lopez\n\n{bio}"]
