"""Date each event by the time expression that governs its trigger, else by the publication day.

The governing expression is found in the dependency parse: one attached to the trigger or to a
word the trigger's clause hangs from (an infinitive's verb, a coordinated verb, the main clause of
a "when" clause, the verb a visit is the object of when that verb is a support verb such as
"hold" or "plan", listed in data/when/lexicon.tsv). Reporting verbs are a boundary: in "The
Kremlin said on Friday that Xi will visit", Friday dates the saying, not the visit.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from newsevents.model import EventDate, EventMention, Timex
from newsevents.when.knowledge import knowledge
from newsevents.when.values import add_months, month_value, parse_iso, value_range, week_value

# Clause links a verb trigger shares its time with; ccomp (reported content), relcl and acl are boundaries.
VERB_LINKS = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "aux", "auxpass", "acomp", "dep"})
# Links an event noun shares its time with.
NOUN_LINKS = frozenset({"prep", "pobj", "compound", "appos", "conj", "npadvmod"})
WHEN_WORDS = frozenset({"when", "while", "as"})
# Links that open a new clause: a time expression below one of them belongs to that clause.
CLAUSE_LINKS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj"})
# "During the meeting, they will sign ...": the meeting (an anchor noun of the lexicon) is dated elsewhere.
ANCHOR_PREPOSITIONS = frozenset({"during", "at", "on", "in"})
_SKIP_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Y": "year"}  # of a duration's unit letter
_MAX_CHAIN = 12


def _token(parse: Any, start: int, end: int) -> Any | None:
    span = parse.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _trigger_chain(trigger: Any) -> list[Any]:
    """Return the trigger and the words above it that share its time, nearest first."""
    chain = [trigger]
    token = trigger
    for _ in range(_MAX_CHAIN):
        head = token.head
        if head is token:
            break
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            ok = token.dep_ in NOUN_LINKS or (
                token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
                and knowledge().has("support_verb", head.lemma_)
            )
        else:
            # "..., when Putin visited Beijing": a when-clause shares the time of what it hangs from.
            ok = token.dep_ in VERB_LINKS or (
                token.dep_ in ("relcl", "acl") and any(c.lower_ in WHEN_WORDS for c in token.children)
            )
        if not ok:
            break
        chain.append(head)
        token = head
    return chain


def _attachment(parse: Any, timex: Timex) -> Any | None:
    """Return the word a time expression modifies (through its preposition, if any)."""
    root = _token(parse, timex.start, timex.end)
    if root is None:
        return None
    head = root.head
    while head.dep_ == "prep" and head.head is not head and not (timex.start <= head.idx < timex.end):
        head = head.head
    if head is root:
        return None
    # "Officers said on Friday they detained ...": a time expression right after a reporting verb,
    # before the subject of its clause, belongs to the reporting verb, whatever the parser hung it on.
    if head.dep_ == "ccomp" and head.head.i < root.i and not any(c.dep_ == "mark" for c in head.children):
        subjects = [c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        first = parse.char_span(timex.start, timex.end, alignment_mode="expand")[0].i
        between = parse[head.head.i + 1: first]
        if subjects and root.i < min(subjects) and all(t.pos_ in ("ADP", "PUNCT") for t in between):
            return head.head
    return head


def _is_ancestor(token: Any, other: Any) -> bool:
    return any(a.i == token.i for a in other.ancestors)


def _in_other_clause(head: Any, trigger: Any) -> bool:
    """Say whether ``head`` sits in a clause below the trigger (reported content, a relative clause)."""
    token = head
    for _ in range(_MAX_CHAIN * 2):
        if token.i == trigger.i:
            return False
        if token.dep_ in CLAUSE_LINKS:
            return any(a.i == trigger.i for a in token.ancestors)
        if token.head is token:
            return False
        token = token.head
    return False


def governing_timex(
    parse: Any, trigger_start: int, trigger_end: int, timexes: list[Timex], also: frozenset[int] = frozenset()
) -> Timex | None:
    """Return the time expression that dates the event whose trigger is at [start, end), or None.

    ``also`` holds the starts of expressions datable only through another event ("a few weeks
    before the invasion").
    """
    trigger = _token(parse, trigger_start, trigger_end)
    if trigger is None:
        return None
    sent = trigger.sent
    local = [t for t in timexes
             if sent.start_char <= t.start < sent.end_char and (datable(t) or t.start in also)]
    if not local:
        return None
    chain = _trigger_chain(trigger)
    position = {tok.i: k for k, tok in enumerate(chain)}
    ranked: list[tuple[int, int, Timex]] = []
    loose: list[tuple[int, Timex]] = []
    for timex in local:
        head = _attachment(parse, timex)
        if head is None:
            continue
        if head.i in position:
            ranked.append((position[head.i], abs(timex.start - trigger_start), timex))
        elif head.dep_ == "acl" and head.head.i == trigger.i:
            # "the talks, scheduled for March 30": a participle describing the event noun.
            ranked.append((1, abs(timex.start - trigger_start), timex))
        elif not _is_ancestor(head, trigger) and not _in_other_clause(head, trigger):
            # Attached beside the trigger rather than above it: a weaker, sentence-level reading.
            loose.append((abs(timex.start - trigger_start), timex))
    if ranked:
        return min(ranked, key=lambda r: (r[0], r[1]))[2]
    if loose:
        return min(loose, key=lambda r: r[0])[1]
    return None


def datable(timex: Timex) -> bool:
    """Say whether a time expression can date an event (a calendar stretch, or a span back from now)."""
    if timex.type in ("DATE", "TIME"):
        if timex.value in _SKIP_VALUES:
            return False
        return timex.range_end is not None or value_range(timex.value) is not None
    return timex.type == "DURATION" and bool(re.match(r"(?i)(?:in\s+)?the\s+(?:past|last)\b", timex.text))


def event_date(timex: Timex, published: str | None) -> EventDate | None:
    """Return the EventDate a time expression gives (a duration counts back from publication)."""
    if timex.range_end is not None:
        granularity = timex.granularity or "day"
        return EventDate(timex.value[:10], timex.range_end[:10], granularity, timex.text, "text")
    found = value_range(timex.value)
    if found is not None:
        start, end, granularity = found
        pub = parse_iso(published or "")
        # "earlier this week" cannot reach past the day it was written.
        if pub and timex.text.lower().startswith("earlier") and end > pub.isoformat() >= start:
            end = pub.isoformat()
        return EventDate(start, end, granularity, timex.text, "text")
    pub = parse_iso(published or "")
    m = re.fullmatch(r"P(\d+)([DWMY])", timex.value)
    if pub is None or m is None:
        return None
    begin = _shift(pub, m.group(2), -int(m.group(1)))
    return EventDate(begin.isoformat(), pub.isoformat(), _UNIT_GRANULARITY[m.group(2)], timex.text, "text")


def published_date(published: str | None) -> EventDate | None:
    """Return the fallback date: the publication day, or None without one."""
    pub = parse_iso(published or "")
    if pub is None:
        return None
    day = pub.isoformat()
    return EventDate(day, day, "day", None, "published")


def anchor_noun(parse: Any, trigger_start: int, trigger_end: int) -> Any | None:
    """Return the event noun of a "during the meeting" phrase governing the trigger, if any."""
    trigger = _token(parse, trigger_start, trigger_end)
    if trigger is None:
        return None
    for token in _trigger_chain(trigger):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ANCHOR_PREPOSITIONS:
                for noun in prep.children:
                    if noun.dep_ == "pobj" and knowledge().has("anchor_noun", noun.lemma_.lower()):
                        return noun
    return None


def _definite_event_noun(parse: Any, trigger_start: int, trigger_end: int) -> Any | None:
    """Return the trigger itself when it is "the visit" or "Xi's trip": a mention of an event told earlier."""
    token = _token(parse, trigger_start, trigger_end)
    if token is None or not knowledge().has("anchor_noun", token.lemma_.lower()):
        return None
    definite = ("the", "this", "that")
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in definite) for c in token.children):
        return token
    return None


def _anchored_date(parse: Any, noun: Any, timexes: list[Timex], published: str | None) -> EventDate | None:
    """Date a "during the meeting" event by the nearest earlier mention of such an event that has a date."""
    for token in reversed(parse[: noun.i]):
        if knowledge().has("anchor_noun", token.lemma_.lower()):
            timex = governing_timex(parse, token.idx, token.idx + len(token.text), timexes)
            if timex is not None:
                return event_date(timex, published)
    return None


_RELATIVE_TO_EVENT = re.compile(
    r"\s+(?P<rel>before|after|ahead\s+of|prior\s+to|following)\s+(?:the|this|that|his|her|its|their|"
    r"[A-Z][\w.-]*['’]s)\s+(?P<noun>[a-z][\w-]*)"
)


def _event_relative_dates(
    parse: Any, timexes: list[Timex], published: str | None
) -> dict[int, EventDate]:
    """Date "a few weeks before the invasion" from the invasion's own date, where the text gives one.

    The referenced event is another mention of the same noun (or of its verb, "invaded") that a
    time expression dates; the result counts the stretch back (or on) from that date.
    """
    out: dict[int, EventDate] = {}
    for timex in timexes:
        m = _RELATIVE_TO_EVENT.match(parse.text, timex.end)
        unit = re.fullmatch(r"P(\d+|X)([DWMY])", timex.value) if timex.type == "DURATION" else None
        if m is None or unit is None:
            continue
        anchor = _referenced_event_date(parse, m.start("noun"), m.end("noun"), timexes, published)
        if anchor is None:
            continue
        n = 3 if unit.group(1) == "X" else int(unit.group(1))  # "a few weeks": up to about three
        after = m.group("rel").startswith(("after", "following"))
        base = parse_iso(anchor.end if after else anchor.start)
        if base is None:
            continue
        shifted = _shift(base, unit.group(2), n if after else -n)
        first, last = (base, shifted) if after else (shifted, base)
        if unit.group(1) != "X":
            first = last = shifted  # "three days before": that day, not the stretch up to it
        text = parse.text[timex.start:m.end()]
        out[timex.start] = EventDate(first.isoformat(), last.isoformat(), _UNIT_GRANULARITY[unit.group(2)], text,
                                     "text")
    return out


def _shift(day: date, letter: str, n: int) -> date:
    """Return the day ``n`` days, weeks, months or years (D, W, M, Y) from ``day``."""
    if letter in ("D", "W"):
        return day + timedelta(days=n * (7 if letter == "W" else 1))
    return add_months(day, n * (12 if letter == "Y" else 1))


def _referenced_event_date(
    parse: Any, start: int, end: int, timexes: list[Timex], published: str | None
) -> EventDate | None:
    """Return the date of another mention of the event noun at [start, end) ("the invasion")."""
    noun = _token(parse, start, end)
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    stem = lemma[:4]  # "invasion" and "invaded", "election" and "elected"
    mentions = [t for t in parse if t.i != noun.i and (t.lemma_.lower() == lemma or (
        len(lemma) >= 6 and t.lemma_.lower().startswith(stem) and t.pos_ in ("NOUN", "VERB")))]
    for token in sorted(mentions, key=lambda t: abs(t.i - noun.i)):
        timex = governing_timex(parse, token.idx, token.idx + len(token.text), timexes)
        if timex is not None:
            found = event_date(timex, published)
            if found is not None:
                return found
    return None


def date_events(parse: Any, events: list[EventMention], timexes: list[Timex], published: str | None) -> None:
    """Set ``date`` on every event: its governing time expression, else the publication day."""
    relative = _event_relative_dates(parse, timexes, published) if parse is not None else {}
    for event in events:
        found = None
        if parse is not None:
            # "two days after X shelled Kharkiv, Y attacked on Friday": X's day comes from Y's, not Friday.
            found = _clause_relative_date(parse, event, timexes, published)
        if parse is not None and found is None:
            timex = governing_timex(parse, event.trigger.start, event.trigger.end, timexes, frozenset(relative))
            if timex is not None and timex.start in relative:
                found = relative[timex.start]
            else:
                found = event_date(timex, published) if timex is not None else None
            noun = anchor_noun(parse, event.trigger.start, event.trigger.end) if found is None else None
            if found is None and noun is None:
                noun = _definite_event_noun(parse, event.trigger.start, event.trigger.end)
            if noun is not None:
                found = _anchored_date(parse, noun, timexes, published)
        event.date = found or published_date(published)
    if parse is not None:
        _date_by_coreference(parse, events)


_CLAUSE_MARKS = {"after": -1, "since": -1, "before": 1}


def _clause_relative_date(
    parse: Any, event: EventMention, timexes: list[Timex], published: str | None
) -> EventDate | None:
    """Date "the call came more than a month after Xi visited Moscow": the visit, a month before the call.

    The trigger's clause (or the clause it is coordinated with) hangs from another verb through "after",
    "since" or "before" and carries a duration ("two days after ..."): the event lies that stretch
    before (or after) the day of the verb it hangs from, read at the duration's unit ("more than a month"
    gives the month a month back).
    """
    clause = _token(parse, event.trigger.start, event.trigger.end)
    while clause is not None and clause.dep_ == "conj":
        clause = clause.head
    if clause is None or clause.dep_ != "advcl":
        return None
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS]
    if not marks:
        return None
    span = next((t for t in timexes if t.type == "DURATION"
                 and any(c.dep_ in ("npadvmod", "obj", "dobj") and t.start <= c.idx < t.end
                         for c in clause.children)), None)
    if span is None:
        return None
    unit = re.fullmatch(r"P(\d+)([DWMY])", span.value)
    if unit is None:
        return None
    head = clause.head
    timex = governing_timex(parse, head.idx, head.idx + len(head.text), timexes)
    ref = event_date(timex, published) if timex is not None else published_date(published)
    day = parse_iso(ref.start) if ref is not None and ref.start == ref.end else None
    if day is None:
        return None
    base = _shift(day, unit.group(2), _CLAUSE_MARKS[marks[0]] * int(unit.group(1)))
    value = {"D": base.isoformat(), "W": week_value(base), "M": month_value(base), "Y": str(base.year)}[unit.group(2)]
    days = value_range(value)
    if days is None:
        return None
    return EventDate(days[0], days[1], days[2], parse.text[span.start:span.end], "text")


def _date_by_coreference(parse: Any, events: list[EventMention]) -> None:
    """Give "the visit of the Chinese president to Russia" the date of the visit the text dates.

    A definite event noun with no date of its own names an event the article tells elsewhere: when every
    dated mention of the same code between the same countries agrees on one date, it is that event's
    date (and, dated after publication, the time stage then calls it planned). Disagreeing dates (two
    visits in one article) leave it dated by the publication day.
    """
    for event in events:
        if event.date is None or event.date.basis != "published" or event.source is None or event.target is None:
            continue
        if _definite_event_noun(parse, event.trigger.start, event.trigger.end) is None:
            continue
        dates = {(e.date.start, e.date.end): e.date for e in events
                 if e is not event and e.cameo == event.cameo and e.date is not None and e.date.basis == "text"
                 and e.source is not None and e.target is not None
                 and (e.source.country, e.target.country) == (event.source.country, event.target.country)}
        if len(dates) == 1:
            event.date = replace(next(iter(dates.values())))

