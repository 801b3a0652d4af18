"""Find and normalise time expressions in a document with our own rules; spaCy's entities are hints only.

>>> from datetime import date
>>> [(t.text, t.value) for t in recognise("Xi met Putin last week.", Context(date(2023, 3, 17)))]
[('last week', '2023-W10')]
"""

from __future__ import annotations

import bisect
from typing import Any

from newsevents.model import Document, Timex
from newsevents.when import absolute, amounts, anaphora, named, relative  # noqa: F401 - importing registers the rules
from newsevents.when.anaphora import resolve_anaphora
from newsevents.when.rules import Context, Reading, compiled_rules
from newsevents.when.tense import direction_at
from newsevents.when.values import parse_iso


def _candidates(text: str) -> list[tuple[int, int, int, Any]]:
    found = []
    for order, rule in enumerate(compiled_rules()):
        for m in rule.pattern.finditer(text):
            groups = m.groupdict()
            start, end = m.span("span") if groups.get("span") else m.span()
            if end > start:
                found.append((start, end, order, m))
    # Longest first; among equals, the rule registered first.
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return found


def recognise(text: str, ctx: Context, *, skip: Any = None) -> list[Timex]:
    """Return the time expressions of ``text``, longest match first, resolved against ``ctx``.

    ``skip(start, end)`` says whether a stretch must be ignored (removed boilerplate).
    """
    taken: list[tuple[int, int]] = []
    starts: list[int] = []
    out: list[Timex] = []
    anaphoric: dict[int, tuple[str, int]] = {}
    rules = compiled_rules()
    for start, end, order, m in _candidates(text):
        i = bisect.bisect_left(starts, start)
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        if skip is not None and skip(start, end):
            continue
        reading: Reading | None = rules[order].resolve(m, ctx)
        if reading is None:
            continue
        taken.insert(i, (start, end))
        starts.insert(i, start)
        out.append(Timex(text=text[start:end], start=start, end=end, type=reading.type, value=reading.value,
                         granularity=reading.granularity, range_end=reading.range_end))
        if reading.anaphor is not None:
            anaphoric[id(out[-1])] = reading.anaphor
    out.sort(key=lambda t: t.start)
    if anaphoric:
        resolve_anaphora(out, {i: anaphoric[id(t)] for i, t in enumerate(out) if id(t) in anaphoric}, ctx.anchor)
    return out


def _entity_hint(parse: Any) -> Any:
    spans = sorted((e.start_char, e.end_char) for e in parse.ents if e.label_ in ("DATE", "TIME"))

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_right(spans, (end, end))
        return any(s < end and start < e for s, e in spans[max(0, i - 3): i])

    return overlaps


def find_timexes(doc: Document) -> list[Timex]:
    """Return the document's time expressions, sorted by start (needs doc.text; uses doc.parse when set)."""
    anchor = parse_iso(doc.published or "")
    parse = doc.parse
    if parse is not None:
        ctx = Context(
            anchor, direction=lambda s, e: direction_at(parse, s, e), date_entity=_entity_hint(parse)
        )
        text = parse.text
    else:
        ctx = Context(anchor)
        text = doc.masked_text()
    return recognise(text, ctx, skip=doc.is_removed if doc.removed else None)
