"""The time lexicon (data/when/lexicon.tsv) loads, and a malformed line names its file and line."""

from __future__ import annotations

import pytest

from newsevents.errors import DataFileError
from newsevents.when.knowledge import knowledge, parse_lexicon


def test_shipped_lexicon_gives_every_holiday_a_day() -> None:
    holidays = knowledge().holidays
    assert holidays["thanksgiving"](2023).isoformat() == "2023-11-23"
    assert holidays["memorial day"](2023).isoformat() == "2023-05-29"
    assert holidays["good friday"](2023).isoformat() == "2023-04-07"
    for name, day_of in holidays.items():
        assert day_of(2024).year == 2024, name


def test_shipped_lexicon_lists_the_words_event_dating_relies_on() -> None:
    k = knowledge()
    assert k.references["recently"] == "PAST_REF"
    assert k.has("support_verb", "hold") and k.has("anchor_noun", "meeting")
    assert not k.has("support_verb", "say")  # reporting verbs must stay a boundary


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("season\tspring\tSP", "unknown kind"),
        ("reference\tnow\tNOW_REF", "reference value"),
        ("holiday\tfools day\t04-31", "holiday value"),
        ("holiday\tfools day\t04/funday/1", "holiday value"),
        ("support_verb\tHold\t", "lower case"),
        ("support_verb\thold\textra", "takes no value"),
        ("anchor_noun", "expected kind"),
    ],
)
def test_malformed_line_raises_naming_file_and_line(line: str, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_lexicon(["# header", line], "lexicon.tsv")
    assert str(caught.value).startswith("lexicon.tsv:2: ")
    assert problem in str(caught.value)
