"""The actor dictionaries load, cover the CAMEO country list, and reject a malformed line by file and line."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from newsevents.actors.lexicon import ROLES, load_lexicon, read_lexicon
from newsevents.actors.people import PeopleIndex
from newsevents.errors import DataFileError

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "cameo" / "gdelt_CAMEO.country.txt"
SHIPPED = resources.files("newsevents").joinpath("data", "actors")


def test_data_files_validate() -> None:
    lex = load_lexicon()
    assert len(lex.countries) >= 250
    assert sum(len(p.spells) for p in lex.people.values()) >= 150
    assert all(a.role in ROLES for a in lex.agents)
    for name, person in lex.people.items():
        assert person.spells == sorted(person.spells, key=lambda s: s.start), name


def test_every_cameo_country_code_has_a_row() -> None:
    if not REFERENCE.exists():
        pytest.skip("no ../shared/reference")
    codes = {line.split("\t")[0] for line in REFERENCE.read_text(encoding="utf-8").splitlines()[1:] if line}
    assert codes <= set(load_lexicon().countries)


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("CHN", ["China", "Chinese", "Beijing", "Zhongnanhai"]),
        ("MMR", ["Burma", "Burmese"]),
        ("UKR", ["Kiev", "Kyiv", "Ukrainian"]),
        ("ARE", ["Emirati"]),
        ("SWZ", ["Swaziland", "Eswatini"]),
        ("RUS", ["Kremlin"]),
        ("USA", ["White House"]),
        ("GBR", ["Downing Street"]),
        ("FRA", ["Elysee"]),
    ],
)
def test_country_forms(code: str, forms: list[str]) -> None:
    c = load_lexicon().countries[code]
    assert set(forms) <= {*c.names, *c.demonyms, *c.capitals, *c.seats}


def test_people_in_office_on_a_date() -> None:
    people = PeopleIndex(load_lexicon())
    assert people.code("Joe Biden", "2024-01-01") == ("USA", "GOV")
    assert people.code("Joe Biden", "2025-06-01") == ("USA", "ELI")
    assert people.code("Donald Trump", "2025-06-01") == ("USA", "GOV")
    assert people.code("Wang Wenbin", "2023-03-17") == ("CHN", "GOV")
    assert people.holders("RUS", "foreign minister", "GOV", "2023-03-17", set()) == ["Sergei Lavrov"]
    assert people.holders("CHN", "foreign minister", "GOV", "2023-03-17", set()) == ["Qin Gang"]


@pytest.mark.parametrize(
    ("name", "line", "problem"),
    [
        ("people.tsv", "Nobody\t\tXXQ\tGOV\tpresident\t2020-01-01\t", "unknown country 'XXQ'"),
        ("people.tsv", "Nobody\t\tFRA\tBOSS\tpresident\t2020-01-01\t", "unknown role 'BOSS'"),
        ("people.tsv", "Nobody\t\tFRA\tGOV\tpresident\t2020-01-01\t2019-01-01", "ends (2019-01-01) before"),
        ("people.tsv", "Nobody\t\tFRA\tGOV\tpresident\t2020-13-01\t", "is not YYYY-MM-DD"),
        ("people.tsv", "Xi Jinping\t\tCHN\tGOV\tpresident\t2020-01-01\t", "duplicate"),
        ("organisations.tsv", "Reuters\t\tGBR\tMED\tmedia", "duplicate: 'Reuters'"),
        ("organisations.tsv", "Nobody Inc\t\tGBR\tXYZ\tmedia", "unknown role 'XYZ'"),
        ("agents.tsv", "troops\tMIL\t\t", "duplicate: 'troops'"),
        ("agents.tsv", "wizards\tMAG\t\t", "unknown role 'MAG'"),
        ("countries.tsv", "FRA\tFRA\tFrance again\t\t\t\t\t", "duplicate country code FRA"),
        ("countries.tsv", "Fr1\t\tNowhere\t\t\t\t\t", "bad country code"),
    ],
    ids=[
        "unknown-country",
        "unknown-role",
        "range-backwards",
        "malformed-date",
        "duplicate-spell",
        "duplicate-organisation",
        "organisation-unknown-role",
        "duplicate-agent",
        "agent-unknown-role",
        "duplicate-country",
        "malformed-country-code",
    ],
)
def test_bad_line_raises_data_file_error_naming_file_and_line(
    tmp_path: Path, name: str, line: str, problem: str
) -> None:
    for file in ("countries.tsv", "people.tsv", "organisations.tsv", "agents.tsv", "event_nouns.tsv"):
        shutil.copy(str(SHIPPED.joinpath(file)), tmp_path / file)
    target = tmp_path / name
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_lexicon(tmp_path)
    assert (err.value.line, Path(err.value.path).name) == (len(lines), name)
    assert str(err.value).startswith(f"{target}:{len(lines)}: ") and problem in str(err.value)


def test_org_tags_of_office_holders_name_known_organisations() -> None:
    lex = load_lexicon()
    names = {o.name.lower() for o in lex.organisations}
    tags = {o[4:] for p in lex.people.values() for s in p.spells for o in s.offices if o.startswith("org:")}
    assert tags and tags <= names
