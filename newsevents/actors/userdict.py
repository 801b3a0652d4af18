"""Load a user's own actor dictionary: phrases with the code they must get, optionally for a date range.

A user dictionary is one tab-separated file named in the configuration::

    [extra]
    actors_user_dictionary = "my_actors.tsv"

with a header line and one row per phrase (``#`` lines are comments)::

    forms	code	entity	start	end
    Acme Corporation|Acme	USABUS	Acme Corporation
    Jane Doe|Doe	GBRGOV	Jane Doe	2024-07-05	2025-09-01

``forms`` are matched case-insensitively except all-capital abbreviations; ``code`` is a CAMEO country
(or IGO, NGO, ...) followed by an optional role, or a role alone; ``entity`` defaults to the first form;
``start``/``end`` (ISO dates, end exclusive, both optional) limit the row to articles published in that
range. A user phrase wins over every built-in one it overlaps. A bad line raises DataFileError naming
the file and line: a duplicate form with overlapping dates, a malformed date or range, an unknown code.

>>> rows = parse_user_dictionary("forms\\tcode\\tentity\\tstart\\tend\\nAcme\\tUSABUS\\t\\t\\t\\n", "x.tsv")
>>> rows[0].country, rows[0].role, rows[0].entity
('USA', 'BUS', 'Acme')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from newsevents.actors.lexicon import _DATE, NON_STATE, ROLES, load_lexicon
from newsevents.errors import DataFileError

COLUMNS = ("forms", "code", "entity", "start", "end")


@dataclass(frozen=True)
class UserEntry:
    """One row of a user dictionary: its forms, the code they get, and when."""

    forms: tuple[str, ...]
    country: str | None
    role: str | None
    entity: str
    start: str | None
    end: str | None
    line: int

    def covers(self, day: str | None) -> bool:
        """Say whether the row applies to an article published on ``day`` (undated: every row does)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def split_code(code: str) -> tuple[str | None, str | None] | None:
    """Split a code into (country, role), or return None when it is not a known code."""
    countries = load_lexicon().countries
    if len(code) == 3 and code in ROLES:
        return None, code
    if len(code) in (3, 6) and (code[:3] in countries or code[:3] in NON_STATE):
        role = code[3:] or None
        if role is None or role in ROLES:
            return code[:3], role
    return None


def parse_user_dictionary(text: str, path: str) -> list[UserEntry]:
    """Parse and validate the text of a user dictionary; ``path`` names it in errors."""
    out: list[UserEntry] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise DataFileError(path, lineno, f"expected header {' '.join(COLUMNS)!r}, got {cells!r}")
            header_seen = True
            continue
        cells += [""] * (len(COLUMNS) - len(cells))  # trailing empty cells may be left out
        if len(cells) != len(COLUMNS):
            raise DataFileError(path, lineno, f"expected at most {len(COLUMNS)} tab-separated cells")
        out.append(_entry(cells, path, lineno))
    if not header_seen:
        raise DataFileError(path, None, "no header line (forms, code, entity, start, end)")
    _check_duplicates(out, path)
    return out


def _entry(cells: list[str], path: str, lineno: int) -> UserEntry:
    forms_cell, code, entity, start, end = cells
    forms = tuple(f.strip() for f in forms_cell.split("|") if f.strip())
    if not forms:
        raise DataFileError(path, lineno, "no forms")
    parts = split_code(code)
    if parts is None:
        raise DataFileError(path, lineno, f"unknown code {code!r} (want COUNTRY, COUNTRY+ROLE or ROLE)")
    for label, day in (("start", start), ("end", end)):
        if day and not _DATE.match(day):
            raise DataFileError(path, lineno, f"{label} {day!r} is not YYYY-MM-DD")
    if start and end and end <= start:
        raise DataFileError(path, lineno, f"date range ends ({end}) before it starts ({start})")
    return UserEntry(forms, parts[0], parts[1], entity or forms[0], start or None, end or None, lineno)


def _check_duplicates(entries: list[UserEntry], path: str) -> None:
    """Refuse a form listed twice for overlapping dates: which row should win would be arbitrary."""
    by_form: dict[str, list[UserEntry]] = {}
    for entry in entries:
        for form in entry.forms:
            for other in by_form.get(form.lower(), []):
                if _overlap(other, entry):
                    problem = f"duplicate: {form!r} is already on line {other.line} for overlapping dates"
                    raise DataFileError(path, entry.line, problem)
            by_form.setdefault(form.lower(), []).append(entry)


def _overlap(a: UserEntry, b: UserEntry) -> bool:
    return (b.end is None or a.start is None or a.start < b.end) and (
        a.end is None or b.start is None or b.start < a.end
    )


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[UserEntry, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, None, f"cannot read the user dictionary ({exc})") from None
    return tuple(parse_user_dictionary(text, path))


def load_user_dictionary(path: str | Path) -> tuple[UserEntry, ...]:
    """Load a user dictionary once per process (again when the file changes)."""
    p = Path(path).expanduser()
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise DataFileError(str(p), None, f"cannot read the user dictionary ({exc.strerror})") from None
    return _load(str(p), mtime)
