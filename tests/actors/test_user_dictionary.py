"""A user's own dictionary, named in the configuration, adds phrases and wins over the built-in ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_runner import coded, make_runner

from newsevents.actors import explain
from newsevents.actors.userdict import load_user_dictionary, parse_user_dictionary
from newsevents.config import load_options
from newsevents.errors import DataFileError, DateError

HEADER = "forms\tcode\tentity\tstart\tend\n"
MINE = (
    HEADER
    + "Acme Corporation|Acme\tUSABUS\t\t\t\n"
    + "Reuters\tUSAMED\tReuters (my coding)\t\t\n"
    + "Jane Doe|Doe\tGBRGOV\tJane Doe\t2024-07-05\t2025-09-01\n"
    + "Jane Doe|Doe\tGBRELI\tJane Doe\t2025-09-01\t\n"
)


@pytest.fixture(scope="module")
def mine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("user") / "my_actors.tsv"
    path.write_text(MINE, encoding="utf-8")
    return path


def test_configuration_names_the_user_dictionary(mine: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[extra]\nactors_user_dictionary = "{mine}"\n', encoding="utf-8")
    run = make_runner(load_options(config_file=config))
    doc = run("Acme said it would build a plant, Reuters reported.", "2023-03-17")
    assert coded(doc) == [
        ("Acme", "USABUS", "Acme Corporation"),
        ("Reuters", "USAMED", "Reuters (my coding)"),
    ]


def test_without_it_the_built_in_dictionary_codes(tmp_path: Path) -> None:
    run = make_runner(load_options(config_file=None))
    doc = run("Acme said it would build a plant, Reuters reported.", "2023-03-17")
    assert coded(doc) == [("Reuters", "GBRMED", "Reuters")]


@pytest.mark.parametrize(("published", "code"), [("2024-08-01", "GBRGOV"), ("2026-01-01", "GBRELI")])
def test_user_rows_apply_in_their_date_range(mine: Path, published: str, code: str) -> None:
    options = load_options(config_file=None).replace(extra={"actors_user_dictionary": str(mine)})
    rows = explain("Jane Doe spoke.", published, options)
    assert [(r["code"], r["entity"]) for r in rows] == [(code, "Jane Doe")]
    assert "line" in rows[0]["reason"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Acme\tUSABUS\t\t\t\nacme\tGBRBUS\t\t\t\n", "duplicate"),
        ("Doe\tGBRGOV\t\t2024-07-05\t2024-01-01\n", "before it starts"),
        ("Doe\tGBRGOV\t\t5 July 2024\t\n", "not YYYY-MM-DD"),
        ("Acme\tXXQBUS\t\t\t\n", "unknown code"),
        ("Acme\tUSAXYZ\t\t\t\n", "unknown code"),
    ],
    ids=["duplicate-form", "range-backwards", "malformed-date", "unknown-country", "unknown-role"],
)
def test_bad_user_row_fails_with_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# my actors\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_user_dictionary(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{2 + row.count(chr(10))}: ") and problem in message
    assert "\n" not in message


def test_same_form_in_separate_date_ranges_is_no_duplicate() -> None:
    rows = parse_user_dictionary(MINE, "mine.tsv")
    assert [r.role for r in rows if "Doe" in r.forms] == ["GOV", "ELI"]


def test_missing_user_dictionary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_user_dictionary(tmp_path / "nowhere.tsv")


def test_explain_gives_code_entity_and_reason() -> None:
    rows = explain("Chinese foreign ministry", "2023-03-17")
    assert [(r["text"], r["code"], r["entity"]) for r in rows] == [
        ("Chinese foreign ministry", "CHNGOV", "Foreign ministry of China")
    ]
    assert "foreign ministry" in rows[0]["reason"] and "Chinese" in rows[0]["reason"]


def test_explain_refuses_a_bad_date() -> None:
    with pytest.raises(DateError):
        explain("the Kremlin", "17 March 2023")
