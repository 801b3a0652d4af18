"""Load and validate the actor dictionaries in newsevents/data/actors/ (once per process).

Five tab-separated files, each with a ``#`` header giving its sources and columns:

- ``countries.tsv``: CAMEO country codes with names, demonyms, capitals and seats of power
- ``people.tsv``: office holders, one row per spell in office, with dates
- ``organisations.tsv``: intergovernmental bodies, news media, armed groups, named institutions
- ``agents.tsv``: generic role nouns ("troops", "foreign ministry") and the CAMEO role they carry
- ``event_nouns.tsv``: nouns ("proposals", "sanctions") whose demonym modifier names a country actor

A malformed line raises :class:`~newsevents.errors.DataFileError` naming the file and line.

>>> lex = load_lexicon()
>>> lex.countries["CHN"].names[0]
'China'
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from newsevents.errors import DataFileError

VERSION = "newsevents.actors.dict.v2"
ROLES = frozenset(
    "GOV MIL COP JUD LEG OPP REB SEP INS SPY UAF PRM PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB MED "
    "REF MOD RAD UNO PKO IGO NGO IMG MNC NGM SET REL UNK".split()
)
ORG_KINDS = frozenset({"igo", "media", "group", "institution", "ngo"})
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM"})
_CODE = re.compile(r"^[A-Z]{3}$")
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Date:
    """A YYYY-MM-DD check that also refuses impossible days ("2020-13-01")."""

    @staticmethod
    def match(text: str) -> bool:
        if not _DATE_SHAPE.match(text):
            return False
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
        return True


_DATE = _Date()  # shared with userdict.py


@dataclass(frozen=True)
class Country:
    """A CAMEO country (or region) with the words that name it, its people, capitals and seats."""

    code: str
    iso3: str | None
    label: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    executive: str | None = None  # the entity of the seat of power ("Russian presidency (Kremlin)")

    @property
    def name(self) -> str:
        """The common name (GDELT labels are kept verbatim and may be odd: "Columbia")."""
        return self.names[0] if self.names else self.label


@dataclass(frozen=True)
class Spell:
    """One period in one office: the country and role it confers, the titles it answers to."""

    country: str
    role: str
    offices: frozenset[str]
    start: str
    end: str | None

    def covers(self, day: str) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Person:
    """An office holder: full name, other names, and spells in office in date order."""

    name: str
    aliases: list[str] = field(default_factory=list)
    spells: list[Spell] = field(default_factory=list)


@dataclass(frozen=True)
class Organisation:
    """A named organisation and the actor code it carries."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str | None
    kind: str


@dataclass(frozen=True)
class Agent:
    """A generic noun for a kind of actor and its role; ``office`` links titles to office holders."""

    forms: tuple[str, ...]
    role: str
    office: str | None
    institution: str | None = None  # the state body the noun names or belongs to ("police", "government")


@dataclass
class Lexicon:
    """Every actor dictionary, loaded and cross-checked."""

    countries: dict[str, Country]
    people: dict[str, Person]
    organisations: list[Organisation]
    agents: list[Agent]
    event_nouns: frozenset[str]
    agent_roles: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.agent_roles = {f.lower(): a.role for a in self.agents for f in a.forms if " " not in f}

    def agent_role(self, word: str) -> str | None:
        """Return the role of a one-word agent noun given its lower-case lemma or form."""
        return self.agent_roles.get(word.lower())


def _rows(folder: Traversable, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) for the data rows of one file, checking the column header."""
    path = str(folder.joinpath(name))
    try:
        text = folder.joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, None, f"cannot read ({exc})") from None
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise DataFileError(path, lineno, f"expected header {' '.join(columns)!r}, got {cells!r}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            problem = f"expected {len(columns)} tab-separated cells, got {len(cells)}"
            raise DataFileError(path, lineno, problem)
        yield lineno, [c.strip() for c in cells]
    if not header_seen:
        raise DataFileError(path, None, "no header line")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _overlap(start_a: str, end_a: str | None, start_b: str, end_b: str | None) -> bool:
    """Say whether two date ranges (end exclusive, None = open) share a day."""
    return (end_b is None or start_a < end_b) and (end_a is None or start_b < end_a)


def _check(ok: bool, path: str, lineno: int, problem: str) -> None:
    if not ok:
        raise DataFileError(path, lineno, problem)


def _load_countries(folder: Traversable) -> dict[str, Country]:
    name = str(folder.joinpath("countries.tsv"))
    out: dict[str, Country] = {}
    owner: dict[str, str] = {}
    columns = ("code", "iso3", "label", "names", "demonyms", "capitals", "seats", "executive")
    for lineno, (code, iso3, label, names, demonyms, capitals, seats, executive) in _rows(
        folder, "countries.tsv", columns
    ):
        _check(bool(_CODE.match(code)), name, lineno, f"bad country code {code!r}")
        _check(code not in out, name, lineno, f"duplicate country code {code}")
        _check(not iso3 or bool(_CODE.match(iso3)), name, lineno, f"bad iso3 {iso3!r}")
        country = Country(
            code,
            iso3 or None,
            label,
            _split(names),
            _split(demonyms),
            _split(capitals),
            _split(seats),
            executive or None,
        )
        # A form naming two countries would be coded arbitrarily: refuse it here instead.
        for form in {*country.names, *country.demonyms, *country.capitals, *country.seats}:
            key = form.lower()
            _check(owner.get(key, code) == code, name, lineno, f"{form!r} also names {owner.get(key)}")
            owner[key] = code
        out[code] = country
    return out


def _load_people(folder: Traversable, countries: dict[str, Country]) -> dict[str, Person]:
    name = str(folder.joinpath("people.tsv"))
    people: dict[str, Person] = {}
    for lineno, (full, aliases, country, role, offices, start, end) in _rows(
        folder, "people.tsv", ("name", "aliases", "country", "role", "offices", "start", "end")
    ):
        _check(bool(full), name, lineno, "empty name")
        _check(country in countries or country in NON_STATE, name, lineno, f"unknown country {country!r}")
        _check(role in ROLES, name, lineno, f"unknown role {role!r}")
        _check(bool(_DATE.match(start)), name, lineno, f"start {start!r} is not YYYY-MM-DD")
        _check(not end or bool(_DATE.match(end)), name, lineno, f"end {end!r} is not YYYY-MM-DD")
        _check(not end or start < end, name, lineno, f"spell ends ({end}) before it starts ({start})")
        person = people.setdefault(full, Person(full))
        clash = next((s for s in person.spells if _overlap(s.start, s.end, start, end or None)), None)
        if clash is not None and clash.country == country and clash.role == role:
            # Two rows for the same person in the same role at once: a duplicate, or a typo in a date.
            problem = f"duplicate: {full} is already {country}{role} from {clash.start} (overlapping spells)"
            raise DataFileError(name, lineno, problem)
        for alias in _split(aliases):
            if alias not in person.aliases:
                person.aliases.append(alias)
        spell = Spell(country, role, frozenset(o.lower() for o in _split(offices)), start, end or None)
        person.spells.append(spell)
        person.spells.sort(key=lambda s: s.start)
    return people


def _load_organisations(folder: Traversable, countries: dict[str, Country]) -> list[Organisation]:
    name = str(folder.joinpath("organisations.tsv"))
    out = []
    seen: dict[str, int] = {}
    for lineno, (full, aliases, country, role, kind) in _rows(
        folder, "organisations.tsv", ("name", "aliases", "country", "role", "kind")
    ):
        known = not country or country in countries or country in NON_STATE
        _check(known, name, lineno, f"bad country {country!r}")
        _check(not role or role in ROLES, name, lineno, f"unknown role {role!r}")
        _check(kind in ORG_KINDS, name, lineno, f"unknown kind {kind!r}")
        for form in (full, *_split(aliases)):
            # Case matters for abbreviations ("IS" the group, "Is" no name), so keys keep their case.
            first = seen.setdefault(form, lineno)
            _check(first == lineno, name, lineno, f"duplicate: {form!r} is already on line {first}")
        out.append(Organisation(full, _split(aliases), country or None, role or None, kind))
    return out


def _load_agents(folder: Traversable) -> list[Agent]:
    name = str(folder.joinpath("agents.tsv"))
    out = []
    seen: set[str] = set()
    columns = ("forms", "role", "office", "institution")
    for lineno, (forms, role, office, institution) in _rows(folder, "agents.tsv", columns):
        _check(role in ROLES, name, lineno, f"unknown role {role!r}")
        _check(bool(_split(forms)), name, lineno, "no forms")
        for form in _split(forms):
            _check(form.lower() not in seen, name, lineno, f"duplicate: {form!r} is listed twice")
            seen.add(form.lower())
        out.append(Agent(_split(forms), role, office.lower() or None, institution or None))
    return out


def _load_event_nouns(folder: Traversable) -> frozenset[str]:
    rows = _rows(folder, "event_nouns.tsv", ("forms",))
    return frozenset(f.lower() for _, (forms,) in rows for f in _split(forms))


def read_lexicon(folder: Traversable | Path) -> Lexicon:
    """Read and validate the five dictionary files in ``folder``."""
    countries = _load_countries(folder)
    return Lexicon(
        countries=countries,
        people=_load_people(folder, countries),
        organisations=_load_organisations(folder, countries),
        agents=_load_agents(folder),
        event_nouns=_load_event_nouns(folder),
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the shipped actor dictionaries once per process."""
    return read_lexicon(resources.files("newsevents").joinpath("data", "actors"))
