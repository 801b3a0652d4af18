"""The trigger lexicon: verb and noun patterns, embedding frames and reporting cues, loaded from data files.

>>> lex = lexicon()
>>> [p.code for p in lex.patterns("verb", "visit")]
['042']
>>> lex.compose("intent", "045")
'039'
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsevents.coding.codebook import Codebook, codebook, data_path
from newsevents.errors import DataFileError

FLAGS = frozenset({"strong", "sym", "rev", "noact", "inner", "intrans"})
FRAME_CLASSES = frozenset(
    {"intent", "appeal", "demand", "refuse", "threat", "consider", "invite", "attempt", "allow"}
)
# Frame classes that keep the embedded code (bar a few exceptions in triggers.py) and need no default row.
PASS_THROUGH = frozenset({"attempt"})
REPORT_KINDS = frozenset({"verb", "relay", "prep"})


@dataclass(frozen=True)
class Pattern:
    """One trigger pattern: a verb or noun lemma, optional preposition and object lemmas, a CAMEO code."""

    kind: str  # verb | noun
    lemma: str
    prep: frozenset[str]
    objects: frozenset[str]
    code: str  # "" for a row that says the word is no event
    flags: frozenset[str]
    line: int

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.prep)


@dataclass(frozen=True)
class Frame:
    """An embedding frame: ``lemma`` takes an event ``via`` xcomp, dobj or a preposition."""

    lemma: str
    via: str
    cls: str


class Lexicon:
    """All coding knowledge the event coder reads, indexed for lookup by lemma."""

    def __init__(
        self,
        patterns: list[Pattern],
        frames: list[Frame],
        compose: dict[tuple[str, str], str],
        reporting: dict[tuple[str, str], str | None],
    ) -> None:
        self._patterns: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for p in patterns:
            self._patterns[(p.kind, p.lemma)].append(p)
        self._frames: dict[str, list[Frame]] = defaultdict(list)
        for f in frames:
            self._frames[f.lemma].append(f)
        self._compose = compose
        self._reporting = reporting
        self.size = len(patterns)

    def patterns(self, kind: str, lemma: str) -> list[Pattern]:
        """Return the patterns for a verb or noun lemma, most specific first."""
        found = self._patterns.get((kind, lemma), [])
        return sorted(found, key=lambda p: -p.specificity)

    def frames(self, lemma: str) -> list[Frame]:
        return self._frames.get(lemma, [])

    def compose(self, cls: str, embedded: str | None) -> str:
        """Return the code of frame class ``cls`` around an embedded code (longest prefix wins)."""
        return (self.composed(cls, embedded) if embedded else None) or self._compose[(cls, "*")]

    def composed(self, cls: str, embedded: str) -> str | None:
        """Return the code a row of frame class ``cls`` gives an embedded code, None if no row names it."""
        for n in range(len(embedded), 1, -1):
            code = self._compose.get((cls, embedded[:n]))
            if code:
                return code
        return None

    def reporting(self, kind: str, lemma: str) -> str | bool | None:
        """Return the statement code of a reporting cue (None when it makes no statement), False if no cue."""
        if (kind, lemma) not in self._reporting:
            return False
        return self._reporting[(kind, lemma)]

    def codes(self) -> set[str]:
        """Return every CAMEO code the lexicon can produce."""
        out = {p.code for ps in self._patterns.values() for p in ps if p.code}
        out.update(self._compose.values())
        out.update(c for c in self._reporting.values() if c)
        return out


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line_no, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) != width:
                raise DataFileError(
                    str(path), line_no, f"expected {width} tab-separated fields, got {len(fields)}"
                )
            rows.append((line_no, fields))
    return rows


def _check_code(code: str, book: Codebook, path: Path, line: int) -> str:
    if code not in book:
        raise DataFileError(str(path), line, f"unknown CAMEO code {code!r}")
    return code


def _set(field: str) -> frozenset[str]:
    return frozenset() if field == "-" else frozenset(field.split("|"))


def read_patterns(path: Path, book: Codebook) -> list[Pattern]:
    """Read and validate triggers.tsv."""
    out = []
    for line, (kind, lemma, prep, objects, code, flags) in _rows(path, 6):
        if kind not in ("verb", "noun") or not lemma or lemma != lemma.lower():
            raise DataFileError(str(path), line, f"bad kind/lemma {kind!r} {lemma!r}")
        flag_set = frozenset() if flags == "-" else frozenset(flags.split(","))
        if flag_set - FLAGS:
            raise DataFileError(str(path), line, f"unknown flags {sorted(flag_set - FLAGS)}")
        # "-" as code: the word with these objects is no event ("released a report", not a prisoner).
        checked = "" if code == "-" else _check_code(code, book, path, line)
        out.append(Pattern(kind, lemma, _set(prep), _set(objects), checked, flag_set, line))
    return out


def read_frames(path: Path) -> list[Frame]:
    """Read and validate frames.tsv."""
    out = []
    for line, (lemma, via, cls) in _rows(path, 3):
        if cls not in FRAME_CLASSES:
            raise DataFileError(str(path), line, f"unknown frame class {cls!r}")
        out.append(Frame(lemma, via, cls))
    return out


def read_compose(path: Path, book: Codebook) -> dict[tuple[str, str], str]:
    """Read and validate compose.tsv; every frame class needs a "*" default."""
    out: dict[tuple[str, str], str] = {}
    for line, (cls, embedded, code) in _rows(path, 3):
        if cls not in FRAME_CLASSES:
            raise DataFileError(str(path), line, f"unknown frame class {cls!r}")
        if embedded != "*" and (not embedded.isdigit() or len(embedded) < 2):
            raise DataFileError(str(path), line, f"bad embedded code prefix {embedded!r}")
        out[(cls, embedded)] = _check_code(code, book, path, line)
    missing = sorted(c for c in FRAME_CLASSES - PASS_THROUGH if (c, "*") not in out)
    if missing:
        raise DataFileError(str(path), None, f"no default (*) row for frame classes {missing}")
    return out


def read_reporting(path: Path, book: Codebook) -> dict[tuple[str, str], str | None]:
    """Read and validate reporting.tsv."""
    out: dict[tuple[str, str], str | None] = {}
    for line, (kind, lemma, code) in _rows(path, 3):
        if kind not in REPORT_KINDS:
            raise DataFileError(str(path), line, f"unknown reporting kind {kind!r}")
        if code != "-":
            _check_code(code, book, path, line)
        out[(kind, lemma)] = None if code == "-" else code
    return out


DATA_FILES = ("cameo.tsv", "triggers.tsv", "frames.tsv", "compose.tsv", "reporting.tsv")


@functools.lru_cache(maxsize=1)
def data_version() -> str:
    """Return a short content hash of the coding data files, recorded with every coded document."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(data_path(name).read_bytes())
    return "newsevents.coding.data." + digest.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the shipped lexicon (loaded and validated once per process)."""
    book = codebook()
    return Lexicon(
        read_patterns(data_path("triggers.tsv"), book),
        read_frames(data_path("frames.tsv")),
        read_compose(data_path("compose.tsv"), book),
        read_reporting(data_path("reporting.tsv"), book),
    )
