"""Split a stretch of text into marked segments (trigger, actor, time, place) for safe HTML rendering.

Segments are plain strings with a set of kinds; the templates escape every segment, so article text can
never become markup, whatever it contains.

>>> [(s.text, s.kinds) for s in segments("Xi visited Moscow.", [Mark(0, 2, "actor"), Mark(11, 17, "place")])]
[('Xi', ('actor',)), (' visited ', ()), ('Moscow', ('place',)), ('.', ())]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

KINDS = ("trigger", "actor", "time", "place", "removed")


@dataclass(frozen=True)
class Mark:
    """A span to highlight, in offsets of the text being segmented."""

    start: int
    end: int
    kind: str
    title: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...]
    title: str = ""

    @property
    def css(self) -> str:
        return " ".join(f"hl-{k}" for k in self.kinds)


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut the text at every mark boundary; each piece carries the kinds of the marks covering it."""
    inside = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.kind in KINDS]
    cuts = sorted({0, len(text), *(m.start for m in inside), *(m.end for m in inside)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in inside if m.start <= a and b <= m.end]
        kinds = tuple(k for k in KINDS if any(m.kind == k for m in covering))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        if out and out[-1].kinds == kinds and out[-1].title == title:
            out[-1] = Segment(out[-1].text + text[a:b], kinds, title)
        else:
            out.append(Segment(text[a:b], kinds, title))
    return out


def document_marks(doc: dict[str, Any], start: int, end: int, events: list[dict[str, Any]] | None = None
                   ) -> list[Mark]:
    """Return the marks of a document contract dict that fall in [start, end), shifted to start at 0."""
    marks: list[Mark] = []

    def add(s: int | None, e: int | None, kind: str, title: str) -> None:
        if s is not None and e is not None and start <= s and e <= end:
            marks.append(Mark(s - start, e - start, kind, title))

    for a in doc.get("actors") or []:
        name = " ".join(str(x) for x in (a.get("code"), a.get("entity")) if x)
        add(a.get("start"), a.get("end"), "actor", name)
    for t in doc.get("timexes") or []:
        add(t.get("start"), t.get("end"), "time", f"{t.get('type')} {t.get('value')}")
    for p in doc.get("places") or []:
        add(p.get("start"), p.get("end"), "place",
            ", ".join(str(x) for x in (p.get("name"), p.get("country")) if x) + f" ({p.get('kind')})")
    for ev in events if events is not None else doc.get("events") or []:
        trig = ev.get("trigger") or {}
        add(trig.get("start"), trig.get("end"), "trigger", f"{ev.get('cameo')} {ev.get('label')}")
    for r in doc.get("removed") or []:
        add(r.get("start"), r.get("end"), "removed", str(r.get("reason")))
    return marks
