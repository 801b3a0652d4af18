"""Find page furniture in plain article text (disclaimers, bios, share lines) without touching the text.

Each line or paragraph is judged on its own features: cue phrases from the data file, first-person
bio language, hashtags, whether it reads as a sentence, and whether it stands after the article body.

>>> text = "Xi will visit Moscow next week, the Kremlin said on Friday.\\n\\nLeave a Reply"
>>> [(r.start, r.end, text[r.start:r.end]) for r in find_boilerplate(text)]
[(61, 74, 'Leave a Reply')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.clean.cues import Cues, shipped_cues
from newsevents.model import Removed

REASON = "boilerplate"

# A cue line longer than this is an article sentence that happens to start like one.
MAX_CUE_WORDS = 80
# Headlines under a "Related articles" heading, and fragments at the end, are at most this long.
MAX_FRAGMENT_WORDS = 20
MAX_HEADING_WORDS = 8
MAX_BYLINE_WORDS = 12
# Bio language: this many signs (distinct cues, hashtags, a first-person start) make a bio.
BIO_THRESHOLD = 2
# Bios are short; a long paragraph with a couple of bio-like phrases is reporting.
MAX_BIO_WORDS = 80
# Text whose lines are mostly at most this long was wrapped at a fixed width by its sender (wire copy);
# only then are lines that do not end a sentence joined to the next.
MAX_WRAP_WIDTH = 100

_LEAD = re.compile(r"[\s\-–—*•·»›>|~_=]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_CLOSED = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WORD = re.compile(r"\S+")
_HASHTAG = re.compile(r"(?<![\w&])#[A-Za-z_]\w*")
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
_FIRST_PERSON_START = re.compile(r"(?:^|[.!?;]\s+)I(?:'m| am| have| write| was|’m)\b")
# An author name alone on a line: two to four capitalised words, initials and particles allowed.
_NAME = re.compile(
    r"(?:[A-Z][a-zA-Z'’-]+|[A-Z]\.)"
    r"(?:\s+(?:[A-Z][a-zA-Z'’-]+|[A-Z]\.|de|da|di|del|van|von|der|la|le|bin|al-?\w*)){1,3}"
)


@dataclass
class Unit:
    """A line, or a paragraph wrapped over several lines, with its offsets in the text."""

    start: int
    end: int
    text: str  # with leading bullets and arrows stripped

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def wrap_width(lines: list[str]) -> int | None:
    """Return the width ``lines`` were wrapped at, or None when lines are whole paragraphs."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 3:
        return None
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    return p90 if p90 <= MAX_WRAP_WIDTH else None


def split_units(text: str) -> list[Unit]:
    """Return the lines of ``text``, joining the lines of a paragraph wrapped at a fixed width."""
    lines = text.splitlines(keepends=True)
    width = wrap_width(lines)
    # A line that stops well short of the wrap width ended there on purpose.
    join_from = int(0.6 * width) if width else None
    units: list[Unit] = []
    pos = 0
    previous: str | None = None  # the last line of the current unit; None after a blank line
    for raw in lines:
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if not line.strip():
            previous = None
            continue
        wrapped = (
            previous is not None
            and join_from is not None
            and len(previous.rstrip()) >= join_from
            and not _CLOSED.search(previous.rstrip())
            and not line[:1].isspace()  # an indented line starts a paragraph (wire copy)
            and not _LEAD.match(line[:1] or " ")
        )
        if wrapped and units:
            last = units[-1]
            units[-1] = Unit(last.start, end, f"{last.text} {line.strip()}")
        else:
            lead = _LEAD.match(line)
            units.append(Unit(start, end, line[lead.end():] if lead else line))
        previous = line
    for unit in units:  # trim trailing spaces so a removed span ends on the last visible character
        unit.end = unit.start + len(text[unit.start:unit.end].rstrip())
    return units


def is_sentence(unit: Unit) -> bool:
    """Say whether a unit reads as article prose: several words ending in sentence punctuation."""
    return unit.words >= 6 and bool(_SENTENCE_END.search(unit.text.rstrip()))


def is_fragment(unit: Unit) -> bool:
    """Say whether a unit is a short line that is not a sentence (a heading, a label, a name)."""
    return unit.words <= MAX_FRAGMENT_WORDS and not _SENTENCE_END.search(unit.text.rstrip())


def is_name_line(unit: Unit) -> bool:
    """Say whether a unit is a person's name alone on a line."""
    return len(unit.text) <= 40 and _NAME.fullmatch(unit.text.strip()) is not None


def bio_score(unit: Unit, cues: Cues) -> int:
    """Count the signs of an author bio or social profile in a unit (0 for reported speech)."""
    if unit.words > MAX_BIO_WORDS or _REPORTED.search(unit.text):
        return 0
    score = sum(1 for pattern in cues.bio if pattern.search(unit.text))
    score += min(len(_HASHTAG.findall(unit.text)), 2)
    if _FIRST_PERSON_START.search(unit.text):
        score += 1
    return score


def is_cue_line(unit: Unit, cues: Cues) -> bool:
    """Say whether a unit is boilerplate by its cue phrase alone, wherever it stands."""
    text = unit.text.strip()
    if cues.whole.fullmatch(text):
        return True
    if unit.words <= MAX_CUE_WORDS and cues.start.match(text):
        return True
    if unit.words <= MAX_BYLINE_WORDS and not _SENTENCE_END.search(text):
        m = cues.byline.match(text)
        if m and _NAME.match(text, m.end()):
            return True
    return False


def is_list_head(unit: Unit, cues: Cues) -> bool:
    """Say whether a unit is a heading over a list of links ("Related articles")."""
    text = unit.text.strip()
    return unit.words <= MAX_HEADING_WORDS and not _SENTENCE_END.search(text) and bool(
        cues.list_head.fullmatch(text)
    )


def _mark_lists(units: list[Unit], marked: list[bool], cues: Cues) -> None:
    # The links under a "Related articles" heading are headlines: short, with no full stop.
    i = 0
    while i < len(units):
        if is_list_head(units[i], cues):
            marked[i] = True
            j = i + 1
            while j < len(units) and is_fragment(units[j]) and not is_sentence(units[j]):
                marked[j] = True
                j += 1
            i = j
        else:
            i += 1


def _mark_tail(units: list[Unit], marked: list[bool], cues: Cues) -> None:
    """Mark the furniture after the article body: the run of non-article units that ends the text.

    The run counts only from its first cued unit on, so that a bare list of figures or a wire
    sign-off ending a real story is kept; name lines and fragments between cued blocks go with them.
    """
    cued = [marked[i] or bio_score(u, cues) >= BIO_THRESHOLD for i, u in enumerate(units)]
    k = len(units)
    while k > 0:
        u = units[k - 1]
        if not (cued[k - 1] or is_fragment(u) or is_name_line(u)):
            break
        k -= 1
    first = next((i for i in range(k, len(units)) if cued[i]), None)
    if first is None:
        return
    # An author's name just above the bio or disclaimer that opens the run belongs to it.
    if first > 0 and first - 1 >= k and is_name_line(units[first - 1]):
        first -= 1
    for i in range(first, len(units)):
        marked[i] = True


def find_boilerplate(text: str, cues: Cues | None = None) -> list[Removed]:
    """Return the boilerplate stretches of ``text`` as Removed spans (merged, in order)."""
    cues = cues or shipped_cues()
    units = split_units(text)
    marked = [is_cue_line(u, cues) for u in units]
    _mark_lists(units, marked, cues)
    _mark_tail(units, marked, cues)
    spans: list[Removed] = []
    for unit, is_marked in zip(units, marked, strict=True):
        if not is_marked:
            continue
        if spans and not text[spans[-1].end:unit.start].strip():
            spans[-1].end = unit.end  # neighbours separated only by blank lines make one span
        else:
            spans.append(Removed(unit.start, unit.end, REASON))
    return spans
