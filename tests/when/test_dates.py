"""Publication dates as users type them and pages print them; wire datelines."""

from __future__ import annotations

import pytest

from newsevents.errors import DateError
from newsevents.when.dates import parse_dateline, parse_published


@pytest.mark.parametrize(
    "value",
    [
        "2023-03-17",
        "2023-03-17T10:00:00Z",
        "2023-03-17 10:00:00.123456-05",
        "17 March 2023",
        "March 17, 2023",
        "Fri, 17 Mar 2023 10:00:00 GMT",
        "9:55 AM ET, Fri March 17, 2023",
        "MAR. 17, 2023",
        "2023/03/17",
        "17.03.2023",
        "03/17/2023",
        "March 17th 2023",
        "Fri Mar 17, 2023 | 4:58pm EST",
        "20230317",
    ],
)
def test_published_date_formats_read_as_iso_day(value: str) -> None:
    assert parse_published(value, source="published") == "2023-03-17"


def test_clock_time_digits_are_not_taken_for_the_day() -> None:
    assert parse_published("9:55 AM ET, Sun January 4, 2015", source="x") == "2015-01-04"


def test_european_dotted_date_is_day_first() -> None:
    assert parse_published("04.05.2023", source="x") == "2023-05-04"


@pytest.mark.parametrize("value", ["xyz", "March 2023", "2023-02-30", ""])
def test_bad_published_date_error_names_input(value: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_published(value, source="--published")
    message = str(caught.value)
    assert message.startswith("--published: cannot read date")
    assert repr(value) in message
    assert "expected e.g. 2023-03-17" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RECIFE, Feb 19 - Rains returned", (2, 19)),
        ("TRENTON, N.J., MARCH 8 - The firm said", (3, 8)),
        ("WASHINGTON, March 3 (Reuters) - Officials", (3, 3)),
        ("Rains returned to the coast on Monday", None),
    ],
)
def test_dateline_gives_month_and_day(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_dateline(text) == expected
